"""The display profile: chosen from the command line and the environment (in the app:
tests/pilot/test_display_profile_app.py)."""

from __future__ import annotations

import pytest

from mbc_tui.terminal.display_profile import DisplayProfile


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
        ({"TERM": "linux"}, False, DisplayProfile(ascii_only=True, line_drawing=True)),
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
