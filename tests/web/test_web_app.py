"""The guide as a browser session runs it (``mbc_tui.web_app``): focus from the first key,
the server's idle warning, no URL opened."""

from __future__ import annotations

from textual import events

from mbc_tui.app_factory import build_app
from mbc_tui.core.content import Guide
from mbc_tui.web_app.driver import IdleCleared, IdleWarning
from mbc_tui.web_app.main import WebGuideApp
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import app_screen_text, wait_for_text


def web_app(guide: Guide) -> WebGuideApp:
    return build_app(guide, allow_file_writes=False, app_class=WebGuideApp)


async def test_the_first_key_moves_in_the_topics_after_a_start_without_focus(guide: Guide):
    app = web_app(guide)
    async with app.run_test(size=(80, 24)) as pilot:
        app.post_message(events.AppBlur())  # as Textual's web driver does at start
        await pilot.pause()
        assert app.focused is None
        await pilot.press("down")
        topics = app.query_one(TopicList)
        assert app.focused is topics
        assert topics.highlighted == 1


async def test_the_idle_warning_shows_and_a_key_clears_it(guide: Guide):
    app = web_app(guide)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.post_message(IdleWarning(60))
        assert "Still there?" in await wait_for_text(pilot, "Still there?")
        app.post_message(IdleCleared())
        for _ in range(100):  # until the warning is gone, or 5 s
            if "Still there?" not in app_screen_text(app):
                break
            await pilot.pause(0.05)
        assert "Still there?" not in app_screen_text(app)


def test_the_web_guide_writes_no_files_and_opens_no_url(guide: Guide):
    app = web_app(guide)
    assert app.allow_file_writes is False
    app.open_url("https://example.org/")  # nothing happens: no driver is even needed
