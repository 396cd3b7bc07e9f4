"""Screens that repaint only what changed when focus moves.

Textual's ``Screen.focused`` is a reactive that repaints the *whole* screen on every
focus change. The widgets that gain and lose focus repaint themselves anyway (their
``:focus`` styles change), so the rest is bytes for nothing: over a slow line a Tab
would cost a full screen. These bases keep Textual's behaviour, minus that repaint.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.widget import Widget


class LeanScreen(Screen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    _laid_out_for: Size | None = None

    def _screen_resized(self, size: Size) -> None:
        # Textual lays the whole screen out again on every resize event, even one that does
        # not change the size; a starting app gets three of those. Only a new size needs it
        # (any other change asks for a layout of its own).
        if size == self._laid_out_for:
            return
        if self.stack_updates and self.is_attached:
            self._laid_out_for = size
        super()._screen_resized(size)

    def on_screen_resume(self) -> None:
        # Textual relied on the focus repaint to draw a screen when it is shown: do it here.
        self.refresh()


class LeanModalScreen(ModalScreen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_screen_resume(self) -> None:
        self.refresh()
