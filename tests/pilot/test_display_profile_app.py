"""The display profile in the app: frame rate, mouse, colours and animation as it says."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import constants
from textual.app import App

from mbc_tui import cli
from mbc_tui.app import GuideApp
from mbc_tui.terminal.display_profile import LOW_BANDWIDTH_FPS, DisplayProfile
from mbc_tui.textual_compat import rendered_strips, screen_update_period
from tests.conftest import app_screen_text


async def test_low_bandwidth_app(make_app: Callable[..., GuideApp]) -> None:
    app = make_app(profile=DisplayProfile(low_bandwidth=True))
    async with app.run_test(size=(80, 24)):
        assert app.animation_level == "none"
        assert app.theme == "ansi-dark"
        assert app.ansi_color
        assert app.has_class("-ascii")
        text = app_screen_text(app)
        assert "+- Topics " in text  # the focused pane, framed in ASCII
        assert "╔" not in text and "╭" not in text


async def test_default_app_has_no_animation_either(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert app.animation_level == "none"
        assert not app.has_class("-ascii")


def test_cli_builds_the_app_with_its_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--low-bandwidth``: the app the command line runs draws 15 frames a second, and
    without the mouse; the default app keeps Textual's rate and the mouse."""
    runs: list[tuple[DisplayProfile, bool, float]] = []

    async def run_headless(self: GuideApp, *, mouse: bool = True, **options: object) -> None:
        async with self.run_test(size=(80, 24)):
            runs.append((self.profile, mouse, screen_update_period(self.screen)))

    monkeypatch.setattr(App, "run_async", run_headless)  # what GuideApp.run_async calls
    monkeypatch.setattr(cli, "wants_line_mode", lambda: False)  # as if on a terminal
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("MBC_TUI_LOW_BANDWIDTH", raising=False)
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    assert cli.main(["--low-bandwidth"]) == 0
    assert cli.main([]) == 0
    (low, low_mouse, low_period), (default, default_mouse, default_period) = runs
    assert low == DisplayProfile(low_bandwidth=True) and not low_mouse
    assert low_period == 1 / LOW_BANDWIDTH_FPS
    assert default == DisplayProfile() and default_mouse
    assert default_period == 1 / constants.MAX_FPS


async def test_a_no_colour_profile_needs_no_variable(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The profile alone (as over SSH, where the app's environment has no NO_COLOR) takes
    every colour away, as NO_COLOR=1 does."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(profile=DisplayProfile(no_color=True))
    async with app.run_test(size=(80, 24)):
        colours = {
            colour
            for strip in rendered_strips(app.screen)
            for segment in strip
            if segment.style is not None
            for colour in (segment.style.color, segment.style.bgcolor)
            if colour is not None and not colour.is_default
        }
        assert app.no_color
        assert colours == set()


async def test_an_empty_no_color_draws_in_colour_at_every_size(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR set but empty asks for nothing (no-color.org): the guide is drawn in colour,
    as its profile says, where Textual alone would grey it (and at 120x40 a section's blank
    rows below its text stopped the guide: Textual's grey filter found a row with no style)."""
    monkeypatch.setenv("NO_COLOR", "")
    profile = DisplayProfile.from_environment({"NO_COLOR": "", "TERM": "xterm-256color"})
    assert profile == DisplayProfile()
    for size in ((80, 24), (120, 40)):
        app = make_app(profile=profile)
        async with app.run_test(size=size) as pilot:
            await pilot.press("down", "down", "enter")
            await pilot.pause()
            assert "Section 3 of 9" in app_screen_text(app)
            colours = {
                segment.style.color
                for strip in rendered_strips(app.screen)
                for segment in strip
                if segment.style is not None and segment.style.color is not None
            }
            assert not app.no_color
            assert any(not colour.is_default and colour.triplet for colour in colours), colours
            grey = [c for c in colours if c.triplet and len(set(c.triplet)) == 1]
            assert len(grey) < len(colours)
