"""Find words in the guide (plain Python, no Textual).

The index holds each section's passages as plain text (see ``mbc_tui.plaintext``).
A query matches case-insensitively at the start of a word ("her" finds "HER2", not
"other"); anything typed is taken literally ("HER2+", "(", "*"); a space or hyphen
between words matches either ("triple negative" finds "triple-negative").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mbc_tui.content import Guide, Section
from mbc_tui.plaintext import Passage, passages

SNIPPET_WIDTH = 64
"""About how many characters of the matching passage a result shows."""
ELLIPSIS = "…"

_WORD_GAP = re.compile(r"(?<=\w)[\s-]+(?=\w)")


def compile_query(query: str) -> re.Pattern[str] | None:
    """The pattern for what the reader typed, or ``None`` when there is nothing to find."""
    words = " ".join(query.split())
    if not words:
        return None
    # Escape everything, but let a gap between two words be spaces or a hyphen.
    parts = _WORD_GAP.split(words)
    body = r"[\s-]+".join(re.escape(part) for part in parts)
    start = r"(?<!\w)" if re.match(r"\w", words) else ""
    return re.compile(start + body, re.IGNORECASE)


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
    count: int
    """How many times the query matches in the section."""


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


@dataclass(frozen=True)
class _IndexedSection:
    section: Section
    passages: tuple[Passage, ...]


class SearchIndex:
    """Every section's words, ready to search."""

    def __init__(self, guide: Guide) -> None:
        self._sections = tuple(
            _IndexedSection(section, tuple(passages(section.markdown))) for section in guide
        )

    def search(self, query: str) -> list[SearchResult]:
        """Sections that match, those whose title matches first, then in reading order."""
        pattern = compile_query(query)
        if pattern is None:
            return []
        results: list[tuple[bool, SearchResult]] = []
        for indexed in self._sections:
            matches = [
                (passage, match)
                for passage in indexed.passages
                for match in pattern.finditer(passage.text)
            ]
            if not matches:
                continue
            # Show the first match in the text; the title only if nothing else matches.
            passage, match = next(((p, m) for p, m in matches if p.start_line > 0), matches[0])
            snippet = make_snippet(passage.text, match.start(), match.end())
            title_matches = pattern.search(indexed.section.title) is not None
            results.append(
                (title_matches, SearchResult(indexed.section, passage, snippet, len(matches)))
            )
        return [result for title_first, result in results if title_first] + [
            result for title_first, result in results if not title_first
        ]
