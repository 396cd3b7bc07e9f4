"""``mbc-tui read`` and line mode chosen by the terminal, run as a user runs them."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from mbc_tui.cli import main
from mbc_tui.plain import commands as plain_commands
from mbc_tui.plain.line_mode import PROMPT


def run(
    *arguments: str, typed: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """``python -m mbc_tui ARGUMENTS`` with ``typed`` piped in; output is a pipe too."""
    return subprocess.run(
        [sys.executable, "-m", "mbc_tui", *arguments],
        input=typed.encode(),
        capture_output=True,
        timeout=60,
        env={**os.environ, "TERM": "xterm-256color", **(env or {})},
    )


def test_piped_read_opens_a_section_and_quits() -> None:
    result = run("read", typed="1\nq\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert b"\x1b" not in result.stdout and result.stderr == b""
    assert f"{PROMPT}1\nSection 1 of 9" in out
    assert out.endswith(f"{PROMPT}q\nGoodbye.\n")


def test_plain_command_with_output_not_a_terminal_runs_line_mode() -> None:
    result = run(typed="2\n")
    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and result.stderr == b""
    out = result.stdout.decode()
    assert "Menu: 9 sections." in out and "Section 2 of 9, page 1 of 2: How it spreads" in out
    assert out.endswith("Goodbye.\n")  # the end of input quits


def test_read_topic_prints_one_section_and_exits() -> None:
    result = run("read", "--topic", "her2", "--width", "40")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "Section 5 of 9: HER2"
    assert PROMPT not in result.stdout.decode()
    assert max(map(len, lines)) <= 40


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


def test_line_mode_and_export_never_import_textual() -> None:
    code = (
        "import sys, io\n"
        "from mbc_tui.cli import main\n"
        "sys.stdin = io.StringIO('1\\ns\\ny\\nn\\nn\\nq\\n')\n"
        "assert main(['read']) == 0\n"
        "for format in ('text', 'markdown', 'html'):\n"
        "    assert main(['export', '--format', format]) == 0\n"
        "assert not [name for name in sys.modules if name.startswith('textual')]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
