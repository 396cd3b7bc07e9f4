"""The main screen: the topic sidebar and the section reader."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import OptionList

from mbc_tui.core.content import Guide, is_external_link
from mbc_tui.core.glossary import Glossary
from mbc_tui.core.search import compile_query
from mbc_tui.screens.glossary import GlossaryScreen
from mbc_tui.screens.lean import LeanScreen
from mbc_tui.textual_compat import send_refresh_requests
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.markdown_page import PREPARE_AFTER, MarkdownPage
from mbc_tui.widgets.notice import EducationalNotice
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList

NUMBER_KEYS = range(1, 10)
HISTORY_LENGTH = 50
"""Sections remembered for Back."""


class GuideScreen(LeanScreen[None]):
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
        Binding(
            "backspace",
            "back",
            "Back",
            key_display="Backspace",
            tooltip="Back to the section you read before, where you were in it",
            show=False,
        ),
        Binding(
            "alt+left",
            "back",
            "Back",
            key_display="Alt+Left",
            tooltip="Back to the section you read before, where you were in it",
            show=False,
        ),
    ]

    slug: var[str] = var("")
    """The section shown: a record that ``open_section`` keeps (and nothing else sets).
    Setting it opens nothing; to open a section, call ``open_section``."""
    show_sidebar: var[bool] = var(True)

    def __init__(
        self,
        guide: Guide,
        glossary: Glossary,
        first_slug: str | None = None,
        *,
        frameless: bool = False,
    ) -> None:
        super().__init__()
        self.guide = guide
        self.frameless = frameless
        """Sections drawn with no frame characters (the screen-reader profile): a table is
        read as records."""
        self._first_slug = first_slug or guide.sections[0].slug
        self.glossary = glossary
        self._changing = 0
        """Section changes not yet laid out (see ``allow_select``)."""
        self._positions: dict[str, int] = {}
        """Where the reader left each section (its top line), while the guide is open."""
        self._history: list[tuple[str, int]] = []
        """The sections read before, with where the reader was in each: for Back."""
        self._preparing: asyncio.TimerHandle | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            topics = TopicList(self.guide, id="topics")
            topics.border_title = "Topics"
            yield topics
            yield SectionReader(frameless=self.frameless, id="reader")
        yield EducationalNotice()
        yield KeyFooter()

    async def on_mount(self) -> None:
        await self.open_section(self._first_slug)

    async def open_section(
        self,
        slug: str,
        *,
        focus_reader: bool = False,
        find: str | None = None,
        back: bool = False,
    ) -> None:
        """Show a section: the one way every route opens one (Enter, the number keys,
        links, search and the command palette). With ``find`` (the words searched for) it
        is scrolled to their first match, every match marked; with ``focus_reader``, the
        reader takes the focus. All its changes reach the terminal as one update: over a
        slow line, one frame instead of a frame for the focus and another for the text."""
        section = self.guide.get(slug)
        if section is None:
            return
        self._stop_preparing()
        reader = self.query_one(SectionReader)
        if self.slug:  # remember where the reader was (and, unless going back, for Back)
            here = round(reader.scroll_y)
            self._positions[self.slug] = here
            if not back and self.slug != slug:
                self._history.append((self.slug, here))
                del self._history[:-HISTORY_LENGTH]
        self._changing += 1  # until laid out again (see allow_select)
        try:
            with self.app.batch_update():
                reader.show_section(section, find, at_line=self._positions.get(slug, 0))
                position = self.guide.index_of(slug) + 1
                reader.border_title = f"Section {position} of {len(self.guide)}"
                self.query_one(TopicList).highlight_slug(slug)
                if focus_reader:
                    self.mark_reading(True)
                    self.focus_now(reader)  # now, not later: inside this one update
                self.slug = slug
        finally:
            self.call_after_refresh(self._changed)
        # What the change asked each widget to repaint (the highlight, the keys in the footer)
        # goes to the screen now: drawn in the frame that shows the section, not in a frame of
        # its own after it, which would draw nothing new.
        send_refresh_requests(*self.walk_children(Widget), reader.vertical_scrollbar)
        self.check_idle()  # paint now: the screen may have gone idle during the batch

    @property
    def allow_select(self) -> bool:
        """No text selection starts while a section is being replaced, until the screen is
        laid out again: a click may land on a block of the old section, already removed,
        and Textual would crash on it (``'NoneType' object has no attribute 'region'``)."""
        return super().allow_select and not self._changing

    def _changed(self) -> None:
        self._changing -= 1

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self.mark_reading(isinstance(event.widget, SectionReader))

    def mark_reading(self, reading: bool) -> None:
        """Say which pane is being read (``-reading``: the reader), for the screen-reader
        profile, which shows one pane at a time. Only that profile styles it: a class on the
        screen restyles every widget on it (about 4 ms a change), for nothing elsewhere."""
        if self.frameless:  # the screen-reader profile
            self.set_class(reading, "-reading")

    def watch_show_sidebar(self, show_sidebar: bool) -> None:
        self.set_class(not show_sidebar, "-sidebar-hidden")
        if not show_sidebar:
            self.query_one(SectionReader).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "terms_here":
            return len(self.glossary) > 0
        if action == "back":
            return bool(self._history)
        if action == "open_number":
            (number,) = parameters
            return isinstance(number, int) and number <= len(self.guide)
        return True

    def action_toggle_sidebar(self) -> None:
        self.show_sidebar = not self.show_sidebar

    def action_focus_topics(self) -> None:
        with self.app.batch_update():  # one frame: a screen reader hears each frame
            self.show_sidebar = True
            self.mark_reading(False)
            self.focus_now(self.query_one(TopicList))

    def action_terms_here(self) -> None:
        section = self.guide.get(self.slug)
        if section is None:
            return
        entries = self.glossary.terms_in(section)
        if not entries:
            self.notify("No glossary words in this section.", markup=False)
            return
        self.app.push_screen(GlossaryScreen(entries, "Words in this section"))

    async def action_back(self) -> None:
        """Back to the section read before, where the reader was in it."""
        if self._history:
            slug, line = self._history.pop()
            self._positions[slug] = line
            await self.open_section(slug, focus_reader=True, back=True)

    async def action_open_number(self, number: int) -> None:
        """Open a section and read it, as Enter on its topic does."""
        await self.open_section(self.guide.sections[number - 1].slug, focus_reader=True)

    @on(OptionList.OptionHighlighted, "#topics")
    def prepare_when_resting(self, event: OptionList.OptionHighlighted) -> None:
        """Once the highlight has rested on a topic for ``PREPARE_AFTER`` seconds, prepare its
        page (``MarkdownPage.prepare``): Enter then shows it without laying it out."""
        self._stop_preparing()
        slug = event.option_id
        if slug is not None and slug != self.slug:
            # The event loop's own timer: a Textual timer is a task and a message per wait.
            loop = asyncio.get_running_loop()
            self._preparing = loop.call_later(PREPARE_AFTER, self._prepare, slug)

    def _stop_preparing(self) -> None:
        if self._preparing is not None:
            self._preparing.cancel()
            self._preparing = None

    def _prepare(self, slug: str) -> None:
        self._preparing = None
        if self.is_current and slug != self.slug:
            self.prepare_section(slug)

    def prepare_section(self, slug: str, find: str | None = None) -> None:
        """Make ready what ``open_section(slug, find=find)`` will show (``MarkdownPage.
        prepare``), without showing it."""
        section = self.guide.get(slug)
        if section is not None and self.is_attached:
            pattern = compile_query(find) if find else None
            self.query_one(SectionReader).prepare(section.markdown, pattern)

    def on_unmount(self) -> None:
        self._stop_preparing()

    @on(OptionList.OptionSelected, "#topics")
    async def open_selected_topic(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            await self.open_section(event.option_id, focus_reader=True)

    @on(MarkdownPage.LinkClicked)
    async def follow_link(self, event: MarkdownPage.LinkClicked) -> None:
        event.stop()
        section = self.guide.resolve_link(event.href)
        if section is not None:
            await self.open_section(section.slug)
        elif is_external_link(event.href):
            self.notify(
                f"Not opened here. The address is: {event.href}",
                title="Web link",
                markup=False,
                timeout=8,
            )
        else:
            self.notify(f"No section called {event.href!r}.", severity="warning", markup=False)
