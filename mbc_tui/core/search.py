"""Find words in the guide (plain Python, no Textual).

The index holds each section's passages as plain text (see ``mbc_tui.core.passages``).
A query matches case-insensitively at the start of a word ("her" finds "HER2", not
"other"); anything typed is taken literally ("HER2+", "(", "*"); a space or hyphen
between words matches either ("triple negative" finds "triple-negative").

What is counted is *places*: a heading, a paragraph, a list item or a whole table that holds
the words. The results list says how many places a section has, and the reader, opening the
section, steps through the very same places (``places_in``): one count, one meaning.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from mbc_tui.core.content import Guide, Section
from mbc_tui.core.instructions import Form
from mbc_tui.core.passages import Passage, passages

SNIPPET_WIDTH = 64
"""About how many characters of the matching passage a result shows."""
ELLIPSIS = "…"

MAX_QUERY_LENGTH = 100
"""The longest query, in characters: the search box takes no more, and anything longer is
cut here too (each query is compiled, and Python keeps the last 512 patterns: 64 KB typed
one key at a time once held 338 MB)."""

T = TypeVar("T")

_WORD_GAP = re.compile(r"(?<=\w)[\s-]+(?=\w)")


_WORD_CHAR = re.compile(r"\w")


def _query_body(words: str) -> str:
    # Escape everything, but let a gap between two words be spaces or a hyphen.
    return r"[\s-]+".join(re.escape(part) for part in _WORD_GAP.split(words))


def query_words(query: str) -> str:
    """What is searched for: the query's words, one space apart, at most
    ``MAX_QUERY_LENGTH`` characters."""
    return " ".join(query[:MAX_QUERY_LENGTH].split())


def compile_query(query: str) -> re.Pattern[str] | None:
    """The pattern for what the reader typed, or ``None`` when there is nothing to find."""
    words = query_words(query)
    if not words:
        return None
    start = r"(?<!\w)" if _WORD_CHAR.match(words) else ""
    return re.compile(start + _query_body(words), re.IGNORECASE)


@dataclass(frozen=True)
class Snippet:
    """A short piece of a passage around a match."""

    text: str
    match_start: int
    match_end: int
    """Where the match is inside ``text``."""

    @property
    def matched(self) -> str:
        return self.text[self.match_start : self.match_end]


@dataclass(frozen=True)
class SearchResult:
    """One section that matches: where it matches first, and how often."""

    section: Section
    passage: Passage
    """The first passage that matches (its lines let the reader scroll there)."""
    snippet: Snippet
    places: int
    """How many places (headings, paragraphs, list items, tables) of the section hold the
    query: the count the reader steps through (see ``places_in``)."""


Place = tuple[int, int]
"""A place's source lines in the section's Markdown: its first line and the line after."""


def places_phrase(count: int) -> str:
    """How many places, in words: "1 place", "3 places"."""
    return "1 place" if count == 1 else f"{count} places"


def make_snippet(text: str, start: int, end: int, width: int = SNIPPET_WIDTH) -> Snippet:
    """A piece of ``text`` of about ``width`` characters showing ``text[start:end]``.

    Cuts fall between words and are shown with an ellipsis.
    """
    if len(text) <= width:
        return Snippet(text, start, end)
    room = max(width - (end - start), 0)
    left = max(start - room // 3, 0)
    right = min(max(end + room - (start - left), end), len(text))
    if right == len(text):
        left = max(min(left, len(text) - width), 0)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = ELLIPSIS if left > 0 else ""
    suffix = ELLIPSIS if right < len(text) else ""
    piece = prefix + text[left:right].strip() + suffix
    offset = len(prefix) - left - (len(text[left:right]) - len(text[left:right].lstrip()))
    return Snippet(piece, start + offset, end + offset)


SHORT_QUERY = 3
"""Below this many characters a query matches so often that one regular expression with the
word-start check built in is faster than checking each literal match."""


@lru_cache(maxsize=64)
def _literal_pattern(lower_words: str) -> re.Pattern[str]:
    return re.compile(_query_body(lower_words))


PASSAGE_SEPARATOR = "\x00"
"""Joins a section's passages into one text; no query can match across it."""


@dataclass(frozen=True)
class _IndexedSection:
    section: Section
    passages: tuple[Passage, ...]
    text: str
    """All passages joined by ``PASSAGE_SEPARATOR``, searched in one pass."""
    starts: tuple[int, ...]
    """Where each passage starts in ``text``."""
    lower: str | None
    """``text`` lower-cased, or ``None`` if that moved any offset (then ``text`` is used)."""

    def places(self, spans: list[tuple[int, int]]) -> list[Place]:
        """The places that hold these matches, in reading order but the title (line 0)
        last: a match in the text is the one worth showing first."""
        found: list[Place] = []
        for start, _end in spans:
            place = self.passages[bisect_right(self.starts, start) - 1].place
            if place not in found:
                found.append(place)
        return [place for place in found if place[0] > 0] + [
            place for place in found if place[0] == 0
        ]

    def spans(self, query_words: str) -> list[tuple[int, int]]:
        """Where the query matches, at word starts."""
        return list(self._spans(query_words))

    def matches(self, query_words: str) -> bool:
        """Whether the query matches anywhere (the first match found, no more)."""
        return next(self._spans(query_words), None) is not None

    def _spans(self, query_words: str) -> Iterator[tuple[int, int]]:
        """Where the query matches, at word starts, in order (fast path: a literal-first
        pattern on lower-cased text, with the word-start check done here)."""
        word_start = _WORD_CHAR.match(query_words) is not None
        text = self.lower
        if text is None or (word_start and len(query_words) < SHORT_QUERY):
            pattern = compile_query(query_words)
            searched = self.text if text is None else text
            if pattern is not None:
                yield from (match.span() for match in pattern.finditer(searched))
            return
        pattern = _literal_pattern(query_words.lower())
        yield from (
            match.span()
            for match in pattern.finditer(text)
            if not word_start or match.start() == 0 or not _WORD_CHAR.match(text, match.start() - 1)
        )

    @classmethod
    def of(cls, section: Section, markdown: str) -> _IndexedSection:
        found = tuple(passages(markdown))
        starts: list[int] = []
        position = 0
        for passage in found:
            starts.append(position)
            position += len(passage.text) + len(PASSAGE_SEPARATOR)
        text = PASSAGE_SEPARATOR.join(passage.text for passage in found)
        lower = text.lower()
        return cls(section, found, text, tuple(starts), lower if len(lower) == len(text) else None)


def places_in(section: Section, query: str, form: Form = Form.SCREEN) -> list[Place]:
    """Where the query is found in a section as ``form`` shows it: the places, in the
    order a reader is taken to them (the title last). Their number is the count the
    search results give the section."""
    words = query_words(query)
    if not words:
        return []
    indexed = _indexed(section, section.markdown_for(form))
    return indexed.places(indexed.spans(words))


@lru_cache(maxsize=64)
def _indexed(section: Section, markdown: str) -> _IndexedSection:
    """A section's passages, as the search index has them: made once, for the index and
    for each opening of the section at a match (which would parse it again)."""
    return _IndexedSection.of(section, markdown)


class SearchIndex:
    """Every section's words as ``form`` shows them, ready to search."""

    def __init__(self, guide: Guide, form: Form = Form.SCREEN) -> None:
        self.form = form
        self._sections = tuple(_indexed(section, section.markdown_for(form)) for section in guide)

    def sections(self, query: str) -> list[Section]:
        """The sections :meth:`search` gives, in its order, found without building its
        results (each section's first match is enough): what a search box shows while the
        query is typed (how many match, which one Enter opens)."""
        pattern = compile_query(query)
        if pattern is None:
            return []
        words = query_words(query)
        found = [indexed.section for indexed in self._sections if indexed.matches(words)]
        in_title = [pattern.search(section.title) is not None for section in found]
        return _titles_first(found, in_title)

    def search(self, query: str) -> list[SearchResult]:
        """Sections that match, those whose title matches first, then in reading order."""
        pattern = compile_query(query)
        if pattern is None:
            return []
        words = query_words(query)
        results: list[tuple[bool, SearchResult]] = []
        for indexed in self._sections:
            matches = indexed.spans(words)
            if not matches:
                continue
            # Show the first match in the text; the title (passage 0) only if nothing else
            # matches.
            first_body = (
                len(indexed.passages[0].text) if indexed.passages[0].start_line == 0 else -1
            )
            start, end = next(((a, b) for a, b in matches if a > first_body), matches[0])
            number = bisect_right(indexed.starts, start) - 1
            passage, offset = indexed.passages[number], indexed.starts[number]
            snippet = make_snippet(passage.text, start - offset, end - offset)
            title_matches = pattern.search(indexed.section.title) is not None
            results.append(
                (
                    title_matches,
                    SearchResult(indexed.section, passage, snippet, len(indexed.places(matches))),
                )
            )
        return _titles_first([result for _, result in results], [first for first, _ in results])


def _titles_first(found: list[T], in_title: list[bool]) -> list[T]:
    """``found`` with those whose title matches first, each part in reading order."""
    return [item for item, first in zip(found, in_title, strict=True) if first] + [
        item for item, first in zip(found, in_title, strict=True) if not first
    ]


@lru_cache(maxsize=8)
def search_index_of(guide: Guide, form: Form) -> SearchIndex:
    """The guide's index for ``form``, built once (a few milliseconds), then shared: over
    SSH, by every session forked from the warm parent."""
    return SearchIndex(guide, form)
