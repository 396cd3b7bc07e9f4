"""A widget whose subtitle (the words in its bottom border) repaints that row alone.

Textual repaints a whole widget when its subtitle changes. The reader's says which page is
shown ("page 2 of 4") and so changes on every Page Down, which also scrolls the text: the
text repaints itself (its content area), and the subtitle repainted the rest, the top border
with the section's title included, unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget

# A mixin, placed before the widget class it goes with: Textual's CSS, component classes and
# bindings follow a class's first base that is a widget, so this one must not be one.
_Mixin = Widget if TYPE_CHECKING else object


class SubtitleRow(_Mixin):
    """For a widget (a mixin: ``class Reader(SubtitleRow, SomeWidget)``): set its subtitle
    through :meth:`say_below` to repaint the bottom border alone."""

    _saying_below = False

    def say_below(self, subtitle: Content) -> None:
        """Show ``subtitle`` in the bottom border (if it changed), repainting that row."""
        if self.border_subtitle == subtitle:
            return
        self._saying_below = True
        try:
            self.border_subtitle = subtitle
        finally:
            self._saying_below = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._saying_below and not (regions or layout or recompose):
            row = self._bottom_border_row()
            if row is not None:
                regions = (row,)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _bottom_border_row(self) -> Region | None:
        """The bottom border's row, where ``refresh`` takes regions (relative to the content
        area); None if the widget has no bottom border or no size yet."""
        width, height = self.outer_size
        if not height or not self.styles.border_bottom[0]:
            return None
        offset = self.content_offset
        return Region(-offset.x, height - 1 - offset.y, width, 1)
