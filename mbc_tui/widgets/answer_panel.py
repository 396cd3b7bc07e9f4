"""The explorer's framed answer: one height while its words change, so a change is a repaint.

Textual lays the whole screen out again whenever a widget takes a different number of rows,
and the explorer's answer does at most key presses (four rows of Table 1 become two, the
testing note goes): that layout, and the frame drawn again at its new size, were most of what
such a key cost beyond the words themselves. Held at the height of its tallest answer (when
that fits in the explorer), the panel never changes size: the rows past the answer's last
line show the frame's foot and then what is beneath the panel, as if the panel ended there,
so the picture is the one a panel of the answer's own height gives.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style

from mbc_tui.widgets.border_rows import BorderRows
from mbc_tui.widgets.hanging_list import HangingList, Wrap, hang

Tallest = Callable[[int], int]
"""The most lines any answer takes at a width."""


class AnswerPanel(BorderRows, HangingList):
    """The framed answer (its frame, title and focus are the screen's styles): as tall as
    its tallest answer when that fits in the room it is told of (``hold_if_fits``), its
    frame drawn around the answer shown and nothing beneath it."""

    def __init__(self, tallest: Tallest, *, wrap: Wrap = hang, id: str | None = None) -> None:
        super().__init__(wrap=wrap, id=id)
        self._tallest = tallest
        self.held = 0
        """Lines the panel holds room for (0: as many as its answer takes)."""
        self._blank: Strip | None = None

    def _height(self, width: int) -> int:
        return max(self._rows(width), self.held)

    def hold_if_fits(self, room: int, content: int) -> None:
        """Hold the panel at its tallest answer's height if the explorer's content,
        ``content`` rows with the panel as it is, then still fits in its ``room`` rows; else
        let it follow its answer (a layout at each change of height)."""
        width = self.content_size.width
        if not width:
            return
        tallest = self._tallest(width)
        held = tallest if content + tallest - self._height(width) <= room else 0
        if held != self.held:
            height_before = self._height(width)
            self.held = held
            self.refresh(layout=self._height(width) != height_before)

    def repaint(self, lines_before: list[Content], grown: int) -> None:
        if grown or not self.held:
            super().repaint(lines_before, grown)
            return
        # The frame keeps its size: only the rows from the first changed line to the
        # lower of the two feet are drawn again.
        lines = self._lines(self.content_size.width)
        first = next(
            (
                y
                for y, (old, new) in enumerate(zip(lines_before, lines, strict=False))
                if old != new
            ),
            min(len(lines_before), len(lines)),
        )
        last = max(len(lines_before), len(lines)) + self.styles.gutter.bottom
        if last > first:
            left = self.styles.gutter.left
            self.refresh(Region(-left, first, self.outer_size.width, last - first))

    def render_lines(self, crop: Region) -> list[Strip]:
        width, height = self.outer_size
        gutter = self.styles.gutter
        ends = gutter.top + self._rows(self.content_size.width)  # the first row past the answer
        if not self.held or ends + gutter.bottom >= height:
            return super().render_lines(crop)
        drawn = super().render_lines(Region(0, 0, width, ends))
        if gutter.bottom:
            drawn += super().render_lines(Region(0, height - gutter.bottom, width, gutter.bottom))
        drawn += [self._blank_row(width)] * (height - len(drawn))
        strips = drawn[crop.y : crop.bottom]
        if crop.x or crop.width != width:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        return strips

    def _blank_row(self, width: int) -> Strip:
        """A row of what is beneath the panel, as Textual draws it (with its line filters:
        no colour, monochrome)."""
        if self._blank is None or self._blank.cell_length != width:
            base_background, background = self.background_colors
            strip = Strip.blank(width, Style(background=base_background).rich_style)
            for line_filter in self.get_line_filters():
                strip = strip.apply_filter(line_filter, background)
            self._blank = strip
        return self._blank

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._blank = None
