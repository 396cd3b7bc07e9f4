"""Table 1 of the article, as data, and the rule that picks a row (plain Python, no Textual).

Table 1 ("Molecular subtypes of breast cancer") has four rows. A cancer is hormone
receptor-positive (HR+) when it is ER+ and/or PR+; the row is chosen by HR status
and HER2 status. This module is the only place these facts live.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from itertools import product


@dataclass(frozen=True)
class SubtypeRow:
    """One row of Table 1."""

    name: str
    """The subtype exactly as the article's table names it."""
    hormone_receptor_positive: bool
    her2_positive: bool
    likely_response: str
    """The row's "Likely treatment response", in plain words, carrying only its facts.

    ``content/subtypes.md`` shows the same words in its table; a test keeps them equal."""


TABLE_1_CAPTION = "Table 1. Molecular subtypes of breast cancer"
"""The table's caption, in the article's words; ``content/subtypes.md`` shows the same words
just above its table (a test keeps them equal)."""

TABLE_1: tuple[SubtypeRow, ...] = (
    SubtypeRow(
        name="ER+ and/or PR+, HER2-",
        hormone_receptor_positive=True,
        her2_positive=False,
        likely_response="Typically responds to hormone (anti-estrogen) therapy.",
    ),
    SubtypeRow(
        name="ER+ and/or PR+, HER2+",
        hormone_receptor_positive=True,
        her2_positive=True,
        likely_response=(
            "Typically responds to hormone therapy and anti-HER2 drugs (targeted therapies)."
        ),
    ),
    SubtypeRow(
        name="ER-/PR-, HER2+",
        hormone_receptor_positive=False,
        her2_positive=True,
        likely_response=(
            "Typically does not respond to hormone therapy, but typically responds to "
            "anti-HER2 drugs."
        ),
    ),
    SubtypeRow(
        name="ER-/PR-, HER2- (triple-negative)",
        hormone_receptor_positive=False,
        her2_positive=False,
        likely_response=(
            "Typically treated with chemotherapy, since it is unlikely to respond to "
            "hormone therapy or anti-HER2 drugs."
        ),
    ),
)
"""Table 1, in the article's order."""


TESTING_NOTE = (
    "Testing tells which row fits. ER, PR and HER2 are tested on a sample from the primary "
    "tumor or from a biopsy of a metastatic lesion. The article says testing should be done "
    "only at accredited laboratories."
)
"""What the article says about finding out a result that is not known."""


class ReceptorResult(Enum):
    """One receptor's test result, as a reader knows it."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    UNKNOWN = "not tested / not sure"

    @property
    def sign(self) -> str:
        """``+``, ``-`` or ``?``, as in ``ER+ PR- HER2?``."""
        return {"positive": "+", "negative": "-"}.get(self.value, "?")

    @property
    def words(self) -> str:
        """The result in words, never a sign or a colour alone."""
        return self.value

    @classmethod
    def of(cls, positive: bool) -> ReceptorResult:
        return cls.POSITIVE if positive else cls.NEGATIVE

    def could_be(self, positive: bool) -> bool:
        """Whether a true result of ``positive`` fits what is known."""
        return self is ReceptorResult.UNKNOWN or self is ReceptorResult.of(positive)


@dataclass(frozen=True)
class ReceptorStatus:
    """Test results for the three best-known biomarkers (each may be unknown)."""

    er: ReceptorResult
    pr: ReceptorResult
    her2: ReceptorResult

    @classmethod
    def from_bools(cls, er: bool, pr: bool, her2: bool) -> ReceptorStatus:
        return cls(ReceptorResult.of(er), ReceptorResult.of(pr), ReceptorResult.of(her2))

    @property
    def hormone_receptor(self) -> ReceptorResult:
        """HR+ when ER and/or PR is positive; HR- when both are negative; else unknown."""
        if ReceptorResult.POSITIVE in (self.er, self.pr):
            return ReceptorResult.POSITIVE
        if self.er is self.pr is ReceptorResult.NEGATIVE:
            return ReceptorResult.NEGATIVE
        return ReceptorResult.UNKNOWN

    @property
    def hormone_receptor_positive(self) -> bool:
        return self.hormone_receptor is ReceptorResult.POSITIVE

    @property
    def combination(self) -> str:
        """The results in short form, e.g. ``ER+ PR- HER2-`` or ``ER? PR- HER2+``."""
        return f"ER{self.er.sign} PR{self.pr.sign} HER2{self.her2.sign}"

    @property
    def hormone_receptor_label(self) -> str:
        """``HR+``, ``HR-`` or ``HR?``."""
        return f"HR{self.hormone_receptor.sign}"

    @property
    def is_complete(self) -> bool:
        return ReceptorResult.UNKNOWN not in (self.er, self.pr, self.her2)

    @property
    def possible_rows(self) -> tuple[SubtypeRow, ...]:
        """The Table 1 rows these results still allow, in the table's order."""
        return tuple(
            row
            for row in TABLE_1
            if self.hormone_receptor.could_be(row.hormone_receptor_positive)
            and self.her2.could_be(row.her2_positive)
        )

    @property
    def subtype(self) -> SubtypeRow | None:
        """The one Table 1 row these results fall in, or ``None`` while more are possible."""
        rows = self.possible_rows
        return rows[0] if len(rows) == 1 else None


def subtype_for(status: ReceptorStatus) -> SubtypeRow:
    """The Table 1 row for a complete set of results."""
    row = status.subtype
    if row is None:
        raise ValueError(f"{status.combination} does not pick one row of Table 1")
    return row


def all_statuses(*, include_unknown: bool = False) -> tuple[ReceptorStatus, ...]:
    """Every combination of results: 8 of positive/negative, or 27 with unknowns."""
    results = (
        tuple(ReceptorResult)
        if include_unknown
        else (ReceptorResult.POSITIVE, ReceptorResult.NEGATIVE)
    )
    return tuple(ReceptorStatus(er, pr, her2) for er, pr, her2 in product(results, repeat=3))
