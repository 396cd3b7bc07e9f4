"""The screen-reader profile and focus after opening a section, checked on screen.

What a screen reader *hears* is checked with Fenrir in tests/pty/test_heard.py; these check,
fast and in process, what it is given to read: one pane at a time, no frames.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from mbc_tui import cli
from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.core.subtypes import TABLE_1, TABLE_1_CAPTION
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.textual_compat import rendered_strips
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import app_screen_text, widget_lines

SIZE = (80, 24)
FRAME = re.compile(r"[+|][-+]|--|[─-╿]")
"""Frame and box-drawing characters a screen reader would read out."""


def reader_app(guide: Guide, **profile: bool) -> GuideApp:
    return GuideApp(guide, profile=DisplayProfile(screen_reader=True, **profile))


async def test_a_number_key_leaves_the_reader_focused_as_enter_does(
    make_app: Callable[..., GuideApp], guide: Guide
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert isinstance(app.focused, SectionReader)
        await pilot.press("pagedown")
        assert app.query_one(SectionReader).scroll_y > 0
        assert app.query_one(TopicList).highlighted == 3


@pytest.mark.parametrize(
    "terminal",
    [
        {},
        {"ascii_only": True},
        # The Linux console (Fenrir's own) with NO_COLOR: its frame rules must not apply.
        {"ascii_only": True, "line_drawing": True, "no_color": True},
    ],
    ids=["xterm", "ascii", "linux-no-colour"],
)
async def test_one_pane_at_a_time_and_no_frames(guide: Guide, terminal: dict[str, bool]) -> None:
    app = reader_app(guide, **terminal)
    async with app.run_test(size=SIZE) as pilot:
        text = app_screen_text(app)
        assert "1 What it is" in text and guide.sections[0].title + "\n" not in text
        assert not app.query_one(SectionReader).display
        await pilot.press("down", "enter")
        text = app_screen_text(app)
        assert not app.query_one(TopicList).display
        assert text.splitlines()[0].strip() == guide.sections[1].title
        assert "1 What it is" not in text
        assert not FRAME.search(text), text
        await pilot.press("escape")
        assert isinstance(app.focused, TopicList)
        assert not app.query_one(SectionReader).display
        assert not FRAME.search(app_screen_text(app))


def test_cli_screen_reader_option_and_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    profiles: list[DisplayProfile] = []
    monkeypatch.setattr(GuideApp, "run", lambda self, **kwargs: profiles.append(self.profile))
    monkeypatch.setattr(cli, "wants_line_mode", lambda: False)  # as if on a terminal
    monkeypatch.delenv("MBC_TUI_SCREEN_READER", raising=False)
    assert cli.main(["--screen-reader"]) == 0
    assert cli.main([]) == 0
    monkeypatch.setenv("MBC_TUI_SCREEN_READER", "1")
    assert cli.main([]) == 0
    assert [profile.screen_reader for profile in profiles] == [True, False, True]


@pytest.mark.parametrize("keys", [["g"], ["4", "d"], ["question_mark"], ["slash"], ["s", "x"]])
async def test_every_screen_has_no_frames_and_says_its_title(guide: Guide, keys: list[str]) -> None:
    app = reader_app(guide, ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        text = app_screen_text(app)
        assert not FRAME.search(text), text
        with_scrollbar = [
            widget for widget in app.screen.query("*") if widget.styles.scrollbar_size_vertical
        ]
        assert not with_scrollbar  # a scrollbar is read out too ("block", "reverse")
        first = next(line.strip() for line in text.splitlines() if line.strip())
        assert first in {
            "Glossary",
            "Words in this section",
            "Help",
            "Search the guide",
            "My results summary",
        }


async def test_vt100_two_pane_screens_show_which_pane_has_focus(guide: Guide) -> None:
    """TERM=vt100: only the focused pane is framed (+-|), so moving focus is seen."""
    app = GuideApp(guide, profile=DisplayProfile(ascii_only=True, no_color=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g")
        rows = app_screen_text(app).splitlines()  # the meaning is below the terms
        assert rows[0].startswith("+- Glossary")
        assert any(row.strip() == "Meaning" for row in rows)  # no frame: not focused
        await pilot.press("enter")
        rows = app_screen_text(app).splitlines()
        assert any(row.startswith("+- Meaning") for row in rows)
        assert not rows[0].startswith("+- Glossary")


async def test_a_short_screen_shows_the_explorers_answer_in_a_line(guide: Guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.press("s", "e")
        text = " ".join(app_screen_text(app).split())
        assert "Answer: ER+ and/or PR+, HER2- or ER+ and/or PR+, HER2+. Tab: read it all." in text
        await pilot.press("h")
        text = " ".join(app_screen_text(app).split())
        assert "Answer: ER+ and/or PR+, HER2+. Tab" in text
    app = GuideApp(guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "e")
        assert "Answer:" not in app_screen_text(app)  # the panel itself is in view


async def reader_pages(app: GuideApp, pilot: Pilot[None]) -> tuple[list[str], list[str]]:
    """Page through the open section to its end: the reader's lines, each once and in order
    (by its line in the section), and each page's whole screen."""
    reader = app.screen.query_one(SectionReader)
    lines: dict[int, str] = {}
    screens: list[str] = []
    while True:
        top = round(reader.scroll_y)
        for row, line in enumerate(widget_lines(app, reader)):
            lines.setdefault(top + row, line)
        screens.append(app_screen_text(app))
        await pilot.press("pagedown")
        if round(reader.scroll_y) == top:
            return [lines[number] for number in sorted(lines)], screens


@pytest.mark.parametrize("size", [SIZE, (40, 15)])
@pytest.mark.parametrize("ascii_only", [False, True])
async def test_table_1_is_read_as_records_with_no_frame(
    guide: Guide, size: tuple[int, int], ascii_only: bool
) -> None:
    """Section 6 in the screen-reader profile: Table 1 as rows of words, each cell after its
    column's name, and not one frame character on any page."""
    app = reader_app(guide, ascii_only=ascii_only)
    async with app.run_test(size=size) as pilot:
        await pilot.press("6")
        lines, screens = await reader_pages(app, pilot)
        for screen in screens:
            assert not FRAME.search(screen), screen
        text = " ".join(" ".join(lines).split())
        assert f"{TABLE_1_CAPTION}. 4 rows, read row by row." in text
        for number, row in enumerate(TABLE_1, 1):
            record = f"Row {number}. Subtype: {row.name}. Likely treatment response: "
            assert record + row.likely_response in text, text
        assert "End of table." in text


async def test_the_default_profile_keeps_table_1_framed(guide: Guide) -> None:
    app = GuideApp(guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        lines, _screens = await reader_pages(app, pilot)
        assert any(line.strip().startswith("├") for line in lines)
        assert "Row 1." not in " ".join(lines)


def marked_words(app: GuideApp) -> list[str]:
    """The words marked as found (reverse video and bold) on the screen."""
    return [
        segment.text
        for strip in rendered_strips(app.screen)
        for segment in strip
        if segment.style is not None and segment.style.reverse and segment.style.bold
    ]


@pytest.mark.parametrize("size", [SIZE, (40, 15)])
async def test_a_search_finds_and_marks_words_in_table_1s_records(
    guide: Guide, size: tuple[int, int]
) -> None:
    """Search "HER2", open section 6: every place the results list counted is visited by
    ``n`` ("place k of N", N that count), the table's among them, with its words marked."""
    app = reader_app(guide)
    async with app.run_test(size=size) as pilot:
        results = app.search_index.search("HER2")
        number, result = next(
            (number, result)
            for number, result in enumerate(results)
            if result.section.slug == "subtypes"
        )
        await pilot.press("slash", *"HER2", *["down"] * (number + 1), "enter")
        await pilot.pause()
        reader = app.screen.query_one(SectionReader)
        assert reader.border_title == "Section 6 of 9"
        total = result.places
        assert len(reader.matches) == total >= 2
        records_seen = 0
        for place in range(1, total + 1):
            found = str(reader.border_subtitle)
            assert f"place {place} of {total}" in found, found
            shown = " ".join(widget_lines(app, reader))
            assert "HER2" in marked_words(app), (place, shown)
            assert not FRAME.search(app_screen_text(app))
            if "Row 1. Subtype:" in shown:
                records_seen += 1
            await pilot.press("n")
            await pilot.pause()
        assert records_seen >= 1
        assert f"place 1 of {total}" in str(reader.border_subtitle)  # round again


async def test_glossary_shows_the_meaning_below_the_terms(guide: Guide) -> None:
    """One pane a row: the terms, then the highlighted term's meaning on the rows below."""
    app = reader_app(guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", "down")
        rows = [row.strip() for row in app_screen_text(app).splitlines()]
        meaning = rows.index("Meaning")
        assert rows.index("Metastatic") < meaning
        assert rows[meaning + 1] == "Metastatic"
        assert rows[meaning + 3].startswith("Spread. Metastatic breast cancer has spread")
