"""The display profile: chosen from the command line and the environment."""

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


@pytest.mark.parametrize(
    ("environ", "flag", "expected"),
    [
        ({"TERM": "xterm-256color"}, False, DisplayProfile()),
        ({"TERM": "xterm-256color"}, True, DisplayProfile(low_bandwidth=True)),
        ({"MBC_TUI_LOW_BANDWIDTH": "1"}, False, DisplayProfile(low_bandwidth=True)),
        ({"MBC_TUI_LOW_BANDWIDTH": "0"}, False, DisplayProfile()),
        ({"NO_COLOR": "1"}, False, DisplayProfile(no_color=True)),
        ({"NO_COLOR": ""}, False, DisplayProfile()),  # no-color.org: only a non-empty value
        ({"TERM": "vt100"}, False, DisplayProfile(no_color=True, ascii_only=True)),
        ({"TERM": "vt220"}, False, DisplayProfile(no_color=True, ascii_only=True)),
        ({"TERM": "linux"}, False, DisplayProfile(ascii_only=True)),
    ],
)
def test_profile_from_environment(
    environ: dict[str, str], flag: bool, expected: DisplayProfile
) -> None:
    assert DisplayProfile.from_environment(environ, low_bandwidth=flag) == expected


def test_low_bandwidth_choices() -> None:
    profile = DisplayProfile(low_bandwidth=True)
    assert not profile.mouse
    assert profile.terminal_colours and profile.ascii_borders
    assert profile.max_fps is not None and profile.max_fps <= 20
    default = DisplayProfile()
    assert default.mouse and not default.terminal_colours and default.max_fps is None


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
