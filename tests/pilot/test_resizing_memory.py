"""A reader who resizes the window through many widths: the layouts and strips kept for
them are bounded to a few MB (a session's memory must not grow with each width seen)."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable

from mbc_tui.app import GuideApp
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until

WIDTHS = range(60, 160)
"""100 window widths, each laying the section out anew."""
MOST_KEPT_BYTES = 8_000_000
"""Kept after all of them, back at the first size: about 5.5 MB (Textual's own caches by
size, about 4 MB, bounded; the guide's 64 layouts and strips at most). With 512 layouts
and 256 pages of strips kept, it was 12 MB here and grew with every width to about 30 MB."""


async def test_resizing_through_many_widths_keeps_memory_bounded(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")  # the longest section
        reader = app.screen.query_one(SectionReader)
        await wait_until(lambda: reader.layout_ is not None, pause=pilot.pause)
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for width in WIDTHS:
                await pilot.resize_terminal(width, 24)
                await wait_until(
                    lambda width=width: app.size.width == width and reader.layout_ is not None,
                    pause=pilot.pause,
                )
                await pilot.pause()
            await pilot.resize_terminal(80, 24)
            await wait_until(lambda: app.size.width == 80, pause=pilot.pause)
            await pilot.pause()
            gc.collect()
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
    assert kept < MOST_KEPT_BYTES, f"{kept:,} bytes kept after {len(WIDTHS)} widths"
