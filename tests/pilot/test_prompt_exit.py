"""An app asked to end ends at once: the keys still waiting for it are dropped, not acted on
one by one first (mbc_tui.prompt_exit)."""

from __future__ import annotations

from textual import events

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.core.content import load_guide
from mbc_tui.widgets.topic_list import TopicList


async def test_keys_waiting_when_the_app_is_asked_to_end_are_not_acted_on() -> None:
    app = build_app(load_guide())
    assert isinstance(app, GuideApp)
    async with app.run_test() as pilot:
        topics = app.screen.query_one(TopicList)
        assert topics.highlighted == 0
        await pilot.press("down")
        assert topics.highlighted == 1
        for _ in range(500):  # a key held down, all read before the app could act on any
            app.post_message(events.Key("down", None))
        app.exit()  # the server ends the session
        await pilot.pause()
        assert topics.highlighted == 1
    assert app.leaving
    assert app.return_code == 0
