"""Where am I: the reader's bottom border says which page of the section is shown, in words,
in every profile, and keeps it right after End, Page Up and a resize."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import screen_lines, wait_until, write_section

SIZE = (80, 24)
PAGE = re.compile(r"page (\d+) of (\d+)")


def border_row(app: GuideApp) -> str:
    """The reader's bottom border (in the screen-reader profile, its blank bottom row) as
    shown on screen."""
    reader = app.screen.query_one(SectionReader)
    return screen_lines(app)[reader.region.bottom - 1][reader.region.x : reader.region.right]


def pages_expected(reader: SectionReader) -> int:
    """The section's length in screenfuls (what Page Down moves by), rounded half up: at
    least two when it does not fit on one."""
    visible, total = reader.scrollable_content_region.height, reader.virtual_size.height
    return 1 if total <= visible else max(2, (2 * total + visible) // (2 * visible))


def shown_page(app: GuideApp) -> tuple[int, int] | None:
    found = PAGE.search(border_row(app))
    return (int(found[1]), int(found[2])) if found else None


async def open_subtypes(pilot: Pilot[None], app: GuideApp) -> SectionReader:
    await pilot.press("6")  # Subtypes and treatment: several pages at 80x24
    reader = app.screen.query_one(SectionReader)
    await wait_until(lambda: shown_page(app) is not None, pause=pilot.pause)
    return reader


async def test_page_down_says_page_2_of_the_section_in_the_border(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_subtypes(pilot, app)
        pages = pages_expected(reader)
        assert pages >= 3
        assert f"page 1 of {pages}" in border_row(app)
        await pilot.press("down")  # a line down: still the first page, nothing redrawn
        assert f"page 1 of {pages}" in border_row(app)
        await pilot.press("pagedown")
        await wait_until(lambda: f"page 2 of {pages}" in border_row(app), pause=pilot.pause)
        await pilot.press("end")
        await wait_until(lambda: f"page {pages} of {pages}" in border_row(app), pause=pilot.pause)
        await pilot.press("home")
        await wait_until(lambda: f"page 1 of {pages}" in border_row(app), pause=pilot.pause)


async def test_paging_through_counts_each_page_once_both_ways(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_subtypes(pilot, app)
        pages = pages_expected(reader)
        seen = [shown_page(app)]
        while reader.scroll_y < reader.max_scroll_y:
            await pilot.press("pagedown")
            await pilot.pause()
            seen.append(shown_page(app))
        assert list(dict.fromkeys(seen)) == [(page, pages) for page in range(1, pages + 1)]
        seen = [shown_page(app)]
        while reader.scroll_y > 0:
            await pilot.press("pageup")
            await pilot.pause()
            seen.append(shown_page(app))
        assert list(dict.fromkeys(seen)) == [(page, pages) for page in range(pages, 0, -1)]


async def test_after_a_resize_the_page_count_is_of_the_new_size(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_subtypes(pilot, app)
        await pilot.press("pagedown")
        before = pages_expected(reader)
        await wait_until(lambda: shown_page(app) == (2, before), pause=pilot.pause)
        await pilot.resize_terminal(120, 40)
        await wait_until(lambda: reader.scrollable_content_region.height > 20, pause=pilot.pause)
        after = pages_expected(reader)
        assert after < before
        await wait_until(lambda: (shown_page(app) or (0, 0))[1] == after, pause=pilot.pause)
        await pilot.press("end")
        await wait_until(lambda: shown_page(app) == (after, after), pause=pilot.pause)


async def test_a_section_that_fits_on_the_screen_is_page_1_of_1(tmp_path: Path) -> None:
    from mbc_tui.core.content import load_guide

    write_section(tmp_path, "short.md", title="Short", body="## Heading\n\nA few words.\n")
    app = build_app(load_guide(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: "page 1 of 1" in border_row(app), pause=pilot.pause)


async def test_at_40x15_the_page_is_said_in_whole_words(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 15)) as pilot:
        reader = await open_subtypes(pilot, app)
        pages = pages_expected(reader)
        await pilot.press("end")
        await wait_until(lambda: shown_page(app) == (pages, pages), pause=pilot.pause)
        assert "…" not in border_row(app)


async def test_the_screen_reader_profile_says_the_page_on_its_own_row_without_frames(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app(profile=DisplayProfile(screen_reader=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # the reader, hidden until now, shows section 2
        reader = app.screen.query_one(SectionReader)
        await wait_until(lambda: shown_page(app) is not None, pause=pilot.pause)
        pages = pages_expected(reader)
        assert border_row(app).strip() == f"page 1 of {pages}"  # words: there is room
        await pilot.press("pagedown")
        await wait_until(lambda: shown_page(app) == (2, pages), pause=pilot.pause)
        assert border_row(app).strip() == f"page 2 of {pages}"


async def test_low_bandwidth_says_the_page_between_ascii_frame_lines(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app(profile=DisplayProfile(low_bandwidth=True))
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_subtypes(pilot, app)
        await pilot.press("pagedown")
        await wait_until(lambda: shown_page(app) == (2, pages_expected(reader)), pause=pilot.pause)
        assert border_row(app).isascii()
