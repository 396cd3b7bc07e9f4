"""Output cut into pieces that end between screen rows, each small enough to reach the
terminal whole (plain Python, no Textual).

Linux's terminal layer passes a write of more than 2,048 bytes on in 2,048-byte chunks, and
whoever reads the other end (a terminal, tmux, a screen reader's own terminal such as
Fenrir's) may read between two chunks. A frame cut in the middle of a row is then seen, and
spoken, as a row half old and half new ("Esc Bebar d Terms": two footers mixed), then again
as the rest arrives. Written as pieces that each end where the next row begins, every chunk
is whole rows: a reader that reads between them sees each row once, old or new, never mixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mbc_tui.terminal.lean_output import CURSOR_POSITION

TTY_CHUNK = 2048
"""Bytes the terminal layer passes on at a time (Linux: ``iterate_tty_write``)."""

_ROW_MOVE = re.compile(CURSOR_POSITION.pattern.encode())
"""A cursor move to a row (and column): where the output goes on to a row (the lean
output's own pattern, on bytes; an empty row number is row 1)."""


def row_pieces(data: bytes, limit: int = TTY_CHUNK) -> Iterator[bytes]:
    """``data`` in pieces of at most ``limit`` bytes, each cut just before a move to another
    row; where a piece has no such move, just before an escape sequence, or where no
    character is split."""
    start = 0
    while len(data) - start > limit:
        end = start + limit
        cut = _last_row_start(data, start, end)
        if cut is None:
            cut = data.rfind(b"\x1b", start + 1, end + 1)
        if cut <= start:  # one long run of text: cut where no UTF-8 character is split
            cut = end
            while cut > start + 1 and data[cut] & 0xC0 == 0x80:
                cut -= 1
        yield data[start:cut]
        start = cut
    if start < len(data):
        yield data[start:]


def _last_row_start(data: bytes, start: int, end: int) -> int | None:
    """Where the last move to a row other than the one before begins, in ``start..end``
    (a piece may end just before it), or None."""
    last: int | None = None
    row: bytes | None = None
    for move in _ROW_MOVE.finditer(data, start, min(len(data), end + 32)):
        if move.start() > end:
            break
        move_row = move.group(1) or b"1"
        if move_row != row:
            if move.start() > start and row is not None:
                last = move.start()
            row = move_row
    return last
