"""How a table is read out: its size and column names, then each row as a record that names
every cell's column (plain Python, no Textual).

One wording for every reader that cannot see a grid: line mode and the text export
(``mbc_tui.core.plain_text``) and the full-screen reader in the screen-reader profile
(``mbc_tui.widgets.page_layout``, which also numbers the rows: a reader who pages lands in the
middle of a table). Only the words are here; each reader puts them on its own lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

TABLE_CAPTION = re.compile(r"^Table \d+\.\s+\S")
"""A paragraph of its own just above a table that starts like this ("Table 1. Molecular
subtypes of breast cancer") is that table's caption: Markdown tables have no caption of their
own, so the readers that can (line mode, the text and HTML exports, the screen-reader profile)
join the two."""

END_OF_TABLE = "End of table."

SENTENCE_ENDS = (".", "!", "?", ":")


def full_stop(text: str) -> str:
    """What ends ``text`` as a sentence: nothing if it ends like one already, else a full
    stop."""
    return "" if text.rstrip().endswith(SENTENCE_ENDS) else "."


def sentence(text: str) -> str:
    """``text`` as a sentence (``Subtype: A+`` → ``Subtype: A+.``)."""
    text = text.strip()
    return text + full_stop(text)


def is_caption(text: str) -> bool:
    """Whether a paragraph's words read as a table's caption ("Table 1. ...")."""
    return bool(TABLE_CAPTION.match(text))


def column_names(header: Sequence[str]) -> list[str]:
    """The names the records use: each header cell's words (``Column 2`` for an empty one)."""
    return [words or f"Column {number}" for number, words in enumerate(header, 1)]


def introduction(names: Sequence[str], rows: int, *, captioned: bool) -> str:
    """What is said before the rows: ``4 rows, read row by row. Columns: A; B.`` after a
    caption, ``Table: 4 rows, ...`` without one."""
    size = f"{rows} {'row' if rows == 1 else 'rows'}"
    opening = f"{size[0].upper()}{size[1:]}" if captioned else f"Table: {size}"
    return f"{opening}, read row by row. Columns: {'; '.join(names)}."


def field_label(name: str) -> str:
    """What comes before a cell's words in its record: its column's name (``Subtype: ``)."""
    return f"{name}: "


def field_value(words: str) -> str:
    """A cell's words in its record (``empty`` for an empty cell)."""
    return words or "empty"


def field(name: str, words: str) -> str:
    """One cell of a record, as a sentence: ``Subtype: ER+ and/or PR+, HER2-.``"""
    return sentence(field_label(name) + field_value(words))


def row_label(number: int) -> str:
    """What opens a numbered record: ``Row 1.``"""
    return f"Row {number}."
