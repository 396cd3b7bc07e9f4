"""Search the whole guide: type, pick a section, read it at the match."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from mbc_tui.core.search import MAX_QUERY_LENGTH, SearchIndex, SearchResult, places_phrase
from mbc_tui.screens.lean import DialogScreen
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.typing_box import TypingBox

HINT = "Type a word, for example HER2 or biopsy. Down: the results. Enter: open."

FoundAt = tuple[str, str]
"""What the search screen returns: (section slug, the query)."""

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


def search_status(query: str, results: list[SearchResult]) -> str:
    """The line under the search box: a hint, or how many sections match, which one Enter
    opens. While typing it is the only line that changes (the list is shown on Down, as the
    hint says), so a screen reader says this line per key, not the whole list."""
    if not query.strip():
        return HINT
    if not results:
        return f"No section matches “{query.strip()}”. Try a shorter or different word."
    sections = "1 section matches" if len(results) == 1 else f"{len(results)} sections match"
    return f"{sections} “{query.strip()}”. Enter opens {results[0].section.title}."


class SearchScreen(DialogScreen[FoundAt | None]):
    """A search box over a list of matching sections."""

    CSS_PATH = "search.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close search"),
        Binding("down", "to_results", "Results", tooltip="Move to the results", priority=True),
    ]

    def __init__(self, index: SearchIndex, query: str = "") -> None:
        super().__init__()
        self.index = index
        self.initial_query = query
        self.results: list[SearchResult] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search") as dialog:
            dialog.border_title = "Search the guide"
            yield TypingBox(
                self.initial_query,
                placeholder="Search for a word",
                id="query",
                max_length=MAX_QUERY_LENGTH,
            )
            yield Static(HINT, id="search-status", markup=False)
            yield OptionList(id="results")
        yield KeyFooter()

    def on_mount(self) -> None:
        query = self.query_one("#query", Input)
        query.focus()
        # The results follow each letter as it is typed, in the same frame as the letter
        # (not a frame later, on the ``Input.Changed`` message): one layout and one paint a
        # key, not two.
        self.watch(query, "value", self.show_results, init=bool(self.initial_query))

    def start_over(self) -> None:
        """An empty search box, focused, and no results."""
        if not self.is_mounted:
            return
        query = self.query_one("#query", Input)
        query.value = self.initial_query  # the results follow (see on_mount)
        query.focus()

    def show_results(self, query: str) -> None:
        self.results = self.index.search(query)
        results = self.query_one("#results", OptionList)
        results.display = bool(self.results) and results.has_focus
        if results.display:
            self.list_results(results)
        elif results.option_count:  # listed when shown (Down), not built anew per key
            results.clear_options()
        status = self.query_one("#search-status", Static)
        words = Content(search_status(query, self.results))
        width = status.content_size.width
        # Laid out again only when the line takes a different number of rows.
        shown = Content(str(status.content))
        same_rows = bool(width) and len(words.wrap(width)) == len(shown.wrap(width))
        status.update(words, layout=not same_rows)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_results":  # shown while in the box, whatever was typed: the
            # footer does not change (nor speak) with every key
            return self.query_one("#query", Input).has_focus
        return True

    def list_results(self, results: OptionList) -> None:
        """Put the results in the list, the first highlighted."""
        results.set_options(
            Option(result_prompt(result), id=result.section.slug) for result in self.results
        )
        if self.results:
            results.highlighted = 0

    def action_to_results(self) -> None:
        """Show the list and move into it: heard once, when asked for."""
        if not self.results:
            return
        results = self.query_one("#results", OptionList)
        if results.option_count != len(self.results):
            self.list_results(results)
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
        if self.results:
            self.dismiss((self.results[0].section.slug, event.value))

    @on(OptionList.OptionSelected, "#results")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.dismiss((event.option_id, self.query_one("#query", Input).value))
