"""Parsed TCSS is shared by every stylesheet in the process (mbc_tui.shared_styles)."""

from __future__ import annotations

import inspect

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.core.content import Guide
from mbc_tui.shared_styles import share_parsed_styles, shared_entries
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.textual_compat import stylesheet_parse_rules

SIZE = (80, 24)


def test_sharing_is_set_up_once() -> None:
    """Textual's method is replaced once, however often sharing is asked for (the names
    and signatures it relies on are checked in tests/pilot/test_textual_compat.py)."""
    share_parsed_styles()
    shared = stylesheet_parse_rules()
    share_parsed_styles()
    assert getattr(shared, "shared", False)
    assert stylesheet_parse_rules() is shared
    assert not getattr(inspect.unwrap(shared), "shared", False)  # Textual's own, underneath


async def test_a_second_app_parses_nothing_again(guide: Guide) -> None:
    async def open_the_explorer(app: GuideApp) -> set[int]:  # a screen with CSS of its own
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await pilot.pause()
            return {id(rule) for rule in app.stylesheet.rules}

    first = await open_the_explorer(build_app(guide))
    before = shared_entries()
    second = await open_the_explorer(build_app(guide))
    assert before > 0
    assert shared_entries() == before
    assert second == first  # the very same parsed rules, not a copy


async def test_another_theme_is_parsed_with_its_own_colours(guide: Guide) -> None:
    async with build_app(guide).run_test(size=SIZE):
        pass
    low = build_app(guide, DisplayProfile(low_bandwidth=True))
    async with low.run_test(size=SIZE):
        rules = low.stylesheet.rules
    default = build_app(guide)
    async with default.run_test(size=SIZE):
        default_rules = default.stylesheet.rules
    assert rules is not default_rules
    assert not set(map(id, rules)) & set(map(id, default_rules))
