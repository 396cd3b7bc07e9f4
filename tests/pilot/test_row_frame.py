"""A page's rows, its scroll bar's and the topic list's, framed by themselves (``row_frame``),
are Textual's own, segment for segment: in every display profile, focused or not, scrolled
anywhere, and in the help."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.segment import Segment
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList

from mbc_tui.app import GuideApp
from mbc_tui.strip_scrollbars import FramedScrollBar
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.widgets.markdown_page import MarkdownPage
from mbc_tui.widgets.row_frame import row_frame
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import DRAWING_PROFILES

Rows = list[tuple[int, list[Segment]]]


def drawn_rows(page: Widget, draw: Callable[[Region], list[Strip]]) -> Rows:
    """Every row of the widget, all of its width and then a part, as ``draw`` makes them."""
    width, height = page.region.size
    page.refresh()  # nothing kept from an earlier drawing
    whole = draw(Region(0, 0, width, height))
    page.refresh()
    part = draw(Region(1, 1, width - 3, height - 2))
    return [(strip.cell_length, list(strip)) for strip in [*whole, *part]]


def textuals(page: Widget) -> Rows:
    return drawn_rows(page, lambda crop: Widget.render_lines(page, crop))


def the_pages(page: Widget) -> Rows:
    return drawn_rows(page, page.render_lines)


async def compare(pilot: Pilot[None], page: MarkdownPage) -> int:
    """Compare the page's rows with Textual's, at its top, a page down and at its end, focused
    and not; how many rows the page framed itself."""
    framed = 0
    for focused in (False, True):
        if focused:
            page.focus()
        else:
            pilot.app.set_focus(None)
        for y in (0, page.size.height - 2, page.max_scroll_y):
            page.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            assert the_pages(page) == textuals(page), (focused, y)
            bar = page.vertical_scrollbar
            if bar.display:  # its own class, its rows also framed without Textual's styling
                assert isinstance(bar, FramedScrollBar)
                assert the_pages(bar) == textuals(bar), (focused, y)
            frame = row_frame(page)
            framed += 0 if frame is None else frame.bottom - frame.top
    return framed


@pytest.mark.parametrize("profile", DRAWING_PROFILES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_reader_frames_its_rows_as_textual_does(
    make_app: Callable[..., GuideApp], profile: DisplayProfile, size: tuple[int, int]
) -> None:
    app = make_app("glossary", profile=profile)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert await compare(pilot, app.screen.query_one(SectionReader)) > 0


@pytest.mark.parametrize("profile", [DisplayProfile(), DisplayProfile(ascii_only=True)])
async def test_the_help_frames_its_rows_as_textual_does(
    make_app: Callable[..., GuideApp], profile: DisplayProfile
) -> None:
    app = make_app(profile=profile)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert await compare(pilot, app.screen.query_one(MarkdownPage)) > 0


async def test_a_tinted_page_is_left_to_textual(make_app: Callable[..., GuideApp]) -> None:
    app = make_app("glossary")
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.screen.query_one(SectionReader)
        reader.styles.tint = "red 20%"
        await pilot.pause()
        assert row_frame(reader) is None
        assert the_pages(reader) == textuals(reader)


async def test_rows_drawn_again_unchanged_are_kept(make_app: Callable[..., GuideApp]) -> None:
    """A page drawn again with nothing changed (a change beside it on the same rows) gives
    the rows it made before, as Textual's cache of styled rows does."""
    app = make_app("glossary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reader = app.screen.query_one(SectionReader)
        whole = Region(0, 0, *reader.region.size)
        first, again = reader.render_lines(whole), reader.render_lines(whole)
        frame = row_frame(reader)
        assert frame is not None
        content = slice(frame.top, frame.bottom)
        assert all(row is kept for row, kept in zip(first[content], again[content], strict=True))


def test_an_empty_row_framed_takes_a_line_filter() -> None:
    """A row past the page's end (``Strip.blank(0)``: an empty segment with no style) is
    framed without it, so a line filter that reads every segment's style (Textual's
    Monochrome, under NO_COLOR) finds one on each."""
    from rich.style import Style as RichStyle
    from textual.color import Color
    from textual.filter import Monochrome

    from mbc_tui.widgets.row_frame import RowFrame

    fill = RichStyle(bgcolor="#202020")
    frame = RowFrame((Segment("│", fill),), (Segment("│", fill),), 4, fill, 6, 0, 1)
    row = frame.framed(Strip.blank(0))
    assert row.text == "│    │"
    assert all(segment.style is not None for segment in row)
    assert row.apply_filter(Monochrome(), Color(0, 0, 0)).text == "│    │"


@pytest.mark.parametrize("profile", DRAWING_PROFILES)
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 12)])
async def test_the_topic_list_frames_its_rows_as_textual_does(
    make_app: Callable[..., GuideApp], profile: DisplayProfile, size: tuple[int, int]
) -> None:
    """Its rows, from the options' rows as Textual keeps them, each highlighted or not, the
    list focused or not, scrolled (at 60x12 it is taller than its place), are Textual's."""
    app = make_app(profile=profile)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        topics = app.screen.query_one(TopicList)

        def textual_list(crop: Region) -> list[Strip]:
            return OptionList.render_lines(topics, crop)

        framed = 0
        for focused in (True, False):
            if focused:
                topics.focus()
            else:
                app.set_focus(None)
            for highlighted in (0, 3, len(topics.options) - 1):
                topics.highlighted = highlighted
                await pilot.pause()
                assert drawn_rows(topics, topics.render_lines) == drawn_rows(
                    topics, textual_list
                ), (focused, highlighted)
                frame = row_frame(topics)
                framed += 0 if frame is None else frame.bottom - frame.top
        assert framed > 0


async def test_a_focus_change_frames_the_topic_rows_without_making_them(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a section moves the focus: the topic list gets a new border and is drawn
    again, from its options' rows as kept (Textual made and styled each row again)."""
    made: list[int] = []
    render_line = OptionList.render_line

    def counted(self: OptionList, y: int) -> Strip:
        made.append(y)
        return render_line(self, y)

    monkeypatch.setattr(OptionList, "render_line", counted)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen.query_one(SectionReader).has_focus
        assert made == []


async def test_a_hovered_topic_is_drawn_as_textual_draws_it(
    make_app: Callable[..., GuideApp],
) -> None:
    """The mouse over a topic that is not highlighted gives it Textual's hover look."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        topics = app.screen.query_one(TopicList)
        topics.highlighted = 0
        await pilot.hover(TopicList, offset=(4, 4))  # the fourth topic's row
        await pilot.pause()

        def textual_list(crop: Region) -> list[Strip]:
            return OptionList.render_lines(topics, crop)

        hovered = drawn_rows(topics, textual_list)
        assert drawn_rows(topics, topics.render_lines) == hovered
        await pilot.hover(TopicList, offset=(4, 8))
        await pilot.pause()
        moved = drawn_rows(topics, topics.render_lines)
        assert moved == drawn_rows(topics, textual_list)
        assert moved != hovered  # the hover look is drawn, and moved


async def test_the_topic_list_drawn_again_unchanged_makes_no_row(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its screen shown again (a dialog closed), the list draws every row again: each is
    looked up, none made (Textual's cached rows cost as little)."""
    from mbc_tui.widgets import topic_list

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        topics = app.screen.query_one(TopicList)
        whole = Region(0, 0, *topics.outer_size)
        first = topics.render_lines(whole)
        made: list[int] = []
        maker = topic_list.option_row_maker

        def counted(option_list: OptionList) -> Callable[[int], Strip]:
            made.append(1)
            return maker(option_list)

        monkeypatch.setattr(topic_list, "option_row_maker", counted)
        topics.refresh()
        assert topics.render_lines(whole) == first
        assert made == []
        topics.highlighted = 4  # a change: rows made again
        assert topics.render_lines(whole) != first
        assert made == [1]
