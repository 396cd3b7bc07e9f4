"""Markdown as plain, wrapped lines of text (plain Python, no Textual).

Shared by line mode and the text export. Built from markdown-it's token tree, so it
follows the structure, not the look: headings are said in words ("Heading: ..."),
lists are numbered, a table is read row by row with its column names, links keep
their words (and say where they go), emphasis and other markers are dropped. The
lines hold printable characters only: no escape sequence, no colour, no box drawing.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from mbc_tui.core.content import Guide, Section, is_external_link
from mbc_tui.core.instructions import Form
from mbc_tui.core.table_reading import (
    END_OF_TABLE,
    column_names,
    field,
    introduction,
    is_caption,
    sentence,
)

DEFAULT_WIDTH = 80
"""Used when the width of the reader's screen is not known."""
MIN_WIDTH = 20

LinkNote = Callable[[str], str | None]
"""Given a link's address, the words to add after its text (``section 5``), or ``None``."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters (ESC among them); tabs become spaces."""
    return _CONTROL.sub("", text.replace("\t", " "))


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML is kept as text, never passed through."""
    return MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


def guide_link_note(guide: Guide) -> LinkNote:
    """Internal links say which section they open; web links say their address."""

    def note(href: str) -> str | None:
        section = guide.resolve_link(href)
        if section is not None:
            return f"section {guide.index_of(section.slug) + 1}"
        if is_external_link(href):
            return href
        return None

    return note


def section_heading(guide: Guide, section: Section) -> str:
    """``Section 4 of 8: Hormone receptors (ER, PR)``."""
    return f"Section {guide.index_of(section.slug) + 1} of {len(guide)}: {section.title}"


def section_lines(guide: Guide, section: Section, width: int = DEFAULT_WIDTH) -> list[str]:
    """A whole section as printed (``mbc-tui read --topic``, the text export): its heading
    in words, then its body."""
    return [
        *wrap(section_heading(guide, section), width),
        "",
        *markdown_lines(section.body_for(Form.PRINTED), width, guide_link_note(guide)),
    ]


def markdown_lines(
    markdown: str, width: int = DEFAULT_WIDTH, link_note: LinkNote | None = None
) -> list[str]:
    """Markdown as wrapped lines, one blank line between blocks."""
    tree = SyntaxTreeNode(markdown_parser().parse(markdown))
    return _join_blocks(_Renderer(max(width, MIN_WIDTH), link_note).blocks(tree.children))


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """Wrap ``text`` (which may hold hard line breaks); words are never split."""
    lines: list[str] = []
    for number, part in enumerate(text.split("\n")):
        lines.extend(
            textwrap.wrap(
                part,
                width=max(width, MIN_WIDTH),
                initial_indent=first if number == 0 else rest,
                subsequent_indent=rest,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [(first if number == 0 else rest).rstrip()]
        )
    return lines


def _join_blocks(blocks: list[list[str]]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if not block:
            continue
        if lines:
            lines.append("")
        lines.extend(block)
    return lines


HEADING_WORDS = {1: "Title", 2: "Heading"}
"""What a heading is called, by level; deeper levels are sub-headings."""


class _Renderer:
    def __init__(self, width: int, link_note: LinkNote | None) -> None:
        self.width = width
        self.link_note = link_note

    def blocks(self, nodes: list[SyntaxTreeNode]) -> list[list[str]]:
        blocks: list[list[str]] = []
        caption: str | None = None
        for index, node in enumerate(nodes):
            following = nodes[index + 1] if index + 1 < len(nodes) else None
            if following is not None and following.type == "table" and self.is_caption(node):
                caption = self.inline_of(node)  # said by the table itself, on its first line
            elif node.type == "table":
                blocks.extend(self.table_blocks(node, caption))
                caption = None
            else:
                blocks.extend(self.block(node))
        return blocks

    def is_caption(self, node: SyntaxTreeNode) -> bool:
        """A paragraph that reads as a table's caption ("Table 1. ...")."""
        return node.type == "paragraph" and is_caption(self.inline_of(node))

    def block(self, node: SyntaxTreeNode) -> list[list[str]]:
        kind = node.type
        if kind == "heading":
            level = int(node.tag[1:])
            word = HEADING_WORDS.get(level, "Subheading")
            return [wrap(f"{word}: {self.inline_of(node)}", self.width)]
        if kind == "paragraph":
            return [wrap(self.inline_of(node), self.width)]
        if kind in ("bullet_list", "ordered_list"):
            return [self.list_lines(node)]
        if kind == "table":
            return self.table_blocks(node)
        if kind in ("code_block", "fence"):
            return [[clean(line).rstrip() for line in node.content.rstrip("\n").split("\n")]]
        if kind == "blockquote":
            inner = _join_blocks(self.blocks(node.children))
            return [["Quote:", *inner, "End of quote."]]
        if kind == "html_block":
            return [wrap(clean(node.content).strip(), self.width)]
        return self.blocks(node.children)  # hr and anything unknown: its words only

    def list_lines(self, node: SyntaxTreeNode) -> list[str]:
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        lines: list[str] = []
        for number, item in enumerate(node.children, start=start):
            marker = f"{number}. "
            indent = " " * len(marker)
            inner = _Renderer(self.width - len(marker), self.link_note)
            item_lines = _join_blocks(inner.blocks(item.children)) or [""]
            lines.append(marker + item_lines[0])
            lines.extend(indent + line if line else "" for line in item_lines[1:])
        return lines

    def table_blocks(self, node: SyntaxTreeNode, caption: str | None = None) -> list[list[str]]:
        """The table row by row; its caption, when it has one, opens the first line."""
        rows = [row for part in node.children for row in part.children]
        if not rows:
            return []
        header, *body = rows
        names = column_names([self.inline_of(cell) for cell in header.children])
        intro = introduction(names, len(body), captioned=caption is not None)
        blocks = [wrap(f"{sentence(caption)} {intro}" if caption else intro, self.width)]
        for row in body:
            cells = [self.inline_of(cell) for cell in row.children]
            parts = [field(name, value) for name, value in zip(names, cells, strict=False)]
            blocks.append(wrap(" ".join(parts), self.width))
        blocks.append([END_OF_TABLE])
        return blocks

    def inline_of(self, node: SyntaxTreeNode) -> str:
        """The words of a block's inline content."""
        return "".join(self.inline(child) for child in node.children).strip()

    def inline(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind in ("text", "code_inline", "html_inline"):
            return re.sub(r" *\n *", " ", clean(node.content))
        if kind == "softbreak":
            return " "
        if kind == "hardbreak":
            return "\n"
        if kind == "image":
            alt = "".join(self.inline(child) for child in node.children).strip()
            return f"(image: {alt})" if alt else ""
        words = "".join(self.inline(child) for child in node.children)
        if kind == "link" and self.link_note is not None:
            note = self.link_note(str(node.attrs.get("href", "")))
            if note and note != words.strip():
                return f"{words} ({note})"
        return words
