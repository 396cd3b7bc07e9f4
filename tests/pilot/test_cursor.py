"""The terminal cursor sits on the focused item, where braille displays look for it."""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Offset

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from mbc_tui.widgets.receptor_toggle import ReceptorToggle
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import screen_lines


def at_cursor(app: GuideApp) -> str:
    """The screen's text from the cursor to the end of its row."""
    x, y = app.cursor_position
    return screen_lines(app)[y][x:]


def inside(app: GuideApp, widget: object) -> bool:
    return app.screen.find_widget(widget).visible_region.contains_point(app.cursor_position)  # type: ignore[arg-type]


async def test_cursor_follows_the_highlight_in_the_sidebar(
    make_app: Callable[..., GuideApp], guide: Guide
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.focused, TopicList)
        titles = [f"{number} {section.title}" for number, section in enumerate(guide, 1)]
        assert at_cursor(app).startswith(titles[0])
        last = len(guide)
        for key, number in (("down", 2), ("j", 3), ("end", last), ("up", last - 1), ("home", 1)):
            await pilot.press(key)
            assert at_cursor(app).startswith(titles[number - 1]), key


async def test_cursor_stays_on_the_highlight_when_the_sidebar_scrolls(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        topics = app.screen.query_one(TopicList)
        await pilot.press("end")
        await pilot.pause()
        assert topics.scroll_offset.y > 0
        assert at_cursor(app).startswith("9 Glossary")
        assert inside(app, topics)
        await pilot.press("home")
        await pilot.pause()
        assert at_cursor(app).startswith("1 What it is")


async def test_cursor_moves_to_the_reader_and_back(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        assert isinstance(app.focused, SectionReader)
        assert inside(app, app.focused)
        assert at_cursor(app).strip().startswith("How it spreads")
        await pilot.press("escape")
        assert at_cursor(app).startswith("2 How it spreads")


async def test_cursor_follows_focus_on_the_switches(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        row = lambda: screen_lines(app)[app.cursor_position.y]  # noqa: E731
        assert isinstance(app.focused, ReceptorToggle) and app.focused.id == "er"
        assert inside(app, app.focused)
        assert "ER: not tested / not sure" in row()
        await pilot.press("tab")
        assert "PR: not tested / not sure" in row()
        await pilot.press("tab", "space")
        assert "HER2: positive" in row()
        await pilot.press("e")  # a letter key switches ER, but focus (and cursor) stay
        assert "HER2: positive" in row()
        await pilot.press("shift+tab", "shift+tab")
        assert "ER: positive" in row()
        await pilot.press("escape")
        assert at_cursor(app).startswith("1 What it is")


async def test_cursor_is_the_text_cursor_in_the_command_palette(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        start = app.cursor_position
        await pilot.press(*"her")
        assert app.cursor_position == Offset(start.x + 3, start.y)


async def test_every_change_to_the_explorer_is_one_line_of_text(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SubtypeExplorerScreen)

        def results_rows() -> list[str]:
            rows = (line.strip(" │|") for line in screen_lines(app))
            return [row for row in rows if row.startswith("Results:")]

        seen = results_rows()
        for key in ("e", "h", "p", "e"):
            await pilot.press(key)
            seen += results_rows()
        assert seen == [
            "Results: ER? PR? HER2?",
            "Results: ER+ PR? HER2?",
            "Results: ER+ PR? HER2+",
            "Results: ER+ PR+ HER2+",
            "Results: ER- PR+ HER2+",
        ]
