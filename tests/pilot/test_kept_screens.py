"""Screens built once and kept: opened again, each looks as if it were new."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from mbc_tui.app import GuideApp
from mbc_tui.screens.glossary import GlossaryScreen
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.help import HelpScreen
from mbc_tui.screens.results_summary import ResultsSummaryScreen
from mbc_tui.screens.search import SearchScreen
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from mbc_tui.widgets.markdown_page import MarkdownPage
from mbc_tui.widgets.receptor_toggle import ReceptorToggle
from tests.conftest import app_screen_text, wait_for_text

SIZE = (80, 24)


async def test_the_explorer_is_built_once_and_starts_over(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "h")
        first = app.screen
        assert "ER: positive" in app_screen_text(app)
        await pilot.press("escape", "s")
        assert app.screen is first and isinstance(first, SubtypeExplorerScreen)
        text = app_screen_text(app)
        assert "ER: not tested / not sure" in text and "HER2: not tested / not sure" in text
        assert isinstance(app.focused, ReceptorToggle) and app.focused.receptor == "er"


async def test_search_opens_empty_again(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"biopsy", "down")
        first = app.screen
        await pilot.press("escape", "slash")
        assert app.screen is first and isinstance(first, SearchScreen)
        box = first.query_one("#query", Input)
        assert box.value == "" and app.focused is box
        assert not first.query_one("#results", OptionList).display
        assert "Type a word" in app_screen_text(app)


async def test_the_glossary_opens_at_its_first_term_again(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "down", "down")
        first = app.screen
        await pilot.press("escape", "g")
        assert app.screen is first and isinstance(first, GlossaryScreen)
        terms = first.query_one("#terms", OptionList)
        assert terms.highlighted == 0 and app.focused is terms


async def test_help_opens_at_its_top_again(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark", "pagedown", "pagedown")
        page = app.screen.query_one(MarkdownPage)
        assert page.scroll_y > 0
        await pilot.press("escape")
        assert isinstance(app.screen, GuideScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen) and app.screen.query_one(MarkdownPage) is page
        assert page.scroll_y == 0


async def test_the_summary_shows_the_results_set_since_and_says_nothing_of_saving(
    make_app: Callable[..., GuideApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "x", "w", "enter")
        await wait_for_text(pilot, "Saved to")
        first = app.screen
        await pilot.press("escape", "h", "x")
        assert app.screen is first and isinstance(first, ResultsSummaryScreen)
        text = app_screen_text(app)
        assert "ER+ PR? HER2+" in text and "Saved to" not in text
        assert "w: save to a text file" in text
        assert app.focused is first.query_one("#summary")
