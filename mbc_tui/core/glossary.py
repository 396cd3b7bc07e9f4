"""The glossary, read from the guide's own glossary section (plain Python, no Textual).

``content/glossary.md`` is a normal section, so it is read in the reader and searched
like the others. Each ``## Term`` heading starts an entry; the paragraphs under it are
the definition, and its ``Seen as: a, b, c`` line lists how the term appears in the
text. This module turns that section into data for the glossary screen and for the
reader's "terms in this section" lookup, so there is one place the words live.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt

from mbc_tui.core.content import Guide, Section
from mbc_tui.core.passages import inline_text, passages

GLOSSARY_SLUG = "glossary"
SEEN_AS = "Seen as:"


@dataclass(frozen=True)
class GlossaryEntry:
    """One term and its definition."""

    term: str
    definition: str
    """Plain words; paragraphs separated by a blank line."""
    seen_as: tuple[str, ...]
    """How the term is written in the text; each is looked for at word boundaries."""

    @property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.seen_as)

    def found_in(self, text: str) -> bool:
        return self.pattern.search(text) is not None


def _form_pattern(form: str) -> str:
    body = re.escape(form)
    start = r"(?<!\w)" if re.match(r"\w", form) else ""
    # A plural or an -s verb form of a word is the same term ("biomarkers").
    end = r"(?:s|es)?(?!\w)" if re.search(r"\w$", form) else ""
    return start + body + end


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _PATTERNS.get(forms)
    if pattern is None:
        # Longest first, so "hormone (anti-estrogen) therapy" wins over "hormone therapy".
        ordered = sorted(forms, key=len, reverse=True)
        pattern = re.compile("|".join(_form_pattern(form) for form in ordered), re.IGNORECASE)
        _PATTERNS[forms] = pattern
    return pattern


@dataclass(frozen=True)
class Glossary:
    """Every entry, in the glossary's order."""

    entries: tuple[GlossaryEntry, ...]

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, term: str) -> GlossaryEntry | None:
        for entry in self.entries:
            if entry.term.casefold() == term.casefold():
                return entry
        return None

    def terms_in(self, section: Section) -> tuple[GlossaryEntry, ...]:
        """The entries whose words appear in a section's text, in the glossary's order.

        The glossary section itself lists every entry.
        """
        if section.slug == GLOSSARY_SLUG:
            return self.entries
        text = "\n".join(passage.text for passage in passages(section.markdown))
        return tuple(entry for entry in self.entries if entry.found_in(text))


def parse_glossary(markdown: str) -> Glossary:
    """Read the entries of a glossary section's Markdown (text before the first ``##``
    heading is an introduction and is left out)."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    entries: list[GlossaryEntry] = []
    term: str | None = None
    paragraphs: list[str] = []
    seen_as: tuple[str, ...] = ()

    def finish() -> None:
        if term is not None:
            entries.append(GlossaryEntry(term, "\n\n".join(paragraphs), seen_as or (term,)))

    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            finish()
            term = inline_text(tokens[index + 1])
            paragraphs, seen_as = [], ()
        elif token.type == "inline" and term is not None:
            if tokens[index - 1].type != "paragraph_open":
                continue
            text = inline_text(token)
            if text.startswith(SEEN_AS):
                seen_as = tuple(
                    form.strip() for form in text.removeprefix(SEEN_AS).split(",") if form.strip()
                )
            elif _is_closing_note(token):
                continue
            else:
                paragraphs.append(text)
    finish()
    return Glossary(tuple(entries))


def _is_closing_note(token: object) -> bool:
    """The section's closing italic note ("*This guide is for education only...*")."""
    children = getattr(token, "children", None) or []
    return bool(children) and children[0].type == "em_open" and children[-1].type == "em_close"


@lru_cache(maxsize=8)
def glossary_of(guide: Guide) -> Glossary:
    """The guide's glossary, or an empty one when its content has no glossary section.
    Read once per guide (a few milliseconds), then shared: over SSH, by every session
    forked from the warm parent."""
    section = guide.get(GLOSSARY_SLUG)
    if section is None:
        return Glossary(())
    return parse_glossary(section.markdown)
