"""A topic the highlight rests on has its page prepared (``GuideScreen.prepare_when_resting``):
Enter then shows it without laying it out or making its lines."""

from __future__ import annotations

from collections.abc import Callable

from mbc_tui.app import GuideApp
from mbc_tui.screens import guide as guide_module
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.search import SearchScreen
from mbc_tui.widgets import markdown_page
from mbc_tui.widgets.page_layout import lay_out
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import holds_for, wait_for_text, wait_until

SIZE = (120, 40)


def laid_out() -> int:
    """How many documents have been laid out (``lay_out``'s cache misses)."""
    return lay_out.cache_info().misses


async def test_enter_after_resting_lays_nothing_out(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Topics")
        lay_out.cache_clear()
        markdown_page._STRIPS.clear()
        await pilot.press("down", "down")
        await wait_until(lambda: laid_out() == 1, pause=pilot.pause)  # after the rest
        strips_made = len(markdown_page._STRIPS)
        await pilot.press("enter")
        reader = app.screen.query_one(SectionReader)
        await wait_until(lambda: reader.has_focus, pause=pilot.pause)
        await pilot.pause()
        assert (laid_out(), len(markdown_page._STRIPS)) == (1, strips_made)
        third = app.guide.sections[2]
        assert app.screen.slug == third.slug
        assert third.title in await wait_for_text(pilot, third.title)


async def test_enter_before_the_rest_prepares_nothing_after(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Topics")
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        lay_out.cache_clear()
        await pilot.press("down", "enter")
        await wait_until(lambda: screen.slug == app.guide.sections[1].slug, pause=pilot.pause)
        shown = laid_out()
        await holds_for(lambda: laid_out() == shown, guide_module.PREPARE_AFTER + 0.3)


async def test_the_match_after_resting_lays_nothing_out(
    make_app: Callable[..., GuideApp],
) -> None:
    """Typing that rests on a search makes the first result's page ready, its matches
    marked: Enter opens it at the match with nothing laid out."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "Topics")
        await pilot.press("slash")
        await wait_until(lambda: isinstance(app.screen, SearchScreen), pause=pilot.pause)
        lay_out.cache_clear()
        await pilot.press(*"her2")
        await wait_until(lambda: laid_out() == 1, pause=pilot.pause)  # after the rest
        await pilot.press("enter")
        reader = app.query_one(SectionReader)
        await wait_until(lambda: reader.has_focus and reader.matches, pause=pilot.pause)
        assert laid_out() == 1
        assert "Found: her2" in await wait_for_text(pilot, "Found: her2")
