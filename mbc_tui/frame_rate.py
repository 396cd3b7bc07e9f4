"""A frame-rate cap that belongs to one app, not to the process (an App mixin).

Textual draws each screen's changes on a timer, at most every ``1 / TEXTUAL_FPS`` seconds.
It reads ``TEXTUAL_FPS`` once, when ``textual.screen`` is imported. Over SSH, Textual is
imported by the warm parent long before a session's display profile exists, so a variable
set later changes nothing; and a process-wide setting would hold for every app in the
process (the tests run hundreds in one).

So :class:`FrameRateCap` gives each screen of its app an update timer at the app's own rate
as the screen is registered, before the screen has made its own: the cap holds in a process
forked after Textual was imported, and for this app only. Textual's private names this
takes are in :mod:`mbc_tui.textual_compat`.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from mbc_tui.textual_compat import ScreenRegisteringApp, set_screen_update_period


class FrameRateCap(ScreenRegisteringApp):
    """An app whose screens draw at most ``max_fps`` frames a second (``None``: Textual's
    own rate, ``TEXTUAL_FPS`` or 60)."""

    max_fps: int | None = None

    def screen_registered(self, screen: Screen[Any]) -> None:
        super().screen_registered(screen)
        if self.max_fps is not None:
            set_screen_update_period(screen, 1 / self.max_fps)
