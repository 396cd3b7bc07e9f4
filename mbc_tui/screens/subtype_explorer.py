"""The subtype explorer: set ER, PR and HER2 and read the matching row(s) of Table 1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from mbc_tui.core.subtypes import (
    TABLE_1,
    TESTING_NOTE,
    ReceptorResult,
    ReceptorStatus,
    all_statuses,
)
from mbc_tui.screens.lean import LeanScreen
from mbc_tui.textual_compat import set_virtual_size
from mbc_tui.widgets.answer_panel import AnswerPanel
from mbc_tui.widgets.hanging_list import Block, hang
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.notice import EducationalNotice
from mbc_tui.widgets.one_layout import OneLayout
from mbc_tui.widgets.receptor_toggle import ReceptorToggle, next_result

RECEPTORS: tuple[tuple[str, str, str], ...] = (
    ("er", "ER", "estrogen receptor"),
    ("pr", "PR", "progesterone receptor"),
    ("her2", "HER2", "HER2 protein or gene"),
)
"""(id, short name, what it is) for each result, in the order shown."""

SHORT_HEIGHT = 20
"""Below this many rows the answer is below the results: a line at the bottom says it."""

START = ReceptorStatus(ReceptorResult.UNKNOWN, ReceptorResult.UNKNOWN, ReceptorResult.UNKNOWN)

HORMONE_STATUS_WORDS = {
    ReceptorResult.POSITIVE: "ER and/or PR positive",
    ReceptorResult.NEGATIVE: "ER and PR negative",
    ReceptorResult.UNKNOWN: "not known yet: ER or PR positive means HR+; both negative, HR-",
}


def rows_blocks(status: ReceptorStatus) -> list[Block]:
    """The Table 1 part of the panel: the matching row, or the rows still possible as
    bullets (wrapped with a hanging indent) and the testing note."""
    row = status.subtype
    if row is not None:
        return [
            (False, Content.assemble(("Table 1 subtype: ", "bold"), row.name)),
            (False, Content.assemble(("Likely treatment response: ", "bold"), row.likely_response)),
        ]
    possible = status.possible_rows
    heading = f"Table 1 rows still possible ({len(possible)} of {len(TABLE_1)}):"
    # "1 of 2" once some rows are ruled out: each row left is then on a line that changed,
    # so a screen reader (which speaks changed lines only) says which rows are left.
    ruled_out = len(possible) < len(TABLE_1)
    return [
        (False, Content.styled(heading, "bold")),
        *(
            (
                True,
                Content.assemble(
                    f"{number} of {len(possible)}: " if ruled_out else "",
                    (candidate.name, "bold"),
                    f": {candidate.likely_response}",
                ),
            )
            for number, candidate in enumerate(possible, start=1)
        ),
        (False, Content(TESTING_NOTE)),
    ]


def panel_blocks(status: ReceptorStatus) -> list[Block]:
    """The panel's words for a set of results: the results, the hormone receptor status,
    then the rows of Table 1 (``rows_blocks``). One widget shows them all, so a change is
    one repaint (and a layout only when the panel takes a different number of lines).
    Every fact comes from ``mbc_tui.core.subtypes``."""
    hormone_words = HORMONE_STATUS_WORDS[status.hormone_receptor]
    return [
        (False, Content.assemble(("Results: ", "bold"), status.combination)),
        (
            False,
            Content.assemble(
                ("Hormone receptor status: ", "bold"),
                f"{status.hormone_receptor_label} ({hormone_words})",
            ),
        ),
        *rows_blocks(status),
    ]


_HUNG: dict[tuple[tuple[tuple[bool, str, tuple[object, ...]], ...], int], list[Content]] = {}
HUNG_KEPT = 256
"""Answers kept wrapped (27 a width)."""


def hung_answer(blocks: Sequence[Block], width: int) -> list[Content]:
    """``hang(blocks, width)``, kept: every answer is wrapped once a width, when the panel
    first learns its width (``tallest_answer``, while the explorer is built ahead), not on
    the key that shows it."""
    key = (tuple((bullet, text.plain, tuple(text.spans)) for bullet, text in blocks), width)
    lines = _HUNG.get(key)
    if lines is None:
        if len(_HUNG) >= HUNG_KEPT:
            _HUNG.clear()
        lines = _HUNG[key] = hang(blocks, width)
    return lines


@lru_cache(maxsize=8)
def tallest_answer(width: int) -> int:
    """The most lines any of the 27 answers takes at ``width`` (worked out once a width)."""
    return max(
        len(hung_answer(panel_blocks(status), width))
        for status in all_statuses(include_unknown=True)
    )


def short_answer(status: ReceptorStatus) -> str:
    """The answer in one short line, for a screen too short to show the panel with the
    results: the row of Table 1, or the rows still possible, and where the rest is."""
    rows = status.possible_rows
    if len(rows) == len(TABLE_1):
        said = f"any of the {len(TABLE_1)} rows of Table 1"
    else:
        said = " or ".join(row.name for row in rows)
    return f"Answer: {said}. Tab: read it all."


class ExplorerScroll(OneLayout, VerticalScroll):
    """The explorer's scrolling part, laid out once when the answer takes more or fewer
    lines (``OneLayout``, ``content_grows``); at each new size it tells the answer panel
    how much room there is (``AnswerPanel.hold_if_fits``)."""

    def on_resize(self) -> None:
        self.query_one(AnswerPanel).hold_if_fits(
            self.scrollable_content_region.height, self._content_height()
        )

    def _content_height(self) -> int:
        return max(
            (child.virtual_region_with_margin.bottom for child in self.displayed_children),
            default=0,
        )

    def content_grows(self, rows: int) -> None:
        """The content will take ``rows`` more lines (fewer if negative) at the next layout:
        the scroll bar is brought up to date now, so that layout draws it or takes it away.
        Textual would find it out in that layout, and lay the screen out a second time for
        it. (Were this ever wrong, that layout would still put it right.)"""
        if not rows or not self.virtual_size:
            return
        height = max(self._content_height() + rows, self.scrollable_content_region.height)
        set_virtual_size(self, Size(self.virtual_size.width, height))


class SubtypeExplorerScreen(LeanScreen[None]):
    """Three results and a panel that follows them on every change."""

    CSS_PATH = "subtype_explorer.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                key,
                f"cycle_receptor('{receptor_id}')",
                name,
                tooltip=f"Change {name}: positive, negative, not tested / not sure",
            )
            for key, (receptor_id, name, _meaning) in zip("eph", RECEPTORS, strict=True)
        ),
        Binding("x", "summary", "Summary", tooltip="Show a summary of my results to take along"),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the guide"),
    ]

    status: var[ReceptorStatus] = var(START)
    """The results set; nothing is assumed at first (every result not tested / not sure).
    The screen owns them: the toggles and the panel show them, and a toggle asks for a
    change (``ReceptorToggle.NextRequested``) that only this screen makes."""

    _toggles: tuple[ReceptorToggle, ...] = ()
    _panel: AnswerPanel
    _scroll: ExplorerScroll
    _short: Static

    def compose(self) -> ComposeResult:
        with ExplorerScroll(id="explorer"):
            yield Static(
                "Set each test result: e for ER, p for PR, h for HER2. x: my summary.",
                id="explorer-intro",
                markup=False,
            )
            for receptor_id, name, meaning in RECEPTORS:
                yield ReceptorToggle(receptor_id, name, meaning)  # watch_status fills it
            panel = AnswerPanel(tallest_answer, wrap=hung_answer, id="result")
            panel.border_title = "Matching row of Table 1"
            panel.can_focus = True  # so Tab reaches it (and scrolls to it) when small
            yield panel
        yield Static(id="short-answer", markup=False)
        yield EducationalNotice()
        yield KeyFooter()

    def on_mount(self) -> None:
        self._toggles = tuple(self.query(ReceptorToggle))
        self._panel = self.query_one(AnswerPanel)
        self._scroll = self.query_one(ExplorerScroll)
        self._short = self.query_one("#short-answer", Static)
        self._toggles[0].focus()
        self._set_short(self.app.size.height < SHORT_HEIGHT)
        self.watch_status(self.status)

    def on_resize(self, event: events.Resize) -> None:
        self._set_short(event.size.height < SHORT_HEIGHT)

    def _set_short(self, short: bool) -> None:
        self.set_class(short, "-short")
        self._show_short_answer()

    def _show_short_answer(self) -> None:
        """The one-line answer, written only while it is shown (on a short screen)."""
        if self._toggles and self.has_class("-short"):
            self._short.update(short_answer(self.status), layout=True)

    def start_over(self) -> None:
        """Nothing assumed again: every result not tested / not sure, ER focused."""
        if self.is_mounted:
            self.status = START
            self.query_one("#explorer", VerticalScroll).scroll_home(animate=False)
            self.query_one(ReceptorToggle).focus()

    def watch_status(self, status: ReceptorStatus) -> None:
        if not self._toggles:
            return  # before on_mount, which shows the results once its widgets are found
        for toggle in self._toggles:
            toggle.result = getattr(status, toggle.receptor)  # repaints only if it moved
        self._scroll.content_grows(self._panel.show(panel_blocks(status)))
        self._show_short_answer()
        title = "Matching row of Table 1" if status.subtype else "Rows of Table 1 still possible"
        self._panel.say_above(title)

    def action_cycle_receptor(self, receptor_id: str) -> None:
        """e, p or h: the same request as Enter on that result's toggle (brought into view,
        on a short screen, so the change is seen)."""
        if self._scroll.max_scroll_y:  # else every result is in view
            self.query_one(f"#{receptor_id}", ReceptorToggle).scroll_visible(animate=False)
        self._step(receptor_id)  # the screen's own key: no round trip through the toggle

    def action_summary(self) -> None:
        self.post_message(self.SummaryRequested(self.status))

    class SummaryRequested(Message):
        """``x``: the app is asked to show the summary of these results (it keeps the
        summary screen, see ``GuideApp.show_summary``)."""

        def __init__(self, status: ReceptorStatus) -> None:
            super().__init__()
            self.status = status

    @on(ReceptorToggle.NextRequested)
    def step_result(self, event: ReceptorToggle.NextRequested) -> None:
        """Enter or Space on a toggle: its result one step on (as its key, e p or h, does)."""
        event.stop()
        self._step(event.toggle.receptor)

    def _step(self, receptor: str) -> None:
        """The one place the results change: ``receptor``'s one step on from the result held
        here (two quick presses are two steps, even before the first one is shown)."""
        moved = next_result(getattr(self.status, receptor))
        self.status = replace(self.status, **{receptor: moved})

    @on(ReceptorToggle.MoveRequested)
    def move_between_results(self, event: ReceptorToggle.MoveRequested) -> None:
        """Up and Down on a result: the result above or below (ER, PR, HER2; no wrapping)."""
        event.stop()
        toggles = list(self.query(ReceptorToggle))
        position = toggles.index(event.toggle) + event.step
        if 0 <= position < len(toggles):
            toggles[position].focus()
