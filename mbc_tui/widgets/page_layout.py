"""A Markdown document laid out as lines of text for one width: what ``MarkdownPage`` shows.

Built straight from markdown-it's tokens, once per document, width and search pattern, and
kept (``lay_out`` is cached): opening a section again, or in another session forked from the
SSH server's warm parent, costs nothing. Styles are named, not resolved (``.page--h1``,
``.page--link``): the widget that draws the lines gives them their colours, so one layout
serves every theme and display profile.

The look follows Textual's own Markdown widget: headings in the theme's colours, one blank
line between blocks, bullets with a hanging indent, and tables drawn as tables: a header row
and a row per line of data, in columns framed by thin rules, the cells' words wrapped to fit.

``frameless`` (the screen-reader profile, where every frame character is read out) draws no
frame: a table is read as records, with its caption first (``page_records``), a rule is left
out and a quote is indented instead of barred.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from textual.content import Content, Span
from textual.style import Style

from mbc_tui.core.plain_text import clean, markdown_parser
from mbc_tui.core.table_reading import is_caption
from mbc_tui.widgets.page_records import table_records

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
    """A document as lines, and where each of its places is drawn."""

    lines: tuple[Content, ...]
    anchors: Mapping[int, int] = field(default_factory=dict)
    """The line each place starts on (a heading, a paragraph, a list item's text, a whole
    table), by the place's first source line, as ``mbc_tui.core.search.places_in`` names
    places: search counts places, and the reader goes to them."""


def link_style(href: str) -> Style:
    """A link's click: ``MarkdownPage.action_open_link(href)``."""
    return Style.from_meta({"@click": ("open_link", (href,))})


@lru_cache(maxsize=64)  # about 36 KB each: a reader resizing through widths stays bounded
def lay_out(
    markdown: str, width: int, pattern: re.Pattern[str] | None = None, frameless: bool = False
) -> PageLayout:
    """``markdown`` laid out for ``width`` cells, the matches of ``pattern`` marked; with no
    frame characters if ``frameless``."""
    width = max(width, MIN_WIDTH)
    tree = SyntaxTreeNode(_parser().parse(markdown))
    lines: list[Content] = []
    anchors: dict[int, int] = {}
    for block, caption in _with_captions(tree.children, frameless):
        block_lines, block_anchors = _block(block, width, pattern, frameless, caption)
        if not block_lines:
            continue
        for source_line, offset in block_anchors:
            anchors.setdefault(source_line, len(lines) + offset)
        lines += block_lines
        lines.append(Content())  # one blank line after each block
    return PageLayout(tuple(lines), anchors)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """One parser, made once (making one takes longer than parsing a section)."""
    return markdown_parser()


Anchors = list[tuple[int, int]]
"""Where the places in a block start: (first source line, line offset in the block)."""


def _with_captions(
    nodes: list[SyntaxTreeNode], frameless: bool
) -> Iterator[tuple[SyntaxTreeNode, SyntaxTreeNode | None]]:
    """Each block with the caption said by it: frameless, a table's caption ("Table 1. ...",
    a paragraph just above it) is read as the table's first line, not as a block of its own."""
    caption: SyntaxTreeNode | None = None
    for index, node in enumerate(nodes):
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if (
            frameless
            and node.type == "paragraph"
            and following is not None
            and following.type == "table"
            and is_caption(_inline(node).plain)
        ):
            caption = node
            continue
        yield node, caption if node.type == "table" else None
        caption = None


def _here(node: SyntaxTreeNode) -> Anchors:
    """The place a block is, at its first line."""
    return [(node.map[0], 0)] if node.map else []


def _block(
    node: SyntaxTreeNode,
    width: int,
    pattern: re.Pattern[str] | None,
    frameless: bool = False,
    caption: SyntaxTreeNode | None = None,
) -> tuple[list[Content], Anchors]:
    """A block's lines, and where its places start (``caption``: a table's, said by it)."""
    if node.type == "heading":
        level = int(node.tag[1:])
        text = _mark(_inline(node), pattern)
        style = HEADING_STYLES.get(level, OTHER_HEADING_STYLE)
        return [line.stylize_before(style) for line in text.wrap(width)], _here(node)
    if node.type in ("bullet_list", "ordered_list"):
        return _list(node, width, pattern, frameless)
    if node.type == "table":
        return _table(node, width, pattern, frameless, caption)
    if node.type == "hr":
        return ([] if frameless else [Content.styled("─" * width, TABLE_RULE_STYLE)]), []
    if node.type in ("fence", "code_block"):
        text = _mark(Content(clean(node.content.rstrip("\n"))), pattern)
        return [line.stylize_before(CODE_STYLE) for line in text.wrap(width)], _here(node)
    if node.type == "blockquote":
        lines, anchors = _blocks(node.children, width - 2, pattern, frameless)
        bar = Content("  ") if frameless else Content.styled("▌ ", TABLE_RULE_STYLE)
        return [bar + line for line in lines], anchors
    # A paragraph, or anything else: its words.
    return _mark(_inline(node), pattern).wrap(width), _here(node)


def _blocks(
    nodes: list[SyntaxTreeNode],
    width: int,
    pattern: re.Pattern[str] | None,
    frameless: bool = False,
) -> tuple[list[Content], Anchors]:
    """Several blocks in a row (a list item's, a quote's), a blank line between them."""
    lines: list[Content] = []
    anchors: Anchors = []
    for node, caption in _with_captions(nodes, frameless):
        block_lines, block_anchors = _block(node, width, pattern, frameless, caption)
        if lines and block_lines and not node.type.endswith("_list"):
            lines.append(Content())
        anchors += [(source, len(lines) + offset) for source, offset in block_anchors]
        lines += block_lines
    return lines, anchors


def _list(
    node: SyntaxTreeNode, width: int, pattern: re.Pattern[str] | None, frameless: bool = False
) -> tuple[list[Content], Anchors]:
    """A list: each item's lines after its bullet or number, with a hanging indent (each
    item's text a place of its own)."""
    lines: list[Content] = []
    anchors: Anchors = []
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1)) if ordered else 1
    numbers = [f"{start + index}. " for index in range(len(node.children))]
    marker_width = max((len(number) for number in numbers), default=0) if ordered else 2
    for index, item in enumerate(node.children):
        marker = numbers[index].rjust(marker_width) if ordered else BULLET
        item_lines, item_anchors = _blocks(item.children, width - marker_width, pattern, frameless)
        anchors += [(source, len(lines) + offset) for source, offset in item_anchors]
        for number, line in enumerate(item_lines or [Content()]):
            lead = Content.styled(marker, BULLET_STYLE) if number == 0 else " " * marker_width
            lines.append(Content.assemble(lead, line))
    return lines, anchors


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


def _mark(text: Content, pattern: re.Pattern[str] | None) -> Content:
    """``text`` with the matches of ``pattern`` marked."""
    if pattern is None:
        return text
    for match in pattern.finditer(text.plain):
        start, end = match.span()
        if end > start:
            text = text.stylize(MATCH_STYLE, start, end)
    return text


# --- tables ------------------------------------------------------------------------------


def _table(
    node: SyntaxTreeNode,
    width: int,
    pattern: re.Pattern[str] | None,
    frameless: bool = False,
    caption: SyntaxTreeNode | None = None,
) -> tuple[list[Content], Anchors]:
    """A table (one place): a header row, then each row of data, in framed columns; or,
    ``frameless``, read as records after its ``caption`` (a place of its own too)."""
    rows: list[list[Content]] = []
    aligns: list[str] = []
    for section in node.children:  # thead, tbody
        for row in section.children:
            cells: list[Content] = []
            for cell in row.children:
                cells.append(_inline(cell))
                if len(rows) == 0:
                    style = str(cell.attrs.get("style", ""))
                    aligns.append(style.removeprefix("text-align:") or "left")
            rows.append(cells)
    columns = max((len(row) for row in rows), default=0)
    if not columns:
        return [], []
    if frameless:
        return _records(node, rows, width, pattern, caption)
    rows = [[_mark(cell, pattern) for cell in row] for row in rows]
    rows = [row + [Content()] * (columns - len(row)) for row in rows]
    aligns += ["left"] * (columns - len(aligns))
    widths = _column_widths(rows, width - columns - 1)
    lines = [_rule("┌", "┬", "┐", widths)]
    for number, row in enumerate(rows):
        if number:
            lines.append(_rule("├", "┼", "┤", widths))
        lines += _row(row, widths, aligns, header=number == 0)
    lines.append(_rule("└", "┴", "┘", widths))
    return lines, _here(node)


def _records(
    node: SyntaxTreeNode,
    rows: list[list[Content]],
    width: int,
    pattern: re.Pattern[str] | None,
    caption: SyntaxTreeNode | None,
) -> tuple[list[Content], Anchors]:
    """A table read as records; its caption's place on its first line, its own after."""
    lines, start = table_records(
        rows,
        width,
        lambda text: _mark(text, pattern),
        caption=None if caption is None else _inline(caption),
        label_style=TABLE_HEADER_STYLE,
    )
    anchors = [(source, start) for source, _offset in _here(node)]
    return lines, ([*_here(caption), *anchors] if caption is not None else anchors)


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
