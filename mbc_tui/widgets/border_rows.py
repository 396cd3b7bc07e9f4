"""A widget whose title or subtitle (the words in its top or bottom border) repaints that
border's row alone.

Textual repaints a whole widget when its title or subtitle changes. The reader's subtitle
says which page is shown ("page 2 of 4") and so changes on every Page Down, which also
scrolls the text: the text repaints itself (its content area), and the subtitle repainted
the rest, the top border with the section's title included, unchanged. The explorer's
answer panel changes its title with the answer ("Matching row of Table 1"), and the whole
panel was drawn again for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Self

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

# A mixin, placed before the widget class it goes with: Textual's CSS, component classes and
# bindings follow a class's first base that is a widget, so this one must not be one.
_Mixin = Widget if TYPE_CHECKING else object

Edge = Literal["top", "bottom"]


class BorderRows(_Mixin):
    """For a widget (a mixin: ``class Reader(BorderRows, SomeWidget)``): set its title
    through :meth:`say_above` and its subtitle through :meth:`say_below` to repaint that
    border's row alone."""

    _changing_edge: Edge | None = None

    def say_above(self, title: str | Content) -> None:
        """Show ``title`` in the top border (if it changed), repainting that row."""
        if self.border_title != title:
            self._change_border_text("top", "border_title", title)

    def say_below(self, subtitle: str | Content) -> None:
        """Show ``subtitle`` in the bottom border (if it changed), repainting that row."""
        if self.border_subtitle != subtitle:
            self._change_border_text("bottom", "border_subtitle", subtitle)

    def _change_border_text(self, edge: Edge, attribute: str, text: str | Content) -> None:
        self._changing_edge = edge
        try:
            setattr(self, attribute, text)
        finally:
            self._changing_edge = None

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._changing_edge and not (regions or layout or recompose):
            row = self._border_row(self._changing_edge)
            if row is not None:
                regions = (row,)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _border_row(self, edge: Edge) -> Region | None:
        """The top or bottom border's row, where ``refresh`` takes regions (relative to the
        content area); None if the widget has no border there or no size yet."""
        width, height = self.outer_size
        top = edge == "top"
        if not height or not (self.styles.border_top if top else self.styles.border_bottom)[0]:
            return None
        offset = self.content_offset
        return Region(-offset.x, -offset.y if top else height - 1 - offset.y, width, 1)
