"""The main screen: the topic sidebar and the section reader."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList

from mbc_tui.content import Guide, is_external_link
from mbc_tui.glossary import glossary_of
from mbc_tui.screens.glossary import GlossaryScreen
from mbc_tui.widgets.notice import EducationalNotice
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList

NUMBER_KEYS = range(1, 10)


class GuideScreen(Screen[None]):
    """Pick a topic on the left, read it on the right."""

    CSS_PATH = "guide.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "toggle_sidebar", "Sidebar", tooltip="Hide or show the list of topics"),
        Binding("escape", "focus_topics", "Topics", tooltip="Go back to the topics", show=False),
        Binding(
            "d",
            "terms_here",
            "Terms",
            tooltip="Look up the glossary words used in this section",
        ),
        *(
            Binding(str(number), f"open_number({number})", "Open that numbered topic", show=False)
            for number in NUMBER_KEYS
        ),
    ]

    slug: var[str] = var("")
    """The section being read."""
    show_sidebar: var[bool] = var(True)

    def __init__(self, guide: Guide, first_slug: str | None = None) -> None:
        super().__init__()
        self.guide = guide
        self._first_slug = first_slug or guide.sections[0].slug
        self.glossary = glossary_of(guide)
        self._find: str | None = None
        """Words to mark when the next section is shown (set by ``show_found``)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            topics = TopicList(self.guide, id="topics")
            topics.border_title = "Topics"
            yield topics
            yield SectionReader(id="reader")
        yield EducationalNotice()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.slug = self._first_slug

    async def watch_slug(self, slug: str) -> None:
        await self._show_section(slug)

    async def _show_section(self, slug: str) -> None:
        section = self.guide.get(slug)
        if section is None:
            return
        reader = self.query_one(SectionReader)
        find, self._find = self._find, None
        await reader.show(section, find)
        position = self.guide.index_of(slug) + 1
        reader.border_title = f"Section {position} of {len(self.guide)}"
        self.query_one(TopicList).highlight_slug(slug)
        self.sub_title = section.title

    def watch_show_sidebar(self, show_sidebar: bool) -> None:
        self.set_class(not show_sidebar, "-sidebar-hidden")
        if not show_sidebar:
            self.query_one(SectionReader).focus()

    def show_found(self, slug: str, query: str) -> None:
        """Open a section scrolled to the first match of ``query``, every match marked."""
        self._find = query
        if slug == self.slug:
            self.call_next(self._show_section, slug)
        else:
            self.slug = slug
        self.query_one(SectionReader).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "terms_here":
            return len(self.glossary) > 0
        if action == "open_number":
            (number,) = parameters
            return isinstance(number, int) and number <= len(self.guide)
        return True

    def action_toggle_sidebar(self) -> None:
        self.show_sidebar = not self.show_sidebar

    def action_focus_topics(self) -> None:
        self.show_sidebar = True
        self.query_one(TopicList).focus()

    def action_terms_here(self) -> None:
        section = self.guide.get(self.slug)
        if section is None:
            return
        entries = self.glossary.terms_in(section)
        if not entries:
            self.notify("No glossary words in this section.", markup=False)
            return
        self.app.push_screen(GlossaryScreen(entries, "Words in this section"))

    def action_open_number(self, number: int) -> None:
        self.slug = self.guide.sections[number - 1].slug

    @on(OptionList.OptionSelected, "#topics")
    def open_selected_topic(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.slug = event.option_id
            self.query_one(SectionReader).focus()

    @on(Markdown.LinkClicked)
    def follow_link(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        section = self.guide.resolve_link(event.href)
        if section is not None:
            self.slug = section.slug
        elif is_external_link(event.href):
            self.notify(
                f"Not opened here. The address is: {event.href}",
                title="Web link",
                markup=False,
                timeout=8,
            )
        else:
            self.notify(f"No section called {event.href!r}.", severity="warning", markup=False)
