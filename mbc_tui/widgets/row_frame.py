"""Rows of a widget's content put in their frame (border sides and padding) as Textual does.

Textual styles every row a widget draws one at a time, working out its border, padding,
colours and effects again for each (about 30 microseconds a row): a Page Down of the reader
at 120x40 is 38 rows of it. For a plain widget (no tint, hatch, outline or transparency)
the frame is the same on every row of content, so it is worked out once per frame drawn
(``row_frame``) and each row is then its content between the same segments, through the
app's line filters as Textual's are, cell for cell the same (``tests/pilot/test_row_frame.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.geometry import Region
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

    def framed(self, content: Strip) -> Strip:
        """A row of content, framed (cut or filled to the content area's width first)."""
        cell_length = content.cell_length
        if cell_length > self.content_width:  # a fresh strip: ``content`` may be shared
            content = Strip(list(content), cell_length).crop(0, self.content_width)
        # An empty row (``Strip.blank(0)``: one empty segment with no style) adds nothing; a
        # line filter, such as Textual's Monochrome, needs every segment to have a style.
        segments = [*self.before, *content] if cell_length else [*self.before]
        if cell_length < self.content_width:
            segments.append(Segment(" " * (self.content_width - cell_length), self.fill))
        segments += self.after
        return Strip(segments, self.width)


ContentRow = Callable[[int], Strip]
"""Row ``y`` of a widget's content (its content area's row, from 0)."""


class FramedRows:
    """A widget's rows of content framed here (see the module), each kept while its content,
    frame, line filters and background stay the same: drawn again unchanged (a change beside
    it, a line scrolled back into view), a row costs a look-up, as in Textual's cache."""

    KEPT = 256
    """Rows kept at most (a few screenfuls)."""

    def __init__(self) -> None:
        self.drew_every_cell = False
        """Whether the lines last given were framed here, each as wide as the widget (a
        widget not yet laid out, or drawn by Textual, may give shorter rows)."""
        self._look: tuple[object, ...] = ()
        self._rows: dict[int, tuple[Strip, Strip]] = {}
        """By ``id`` of a row's content: the content, and the row made of it."""

    def render(
        self,
        widget: Widget,
        crop: Region,
        content: ContentRow,
        textuals: Callable[[Region], list[Strip]],
    ) -> list[Strip]:
        """What Textual's ``render_lines(crop)`` gives for ``widget``: its rows of content
        framed here, each from ``content``; its other rows (border, padding), and every row
        of a widget that is not plain or shows a link under the mouse, from ``textuals``."""
        frame = row_frame(widget)
        self.drew_every_cell = frame is not None and 0 < crop.right <= frame.width
        if frame is None or _hovering_link(widget):
            self.drew_every_cell = False
            return textuals(crop)
        lines: list[Strip] = []
        top, end = crop.y, crop.bottom
        for first, last in ((top, frame.top), (frame.top, frame.bottom), (frame.bottom, end)):
            first, last = max(first, top), min(last, end)
            if first >= last:
                continue
            if first >= frame.top and last <= frame.bottom:
                lines += self._framed_rows(widget, frame, range(first, last), crop, content)
            else:
                lines += textuals(Region(crop.x, first, crop.width, last - first))
        return lines

    def _framed_rows(
        self, widget: Widget, frame: RowFrame, rows: range, crop: Region, content: ContentRow
    ) -> list[Strip]:
        """``rows`` (of the widget, all of content), framed, through the app's line filters."""
        _base, background = widget.background_colors
        filters = widget.get_line_filters()
        look = (frame, background, *filters)
        if look != self._look or len(self._rows) > self.KEPT:
            self._look, self._rows = look, {}
        kept = self._rows
        lines: list[Strip] = []
        for y in rows:
            line_content = content(y - frame.top)
            known = kept.get(id(line_content))
            if known is not None and known[0] is line_content:
                lines.append(known[1])
                continue
            line = frame.framed(line_content)
            for line_filter in filters:
                line = line.apply_filter(line_filter, background)
            kept[id(line_content)] = (line_content, line)
            lines.append(line)
        if crop.x or crop.width != frame.width:
            lines = [line.crop(crop.x, crop.right) for line in lines]
        return lines


def _hovering_link(widget: Widget) -> bool:
    """Whether the mouse is over a link (Textual then draws it in its hover style)."""
    hover = widget.hover_style
    return bool(widget.auto_links and hover.link_id and "@click" in hover.meta)


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
    region = widget.region
    width, height = region.size
    gutter = styles.gutter
    content = region.shrink(gutter)  # the widget's content_region
    return RowFrame(
        before,
        after,
        content.width,
        fill,
        width,
        gutter.top,
        min(height - gutter.bottom, gutter.top + content.height),
    )
