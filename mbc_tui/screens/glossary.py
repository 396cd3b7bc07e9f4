"""The glossary screen: a list of terms and the definition of the chosen one.

``g`` opens it with every term; ``d`` in the reader opens it with the terms of the
section being read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from mbc_tui.core.glossary import GlossaryEntry
from mbc_tui.screens.lean import SizedScreen
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.notice import EducationalNotice


def definition_text(entry: GlossaryEntry) -> Content:
    """A term, its definition and how it is written in the text."""
    return Content.assemble(
        (entry.term, "bold"),
        "\n\n",
        entry.definition,
        "\n\n",
        ("Seen as: ", "italic"),
        ", ".join(entry.seen_as),
    )


class GlossaryScreen(SizedScreen[None]):
    """Terms above; the highlighted term's definition below them (see glossary.tcss)."""

    CSS_PATH = "glossary.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to where you were"),
    ]

    def __init__(self, entries: Sequence[GlossaryEntry], heading: str) -> None:
        super().__init__()
        self.entries = tuple(entries)
        self.heading = heading
        self._shown_entry: int | None = None
        """The entry whose meaning is shown."""

    def compose(self) -> ComposeResult:
        with Vertical(id="glossary-panes"):
            terms = OptionList(
                *(Option(entry.term, id=str(index)) for index, entry in enumerate(self.entries)),
                id="terms",
                markup=False,  # terms come from the content: text, never markup
            )
            terms.border_title = self.heading
            yield terms
            with VerticalScroll(id="definition") as definition:
                definition.border_title = "Meaning"
                yield Static(id="definition-text")
        yield EducationalNotice()
        yield KeyFooter()

    def on_mount(self) -> None:
        terms = self.query_one("#terms", OptionList)
        terms.focus()
        if self.entries:
            terms.highlighted = 0
            self.show_entry(0)

    def start_over(self) -> None:
        """The first term highlighted and focused, its meaning shown."""
        if not self.is_mounted:
            return
        terms = self.query_one("#terms", OptionList)
        terms.focus()
        if self.entries:
            terms.highlighted = 0
            terms.scroll_home(animate=False)
            self.show_entry(0)

    def show_entry(self, index: int) -> None:
        if index != self._shown_entry:  # the same again: no new layout for it
            self._shown_entry = index
            text = definition_text(self.entries[index])
            self.query_one("#definition-text", Static).update(text)
        self.query_one("#definition", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#terms")
    def follow_highlight(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is not None:
            self.show_entry(int(event.option_id))

    @on(OptionList.OptionSelected, "#terms")
    def read_definition(self, event: OptionList.OptionSelected) -> None:
        if event.option_id is not None:
            self.show_entry(int(event.option_id))
            self.query_one("#definition", VerticalScroll).focus()
