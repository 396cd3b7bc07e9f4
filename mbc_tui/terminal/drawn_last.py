"""Which pieces of a frame to draw last: a scroll bar's column, one pass down it (plain Python).

A frame reaches the lean output as pieces, each a run of cells in one style at one place,
in the order the app drew them: row by row, left to right. A scroll bar at the side of a
page's text then costs two style changes on every row: into the bar's colours and back.
Drawn after everything else, in one pass down its column, the bar costs one style change in
all and a cursor move per row (which its cell on each row mostly needed anyway).

``draw_order`` moves to the end the pieces of one style for which that saves bytes: what
each saves in style changes and cursor moves, against what the pass down them costs. The
terminal shows the same screen either way, as long as no later piece of the frame draws over
a piece that is moved (the caller keeps the order when one may).

A large frame is taken in bands of rows, each with its own passes (``bands``): the terminal
layer passes output on in chunks of 2,048 bytes, and a chunk that ended between a band's rows
and their pass would show those rows unfinished (a screen reader would speak them twice).
Output may be cut after a band's passes (``row_pieces``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, TypeVar

LookT = TypeVar("LookT", bound=Hashable)

Piece = tuple[int, int, str, LookT]
"""Cells drawn in one style: row, column (from 1), their text (a character a cell), style."""

BAND_BYTES = 1900
"""The most a band of rows may send as counted here: the text of each piece, its style
change and its move (where it does not follow the piece before), as if drawn in order, which
is more than it sends. Under the terminal layer's chunk (``row_pieces.TTY_CHUNK``), so that
every chunk's worth of output has an end of a band in it, to be cut at."""
MOST_PIECE_BYTES = 48
"""More than a piece sends besides its text: a move and a style change."""


def bands(
    pieces: Sequence[Piece[LookT]],
    before: Any,
    switch: Callable[[Any, LookT], int],
    move: Callable[[int, int], int],
) -> Iterator[Sequence[Piece[LookT]]]:
    """``pieces`` in runs of whole rows that send at most ``BAND_BYTES`` each (or a row
    alone, if it sends more); ``before``, ``switch`` and ``move`` as for ``draw_order``."""
    if len(pieces) * MOST_PIECE_BYTES + 4 * sum(len(piece[2]) for piece in pieces) <= BAND_BYTES:
        yield pieces  # surely one band (a character is at most 4 bytes of UTF-8)
        return
    begin = row_begin = 0
    size = row_size = 0
    style, end = before, 0
    for index, (row, column, text, look) in enumerate(pieces):
        if index and row != pieces[index - 1][0]:
            if size and size + row_size > BAND_BYTES:
                yield pieces[begin:row_begin]
                begin, size = row_begin, 0
            size += row_size
            row_begin, row_size = index, 0
        row_size += len(text) if text.isascii() else len(text.encode())
        if look is not style:
            row_size += switch(style, look)
        if column != end:
            row_size += move(row, column)
        style, end = look, column + len(text)
    if size and size + row_size > BAND_BYTES:
        yield pieces[begin:row_begin]
        begin = row_begin
    yield pieces[begin:]


def draw_order(
    pieces: Sequence[Piece[LookT]],
    before: Any,
    switch: Callable[[Any, LookT], int],
    move: Callable[[int, int], int],
    erased_end: Callable[[str, LookT], bool],
) -> Sequence[Piece[LookT]]:
    """``pieces`` in the order that draws them in fewest bytes, as estimated here.

    Equal styles must be the same object (interned). ``before`` is the terminal's style
    when the first piece is drawn; ``switch(a, b)`` the bytes of a style change from ``a``
    to ``b`` (0 when they are the same); ``move(row, column)`` the bytes of a cursor move
    there; ``erased_end(text, style)`` whether drawing ``text`` ends with blanks sent as an
    erase, which leaves the cursor where they start.
    """
    count = len(pieces)
    by_style: dict[int, list[int]] = {}  # by the style's id: faster than its hash
    for index, piece in enumerate(pieces):
        by_style.setdefault(id(piece[3]), []).append(index)
    if len(by_style) < 2 or count < 3:
        return pieces
    previous = list(range(-1, count - 1))  # -1: nothing before
    following = list(range(1, count + 1))  # ``count``: nothing after
    first, last = 0, count - 1  # of the pieces drawn in place

    def joined(one: int, other: int) -> bool:
        """Whether piece ``other`` starts where drawing piece ``one`` leaves the cursor."""
        row, column, text, style = pieces[one]
        return (
            pieces[other][0] == row
            and pieces[other][1] == column + len(text)
            and not (text[-1] == " " and erased_end(text, style))
        )

    gains: dict[tuple[int, int, int], int] = {}

    def style_gain(style_before: Any, style: LookT, style_after: Any) -> int:
        """The bytes of style changes saved by drawing ``style`` elsewhere than between
        the other two (``None`` after: nothing follows)."""
        key = (id(style_before), id(style), id(style_after))
        gain = gains.get(key)
        if gain is None:
            gain = switch(style_before, style)
            if style_after is not None:
                gain += switch(style, style_after) - switch(style_before, style_after)
            gains[key] = gain
        return gain

    def saving(index: int) -> int:
        """Bytes saved by drawing this piece in the pass instead of in its place."""
        row, column, _text, style = pieces[index]
        before_index, after_index = previous[index], following[index]
        style_before = pieces[before_index][3] if before_index >= 0 else before
        style_after = pieces[after_index][3] if after_index < count else None
        if style_before is style or style_after is style:
            return 0  # beside a piece of its own style, it changes no style of its own
        saved = style_gain(style_before, style, style_after)
        if saved <= 0:
            return 0  # moves only add to the cost
        # The pass moves to the piece: a move more, unless one was needed in its place.
        if before_index >= 0 and joined(before_index, index):
            saved -= move(row, column)
        if style_after is not None and joined(index, after_index):
            saved -= move(*pieces[after_index][:2])  # the piece after needs a move now
        return saved

    passes: list[list[int]] = []
    for members in by_style.values():
        if len(members) < 2:
            continue
        style = pieces[members[0]][3]
        savings = [(index, saving(index)) for index in members]
        chosen = [index for index, saved in savings if saved > 0]
        into_pass = switch(pieces[last][3], style)  # from the last piece drawn in place
        if sum(saved for _index, saved in savings if saved > 0) <= into_pass:
            continue
        for index in chosen:  # out of the drawing order (chosen pieces never touch)
            before_index, after_index = previous[index], following[index]
            if before_index >= 0:
                following[before_index] = after_index
            else:
                first = after_index
            if after_index < count:
                previous[after_index] = before_index
            else:
                last = before_index
        passes.append(chosen)
    if not passes:
        return pieces
    order = []
    index = first
    while index < count:
        order.append(pieces[index])
        index = following[index]
    for chosen in passes:
        order.extend(pieces[index] for index in chosen)
    return order
