"""Every route to a section goes through one method, ``GuideScreen.open_section``:
Enter in the sidebar, the number keys, a link, search and the command palette."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.screens import guide as guide_module
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import click_words, wait_for_text, widget_lines

SIZE = (80, 24)

Opened = list[tuple[str, str | None]]
"""(slug, words to find) for each call of ``GuideScreen.open_section``."""


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    """Records every call of ``GuideScreen.open_section`` and lets it run."""
    calls: Opened = []
    original = GuideScreen.open_section

    async def recording(
        screen: GuideScreen, slug: str, *, focus_reader: bool = False, find: str | None = None
    ) -> None:
        calls.append((slug, find))
        await original(screen, slug, focus_reader=focus_reader, find=find)

    monkeypatch.setattr(GuideScreen, "open_section", recording)
    return calls


def border_title(app: GuideApp) -> str:
    if not isinstance(app.screen, GuideScreen):
        return ""
    return str(app.screen.query_one(SectionReader).border_title)


async def shown(
    pilot: Pilot[None], guide: Guide, slug: str, *, from_top: bool = True
) -> GuideScreen:
    """The guide screen once it shows ``slug`` (polled: the palette and search close first),
    from its heading unless a search scrolled it to a match."""
    app = pilot.app
    assert isinstance(app, GuideApp)
    wanted = f"Section {guide.index_of(slug) + 1} of {len(guide)}"
    for _ in range(100):
        if border_title(app) == wanted:
            break
        await pilot.pause(0.05)
    screen = app.screen
    assert isinstance(screen, GuideScreen)
    reader = screen.query_one(SectionReader)
    assert reader.border_title == wanted
    if from_top:
        heading = next(line.strip() for line in widget_lines(app, reader) if line.strip())
        section = guide.get(slug)
        assert section is not None and heading == section.title
    assert screen.slug == slug  # the record follows what is shown
    assert screen.query_one(TopicList).highlighted == guide.index_of(slug)  # and the sidebar
    return screen


async def test_enter_in_the_sidebar(
    make_app: Callable[..., GuideApp], guide: Guide, opened: Opened
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, guide, "what-it-is")
        opened.clear()
        await pilot.press("down", "enter")
        await shown(pilot, guide, "how-it-spreads")
        assert opened == [("how-it-spreads", None)]


async def test_a_number_key(make_app: Callable[..., GuideApp], guide: Guide, opened: Opened):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, guide, "what-it-is")
        opened.clear()
        await pilot.press("5")
        await shown(pilot, guide, "her2")
        assert opened == [("her2", None)]


async def test_a_link(make_app: Callable[..., GuideApp], guide: Guide, opened: Opened):
    app = make_app(first_slug="subtypes")
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, guide, "subtypes")
        opened.clear()
        await click_words(pilot, app.screen.query_one(SectionReader), "biomarkers")
        await shown(pilot, guide, "biomarkers")
        assert opened == [("biomarkers", None)]


async def test_search(make_app: Callable[..., GuideApp], guide: Guide, opened: Opened):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, guide, "what-it-is")
        opened.clear()
        await pilot.press("slash", *"biopsy", "enter")
        screen = await shown(pilot, guide, "biomarkers", from_top=False)
        assert opened == [("biomarkers", "biopsy")]
        assert app.focused is screen.query_one(SectionReader)
        assert "Found: biopsy" in await wait_for_text(pilot, "Found: biopsy")


@pytest.mark.parametrize(
    ("typed", "offered", "slug", "find"),
    [
        ("her2", "Open: HER2", "her2", None),
        ("yoga", "Find “yoga” in: Taking control", "taking-control", "yoga"),
    ],
)
async def test_the_command_palette_with_the_sidebar_following(
    make_app: Callable[..., GuideApp],
    guide: Guide,
    opened: Opened,
    typed: str,
    offered: str,
    slug: str,
    find: str | None,
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await shown(pilot, guide, "what-it-is")
        opened.clear()
        await pilot.press("ctrl+p", *typed)
        assert offered in await wait_for_text(pilot, offered)
        await pilot.press("enter")
        await shown(pilot, guide, slug, from_top=find is None)
        assert opened == [(slug, find)]


def test_the_record_of_what_is_shown_does_no_work() -> None:
    """``slug`` is kept by ``open_section``: no watcher opens a section behind it, and no
    ``set_reactive`` keeps such a watcher quiet."""
    assert not hasattr(GuideScreen, "watch_slug")
    assert "set_reactive" not in inspect.getsource(guide_module)
