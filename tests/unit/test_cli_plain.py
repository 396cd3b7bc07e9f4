"""``mbc-tui read`` and line mode chosen by the terminal, in process (as a child process:
tests/pty/test_cli_process.py)."""

from __future__ import annotations

import io
import sys

import pytest

from mbc_tui.cli import main
from mbc_tui.plain import commands as plain_commands
from mbc_tui.plain.line_mode import PROMPT


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["read", "--topic", "nope"],
            "mbc-tui: error: unknown topic 'nope' (known: 1 to 9, or what-it-is, ",
        ),
        (["read", "--width", "ten"], "mbc-tui: error: argument --width: 'ten' is not a whole"),
        (["export", "--width", "5"], "mbc-tui: error: argument --width: 5 is too narrow"),
        (["export", "--format", "pdf"], "mbc-tui: error: argument --format: invalid choice: 'pdf'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(arguments) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(message), err


class FakeTerminal(io.StringIO):
    def __init__(self, value: str = "", *, tty: bool) -> None:
        super().__init__(value)
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("term", "stdin_tty", "stdout_tty", "line_mode"),
    [
        ("xterm-256color", True, True, False),
        ("dumb", True, True, True),
        ("xterm-256color", True, False, True),
        ("xterm-256color", False, True, True),
    ],
)
def test_line_mode_is_chosen_for_dumb_terminals_and_pipes(
    monkeypatch: pytest.MonkeyPatch, term: str, stdin_tty: bool, stdout_tty: bool, line_mode: bool
) -> None:
    monkeypatch.setenv("TERM", term)
    monkeypatch.setattr(sys, "stdin", FakeTerminal(tty=stdin_tty))
    monkeypatch.setattr(sys, "stdout", FakeTerminal(tty=stdout_tty))
    assert plain_commands.wants_line_mode() is line_mode


def test_dumb_terminal_runs_line_mode_at_the_chosen_topic(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    stdout = FakeTerminal(tty=True)
    monkeypatch.setattr(sys, "stdin", FakeTerminal("q\n", tty=True))
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["--topic", "subtypes"]) == 0
    out = stdout.getvalue()
    assert "Section 6 of 9" in out and "\x1b" not in out
    assert out.endswith(f"{PROMPT}Goodbye.\n")  # a terminal echoes input itself
