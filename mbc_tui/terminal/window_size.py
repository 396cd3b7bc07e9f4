"""The largest window the guide draws in, chosen from a memory budget per session.

An app's memory grows with its window (Textual keeps a few copies of the screen's cells).
Measured with ``benchmarks/window_memory.py``, one session's app after opening four
sections (private memory, USS, and PSS with its share of the warm parent):

=========  =========  ====  ====
window     cells      USS   PSS
=========  =========  ====  ====
80x24          1,920  25    35
200x60        12,000  28    36
300x100       30,000  32    40
500x200      100,000  49    57
1000x1000  1,000,000  235   242
=========  =========  ====  ====

With a budget of about 40 MB a session, the largest window is 300 columns by 100 rows: a
larger terminal gets the guide drawn at that size, in its top left corner (the SSH server
gives the session's terminal that size; the app itself draws no larger either).
"""

from __future__ import annotations

MAX_COLUMNS = 300
MAX_ROWS = 100
DEFAULT_SIZE = (80, 24)
"""For a window that says it has no size (0x0: unknown)."""


def usable_size(columns: int, rows: int) -> tuple[int, int]:
    """The window the guide draws in: unknown (0) is the default, larger is the largest."""
    return (
        min(columns, MAX_COLUMNS) if columns > 0 else DEFAULT_SIZE[0],
        min(rows, MAX_ROWS) if rows > 0 else DEFAULT_SIZE[1],
    )
