"""My results summary: every state's text, the screen (x), saving locally, nothing written when
file writes are off (as over SSH), and ``mbc-tui summary``."""

from __future__ import annotations

import os
from collections.abc import Callable
from itertools import product
from pathlib import Path

import pytest
from textual.widgets import Input

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.cli import main
from mbc_tui.core.about import EDUCATIONAL_NOTICE
from mbc_tui.core.content import Guide
from mbc_tui.core.subtypes import TESTING_NOTE, ReceptorResult, ReceptorStatus
from mbc_tui.core.summary import DEFAULT_FILE_NAME, QUESTIONS, WIDTH, summary_text
from mbc_tui.screens.results_summary import SCREEN_ONLY, SIDE_SPACE, ResultsSummaryScreen
from mbc_tui.screens.save_prompt import SavePrompt
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from tests.conftest import app_screen_text, widget_lines
from tests.test_subtype_explorer import expected_rows

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


async def test_x_shows_the_summary_for_every_state(make_app: Callable[..., GuideApp]):
    app = make_app()
    # Tall enough that even four possible rows need no scrolling (80x24 scrolls them).
    async with app.run_test(size=(80, 50)) as pilot:
        await pilot.press("s")
        state: list[bool | None] = [None, None, None]
        for wanted in product(ORDER, repeat=3):
            for position, value in enumerate(wanted):
                presses = (ORDER.index(value) - ORDER.index(state[position])) % 3
                for _ in range(presses):
                    await pilot.press(KEYS[position])
                state[position] = value
            await pilot.press("x")
            assert isinstance(app.screen, ResultsSummaryScreen)
            panel = app.screen.query_one("#summary")
            shown = "\n".join(widget_lines(app, panel))
            check_summary(shown, *wanted)
            await pilot.press("escape")
            assert isinstance(app.screen, SubtypeExplorerScreen)


async def test_a_complete_result_fits_on_one_screen(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "p", "p", "h", "x")
        text = app_screen_text(app)
        assert "Table 1 subtype: ER+ and/or PR+, HER2+" in text
        assert "Questions to ask my care team" in text
        assert "For education only, not medical advice" in text
        assert "w Save" in text.splitlines()[-1]


async def test_w_saves_the_summary_to_a_file(
    make_app: Callable[..., GuideApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "p", "p", "x", "w")
        assert isinstance(app.screen, SavePrompt)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsSummaryScreen)
        saved = tmp_path / DEFAULT_FILE_NAME
        expected = status_of(True, False, None)
        assert saved.read_text(encoding="utf-8") == summary_text(expected)
        save_status = app.screen.query_one("#save-status")
        assert str(save_status.content) == f"Saved to {saved}"
        assert "Saved to" in app_screen_text(app)
        # Saving again proposes a name that is free, and saves there.
        saved.write_text("mine", encoding="utf-8")
        await pilot.press("w")
        second = tmp_path / "mbc-tui-summary-2.txt"
        assert app.screen.query_one(Input).value == str(second)
        await pilot.press("enter")
        await pilot.pause()
        assert saved.read_text(encoding="utf-8") == "mine"
        assert second.read_text(encoding="utf-8") == summary_text(expected)
        assert str(save_status.content) == f"Saved to {second}"


async def test_an_existing_file_is_replaced_only_after_a_second_enter(
    make_app: Callable[..., GuideApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    mine = tmp_path / "notes.txt"
    mine.write_text("mine", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "x", "w", "ctrl+u", *"notes.txt", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavePrompt)
        assert mine.read_text(encoding="utf-8") == "mine"
        assert "notes.txt already exists. Enter again replaces it" in app_screen_text(app)
        await pilot.press("backspace", "t", "enter")  # a changed name asks again
        await pilot.pause()
        assert isinstance(app.screen, SavePrompt)
        assert mine.read_text(encoding="utf-8") == "mine"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsSummaryScreen)
        assert mine.read_text(encoding="utf-8").startswith("My results summary")
        said = str(app.screen.query_one("#save-status").content)
        assert said == f"Saved to {mine} (the file that was there is replaced)"


async def test_enter_on_an_empty_name_says_why_nothing_happened(
    make_app: Callable[..., GuideApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "x", "w", "ctrl+u", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavePrompt)
        assert "No file name: type one, or press Esc to cancel." in app_screen_text(app)
        assert list(tmp_path.iterdir()) == []


async def test_escape_in_the_save_prompt_writes_nothing(
    make_app: Callable[..., GuideApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "x", "w", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ResultsSummaryScreen)
        assert list(tmp_path.iterdir()) == []


async def test_with_file_writes_off_nothing_is_written(
    guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """As over SSH: the summary is shown, the save key is gone, and no file appears."""
    monkeypatch.chdir(tmp_path)
    app = build_app(guide, allow_file_writes=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "h", "x")
        assert isinstance(app.screen, ResultsSummaryScreen)
        text = app_screen_text(app)
        assert "Results" in text or "Test results:" in text
        assert SCREEN_ONLY in text
        assert "Save" not in text.splitlines()[-1]
        assert app.screen.check_action("save", ()) is False
        await pilot.press("w", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsSummaryScreen)
        app.screen.action_save()  # even called directly, it does nothing
        await pilot.pause()
        assert not any(isinstance(screen, SavePrompt) for screen in app.screen_stack)
        help_text = app.keys_document()
        assert "Save the summary to a text file" in help_text  # listed, but not offered here
    assert list(tmp_path.iterdir()) == []
    assert os.listdir(tmp_path) == []


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


async def test_s_on_the_summary_goes_back_to_the_same_explorer(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "x", "s")
        assert isinstance(app.screen, SubtypeExplorerScreen)
        assert sum(isinstance(s, SubtypeExplorerScreen) for s in app.screen_stack) == 1
        assert "Results: ER+ PR? HER2?" in app_screen_text(app)


@pytest.mark.parametrize("size", [(80, 24), (40, 15)])
async def test_the_summary_copies_from_the_screen_as_plain_lines(
    make_app: Callable[..., GuideApp], size: tuple[int, int]
):
    """No frame: each row of the summary, as a terminal would copy it, is a line of the
    summary text and nothing else (over SSH, copying is how a reader takes it along)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", "e", "p", "x")
        await pilot.pause()
        panel = app.screen.query_one("#summary")
        rows = [row.strip() for row in app_screen_text(app).splitlines()[: panel.region.height]]
        width = min(WIDTH, size[0] - SIDE_SPACE)
        expected = summary_text(status_of(True, True, None), width).splitlines()
        assert rows == [line.strip() for line in expected[: len(rows)]]
        assert rows[0] == "My results summary"
