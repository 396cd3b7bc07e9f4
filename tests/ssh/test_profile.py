"""What a session gets, from user name, TERM and pty (plain Python)."""

from __future__ import annotations

import pytest

from mbc_tui.ssh.reader_kind import Kind, choose_profile


@pytest.mark.parametrize("user", ["guide", "anyone", "root", ""])
def test_any_user_name_gets_the_full_guide(user: str) -> None:
    profile = choose_profile(user, "xterm-256color", has_pty=True)
    assert profile.kind is Kind.FULL
    assert profile.runs_app
    assert not profile.no_color
    assert profile.term == "xterm-256color"


@pytest.mark.parametrize("user", ["nocolor", "NoColor", "no-color", "mono", "monochrome"])
def test_nocolor_gets_the_monochrome_guide(user: str) -> None:
    profile = choose_profile(user, "xterm", has_pty=True)
    assert profile.kind is Kind.MONOCHROME
    assert profile.runs_app
    assert profile.no_color


@pytest.mark.parametrize("user", ["guide", "nocolor"])
def test_no_pty_gets_line_mode_without_echo(user: str) -> None:
    profile = choose_profile(user, None, has_pty=False)
    assert profile.kind is Kind.LINE_MODE and profile.line_mode
    assert not profile.has_pty
    assert profile.term == "dumb"


@pytest.mark.parametrize("term", ["dumb", "", "unknown"])
def test_a_terminal_that_cannot_draw_gets_line_mode(term: str) -> None:
    profile = choose_profile("guide", term, has_pty=True)
    assert profile.kind is Kind.LINE_MODE and profile.has_pty


@pytest.mark.parametrize("user", ["text", "Text", "line", "plain"])
def test_text_user_gets_line_mode(user: str) -> None:
    assert choose_profile(user, "xterm-256color", has_pty=True).kind is Kind.LINE_MODE


@pytest.mark.parametrize("user", ["slow", "lowbw", "low-bandwidth"])
def test_slow_user_gets_the_low_bandwidth_guide(user: str) -> None:
    profile = choose_profile(user, "xterm", has_pty=True)
    assert profile.kind is Kind.LOW_BANDWIDTH and profile.low_bandwidth
    assert not profile.line_mode and not profile.no_color


@pytest.mark.parametrize("term", ["xterm\x1b[31m", "a b", "x" * 200, "../../etc"])
def test_an_implausible_terminal_name_is_replaced(term: str) -> None:
    assert choose_profile("guide", term, has_pty=True).term == "xterm-256color"


@pytest.mark.parametrize("term", ["xterm-256color", "tmux-256color", "screen.xterm-256color"])
def test_a_real_terminal_name_is_kept(term: str) -> None:
    assert choose_profile("guide", term, has_pty=True).term == term
