"""Search: real queries on the real guide (in the app: tests/pilot/test_search_screen.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mbc_tui.core.content import Guide
from mbc_tui.core.instructions import Form
from mbc_tui.core.passages import passages
from mbc_tui.core.search import (
    SearchIndex,
    compile_query,
    make_snippet,
    places_in,
    search_index_of,
)
from tests.conftest import write_section

SIZE = (80, 24)


@pytest.fixture(scope="module")
def index(guide: Guide) -> SearchIndex:
    return SearchIndex(guide)


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [result.section.slug for result in index.search(query)]


def test_a_word_finds_the_sections_that_use_it(index: SearchIndex) -> None:
    assert slugs(index, "biopsy") == ["biomarkers", "glossary"]
    assert slugs(index, "accredited") == ["biomarkers", "glossary"]
    assert slugs(index, "spirituality") == ["taking-control"]
    assert slugs(index, "yoga") == ["taking-control"]


def test_the_snippet_shows_the_matching_line(index: SearchIndex) -> None:
    (biomarkers, _glossary) = index.search("biopsy")
    assert biomarkers.snippet.matched == "biopsy"
    assert "A biopsy sample taken from a metastatic lesion" in biomarkers.snippet.text
    assert len(biomarkers.snippet.text) <= 70
    (result,) = index.search("yoga")
    assert result.snippet.text == "yoga"
    assert result.places == 1


def test_case_does_not_matter_and_a_word_start_is_enough(index: SearchIndex) -> None:
    assert slugs(index, "HER2") == slugs(index, "her2") == slugs(index, "Her2")
    found = index.search("her")
    assert found[0].section.slug == "her2"  # the section whose title matches comes first
    assert "her2" in slugs(index, "her")
    # "ther" starts "therapy" but is not found inside "other" or "together".
    for result in index.search("ther"):
        assert result.snippet.matched.lower() == "ther"
        start = result.snippet.match_start
        assert start == 0 or not result.snippet.text[start - 1].isalnum()


def test_special_characters_are_taken_literally(index: SearchIndex) -> None:
    assert slugs(index, "HER2+") == ["her2", "subtypes", "glossary"]
    assert index.search("HER2+")[1].snippet.matched == "HER2+"
    assert "hormone-receptors" in slugs(index, "(")
    assert slugs(index, "ER-/PR-") == ["hormone-receptors", "subtypes", "glossary"]
    # The reader never sees a "*" (it is Markdown emphasis), so nothing matches it.
    assert index.search("*") == []
    assert index.search("[") == []
    assert index.search(".*") == []


def test_a_space_or_a_hyphen_between_words(index: SearchIndex) -> None:
    assert slugs(index, "triple negative") == slugs(index, "triple-negative")
    assert "subtypes" in slugs(index, "triple negative")
    assert (
        slugs(index, "lymph   nodes") == slugs(index, "lymph nodes") == ["what-it-is", "glossary"]
    )


def test_no_results_and_blank_queries(index: SearchIndex) -> None:
    assert index.search("tamoxifen") == []
    assert index.search("") == []
    assert index.search("   ") == []
    assert compile_query(" \t") is None


def test_markdown_syntax_is_not_searched(index: SearchIndex, guide: Guide) -> None:
    assert index.search("subtypes.md") == []
    assert index.search("##") == []
    text = " ".join(p.text for section in guide for p in passages(section.markdown))
    assert "](" not in text and "**" not in text


def test_a_long_passage_is_cut_between_words() -> None:
    text = " ".join(f"word{number}" for number in range(40))
    start = text.index("word20")
    snippet = make_snippet(text, start, start + len("word20"))
    assert snippet.matched == "word20"
    assert snippet.text.startswith("…word") and snippet.text.endswith("…")
    assert len(snippet.text) <= 70


@pytest.mark.parametrize(
    "query", ["e", "er", "her", "HER2+", "(", "hormone  therapy", "triple negative", "ER-/PR-"]
)
def test_the_fast_path_finds_what_the_plain_pattern_finds(guide: Guide, query: str) -> None:
    """The index searches lower-cased text with a literal-first pattern; it must agree with
    the case-insensitive, word-start pattern applied to each passage the reader sees."""
    pattern = compile_query(query)
    assert pattern is not None
    index = SearchIndex(guide)
    by_slug = {result.section.slug: result.places for result in index.search(query)}
    for section in guide:
        expected = len({p.place for p in passages(section.markdown) if pattern.search(p.text)})
        assert by_slug.get(section.slug, 0) == expected, (section.slug, query)


@pytest.mark.parametrize(
    "query", ["h", "he", "her", "her2", "HER2+", "(", "zz", "triple negative", "tests er", ""]
)
def test_the_sections_typed_for_are_the_results_sections(guide: Guide, query: str) -> None:
    """While a query is typed the search box asks only which sections match (how many, and
    which one Enter opens): the very sections, in the very order, of the full results."""
    index = SearchIndex(guide)
    assert index.sections(query) == [result.section for result in index.search(query)]


def test_text_whose_lower_case_changes_length_is_still_searched(tmp_path: Path) -> None:
    """ "İ" lower-cases to two characters; the index then searches the text as written."""
    from mbc_tui.core.content import load_guide

    write_section(tmp_path, "a.md", title="A", body="## İzmir\n\nThe clinic in İzmir tests ER.\n")
    index = SearchIndex(load_guide(tmp_path))
    (result,) = index.search("tests er")
    assert result.snippet.matched == "tests ER"
    assert index.search("zmir") == []  # not at a word start
    assert [section.title for section in index.sections("tests er")] == ["A"]
    assert index.sections("zmir") == []


def test_one_index_per_guide_and_form_is_shared(guide: Guide) -> None:
    """Every app showing a guide searches one index (over SSH, the warm parent's)."""
    shared = search_index_of(guide, Form.SCREEN)
    assert search_index_of(guide, Form.SCREEN) is shared
    assert search_index_of(guide, Form.LINE) is not shared
    assert search_index_of(guide, Form.LINE).form is Form.LINE
    assert [result.section.slug for result in shared.search("her2")] == [
        result.section.slug for result in SearchIndex(guide).search("her2")
    ]


def test_opening_a_match_does_not_parse_its_section_again(
    guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The places of a match (counted as the results count them) come from the section as
    the index already has it: the section is not parsed again at each opening."""
    section = guide.get("her2")
    assert section is not None
    search_index_of(guide, Form.SCREEN)
    expected = places_in(section, "her2")
    assert expected

    def no_parse(markdown: str) -> list[object]:
        raise AssertionError("parsed again")

    monkeypatch.setattr("mbc_tui.core.search.passages", no_parse)
    assert places_in(section, "her2") == expected
    assert places_in(section, "receptor") == places_in(section, "Receptor")
