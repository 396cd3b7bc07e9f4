"""Screens that repaint only what changed when focus moves.

Textual's ``Screen.focused`` is a reactive that repaints the *whole* screen on every
focus change. The widgets that gain and lose focus repaint themselves anyway (their
``:focus`` styles change), so the rest is bytes for nothing: over a slow line a Tab
would cost a full screen. These bases keep Textual's behaviour, minus that repaint.
A full-page ``LeanScreen`` also lays itself out again only when its size really changes.

When a screen must be lean: when focus moves on it while it is being read. That is, it
has more than one part that takes focus and keys move between them (Tab, Enter taking
focus from a list to the text, keys that act on switches), so that each move would
otherwise send the whole screen again. A full-page screen derives from ``LeanScreen``, a
dialog from ``LeanModalScreen``. A screen whose focus is set once and stays put (the
results summary, the save prompt, the too-small notice) gains nothing from it.

Lean screens today: the guide (topic list and reader), the subtype explorer (three
switches) and the help dialog, the screens of the bandwidth benchmark's journey
(``benchmarks/bandwidth.py``), which measures them. Making a screen lean asks two things
of it: every widget on it that looks different when focused must repaint itself on focus
and blur (Textual's widgets do, through ``:focus`` styles; a widget of ours that draws
focus some other way must refresh itself), and the screen must draw itself when shown
(the bases do, in ``on_screen_resume``).
"""

from __future__ import annotations

from textual.geometry import Size
from textual.messages import Update
from textual.reactive import Reactive
from textual.screen import ModalScreen, ScreenResultType
from textual.widget import Widget

from mbc_tui.textual_compat import LayoutFilteringScreen


class LeanScreen(LayoutFilteringScreen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    _laid_out_for: Size | None = None

    def should_lay_out(self, size: Size) -> bool:
        # Textual lays the whole screen out again on every resize event, even one that does
        # not change the size; a starting app gets three of those. Only a new size needs it
        # (any other change asks for a layout of its own).
        if size == self._laid_out_for:
            return False
        if self.stack_updates and self.is_attached:  # Textual lays out only then
            self._laid_out_for = size
        return True

    def on_screen_resume(self) -> None:
        # Textual relied on the focus repaint to draw a screen when it is shown: do it here.
        self.refresh()

    def focus_now(self, widget: Widget) -> None:
        """Focus ``widget`` and restyle it and the widget that loses focus at once, not when
        their Focus and Blur events are handled: inside ``App.batch_update`` the focus change
        is then drawn in the same frame as the rest. (A screen reader speaks each frame: a
        focus drawn a frame late made opening a section heard twice.)"""
        blurred = self.focused
        self.set_focus(widget)
        for node, focused in ((blurred, False), (widget, True)):
            if node is not None and (node is not widget or focused):
                node.has_focus = focused  # what the Focus and Blur handlers will set too
                node.refresh()
                # A widget asks the screen to paint it when it is next idle, which may be
                # after this frame: ask now.
                self.post_message(Update(node))


class LeanModalScreen(ModalScreen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_screen_resume(self) -> None:
        self.refresh()
