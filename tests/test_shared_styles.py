"""Parsed TCSS is shared by every stylesheet in the process (mbc_tui.shared_styles)."""

from __future__ import annotations

import inspect

from textual.css.stylesheet import Stylesheet

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.shared_styles import share_parsed_styles, shared_entries
from mbc_tui.terminal.display_profile import DisplayProfile

SIZE = (80, 24)


def test_textual_still_has_the_method_this_replaces() -> None:
    share_parsed_styles()
    parse_rules = Stylesheet._parse_rules
    assert getattr(parse_rules, "shared", False)
    wrapped = inspect.getclosurevars(parse_rules).nonlocals["parse_rules"]
    parameters = list(inspect.signature(wrapped).parameters)
    assert parameters == ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]


async def test_a_second_app_parses_nothing_again(guide: Guide) -> None:
    async def open_the_explorer(app: GuideApp) -> set[int]:  # a screen with CSS of its own
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await pilot.pause()
            return {id(rule) for rule in app.stylesheet.rules}

    first = await open_the_explorer(GuideApp(guide))
    before = shared_entries()
    second = await open_the_explorer(GuideApp(guide))
    assert before > 0
    assert shared_entries() == before
    assert second == first  # the very same parsed rules, not a copy


async def test_another_theme_is_parsed_with_its_own_colours(guide: Guide) -> None:
    async with GuideApp(guide).run_test(size=SIZE):
        pass
    low = GuideApp(guide, profile=DisplayProfile(low_bandwidth=True))
    async with low.run_test(size=SIZE):
        rules = low.stylesheet.rules
    default = GuideApp(guide)
    async with default.run_test(size=SIZE):
        default_rules = default.stylesheet.rules
    assert rules is not default_rules
    assert not set(map(id, rules)) & set(map(id, default_rules))
