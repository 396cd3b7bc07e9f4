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

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from mbc_tui.terminal.lean_output import CURSOR_POSITION

TTY_CHUNK = 2048
"""Bytes the terminal layer passes on at a time (Linux: ``iterate_tty_write``)."""

_ROW_MOVE = re.compile(CURSOR_POSITION.pattern.encode())
"""A cursor move to a row (and column): where the output goes on to a row (the lean
output's own pattern, on bytes; an empty row number is row 1)."""
_DRAWS_AFTER = re.compile(rb"(?:\x1b\[[0-9;?]*[^0-9;?HfXK])*(?:[^\x1b]|\x1b\[[0-9;]*[XK])")
"""What follows a move that draws on its row (text, or blanks erased), before any other
move: a move with nothing after it only puts the cursor somewhere."""


def row_pieces(data: bytes, limit: int = TTY_CHUNK, writes: Sequence[int] = ()) -> Iterator[bytes]:
    """``data`` in pieces of at most ``limit`` bytes, each cut just before a move to another
    row, where every row drawn before it is finished; where a piece has no such move, just
    before an escape sequence, or where no character is split.

    ``writes``: where each write in ``data`` after the first begins. A write may draw a row
    in two parts (the lean output draws a scroll bar's column after the rows beside it:
    ``drawn_last``); a row is finished once the write moves to it no more."""
    finished, row_starts = _row_starts(data, writes) if len(data) > limit else ([], [])
    start = 0
    while len(data) - start > limit:
        end = start + limit
        cut = _last_between(finished, start, end) or _last_between(row_starts, start, end)
        if cut is None:  # no row starts in reach (then rows are left unfinished)
            cut = data.rfind(b"\x1b", start + 1, end + 1)
        if cut <= start:  # one long run of text: cut where no UTF-8 character is split
            cut = end
            while cut > start + 1 and data[cut] & 0xC0 == 0x80:
                cut -= 1
        yield data[start:cut]
        start = cut
    if start < len(data):
        yield data[start:]


def _row_starts(data: bytes, writes: Sequence[int]) -> tuple[list[int], list[int]]:
    """Where a move to another row begins, in order: those after which no row drawn before
    is drawn to again in the same write, and all of them."""
    finished: list[int] = []
    row_starts: list[int] = []
    bounds = [0, *sorted(writes), len(data)]
    for begin, finish in itertools.pairwise(bounds):
        moves = [
            (move.start(), move.group(1) or b"1", _DRAWS_AFTER.match(data, move.end(), finish))
            for move in _ROW_MOVE.finditer(data, begin, finish)
        ]
        # Each row's last move that draws on it in the write.
        last = {row: offset for offset, row, draws in moves if draws}
        reach = -1  # the last move to any row moved to so far in the write
        previous_row = None
        for offset, row, _draws in moves:
            if offset > 0 and (row != previous_row or offset == begin):
                row_starts.append(offset)
                if offset > reach:
                    finished.append(offset)
            reach = max(reach, last.get(row, -1))
            previous_row = row
    return finished, row_starts


def _last_between(offsets: list[int], start: int, end: int) -> int | None:
    """The last of the (sorted) ``offsets`` after ``start`` and not after ``end``."""
    index = bisect_right(offsets, end) - 1
    return offsets[index] if index >= 0 and offsets[index] > start else None
