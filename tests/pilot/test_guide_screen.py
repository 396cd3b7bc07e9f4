"""The main screen, driven by the keyboard as a reader would, checked on screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.help import HelpScreen
from mbc_tui.widgets.markdown_page import MarkdownPage
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import app_screen_text, palette_done, wait_for_text, wait_until, widget_lines

SIZE = (80, 24)


def reader_heading(app: GuideApp) -> str:
    """The first line of text the reader shows (the section's heading)."""
    reader = app.screen.query_one(SectionReader)
    return next(line.strip() for line in widget_lines(app, reader) if line.strip())


async def test_the_sidebar_lists_every_section(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app()
    async with app.run_test(size=SIZE):
        text = app_screen_text(app)
        for number, section in enumerate(guide, start=1):
            assert f"{number} {section.title}" in text
        assert reader_heading(app) == guide.sections[0].title
        assert f"Section 1 of {len(guide)}" in text


async def test_number_keys_open_each_section(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for number, section in enumerate(guide, start=1):
            await pilot.press(str(number))
            assert reader_heading(app) == section.title
            assert f"Section {number} of {len(guide)}" in app_screen_text(app)
        assert len(guide) == 9  # every number key has a section; 0 is not a key
        await pilot.press("0")
        assert reader_heading(app) == guide.sections[-1].title


async def test_arrows_and_j_k_move_and_enter_opens(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, TopicList)
        await pilot.press("down", "j", "k", "down")
        assert reader_heading(app) == guide.sections[0].title  # moving does not open
        await pilot.press("enter")
        assert reader_heading(app) == guide.sections[2].title
        assert isinstance(app.focused, SectionReader)


async def test_reader_scrolls_with_page_keys(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app(first_slug="subtypes")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        reader = app.screen.query_one(SectionReader)
        assert app.focused is reader
        await pilot.press("pagedown")
        assert reader.scroll_y > 0
        assert reader_heading(app) != "Subtypes and treatment"
        await pilot.press("home")
        assert reader.scroll_y == 0
        await pilot.press("space")
        assert reader.scroll_y > 0
        await pilot.press("end")
        assert "Press s to open the subtype explorer" in app_screen_text(app) or reader.scroll_y > 0
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert reader.scroll_y == 0


async def test_tab_moves_focus_and_escape_returns_to_topics(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert isinstance(app.focused, SectionReader)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, TopicList)
        await pilot.press("tab", "escape")
        assert isinstance(app.focused, TopicList)


async def test_b_hides_and_shows_the_sidebar(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        text = app_screen_text(app)
        assert "1 What it is" not in text and "Topics" not in text
        assert isinstance(app.focused, SectionReader)
        assert reader_heading(app) == guide.sections[0].title
        await pilot.press("b")
        assert "1 What it is" in app_screen_text(app)


async def test_help_lists_the_keys_and_escape_closes_it(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        document = app.screen.query_one(MarkdownPage).markdown
        for words in (
            "Hide or show the list of topics",
            "1, 2, 3, 4, 5, 6, 7, 8, 9",
            "Open the subtype explorer",
            "Change HER2: positive, negative, not tested / not sure",
            "Search the whole guide for a word",
            "Look up the glossary words used in this section",
            "Show a summary of my results to take along",
            "PgDn, Space",
        ):
            assert words in document
        assert "Keys" in app_screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, GuideScreen)


async def test_internal_link_opens_its_section(make_app: Callable[..., GuideApp], guide: Guide):
    app = make_app(first_slug="subtypes")
    async with app.run_test(size=SIZE) as pilot:
        reader = app.screen.query_one(SectionReader)
        reader.post_message(MarkdownPage.LinkClicked(reader, "her2.md"))
        await pilot.pause()
        assert reader_heading(app) == "HER2"
        assert app.screen.query_one(TopicList).highlighted == guide.index_of("her2")


async def test_external_link_is_shown_not_opened(
    make_app: Callable[..., GuideApp], monkeypatch
) -> None:
    app = make_app(first_slug="her2")
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kwargs: opened.append(url))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        reader = app.screen.query_one(SectionReader)
        reader.post_message(MarkdownPage.LinkClicked(reader, "https://example.org/page"))
        text = await wait_for_text(pilot, "https://example.org/page")
        assert opened == []
        assert reader_heading(app) == "HER2"
        assert "https://example.org/page" in text


async def test_start_at_a_topic(make_app: Callable[..., GuideApp]):
    app = make_app(first_slug="taking-control")
    async with app.run_test(size=SIZE):
        assert reader_heading(app) == "Taking control"


async def test_command_palette_finds_a_topic(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        palette_input = app.screen.query_one(Input)
        assert palette_input.has_focus and not palette_input.cursor_blink
        await pilot.press(*"her2")
        await wait_until(lambda: palette_done(app, "Open: HER2"), pause=pilot.pause)
        await pilot.press("enter")
        await wait_until(lambda: isinstance(app.screen, GuideScreen), pause=pilot.pause)
        assert reader_heading(app) == "HER2"


async def test_every_treatment_screen_says_it_is_educational(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        notice = "For education only, not medical advice. Your care team decides your treatment."
        assert notice in app_screen_text(app)
        await pilot.press("s")
        assert notice in app_screen_text(app)
