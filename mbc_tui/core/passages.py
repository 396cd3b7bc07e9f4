"""Markdown as the words a reader sees, block by block (plain Python, no Textual).

Search and the glossary look at what is on screen, not at Markdown syntax: a link is
its text, ``**bold**`` is ``bold``, a table row is its cells. Each passage keeps the
source lines it came from, so the reader can scroll to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

CELL_SEPARATOR = ": "
"""Between the cells of one table row, so a row reads as one line."""

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    """One block of text: a heading, a paragraph, a list item or a table row."""

    start_line: int
    """First source line (0-based) of the block, as Markdown widgets count them."""
    end_line: int
    """The line after the block's last one."""
    text: str
    """The words, with Markdown syntax removed and white space folded."""
    table: tuple[int, int] | None = None
    """A table row's whole table (its first line and the line after it), else ``None``."""

    @property
    def place(self) -> tuple[int, int]:
        """The lines of the place a reader sees this passage in: a heading, a paragraph, a
        list item, or a whole table (a table is drawn, and counted, as one place)."""
        return self.table or (self.start_line, self.end_line)


@lru_cache(maxsize=1)
def table_parser() -> MarkdownIt:
    """CommonMark with tables: one parser, made once (making one costs as much as parsing
    a section)."""
    return MarkdownIt("commonmark").enable("table")


def inline_text(token: Token) -> str:
    """The words of an inline token: text and code, links by their text, breaks as spaces."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return _SPACES.sub(" ", "".join(parts)).strip()


def passages(markdown: str) -> list[Passage]:
    """Every block of text in ``markdown``, in order; a table row's cells are joined."""
    result: list[Passage] = []
    table: tuple[int, int] | None = None
    for token in table_parser().parse(markdown):
        if token.type == "table_open" and token.map is not None:
            table = (token.map[0], token.map[1])
        elif token.type == "table_close":
            table = None
        if token.type != "inline" or token.map is None:
            continue
        text = inline_text(token)
        if not text:
            continue
        start, end = token.map
        previous = result[-1] if result else None
        if previous is not None and (previous.start_line, previous.end_line) == (start, end):
            # Another cell of the same table row.
            result[-1] = Passage(start, end, previous.text + CELL_SEPARATOR + text, table)
        else:
            result.append(Passage(start, end, text, table))
    return result
