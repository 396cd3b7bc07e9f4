"""A vertical scroll bar that is always there, drawn as blanks while all of its page shows.

Textual shows a scroll bar only while its widget's content is taller than the widget, and
its coming or going asks for a layout of the whole screen and a frame of its own (the bar
is a widget of its own, placed by the layout). The reader keeps its bar's column either way
(``scrollbar-gutter: stable``), so a bar kept in place (``overflow-y: scroll``) that draws
that column as the page's own blanks while the page fits looks the same, and opening a
section that needs a bar, or that needs none, moves nothing: no layout, only a repaint.
"""

from __future__ import annotations

from rich.style import Style as RichStyle
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from mbc_tui.ascii_scrollbars import draws_ascii
from mbc_tui.strip_scrollbars import BarVisual, StripAsciiScrollBarRender, StripScrollBarRender
from mbc_tui.textual_compat import paint_alone


class KeptBarVisual(BarVisual):
    """``BarVisual``, or the column as blanks on the bar's own style while all shows
    (Textual's bar then has no window: ``window_size`` 0)."""

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if self.bar.window_size:
            return super().render_strips(width, height, style, options)
        # The page's own background, no colour of text: drawn as the padding beside it is,
        # so no style changes between the two (bytes on every row).
        blank = Strip.blank(width, RichStyle(bgcolor=style.rich_style.bgcolor))
        return [blank] * (height or 0)


class KeptScrollBarRender(StripScrollBarRender):
    """A bar drawn as strips, by ``KeptBarVisual``."""

    def visualize(self) -> Visual | ScrollBarRender:
        return KeptBarVisual(self) if self.vertical else self


class KeptAsciiScrollBarRender(KeptScrollBarRender, StripAsciiScrollBarRender):
    """``AsciiScrollBarRender``'s thumb of blanks, drawn by ``KeptBarVisual``."""


def keep_scrollbar(widget: Widget) -> None:
    """Draw ``widget``'s vertical bar with ``KeptScrollBarRender`` (in ASCII where the app
    draws ASCII scroll bars). The widget keeps its bar with ``overflow-y: scroll``."""
    ascii_bar = draws_ascii(widget.app)
    widget.vertical_scrollbar.renderer = (
        KeptAsciiScrollBarRender if ascii_bar else KeptScrollBarRender
    )


def thumb_in_next_frame(widget: Widget) -> None:
    """Draw ``widget``'s bar blank in the coming frame and its thumb in the frame after,
    alone: a bar that comes with a new page costs, drawn down its column in a frame of its
    own, fewer bytes than its style changes on every row of the page's frame."""
    bar = widget.vertical_scrollbar
    window = bar.window_size
    if not window or window >= bar.window_virtual_size:
        return  # no thumb to draw
    bar.set_reactive(ScrollBar.window_size, bar.window_virtual_size)  # all shows: blank

    def show_thumb() -> None:
        if bar.window_size == bar.window_virtual_size:  # still held (no new page since)
            bar.set_reactive(ScrollBar.window_size, window)
            if not paint_alone(bar):
                bar.refresh()

    widget.call_after_refresh(show_thumb)
