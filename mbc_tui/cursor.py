"""The terminal cursor follows focus, for screen readers and braille displays.

BRLTTY and terminal screen readers show the line the terminal cursor is on, even when
the cursor is hidden. Textual moves the cursor to ``App.cursor_position`` after every
screen update, and only its text inputs set it. ``CursorFollowsFocus`` makes that
position *computed* at the moment Textual paints: the spot of whichever widget has
focus, so it is right after every key, on every screen, with no bookkeeping.

A widget's spot:

- a text input (``cursor_screen_offset``): its own text cursor, as Textual places it;
- an ``OptionList`` (the topic list, and any other): the start of the highlighted row;
- any other widget (a switch, the reader): the top-left of its content.

Every spot is kept inside the visible part of the widget.
"""

from __future__ import annotations

from textual.app import App, ScreenStackError
from textual.dom import NoScreen
from textual.errors import NoWidget
from textual.geometry import Offset, Region, clamp
from textual.widget import Widget
from textual.widgets import OptionList

from mbc_tui.textual_compat import option_rows


def cursor_spot(widget: Widget) -> Offset:
    """The screen cell where the terminal cursor should sit while ``widget`` has focus."""
    spot = getattr(widget, "cursor_screen_offset", None)
    if isinstance(spot, Offset):
        return spot
    content = widget.scrollable_content_region
    if isinstance(widget, OptionList) and widget.highlighted is not None:
        rows = option_rows(widget, widget.highlighted)
        line = rows[0] if rows is not None else 0
        return _inside(Offset(content.x, content.y + line - widget.scroll_offset.y), widget)
    return _inside(content.offset, widget)


def _inside(offset: Offset, widget: Widget) -> Offset:
    """``offset`` moved into the part of ``widget`` that is on the screen."""
    try:
        visible: Region = widget.screen.find_widget(widget).visible_region
    except (NoScreen, NoWidget):
        return offset
    if not visible:
        return offset
    return Offset(
        clamp(offset.x, visible.x, visible.right - 1),
        clamp(offset.y, visible.y, visible.bottom - 1),
    )


class CursorFollowsFocus(App[object]):
    """An App whose terminal cursor sits on the focused item after every update.

    Textual's own widgets still set ``cursor_position`` (its text inputs do); that value
    is kept, and used only while nothing has focus.
    """

    _set_cursor_position: Offset = Offset(0, 0)

    @property
    def cursor_position(self) -> Offset:  # type: ignore[override]
        try:
            focused = self.focused
        except ScreenStackError:  # no screen yet, or the app is closing
            focused = None
        if focused is None:
            return self._set_cursor_position
        return cursor_spot(focused)

    @cursor_position.setter
    def cursor_position(self, offset: Offset) -> None:
        self._set_cursor_position = offset
