"""Table 1's rule, checked for every combination of ER, PR and HER2 results."""

from __future__ import annotations

import pytest

from mbc_tui.core.subtypes import (
    TABLE_1,
    ReceptorResult,
    ReceptorStatus,
    all_statuses,
    subtype_for,
)

# Written out by hand from the article's Table 1, independently of the data module.
EXPECTED: dict[tuple[bool, bool, bool], tuple[str, str, str]] = {
    # (ER, PR, HER2): (combination, HR status, Table 1 subtype)
    (True, True, False): ("ER+ PR+ HER2-", "HR+", "ER+ and/or PR+, HER2-"),
    (True, False, False): ("ER+ PR- HER2-", "HR+", "ER+ and/or PR+, HER2-"),
    (False, True, False): ("ER- PR+ HER2-", "HR+", "ER+ and/or PR+, HER2-"),
    (True, True, True): ("ER+ PR+ HER2+", "HR+", "ER+ and/or PR+, HER2+"),
    (True, False, True): ("ER+ PR- HER2+", "HR+", "ER+ and/or PR+, HER2+"),
    (False, True, True): ("ER- PR+ HER2+", "HR+", "ER+ and/or PR+, HER2+"),
    (False, False, True): ("ER- PR- HER2+", "HR-", "ER-/PR-, HER2+"),
    (False, False, False): ("ER- PR- HER2-", "HR-", "ER-/PR-, HER2- (triple-negative)"),
}

Known = bool | None
"""A result as the test writes it: True, False, or None for not tested / not sure."""


def expected_rows(er: Known, pr: Known, her2: Known) -> list[str]:
    """The Table 1 rows a partly known result could be, from the hand-written EXPECTED."""
    rows: list[str] = []
    for key, (_combination, _label, subtype) in EXPECTED.items():
        fits = all(
            known is None or known == value
            for known, value in zip((er, pr, her2), key, strict=True)
        )
        if fits and subtype not in rows:
            rows.append(subtype)
    return rows


RESPONSE_WORDS = {
    "ER+ and/or PR+, HER2-": ["hormone (anti-estrogen) therapy"],
    "ER+ and/or PR+, HER2+": ["hormone therapy", "anti-HER2 drugs (targeted therapies)"],
    "ER-/PR-, HER2+": ["does not respond to hormone therapy", "responds to anti-HER2 drugs"],
    "ER-/PR-, HER2- (triple-negative)": ["chemotherapy", "unlikely"],
}


def test_there_are_eight_combinations() -> None:
    assert len(all_statuses()) == 8
    assert {(s.er, s.pr, s.her2) for s in all_statuses()} == {
        tuple(ReceptorResult.of(value) for value in key) for key in EXPECTED
    }


@pytest.mark.parametrize(("receptors", "expected"), EXPECTED.items(), ids=lambda v: str(v))
def test_each_combination_matches_table_1(
    receptors: tuple[bool, bool, bool], expected: tuple[str, str, str]
) -> None:
    status = ReceptorStatus.from_bools(*receptors)
    combination, hormone_receptor_label, subtype_name = expected
    assert status.combination == combination
    assert status.hormone_receptor_label == hormone_receptor_label
    assert status.subtype.name == subtype_name
    assert subtype_for(status) is status.subtype
    for words in RESPONSE_WORDS[subtype_name]:
        assert words in status.subtype.likely_response


def test_table_1_has_the_four_rows_of_the_article_in_order() -> None:
    assert [row.name for row in TABLE_1] == [
        "ER+ and/or PR+, HER2-",
        "ER+ and/or PR+, HER2+",
        "ER-/PR-, HER2+",
        "ER-/PR-, HER2- (triple-negative)",
    ]
    keys = {(row.hormone_receptor_positive, row.her2_positive) for row in TABLE_1}
    assert len(keys) == 4


def test_results_are_said_in_words() -> None:
    assert ReceptorResult.of(True).words == "positive"
    assert ReceptorResult.of(False).words == "negative"


def test_unknown_results_leave_the_rows_that_still_fit() -> None:
    unknown, positive, negative = (
        ReceptorResult.UNKNOWN,
        ReceptorResult.POSITIVE,
        ReceptorResult.NEGATIVE,
    )
    everything = ReceptorStatus(unknown, unknown, unknown)
    assert everything.combination == "ER? PR? HER2?"
    assert everything.hormone_receptor_label == "HR?"
    assert everything.possible_rows == TABLE_1
    assert everything.subtype is None

    # One positive hormone receptor is enough for HR+, whatever the other is.
    status = ReceptorStatus(positive, unknown, negative)
    assert status.hormone_receptor_label == "HR+"
    assert status.subtype is TABLE_1[0]

    # A negative ER with PR unknown could be either HR row.
    status = ReceptorStatus(negative, unknown, positive)
    assert status.combination == "ER- PR? HER2+"
    assert [row.name for row in status.possible_rows] == ["ER+ and/or PR+, HER2+", "ER-/PR-, HER2+"]

    status = ReceptorStatus(negative, negative, unknown)
    assert [row.name for row in status.possible_rows] == [
        "ER-/PR-, HER2+",
        "ER-/PR-, HER2- (triple-negative)",
    ]


def test_every_one_of_the_27_states_fits_at_least_one_row() -> None:
    statuses = all_statuses(include_unknown=True)
    assert len(statuses) == 27
    for status in statuses:
        rows = status.possible_rows
        assert rows, status.combination
        assert (len(rows) == 1) == (status.subtype is not None)
        if status.is_complete:
            assert status.subtype is not None
