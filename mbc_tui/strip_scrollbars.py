"""Vertical scroll bars drawn straight to strips, one a line.

Textual's scroll bar is a Rich renderable: each time its thumb moves (every Page Down) it
goes through a Rich console, is split into lines and styled again, about half a millisecond
for a bar of twenty rows. The bars here give Textual the same segments (Textual's own
``render_bar``, so the same thumb, glyphs and mouse actions) as strips directly, through
Textual's ``Visual`` protocol. A horizontal bar is left to Textual.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget

from mbc_tui.ascii_scrollbars import AsciiScrollBarRender, draws_ascii
from mbc_tui.widgets.row_frame import FramedRows


class StripScrollBarRender(ScrollBarRender):
    """Textual's scroll bar; a vertical one is drawn by ``BarVisual``."""

    def visualize(self) -> Visual | ScrollBarRender:
        return BarVisual(self) if self.vertical else self


class StripAsciiScrollBarRender(StripScrollBarRender, AsciiScrollBarRender):
    """``AsciiScrollBarRender``'s thumb of blanks, drawn by ``BarVisual``."""


_BAR_ROWS: dict[tuple[str, RichStyle | None, RichStyle, int], Strip] = {}
"""A bar's rows, by glyph, style, the bar's own style and width: a bar is a few kinds of row
(the track, the thumb, its ends), each made once, not once a row on each move of the thumb."""
BAR_ROWS_KEPT = 64


def _bar_row(text: str, segment_style: RichStyle | None, base: RichStyle, width: int) -> Strip:
    key = (text, segment_style, base, width)
    row = _BAR_ROWS.get(key)
    if row is None:
        if len(_BAR_ROWS) >= BAR_ROWS_KEPT:
            _BAR_ROWS.clear()
        row = _BAR_ROWS[key] = Strip(
            [Segment(text, base + segment_style if segment_style else base)], width
        )
    return row


class BarVisual(Visual):
    """A vertical scroll bar as strips: the segments Textual's bar would be rendered to,
    each a line, on the bar widget's own style."""

    def __init__(self, bar: ScrollBarRender) -> None:
        self.bar = bar

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        bar = self.bar
        colours = bar.style if isinstance(bar.style, RichStyle) else RichStyle.parse(bar.style)
        segments = type(bar).render_bar(
            size=height or 0,
            window_size=bar.window_size,
            virtual_size=bar.virtual_size,
            position=bar.position,
            vertical=True,
            thickness=width,
            **{
                name: colour
                for name, colour in (("back_color", colours.bgcolor), ("bar_color", colours.color))
                if colour is not None
            },
        )
        base = style.rich_style
        return [
            _bar_row(text, segment_style, base, width)
            for text, segment_style, _control in segments.segments
        ]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.bar.thickness

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 0  # as tall as the widget it fills


class FramedScrollBar(ScrollBar):
    """Textual's scroll bar, its rows put together as Textual would but without restyling
    each row (``row_frame``): the bar is repainted whole whenever its thumb moves."""

    _framed: FramedRows | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._framed is None:
            self._framed = FramedRows()
        return self._framed.render(self, crop, self.render_line, super().render_lines)

    def drew_every_cell(self) -> bool:
        """Whether its last lines filled their rows (see ``changed_area.DrawsEveryCell``)."""
        return self._framed is not None and self._framed.drew_every_cell


def draw_scrollbar_as_strips(widget: Widget) -> None:
    """Draw ``widget``'s vertical scroll bar with ``StripScrollBarRender`` (its ASCII form
    where the app draws ASCII scroll bars, or the bar already had the ASCII renderer)."""
    bar = widget.vertical_scrollbar
    ascii_bar = draws_ascii(widget.app) or issubclass(bar.renderer, AsciiScrollBarRender)
    bar.renderer = StripAsciiScrollBarRender if ascii_bar else StripScrollBarRender
