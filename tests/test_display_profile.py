"""The display profile: chosen from the command line and the environment."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mbc_tui import cli
from mbc_tui.app import GuideApp
from mbc_tui.terminal.display_profile import DisplayProfile
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


async def test_low_bandwidth_app(make_app: Callable[..., GuideApp], guide) -> None:
    app = GuideApp(guide, profile=DisplayProfile(low_bandwidth=True))
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


def test_cli_runs_the_app_without_mouse_in_low_bandwidth(monkeypatch) -> None:
    runs: list[tuple[DisplayProfile, dict[str, object]]] = []

    def fake_run(self: GuideApp, **kwargs: object) -> None:
        runs.append((self.profile, kwargs))

    monkeypatch.setattr(GuideApp, "run", fake_run)
    monkeypatch.setattr(cli, "wants_line_mode", lambda: False)  # as if on a terminal
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("MBC_TUI_LOW_BANDWIDTH", raising=False)
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    assert cli.main(["--low-bandwidth"]) == 0
    assert cli.main([]) == 0
    (low, low_kwargs), (default, default_kwargs) = runs
    assert low.low_bandwidth and low_kwargs == {"mouse": False}
    assert not default.low_bandwidth and default_kwargs == {"mouse": True}
