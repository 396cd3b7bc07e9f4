"""Subtype results said in sentences (plain Python, no Textual).

Every fact comes from ``mbc_tui.core.subtypes``; this module only puts it into words, for
line mode.
"""

from __future__ import annotations

from mbc_tui.core.subtypes import TABLE_1, ReceptorResult, ReceptorStatus, SubtypeRow

RECEPTOR_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("er", "ER", "Is the cancer estrogen-receptor (ER) positive? yes, no, or not sure"),
    ("pr", "PR", "Is the cancer progesterone-receptor (PR) positive? yes, no, or not sure"),
    ("her2", "HER2", "Is the cancer HER2-positive? yes, no, or not sure"),
)
"""(field of ``ReceptorStatus``, short name, question), in the order they are asked."""

NOT_SURE_ANSWER = (
    "Not sure: testing tells you. ER, PR and HER2 are tested on a sample from the "
    "primary tumor (the tumor in the breast) or on a biopsy sample from a metastatic lesion, "
    "and only accredited laboratories should do this testing. The article says to talk to "
    "your doctor about how accurate the test results are."
)
"""What the article says about finding out a result (see the section on biomarkers)."""

ANSWERS: dict[str, ReceptorResult] = {
    "y": ReceptorResult.POSITIVE,
    "yes": ReceptorResult.POSITIVE,
    "positive": ReceptorResult.POSITIVE,
    "+": ReceptorResult.POSITIVE,
    "n": ReceptorResult.NEGATIVE,
    "no": ReceptorResult.NEGATIVE,
    "negative": ReceptorResult.NEGATIVE,
    "-": ReceptorResult.NEGATIVE,
    "not sure": ReceptorResult.UNKNOWN,
    "notsure": ReceptorResult.UNKNOWN,
    "not tested": ReceptorResult.UNKNOWN,
    "unsure": ReceptorResult.UNKNOWN,
    "unknown": ReceptorResult.UNKNOWN,
    "don't know": ReceptorResult.UNKNOWN,
    "dont know": ReceptorResult.UNKNOWN,
    "ns": ReceptorResult.UNKNOWN,
    "?": ReceptorResult.UNKNOWN,
}
"""Answers to a question, after lower-casing and squeezing spaces."""


def parse_answer(text: str) -> ReceptorResult | None:
    """``yes``/``no``/``not sure`` (and short forms) as a result; ``None`` if not one."""
    return ANSWERS.get(" ".join(text.lower().replace("\u2019", "'").split()))


def results_sentence(status: ReceptorStatus) -> str:
    """``Results: ER positive, PR negative, HER2 not tested / not sure.``"""
    said = ", ".join(
        f"{name} {getattr(status, field).words}" for field, name, _question in RECEPTOR_QUESTIONS
    )
    return f"Results: {said}."


def row_sentence(row: SubtypeRow) -> str:
    """``Subtype: ER+ and/or PR+, HER2-. Likely treatment response: Typically ...``"""
    return f"Subtype: {row.name}. Likely treatment response: {row.likely_response}"


def possible_sentence(status: ReceptorStatus) -> str:
    """How many rows of Table 1 still fit, when more than one does."""
    rows = status.possible_rows
    return f"Possible: {len(rows)} of the {len(TABLE_1)} rows of Table 1 fit these results."


def answer_lines(status: ReceptorStatus) -> list[str]:
    """The full answer to the three questions, one sentence a line (before wrapping)."""
    lines = [results_sentence(status)]
    rows = status.possible_rows
    if len(rows) == 1:
        return [*lines, row_sentence(rows[0])]
    return [*lines, NOT_SURE_ANSWER, possible_sentence(status), *map(row_sentence, rows)]
