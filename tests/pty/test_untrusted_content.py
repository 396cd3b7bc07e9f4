"""Content from ``--content`` is untrusted: no control or escape character reaches a terminal
(the full-screen guide, line mode, ``topics``, the exports, error messages), and a section
that is too large, or not a regular file, is a one-line error at load time."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mbc_tui.cli import main
from mbc_tui.core.content import MAX_SECTION_BYTES, ContentError, load_guide
from mbc_tui.core.safe_text import safe_text
from tests.conftest import write_section
from tests.pty.terminal_session import TerminalSession, guide_command

OSC_TITLE = "\x1b]0;TITLE\x07"
OSC_CLIPBOARD = "\x1b]52;c;UkFX\x07"
DCS = "\x1bP1$qm\x1b\\"
C1_CSI = "\x9b31m"
BIDI = "\u202etxt.exe\u202c"
ENTITY = "&#x1b;]0;ENTITY&#7;"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    write_section(
        tmp_path,
        "one.md",
        title=f"Evil {OSC_TITLE}title",
        summary=f"A summary {C1_CSI} red",
        body=f"## Heading {BIDI}\n\nClip {OSC_CLIPBOARD} and {ENTITY} and {DCS} end.\n",
    )
    return tmp_path


def assert_safe(output: str) -> None:
    found = UNSAFE.findall(output)
    assert not found, f"unsafe characters reached the output: {found!r}"
    assert "\ufffd" in output  # each one is replaced by a visible mark


def test_safe_text_replaces_controls_escapes_and_bidi_but_keeps_tabs_and_lines() -> None:
    assert safe_text("a\tb\nc") == "a\tb\nc"
    assert safe_text(f"x{OSC_TITLE}y") == "x\ufffd]0;TITLE\ufffdy"
    assert safe_text("\x9b\u2066\u202e\x7f\x00") == "\ufffd" * 5
    assert safe_text("&#x1B;&#27;&#x9b;&#x202E;") == "\ufffd" * 4
    assert safe_text("&#169; &#x41; &#10;") == "&#169; &#x41; &#10;"


def test_the_loaded_guide_holds_no_control_characters(hostile: Path) -> None:
    (section,) = load_guide(hostile)
    for text in (section.title, section.summary, section.body):
        assert not UNSAFE.search(text) and "&#x1b;" not in text


def test_topics_and_every_export_are_safe(
    hostile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--content", str(hostile), "topics"]) == 0
    assert_safe(capsys.readouterr().out)
    for form in ("text", "markdown", "html"):
        assert main(["--content", str(hostile), "export", "--format", form]) == 0
        assert_safe(capsys.readouterr().out)


def test_line_mode_is_safe(hostile: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mbc_tui", "--content", str(hostile), "read"],
        input=b"1\nq\n",
        capture_output=True,
        timeout=60,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    assert result.returncode == 0
    assert_safe(result.stdout.decode())


def test_the_full_screen_guide_writes_no_sequence_from_the_content(hostile: Path) -> None:
    terminal = TerminalSession(guide_command("--content", str(hostile)), columns=100)
    terminal.start()
    try:
        assert terminal.wait_for_text("end.")
    finally:
        terminal.close()
    written = terminal.transcript.decode("utf-8", "replace")
    for sequence in ("\x1b]0;", "\x1b]52", "\x1bP", "\x9b", "\u202e", "ENTITY\x07"):
        assert sequence not in written


def test_error_messages_quote_names_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_section(tmp_path, f"bad{OSC_TITLE}\n.md", slug="bad", title=None)
    assert main(["--content", str(tmp_path), "topics"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "missing title" in error
    assert_safe(error)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "too-large"])
def test_a_section_that_is_not_a_small_regular_file_is_one_error(tmp_path: Path, kind: str) -> None:
    write_section(tmp_path, "good.md")
    path = tmp_path / "x.md"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        write_section(tmp_path, "x.md", order="2", body="word " * (MAX_SECTION_BYTES // 5))
    # In another process: a FIFO or /dev/zero read as a file would hang it or eat memory.
    result = subprocess.run(
        [sys.executable, "-m", "mbc_tui", "--content", str(tmp_path), "topics"],
        capture_output=True,
        timeout=30,
    )
    assert result.returncode == 2
    (line,) = result.stderr.decode().splitlines()
    assert line.startswith(f"mbc-tui: error: {path}: ")
    if kind == "too-large":
        assert line.endswith("too large (a section may be at most 64 KB)")
    elif kind != "folder":
        assert line.endswith("not a regular file (a section must be a .md file)")


def test_a_section_just_under_the_limit_loads(tmp_path: Path) -> None:
    write_section(tmp_path, "x.md", body="word " * (MAX_SECTION_BYTES // 5 - 40))
    assert len(load_guide(tmp_path)) == 1
    with pytest.raises(ContentError):
        write_section(tmp_path, "x.md", body="word " * (MAX_SECTION_BYTES // 5))
        load_guide(tmp_path)


def test_a_usage_error_quotes_what_was_typed_safely(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--topic", f"x{OSC_TITLE}"]) == 2
    assert_safe(capsys.readouterr().err)
