"""What the reader types and what the content says is shown as text, never read as markup."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from mbc_tui.app import GuideApp
from mbc_tui.core.content import load_guide
from mbc_tui.core.search import MAX_QUERY_LENGTH
from mbc_tui.screens.search import SearchScreen
from tests.conftest import wait_for_text, write_section

SIZE = (100, 24)
MARKUP = "[@click=app.screenshot()]x[/]"


async def test_a_search_with_markup_is_shown_as_typed(tmp_path: Path) -> None:
    write_section(tmp_path, "one.md", body=f"## Heading\n\nThe words {MARKUP} here.\n")
    app = GuideApp(load_guide(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *MARKUP, "enter")
        text = await wait_for_text(pilot, "Found:")
        assert f"Found: {MARKUP} (place 1 of 1)" in text


async def test_titles_with_markup_are_shown_as_written(tmp_path: Path) -> None:
    write_section(tmp_path, "one.md", title="[b]Bold[/b] [@click=app.quit]title[/]")
    app = GuideApp(load_guide(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        assert "1 [b]Bold[/b]" in await wait_for_text(pilot, "1 [b]")
        await pilot.press("ctrl+p")
        text = await wait_for_text(pilot, "Open: [b]Bold")
        assert "Open: [b]Bold[/b] [@click=app.quit]title[/]" in text


async def test_the_search_box_takes_at_most_the_longest_query(tmp_path: Path) -> None:
    write_section(tmp_path, "one.md")
    app = GuideApp(load_guide(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"x" * (MAX_QUERY_LENGTH + 20))
        assert len(app.screen.query_one("#query", Input).value) == MAX_QUERY_LENGTH
        await pilot.press("escape", "ctrl+p", *"y" * (MAX_QUERY_LENGTH + 20))
        assert len(app.screen.query_one(Input).value) == MAX_QUERY_LENGTH
