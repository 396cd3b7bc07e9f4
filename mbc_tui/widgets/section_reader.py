"""The reader: one section of the guide as Markdown, scrolled by the keyboard."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Markdown

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

    async def show(self, section: Section) -> None:
        """Replace what is shown with ``section``, from its top."""
        await self.query_one(Markdown).update(section.markdown)
        self.scroll_home(animate=False, immediate=True)
