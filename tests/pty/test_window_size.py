"""The app itself draws no larger than the largest window, whatever its terminal's size."""

from __future__ import annotations

from mbc_tui.terminal.window_size import MAX_COLUMNS, MAX_ROWS, usable_size
from tests.pty.terminal_session import TerminalSession, guide_command


def test_usable_size_caps_and_fills_in_the_unknown() -> None:
    assert usable_size(1000, 1000) == (MAX_COLUMNS, MAX_ROWS)
    assert usable_size(0xFFFF, 50) == (MAX_COLUMNS, 50)
    assert usable_size(0, 0) == (80, 24)
    assert usable_size(120, 40) == (120, 40)


def drawn_size(terminal: TerminalSession) -> tuple[int, int]:
    lines = [line.rstrip() for line in terminal.screen.display]
    rows = max(index for index, line in enumerate(lines) if line) + 1
    return max(len(line) for line in lines), rows


def test_a_terminal_larger_than_the_largest_window_gets_the_guide_at_that_size() -> None:
    terminal = TerminalSession(guide_command(), columns=MAX_COLUMNS + 100, lines=MAX_ROWS + 50)
    terminal.start()
    try:
        assert terminal.wait_for_text("q Quit")
        terminal.wait_for(lambda: drawn_size(terminal) == (MAX_COLUMNS, MAX_ROWS))
        terminal.resize(MAX_COLUMNS + 200, MAX_ROWS + 20)
        terminal.press(b"2")
        terminal.wait_for(lambda: "Section 2 of" in "\n".join(terminal.screen.display))
        assert drawn_size(terminal) == (MAX_COLUMNS, MAX_ROWS)
    finally:
        terminal.close()
