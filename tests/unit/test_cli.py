"""The command line: listing topics, versions, and one-line errors with exit code 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mbc_tui import __version__
from mbc_tui.cli import build_parser, main
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
    assert err.startswith("mbc-tui: error: unknown topic 'nope' (known: 1 to 9, or what-it-is, ")


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


@pytest.mark.parametrize("topic", ["HER2", "her2", "5", " Her2 "])
def test_topic_takes_any_case_and_a_section_number(
    topic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["read", "--topic", topic]) == 0
    assert capsys.readouterr().out.startswith("Section 5 of 9: HER2\n")


@pytest.mark.parametrize("topic", ["0", "10", "HER", "-1"])
def test_a_topic_out_of_range_lists_what_is_known(
    topic: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--topic", topic]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"unknown topic '{topic}' (known: 1 to 9, or what-it-is, " in err


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("positive", "negative", "unknown"), ("positive", "negative", "not tested / not sure")),
        (("+", "-", "?"), ("positive", "negative", "not tested / not sure")),
        (("pos", "neg", "unknown"), ("positive", "negative", "not tested / not sure")),
        (("POSITIVE", "Neg", "?"), ("positive", "negative", "not tested / not sure")),
    ],
)
def test_summary_takes_results_in_words_signs_and_short_forms(
    words: tuple[str, str, str],
    expected: tuple[str, str, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    er, pr, her2 = words
    assert main(["summary", "--er", er, "--pr", pr, "--her2", her2]) == 0
    out = capsys.readouterr().out
    assert f"- ER (estrogen receptor): {expected[0]}\n" in out
    assert f"- PR (progesterone receptor): {expected[1]}\n" in out
    assert f"- HER2: {expected[2]}\n" in out


def test_a_result_summary_does_not_take_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--er", "maybe"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "argument --er: 'maybe' is not a result: use positive, negative or unknown" in err


@pytest.mark.parametrize(
    "arguments",
    [
        ["read", "--content", "{folder}", "--topic", "1"],
        ["--content", "{folder}", "read", "--topic", "1"],
        ["topics", "--content", "{folder}"],
        ["export", "--content", "{folder}"],
    ],
)
def test_program_options_work_before_and_after_the_command(
    tmp_path: Path, arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write_section(tmp_path, "only.md", title="The only one", body="Only words here.\n")
    assert main([argument.format(folder=tmp_path) for argument in arguments]) == 0
    assert "The only one" in capsys.readouterr().out


def test_a_program_option_before_the_command_is_kept_after_it(tmp_path: Path) -> None:
    arguments = build_parser().parse_args(["--content", str(tmp_path), "--topic", "2", "export"])
    assert arguments.content == tmp_path and arguments.topic == "2"
    arguments = build_parser().parse_args(["export"])
    assert arguments.content is None and arguments.topic is None
    assert arguments.low_bandwidth is False


@pytest.mark.parametrize("command", [["summary"], ["export"]])
def test_an_empty_file_name_is_said_as_such(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "-o", ""]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "argument -o/--output: the file name is empty" in err


def test_summary_never_replaces_a_file_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.txt"
    path.write_text("my own notes\n", encoding="utf-8")
    assert main(["summary", "--er", "pos", "-o", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"mbc-tui: error: not saved: '{path}' exists already (add --force to replace it)\n"
    )
    assert path.read_text(encoding="utf-8") == "my own notes\n"
    assert main(["summary", "--er", "pos", "-o", str(path), "--force"]) == 0
    assert "ER (estrogen receptor): positive" in path.read_text(encoding="utf-8")


def test_a_dead_link_stops_the_export_and_names_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_section(tmp_path, "only.md", body="## Heading\n\nSee [gone](nowhere.md).\n")
    assert main(["--content", str(tmp_path), "export"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"mbc-tui: error: {path}: line 10: link to 'nowhere.md', which is not a section of the"
        " guide\n"
    )


def test_the_command_line_does_not_load_the_ssh_library() -> None:
    """asyncssh is for serve and host-key only: loading it costs every start ~85 ms (and it
    runs a compiler and a linker, looking for liboqs)."""
    check = (
        "import sys\n"
        "from mbc_tui.cli import build_parser\n"
        "build_parser().parse_args(['--low-bandwidth'])\n"
        "sys.exit('asyncssh' in sys.modules)\n"
    )
    assert subprocess.run([sys.executable, "-c", check], timeout=60, check=False).returncode == 0
