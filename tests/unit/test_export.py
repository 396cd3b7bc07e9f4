"""The plain export in each format, checked with a parser, not by eye."""

from __future__ import annotations

from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mbc_tui.cli import main
from mbc_tui.core.about import EDUCATIONAL_NOTICE, GUIDE_TITLE, SOURCE
from mbc_tui.core.content import Guide
from mbc_tui.core.plain_text import section_heading
from mbc_tui.core.subtypes import TABLE_1, TABLE_1_CAPTION
from mbc_tui.plain.export import export

VOID_ELEMENTS = {"meta", "br", "hr", "img", "link", "input"}


class PageParser(HTMLParser):
    """Collects what an accessibility check needs from an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.header_cells: list[tuple[str | None, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.open: list[str] = []
        self.text: list[str] = []
        self._heading: list[str] | None = None
        self._cell: tuple[str | None, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
        if tag == "th":
            self._cell = (attributes.get("scope"), [])
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1:]}>"
        self.open.pop()
        if tag.startswith("h") and tag[1:].isdigit() and self._heading is not None:
            self.headings.append((int(tag[1]), "".join(self._heading).strip()))
            self._heading = None
        if tag == "th" and self._cell is not None:
            self.header_cells.append((self._cell[0], "".join(self._cell[1]).strip()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell[1].append(data)


@pytest.fixture(scope="module")
def page(guide: Guide) -> PageParser:
    parser = PageParser()
    parser.feed(export(guide, "html"))
    parser.close()
    assert parser.open == []
    return parser


def test_html_has_a_language_and_one_h1(page: PageParser) -> None:
    assert page.html_lang == "en"
    assert [text for level, text in page.headings if level == 1] == [GUIDE_TITLE]


def test_html_headings_nest_without_skipping_and_sections_come_in_order(
    page: PageParser, guide: Guide
) -> None:
    levels = [level for level, _text in page.headings]
    assert levels[0] == 1
    for before, level in pairwise(levels):
        assert level <= before + 1, page.headings
    sections = [text for level, text in page.headings if level == 2]
    assert sections == [section_heading(guide, section) for section in guide]
    assert (3, "What hormone receptors are") in page.headings
    assert (4, "When a sample from a metastatic lesion should be tested") in page.headings


def test_html_table_headers_have_scope(page: PageParser) -> None:
    assert page.header_cells == [
        ("col", "Subtype"),
        ("col", "Likely treatment response"),
        *(("row", row.name) for row in TABLE_1),
    ]


def test_html_is_standalone_with_no_scripts(page: PageParser) -> None:
    tags = {tag for tag, _attributes in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    for tag, attributes in page.tags:
        assert "src" not in attributes, tag
        assert not any(name.startswith("on") for name in attributes), tag
        href = attributes.get("href")
        if href is not None:
            assert href.startswith("#") and href[1:] in page.ids, href


def test_html_carries_notice_and_source(page: PageParser) -> None:
    text = " ".join("".join(page.text).split())
    assert EDUCATIONAL_NOTICE in text
    assert SOURCE in text


def test_markdown_export_is_one_document_in_order(guide: Guide) -> None:
    markdown = export(guide, "markdown")
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    headings = [
        (int(token.tag[1]), tokens[index + 1].content)
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert [text for level, text in headings if level == 1] == [GUIDE_TITLE]
    sections = [text for level, text in headings if level == 2]
    assert sections == ["Contents", *(section_heading(guide, section) for section in guide)]
    levels = [level for level, _text in headings]
    assert all(level <= before + 1 for before, level in pairwise(levels))
    assert [token.type for token in tokens].count("table_open") == 1
    links = [
        child.attrGet("href")
        for token in tokens
        if token.type == "inline" and token.children
        for child in token.children
        if child.type == "link_open"
    ]
    assert links == []  # links to other sections are said as "(section 5)"
    assert "biomarkers (section 3)" in markdown
    assert EDUCATIONAL_NOTICE in markdown and SOURCE in markdown


def test_text_export_is_plain_and_in_order(guide: Guide) -> None:
    text = export(guide, "text", width=60)
    assert "\x1b" not in text and "*" not in text and "](" not in text
    assert max(map(len, text.splitlines())) <= 60
    positions = [text.index(section_heading(guide, section)) for section in guide]
    assert positions == sorted(positions)
    flat = " ".join(text.split())
    assert EDUCATIONAL_NOTICE in flat and " ".join(SOURCE.split()) in flat
    row = TABLE_1[3]
    assert f"Subtype: {row.name}. Likely treatment response: {row.likely_response}" in flat


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_export_command_writes_the_file(tmp_path: Path, guide: Guide, format: str) -> None:
    out = tmp_path / f"guide.{format}"
    assert main(["export", "--format", format, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == export(guide, format)


def test_export_never_replaces_a_file_without_force(
    tmp_path: Path, guide: Guide, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "guide.txt"
    out.write_text("my own notes\n", encoding="utf-8")
    assert main(["export", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"mbc-tui: error: not saved: '{out}' exists already (add --force to replace it)\n"
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    assert main(["export", "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == export(guide, "text")


def test_export_to_a_missing_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "-o", str(tmp_path / "no" / "guide.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("mbc-tui: error: cannot write ")


def test_table_1_carries_the_articles_caption_in_every_export(guide: Guide) -> None:
    html = export(guide, "html")
    assert f"<table>\n<caption><strong>{TABLE_1_CAPTION}</strong></caption>\n<thead>" in html
    assert html.count("<caption>") == 1
    assert f"<p><strong>{TABLE_1_CAPTION}" not in html  # inside the table, not beside it
    text = " ".join(export(guide, "text").split())
    assert f"{TABLE_1_CAPTION}. 4 rows, read row by row. Columns: Subtype;" in text
    markdown = export(guide, "markdown")
    assert f"**{TABLE_1_CAPTION}**\n\n| Subtype | Likely treatment response |" in markdown
