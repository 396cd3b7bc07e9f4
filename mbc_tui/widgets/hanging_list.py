"""Text with bullets whose wrapped lines hang under the first word, not under the dash."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from mbc_tui.widgets.one_layout import OneLayout
from mbc_tui.widgets.page_strips import line_strips, page_style_of

BULLET = "- "

Block = tuple[bool, Content]
"""(is a bullet, its text): one paragraph or one bullet."""


def hang(blocks: Sequence[Block], width: int) -> list[Content]:
    """The blocks as lines no wider than ``width``; a bullet's lines after its first are
    indented by the width of the bullet (as the summary's are)."""
    lines: list[Content] = []
    for bullet, text in blocks:
        if not bullet:
            lines += text.wrap(max(width, 1))
            continue
        indent = " " * len(BULLET)
        wrapped = text.wrap(max(width - len(BULLET), 1))
        lines += [Content(BULLET if n == 0 else indent) + line for n, line in enumerate(wrapped)]
    return lines


Wrap = Callable[[Sequence[Block], int], list[Content]]
"""How blocks become lines at a width (``hang``, or a cache of it)."""


class HangingList(OneLayout, Widget):
    """Shows paragraphs and bullets, wrapped with a hanging indent at its own width.

    Its lines are drawn as strips made straight from the wrapped lines (``render_line``):
    Textual's own drawing of ``render()`` would join them, wrap them again and split them
    again, on every change of the explorer's answer."""

    DEFAULT_CSS = """
    HangingList {
        height: auto;
    }
    """

    def __init__(self, *, wrap: Wrap = hang, id: str | None = None) -> None:
        super().__init__(id=id)
        self._wrap = wrap
        self._blocks: tuple[Block, ...] = ()
        self._hung: tuple[int, list[Content]] | None = None
        """The blocks as lines, and the width they were wrapped at."""
        self._strips: list[Strip] | None = None
        """The lines as strips, made as they are drawn (``None`` until then)."""

    def show(self, blocks: Sequence[Block]) -> int:
        """Show these blocks (nothing is repainted if they are the ones shown; nothing is
        laid out again unless they take a different number of lines). Returns how many
        lines more they take than the blocks shown before (fewer if negative; 0 before the
        list has a width)."""
        blocks = tuple(blocks)
        if blocks == self._blocks:
            return 0
        width = self.content_size.width
        if not width:
            self._set_blocks(blocks)
            self.refresh(layout=True)
            return 0
        height_before, lines_before = self._height(width), self._lines(width)
        self._set_blocks(blocks)
        grown = self._height(width) - height_before
        self.repaint(lines_before, grown)
        return grown

    def repaint(self, lines_before: list[Content], grown: int) -> None:
        """Draw the new lines (``lines_before`` were shown), laid out again if the list
        grew by ``grown`` rows (or shrank)."""
        self.refresh(layout=bool(grown))

    def _set_blocks(self, blocks: tuple[Block, ...]) -> None:
        self._blocks, self._hung, self._strips = blocks, None, None

    def _lines(self, width: int) -> list[Content]:
        """The blocks wrapped at ``width`` (kept until the blocks or the width change)."""
        if self._hung is None or self._hung[0] != width:
            self._hung = (width, self._wrap(self._blocks, width))
            self._strips = None
        return self._hung[1]

    def _rows(self, width: int) -> int:
        return len(self._lines(width))

    def _height(self, width: int) -> int:
        """The lines the list takes at ``width`` (its lines, here)."""
        return self._rows(width)

    @property
    def text(self) -> Content:
        """The words shown, unwrapped (a line a block)."""
        return Content("\n").join(
            Content(BULLET) + text if bullet else text for bullet, text in self._blocks
        )

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        lines = self._lines(width)
        if self._strips is None:
            style = self.visual_style
            self._strips = line_strips(lines, 0, width, style, page_style_of(self), None)
        if 0 <= y < len(self._strips):
            return self._strips[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None  # a new look (a theme, NO_COLOR): made again as drawn

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._height(width)
