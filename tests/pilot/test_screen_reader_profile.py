"""The screen-reader profile and focus after opening a section, checked on screen.

What a screen reader *hears* is checked with Fenrir in tests/pty/test_heard.py; these check,
fast and in process, what it is given to read: one pane at a time, no frames.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from mbc_tui import cli
from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import app_screen_text

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


@pytest.mark.parametrize("ascii_only", [False, True])
async def test_one_pane_at_a_time_and_no_frames(guide: Guide, ascii_only: bool) -> None:
    app = reader_app(guide, ascii_only=ascii_only)
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
        rows = app_screen_text(app).splitlines()
        assert rows[0].startswith("+- Glossary") and "+- Meaning" not in rows[0]
        await pilot.press("enter")
        rows = app_screen_text(app).splitlines()
        assert "+- Meaning" in rows[0] and not rows[0].startswith("+- Glossary")


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
