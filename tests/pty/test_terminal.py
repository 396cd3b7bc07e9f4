"""In a real pseudo-terminal: the full-screen app's cursor, a lone Esc, line mode on TERM=dumb,
and a flood of keys (a paste of megabytes, or a hostile SSH client) that cannot grow the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pty.terminal_session import TerminalSession, guide_command, screen_text

DOWN = b"\x1b[B"
TAB = b"\t"
ESCAPE = b"\x1b"
PAGE_DOWN = b"\x1b[6~"
FLOOD_SECONDS = 4.0
"""Without a limit, the app queued every key: ~100 MB more in this time on the guide."""
MAX_GROWTH_MB = 30


@pytest.fixture
def app_terminal() -> Iterator[TerminalSession]:
    terminal = TerminalSession(guide_command())
    terminal.start()
    yield terminal
    terminal.close()


def test_the_terminal_cursor_lands_on_the_focused_row(app_terminal: TerminalSession) -> None:
    terminal = app_terminal
    cursor_row = lambda: terminal.screen.display[terminal.screen.cursor.y]  # noqa: E731
    terminal.wait_for(lambda: terminal.cursor_line.startswith("1 What it is"))
    terminal.press(DOWN + DOWN)
    terminal.wait_for(lambda: terminal.cursor_line.startswith("3 Biomarkers and testing"))
    terminal.press(b"s")
    terminal.wait_for(lambda: "ER: not tested" in cursor_row())
    terminal.press(TAB + b" ")
    terminal.wait_for(lambda: "PR: positive" in cursor_row())
    terminal.press(b"q")
    assert terminal.wait_exit() == 0


def test_a_lone_esc_closes_help_with_no_key_after_it(app_terminal: TerminalSession) -> None:
    """The Esc byte alone, nothing after it: the guide takes it for the Esc key once its wait
    for the rest of a sequence ends; arrows and Page Down around it stay keys of their own."""
    terminal = app_terminal
    shown = lambda: screen_text(terminal.screen)  # noqa: E731
    terminal.wait_for(lambda: terminal.cursor_line.startswith("1 What it is"))
    terminal.press(b"?")
    terminal.wait_for(lambda: "Esc Close help" in shown())
    terminal.press(ESCAPE)
    terminal.wait_for(lambda: "Esc Close help" not in shown() and "Topics" in shown())
    terminal.press(DOWN)
    terminal.wait_for(lambda: terminal.cursor_line.startswith("2 How it spreads"))
    terminal.press(b"\r")
    terminal.wait_for(lambda: "Section 2 of" in shown())
    first_page = shown()
    terminal.press(PAGE_DOWN)
    terminal.wait_for(lambda: "Section 2 of" in shown() and shown() != first_page)
    terminal.press(b"q")
    assert terminal.wait_exit() == 0


def test_dumb_terminal_gets_line_mode_with_no_escape_sequences() -> None:
    terminal = TerminalSession(guide_command(), env={"TERM": "dumb"})
    terminal.start()
    try:
        terminal.wait_for(lambda: screen_text(terminal.screen).rstrip().endswith("Choice:"))
        terminal.press(b"6\n")
        terminal.wait_for(lambda: "breast cancer. 4 rows" in screen_text(terminal.screen))
        terminal.press(b"q\n")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    assert b"\x1b" not in terminal.transcript
    assert b"Goodbye." in terminal.transcript


@pytest.mark.parametrize("screen_key", [b"", b"/"], ids=["guide", "search"])
def test_a_flood_of_keys_leaves_the_apps_memory_flat(
    app_terminal: TerminalSession, screen_key: bytes
) -> None:
    terminal = app_terminal
    assert terminal.wait_for_text("Topics")
    if screen_key:
        terminal.press(screen_key)
        assert terminal.wait_for_text("Search the guide")
    terminal.read_until_quiet()
    before = terminal.memory_mb
    terminal.flood(b"x" * 4096, FLOOD_SECONDS)
    grown = terminal.memory_mb - before
    assert grown < MAX_GROWTH_MB, f"the app grew by {grown:.0f} MB"


def test_the_screen_reader_profile_draws_the_first_section_it_opens() -> None:
    """One pane at a time: the reader, hidden until a section is opened, must draw that
    section when it is shown (its first opening was blank in a real terminal)."""
    terminal = TerminalSession(guide_command("--screen-reader"))
    terminal.start()
    try:
        assert terminal.wait_for_text("1 What it is")
        terminal.press(b"\r")
        assert terminal.wait_for_text("The basics", limit=10.0), screen_text(terminal.screen)
    finally:
        terminal.close()
