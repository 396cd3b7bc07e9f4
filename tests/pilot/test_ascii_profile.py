"""The low-bandwidth profile is ASCII on every screen: no box drawing, block glyphs or emoji."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from mbc_tui.app import GuideApp
from mbc_tui.terminal.display_profile import DisplayProfile
from tests.conftest import app_screen_text

NOT_ASCII_ART = re.compile(r"[\u2500-\u25ff\U0001f000-\U0001faff]")
"""Box drawing, block elements (the scroll bar's ▂▇, the palette's ▔▁), geometric shapes,
and emoji (the palette's 🔎)."""

JOURNEY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("main screen", ()),
    ("reader focused", ("tab",)),
    ("words in this section", ("d",)),
    ("glossary", ("escape", "g")),
    ("search", ("escape", "slash", *"her2")),
    ("search results", ("down",)),
    ("section at a match", ("enter",)),
    ("table marked as found", ("slash", *"HER2-", "enter")),
    ("subtype explorer", ("s",)),
    ("results summary", ("x",)),
    ("save prompt", ("w",)),
    ("help", ("escape", "escape", "escape", "question_mark")),
    ("command palette", ("escape", "ctrl+p", *"bone")),
)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_every_screen_is_ascii_in_the_low_bandwidth_profile(
    make_app: Callable[..., GuideApp], size: tuple[int, int]
) -> None:
    app = make_app(profile=DisplayProfile(low_bandwidth=True))
    async with app.run_test(size=size) as pilot:
        found: dict[str, list[str]] = {}
        for name, keys in JOURNEY:
            await pilot.press(*keys)
            await pilot.pause()
            if name == "command palette":
                for _ in range(40):  # poll: the palette gathers its hits in the background
                    if "Find" in app_screen_text(app):
                        break
                    await pilot.pause(0.05)
            glyphs = sorted(set(NOT_ASCII_ART.findall(app_screen_text(app))))
            if glyphs:
                found[name] = glyphs
        assert found == {}


async def test_the_usual_profile_keeps_its_frames(make_app: Callable[..., GuideApp]) -> None:
    """The check above can fail: without the profile, frames are box drawing."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert NOT_ASCII_ART.search(app_screen_text(app))
