"""A table laid out for a screen reader: no frame, each row a record that names its columns.

A screen reader speaks each screen row as it is: a framed table is heard as "plus dash dash"
and as two columns' words mixed on one row. In the screen-reader profile ``page_layout`` lays
a table out with this instead, in line mode's words (``mbc_tui.core.table_reading``)::

    Table 1. Molecular subtypes of breast cancer.
    4 rows, read row by row. Columns: Subtype; Likely treatment response.

    Row 1. Subtype: ER+ and/or PR+, HER2-. Likely treatment response: Typically
    responds to hormone (anti-estrogen) therapy.
    ...
    End of table.

The rows are numbered (a reader who pages lands in the middle of a table), and the caption
just above the table, if it has one, is said first. Each row is one paragraph, as in line
mode, not a line for each cell: a screen reader says only the screen rows that changed, and
on a narrow screen every row's second cell would start with the same line ("Likely treatment
response: Typically"), which paging could leave in place, unsaid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content

from mbc_tui.core.table_reading import (
    END_OF_TABLE,
    column_names,
    field_label,
    field_value,
    full_stop,
    introduction,
    row_label,
)

Mark = Callable[[Content], Content]
"""Marks the words a search found (the layout's ``_mark`` for its pattern)."""


def table_records(
    rows: Sequence[Sequence[Content]],
    width: int,
    mark: Mark,
    *,
    caption: Content | None = None,
    label_style: str = "",
) -> tuple[list[Content], int]:
    """The lines of a table read as records (``rows[0]`` is its header row), each wrapped to
    ``width``; and the line its own place starts on (after its caption's lines). The labels
    (the row numbers and the column names) are styled with ``label_style``."""
    header, *body = rows
    names = column_names([cell.plain for cell in header])
    lines: list[Content] = []
    if caption is not None:
        lines += mark(caption + full_stop(caption.plain)).wrap(width)
    start = len(lines)
    size = introduction(names, len(body), captioned=caption is not None)
    lines += mark(Content(size)).wrap(width)
    for number, row in enumerate(body, 1):
        parts: list[Content | str | tuple[str, str]] = [(row_label(number), label_style)]
        for name, cell in zip(names, row, strict=False):
            value = cell if cell.plain else Content(field_value(""))
            parts += [" ", (field_label(name), label_style), value, full_stop(value.plain)]
        lines += [Content(), *mark(Content.assemble(*parts)).wrap(width)]
    lines += [Content(), Content(END_OF_TABLE)]
    return lines, start
