"""Line mode's look-ups: search, the glossary and "my results" (plain Python, no Textual).

What the full-screen guide does with ``/``, ``g`` and the explorer's summary, said as lines:
numbered results, a short prompt of its own for each list (``Result:``, ``Term:``), and each
answer starting with a word that says what it is. Search looks at the text as line mode
shows it (``Form.LINE``: its own instructions in place of the screen's keys). The summary is
printed only; nothing is ever saved (over SSH, nothing may be written on the server).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mbc_tui.core.content import Guide
from mbc_tui.core.glossary import Glossary, GlossaryEntry, glossary_of
from mbc_tui.core.instructions import Form
from mbc_tui.core.search import (
    SearchIndex,
    SearchResult,
    compile_query,
    places_phrase,
    search_index_of,
)
from mbc_tui.core.subtypes import ReceptorStatus
from mbc_tui.core.summary import WIDTH, summary_lines

RESULT_PROMPT = "Result: "
"""Shown while the reader picks a search result; always the same."""
TERM_PROMPT = "Term: "
"""Shown while the reader picks a glossary term; always the same."""

SEARCH = ("/", "f", "find", "search")
GLOSSARY = ("g", "glossary")
RESULTS = ("r", "results", "summary")
STOP = ("", "m", "menu")


def command_and_words(text: str, commands: tuple[str, ...]) -> str | None:
    """What follows a command ("/biopsy", "g her2", "find bone" give the words; "/" alone
    gives ""), or ``None`` when ``text`` is not that command."""
    folded = " ".join(text.split())
    if "/" in commands and folded.startswith("/"):
        return folded[1:].strip()
    word, _space, rest = folded.partition(" ")
    return rest if word.lower() in commands else None


class LineLookups:
    """Search, glossary and results for a line-mode session (mixed into ``LineReader``,
    which gives the guide, the width and the ways to write, read and show a section)."""

    guide: Guide
    width: int
    _index: SearchIndex | None = None
    last_results: ReceptorStatus | None = None
    """The answers to the three questions, kept while the session lasts (never saved)."""

    def say(self, *texts: str, first: str = "", rest: str = "") -> None:
        raise NotImplementedError

    def write_lines(self, lines: Iterable[str]) -> None:
        raise NotImplementedError

    def ask(self, prompt: str) -> str:
        raise NotImplementedError

    def stop_if_quit(self, text: str) -> None:
        raise NotImplementedError

    def pages(self, index: int) -> list[list[str]]:
        raise NotImplementedError

    def show_section(self, index: int, page: int = 0) -> None:
        raise NotImplementedError

    # Search -----------------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """Built the first time it is needed, from the text as line mode shows it."""
        if self._index is None:
            self._index = search_index_of(self.guide, Form.LINE)
        return self._index

    def search(self, words: str) -> None:
        """Search for ``words`` (asked for when empty); list the sections, read one."""
        if not words:
            words = " ".join(self.ask("Search: ").split())
            self.stop_if_quit(words)
            if not words:
                self.say("Search: nothing typed. Type / and a word, for example /biopsy.")
                return
        results = self.search_index().search(words)
        if not results:
            self.say(f'Results: no section has "{words}". Try a shorter or different word.')
            return
        sections = "1 section has" if len(results) == 1 else f"{len(results)} sections have"
        self.say(f'Results: {sections} "{words}".')
        for number, result in enumerate(results, start=1):
            marker = f"{number}. "
            found = f"{result.section.title} (found in {places_phrase(result.places)}): "
            self.say(found + result.snippet.text, first=marker, rest=" " * len(marker))
        self.say("Type a result's number to read it there; Enter alone goes back.")
        while True:
            text = self.ask(RESULT_PROMPT)
            self.stop_if_quit(text)
            choice = text.strip().lower()
            if choice in STOP:
                return
            if choice.isascii() and choice.isdigit() and 1 <= int(choice) <= len(results):
                self.open_result(results[int(choice) - 1], words)
                return
            self.say(f"Unknown: type a number from 1 to {len(results)}, or Enter to go back.")

    def open_result(self, result: SearchResult, words: str) -> None:
        """Show the section at the first page that holds the words."""
        index = self.guide.index_of(result.section.slug)
        pattern = compile_query(words)
        pages = self.pages(index)
        page = next(
            (n for n, lines in enumerate(pages) if pattern and pattern.search(_joined(lines))),
            0,
        )
        self.show_section(index, page)

    # Glossary ---------------------------------------------------------------------------

    def look_up(self, words: str) -> None:
        """Show a glossary term's meaning; with no words, list the terms and ask for one."""
        glossary = glossary_of(self.guide)
        if len(glossary) == 0:
            self.say("Glossary: this guide has none.")
            return
        if not words:
            self.say(f"Glossary: {len(glossary)} terms.")
            for number, entry in enumerate(glossary, start=1):
                self.say(entry.term, first=f"{number}. ", rest=" " * len(f"{number}. "))
            self.say("Type a term or its number; Enter alone goes back.")
        while True:
            if not words:
                words = " ".join(self.ask(TERM_PROMPT).split())
                self.stop_if_quit(words)
                if words.lower() in STOP:
                    return
            found = find_terms(glossary, words)
            if len(found) == 1:
                self.show_term(found[0])
                self.say("Next: type g for another term, m for the menu.")
                return
            if found:
                numbers = ", ".join(f"{glossary.entries.index(e) + 1}. {e.term}" for e in found)
                self.say(f'Terms: {len(found)} match "{words}": {numbers}. Type one.')
            else:
                self.say(f'Unknown: no term "{words}". Type / and the word to search the guide.')
                return
            words = ""

    def show_term(self, entry: GlossaryEntry) -> None:
        self.say(f"Term: {entry.term}")
        for number, paragraph in enumerate(entry.definition.split("\n\n")):
            self.say(f"Meaning: {paragraph}" if number == 0 else paragraph)

    # My results -------------------------------------------------------------------------

    def show_results(self) -> None:
        """Print the summary of the last answers, to copy or print (nothing is saved)."""
        status = self.last_results
        if status is None:
            self.say("Results: none yet. Type s to answer the three questions first.")
            return
        self.say("Summary: my results, to copy or print (nothing is saved).")
        self.write_lines(summary_lines(status, min(self.width, WIDTH), title=False))
        self.say("End of summary. Type s to answer again, m for the menu.")


def find_terms(glossary: Glossary, words: str) -> list[GlossaryEntry]:
    """The entries a reader means: by number, by name or a way it is written, else those
    whose name or written forms start with the words."""
    if words.isascii() and words.isdigit():
        number = int(words)
        return [glossary.entries[number - 1]] if 1 <= number <= len(glossary) else []
    folded = words.casefold()
    exact = [
        entry
        for entry in glossary
        if folded in (form.casefold() for form in (entry.term, *entry.seen_as))
    ]
    if exact:
        return exact
    pattern = compile_query(words)
    if pattern is None:
        return []
    return [
        entry
        for entry in glossary
        if any(pattern.match(form) for form in (entry.term, *entry.seen_as))
    ]


_SPACES = re.compile(r"\s+")


def _joined(lines: list[str]) -> str:
    return _SPACES.sub(" ", " ".join(lines))
