"""Output cut into pieces of at most 2,048 bytes that end between screen rows."""

from __future__ import annotations

import itertools
import re

from mbc_tui.terminal.row_pieces import TTY_CHUNK, row_pieces

ROW_MOVE = re.compile(rb"\x1b\[(\d+)(?:;\d+)?H")


def frame(rows: int, text: bytes) -> bytes:
    """A frame as the lean output writes it: each row a move, a colour and its text, with
    a second move inside the row (to a column further on)."""
    return b"".join(
        b"\x1b[%dH\x1b[38;5;%dm%s\x1b[%d;70H\xe2\x94\x82" % (row, row, text, row)
        for row in range(1, rows + 1)
    )


def test_a_small_write_is_one_piece() -> None:
    data = frame(3, b"short")
    assert list(row_pieces(data)) == [data]


def test_a_frame_over_2048_bytes_is_cut_between_rows() -> None:
    data = frame(60, "Metastatic breast cancer — ".encode() * 2)
    assert len(data) > 2 * TTY_CHUNK
    pieces = list(row_pieces(data))
    assert b"".join(pieces) == data
    assert len(pieces) >= 3
    assert all(len(piece) <= TTY_CHUNK for piece in pieces)
    for piece in pieces[1:]:
        move = ROW_MOVE.match(piece)
        assert move is not None and move.group(0).endswith(b"H")  # a row's start...
    rows_of = [[int(m.group(1)) for m in ROW_MOVE.finditer(piece)] for piece in pieces]
    for before, after in itertools.pairwise(rows_of):
        assert before[-1] < after[0]  # ...never the rest of the row before


def test_without_rows_a_cut_falls_before_an_escape_or_between_characters() -> None:
    coloured = b"\x1b[1m" + "é".encode() * 1500
    pieces = list(row_pieces(coloured))
    assert b"".join(pieces) == coloured
    assert all(len(piece) <= TTY_CHUNK for piece in pieces)
    for piece in pieces:
        piece.decode()  # no character cut in two


def drawn_rows(piece: bytes) -> set[int]:
    """The rows a piece draws on (a move followed by text)."""
    moves = re.findall(rb"\x1b\[(\d+)(?:;\d+)?H(?:\x1b\[[0-9;]*m)*[^\x1b]", piece)
    return {int(row) for row in moves}


def test_a_row_drawn_again_later_in_its_write_is_not_cut_from_it() -> None:
    """Rows drawn in bands, each band's column drawn after its rows (``drawn_last``): a cut
    falls only between bands, where every row drawn before it is finished."""
    band = 12
    bands = []
    for first in range(1, 97, band):
        rows = range(first, first + band)
        text = b"".join(
            b"\x1b[%dH\x1b[38;5;%dmMetastatic breast cancer, the guide" % (r, r) for r in rows
        )
        column = b"\x1b[44m" + b"".join(b"\x1b[%d;79H " % r for r in rows)
        bands.append(text + column)
    data = b"".join(bands) + b"\x1b[3;5H"  # the cursor put back on a row: it draws nothing
    assert len(data) > 2 * TTY_CHUNK
    pieces = list(row_pieces(data))
    assert b"".join(pieces) == data and len(pieces) >= 3
    assert all(len(piece) <= TTY_CHUNK for piece in pieces)
    for before, after in itertools.pairwise(pieces):
        assert not drawn_rows(before) & drawn_rows(after)


def test_each_write_finishes_its_own_rows() -> None:
    """Two frames in one flush draw the same rows; each frame's rows are cut apart."""
    one = frame(30, "Metastatic breast cancer — ".encode())
    pieces = list(row_pieces(one + one, writes=[len(one)]))
    assert b"".join(pieces) == one + one
    assert all(len(piece) <= TTY_CHUNK for piece in pieces)
    assert all(ROW_MOVE.match(piece) for piece in pieces)  # each begins at a row's start
