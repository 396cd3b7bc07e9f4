"""Markdown as plain text: headings in words, numbered lists, tables row by row."""

from __future__ import annotations

from mbc_tui.core.content import Guide
from mbc_tui.core.plain_text import markdown_lines, section_heading, section_lines
from mbc_tui.core.subtypes import TABLE_1


def test_headings_are_said_in_words() -> None:
    lines = markdown_lines("## What HER2 is\n\nText.\n\n### Deeper\n\nMore.\n")
    assert lines == ["Heading: What HER2 is", "", "Text.", "", "Subheading: Deeper", "", "More."]


def test_bullet_lists_are_numbered_and_wrap_under_their_text() -> None:
    markdown = "- the lungs\n- the liver, " + "and a long list item " * 5 + "\n- the brain\n"
    lines = markdown_lines(markdown, width=40)
    assert lines[0] == "1. the lungs"
    assert lines[1].startswith("2. the liver,")
    assert all(line.startswith("   ") for line in lines[2:-1])
    assert lines[-1] == "3. the brain"
    assert max(map(len, lines)) <= 40


def test_ordered_lists_keep_their_numbers() -> None:
    assert markdown_lines("3. three\n4. four\n") == ["3. three", "4. four"]


def test_a_table_is_read_row_by_row_with_its_column_names() -> None:
    markdown = "| Subtype | Likely response |\n| --- | --- |\n| A+ | Responds. |\n| B- | Not |\n"
    assert markdown_lines(markdown, width=100) == [
        "Table: 2 rows, read row by row. Columns: Subtype; Likely response.",
        "",
        "Subtype: A+. Likely response: Responds.",
        "",
        "Subtype: B-. Likely response: Not.",
        "",
        "End of table.",
    ]


def test_a_caption_just_above_a_table_opens_its_first_line() -> None:
    table = "| Subtype | Likely response |\n| --- | --- |\n| A+ | Responds. |\n"
    lines = markdown_lines(f"**Table 2. Two kinds**\n\n{table}", width=100)
    assert lines[:2] == [
        "Table 2. Two kinds. 1 row, read row by row. Columns: Subtype; Likely response.",
        "",
    ]
    assert "Table 2. Two kinds" not in " ".join(lines[1:])  # said once, not twice
    apart = markdown_lines("Table 3. Not a caption here.\n\nWords.\n", width=100)
    assert apart == ["Table 3. Not a caption here.", "", "Words."]


def test_markers_are_dropped_and_links_say_where_they_go(guide: Guide) -> None:
    section = guide.get("her2")
    assert section is not None
    text = "\n".join(section_lines(guide, section))
    assert "**" not in text and "](" not in text and "*" not in text
    assert "biomarkers (section 3)" in text
    assert "HER2+ (positive): These cancers" in text


def test_no_control_characters_reach_the_text() -> None:
    lines = markdown_lines("Evil \x1b[31mred\x1b[0m and a bell\x07.\n")
    assert lines == ["Evil [31mred[0m and a bell."]


def test_section_heading_says_where_it_is(guide: Guide) -> None:
    section = guide.get("hormone-receptors")
    assert section is not None
    assert section_heading(guide, section) == "Section 4 of 9: Hormone receptors (ER, PR)"


def test_table_1_reads_as_its_rows(guide: Guide) -> None:
    section = guide.get("subtypes")
    assert section is not None
    text = " ".join(section_lines(guide, section, width=1000))
    for row in TABLE_1:
        assert f"Subtype: {row.name}. Likely treatment response: {row.likely_response}" in text


def test_every_line_fits_the_width(guide: Guide) -> None:
    for width in (40, 80):
        for section in guide:
            assert max(map(len, section_lines(guide, section, width))) <= width
