"""Screens built while the app is quiet (mbc_tui/built_ahead.py): nothing shows or moves
while they are built, and each opens as one made when it is asked for would."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from mbc_tui.app import GuideApp
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import app_screen_text, holds_for, wait_until

SIZE = (80, 24)
KEPT = ("explorer", "help", "search", "glossary", "summary")


def built(app: GuideApp, name: str) -> bool:
    return app.is_screen_installed(name) and app.get_screen(name).is_running


async def build_all(app: GuideApp, pilot: Pilot[object]) -> None:
    app.build_ahead(0.5, at_once=True)
    await wait_until(lambda: not app.building_ahead, pause=pilot.pause)
    assert all(built(app, name) for name in KEPT)


async def test_nothing_shows_or_moves_while_screens_are_built(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        before = app_screen_text(app)
        focused = app.focused
        await build_all(app, pilot)
        assert len(app.screen_stack) == 1 and isinstance(app.screen, GuideScreen)
        assert app.focused is focused
        assert app_screen_text(app) == before


@pytest.mark.parametrize(
    "keys",
    [
        ("s",),
        ("s", "e", "h", "x"),
        ("question_mark",),
        ("slash",),
        ("slash", *"her2", "down"),
        ("g",),
        ("g", "down", "enter"),
    ],
)
async def test_a_screen_built_ahead_opens_as_one_made_when_asked_for(
    make_app: Callable[..., GuideApp], keys: tuple[str, ...]
):
    made_when_asked = make_app()
    async with made_when_asked.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        expected = app_screen_text(made_when_asked)
        expected_focus = type(made_when_asked.focused), made_when_asked.cursor_position
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await build_all(app, pilot)
        await pilot.press(*keys)
        await pilot.pause()
        assert app_screen_text(app) == expected
        assert (type(app.focused), app.cursor_position) == expected_focus


async def test_a_screen_built_ahead_at_another_size_opens_at_the_new_one(
    make_app: Callable[..., GuideApp],
):
    made_when_asked = make_app()
    async with made_when_asked.run_test(size=(60, 16)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        expected = app_screen_text(made_when_asked)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await build_all(app, pilot)
        await pilot.resize_terminal(60, 16)
        await pilot.press("s")
        await pilot.pause()
        assert app_screen_text(app) == expected


async def test_a_key_holds_the_building_back_until_the_app_is_quiet(
    make_app: Callable[..., GuideApp],
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.build_ahead(60)  # a minute of quiet first
        await pilot.press("down")
        await holds_for(lambda: not any(built(app, name) for name in KEPT), 0.5)
        assert isinstance(app.focused, TopicList)
