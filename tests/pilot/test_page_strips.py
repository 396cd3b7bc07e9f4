"""The page's lines drawn one strip a line look as Textual's own text rendering draws them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.widgets.page_strips import line_strips, page_style_of
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until

Look = tuple[str, str, tuple[tuple[str, str], ...]]
"""A run of text, its look, and its meta (the place for text selection left out)."""


def looks(strip: Strip) -> list[Look]:
    """What a reader sees of ``strip`` and what a click on it does, run by run."""
    runs: list[Look] = []
    for segment in strip:
        assert isinstance(segment, Segment)
        style = segment.style
        meta = {} if style is None else dict(style.meta)
        meta.pop("offset", None)
        look = "" if style is None else str(style)
        clicks = tuple(sorted((key, repr(value)) for key, value in meta.items()))
        if runs and runs[-1][1:] == (look, clicks):
            runs[-1] = (runs[-1][0] + segment.text, look, clicks)
        elif segment.text:
            runs.append((segment.text, look, clicks))
    return runs


@pytest.mark.parametrize("profile", [DisplayProfile(), DisplayProfile(low_bandwidth=True)])
async def test_every_line_looks_as_textual_draws_it(
    make_app: Callable[..., GuideApp], guide: Guide, profile: DisplayProfile
) -> None:
    app = make_app(profile=profile)
    async with app.run_test(size=(60, 24)) as pilot:
        reader = app.screen.query_one(SectionReader)
        links = 0
        for section in guide:
            reader.show_section(section, find="her2")  # matches marked, too
            await wait_until(lambda: reader.layout_ is not None, pause=pilot.pause)
            assert reader.layout_ is not None
            lines = reader.layout_.lines
            width = reader.scrollable_content_region.width
            widest = max(width, *(line.cell_length for line in lines))
            style = reader.visual_style
            textual = Visual.to_strips(reader, Content("\n").join(lines), widest, None, style)
            ours = line_strips(lines, 0, width, style, page_style_of(reader), reader.link_style)
            assert len(ours) == len(lines)
            for line, theirs, mine in zip(lines, textual, ours, strict=True):
                assert looks(mine) == looks(theirs.crop(0, width)), line.plain
                assert mine.cell_length == min(line.cell_length, width)
                links += any(
                    key == "@click" for _text, _look, clicks in looks(mine) for key, _ in clicks
                )
        assert links  # the guide's links are among the lines compared
