"""Make what is written to the terminal lean, and fit for the terminal (plain Python).

Textual sends every run of text with its full style and a reset after it:
``ESC[0m ESC[38;5;214;48;5;235m═ ESC[0m ESC[38;5;214;48;5;235m═══``. Over a slow line
most of those bytes say nothing new. ``TerminalOutput.transform`` rewrites the stream so
that it draws exactly the same screen with fewer bytes:

- style changes (SGR) are applied lazily, just before text that needs them, and only as
  the difference from what the terminal already has (or a reset, when that is shorter);
- a cursor move that is overridden by the next one, before anything is drawn, is dropped;
  a move along the cursor's row is "cursor forward" where that is shorter;
- the cells of a write are sent once something else comes, in a cheaper order where there
  is one: a scroll bar's column after the rows beside it, in one pass (see ``drawn_last``);
- with ``strip_colour`` (NO_COLOR, or a VT100 with no colours) colours are left out and
  only bold, reverse and the like remain;
- with ``ascii_only`` (VT100-class terminals) every character outside ASCII becomes an
  ASCII stand-in of the same width (``+-|`` for box drawing, ``*`` for bullets...);
  ``line_drawing`` keeps the light lines ``─│┌┐└┘├┤┬┴┼`` (the Linux console draws them).

The terminal's style is brought up to date before anything whose meaning depends on it
(erasing, mode changes) and at the end of every write, so nothing leaks out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from mbc_tui.terminal.drawn_last import Piece, bands, draw_order

ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL or ST
    r"|\x1b[()][0-9A-Za-z]"  # character set designation
    r"|\x1b[^\[\]]"  # any other two-byte escape
)
ESCAPE_SPLIT = re.compile(f"({ESCAPE_SEQUENCE.pattern})")
assert ESCAPE_SEQUENCE.groups == 0  # else ESCAPE_SPLIT would return its groups' pieces too
CONTROL = re.compile(ESCAPE_SEQUENCE.pattern + r"|[\x00-\x1f\x7f]")
CURSOR_POSITION = re.compile(r"\x1b\[(\d*)(?:;(\d*))?[Hf]")

# SGR parameters that switch a flag on, and the parameter that switches it off.
FLAG_ON: dict[int, str] = {
    1: "bold",
    2: "dim",
    3: "italic",
    4: "underline",
    5: "blink",
    7: "reverse",
    8: "conceal",
    9: "strike",
    21: "double_underline",
    53: "overline",
}
FLAG_OFF_CODE: dict[str, str] = {
    "bold": "22",
    "dim": "22",
    "italic": "23",
    "underline": "24",
    "double_underline": "24",
    "blink": "25",
    "reverse": "27",
    "conceal": "28",
    "strike": "29",
    "overline": "55",
}
FLAG_ON_CODE: dict[str, str] = {name: str(code) for code, name in FLAG_ON.items()}
FLAG_OFF: dict[int, tuple[str, ...]] = {
    22: ("bold", "dim"),
    23: ("italic",),
    24: ("underline", "double_underline"),
    25: ("blink",),
    27: ("reverse",),
    28: ("conceal",),
    29: ("strike",),
    55: ("overline",),
}
# Sequences that leave the cursor where it is: modes, erasing in line, queries.
CURSOR_NEUTRAL = re.compile(r"\x1b\[\??[0-9;]*[hlKX]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
# Sequences that leave every cell as it is: modes other than the alternate screen, queries,
# operating system commands (title, pointer shape).
SCREEN_NEUTRAL = re.compile(
    r"\x1b\[\?(?!1049|1047|47[hl])[0-9;]*[hl]"
    r"|\x1b\[[?>]?[0-9;]*\$?[pu]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
)
BLANK_RUN_LENGTH = 9
BLANK_RUN = re.compile(f" {{{BLANK_RUN_LENGTH},}}")
ERASE_SAFE_FLAGS = frozenset({"bold", "italic"})
# Sequences that do not depend on the current style and may pass a pending style change.
STYLE_FREE_FINALS = set("ABCDEFGHHfdn")


@dataclass(frozen=True)
class Style:
    """A terminal's graphic rendition: flags and colours (as SGR parameter text)."""

    flags: frozenset[str] = frozenset()
    foreground: str | None = None
    background: str | None = None

    def codes(self) -> list[str]:
        codes = [FLAG_ON_CODE[name] for name in sorted(self.flags)]
        if self.foreground:
            codes.append(self.foreground)
        if self.background:
            codes.append(self.background)
        return codes


DEFAULT_STYLE = Style()

_INTERNED: dict[Style, Style] = {DEFAULT_STYLE: DEFAULT_STYLE}


def interned(style: Style) -> Style:
    """The one ``Style`` object equal to ``style``: equal looks are then the same object,
    and comparing two cells' looks is an identity check."""
    return _INTERNED.setdefault(style, style)


class UnknownStyle:
    """Stands for a terminal style we can no longer know (after an SGR we do not model)."""


UNKNOWN = UnknownStyle()


def apply_sgr(style: Style, parameters: str) -> Style | None:
    """The style after an SGR with these parameters; ``None`` if they are beyond this model."""
    if parameters == "":
        return DEFAULT_STYLE
    digits = parameters.replace(";", "")
    if ":" in parameters or (digits and not (digits.isascii() and digits.isdigit())):
        return None  # sub-parameters, or a private marker such as ``ESC [ > 4 ; 2 m``
    numbers = [int(part) if part else 0 for part in parameters.split(";")]
    flags = set(style.flags)
    foreground, background = style.foreground, style.background
    index = 0
    while index < len(numbers):
        code = numbers[index]
        if code == 0:
            flags.clear()
            foreground = background = None
        elif code in FLAG_ON:
            flags.add(FLAG_ON[code])
        elif code in FLAG_OFF:
            flags.difference_update(FLAG_OFF[code])
        elif 30 <= code <= 37 or 90 <= code <= 97:
            foreground = str(code)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            background = str(code)
        elif code == 39:
            foreground = None
        elif code == 49:
            background = None
        elif code in (38, 48):
            kind = numbers[index + 1] if index + 1 < len(numbers) else None
            width = {5: 2, 2: 4}.get(kind or -1)
            if width is None or index + width >= len(numbers):
                return None
            colour = ";".join(str(number) for number in numbers[index : index + width + 1])
            if code == 38:
                foreground = colour
            else:
                background = colour
            index += width
        else:
            return None
        index += 1
    return Style(frozenset(flags), foreground, background)


def transition(current: Style | UnknownStyle, wanted: Style) -> str:
    """The shortest SGR sequence that turns the ``current`` style into ``wanted``."""
    if current == wanted:
        return ""
    reset = "\x1b[" + ";".join(["0", *wanted.codes()]) + "m"
    if wanted == DEFAULT_STYLE:
        reset = "\x1b[0m"
    if isinstance(current, UnknownStyle):
        return reset
    codes: list[str] = []
    removed = current.flags - wanted.flags
    off_codes = {FLAG_OFF_CODE[name] for name in removed}
    codes.extend(sorted(off_codes))
    restore = wanted.flags & {"bold", "dim"} if "22" in off_codes else set()
    codes.extend(FLAG_ON_CODE[name] for name in sorted((wanted.flags - current.flags) | restore))
    if wanted.foreground != current.foreground:
        codes.append(wanted.foreground or "39")
    if wanted.background != current.background:
        codes.append(wanted.background or "49")
    incremental = "\x1b[" + ";".join(codes) + "m"
    return incremental if len(incremental) < len(reset) else reset


# --- Characters for terminals that draw ASCII only -------------------------------------

ASCII_STAND_INS: dict[str, str] = {
    "\u2022": "*",  # bullet
    "\u25cf": "*",
    "\u25aa": "*",
    "\u2023": ">",
    "\u2b51": "*",
    # Ellipsis: one cell, as every stand-in keeps its cell (a wider one would push the rest of
    # the line out of place). Not ".": a cut snippet would read as a finished sentence.
    "\u2026": "~",
    "\u2013": "-",
    "\u2014": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2190": "<",
    "\u2191": "^",
    "\u2192": ">",
    "\u2193": "v",
    "\u23ce": "E",
    "\u2713": "x",
    "\u2714": "x",
    "\u2717": "x",
    "\u00a0": " ",
}


def plain_ascii(text: str) -> bool:
    """True for text of printable ASCII only (each character one cell, no control)."""
    return text.isascii() and text.isprintable()


def draws(data: str) -> bool:
    """Whether ``data`` puts any character on the screen (not only escape sequences and
    control characters: mode changes, queries, cursor moves)."""
    return bool(CONTROL.sub("", data))


@lru_cache(maxsize=4096)
def ascii_stand_in(character: str) -> str:
    """An ASCII text of the same width as ``character`` (empty for combining marks)."""
    if character.isascii():
        return character
    if unicodedata.combining(character):
        return ""
    if character in ASCII_STAND_INS:
        return ASCII_STAND_INS[character]
    name = unicodedata.name(character, "")
    width = 2 if unicodedata.east_asian_width(character) in "WF" else 1
    if name.startswith("BOX DRAWINGS"):
        vertical = "VERTICAL" in name or " UP" in name or " DOWN" in name
        horizontal = "HORIZONTAL" in name or " LEFT" in name or " RIGHT" in name
        if "ARC" in name or (vertical and horizontal):
            return "+"
        return "|" if vertical else "-"
    if name.startswith(("LEFT", "RIGHT")) and "BLOCK" in name:
        return "|"
    if name == "FULL BLOCK":
        return "#"
    if "BLOCK" in name or "SHADE" in name:
        return " "
    return "?" * width


@lru_cache(maxsize=4096)
def single_cell(character: str) -> bool:
    """True for a character that surely takes one cell (as Textual also counts it)."""
    return (
        character.isprintable()
        and not unicodedata.combining(character)
        and unicodedata.east_asian_width(character) not in "WF"
    )


LIGHT_LINES = frozenset("\u2500\u2502\u250c\u2510\u2514\u2518\u251c\u2524\u252c\u2534\u253c")
"""The light line-drawing characters of the PC's set, which every Linux console font has."""


def to_ascii(text: str, keep: frozenset[str] = frozenset()) -> str:
    """``text`` with every character outside ASCII (and ``keep``) as its ASCII stand-in."""
    if text.isascii():
        return text
    return "".join(c if c in keep else ascii_stand_in(c) for c in text)


# --- The stream rewriter ----------------------------------------------------------------


def _unchanged(
    text: str, style: Style, chars: list[str | None], styles: list[Style | None]
) -> list[bool]:
    """For each character of ``text``, drawn in ``style`` over cells that show ``chars``
    in ``styles``: whether that cell already shows it."""
    if chars[: len(text)] == list(text) and styles[: len(text)] == [style] * len(text):
        return [True] * len(text)
    return [
        char == wanted and (old is style or old == style)
        for wanted, char, old in zip(text, chars, styles, strict=False)
    ]


def _find(flags: list[bool], value: bool, start: int) -> int:
    """The first index from ``start`` where ``flags`` holds ``value``, else its length."""
    try:
        return flags.index(value, start)
    except ValueError:
        return len(flags)


def move_length(row: int, column: int) -> int:
    """The bytes of a cursor move to ``row``, ``column`` (``ESC [ row ; column H``)."""
    return len(str(row)) + len(str(column)) + 4


@dataclass
class TerminalOutput:
    """Rewrites what an app writes to a terminal; keeps the terminal's state between writes."""

    strip_colour: bool = False
    ascii_only: bool = False
    line_drawing: bool = False
    """With ``ascii_only``: keep the light lines (``LIGHT_LINES``) as they are."""
    erase_runs: bool = True
    """Send long runs of blanks as "erase N characters" (ECH, from the VT220 on)."""
    skip_unchanged: bool = True
    """Keep a copy of what the terminal shows, and send only the cells that differ."""
    columns_last: bool = True
    """Draw a scroll bar's column (and the like) after the rest of the frame, in one pass
    down it, where that saves bytes (see ``drawn_last``)."""
    _screen: dict[int, tuple[list[str | None], list[Style | None]]] = field(default_factory=dict)
    """What each cell of the terminal shows, where we know it: by row, each column's
    character and style (``None`` where unknown), indexed by column (from 1)."""
    _sgr: dict[tuple[int, str], Style | None] = field(default_factory=dict)
    """The style after an SGR, by (``id`` of the interned style before it, the SGR):
    a screen sends the same few changes again and again."""
    _transitions: dict[tuple[int, int], str] = field(default_factory=dict)
    """The shortest SGR from one style to another, by the ``id`` of each (see ``_sgr``)."""
    _terminal_style: Style | UnknownStyle = field(default=UNKNOWN)
    _wanted_style: Style = field(default=DEFAULT_STYLE)
    _pending_move: tuple[int, int] | None = None
    _pending_forward: int = 0
    """Columns to move right (after an erased run) before anything else is drawn."""
    _cursor: tuple[int, int] | None = None
    """Where the terminal's cursor is, while we know it (row, column, from 1)."""
    _pending_controls: str = ""
    """Carriage returns and line feeds not yet sent: an absolute move that follows makes
    them pointless (the app never relies on a line feed to scroll its screen)."""
    _pieces: list[Piece[Style]] = field(default_factory=list)
    """What to draw, not yet sent: kept until something else is written, so that they may
    be sent in a cheaper order (see ``drawn_last``)."""
    _piece_ends: dict[int, int] = field(default_factory=dict)
    """By row, the column after the rightmost of ``_pieces`` on it: a piece that starts
    left of it may draw over another, and then the order must stay as drawn."""
    _keep_order: bool = False
    """Whether ``_pieces`` must be sent in the order drawn (one may draw over another)."""

    def invalidate(self) -> None:
        """Forget what the terminal shows (after a resize: the terminal may have changed it)."""
        self._screen.clear()

    def transform(self, data: str) -> str:
        out: list[str] = []
        # Text and escape sequences alternate: text at even places (maybe empty), escapes at
        # odd ones. A style change (the most common) only says what the next text wants.
        parts = ESCAPE_SPLIT.split(data)
        sgr = self._sgr
        for index, part in enumerate(parts):
            if not index % 2:
                if part:
                    self._text(part, out)
            elif part[-1] == "m" and part[1] == "[":
                wanted = sgr.get((id(self._wanted_style), part))
                if wanted is None:
                    self._escape(part, out)
                else:
                    self._wanted_style = wanted
            else:
                self._escape(part, out)
        self._flush_pieces(out)
        self._flush_move(out)
        self._flush_style(out)
        return "".join(out)

    # Text and control characters

    def _text(self, text: str, out: list[str]) -> None:
        if "\n" not in text and "\r" not in text:
            self._draw(text, out)
            return
        start = 0
        for index, character in enumerate(text):
            if character in "\r\n":
                if start < index:
                    self._draw(text[start:index], out)
                if self._pending_forward:
                    self._flush_move(out)
                if self._pending_move is not None:
                    row, _column = self._pending_move
                    self._pending_move = (row + 1, 1) if character == "\n" else (row, 1)
                else:
                    self._flush_pieces(out)
                    self._pending_controls += character
                start = index + 1
        if start < len(text):
            self._draw(text[start:], out)

    def _draw(self, text: str, out: list[str]) -> None:
        if self.ascii_only:
            text = to_ascii(text, LIGHT_LINES if self.line_drawing else frozenset())
        start = self._pending_move if self._pending_move is not None else self._cursor
        if (
            not self.skip_unchanged
            or start is None
            or self._pending_controls
            or not (plain_ascii(text) or all(map(single_cell, text)))
        ):
            self._flush_pieces(out)
            self._screen.clear()  # we cannot follow what this does to the screen
            self._emit(text, out)
            return
        row, column = start
        style = self._wanted_style
        length = len(text)
        chars, styles = self._row(row, column + length)
        unchanged = _unchanged(text, style, chars[column:], styles[column:])
        index = 0
        while index < length:
            index = _find(unchanged, False, index)
            if index == length:
                break
            end = index + 1
            while end < length:
                end = _find(unchanged, True, end)
                if end == length:
                    break
                # Unchanged cells: skipped with a cursor move, unless sending them again
                # is shorter than the move (a space between two changed words).
                after = _find(unchanged, False, end)
                if after == length or after - end > move_length(row, column + after):
                    break
                end = after
            self._piece(row, column + index, text[index:end], style)
            chars[column + index : column + end] = text[index:end]
            styles[column + index : column + end] = [style] * (end - index)
            index = end
        self._move_to(row, column + length)  # where the app believes the cursor is now

    def _piece(self, row: int, column: int, text: str, style: Style) -> None:
        """Draw ``text`` there in ``style``, when the pieces are sent."""
        if column < self._piece_ends.get(row, 0):
            self._keep_order = True
        self._piece_ends[row] = column + len(text)
        self._pieces.append((row, column, text, style))

    def _joined(self, band: Sequence[Piece[Style]]) -> list[Piece[Style]]:
        """``band`` in the order it is sent, each run of blanks that carries on the blanks
        sent just before it (``_joins_blanks``) joined to them: one erase, not two and a
        move. Done once the order is chosen, so that it only ever saves bytes."""
        joined: list[Piece[Style]] = []
        for index, piece in enumerate(band):
            after = band[index + 1] if index + 1 < len(band) else None
            follows_on = after is not None and after[:2] == (piece[0], piece[1] + len(piece[2]))
            # (not before a piece that carries on from its end: sent as spaces the blanks
            # leave the cursor there, an erase would not)
            if joined and not follows_on and self._joins_blanks(joined[-1], *piece):
                row, column, text, style = piece
                last_column = joined[-1][1]
                joined[-1] = (row, last_column, " " * (column + len(text) - last_column), style)
            else:
                joined.append(piece)
        return joined

    def _joins_blanks(
        self, last: Piece[Style], row: int, column: int, text: str, style: Style
    ) -> bool:
        """Whether blanks ``text`` at ``column`` of ``row`` join the blanks of piece ``last``
        in one erase: the same erasable look, and only such blanks on the terminal between.
        (The app draws a row in runs cut where its widgets meet: blanks either side of such
        a cut are then one erase, as when one widget draws the whole row.)"""
        last_row, last_column, last_text, last_style = last
        start = last_column + len(last_text)
        if last_row != row or last_style != style or start > column:
            return False
        if not (self.erase_runs and style.flags <= ERASE_SAFE_FLAGS):
            return False
        if not (text.isspace() and last_text.isspace()):
            return False
        chars, styles = self._row(row, column)
        return all(
            char == " " and look == style
            for char, look in zip(chars[start:column], styles[start:column], strict=True)
        )

    def _flush_pieces(self, out: list[str]) -> None:
        """Send the pieces not yet sent, leaving the app's cursor and style as they were."""
        pieces = self._pieces
        if not pieces:
            return
        believed, style = self._pending_move, self._wanted_style
        reorder = self.columns_last and not self._keep_order
        bands_of = bands(pieces, self._terminal_style, self._switch_length, move_length)
        for band in bands_of if reorder else (pieces,):
            if reorder:
                band = draw_order(
                    band, self._terminal_style, self._switch_length, move_length, self._erased_end
                )
            for row, column, text, look in self._joined(band):
                self._wanted_style = look
                self._move_to(row, column)
                self._emit(text, out)
        self._wanted_style = style
        if believed is not None:
            self._move_to(*believed)
        self._pieces = []
        self._piece_ends.clear()
        self._keep_order = False

    def _switch_length(self, current: Style | UnknownStyle, wanted: Style) -> int:
        """The bytes of the style change from ``current`` to ``wanted`` (see ``drawn_last``)."""
        return len(self._transition(current, wanted))

    def _erased_end(self, text: str, style: Style) -> bool:
        """Whether ``text`` drawn in ``style`` ends with blanks sent as an erase."""
        return (
            self.erase_runs
            and text.endswith(BLANK_RUN_LENGTH * " ")
            and style.flags <= ERASE_SAFE_FLAGS
        )

    def _row(self, row: int, width: int) -> tuple[list[str | None], list[Style | None]]:
        """What the terminal shows on ``row``, at least ``width`` columns of it."""
        cells = self._screen.get(row)
        if cells is None:
            cells = self._screen[row] = ([], [])
        chars, styles = cells
        missing = width + 1 - len(chars)
        if missing > 0:
            chars += [None] * missing
            styles += [None] * missing
        return cells

    def _move_to(self, row: int, column: int) -> None:
        """Go to a cell before the next output (sent only if the cursor is elsewhere)."""
        if self._pending_forward and self._cursor is not None:
            # This move replaces the one over erased blanks: the cursor is still at their
            # start, not where we counted it.
            cursor_row, cursor_column = self._cursor
            self._cursor = (cursor_row, cursor_column - self._pending_forward)
        self._pending_forward = 0
        self._pending_move = (row, column)

    def _emit(self, text: str, out: list[str]) -> None:
        printable = text.isprintable() if text else False
        if not printable:
            printable = any(character >= " " for character in text)
        self._flush_move(out)
        if printable:
            self._flush_style(out)
        self._advance(text)
        if not (self.erase_runs and BLANK_RUN_LENGTH * " " in text and self._blanks_erasable):
            out.append(text)
            return
        position = 0
        for run in BLANK_RUN.finditer(text):
            if run.start() > position:
                self._flush_move(out)
                out.append(text[position : run.start()])
            self._flush_move(out)
            length = run.end() - run.start()
            out.append(f"\x1b[{length}X")
            self._pending_forward += length
            position = run.end()
        if position < len(text):
            self._flush_move(out)
            out.append(text[position:])

    def _advance(self, text: str) -> None:
        """Follow the cursor across ``text`` (already counted, as it will be drawn)."""
        if self._cursor is None:
            return
        row, column = self._cursor
        if plain_ascii(text):
            self._cursor = (row, column + len(text))
            return
        for character in text:
            if " " <= character < "\x7f" or single_cell(character):
                column += 1
            elif character == "\r":
                column = 1
            elif character == "\n":
                row += 1
            else:  # a wide, zero-width or control character: stop guessing
                self._cursor = None
                return
        self._cursor = (row, column)

    @property
    def _blanks_erasable(self) -> bool:
        """Erased cells take the background colour only: no underline, reverse, etc."""
        style = self._terminal_style
        return isinstance(style, Style) and style.flags <= ERASE_SAFE_FLAGS

    # Escape sequences

    def _escape(self, sequence: str, out: list[str]) -> None:
        if sequence.startswith("\x1b[") and sequence.endswith("m"):
            style = self._after_sgr(sequence)
            if style is None:  # beyond our model: pass it on and stop assuming
                self._flush_pieces(out)
                self._flush_move(out)
                self._flush_style(out)
                out.append(sequence)
                self._terminal_style = UNKNOWN
                return
            self._wanted_style = style
            return
        move = CURSOR_POSITION.fullmatch(sequence)
        if move:
            self._pending_controls = ""
            self._move_to(int(move.group(1) or 1), int(move.group(2) or 1))
            return
        self._flush_pieces(out)
        self._flush_move(out)
        if not (sequence.startswith("\x1b[") and sequence[-1] in STYLE_FREE_FINALS):
            self._flush_style(out)
        out.append(sequence)
        if not CURSOR_NEUTRAL.fullmatch(sequence):
            self._cursor = None
        if not SCREEN_NEUTRAL.fullmatch(sequence):
            self._screen.clear()

    def _after_sgr(self, sequence: str) -> Style | None:
        """The style wanted after the SGR ``sequence`` (interned; ``None`` if beyond this
        model), colours left out with ``strip_colour``."""
        key = (id(self._wanted_style), sequence)
        if key in self._sgr:
            return self._sgr[key]
        style = apply_sgr(self._wanted_style, sequence[2:-1])
        if style is not None:
            if self.strip_colour:
                style = replace(style, foreground=None, background=None)
            style = interned(style)
        self._sgr[key] = style
        return style

    def _flush_move(self, out: list[str]) -> None:
        if self._pending_forward:
            out.append(f"\x1b[{self._pending_forward}C")
            self._pending_forward = 0
        if self._pending_controls:
            out.append(self._pending_controls)
            self._advance(self._pending_controls)
            self._pending_controls = ""
        if self._pending_move is not None:
            if self._pending_move != self._cursor:
                out.append(self._move(self._pending_move))
                self._cursor = self._pending_move
            self._pending_move = None

    def _move(self, target: tuple[int, int]) -> str:
        """The shortest move from the cursor to ``target``: forward along its row (which is
        right even when the cursor waits at the row's end: it is never further right), else
        to the row and column."""
        row, column = target
        absolute = f"\x1b[{row};{column}H" if column != 1 else f"\x1b[{row}H"
        if self._cursor is not None and self._cursor[0] == row and self._cursor[1] < column:
            distance = column - self._cursor[1]
            forward = f"\x1b[{distance}C" if distance > 1 else "\x1b[C"
            if len(forward) < len(absolute):
                return forward
        return absolute

    def _flush_style(self, out: list[str]) -> None:
        current, wanted = self._terminal_style, self._wanted_style
        if current is wanted:
            return
        sequence = self._transition(current, wanted)
        if sequence:
            out.append(sequence)
            self._terminal_style = self._wanted_style

    def _transition(self, current: Style | UnknownStyle, wanted: Style) -> str:
        """The shortest SGR from ``current`` to ``wanted``, both interned (or UNKNOWN)."""
        if current is wanted:
            return ""
        key = (id(current), id(wanted))  # alive for good, so their ids stay theirs
        sequence = self._transitions.get(key)
        if sequence is None:
            sequence = self._transitions[key] = transition(current, wanted)
        return sequence
