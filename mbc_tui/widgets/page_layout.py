"""A Markdown document laid out as lines of text for one width: what ``MarkdownPage`` shows.

Built straight from markdown-it's tokens, once per document, width and search pattern, and
kept (``lay_out`` is cached): opening a section again, or in another session forked from the
SSH server's warm parent, costs nothing. Styles are named, not resolved (``.page--h1``,
``.page--link``): the widget that draws the lines gives them their colours, so one layout
serves every theme and display profile.

The look follows Textual's own Markdown widget: headings in the theme's colours, one blank
line between blocks, bullets with a hanging indent, and tables drawn as tables: a header row
and a row per line of data, in columns framed by thin rules, the cells' words wrapped to fit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from textual.content import Content, Span
from textual.style import Style

from mbc_tui.core.plain_text import clean, markdown_parser

MATCH_STYLE = "bold reverse"
"""How found words are marked: reverse video shows without colour."""

HEADING_STYLES = {1: ".page--h1", 2: ".page--h2"}
OTHER_HEADING_STYLE = ".page--h3"
LINK_STYLE = ".page--link"
CODE_STYLE = ".page--code"
TABLE_HEADER_STYLE = ".page--table-header"
TABLE_RULE_STYLE = ".page--table-rule"
BULLET_STYLE = ".page--bullet"

INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "code_inline": CODE_STYLE}

BULLET = "• "
MIN_WIDTH = 8
"""Narrower than this, the text is laid out at this width (and cropped)."""


@dataclass(frozen=True)
class PageLayout:
    """A document as lines, and where the search matches are."""

    lines: tuple[Content, ...]
    matches: tuple[int, ...] = ()
    """The first line of each block holding a match (a paragraph, a heading, a list item, a
    table), in reading order, except that a match in the document's first line (a section's
    title) comes last: one in the text is the one worth showing first."""


def link_style(href: str) -> Style:
    """A link's click: ``MarkdownPage.action_open_link(href)``."""
    return Style.from_meta({"@click": ("open_link", (href,))})


@lru_cache(maxsize=512)
def lay_out(markdown: str, width: int, pattern: re.Pattern[str] | None = None) -> PageLayout:
    """``markdown`` laid out for ``width`` cells, the matches of ``pattern`` marked."""
    width = max(width, MIN_WIDTH)
    tree = SyntaxTreeNode(_parser().parse(markdown))
    lines: list[Content] = []
    found: list[int] = []
    for block in tree.children:
        block_lines, marks = _block(block, width, pattern)
        if not block_lines:
            continue
        found += [len(lines) + offset for offset in marks]
        lines += block_lines
        lines.append(Content())  # one blank line after each block
    in_text = [line for line in found if line > 0]
    return PageLayout(tuple(lines), tuple(in_text + [line for line in found if line == 0]))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """One parser, made once (making one takes longer than parsing a section)."""
    return markdown_parser()


Marks = list[int]
"""Where the parts of a block that hold a match start: line offsets in the block."""


def _block(
    node: SyntaxTreeNode, width: int, pattern: re.Pattern[str] | None
) -> tuple[list[Content], Marks]:
    """A block's lines, and where the parts holding a match start."""
    if node.type == "heading":
        level = int(node.tag[1:])
        text, marked = _mark(_inline(node), pattern)
        style = HEADING_STYLES.get(level, OTHER_HEADING_STYLE)
        return [line.stylize_before(style) for line in text.wrap(width)], [0] if marked else []
    if node.type in ("bullet_list", "ordered_list"):
        return _list(node, width, pattern)
    if node.type == "table":
        return _table(node, width, pattern)
    if node.type == "hr":
        return [Content.styled("─" * width, TABLE_RULE_STYLE)], []
    if node.type in ("fence", "code_block"):
        text, marked = _mark(Content(clean(node.content.rstrip("\n"))), pattern)
        lines = [line.stylize_before(CODE_STYLE) for line in text.wrap(width)]
        return lines, [0] if marked else []
    if node.type == "blockquote":
        lines, marks = _blocks(node.children, width - 2, pattern)
        return [Content.styled("▌ ", TABLE_RULE_STYLE) + line for line in lines], marks
    # A paragraph, or anything else: its words.
    text, marked = _mark(_inline(node), pattern)
    return text.wrap(width), [0] if marked else []


def _blocks(
    nodes: list[SyntaxTreeNode], width: int, pattern: re.Pattern[str] | None
) -> tuple[list[Content], Marks]:
    """Several blocks in a row (a list item's, a quote's), a blank line between them."""
    lines: list[Content] = []
    marks: Marks = []
    for node in nodes:
        block_lines, block_marks = _block(node, width, pattern)
        if lines and block_lines and not node.type.endswith("_list"):
            lines.append(Content())
        marks += [len(lines) + offset for offset in block_marks]
        lines += block_lines
    return lines, marks


def _list(
    node: SyntaxTreeNode, width: int, pattern: re.Pattern[str] | None
) -> tuple[list[Content], Marks]:
    """A list: each item's lines after its bullet or number, with a hanging indent. Each
    item holding a match is a place of its own for ``n``."""
    lines: list[Content] = []
    marks: Marks = []
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if ordered else 1
    numbers = [f"{start + index}. " for index in range(len(node.children))]
    marker_width = max((len(number) for number in numbers), default=0) if ordered else 2
    for index, item in enumerate(node.children):
        marker = numbers[index].rjust(marker_width) if ordered else BULLET
        item_lines, item_marks = _blocks(item.children, width - marker_width, pattern)
        marks += [len(lines) + mark for mark in item_marks]
        for number, line in enumerate(item_lines or [Content()]):
            lead = Content.styled(marker, BULLET_STYLE) if number == 0 else " " * marker_width
            lines.append(Content.assemble(lead, line))
    return lines, marks


def _inline(node: SyntaxTreeNode) -> Content:
    """The words of a block: its inline children, styled."""
    text: list[str] = []
    spans: list[Span] = []
    length = 0

    def walk(parent: SyntaxTreeNode) -> None:
        nonlocal length
        for child in parent.children:
            start = length
            if child.type in ("text", "code_inline"):
                words = clean(child.content)
            elif child.type == "softbreak":
                words = " "
            elif child.type == "hardbreak":
                words = "\n"
            elif child.type == "image":
                words = clean(child.content or str(child.attrs.get("alt", "")))
            else:
                words = ""
            if words:
                text.append(words)
                length += len(words)
            walk(child)
            if length == start:
                continue
            if child.type in INLINE_STYLES:
                spans.append(Span(start, length, INLINE_STYLES[child.type]))
            elif child.type == "link":
                href = str(child.attrs.get("href", ""))
                spans.append(Span(start, length, LINK_STYLE))
                spans.append(Span(start, length, link_style(href)))

    for inline in _inlines(node):
        walk(inline)
    return Content("".join(text), spans)


def _inlines(node: SyntaxTreeNode) -> Iterator[SyntaxTreeNode]:
    """The inline nodes inside a block, however deep (a table cell's, a paragraph's)."""
    if node.type == "inline":
        yield node
        return
    for child in node.children:
        yield from _inlines(child)


def _mark(text: Content, pattern: re.Pattern[str] | None) -> tuple[Content, bool]:
    """``text`` with the matches of ``pattern`` marked; whether there were any."""
    if pattern is None:
        return text, False
    marked = text
    for match in pattern.finditer(text.plain):
        start, end = match.span()
        if end > start:
            marked = marked.stylize(MATCH_STYLE, start, end)
    return marked, marked is not text


# --- tables ------------------------------------------------------------------------------


def _table(
    node: SyntaxTreeNode, width: int, pattern: re.Pattern[str] | None
) -> tuple[list[Content], Marks]:
    """A table: a header row, then each row of data, in framed columns."""
    rows: list[list[Content]] = []
    aligns: list[str] = []
    marked = False
    for section in node.children:  # thead, tbody
        for row in section.children:
            cells: list[Content] = []
            for cell in row.children:
                text, cell_marked = _mark(_inline(cell), pattern)
                marked = marked or cell_marked
                cells.append(text)
                if len(rows) == 0:
                    style = str(cell.attrs.get("style", ""))
                    aligns.append(style.removeprefix("text-align:") or "left")
            rows.append(cells)
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return [], []
    rows = [row + [Content()] * (columns - len(row)) for row in rows]
    aligns += ["left"] * (columns - len(aligns))
    widths = _column_widths(rows, width - columns - 1)
    lines = [_rule("┌", "┬", "┐", widths)]
    for number, row in enumerate(rows):
        if number:
            lines.append(_rule("├", "┼", "┤", widths))
        lines += _row(row, widths, aligns, header=number == 0)
    lines.append(_rule("└", "┴", "┘", widths))
    return lines, [0] if marked else []


def _column_widths(rows: list[list[Content]], room: int) -> list[int]:
    """Each column's width inside its rules (a cell's words plus a space either side):
    as wide as its longest cell when the table fits, else shared out so that no word is
    broken where that can be helped."""
    columns = len(rows[0])
    natural = [max(row[column].cell_length for row in rows) + 2 for column in range(columns)]
    if sum(natural) <= room:
        return natural
    least = [
        min(natural[column], max(_longest_word(row[column]) for row in rows) + 2)
        for column in range(columns)
    ]
    spare = room - sum(least)
    if spare <= 0:
        return [max(width, 3) for width in least]
    wants = [natural[column] - least[column] for column in range(columns)]
    shares = [spare * want // sum(wants) for want in wants]
    shares[-1] += spare - sum(shares)
    return [width + share for width, share in zip(least, shares, strict=True)]


def _longest_word(text: Content) -> int:
    return max((len(word) for word in text.plain.split()), default=0)


def _rule(left: str, middle: str, right: str, widths: list[int]) -> Content:
    return Content.styled(
        left + middle.join("─" * width for width in widths) + right, TABLE_RULE_STYLE
    )


def _row(
    cells: list[Content], widths: list[int], aligns: list[str], *, header: bool
) -> list[Content]:
    """One row of a table: its cells side by side, as many lines as its tallest cell.
    Header cells sit at the bottom of their row (as in Textual's Markdown tables)."""
    wrapped = [
        [
            line.stylize_before(TABLE_HEADER_STYLE) if header else line
            for line in cell.wrap(width - 2, align=align, overflow="fold")  # type: ignore[arg-type]
        ]
        for cell, width, align in zip(cells, widths, aligns, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    rule = Content.styled("│", TABLE_RULE_STYLE)
    lines: list[Content] = []
    for y in range(height):
        parts = [rule]
        for cell_lines, width in zip(wrapped, widths, strict=True):
            offset = height - len(cell_lines) if header else 0
            line = cell_lines[y - offset] if 0 <= y - offset < len(cell_lines) else Content()
            parts += [Content(" ") + line.pad_right(width - 2 - line.cell_length), Content(" ")]
            parts.append(rule)
        lines.append(Content("").join(parts))
    return lines
