"""My results summary: every state's text and ``mbc-tui summary`` (the screen, x, and saving:
tests/pilot/test_summary_screen.py)."""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pytest

from mbc_tui.cli import main
from mbc_tui.core.about import EDUCATIONAL_NOTICE
from mbc_tui.core.subtypes import TESTING_NOTE, ReceptorResult, ReceptorStatus
from mbc_tui.core.summary import QUESTIONS, summary_text
from tests.unit.test_subtypes import expected_rows

SIZE = (80, 24)
ORDER: list[bool | None] = [None, True, False]
KEYS = ("e", "p", "h")
RESULT = {
    None: ReceptorResult.UNKNOWN,
    True: ReceptorResult.POSITIVE,
    False: ReceptorResult.NEGATIVE,
}
CLI_VALUE = {None: "unknown", True: "pos", False: "neg"}
WORDS = {None: "not tested / not sure", True: "positive", False: "negative"}
RESPONSES = {
    "ER+ and/or PR+, HER2-": "hormone (anti-estrogen) therapy",
    "ER+ and/or PR+, HER2+": "anti-HER2 drugs (targeted therapies)",
    "ER-/PR-, HER2+": "responds to anti-HER2 drugs",
    "ER-/PR-, HER2- (triple-negative)": "treated with chemotherapy",
}


def one_line(text: str) -> str:
    return " ".join(text.split())


def status_of(er: bool | None, pr: bool | None, her2: bool | None) -> ReceptorStatus:
    return ReceptorStatus(RESULT[er], RESULT[pr], RESULT[her2])


def check_summary(text: str, er: bool | None, pr: bool | None, her2: bool | None) -> None:
    flat = one_line(text)
    for name, value in (("ER (estrogen receptor)", er), ("PR (progesterone receptor)", pr)):
        assert f"- {name}: {WORDS[value]}" in flat
    assert f"- HER2: {WORDS[her2]}" in flat
    rows = expected_rows(er, pr, her2)
    if len(rows) == 1:
        assert f"Table 1 subtype: {rows[0]}" in flat
        assert RESPONSES[rows[0]] in flat
        assert "still possible" not in flat
    else:
        assert f"Table 1 rows still possible ({len(rows)} of 4):" in flat
        for row in rows:
            assert f"- {row}: " in flat and RESPONSES[row] in flat
        assert one_line(TESTING_NOTE) in flat
    assert "Were ER, PR and HER2 tested at my original diagnosis?" in flat
    assert "biopsy sample from a metastatic lesion" in flat
    assert "If not, or if the results were negative, should a biopsy sample" in flat
    assert "already spread (metastasis) when it was first diagnosed, should a biopsy" in flat
    assert "accredited laboratory?" in flat
    assert one_line(EDUCATIONAL_NOTICE) in flat


@pytest.mark.parametrize("state", list(product(ORDER, repeat=3)), ids=str)
def test_the_summary_text_for_every_state(state: tuple[bool | None, ...]) -> None:
    er, pr, her2 = state
    text = summary_text(status_of(er, pr, her2))
    check_summary(text, er, pr, her2)
    assert text.startswith("My results summary\n")
    assert all(len(line) <= 72 for line in text.splitlines())
    assert not any(char in text for char in "│─╭╮╰╯║═")  # plain text, no box drawing


def test_the_questions_are_the_articles() -> None:
    """Each case the article gives for testing is asked: at diagnosis, at a recurrence with
    no or negative results, metastasis at first diagnosis, and the laboratory."""
    assert len(QUESTIONS) == 4
    assert any("first diagnosed" in q and "biopsy sample" in q for q in QUESTIONS)


@pytest.mark.parametrize("state", list(product(ORDER, repeat=3)), ids=str)
def test_the_summary_command(
    state: tuple[bool | None, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    er, pr, her2 = state
    argv = ["summary", "--er", CLI_VALUE[er], "--pr", CLI_VALUE[pr], "--her2", CLI_VALUE[her2]]
    assert main(argv) == 0
    assert capsys.readouterr().out == summary_text(status_of(er, pr, her2))


def test_the_summary_command_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    target = tmp_path / "for-my-appointment.txt"
    assert main(["summary", "--er", "pos", "--pr", "neg", "--her2", "neg", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == summary_text(status_of(True, False, False))
    assert capsys.readouterr().out == f"Saved to {target}\n"


def test_unset_results_are_not_sure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "--her2", "pos"]) == 0
    assert "In short: ER? PR? HER2+" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "--er", "maybe"], "argument --er: 'maybe' is not a result"),
        (["summary", "--her2"], "argument --her2: expected one argument"),
        (["summary", "--colour"], "unrecognized arguments: --colour"),
    ],
)
def test_bad_summary_input_is_one_line_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mbc-tui: error: ") and message in err


def test_an_unwritable_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-folder" / "summary.txt"
    assert main(["summary", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"mbc-tui: error: cannot write '{target}': No such file or directory\n"
