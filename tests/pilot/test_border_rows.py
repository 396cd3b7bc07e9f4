"""A new page number in the reader's bottom border repaints that row, not the whole reader:
a Page Down sends the text (not its frame) and that row, not the top border with the
section's title."""

from __future__ import annotations

from collections.abc import Callable

from mbc_tui.app import GuideApp
from mbc_tui.changed_area import ChangedAreaCompositor
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until


def moves_to(sent: str, column: int) -> list[int]:
    """The rows (from 1) where ``sent`` moves the cursor to ``column`` (from 1)."""
    return [int(row) for row in sent.split(f";{column}H")[:-1] for row in [row.split("[")[-1]]]


async def test_page_down_repaints_the_text_and_the_bottom_border_alone(
    make_app: Callable[..., GuideApp],
) -> None:
    app = make_app("glossary")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        reader = screen.query_one(SectionReader)
        await wait_until(lambda: "page 1 of" in str(reader.border_subtitle), pause=pilot.pause)
        compositor = ChangedAreaCompositor()  # drawing as the screen does, but here
        compositor.reflow(screen, screen.outer_size)
        widgets = {reader, reader.vertical_scrollbar}
        compositor.update_widgets(widgets)  # what they asked for so far, drawn whole
        compositor.render_update()
        reader.scroll_page_down(animate=False)  # asks for its repaints at once
        compositor.update_widgets(widgets)
        update = compositor.render_update()
        assert update is not None
        sent = update.render_segments(app.console)  # type: ignore[attr-defined]
        assert "page 2 of" in sent
        # The text's rows, each from the text's first column (Textual sent the border and the
        # padding too: a widget's part of a row from its left edge), and the bottom border;
        # not the top border (the section's title, unchanged), which Textual sent again for
        # the new page number.
        top, bottom = reader.region.y + 1, reader.region.bottom
        assert moves_to(sent, reader.content_region.x + 1) == list(range(top + 1, bottom))
        assert moves_to(sent, reader.region.x + 1) == [bottom]
