"""Search the whole guide: type, pick a section, read it at the match."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mbc_tui.core.content import Section
from mbc_tui.core.search import MAX_QUERY_LENGTH, SearchIndex, SearchResult, places_phrase
from mbc_tui.screens.lean import DialogScreen
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.markdown_page import PREPARE_AFTER
from mbc_tui.widgets.notice import EducationalNotice
from mbc_tui.widgets.one_layout import OneLayout
from mbc_tui.widgets.typing_box import TypingBox

HINT = "Type a word, for example HER2 or biopsy. Down: the results. Enter: open."

FoundAt = tuple[str, str]
"""What the search screen returns: (section slug, the query)."""

SHORT_HEIGHT = 16
"""Below this many rows the blank row under the box goes (``-short``), so that a whole
result still shows at 40x12 above the educational notice."""

MATCH_STYLE = "bold reverse"
"""How a match is marked: reverse video shows without colour."""


def result_prompt(result: SearchResult) -> Content:
    """One result: the section's title and in how many places it holds the words (the
    count the reader steps through, n by n), then the snippet."""
    snippet = result.snippet
    return Content.assemble(
        (result.section.title, "bold"),
        f" (found in {places_phrase(result.places)})\n",
        Content(snippet.text).stylize(MATCH_STYLE, snippet.match_start, snippet.match_end),
    )


def search_status(query: str, sections: list[Section]) -> str:
    """The line under the search box: a hint, or how many sections match, which one Enter
    opens. While typing it is the only line that changes (the list is shown on Down, as the
    hint says), so a screen reader says this line per key, not the whole list."""
    if not query.strip():
        return HINT
    if not sections:
        return f"No section matches “{query.strip()}”. Try a shorter or different word."
    count = "1 section matches" if len(sections) == 1 else f"{len(sections)} sections match"
    return f"{count} “{query.strip()}”. Enter opens {sections[0].title}."


class SearchBox(TypingBox):
    """The search box. The screen follows its value itself (a watch: the results in the
    letter's own frame), so the box sends no ``Changed`` message: one a letter climbed
    from the box through the dialog and the screen to the app, handled by none."""

    def check_message_enabled(self, message: Message) -> bool:
        return not isinstance(message, Input.Changed) and super().check_message_enabled(message)


class SearchStatus(OneLayout, Static):
    """The line under the box (``OneLayout``: its rows are the layout's outcome).

    While the list is hidden nothing lies below the line, so a line that needs fewer rows
    than it has keeps them (blank: the picture is the same) and the dialog is not laid out
    again; it is laid out when the line needs more rows, or when the list shows (the list
    then takes the rows the line leaves: :meth:`fit`)."""

    spare_rows = False
    """Whether the line has more rows than its words need (kept while the list is hidden)."""

    def say(self, words: Content, *, below_shows: bool) -> None:
        """Show ``words``; ``below_shows``: whether what lies below the line is shown."""
        width, rows = self.content_size
        if not width:  # not laid out yet
            self.spare_rows = False
            self.update(words, layout=True)
            return
        # A line no wider than the box is one row, with no wrapping to find that out.
        needed = 1 if words.cell_length <= width else len(words.wrap(width))
        fits = needed == rows or (needed < rows and not below_shows)
        self.spare_rows = fits and needed < rows
        self.update(words, layout=not fits)

    def fit(self) -> None:
        """Give back the rows the words do not need (before what lies below shows: the
        same layout then shows it)."""
        if self.spare_rows:
            self.spare_rows = False
            self.refresh(layout=True)


class SearchScreen(DialogScreen[FoundAt | None]):
    """A search box over a list of matching sections."""

    CSS_PATH = "search.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close search"),
        Binding("down", "to_results", "Results", tooltip="Move to the results", priority=True),
    ]

    class Resting(Message):
        """The typing has rested ``PREPARE_AFTER`` seconds on a search with results: the
        section Enter would open, at the match, can be made ready (the app asks the guide)."""

        def __init__(self, found: FoundAt) -> None:
            super().__init__()
            self.found = found

    def __init__(self, index: SearchIndex, query: str = "") -> None:
        super().__init__()
        self.index = index
        self.initial_query = query
        self.sections: list[Section] = []
        """The sections that match what is typed, in the results' order."""
        self._resting: asyncio.TimerHandle | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="search") as dialog:
            dialog.border_title = "Search the guide"
            yield SearchBox(
                self.initial_query,
                placeholder="Search for a word",
                id="query",
                max_length=MAX_QUERY_LENGTH,
            )
            yield SearchStatus(HINT, id="search-status", markup=False)
            yield OptionList(id="results")
        yield EducationalNotice()  # the snippets are the guide's words on treatment too
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.app.size.height < SHORT_HEIGHT, "-short")
        query = self.query_one("#query", Input)
        query.focus()
        # The results follow each letter as it is typed, in the same frame as the letter
        # (not a frame later, on the ``Input.Changed`` message): one layout and one paint a
        # key, not two.
        self.watch(query, "value", self.show_results, init=bool(self.initial_query))

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    def start_over(self) -> None:
        """An empty search box, focused, and no results."""
        if not self.is_mounted:
            return
        query = self.query_one("#query", Input)
        query.value = self.initial_query  # the results follow (see on_mount)
        query.focus()

    def show_results(self, query: str) -> None:
        # Per key only which sections match (the status line says how many, and which one
        # Enter opens); each one's snippet and places are found when the list is shown.
        self.sections = self.index.sections(query)
        self._stop_resting()
        if self.sections:
            found = (self.sections[0].slug, query)
            # The event loop's own timer: a Textual timer is a task and a message per wait.
            loop = asyncio.get_running_loop()
            self._resting = loop.call_later(PREPARE_AFTER, self._rested, found)
        results = self.query_one("#results", OptionList)
        results.display = bool(self.sections) and results.has_focus
        if results.display:
            self.list_results(results)
        elif results.option_count:  # listed when shown (Down), not built anew per key
            results.clear_options()
        status = self.query_one("#search-status", SearchStatus)
        status.say(Content(search_status(query, self.sections)), below_shows=results.display)

    def _rested(self, found: FoundAt) -> None:
        self._resting = None
        if self.is_current:
            self.post_message(self.Resting(found))

    def _stop_resting(self) -> None:
        if self._resting is not None:
            self._resting.cancel()
            self._resting = None

    def on_screen_suspend(self) -> None:
        self._stop_resting()

    def on_unmount(self) -> None:
        self._stop_resting()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_results":  # shown while in the box, whatever was typed: the
            # footer does not change (nor speak) with every key
            return self.query_one("#query", Input).has_focus
        return True

    def list_results(self, results: OptionList) -> None:
        """Put the results in the list, the first highlighted."""
        found = self.index.search(self.query_one("#query", Input).value)
        results.set_options(
            Option(result_prompt(result), id=result.section.slug) for result in found
        )
        if found:
            results.highlighted = 0

    def action_to_results(self) -> None:
        """Show the list and move into it: heard once, when asked for."""
        if not self.sections:
            return
        results = self.query_one("#results", OptionList)
        if results.option_count != len(self.sections):
            self.list_results(results)
        self.query_one("#search-status", SearchStatus).fit()
        results.display = True
        results.focus()

    @on(events.DescendantFocus, "#query")
    def hide_results(self) -> None:
        """Back in the box (Tab), the list goes: typing changes only the status line."""
        self.query_one("#results", OptionList).display = False

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#query")
    def open_first(self, event: Input.Submitted) -> None:
        if self.sections:
            self.dismiss((self.sections[0].slug, event.value))

    @on(OptionList.OptionSelected, "#results")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.dismiss((event.option_id, self.query_one("#query", Input).value))
