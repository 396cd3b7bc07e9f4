"""Back (Backspace, Alt+Left) returns to the section read before, where the reader was;
each section keeps its scroll position while the guide is open."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mbc_tui.app import GuideApp
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import app_screen_text, wait_until

SIZE = (80, 24)


async def read_down(app: GuideApp, pages: int) -> int:
    """Open Subtypes and treatment, page down, and say where the reader is."""
    reader = app.screen.query_one(SectionReader)
    for _ in range(pages):
        reader.action_page_down()
    await wait_until(lambda: reader.scroll_y > 0)
    return round(reader.scroll_y)


async def test_each_section_keeps_where_the_reader_left_it(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await wait_until(lambda: "Section 6 of 9" in app_screen_text(app))
        left_at = await read_down(app, 2)
        await pilot.press("2")
        await wait_until(lambda: "Section 2 of 9" in app_screen_text(app))
        reader = app.screen.query_one(SectionReader)
        assert reader.scroll_y == 0  # a section not read before opens at its top
        await pilot.press("6")
        await wait_until(lambda: "Section 6 of 9" in app_screen_text(app))
        await wait_until(lambda: round(reader.scroll_y) == left_at)


@pytest.mark.parametrize("key", ["backspace", "alt+left"])
async def test_back_returns_to_the_section_and_the_place(
    make_app: Callable[..., GuideApp], key: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await wait_until(lambda: "Section 6 of 9" in app_screen_text(app))
        left_at = await read_down(app, 1)
        app.show_topic("her2", find="her2")  # as a search result opens it
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        await wait_until(lambda: screen.slug == "her2")
        await pilot.press(key)
        await wait_until(lambda: screen.slug == "subtypes")
        reader = screen.query_one(SectionReader)
        await wait_until(lambda: round(reader.scroll_y) == left_at)
        assert "Section 6 of 9" in app_screen_text(app)


async def test_back_goes_back_through_every_section_then_does_nothing(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        for key, slug in (("3", "biomarkers"), ("5", "her2")):
            await pilot.press(key)
            await wait_until(lambda slug=slug: screen.slug == slug)
        await pilot.press("backspace")
        await wait_until(lambda: screen.slug == "biomarkers")
        await pilot.press("backspace")
        await wait_until(lambda: screen.slug == "what-it-is")
        assert not screen.check_action("back", ())
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.slug == "what-it-is"
