"""The content loader: the real guide, and broken folders with each problem named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from mbc_tui.core.content import ContentError, Guide, is_external_link, load_guide
from mbc_tui.core.subtypes import TABLE_1, TABLE_1_CAPTION
from tests.conftest import write_section

EXPECTED_SLUGS = [
    "what-it-is",
    "how-it-spreads",
    "biomarkers",
    "hormone-receptors",
    "her2",
    "subtypes",
    "taking-control",
    "about",
    "glossary",
]
EDUCATIONAL = "education only"
CARE_TEAM = "Your care team decides your treatment"


def test_the_real_guide_has_nine_sections_in_reading_order(guide: Guide) -> None:
    assert list(guide.slugs) == EXPECTED_SLUGS
    assert [section.order for section in guide] == sorted(section.order for section in guide)
    for section in guide:
        assert section.title and section.summary and section.body.strip()
        assert section.markdown.startswith(f"# {section.title}\n")


def test_every_internal_link_in_the_guide_leads_to_a_section(guide: Guide) -> None:
    links = 0
    for section in guide:
        for href in re.findall(r"\]\(([^)]+)\)", section.body):
            links += 1
            assert not is_external_link(href), f"{section.path.name}: external link {href}"
            assert guide.resolve_link(href) is not None, f"{section.path.name}: {href}"
    assert links > 0


def test_table_1_in_the_content_is_the_same_as_the_rules(guide: Guide) -> None:
    """The reader's table and the explorer's data must never disagree."""
    section = guide.get("subtypes")
    assert section is not None
    tokens = MarkdownIt("commonmark").enable("table").parse(section.body)
    cells: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("th_open", "td_open"):
            cells.append(tokens[index + 1].content.strip())
    header, rows = cells[:2], [cells[i : i + 2] for i in range(2, len(cells), 2)]
    assert header == ["Subtype", "Likely treatment response"]
    assert rows == [[row.name, row.likely_response] for row in TABLE_1]


def test_the_numbers_are_the_articles(guide: Guide) -> None:
    text = " ".join(" ".join(section.body.split()) for section in guide)
    assert "eight of every 10" in text
    assert "one of every four" in text
    assert "three of every four" in text


def test_treatment_sections_carry_the_educational_note(guide: Guide) -> None:
    for slug in ("how-it-spreads", "subtypes", "about", "glossary"):
        section = guide.get(slug)
        assert section is not None
        body = " ".join(section.body.split())
        assert EDUCATIONAL in body and CARE_TEAM in body, slug


def test_no_web_page_clutter(guide: Guide) -> None:
    for section in guide:
        for clutter in ("Register Now", "Order Your Guides", "E-Newletter", "Sign Up"):
            assert clutter.lower() not in section.body.lower()


def test_internal_and_external_links_are_told_apart(guide: Guide) -> None:
    her2 = guide.get("her2")
    assert guide.resolve_link("her2.md") is her2
    assert guide.resolve_link("./her2.md#top") is her2
    assert guide.resolve_link("her2") is her2
    for external in ("https://example.org/her2.md", "mailto:someone@example.org", "//host/x"):
        assert is_external_link(external)
        assert guide.resolve_link(external) is None
    assert guide.resolve_link("nowhere.md") is None


# --- Broken content: each problem is reported, with its file ---------------------------


def problems_for(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_guide(folder)
    return [str(problem) for problem in caught.value.problems]


def test_a_good_folder_loads(tmp_path: Path) -> None:
    write_section(tmp_path, "one.md", order="2", title="Second")
    write_section(tmp_path, "two.md", order="1", title="First")
    assert [section.title for section in load_guide(tmp_path)] == ["First", "Second"]


def test_missing_folder(tmp_path: Path) -> None:
    assert problems_for(tmp_path / "nope") == [f"{tmp_path / 'nope'}: content folder not found"]


def test_empty_folder(tmp_path: Path) -> None:
    (problem,) = problems_for(tmp_path)
    assert "no Markdown sections" in problem


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"title": None}, "missing title"),
        ({"summary": None}, "missing summary"),
        ({"order": None}, "missing order"),
        ({"order": "two"}, "bad order 'two' (need a whole number)"),
        ({"order": "0"}, "bad order '0' (need 1 or more)"),
        ({"slug": "Not A Slug"}, "bad slug 'Not A Slug'"),
        ({"extra": "colour: blue\n"}, "unknown front-matter key 'colour'"),
        ({"extra": "title: Again\n"}, "'title' given twice"),
        ({"body": ""}, "no text after the front matter"),
        ({"body": "# Title again\n\nText\n"}, "must not start with a '# ' heading"),
    ],
)
def test_each_front_matter_problem_is_named(
    tmp_path: Path, fields: dict[str, str | None], expected: str
) -> None:
    path = write_section(tmp_path, "broken.md", **fields)  # type: ignore[arg-type]
    (problem,) = problems_for(tmp_path)
    assert problem.startswith(f"{path}: ")
    assert expected in problem


def test_missing_and_unclosed_front_matter(tmp_path: Path) -> None:
    (tmp_path / "plain.md").write_text("Just text\n", encoding="utf-8")
    (tmp_path / "open.md").write_text("---\ntitle: x\n\nText\n", encoding="utf-8")
    problems = problems_for(tmp_path)
    assert any(
        p.startswith(str(tmp_path / "plain.md")) and "missing front matter" in p for p in problems
    )
    assert any(p.startswith(str(tmp_path / "open.md")) and "not closed" in p for p in problems)


def test_unreadable_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    (problem,) = problems_for(tmp_path)
    assert problem == f"{path}: not valid UTF-8 text (line 2, byte 14)"


def test_duplicate_slug_and_order_name_both_files(tmp_path: Path) -> None:
    write_section(tmp_path, "a.md", slug="same", order="1")
    write_section(tmp_path, "b.md", slug="same", order="1")
    problems = problems_for(tmp_path)
    assert f"{tmp_path / 'b.md'}: slug 'same' is already used by a.md" in problems
    assert f"{tmp_path / 'b.md'}: order 1 is already used by a.md" in problems


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    write_section(tmp_path, "a.md", title=None)
    write_section(tmp_path, "b.md", order="x")
    write_section(tmp_path, "c.md", order="3")
    problems = problems_for(tmp_path)
    assert len(problems) == 2
    assert any("a.md" in p for p in problems) and any("b.md" in p for p in problems)


def test_table_1_has_the_articles_caption_just_above_it(guide: Guide) -> None:
    section = guide.get("subtypes")
    assert section is not None
    tokens = MarkdownIt("commonmark").enable("table").parse(section.body)
    table = next(index for index, token in enumerate(tokens) if token.type == "table_open")
    assert tokens[table - 1].type == "paragraph_close"
    assert tokens[table - 2].content.strip("*") == TABLE_1_CAPTION
    assert TABLE_1_CAPTION == "Table 1. Molecular subtypes of breast cancer"


def test_a_link_to_no_section_is_a_problem_of_its_file(tmp_path: Path) -> None:
    write_section(tmp_path, "a.md", body="## Heading\n\nSee [the other](b.md).\n")
    broken = write_section(
        tmp_path, "b.md", order="2", body="## Heading\n\nWords.\nSee [gone](nowhere.md).\n"
    )
    assert problems_for(tmp_path) == [
        f"{broken}: line 11: link to 'nowhere.md', which is not a section of the guide"
    ]


def test_a_link_to_a_file_with_problems_is_not_reported_twice(tmp_path: Path) -> None:
    write_section(tmp_path, "a.md", body="## Heading\n\nSee [the other](b.md).\n")
    broken = write_section(tmp_path, "b.md", order="2", title=None)
    assert problems_for(tmp_path) == [f"{broken}: missing title"]
