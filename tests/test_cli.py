"""The command line: listing topics, versions, and one-line errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mbc_tui import __version__
from mbc_tui.cli import main
from tests.conftest import write_section


def test_topics_lists_slug_and_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["topics"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "what-it-is\tWhat it is"
    assert len(lines) == 9
    assert lines[-1] == "glossary\tGlossary"
    assert "subtypes\tSubtypes and treatment" in lines


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mbc-tui {__version__}"


def test_unknown_topic_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--topic", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("mbc-tui: error: unknown topic 'nope' (known: what-it-is, ")


def test_bad_option_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--colour"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unrecognized arguments: --colour" in err


def test_broken_content_names_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_section(tmp_path, "a.md", title=None)
    write_section(tmp_path, "b.md", order="x")
    assert main(["--content", str(tmp_path), "topics"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"mbc-tui: error: {tmp_path / 'a.md'}: missing title",
        f"mbc-tui: error: {tmp_path / 'b.md'}: bad order 'x' (need a whole number)",
    ]


def test_missing_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--content", str(tmp_path / "missing")]) == 2
    assert capsys.readouterr().err == (
        f"mbc-tui: error: {tmp_path / 'missing'}: content folder not found\n"
    )


def test_other_content_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_section(tmp_path, "only.md", title="The only one")
    assert main(["--content", str(tmp_path), "topics"]) == 0
    assert capsys.readouterr().out == "only\tThe only one\n"


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
