"""The reader and the topic list, restyled for a focus state they were in before, get the
styles Textual's matching gives, without matching the stylesheet again (``KeptStyles``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

from mbc_tui.app import GuideApp
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.textual_compat import component_styles
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList
from tests.conftest import DRAWING_PROFILES


def styles_of(widget: Widget) -> tuple[object, ...]:
    """Everything a restyle sets: the widget's rules, its component classes' and its scroll
    bar's."""
    components = {name: styles.get_rules() for name, styles in component_styles(widget).items()}
    bar = widget.vertical_scrollbar.styles.get_rules() if widget.show_vertical_scrollbar else None
    return widget.styles.get_rules(), components, bar


def matched_again(app: App[object], widget: Widget) -> tuple[object, ...]:
    """The widget's styles as Textual's own restyle (matching every rule) gives them now."""
    app.update_styles(widget)  # Textual's, not the widget's ``update_node_styles``
    return styles_of(widget)


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


@pytest.mark.parametrize("profile", DRAWING_PROFILES)
async def test_kept_styles_are_those_textual_matches(
    make_app: Callable[..., GuideApp], profile: DisplayProfile
) -> None:
    app = make_app(profile=profile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        topics, reader = app.screen.query_one(TopicList), app.screen.query_one(SectionReader)
        for keys in (("down", "down", "enter"), ("escape",), ("enter",), ("escape",)):
            await press(pilot, *keys)
            for widget in (topics, reader):
                kept = styles_of(widget)
                assert kept == matched_again(app, widget), (keys, widget)


async def test_a_focus_state_seen_before_matches_nothing(
    make_app: Callable[..., GuideApp],
) -> None:
    """The topic list's unfocused look is kept from its mount, its focused look from the
    start; the reader's focused look is matched at the first Enter, then kept: moving the
    focus back and forth matches the stylesheet no more."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        topics, reader = app.screen.query_one(TopicList), app.screen.query_one(SectionReader)
        assert topics.has_focus
        await press(pilot, "down", "down", "enter")
        assert reader.has_focus
        matched = (topics.restyles_matched, reader.restyles_matched)
        assert matched == (1, 1)
        for keys in (("escape",), ("enter",), ("escape",), ("enter",)):
            await press(pilot, *keys)
        assert (topics.restyles_matched, reader.restyles_matched) == matched


async def test_a_new_theme_is_matched_again(make_app: Callable[..., GuideApp]) -> None:
    """Styles kept under one stylesheet are not used under another (a new theme)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        topics = app.screen.query_one(TopicList)
        await press(pilot, "enter")
        await press(pilot, "escape")
        matched = topics.restyles_matched
        app.theme = "textual-light"
        await pilot.pause()
        await press(pilot, "enter")
        await press(pilot, "escape")
        assert topics.restyles_matched > matched
        assert styles_of(topics) == matched_again(app, topics)
