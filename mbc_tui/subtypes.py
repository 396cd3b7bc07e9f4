"""Table 1 of the article, as data, and the rule that picks a row (plain Python, no Textual).

Table 1 ("Molecular subtypes of breast cancer") has four rows. A cancer is hormone
receptor-positive (HR+) when it is ER+ and/or PR+; the row is chosen by HR status
and HER2 status. This module is the only place these facts live.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def _sign(positive: bool) -> str:
    return "+" if positive else "-"


@dataclass(frozen=True)
class ReceptorStatus:
    """Test results for the three best-known biomarkers."""

    er: bool
    pr: bool
    her2: bool

    @property
    def hormone_receptor_positive(self) -> bool:
        """HR+ when the cancer is ER+ and/or PR+."""
        return self.er or self.pr

    @property
    def combination(self) -> str:
        """The results in short form, e.g. ``ER+ PR- HER2-``."""
        return f"ER{_sign(self.er)} PR{_sign(self.pr)} HER2{_sign(self.her2)}"

    @property
    def hormone_receptor_label(self) -> str:
        """``HR+`` or ``HR-``."""
        return f"HR{_sign(self.hormone_receptor_positive)}"

    @property
    def subtype(self) -> SubtypeRow:
        """The Table 1 row these results fall in."""
        return subtype_for(self)


def subtype_for(status: ReceptorStatus) -> SubtypeRow:
    """The Table 1 row for a set of results."""
    for row in TABLE_1:
        if (row.hormone_receptor_positive, row.her2_positive) == (
            status.hormone_receptor_positive,
            status.her2,
        ):
            return row
    raise LookupError(f"Table 1 has no row for {status.combination}")  # pragma: no cover


def all_statuses() -> tuple[ReceptorStatus, ...]:
    """Every combination of ER, PR and HER2 results (eight in all)."""
    return tuple(ReceptorStatus(er, pr, her2) for er, pr, her2 in product((True, False), repeat=3))


def describe(positive: bool) -> str:
    """A result in words, never a sign or a colour alone."""
    return "positive" if positive else "negative"
