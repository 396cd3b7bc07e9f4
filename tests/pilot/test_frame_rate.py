"""Each app updates its screens at its own frame rate (mbc_tui.frame_rate), whatever
``TEXTUAL_FPS`` said when Textual was imported, and without touching other apps."""

from __future__ import annotations

from collections.abc import Callable

from textual import constants
from textual.command import CommandPalette

from mbc_tui.app import GuideApp
from mbc_tui.screens.help import HelpScreen
from mbc_tui.terminal.display_profile import LOW_BANDWIDTH_FPS, DisplayProfile
from mbc_tui.textual_compat import screen_update_period

SIZE = (80, 24)
LOW = DisplayProfile(low_bandwidth=True)


async def test_a_low_bandwidth_app_draws_15_frames_a_second(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app(profile=LOW)
    async with app.run_test(size=SIZE) as pilot:
        assert screen_update_period(app.screen) == 1 / LOW_BANDWIDTH_FPS  # the first screen
        await pilot.press("question_mark")  # one of the guide's own screens
        assert isinstance(app.screen, HelpScreen)
        assert screen_update_period(app.screen) == 1 / LOW_BANDWIDTH_FPS
        await pilot.press("escape", "ctrl+p")  # and one of Textual's
        assert isinstance(app.screen, CommandPalette)
        assert screen_update_period(app.screen) == 1 / LOW_BANDWIDTH_FPS


async def test_the_cap_is_the_apps_own(make_app: Callable[..., GuideApp]) -> None:
    """A default app in the same process, even at the same time, keeps Textual's rate."""
    low, default = make_app(profile=LOW), make_app()
    async with low.run_test(size=SIZE), default.run_test(size=SIZE):
        assert screen_update_period(default.screen) == 1 / constants.MAX_FPS
        assert screen_update_period(low.screen) == 1 / LOW_BANDWIDTH_FPS
        assert constants.MAX_FPS > LOW_BANDWIDTH_FPS
