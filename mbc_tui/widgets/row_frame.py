"""Rows of a widget's content put in their frame (border sides and padding) as Textual does.

Textual styles every row a widget draws one at a time, working out its border, padding,
colours and effects again for each (about 30 microseconds a row): a Page Down of the reader
at 120x40 is 38 rows of it. For a plain widget (no tint, hatch, outline or transparency)
the frame is the same on every row of content, so it is worked out once per frame drawn
(``row_frame``) and each row is then its content between the same segments, through the
app's line filters as Textual's are, cell for cell the same (``tests/pilot/test_row_frame.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from mbc_tui.textual_compat import border_sides


@dataclass(frozen=True)
class RowFrame:
    """The segments before and after each row of a widget's content, and where its content
    rows are."""

    before: tuple[Segment, ...]
    after: tuple[Segment, ...]
    content_width: int
    fill: RichStyle
    """The widget's background, where a row's content is narrower than the content area."""
    width: int
    top: int
    """The widget's first row of content (rows above it are its border and padding)."""
    bottom: int
    """The row after its last row of content."""

    def framed(self, content: Iterable[Segment], cell_length: int) -> Strip:
        """A row of content ``cell_length`` cells wide (at most ``content_width``), framed."""
        segments = [*self.before, *content]
        if cell_length < self.content_width:
            segments.append(Segment(" " * (self.content_width - cell_length), self.fill))
        segments += self.after
        return Strip(segments, self.width)


def row_frame(widget: Widget) -> RowFrame | None:
    """The frame of ``widget``'s rows of content as Textual draws it now; None where Textual
    does more to a row than frame it (a tint, hatch, outline, transparency)."""
    styles = widget.styles
    plain = (
        styles.text_opacity == 1.0
        and not styles.tint.a
        and widget.opacity == 1.0
        and not (styles.has_rule("hatch") and styles.hatch != "none")
        and not any(edge for edge, _colour in styles.outline)
    )
    if not plain:
        return None
    base_background, background = widget.background_colors
    inner = Style(background=base_background + background)
    outer = Style(background=base_background)
    _top, (right_edge, right_colour), _bottom, (left_edge, left_colour) = styles.border
    left, right = border_sides(
        left_edge,
        right_edge,
        inner,
        outer,
        Style(foreground=base_background + left_colour),
        Style(foreground=base_background + right_colour),
    )
    _pad_top, pad_right, _pad_bottom, pad_left = styles.padding
    fill = inner.rich_style
    before = ((left,) if left_edge else ()) + ((Segment(" " * pad_left, fill),) if pad_left else ())
    after = ((Segment(" " * pad_right, fill),) if pad_right else ()) + (
        (right,) if right_edge else ()
    )
    width, height = widget.region.size
    gutter = styles.gutter
    return RowFrame(
        before,
        after,
        widget.content_region.width,
        fill,
        width,
        gutter.top,
        min(height - gutter.bottom, gutter.top + widget.content_region.height),
    )
