"""The explorer's framed answer: one height while its words change, so a change is a repaint.

Textual lays the whole screen out again whenever a widget takes a different number of rows,
and the explorer's answer does at most key presses (four rows of Table 1 become two, the
testing note goes): that layout, and the frame drawn again at its new size, were most of what
such a key cost beyond the words themselves. Held at the height of its tallest answer (when
that fits on the screen), the panel never changes size: its rows past the answer's last line
show the frame's foot and then blank, as if the panel ended there, so the picture is the
one a panel of the answer's own height gives.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style

from mbc_tui.widgets.hanging_list import Block, HangingList
from mbc_tui.widgets.one_layout import OneLayout

Tallest = Callable[[int], int]
"""The most lines any answer takes at a width."""


class AnswerLines(HangingList):
    """The answer's lines, taking ``held`` rows when that is more than it has (see
    ``AnswerPanel``); the rows past its lines show ``foot`` (the panel's foot, row by row)
    and then blank."""

    def __init__(self, foot: Callable[[int, int], Strip | None], *, id: str | None = None):
        super().__init__(id=id)
        self.held = 0
        """Rows the list takes at least (0: as many as its lines)."""
        self._foot = foot

    def _height(self, width: int) -> int:
        return max(self._rows(width), self.held)

    def render_line_below(self, below: int, width: int) -> Strip:
        foot = self._foot(below, width) if self.held else None
        return foot if foot is not None else super().render_line_below(below, width)


class AnswerPanel(OneLayout, Vertical):
    """The framed panel that holds the answer (``OneLayout``): as tall as its tallest
    answer when that fits in the ``viewport`` it is told of (``hold_if_fits``), its frame
    drawn around the answer shown, the rows beneath blank."""

    def __init__(self, tallest: Tallest, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tallest = tallest
        self.lines = AnswerLines(self._foot_piece, id="result-rows")

    def compose(self) -> ComposeResult:
        yield self.lines

    def show(self, blocks: Sequence[Block]) -> int:
        """Show the answer ``blocks``; how many rows more the panel takes (see
        ``HangingList.show``: 0 while it is held, unless the answer is taller)."""
        lines = self.lines
        width = lines.content_size.width
        rows_before = lines._rows(width) if width else 0
        grown = lines.show(blocks)
        rows_after = lines._rows(width) if width else 0
        if lines.held and not grown and rows_after != rows_before:
            # The foot moves: the rows between its two places change (frame or blank).
            top = self.styles.gutter.top
            first = top + min(rows_before, rows_after)
            last = top + max(rows_before, rows_after) + self.styles.gutter.bottom
            left = self.styles.gutter.left
            self.refresh(Region(-left, first - top, self.outer_size.width, last - first))
        return grown

    def hold_if_fits(self, viewport: int, content: int) -> None:
        """Hold the panel at its tallest answer's height if the explorer's content, ``content``
        rows with the panel as it is, would then still fit in its ``viewport`` rows; else let
        it follow its answer (a layout at each change of height)."""
        lines = self.lines
        width = lines.content_size.width
        if not width:
            return
        tallest = self._tallest(width)
        taller = tallest - lines._height(width)
        held = tallest if content + taller <= viewport else 0
        if held == lines.held:
            return
        height_before = lines._height(width)
        lines.held = held
        lines.refresh(layout=lines._height(width) != height_before)
        self.refresh()

    def _answer_rows(self) -> int:
        return self.lines._rows(self.lines.content_size.width)

    def render_lines(self, crop: Region) -> list[Strip]:
        width, height = self.outer_size
        gutter = self.styles.gutter
        ends = gutter.top + self._answer_rows()  # the first row past the answer
        if not self.lines.held or ends + gutter.bottom >= height:
            return super().render_lines(crop)
        whole = super().render_lines(Region(0, 0, width, height))
        foot = whole[height - gutter.bottom :] if gutter.bottom else []
        blank = self._blank_row(width)
        drawn = [*whole[:ends], *foot]
        drawn += [blank] * (height - len(drawn))
        strips = drawn[crop.y : crop.bottom]
        if crop.x or crop.width != width:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def _blank_row(self, width: int) -> Strip:
        """A row of what is beneath the panel, as Textual draws it (its line filters too:
        no colour, monochrome)."""
        base_background, background = self.background_colors
        strip = Strip.blank(width, Style(background=base_background).rich_style)
        for line_filter in self.get_line_filters():
            strip = strip.apply_filter(line_filter, background)
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.lines.held:  # a new frame (focus): its foot is also drawn by the lines
            self.lines.refresh()

    def _foot_piece(self, below: int, width: int) -> Strip | None:
        """Row ``below`` of the panel's foot (the frame's foot, the bottom padding), where it
        crosses the answer's lines; None past the foot."""
        gutter = self.styles.gutter
        if below >= gutter.bottom:
            return None
        width_, height = self.outer_size
        row = height - gutter.bottom + below
        strip = super().render_lines(Region(0, row, width_, 1))[0]
        return strip.crop(gutter.left, gutter.left + width)
