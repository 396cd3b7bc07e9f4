"""Text with bullets whose wrapped lines hang under the first word, not under the dash."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

BULLET = "- "

Block = tuple[bool, Content]
"""(is a bullet, its text): one paragraph or one bullet."""


def hang(blocks: Sequence[Block], width: int) -> Content:
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
    return Content("\n").join(lines)


class HangingList(Widget):
    """Shows paragraphs and bullets, wrapped with a hanging indent at its own width."""

    DEFAULT_CSS = """
    HangingList {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._blocks: tuple[Block, ...] = ()

    def show(self, blocks: Sequence[Block]) -> None:
        """Show these blocks (nothing is repainted if they are the ones shown)."""
        blocks = tuple(blocks)
        if blocks != self._blocks:
            self._blocks = blocks
            self.refresh(layout=True)

    @property
    def text(self) -> Content:
        """The words shown, unwrapped (a line a block)."""
        return Content("\n").join(
            Content(BULLET) + text if bullet else text for bullet, text in self._blocks
        )

    def render(self) -> Content:
        return hang(self._blocks, self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(hang(self._blocks, width).split("\n")) if self._blocks else 0
