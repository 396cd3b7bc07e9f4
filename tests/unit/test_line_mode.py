"""Line mode, driven by piped input as a reader (or a script) would drive it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from mbc_tui.core.about import EDUCATIONAL_NOTICE
from mbc_tui.core.content import Guide, load_guide
from mbc_tui.core.subtype_words import NOT_SURE_ANSWER
from mbc_tui.core.subtypes import TABLE_1
from mbc_tui.plain.line_mode import (
    ANSWER_PROMPT,
    LONGEST_LINE,
    PROMPT,
    paginate,
    run_line_mode,
)
from tests.conftest import write_section


def session(
    guide: Guide, typed: str, *, width: int = 80, height: int = 100
) -> tuple[int, list[str]]:
    """Run line mode on ``typed`` (one command a line); the exit code and the output lines.

    Input is echoed after each prompt, as it is for piped input, so the lines read as a
    transcript: ``Choice: 3``."""
    stdout = io.StringIO()
    code = run_line_mode(guide, io.StringIO(typed), stdout, width, height, echo=True)
    return code, stdout.getvalue().splitlines()


def after(lines: list[str], typed: str, prompt: str = PROMPT) -> list[str]:
    """The lines printed in answer to the last time ``typed`` was entered."""
    start = max(i for i, line in enumerate(lines) if line == f"{prompt}{typed}")
    answer: list[str] = []
    for line in lines[start + 1 :]:
        if line.startswith((PROMPT, ANSWER_PROMPT)):
            break
        answer.append(line)
    return answer


def test_start_shows_notice_and_numbered_menu_then_q_quits(guide: Guide) -> None:
    code, lines = session(guide, "q\n")
    assert code == 0
    assert lines[0].startswith("Guide: Metastatic breast cancer: a plain guide.")
    assert any(line.startswith("Notice: For education only") for line in lines)
    menu = lines.index("Menu: 9 sections.")
    assert lines[menu + 1 : menu + 1 + len(guide)] == [
        f"{number}. {section.title}" for number, section in enumerate(guide, start=1)
    ]
    assert lines[-2:] == [f"{PROMPT}q", "Goodbye."]


def test_a_number_opens_that_section_with_its_heading_in_words(guide: Guide) -> None:
    _code, lines = session(guide, "4\nq\n")
    answer = after(lines, "4")
    assert answer[0] == "Section 4 of 9: Hormone receptors (ER, PR)"
    assert "Heading: What hormone receptors are" in answer
    assert answer[-1] == "End of section 4. Type n for section 5, HER2; m for the menu."


def test_pages_fit_the_screen_and_n_b_move_through_them(guide: Guide) -> None:
    height = 16
    _code, lines = session(guide, "3\nn\nn\nn\nb\nb\nb\nq\n", height=height)
    shown = [line for line in lines if line.startswith("Section ")]
    count = int(re.findall(r"page 1 of (\d+):", shown[0])[0])
    assert count >= 4
    assert shown == [
        f"Section 3 of 9, page {page} of {count}: Biomarkers and testing"
        for page in (1, 2, 3, 4, 3, 2, 1)
    ]
    for typed in ("3", "n", "b"):
        page = after(lines, typed)
        assert len(page) + 1 <= height  # the page, its heading and footer, and the prompt
    assert after(lines, "3")[-1] == f"More: type n for page 2 of {count}, b to go back."


def test_n_goes_on_to_the_next_section_and_b_comes_back(guide: Guide) -> None:
    guide = Guide(guide.sections[:8])  # ends with a one-page section (the glossary is long)
    _code, lines = session(guide, "8\nn\n1\nb\n2\nb\nq\n", height=24)
    assert after(lines, "8")[-1] == "End of the guide. Type m for the menu, q to quit."
    assert after(lines, "n") == ["End of the guide. Type m for the menu, b to go back, q to quit."]
    assert after(lines, "b")[0] == "Section 1 of 8, page 2 of 2: What it is"


def test_enter_alone_reads_on_and_b_at_the_start_says_so(guide: Guide) -> None:
    _code, lines = session(guide, "b\n\n\nq\n", height=24)
    assert after(lines, "b")[0].startswith("Start: no section is open yet.")
    shown = [line for line in lines if line.startswith("Section ")]
    assert shown == [
        "Section 1 of 9, page 1 of 2: What it is",
        "Section 1 of 9, page 2 of 2: What it is",
    ]


def test_m_shows_the_menu_and_h_the_help(guide: Guide) -> None:
    _code, lines = session(guide, "2\nm\nh\nq\n")
    assert after(lines, "m")[0] == "Menu: 9 sections."
    help_lines = after(lines, "h")
    assert help_lines[0] == "Help: type one of these, then Enter."
    for key in ("1 to 9", "n", "b", "m", "s", "r", "/", "g", "h", "q"):
        assert any(line.startswith(f"  {key}: ") for line in help_lines), key


@pytest.mark.parametrize("typed", ["xyz", "0", "10", "42", "\u00b2", "next page please"])
def test_unknown_input_gets_one_line_and_the_reader_carries_on(guide: Guide, typed: str) -> None:
    code, lines = session(guide, f"{typed}\n5\nq\n", width=200)
    assert code == 0
    answer = after(lines, re.sub(r"[\x00-\x1f]", "", typed))
    assert len(answer) == 1
    assert answer[0].startswith("Unknown: ")
    assert answer[0].endswith("Type a number from 1 to 9, or n, b, m, s, r, /, g, h or q.")
    assert after(lines, "5")[0] == "Section 5 of 9: HER2"


@pytest.mark.parametrize("typed", ["", "3\n", "3\nn\n", "s\n", "s\nyes\n"])
def test_end_of_input_quits_cleanly_anywhere(guide: Guide, typed: str) -> None:
    code, lines = session(guide, typed)
    assert code == 0
    assert lines[-1] == "Goodbye."


def test_subtype_questions_answered_yes_and_no(guide: Guide) -> None:
    _code, lines = session(guide, "s\nyes\nno\nn\nq\n", width=200)
    questions = after(lines, "s")
    assert questions[0].startswith("Questions: 3 questions about test results.")
    assert questions[1] == (
        "Question 1 of 3: Is the cancer estrogen-receptor (ER) positive? yes, no, or not sure"
    )
    assert after(lines, "yes", ANSWER_PROMPT)[0].startswith("Question 2 of 3: ")
    assert after(lines, "no", ANSWER_PROMPT)[0].startswith("Question 3 of 3: ")
    answer = " ".join(after(lines, "n", ANSWER_PROMPT))
    row = TABLE_1[0]
    assert answer.startswith("Results: ER positive, PR negative, HER2 negative.")
    assert f"Subtype: {row.name}. Likely treatment response: {row.likely_response}" in answer
    assert f"Note: {EDUCATIONAL_NOTICE}" in answer
    assert "See also: type 6 for Section 6 of 9: Subtypes and treatment." in answer
    assert NOT_SURE_ANSWER not in answer


def test_not_sure_is_answered_from_the_article_with_the_rows_still_possible(guide: Guide) -> None:
    _code, lines = session(guide, "s\nnot sure\nno\nyes\nq\n", width=1000)
    answer = after(lines, "yes", ANSWER_PROMPT)
    assert answer[0] == "Results: ER not tested / not sure, PR negative, HER2 positive."
    assert answer[1] == NOT_SURE_ANSWER
    assert "accredited" in NOT_SURE_ANSWER and "metastatic lesion" in NOT_SURE_ANSWER
    assert answer[2] == "Possible: 2 of the 4 rows of Table 1 fit these results."
    assert answer[3:5] == [
        f"Subtype: {row.name}. Likely treatment response: {row.likely_response}"
        for row in (TABLE_1[1], TABLE_1[2])
    ]


def test_a_bad_answer_gets_one_line_and_the_question_waits(guide: Guide) -> None:
    _code, lines = session(guide, "s\nmaybe\ny\ny\ny\nq\n")
    assert after(lines, "maybe", ANSWER_PROMPT) == [
        'Unknown: "maybe". Answer yes, no or not sure; m stops.'
    ]
    assert after(lines, "maybe", ANSWER_PROMPT) != []
    assert any(line.startswith(f"Subtype: {TABLE_1[1].name}.") for line in lines)


def test_enter_alone_at_a_question_says_what_to_type_and_nothing_unknown(guide: Guide) -> None:
    _code, lines = session(guide, "s\n\ny\ny\ny\nq\n")
    assert after(lines, "", ANSWER_PROMPT)[:1] == ["Answer yes, no or not sure; m stops."]
    assert not any(line.startswith("Unknown") for line in lines)


def test_m_stops_the_questions_and_q_quits_from_them(guide: Guide) -> None:
    _code, lines = session(guide, "s\nyes\nm\ns\nq\n")
    stopped = after(lines, "m", ANSWER_PROMPT)
    assert stopped[:2] == ["Stopped: no results kept.", "Menu: 9 sections."]
    assert lines[-2:] == [f"{ANSWER_PROMPT}q", "Goodbye."]


def test_the_output_has_no_escape_byte_and_fits_the_width(guide: Guide) -> None:
    every_command = (
        "1\nn\nn\nb\nb\n6\nn\nn\nm\nh\ns\n?\nmaybe\nno\nyes\nxyz\n\x1b[2J\n99\n8\nn\nq\n"
    )
    for width in (40, 80):
        _code, lines = session(guide, every_command, width=width)
        text = "\n".join(lines)
        assert "\x1b" not in text
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
        assert not re.search(r"[\u2500-\u259f]", text)  # no box drawing or block glyphs
        assert max(len(line) for line in lines) <= width


def test_escape_bytes_in_content_never_reach_the_output(tmp_path: Path) -> None:
    write_section(
        tmp_path, "a.md", title="Bad \x1b[1mtitle", body="## \x1b]0;x\x07Hi\n\nText\x1b[0m.\n"
    )
    _code, lines = session(load_guide(tmp_path), "1\nq\n")
    assert "\x1b" not in "\n".join(lines)


def test_paginate_breaks_at_blank_lines_and_never_starts_a_page_blank() -> None:
    lines = ["a1", "a2", "a3", "", "b1", "b2", "", "c1"]
    assert paginate(lines, 6) == [["a1", "a2", "a3", "", "b1", "b2"], ["c1"]]
    assert paginate(lines, 5) == [["a1", "a2", "a3"], ["b1", "b2", "", "c1"]]
    assert paginate([], 6) == [[]]
    with_heading = ["a1", "", "a2", "", "Heading: B", "", "b1", "b2"]
    assert paginate(with_heading, 6) == [["a1", "", "a2"], ["Heading: B", "", "b1", "b2"]]


def test_a_terminal_that_goes_away_ends_the_session_cleanly(guide: Guide) -> None:
    class HungUp(io.StringIO):
        def readline(self, size: int | None = -1) -> str:
            raise OSError(5, "Input/output error")

    stdout = io.StringIO()
    assert run_line_mode(guide, HungUp(), stdout) == 0
    assert stdout.getvalue().endswith(f"{PROMPT}\nGoodbye.\n")


def test_a_line_without_end_is_read_in_bounded_pieces(guide: Guide) -> None:
    """Piped input with a huge line (a file with no newlines) is never held whole."""

    class Recording(io.StringIO):
        longest = 0

        def readline(self, size: int | None = -1) -> str:
            line = super().readline(size)
            Recording.longest = max(Recording.longest, len(line))
            return line

    stdout = io.StringIO()
    typed = Recording("x" * 1_000_000 + "\n2\nq\n")
    assert run_line_mode(guide, typed, stdout, 80, 100, echo=False) == 0
    assert Recording.longest <= LONGEST_LINE
    text = stdout.getvalue()
    assert "Unknown:" in text
    assert f"Section 2 of {len(guide.sections)}" in text


def test_table_1_is_read_with_its_caption(guide: Guide) -> None:
    _code, lines = session(guide, "6\nq\n")
    text = " ".join(" ".join(after(lines, "6")).split())
    assert "Table 1. Molecular subtypes of breast cancer. 4 rows, read row by row." in text
