"""Scroll bars drawn straight to strips look and act as Textual's own: same cells, same
styles, same mouse actions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.style import Style as RichStyle
from textual.scrollbar import ScrollBarRender
from textual.visual import Visual, visualize

from mbc_tui.app import GuideApp
from mbc_tui.ascii_scrollbars import AsciiScrollBarRender
from mbc_tui.strip_scrollbars import BarVisual, StripAsciiScrollBarRender, StripScrollBarRender
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.widgets.section_reader import SectionReader

PLACES = [  # virtual size, window size, position: a long page, a short one, one that fits
    (200, 20, 0),
    (200, 20, 95),
    (200, 20, 180),
    (45, 20, 13),
    (20, 0, 0),  # (ScrollBar passes no window when all of it shows)
]


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [(ScrollBarRender, StripScrollBarRender), (AsciiScrollBarRender, StripAsciiScrollBarRender)],
)
async def test_the_bar_is_drawn_as_textual_draws_it(
    make_app: Callable[..., GuideApp],
    theirs: type[ScrollBarRender],
    ours: type[ScrollBarRender],
) -> None:
    app = make_app("her2")
    async with app.run_test(size=(80, 24)):
        bar = app.screen.query_one(SectionReader).vertical_scrollbar
        style = RichStyle(color="bright_magenta", bgcolor="#555555")
        for virtual, window, position in PLACES:
            for width, height in ((1, 20), (2, 7)):
                drawn = []
                for kind in (theirs, ours):
                    render = kind(virtual, window, position, width, style=style)
                    visual = visualize(bar, render)
                    assert isinstance(visual, BarVisual) == (kind is ours)
                    strips = Visual.to_strips(bar, visual, width, height, bar.visual_style)
                    drawn.append([list(strip) for strip in strips])
                assert drawn[0] == drawn[1], (virtual, window, position, width, height)


@pytest.mark.parametrize(
    ("profile", "kind"),
    [
        (DisplayProfile(), StripScrollBarRender),
        (DisplayProfile(ascii_only=True), StripAsciiScrollBarRender),
    ],
)
async def test_the_reader_draws_its_bar_as_strips_in_its_apps_characters(
    make_app: Callable[..., GuideApp], profile: DisplayProfile, kind: type[ScrollBarRender]
) -> None:
    app = make_app("her2", profile=profile)
    async with app.run_test(size=(80, 24)):
        assert issubclass(app.screen.query_one(SectionReader).vertical_scrollbar.renderer, kind)
