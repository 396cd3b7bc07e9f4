"""Screens that repaint only what changed when focus moves.

Textual's ``Screen.focused`` is a reactive that repaints the *whole* screen on every
focus change. The widgets that gain and lose focus repaint themselves anyway (their
``:focus`` styles change), so the rest is bytes for nothing: over a slow line a Tab
would cost a full screen. These bases keep Textual's behaviour, minus that repaint.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.widget import Widget


class LeanScreen(Screen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_screen_resume(self) -> None:
        # Textual relied on the focus repaint to draw a screen when it is shown: do it here.
        self.refresh()


class LeanModalScreen(ModalScreen[ScreenResultType]):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def on_screen_resume(self) -> None:
        self.refresh()
