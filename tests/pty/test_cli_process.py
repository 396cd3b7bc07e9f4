"""``mbc-tui`` run as a child process, as a user runs it: its output, exit code and imports."""

from __future__ import annotations

import os
import subprocess
import sys

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


def test_python_dash_m_runs_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mbc_tui", "--topic", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("mbc-tui: error: unknown topic 'nope'")
