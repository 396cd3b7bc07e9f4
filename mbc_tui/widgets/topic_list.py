"""The sidebar: a numbered list of the guide's sections."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from mbc_tui.core.content import Guide
from mbc_tui.textual_compat import (
    hovered_option,
    option_line_table,
    option_row_maker,
    option_rows,
    update_option_lines,
)
from mbc_tui.widgets.kept_styles import KeptStyles
from mbc_tui.widgets.row_frame import FramedRows

LOOKS = (
    "option-list--option-disabled",
    "option-list--option-highlighted",
    "option-list--option-hover",
)
"""The component classes an option's row may be drawn in, besides ``option-list--option``."""


class TopicList(KeptStyles, OptionList):
    """One line per section, numbered so the number keys can be read off the screen.

    Moving the highlight does not open a section (that would redraw the reader on
    every key); Enter does, and the screen hears of it through ``OptionSelected``,
    whose ``option_id`` is the section's slug.

    Its rows are put in their frame here (``row_frame``), from its options' rows as Textual
    keeps them (``option_row_maker``): a focus change, which gives the list a new border,
    frames its rows again but does not make or style them again (Textual did, row by row).
    The rows are kept while nothing they show changes (width, the table of lines, highlight,
    hover, the options' looks and padding): drawn again whole (its screen shown again), the
    list looks each row up. Its options (the guide's sections) are given once, never changed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next topic", show=False),
        Binding("k", "cursor_up", "Previous topic", show=False),
        Binding("down", "cursor_down", "Next topic", show=False),
        Binding("up", "cursor_up", "Previous topic", show=False),
        Binding("enter", "select", "Open the topic", show=False),
        Binding("home", "first", "First topic", show=False),
        Binding("end", "last", "Last topic", show=False),
        Binding("pageup", "page_up", "Page up the list", show=False),
        Binding("pagedown", "page_down", "Page down the list", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """As in OptionList, but a move repaints only the two options it touches, not the
    whole list: over a slow line that is the difference between ~80 and ~800 bytes."""

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(
            *(
                Option(f"{number} {section.title}", id=section.slug)
                for number, section in enumerate(guide, start=1)
            ),
            id=id,
            markup=False,  # titles come from the content: text, never markup
        )
        self.guide = guide
        self._framed = FramedRows()
        self._rows: dict[int, Strip] = {}
        """The options' rows as last made, by line of the list."""
        self._rows_for: tuple[object, ...] = ()
        """What they were made for (see ``_content_rows``)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        update_option_lines(self)
        return self._framed.render(self, crop, self._content_rows(), super().render_lines)

    def _content_rows(self) -> Callable[[int], Strip]:
        """Row ``y`` of the list's content: kept from the last drawing where nothing it shows
        has changed, else made (``option_row_maker``)."""
        top = self.scroll_offset.y
        looks = tuple(self.get_visual_style("option-list--option", name) for name in LOOKS)
        made_for = (
            self.scrollable_content_region.width,
            self.highlighted,
            hovered_option(self),
            option_line_table(self),
            self.get_visual_style("option-list--option"),
            looks,
            self.get_component_styles("option-list--option").padding,
        )
        if made_for != self._rows_for:
            self._rows, self._rows_for = {}, made_for
        rows = self._rows
        maker: list[Callable[[int], Strip]] = []

        def row(y: int) -> Strip:
            line = top + y
            kept = rows.get(line)
            if kept is None:
                if not maker:
                    maker.append(option_row_maker(self))
                kept = rows[line] = maker[0](y)
            return kept

        return row

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        for index in (old, new):
            if index is not None and self.is_mounted:
                self._refresh_option(index)

    def _refresh_option(self, index: int) -> None:
        rows = option_rows(self, index)
        if rows is not None:
            self.refresh_lines(*rows)

    def highlight_slug(self, slug: str) -> None:
        """Move the highlight to a section (without opening it again)."""
        self.highlighted = self.guide.index_of(slug)
