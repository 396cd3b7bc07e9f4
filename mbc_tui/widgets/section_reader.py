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

from mbc_tui.core.content import Section
from mbc_tui.core.search import Place, compile_query, places_in, query_words


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
        Binding(
            "n", "next_match", "Next match", tooltip="After a search: the next match", show=False
        ),
        Binding(
            "N",
            "previous_match",
            "Previous match",
            key_display="Shift+n",
            tooltip="After a search: the previous match",
            show=False,
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Markdown(open_links=False)

    MATCH_STYLE = "bold reverse"
    """How found words are marked: reverse video shows without colour."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._found: list[MarkdownBlock] = []
        """The places holding search matches, in reading order (the title last), as
        ``mbc_tui.core.search.places_in`` finds and counts them."""
        self._current = 0
        self._find_words = ""

    async def show(self, section: Section, find: str | None = None) -> int:
        """Replace what is shown with ``section``, from its top.

        With ``find`` (what the reader searched for), every match is marked and the
        reader scrolls to the first one in the text (the title's only if nothing else
        matches); ``n`` and ``N`` move between them. Returns how many blocks match.
        """
        await self.query_one(Markdown).update(section.markdown)
        self.scroll_home(animate=False, immediate=True)
        self._found, self._current = [], 0
        pattern = compile_query(find) if find else None
        self._find_words = query_words(find) if find else ""
        if pattern is not None and find is not None:
            self.mark(pattern)
            self._found = self.blocks_at(places_in(section, find))
        self._go_to_match()
        return len(self._found)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_match", "previous_match"):
            return len(self._found) > 1
        return True

    def action_next_match(self) -> None:
        self._current = (self._current + 1) % max(len(self._found), 1)
        self._go_to_match()

    def action_previous_match(self) -> None:
        self._current = (self._current - 1) % max(len(self._found), 1)
        self._go_to_match()

    def _go_to_match(self) -> None:
        """Scroll to the current match and say where it is in the border."""
        if not self._found:
            self.border_subtitle = ""
            return
        target = self._found[self._current]
        self.call_after_refresh(
            self.scroll_to_widget, target, animate=False, top=True, immediate=True
        )
        place = f"place {self._current + 1} of {len(self._found)}"
        more = ", n: next" if len(self._found) > 1 else ""
        # Content, not a string: a string here is read as markup, and this is what was typed.
        self.border_subtitle = Content(f"Found: {self._find_words} ({place}{more})")

    def blocks_at(self, places: list[Place]) -> list[MarkdownBlock]:
        """The block that draws each place, in the places' order (one per place)."""
        drawn: dict[int, MarkdownBlock] = {}
        for block in self.query_one(Markdown).query(MarkdownBlock):
            content = block.content
            if block.name == "table_open" or (isinstance(content, Content) and content.plain):
                drawn.setdefault(block.source_range[0], block)
        return [drawn[start] for start, _end in places if start in drawn]

    def mark(self, pattern: re.Pattern[str]) -> None:
        """Mark the matches of ``pattern`` (a table, drawn by itself, is marked whole)."""
        for block in self.query_one(Markdown).query(MarkdownBlock):
            if block.name == "table_open":
                if pattern.search(" ".join((block.source or "").split())):
                    block.add_class("-found")
                continue
            content = block.content
            if not isinstance(content, Content) or not content.plain:
                continue
            spans = [match.span() for match in pattern.finditer(content.plain)]
            if not spans:
                continue
            for start, end in spans:
                content = content.stylize(self.MATCH_STYLE, start, end)
            block.set_content(content)
