"""A page's laid-out lines turned into strips, one strip a line.

The lines of a ``page_layout.PageLayout`` are already broken to the page's width, so there is
nothing left to wrap: each becomes a strip directly, with the segments Textual's own rendering
of text would give it (the page's look under the line's styles, each segment carrying its
place for text selection, a link's segments in the page's link style as well). Going through
``Visual.to_strips`` instead, the lines would be joined into one text, wrapped again and split
again: four times the work, paid on every other Page Down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

StyleOf = Callable[[str | Style], Style]
"""A style named in a line (``.page--h1``, ``bold``) as the page draws it."""


def page_style_of(widget: Widget) -> StyleOf:
    """How ``widget`` draws a style its lines name: ``.name`` is one of its component classes
    (as Textual's own text rendering has it), anything else a style such as ``bold``."""

    def style_of(style: str | Style) -> Style:
        if isinstance(style, Style):
            return style
        if style.startswith("."):
            return widget.get_visual_style(style[1:], partial=True)
        return Style.parse(style)

    return style_of


def line_strip(
    line: Content, y: int, width: int, base: Style, style_of: StyleOf, link: RichStyle | None
) -> Strip:
    """Line ``y`` of a page ``width`` cells wide, on the page's own style ``base``: cropped if
    it is wider (a table below its least width), not padded (the rest is the background)."""
    segments: list[Segment] = []
    x = 0
    for text, text_style in line.render(base, end="", parse_style=style_of):
        if not text:
            continue
        style = base + text_style
        rich_style = style.rich_style_with_offset(x, y)
        if link is not None and "@click" in style.meta:
            rich_style += link
        segments.append(Segment(text, rich_style))
        x += len(text)
    strip = Strip(segments, line.cell_length)
    return strip.crop(0, width) if line.cell_length > width else strip


def line_strips(
    lines: Sequence[Content],
    first: int,
    width: int,
    base: Style,
    style_of: StyleOf,
    link: RichStyle | None,
) -> list[Strip]:
    """``lines`` as strips, the first of them being line ``first`` of the page."""
    return [line_strip(line, y, width, base, style_of, link) for y, line in enumerate(lines, first)]
