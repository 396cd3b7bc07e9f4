"""The subtype explorer: keys e, p, h in every combination, checked on screen."""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

from textual.widgets import Switch

from mbc_tui.app import GuideApp
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from tests.conftest import screen_text
from tests.test_subtypes import EXPECTED

SIZE = (80, 24)
KEYS = {"er": "e", "pr": "p", "her2": "h"}


def one_line(text: str) -> str:
    return " ".join(text.split())


async def test_s_opens_the_explorer_with_all_results_negative(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SubtypeExplorerScreen)
        text = screen_text(app)
        for line in (
            "ER: negative",
            "PR: negative",
            "HER2: negative",
            "Results: ER- PR- HER2-",
            "Hormone receptor status: HR-",
            "ER-/PR-, HER2- (triple-negative)",
            "Typically treated with chemotherapy",
            "For education only, not medical advice",
        ):
            assert line in text
        assert isinstance(app.focused, Switch)


async def test_every_combination_shows_its_table_1_row(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        state = {"er": False, "pr": False, "her2": False}
        for er, pr, her2 in product((False, True), repeat=3):
            wanted = {"er": er, "pr": pr, "her2": her2}
            for receptor, value in wanted.items():
                if state[receptor] != value:
                    await pilot.press(KEYS[receptor])
                    state[receptor] = value
            combination, hormone_label, subtype = EXPECTED[(er, pr, her2)]
            text = screen_text(app)
            flat = one_line(text)
            assert f"Results: {combination}" in text
            assert f"Hormone receptor status: {hormone_label}" in text
            assert f"Table 1 subtype: {subtype}" in text
            for name, receptor in (("ER", "er"), ("PR", "pr"), ("HER2", "her2")):
                word = "positive" if wanted[receptor] else "negative"
                assert f"{name}: {word}" in text
            assert "Your care team decides your treatment" in flat


async def test_switches_are_reachable_by_tab_and_space(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "tab", "space")
        assert "Results: ER- PR+ HER2-" in screen_text(app)
        await pilot.press("tab", "enter")
        assert "Results: ER- PR+ HER2+" in screen_text(app)


async def test_escape_goes_back_and_s_twice_opens_one_explorer(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "s")
        assert sum(isinstance(s, SubtypeExplorerScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")
        assert isinstance(app.screen, GuideScreen)


async def test_help_from_the_explorer_then_back(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e", "question_mark")
        assert "Keys" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, SubtypeExplorerScreen)
        assert "Results: ER+ PR- HER2-" in screen_text(app)
