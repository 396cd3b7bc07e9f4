"""Line mode's search, glossary and "my results": what the full screen does, as lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from mbc_tui.core.content import Guide
from mbc_tui.core.glossary import glossary_of
from mbc_tui.core.instructions import INSTRUCTIONS, Form
from mbc_tui.core.search import SearchIndex
from mbc_tui.plain.line_lookups import RESULT_PROMPT, TERM_PROMPT
from mbc_tui.plain.line_mode import ANSWER_PROMPT, KEYS_WORK, PROMPT
from tests.unit.test_line_mode import after, session

WIDE = 200
"""A width at which no answer wraps, so each is one line."""


def test_slash_and_a_word_lists_numbered_results_with_one_count(guide: Guide) -> None:
    _code, lines = session(guide, "/biopsy\n\nq\n", width=WIDE)
    answer = after(lines, "/biopsy")
    results = SearchIndex(guide, Form.LINE).search("biopsy")
    assert answer[0] == f'Results: {len(results)} sections have "biopsy".'
    for number, result in enumerate(results, start=1):
        plural = "place" if result.places == 1 else "places"
        assert answer[number].startswith(
            f"{number}. {result.section.title} (found in {result.places} {plural}): "
        )
    assert lines[lines.index(f"{RESULT_PROMPT}") + 1] == f"{PROMPT}q"  # Enter goes back


def test_choosing_a_result_opens_its_section_at_the_page_with_the_words(guide: Guide) -> None:
    _code, lines = session(guide, "/\nbiopsy\n1\nq\n", width=80, height=20)
    assert "Search: biopsy" in lines
    shown = after(lines, "1", RESULT_PROMPT)
    assert shown[0].startswith("Section 3 of 9, page ")
    assert not shown[0].startswith("Section 3 of 9, page 1 ")  # the words are further on
    assert any("biopsy" in line for line in shown[1:])


def test_a_word_no_section_has_says_so_in_one_line(guide: Guide) -> None:
    _code, lines = session(guide, "find zebra\nq\n", width=WIDE)
    assert after(lines, "find zebra") == [
        'Results: no section has "zebra". Try a shorter or different word.'
    ]


def test_search_looks_at_what_line_mode_shows(guide: Guide) -> None:
    """A section's {{placeholder}} reads "Type s, then Enter" here, not "Press s"."""
    line_words = "then Enter, for the subtype questions"
    assert line_words in INSTRUCTIONS["subtype-explorer"][Form.LINE].replace("**", "")
    _code, lines = session(guide, f"/{line_words}\n\n/Press s to open\n\nq\n", width=WIDE)
    assert after(lines, f"/{line_words}")[0] == f'Results: 1 section has "{line_words}".'
    assert after(lines, "/Press s to open")[0].startswith("Results: no section has")


def test_g_lists_the_terms_and_a_term_shows_its_meaning(guide: Guide) -> None:
    glossary = glossary_of(guide)
    _code, lines = session(guide, "g\nbiopsy\nq\n", width=WIDE)
    listed = after(lines, "g")
    assert listed[0] == f"Glossary: {len(glossary)} terms."
    assert listed[1 : 1 + len(glossary)] == [
        f"{number}. {entry.term}" for number, entry in enumerate(glossary, start=1)
    ]
    meaning = after(lines, "biopsy", TERM_PROMPT)
    assert meaning[0] == "Term: Biopsy"
    assert meaning[1].startswith("Meaning: ")
    assert meaning[-1] == "Next: type g for another term, m for the menu."


def test_g_with_a_word_looks_it_up_at_once_and_unknown_words_get_one_line(guide: Guide) -> None:
    _code, lines = session(guide, "g her2\ng zebra\nq\n", width=WIDE)
    assert after(lines, "g her2")[0] == "Term: HER2"
    assert after(lines, "g zebra") == [
        'Unknown: no term "zebra". Type / and the word to search the guide.'
    ]


def test_r_prints_the_summary_of_the_answers_and_nothing_is_saved(
    guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _code, lines = session(guide, "r\ns\nyes\nno\nno\nr\nq\n", width=WIDE)
    assert after(lines, "no", ANSWER_PROMPT)[-1].startswith("Next: type r for a summary")
    summary = after(lines, "r")
    assert summary[0] == "Summary: my results, to copy or print (nothing is saved)."
    assert "- ER (estrogen receptor): positive" in summary
    assert "Table 1 subtype: ER+ and/or PR+, HER2-" in summary
    assert summary[-1] == "End of summary. Type s to answer again, m for the menu."
    assert list(tmp_path.iterdir()) == []


def test_r_before_the_questions_says_how_to_answer_them(guide: Guide) -> None:
    _code, lines = session(guide, "r\nq\n", width=WIDE)
    assert after(lines, "r") == ["Results: none yet. Type s to answer the three questions first."]


@pytest.mark.parametrize("keys", ["\x1b[A", "\x1b[A\x1b[D", "\x1bOB", "\x1b[5~"])
def test_arrow_keys_get_one_line_saying_which_keys_work(guide: Guide, keys: str) -> None:
    _code, lines = session(guide, f"{keys}\n4\nq\n", width=WIDE)
    assert after(lines, "") == [KEYS_WORK]
    assert not any("Unknown" in line for line in lines)
    assert after(lines, "4")[0].startswith("Section 4 of 9")


def test_arrow_keys_at_an_answer_prompt_do_not_answer(guide: Guide) -> None:
    _code, lines = session(guide, "s\n\x1b[B\nyes\nq\n", width=WIDE)
    assert KEYS_WORK in lines
    assert after(lines, "yes", ANSWER_PROMPT)[0].startswith("Question 2 of 3: ")
