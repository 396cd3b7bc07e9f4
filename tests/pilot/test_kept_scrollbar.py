"""The reader keeps its scroll bar (``mbc_tui.kept_scrollbar``): drawn blank while the section
fits, a thumb once it does not, and opening a section never lays the screen out for it."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.scrollbar import ScrollBar

from mbc_tui.app import GuideApp
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.textual_compat import paint_alone, rendered_strips
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until

SIZE = (120, 40)
"""The first section fits in the reader, the third does not, the fifth fits again."""


async def opened(pilot: Pilot[None], number: int) -> tuple[GuideScreen, SectionReader]:
    """The guide screen once its reader shows section ``number``, and the reader."""
    screen = pilot.app.screen
    assert isinstance(screen, GuideScreen)
    reader = screen.query_one(SectionReader)
    await wait_until(
        lambda: str(reader.border_title).startswith(f"Section {number} of"), pause=pilot.pause
    )
    await pilot.pause()
    return screen, reader


def bar_cells(screen: GuideScreen, reader: SectionReader) -> list[tuple[str, bool]]:
    """The bar's column as drawn on the screen, a cell a row: (character, reverse video)."""
    bar = reader.vertical_scrollbar.region
    assert bar.width == 1
    strips = rendered_strips(screen)[bar.y : bar.bottom]
    cells = []
    for strip in strips:
        [segment] = list(strip.crop(bar.x, bar.x + 1))
        cells.append((segment.text, bool(segment.style and segment.style.reverse)))
    return cells


async def test_opening_a_section_lays_nothing_out(make_app: Callable[..., GuideApp]) -> None:
    """A section that needs a bar after one that needed none, and the other way round: the
    bar is drawn or blanked in place, the screen is not laid out again."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await opened(pilot, 1)
        assert not reader.max_scroll_y  # it fits
        layouts = screen.layouts
        await pilot.press("down", "down", "enter")
        await opened(pilot, 3)
        assert reader.max_scroll_y  # it does not
        await pilot.press("5")
        await opened(pilot, 5)
        assert not reader.max_scroll_y
        assert screen.layouts == layouts


async def test_the_bar_is_blank_while_the_section_fits(make_app: Callable[..., GuideApp]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await opened(pilot, 1)
        assert bar_cells(screen, reader) == [(" ", False)] * reader.size.height
        # as the padding beside it: the page's background, no colour of text (a colour
        # there would be sent again on every row, bytes for nothing)
        bar = reader.vertical_scrollbar.region
        for strip in rendered_strips(screen)[bar.y : bar.bottom]:
            [cell] = list(strip.crop(bar.x, bar.x + 1))
            [padding] = list(strip.crop(bar.right, bar.right + 1))
            assert cell.style == padding.style
        await pilot.press("down", "down", "enter")
        await opened(pilot, 3)
        await wait_until(
            lambda: any(reverse for _text, reverse in bar_cells(screen, reader)),
            pause=pilot.pause,
        )
        assert bar_cells(screen, reader)[0][1]  # the thumb at the top


async def test_in_ascii_the_thumb_is_blanks(make_app: Callable[..., GuideApp]) -> None:
    app = make_app(first_slug="biomarkers", profile=DisplayProfile(ascii_only=True))
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await opened(pilot, 3)
        cells = bar_cells(screen, reader)
        assert {text for text, _reverse in cells} == {" "}
        assert any(reverse for _text, reverse in cells)


async def test_keys_and_the_mouse_scroll_only_a_section_taller_than_the_reader(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        _screen, reader = await opened(pilot, 1)
        reader.focus()
        await pilot.press("pagedown", "down")
        assert reader.scroll_y == 0
        await pilot.press("3")
        await opened(pilot, 3)
        await pilot.press("pagedown")
        assert reader.scroll_y > 0
        await pilot.press("home")
        assert reader.scroll_y == 0
        bar = reader.vertical_scrollbar.region
        await pilot.click(offset=(bar.x, bar.bottom - 1))  # the track, below the thumb
        await wait_until(lambda: reader.scroll_y > 0, pause=pilot.pause)


async def test_a_thumb_that_comes_is_drawn_alone_from_the_bar(
    make_app: Callable[..., GuideApp],
) -> None:
    """``paint_alone`` draws the bar as it is now, without asking the screen for a repaint
    (which would render every widget under its column again); never a widget partly
    covered (the reader, under its bar)."""
    app = make_app(first_slug="biomarkers")
    async with app.run_test(size=SIZE) as pilot:
        screen, reader = await opened(pilot, 3)
        bar = reader.vertical_scrollbar
        assert bar_cells(screen, reader)[0][1]  # the thumb at the top
        assert not paint_alone(reader)
        bar.set_reactive(ScrollBar.position, float(reader.max_scroll_y))  # no repaint asked
        assert paint_alone(bar)
        cells = bar_cells(screen, reader)
        assert not cells[0][1] and cells[-1][1]  # the thumb drawn at the foot
