"""A three-state control for one test result: not tested / not sure, positive, negative."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from mbc_tui.core.subtypes import ReceptorResult
from mbc_tui.widgets.page_strips import line_strips, page_style_of

CYCLE: tuple[ReceptorResult, ...] = (
    ReceptorResult.UNKNOWN,
    ReceptorResult.POSITIVE,
    ReceptorResult.NEGATIVE,
)
"""The order a key press moves through. It starts at "not tested / not sure" (nothing is
assumed before the reader says so); one press says positive, two say negative, and a third
goes back to not sure."""


def next_result(result: ReceptorResult) -> ReceptorResult:
    return CYCLE[(CYCLE.index(result) + 1) % len(CYCLE)]


class ReceptorToggle(Widget, can_focus=True):
    """Shows one receptor's result in words ("ER: positive (estrogen receptor)").

    The result is not the toggle's own: the screen that owns the results sets ``result``,
    and the toggle shows it. Enter or Space asks for the next result with
    ``ReceptorToggle.NextRequested``; the owner works out which that is, from the results
    it holds (two quick presses are two steps, even before the first one is shown). Up and
    Down ask the owner to move to the result above or below (``MoveRequested``).
    Focus is shown in reverse video and bold, so it is visible without colour.
    """

    DEFAULT_CSS = """
    ReceptorToggle {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    ReceptorToggle:focus {
        text-style: bold reverse;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,space",
            "cycle",
            "Next result",
            tooltip="Change the focused result: positive, negative, not tested / not sure",
            show=False,
        ),
        Binding("up", "move(-1)", "Result above", tooltip="Move to the result above", show=False),
        Binding("down", "move(1)", "Result below", tooltip="Move to the result below", show=False),
    ]

    result: reactive[ReceptorResult] = reactive(ReceptorResult.UNKNOWN)
    """The result shown, as the owner of the results last set it."""

    class NextRequested(Message):
        """The reader asked for this toggle's next result (see ``next_result``)."""

        def __init__(self, toggle: ReceptorToggle) -> None:
            super().__init__()
            self.toggle = toggle

        @property
        def control(self) -> ReceptorToggle:
            return self.toggle

    class MoveRequested(Message):
        """The reader asked to move to the result above (``step`` -1) or below (+1)."""

        def __init__(self, toggle: ReceptorToggle, step: int) -> None:
            super().__init__()
            self.toggle = toggle
            self.step = step

        @property
        def control(self) -> ReceptorToggle:
            return self.toggle

    def __init__(self, receptor: str, label: str, meaning: str) -> None:
        super().__init__(id=receptor)
        self.receptor = receptor
        """Which result this is (``er``, ``pr`` or ``her2``); also the toggle's id."""
        self.label = label
        self.meaning = meaning
        self._strips: tuple[tuple[ReceptorResult, int], list[Strip]] | None = None
        """The words as strips, and the result and width they were made for."""

    def words(self, result: ReceptorResult) -> Content:
        return Content(f"{self.label}: {result.words} ({self.meaning})")

    def render(self) -> Content:
        return self.words(self.result)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the words, made straight from their wrapped lines (kept until the
        result, the width or the look changes): Textual's own drawing of ``render()``
        wraps and splits them again at each repaint."""
        width = self.content_size.width
        key = (self.result, width)
        if self._strips is None or self._strips[0] != key:
            lines = self._lines(self.result, width)
            style = self.visual_style
            self._strips = (key, line_strips(lines, 0, width, style, page_style_of(self), None))
        strips = self._strips[1]
        if 0 <= y < len(strips):
            return strips[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None  # a new look (focus): made again as drawn

    def _lines(self, result: ReceptorResult, width: int) -> list[Content]:
        words = self.words(result)
        return [words] if words.cell_length <= width else words.wrap(max(width, 1))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(self.result, width))

    def watch_result(self, old: ReceptorResult, new: ReceptorResult) -> None:
        """Lay out again only when the words take a different number of lines (at 40
        columns "not tested / not sure" wraps and "positive" does not): no blank line is
        left behind, and no layout is paid for when nothing moves."""
        width = self.content_size.width
        if width and len(self._lines(old, width)) != len(self._lines(new, width)):
            self.refresh(layout=True)

    def cycle(self) -> None:
        """Ask for the next result (shown once the owner sets it)."""
        self.post_message(self.NextRequested(self))

    def action_cycle(self) -> None:
        self.cycle()

    def action_move(self, step: int) -> None:
        """Up or Down: ask the screen to focus the result above or below."""
        self.post_message(self.MoveRequested(self, step))
