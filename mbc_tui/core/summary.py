"""The "my results" summary: one page to take to an appointment (plain Python, no Textual).

It says which results the reader set, the Table 1 row (or rows still possible) with the
likely response, the questions the article raises, and the educational notice. The
same text is shown on the explorer's summary screen, saved to a file, and printed by
``mbc-tui summary``. Every fact comes from ``mbc_tui.core.subtypes``; the questions come from
the article's "Differences in breast cancers" part.
"""

from __future__ import annotations

import textwrap
from itertools import count
from pathlib import Path

from mbc_tui.core.about import EDUCATIONAL_NOTICE
from mbc_tui.core.files import write_text_file
from mbc_tui.core.subtypes import TABLE_1, TESTING_NOTE, ReceptorResult, ReceptorStatus

TITLE = "My results summary"
WIDTH = 72
"""Lines are wrapped to this many characters, so the text fits a printed page."""

RECEPTOR_NAMES: tuple[tuple[str, str], ...] = (
    ("er", "ER (estrogen receptor)"),
    ("pr", "PR (progesterone receptor)"),
    ("her2", "HER2"),
)

QUESTIONS: tuple[str, ...] = (
    "Were ER, PR and HER2 tested at my original diagnosis?",
    "If not, or if the results were negative, should a biopsy sample from a metastatic "
    "lesion be tested?",
    "If the cancer had already spread (metastasis) when it was first diagnosed, should a "
    "biopsy sample be tested for ER, PR and HER2?",
    "Was the testing done at an accredited laboratory? How accurate is it?",
)
"""The questions the article raises about testing, in the reader's voice."""

DEFAULT_FILE_NAME = "mbc-tui-summary.txt"


def _wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=indent,
        subsequent_indent=" " * len(indent),
        break_on_hyphens=False,
        break_long_words=False,
    )


def summary_lines(status: ReceptorStatus, width: int = WIDTH, *, title: bool = True) -> list[str]:
    """The summary as lines of plain text (no box drawing, no colour).

    ``title=False`` leaves out the first line and the blank after it (a screen that
    shows the title in its border)."""
    lines = [TITLE, "", "Test results:"] if title else ["Test results:"]
    for attribute, name in RECEPTOR_NAMES:
        result: ReceptorResult = getattr(status, attribute)
        lines += _wrap(f"{name}: {result.words}", "- ", width)
    lines += _wrap(
        f"In short: {status.combination} (hormone receptors: {status.hormone_receptor_label})",
        "- ",
        width,
    )
    lines.append("")

    row = status.subtype
    if row is not None:
        lines += _wrap(f"Table 1 subtype: {row.name}", width=width)
        lines += _wrap(f"Likely treatment response: {row.likely_response}", width=width)
    else:
        rows = status.possible_rows
        lines += _wrap(f"Table 1 rows still possible ({len(rows)} of {len(TABLE_1)}):", "", width)
        for possible in rows:
            lines += _wrap(f"{possible.name}: {possible.likely_response}", "- ", width)
        lines += ["", *_wrap(TESTING_NOTE, width=width)]
    lines += ["", *_wrap("Questions to ask my care team (based on the article):", "", width)]
    for question in QUESTIONS:
        lines += _wrap(question, "- ", width)
    lines += ["", *_wrap(EDUCATIONAL_NOTICE, width=width)]
    lines += _wrap('From the article "Metastatic Breast Cancer", through mbc-tui.', width=width)
    return lines


def summary_text(status: ReceptorStatus, width: int = WIDTH, *, title: bool = True) -> str:
    return "\n".join(summary_lines(status, width, title=title)) + "\n"


def free_path(path: Path) -> Path:
    """``path`` if no file is there yet, else the first free ``name-2.txt``,
    ``name-3.txt``... beside it: the name to propose, so saving again never has to refuse."""
    if not path.exists():
        return path
    for number in count(2):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def save_summary(status: ReceptorStatus, path: Path, *, replace: bool) -> Path:
    """Write the summary to ``path`` (UTF-8); returns the absolute path written.

    With ``replace=False`` an existing file is left alone (``FileExistsError``).

    Raises:
        OSError: when the file cannot be written.
    """
    return write_text_file(path, summary_text(status), replace=replace)
