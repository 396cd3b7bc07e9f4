"""A Markdown document laid out as lines: the reader's and the help's text."""

from __future__ import annotations

import re

import pytest
from textual.content import Content

from mbc_tui.core.content import Guide
from mbc_tui.core.passages import passages
from mbc_tui.core.plain_text import markdown_lines
from mbc_tui.core.search import compile_query
from mbc_tui.core.subtypes import TABLE_1_CAPTION
from mbc_tui.widgets.page_layout import MATCH_STYLE, lay_out

DOCUMENT = """# A title

Some words with a [link](her2.md) and **bold** text, long enough to be wrapped.

- first point
- second point, which is long enough to wrap onto a second line

| Name | Meaning |
| --- | --- |
| ER+ | estrogen receptor positive |
| HER2- | no extra HER2 protein, and a long cell that has to wrap |
"""


def plain(lines: tuple[Content, ...]) -> list[str]:
    return [line.plain for line in lines]


def test_blocks_have_a_blank_line_between_them_and_lines_fit() -> None:
    layout = lay_out(DOCUMENT, 30)
    lines = plain(layout.lines)
    assert lines[0] == "A title" and lines[1] == ""
    assert all(len(line) <= 30 for line in lines)
    assert "Some words with a link and" in lines[2]


def test_bullets_hang_their_second_line() -> None:
    lines = plain(lay_out(DOCUMENT, 30).lines)
    second = next(index for index, line in enumerate(lines) if line.startswith("• second"))
    assert lines[second + 1].startswith("  ") and lines[second + 1].strip()


def test_a_table_is_drawn_as_a_table() -> None:
    lines = plain(lay_out(DOCUMENT, 40).lines)
    top = next(index for index, line in enumerate(lines) if line.startswith("┌"))
    header, rule = lines[top + 1], lines[top + 2]
    assert re.fullmatch(r"│ Name +│ Meaning +│", header)
    assert rule.startswith("├") and "┼" in rule and rule.endswith("┤")
    assert re.fullmatch(r"│ ER\+ +│ estrogen receptor positive +│", lines[top + 3])
    bottom = next(index for index, line in enumerate(lines) if line.startswith("└"))
    rows = lines[top + 5 : bottom]
    assert rows[0].startswith("│ HER2- ") and len(rows) >= 2  # the long cell wraps in its column
    assert len({len(line) for line in lines[top : bottom + 1]}) == 1  # every line as wide


def test_table_1_keeps_its_header_and_rows_on_a_narrow_screen(guide: Guide) -> None:
    section = guide.get("subtypes")
    assert section is not None
    lines = plain(lay_out(section.markdown, 46).lines)
    table = [line for line in lines if line and line[0] in "┌│├└"]
    header = " ".join(table[1 : next(i for i, line in enumerate(table) if line[0] == "├")])
    assert "Subtype" in header and "Likely treatment" in header
    assert sum(line.startswith("├") for line in table) == 4  # under the header and each row
    assert max(len(line) for line in table) <= 46


def test_a_link_opens_on_a_click() -> None:
    line = lay_out(DOCUMENT, 80).lines[2]
    start = line.plain.index("link")
    clicks = [
        span
        for span in line.spans
        if not isinstance(span.style, str) and "@click" in span.style.meta
    ]
    assert [(span.start, span.end) for span in clicks] == [(start, start + 4)]
    assert clicks[0].style.meta["@click"] == ("open_link", ("her2.md",))


def test_matches_are_marked() -> None:
    layout = lay_out(DOCUMENT + "\nThe title again.\n", 40, compile_query("title"))
    marked = [
        line.plain[span.start : span.end]
        for line in layout.lines
        for span in line.spans
        if span.style == MATCH_STYLE
    ]
    assert marked == ["title", "title"]


def test_a_match_in_a_table_cell_is_marked_in_the_cell() -> None:
    layout = lay_out(DOCUMENT, 40, compile_query("estrogen"))
    table_lines = [line for line in layout.lines if line.plain.startswith("│")]
    assert any(
        line.plain[span.start : span.end] == "estrogen"
        for line in table_lines
        for span in line.spans
        if span.style == MATCH_STYLE
    )


@pytest.mark.parametrize("frameless", [False, True])
def test_every_place_search_counts_has_its_line(guide: Guide, frameless: bool) -> None:
    """Each place ``places_in`` names (a heading, a paragraph, a list item, a table) is
    drawn from a line the page knows, and that line shows the place's first words: a
    table's is its top rule, or frameless its size (its caption has a line of its own)."""
    for section in guide:
        layout = lay_out(section.markdown, 46, frameless=frameless)
        lines = plain(layout.lines)
        for passage in passages(section.markdown):
            start, _end = passage.place
            assert start in layout.anchors, (section.slug, passage.text)
            first = lines[layout.anchors[start]]
            if passage.table is None:
                assert passage.text.split()[0] in first, (section.slug, first)
            elif frameless:
                assert re.match(r"(Table: )?\d+ rows?, read row by row", first), first
            else:
                assert first.startswith("┌")


def test_each_list_item_is_a_place_of_its_own() -> None:
    layout = lay_out("Intro.\n\n- one point\n- another point\n", 40)
    lines = plain(layout.lines)
    assert [lines[line] for line in sorted(layout.anchors.values())] == [
        "Intro.",
        "• one point",
        "• another point",
    ]


# --- frameless: the screen-reader profile ----------------------------------------------

FRAME_CHARACTERS = re.compile(r"[\u2500-\u259f]|[+|][-+]|--")
"""Box drawing, blocks, and ASCII frames: what a screen reader would read out."""


def test_frameless_a_table_is_read_as_records_in_line_modes_words() -> None:
    lines = plain(lay_out(DOCUMENT, 40, frameless=True).lines)
    assert not any(FRAME_CHARACTERS.search(line) for line in lines), lines
    start = lines.index("Table: 2 rows, read row by row. Columns:")
    assert lines[start : start + 4] == [
        "Table: 2 rows, read row by row. Columns:",
        "Name; Meaning.",
        "",
        "Row 1. Name: ER+. Meaning: estrogen",
    ]
    assert lines[-2] == "End of table."
    # Each record holds line mode's words for the row (the page numbers its rows).
    page = " ".join(" ".join(lines).split())
    spoken = markdown_lines(DOCUMENT.split("\n\n")[-1], width=200)
    records = [line for line in spoken if line.startswith("Name:")]
    assert len(records) == 2
    for number, record in enumerate(records, 1):
        assert f"Row {number}. {record}" in page


def test_frameless_a_caption_is_said_first_by_its_table(guide: Guide) -> None:
    section = guide.get("subtypes")
    assert section is not None
    lines = plain(lay_out(section.markdown, 80, frameless=True).lines)
    caption = lines.index(f"{TABLE_1_CAPTION}.")
    assert lines[caption + 1].startswith("4 rows, read row by row. Columns: Subtype;")
    assert lines.count(f"{TABLE_1_CAPTION}.") == 1 and TABLE_1_CAPTION not in lines


def test_frameless_rules_and_quotes_draw_no_frame() -> None:
    lines = plain(lay_out("Above.\n\n---\n\n> Quoted words.\n", 30, frameless=True).lines)
    assert [line for line in lines if line] == ["Above.", "  Quoted words."]


def test_frameless_a_match_in_a_table_cell_is_marked_in_its_record() -> None:
    layout = lay_out(DOCUMENT, 40, compile_query("estrogen"), frameless=True)
    marked = [
        (line.plain, line.plain[span.start : span.end])
        for line in layout.lines
        for span in line.spans
        if span.style == MATCH_STYLE
    ]
    assert [words for _line, words in marked] == ["estrogen"]
    assert marked[0][0].startswith("Row 1. Name: ER+. Meaning: estrogen")
