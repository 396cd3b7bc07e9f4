"""What kind of reader a session has, and the display profile that gives, from user name,
TERM and pty (plain Python)."""

from __future__ import annotations

import pytest

from mbc_tui.ssh.reader_kind import Kind, choose_reader_kind
from mbc_tui.terminal.display_profile import DisplayProfile


@pytest.mark.parametrize("user", ["guide", "anyone", "root", ""])
def test_any_user_name_gets_the_full_guide(user: str) -> None:
    reader = choose_reader_kind(user, "xterm-256color", has_pty=True)
    assert reader.kind is Kind.FULL
    assert reader.display_profile == DisplayProfile()
    assert reader.term == "xterm-256color"


@pytest.mark.parametrize("user", ["nocolor", "NoColor", "no-color", "mono", "monochrome"])
def test_nocolor_gets_the_monochrome_guide(user: str) -> None:
    reader = choose_reader_kind(user, "xterm", has_pty=True)
    assert reader.kind is Kind.MONOCHROME
    assert reader.display_profile == DisplayProfile(no_color=True)


@pytest.mark.parametrize("user", ["guide", "nocolor"])
def test_no_pty_gets_line_mode_without_echo(user: str) -> None:
    reader = choose_reader_kind(user, None, has_pty=False)
    assert reader.kind is Kind.LINE_MODE and reader.line_mode
    assert not reader.has_pty
    assert reader.term == "dumb"


@pytest.mark.parametrize("term", ["dumb", "", "unknown"])
def test_a_terminal_that_cannot_draw_gets_line_mode(term: str) -> None:
    reader = choose_reader_kind("guide", term, has_pty=True)
    assert reader.kind is Kind.LINE_MODE and reader.has_pty


@pytest.mark.parametrize("user", ["text", "Text", "line", "plain"])
def test_text_user_gets_line_mode(user: str) -> None:
    assert choose_reader_kind(user, "xterm-256color", has_pty=True).kind is Kind.LINE_MODE


@pytest.mark.parametrize("user", ["slow", "lowbw", "low-bandwidth"])
def test_slow_user_gets_the_low_bandwidth_guide(user: str) -> None:
    reader = choose_reader_kind(user, "xterm", has_pty=True)
    assert reader.kind is Kind.LOW_BANDWIDTH and not reader.line_mode
    assert reader.display_profile == DisplayProfile(low_bandwidth=True)
    assert reader.display_profile.max_fps == 15


@pytest.mark.parametrize(
    ("user", "term", "expected"),
    [
        ("guide", "vt100", DisplayProfile(no_color=True, ascii_only=True)),
        ("guide", "VT220", DisplayProfile(no_color=True, ascii_only=True)),
        ("guide", "linux", DisplayProfile(ascii_only=True, line_drawing=True)),
        ("slow", "linux", DisplayProfile(low_bandwidth=True, ascii_only=True, line_drawing=True)),
        ("nocolor", "xterm-256color", DisplayProfile(no_color=True)),
    ],
)
def test_the_terminal_type_shapes_the_profile_too(
    user: str, term: str, expected: DisplayProfile
) -> None:
    """As on the command line with the same TERM (``DisplayProfile.from_environment``)."""
    reader = choose_reader_kind(user, term, has_pty=True)
    assert reader.display_profile == expected
    assert expected == DisplayProfile.from_environment(
        {"TERM": term, "NO_COLOR": "1" if user == "nocolor" else ""},
        low_bandwidth=user == "slow",
    )


@pytest.mark.parametrize("term", ["xterm\x1b[31m", "a b", "x" * 200, "../../etc"])
def test_an_implausible_terminal_name_is_replaced(term: str) -> None:
    assert choose_reader_kind("guide", term, has_pty=True).term == "xterm-256color"


@pytest.mark.parametrize("term", ["xterm-256color", "tmux-256color", "screen.xterm-256color"])
def test_a_real_terminal_name_is_kept(term: str) -> None:
    assert choose_reader_kind("guide", term, has_pty=True).term == term


@pytest.mark.parametrize("user", ["reader", "Reader", "screen-reader", "screenreader"])
def test_reader_user_gets_the_screen_reader_profile(user: str) -> None:
    reader = choose_reader_kind(user, "linux", has_pty=True)
    assert reader.kind is Kind.SCREEN_READER and not reader.line_mode
    assert reader.display_profile == DisplayProfile(
        ascii_only=True, screen_reader=True, line_drawing=True
    )
