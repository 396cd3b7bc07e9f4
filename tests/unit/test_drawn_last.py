"""A scroll bar's column is drawn last, in one pass down it: fewer bytes, the same screen."""

from __future__ import annotations

import random

import pyte
import pytest

from mbc_tui.terminal.drawn_last import draw_order
from mbc_tui.terminal.lean_output import TerminalOutput, move_length
from mbc_tui.terminal.row_pieces import TTY_CHUNK, row_pieces

COLUMNS, LINES = 40, 12
TEXT, BAR, BORDER = "\x1b[38;5;253;48;5;234m", "\x1b[7;38;5;23m", "\x1b[38;5;214;48;5;234m"


def paged_frame(rows: range, bar_rows: range, *, words: str = "Some words") -> str:
    """A page in Textual's manner: each row a border, text, and the scroll bar's cell
    (thumb on ``bar_rows``) before the right border; full style and a reset per run."""
    parts = []
    for row in rows:
        bar = BAR if row in bar_rows else "\x1b[38;5;253;48;5;16m"
        line = f"{words} {row}".ljust(COLUMNS - 4)
        parts.append(f"\x1b[{row};1H{BORDER}║\x1b[0m{TEXT}{line}\x1b[0m{bar} \x1b[0m")
        parts.append(f"{TEXT} \x1b[0m{BORDER}║\x1b[0m")
    parts.append("\x1b[2;2H")
    return "".join(parts)


def render(chunks: list[str]) -> list[list[tuple[object, ...]]]:
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.Stream(screen)
    for chunk in chunks:
        stream.feed(chunk)
    return [
        [
            (cell.data, cell.fg, cell.bg, cell.bold, cell.reverse, cell.underscore)
            for cell in (screen.buffer[y][x] for x in range(COLUMNS))
        ]
        + [(screen.cursor.x, screen.cursor.y)]
        for y in range(LINES)
    ]


def test_the_scroll_bar_column_changes_colours_once() -> None:
    """Its colours are sent once for the whole column, not into them and back on each row."""
    frame = paged_frame(range(1, LINES + 1), range(1, 5))
    sent = TerminalOutput().transform(frame)
    assert render([sent]) == render([frame])
    assert sent.count("\x1b[7;38;5;23m") + sent.count(";7;38;5;23m") == 1
    assert sent.count("48;5;16m") == 1
    # Left in place, the two bar styles' changes would come back on every row.
    in_place = TerminalOutput(columns_last=False).transform(frame)
    assert len(sent) < len(in_place) - 10 * LINES


@pytest.mark.parametrize(
    "profile",
    [
        {},
        {"strip_colour": True},
        {"strip_colour": True, "ascii_only": True},
        {"ascii_only": True, "line_drawing": True},
    ],
)
def test_every_profile_shows_the_same_screen(profile: dict[str, bool]) -> None:
    frames = [
        paged_frame(range(1, LINES + 1), range(1, 5)),
        paged_frame(range(1, LINES + 1), range(4, 8)),  # the thumb moves: some rows only
        paged_frame(range(3, 9), range(6, 9), words="Other words"),
    ]
    output, reference = TerminalOutput(**profile), TerminalOutput(**profile, columns_last=False)
    sent = [output.transform(frame) for frame in frames]
    kept = [reference.transform(frame) for frame in frames]
    assert render(sent) == render(kept)
    assert sum(map(len, sent)) <= sum(map(len, kept))


def test_a_cell_drawn_twice_in_one_write_keeps_the_order() -> None:
    """The app may draw over a cell later in the same write: the later drawing wins."""
    frame = paged_frame(range(1, 6), range(1, 3))
    frame += f"\x1b[2;{COLUMNS - 2}H\x1b[44mX\x1b[0m\x1b[1;1H"
    sent = TerminalOutput().transform(frame)
    assert render([sent]) == render([frame])


@pytest.mark.parametrize("seed", range(30))
def test_random_columns_show_the_same_screen(seed: int) -> None:
    rng = random.Random(seed)
    styles = [TEXT, BAR, BORDER, "\x1b[1;38;5;32;48;5;234m", "\x1b[48;5;16m", "\x1b[4m", ""]
    frames = []
    for _ in range(3):
        parts = []
        for row in sorted(rng.sample(range(1, LINES + 1), rng.randint(2, LINES))):
            column = rng.randint(1, 4)
            parts.append(f"\x1b[{row};{column}H")
            while column < COLUMNS - 3:
                width = min(rng.choice([1, 1, 2, 5, 12]), COLUMNS - column)
                parts.append(f"{rng.choice(styles)}{rng.choice('ab ║') * width}\x1b[0m")
                column += width
                if rng.random() < 0.2:
                    column += 2
                    parts.append(f"\x1b[{row};{column}H")
        parts.append(f"\x1b[{rng.randint(1, LINES)};{rng.randint(1, COLUMNS)}H")
        frames.append("".join(parts))
    output = TerminalOutput()
    assert render([output.transform(frame) for frame in frames]) == render(frames)


def test_draw_order_moves_a_column_between_other_looks_to_the_end() -> None:
    """Rows of text | bar | border: the bar's cells go last; text and border stay in order."""
    pieces = []
    for row in range(1, 6):
        pieces += [(row, 1, "text", "T"), (row, 5, " ", "B"), (row, 6, "|", "T")]

    def switch(current: object, wanted: str) -> int:
        return 0 if current == wanted else 12

    order = draw_order(pieces, "T", switch, move_length, lambda text, style: False)
    assert [piece for piece in order if piece[3] == "B"] == order[-5:]
    assert [piece for piece in order if piece[3] == "T"] == [p for p in pieces if p[3] == "T"]
    # Where changing looks costs less than the moves it saves, the order stays.
    cheap = draw_order(pieces, "T", lambda a, b: 0 if a == b else 3, move_length, lambda *_: 0)
    assert list(cheap) == pieces


def test_a_large_frame_cut_for_the_terminal_never_shows_a_row_unfinished() -> None:
    """Output is cut in chunks (``row_pieces``) that a screen reader may read one at a time:
    a row beside a scroll bar is whole in the chunk it is drawn in, bar cell included (the
    bars are drawn band by band, and cut after a band)."""
    columns, lines = 80, 60
    parts = []
    for row in range(1, lines + 1):
        bar = BAR if row < 20 else "\x1b[38;5;253;48;5;16m"
        line = f"• Row {row}: metastatic breast cancer, the guide's text".ljust(columns - 4)
        parts.append(f"\x1b[{row};1H{BORDER}║\x1b[0m{TEXT}{line}\x1b[0m{bar} \x1b[0m")
        parts.append(f"{TEXT} \x1b[0m{BORDER}║\x1b[0m")
    frame = "".join(parts) + "\x1b[2;3H"
    sent = TerminalOutput().transform(frame).encode()
    assert len(sent) > 2 * TTY_CHUNK
    screen = pyte.Screen(columns, lines)
    stream = pyte.ByteStream(screen)
    final = pyte.Screen(columns, lines)
    pyte.ByteStream(final).feed(sent)

    def rows(of: pyte.Screen) -> list[str]:
        return [
            "".join(f"{cell.data}{cell.fg}{cell.bg}{cell.reverse}" for cell in line.values())
            for line in (of.buffer[y] for y in range(lines))
        ]

    blank, whole = rows(screen), rows(final)
    pieces = list(row_pieces(sent))
    assert len(pieces) >= 3
    for piece in pieces:
        stream.feed(piece)
        now = rows(screen)
        assert all(row in (old, new) for row, old, new in zip(now, blank, whole, strict=True))
