"""The reader: one section of the guide as Markdown, scrolled by the keyboard."""

from __future__ import annotations

import re
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown
from textual.widgets.markdown import MarkdownBlock

from mbc_tui.content import Section


class SectionReader(VerticalScroll, can_focus=True):
    """Shows a section. Links are not opened here: ``Markdown.LinkClicked`` bubbles up
    to the screen, which knows the guide and decides what a link means."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top of the section", show=False),
        Binding("end", "scroll_end", "End of the section", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Markdown(open_links=False)

    MATCH_STYLE = "bold reverse"
    """How found words are marked: reverse video shows without colour."""

    async def show(self, section: Section, find: re.Pattern[str] | None = None) -> int:
        """Replace what is shown with ``section``, from its top.

        With ``find``, every match is marked and the reader scrolls to the first one in
        the text (the title's only if nothing else matches). Returns how many blocks match.
        """
        await self.query_one(Markdown).update(section.markdown)
        self.scroll_home(animate=False, immediate=True)
        return 0 if find is None else self.mark(find)

    def mark(self, find: re.Pattern[str]) -> int:
        """Mark the matches of ``find`` and scroll to the first; returns the blocks marked."""
        found: list[MarkdownBlock] = []
        for block in self.query_one(Markdown).query(MarkdownBlock):
            if block.name == "table_open":
                # A table's cells are drawn by the table itself: mark the whole table.
                if find.search(" ".join((block.source or "").split())):
                    block.add_class("-found")
                    found.append(block)
                continue
            content = block.content
            if not isinstance(content, Content) or not content.plain:
                continue
            spans = [match.span() for match in find.finditer(content.plain)]
            if not spans:
                continue
            for start, end in spans:
                content = content.stylize(self.MATCH_STYLE, start, end)
            block.set_content(content)
            found.append(block)
        # Line 0 is the section's title ("# Title").
        target = next((block for block in found if block.source_range[0] > 0), None)
        if target is None and found:
            target = found[0]
        if target is not None:
            self.call_after_refresh(
                self.scroll_to_widget, target, animate=False, top=True, immediate=True
            )
        return len(found)
