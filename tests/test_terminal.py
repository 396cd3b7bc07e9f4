"""In a real pseudo-terminal: the full-screen app's cursor, and line mode on TERM=dumb."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.terminal import Terminal

DOWN = "\x1b[B"
TAB = "\t"


@pytest.fixture
def app_terminal() -> Iterator[Terminal]:
    terminal = Terminal([], term="xterm-256color")
    yield terminal
    terminal.close()


def test_the_terminal_cursor_lands_on_the_focused_row(app_terminal: Terminal) -> None:
    terminal = app_terminal
    terminal.wait_for(lambda: terminal.cursor_line.startswith("1 What it is"))
    terminal.send(DOWN + DOWN)
    terminal.wait_for(lambda: terminal.cursor_line.startswith("3 Biomarkers and testing"))
    terminal.send("s")
    terminal.wait_for(lambda: "ER: negative" in terminal.screen.display[terminal.screen.cursor.y])
    terminal.send(TAB + " ")
    terminal.wait_for(lambda: "PR: positive" in terminal.screen.display[terminal.screen.cursor.y])
    terminal.send("q")
    terminal.process.wait(timeout=20)


def test_dumb_terminal_gets_line_mode_with_no_escape_sequences() -> None:
    terminal = Terminal([], term="dumb")
    try:
        terminal.wait_for(lambda: terminal.text.rstrip().endswith("Choice:"))
        terminal.send("6\n")
        terminal.wait_for(lambda: "Table: 4 rows" in terminal.text)
        terminal.send("q\n")
        assert terminal.process.wait(timeout=20) == 0
        terminal.read(0.5)
    finally:
        terminal.close()
    assert b"\x1b" not in terminal.raw
    assert b"Goodbye." in terminal.raw
