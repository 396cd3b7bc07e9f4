"""A page's lines are made once and shared (over SSH, by every session forked from the warm
parent), but Textual is only ever handed the page's own copies: Textual keeps what it
derives from a strip inside the strip, and written into a shared one it would copy that
strip's memory into the session (docs/scaling.md)."""

from __future__ import annotations

from collections.abc import Callable

from mbc_tui.app import GuideApp
from mbc_tui.widgets import markdown_page
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until

SIZE = (80, 24)


async def test_a_page_draws_its_own_copies_of_the_shared_strips(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        page = app.screen.query_one(SectionReader)
        await wait_until(
            lambda: page.layout_ is not None and page.size.height > 0, pause=pilot.pause
        )
        await pilot.pause()
        drawn = [page.render_line(y) for y in range(page.size.height)]
        shared = next(
            strips for layout, strips in markdown_page._STRIPS.values() if layout is page.layout_
        )
        first = page.scroll_offset.y
        assert drawn == shared[first : first + len(drawn)]  # the same lines...
        shared_ids = {id(strip) for strip in shared}
        assert not [strip for strip in drawn if id(strip) in shared_ids]  # ...in its own strips
        again = [page.render_line(y) for y in range(page.size.height)]
        assert all(a is b for a, b in zip(again, drawn, strict=True))  # made once a line
