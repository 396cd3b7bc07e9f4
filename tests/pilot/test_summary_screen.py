"""The results summary in the app: x shows it for every state, w saves it, s goes back."""

from __future__ import annotations

import os
from collections.abc import Callable
from itertools import product
from pathlib import Path

import pytest
from textual.widgets import Input

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.core.content import Guide
from mbc_tui.core.summary import DEFAULT_FILE_NAME, WIDTH, summary_text
from mbc_tui.screens.results_summary import SCREEN_ONLY, SIDE_SPACE, ResultsSummaryScreen
from mbc_tui.screens.save_prompt import SavePrompt
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from tests.conftest import app_screen_text, wait_until, widget_lines
from tests.unit.test_summary import KEYS, ORDER, SIZE, check_summary, status_of


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


async def test_s_on_the_summary_goes_back_to_the_same_explorer(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "x", "s")
        assert isinstance(app.screen, SubtypeExplorerScreen)
        assert sum(isinstance(s, SubtypeExplorerScreen) for s in app.screen_stack) == 1
        assert "Results: ER+ PR? HER2?" in app_screen_text(app)


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


async def test_the_summary_behind_the_save_prompt_is_drawn_again_at_a_new_size(
    make_app: Callable[..., GuideApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The dimmed summary behind the prompt is kept while the prompt is shown; at a new size
    it is drawn again once the summary has wrapped for it, not kept as first drawn then."""
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "x")
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        alone = app_screen_text(app).splitlines()[:12]
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("w")
        assert isinstance(app.screen, SavePrompt)
        await pilot.resize_terminal(50, 30)

        def behind_the_prompt() -> list[str]:
            return app_screen_text(app).splitlines()[:12]

        await wait_until(lambda: behind_the_prompt() == alone, timeout=5, pause=pilot.pause)
