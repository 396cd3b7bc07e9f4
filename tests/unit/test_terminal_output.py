"""The lean output rewriter draws exactly the screen it was given, in fewer bytes."""

from __future__ import annotations

import random
import re

import pyte
import pytest

from mbc_tui.terminal.lean_output import (
    DEFAULT_STYLE,
    UNKNOWN,
    Style,
    TerminalOutput,
    apply_sgr,
    ascii_stand_in,
    transition,
)

COLUMNS, LINES = 60, 12
COLOURS = ["31", "32", "97", "38;5;214", "38;2;10;20;30"]
BACKGROUNDS = ["40", "44", "48;5;235", "48;2;1;2;3"]
FLAG_CODES = ["1", "2", "3", "4", "7", "9"]
TEXTS = ["Topics", "  ", "═══", "│", "What it is", " " * 14, "ER+ PR- HER2-", "•", "…", "x"]


def textual_like_frame(rng: random.Random, *, erase: bool = True, overlap: bool = True) -> str:
    """A frame in Textual's manner: absolute moves, a full style per run, a reset after.

    With ``overlap=False`` no cell is written twice in the frame (as in a real app's frame).
    """
    parts: list[str] = []
    rows = rng.sample(range(1, LINES), rng.randint(1, LINES - 1))
    for group in range(rng.randint(1, 12) if overlap else len(rows)):
        # Rows above the last: a full-screen app never scrolls its screen with a line feed.
        row = rng.randint(1, LINES - 1) if overlap else rows[group]
        column = rng.randint(1, COLUMNS - 40)
        parts.append(f"\x1b[{row};{column}H")
        for _ in range(rng.randint(1, 3)):
            codes = rng.sample(FLAG_CODES, rng.randint(0, 2))
            if rng.random() < 0.8:
                codes.append(rng.choice(COLOURS))
            if rng.random() < 0.6:
                codes.append(rng.choice(BACKGROUNDS))
            parts.append(f"\x1b[{';'.join(codes)}m" if codes else "")
            text = rng.choice(TEXTS)[:5] + " " * rng.choice([0, 0, 10])
            parts.append(text)
            parts.append("\x1b[0m")
            column += len(text)
            if rng.random() < 0.3:  # Textual often moves to where the cursor already is
                parts.append(f"\x1b[{row};{column}H")
        if overlap and rng.random() < 0.3:
            parts.append("\r\n")
        if erase and rng.random() < 0.2:
            parts.append("\x1b[K")  # erase to end of line: uses the current background
    parts.append(f"\x1b[{rng.randint(1, LINES)};{rng.randint(1, COLUMNS)}H")
    return "".join(parts)


def colour_parameters(output: str) -> list[str]:
    """Every SGR parameter that sets a colour (30-49, 90-107, 38;.. and 48;..)."""
    found = []
    for parameters in re.findall(r"\x1b\[([0-9;]*)m", output):
        for parameter in parameters.split(";"):
            if parameter and (30 <= int(parameter) <= 49 or 90 <= int(parameter) <= 107):
                found.append(parameter)
    return found


def render(chunks: list[str]) -> pyte.Screen:
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.Stream(screen)
    for chunk in chunks:
        stream.feed(chunk)
    return screen


def cells(screen: pyte.Screen, *, colours: bool = True) -> list[list[tuple[object, ...]]]:
    grid = []
    for y in range(LINES):
        row = []
        for x in range(COLUMNS):
            char = screen.buffer[y][x]
            looks = (char.bold, char.italics, char.underscore, char.reverse, char.strikethrough)
            row.append((char.data, *looks, *((char.fg, char.bg) if colours else ())))
        grid.append(row)
    return grid


@pytest.mark.parametrize("seed", range(40))
def test_same_screen_fewer_bytes(seed: int) -> None:
    rng = random.Random(seed)
    frames = [textual_like_frame(rng) for _ in range(4)]
    output = TerminalOutput()
    rewritten = [output.transform(frame) for frame in frames]
    original_screen, lean_screen = render(frames), render(rewritten)
    assert cells(lean_screen) == cells(original_screen)
    assert (lean_screen.cursor.x, lean_screen.cursor.y) == (
        original_screen.cursor.x,
        original_screen.cursor.y,
    )
    assert sum(map(len, rewritten)) < sum(map(len, frames))


@pytest.mark.parametrize("seed", range(10))
def test_without_colour_only_colours_are_gone(seed: int) -> None:
    rng = random.Random(seed)
    frames = [textual_like_frame(rng) for _ in range(3)]
    output = TerminalOutput(strip_colour=True)
    rewritten = "".join(output.transform(frame) for frame in frames)
    assert colour_parameters(rewritten) == []
    original, lean = render(frames), render([rewritten])
    assert cells(lean, colours=False) == cells(original, colours=False)
    assert all(cell[-1] == "default" for row in cells(lean) for cell in row)


@pytest.mark.parametrize("seed", range(10))
def test_ascii_only_keeps_every_cell_in_place(seed: int) -> None:
    rng = random.Random(seed)
    frames = [textual_like_frame(rng) for _ in range(3)]
    output = TerminalOutput(ascii_only=True, erase_runs=False)
    rewritten = "".join(output.transform(frame) for frame in frames)
    assert rewritten.isascii()
    original, lean = cells(render(frames)), cells(render([rewritten]))
    for original_row, lean_row in zip(original, lean, strict=True):
        for before, after in zip(original_row, lean_row, strict=True):
            assert after == (ascii_stand_in(before[0]) or " ", *before[1:])


def test_box_drawing_and_symbols_in_ascii() -> None:
    assert "".join(ascii_stand_in(c) for c in "╔═╗║╚╝┌─┬│┼") == "+-+|+++-+|+"
    assert ascii_stand_in("•") == "*"
    assert ascii_stand_in("—") == "-"
    assert ascii_stand_in("█") == "#"
    assert ascii_stand_in("▁") == " "
    assert ascii_stand_in("好") == "??"


def test_the_linux_console_keeps_the_light_lines() -> None:
    """The Linux console: ASCII, but for ─│┌┐└┘ (Fenrir's barrier needs the │)."""
    output = TerminalOutput(ascii_only=True, line_drawing=True)
    drawn = output.transform("\x1b[1;1H┌─ Topics ─┐\x1b[2;1H│1 What it is│╭═╗•")
    assert "┌─ Topics ─┐" in drawn and "│1 What it is│+-+*" in drawn
    assert "│" not in TerminalOutput(ascii_only=True).transform("\x1b[1;1H│")


def test_a_cut_text_never_reads_as_a_finished_sentence_in_ascii() -> None:
    """ "Their results are very…" must not become "Their results are very." on a VT100."""
    output = TerminalOutput(ascii_only=True)
    drawn = output.transform("\x1b[1;1HTheir results are very…\x1b[2;1HSearch for…")
    assert "very." not in drawn and "for." not in drawn
    assert "very~" in drawn and "for~" in drawn


def test_repeated_styles_are_sent_once() -> None:
    output = TerminalOutput()
    frame = "\x1b[1;1H" + "\x1b[38;5;214;48;5;235m═\x1b[0m" * 10
    assert output.transform(frame) == "\x1b[1H\x1b[0;38;5;214;48;5;235m══════════\x1b[0m"


def test_overridden_moves_are_dropped() -> None:
    output = TerminalOutput()
    assert output.transform("\x1b[1;31H\r\n\x1b[2;1Hx") == "\x1b[2H\x1b[0mx"


def test_style_is_settled_before_erasing_and_at_the_end() -> None:
    output = TerminalOutput()
    assert output.transform("\x1b[44m\x1b[K") == "\x1b[0;44m\x1b[K"
    assert output.transform("\x1b[0m") == "\x1b[0m"
    assert output.transform("\x1b[0m") == ""


def test_long_blank_runs_are_erased_not_sent() -> None:
    output = TerminalOutput()
    assert output.transform("\x1b[1;1Hab" + " " * 20 + "cd") == (
        "\x1b[1H\x1b[0mab\x1b[20X\x1b[20Ccd"
    )
    # Underlined blanks are visible: they are sent as they are.
    assert output.transform("\x1b[4m" + " " * 20) == "\x1b[4m" + " " * 20


def test_sgr_model() -> None:
    style = apply_sgr(DEFAULT_STYLE, "1;38;5;214;48;2;1;2;3")
    assert style == Style(frozenset({"bold"}), "38;5;214", "48;2;1;2;3")
    assert apply_sgr(style, "22;39") == Style(frozenset(), None, "48;2;1;2;3")
    assert apply_sgr(style, "0") == DEFAULT_STYLE
    assert apply_sgr(style, "4:3") is None  # curly underline: beyond the model
    assert apply_sgr(style, ">4;2") is None  # a private marker (xterm's modifyOtherKeys)
    assert apply_sgr(style, ";") == DEFAULT_STYLE  # empty parameters are 0: a reset
    assert transition(UNKNOWN, DEFAULT_STYLE) == "\x1b[0m"
    assert transition(style, style) == ""
    bold_red = Style(frozenset({"bold"}), "31", None)
    assert transition(bold_red, Style(frozenset({"bold", "reverse"}), "31", None)) == "\x1b[7m"


def test_a_move_to_where_the_cursor_already_is_is_dropped() -> None:
    output = TerminalOutput()
    assert output.transform("\x1b[1;1Hab\x1b[1;3Hcd\x1b[1;5H") == "\x1b[1H\x1b[0mabcd"
    # After a wide character the column is not guessed: the move is kept.
    assert output.transform("\x1b[2;1H好\x1b[2;3Hx") == "\x1b[2H好\x1b[2;3Hx"


def test_a_move_forward_along_the_row_is_the_short_one() -> None:
    """Skipping cells on the cursor's row: "cursor forward", shorter than row and column."""
    output = TerminalOutput()
    assert output.transform("\x1b[11;1Habc\x1b[11;30Hx") == "\x1b[11H\x1b[0mabc\x1b[26Cx"
    assert output.transform("\x1b[11;32Hy") == "\x1b[Cy"
    # Backwards, or to another row: the absolute move (the cursor may wait at a row's end,
    # one column short of where it is counted, after the last column is drawn).
    assert output.transform("\x1b[11;2Hz\x1b[12;3Hw") == "\x1b[11;2Hz\x1b[12;3Hw"
    frame = "\x1b[1;1H" + "a" * COLUMNS + "\x1b[1;5Hb\x1b[1;9Hc\x1b[2;1Hd"
    assert cells(render([TerminalOutput().transform(frame)])) == cells(render([frame]))


def test_moves_in_a_real_frame_shape_keep_the_screen() -> None:
    frame = "\x1b[2;1H|1 What it is\x1b[2;14H   \x1b[2;17H|\r\n\x1b[3;1H|2 How\x1b[3;7H  |"
    original, lean = render([frame]), render([TerminalOutput().transform(frame)])
    assert cells(lean) == cells(original)


def test_a_move_after_erased_blanks_is_kept() -> None:
    frame = "\x1b[1;1Hab" + " " * 20 + "\x1b[1;23Hcd"
    lean = TerminalOutput().transform(frame)
    assert cells(render([lean])) == cells(render([frame]))
    assert "\x1b[1;23H" in lean or "\x1b[20C" in lean


@pytest.mark.parametrize("seed", range(20))
def test_a_repainted_frame_sends_only_what_changed(seed: int) -> None:
    rng = random.Random(seed)
    # Textual's frames do not erase lines; an erase makes the copy start again (tested above).
    first = textual_like_frame(rng, erase=False, overlap=False)
    second = textual_like_frame(rng, erase=False, overlap=False)
    output = TerminalOutput()
    sent = [output.transform(frame) for frame in (first, second, first, first)]
    original = render([first, second, first, first])
    assert cells(render(sent)) == cells(original)
    assert (render(sent).cursor.x, render(sent).cursor.y) == (original.cursor.x, original.cursor.y)
    assert len(sent[3]) <= 16  # the same frame again: at most the final cursor move


def test_after_invalidate_everything_is_sent_again() -> None:
    output = TerminalOutput()
    frame = "\x1b[1;1Habc\x1b[2;1Hdef"
    output.transform(frame)
    assert "abc" not in output.transform(frame)
    output.invalidate()
    assert "abc" in output.transform(frame)


def test_the_alternate_screen_forgets_the_cells() -> None:
    output = TerminalOutput()
    output.transform("\x1b[1;1Habc")
    assert "abc" in output.transform("\x1b[?1049h\x1b[1;1Habc")


def test_a_short_unchanged_gap_is_sent_again_not_skipped() -> None:
    """Skipping a few unchanged cells costs a cursor move (seven bytes): sending them again
    is cheaper."""
    output = TerminalOutput()
    output.transform("\x1b[3;1Hcat sat")
    lean = output.transform("\x1b[3;1Hcot sit")
    assert lean.startswith("\x1b[3;2Hot si")  # one move, one run
    assert cells(render(["\x1b[3;1Hcat sat", lean])) == cells(render(["\x1b[3;1Hcot sit"]))


def test_a_long_unchanged_gap_is_still_skipped() -> None:
    output = TerminalOutput()
    output.transform("\x1b[3;1Ha" + "unchanged text " * 3 + "b")
    lean = output.transform("\x1b[3;1Hx" + "unchanged text " * 3 + "y")
    assert "unchanged" not in lean


def test_runs_cut_where_widgets_meet_are_one_run_on_the_terminal() -> None:
    """The app draws a row in runs cut where its widgets meet (each run with its own move).
    Blanks either side of such a cut, past blanks the terminal already shows in that look,
    are one erase, as they are when one widget draws the whole row."""
    output = TerminalOutput()
    before = "\x1b[5;1H\x1b[44m" + "x" * 30 + " " * 9 + "y"
    output.transform(before)
    one_widget = "\x1b[5;1H\x1b[44m" + " " * 40
    by_widgets = "\x1b[5;1H\x1b[44m" + " " * 30 + "\x1b[0m\x1b[5;40H\x1b[44m "
    lean = output.transform(by_widgets)
    assert "\x1b[40X" in lean and not lean.endswith(" "), repr(lean)  # one erase, one piece
    fresh = TerminalOutput()
    fresh.transform(before)
    assert len(lean) <= len(fresh.transform(one_widget))
    assert cells(render([before, lean])) == cells(render([before, one_widget]))
