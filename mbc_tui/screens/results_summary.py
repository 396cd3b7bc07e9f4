"""My results summary: one screen to take to an appointment, and (locally) a file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from mbc_tui.ascii_scrollbars import AsciiScrollBarRender
from mbc_tui.core.subtypes import ReceptorStatus
from mbc_tui.core.summary import (
    DEFAULT_FILE_NAME,
    WIDTH,
    free_path,
    save_summary,
    summary_text,
)
from mbc_tui.screens.lean import SizedScreen
from mbc_tui.screens.save_prompt import SaveChoice, SavePrompt
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.notice import EducationalNotice
from mbc_tui.widgets.one_layout import OneLayout

SIDE_SPACE = 3
"""Columns the panel's padding and scroll bar take (no border: the text is copied as is)."""
SCREEN_ONLY = "Shown on screen only: saving to a file is turned off here."


class SummaryPanel(OneLayout, VerticalScroll):
    """The scrolling panel (``OneLayout``: its size is the layout's outcome)."""


class SummaryText(OneLayout, Static):
    """The summary's lines (``OneLayout``)."""


class ResultsSummaryScreen(SizedScreen[None]):
    """The summary text; ``w`` saves it to a file when ``allow_save`` is true.

    Kept once built (``GuideApp.fresh_screen``): each opening shows the results it is given
    (:meth:`show_status`) from the top, as a new one would."""

    CSS_PATH = "results_summary.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "save", "Save", tooltip="Save the summary to a text file"),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the subtype explorer"),
    ]

    def __init__(self, status: ReceptorStatus, *, allow_save: bool) -> None:
        super().__init__()
        self.status = status
        self.allow_save = allow_save

    def compose(self) -> ComposeResult:
        with SummaryPanel(id="summary", can_focus=True):
            text = self.text_for(self.width_for(self.app.size.width))
            yield SummaryText(text, id="summary-text", markup=False)
        yield Static(self.save_hint, id="save-status", markup=False)
        # The summary lists treatment responses: the notice stays on screen above the keys,
        # as on every such screen (the text ends with it too, for the saved file, but that
        # is below the fold).
        yield EducationalNotice()
        yield KeyFooter()

    @property
    def save_hint(self) -> str:
        """The line under the summary before anything is saved."""
        return "w: save to a text file. Esc: back." if self.allow_save else SCREEN_ONLY

    def show_status(self, status: ReceptorStatus) -> None:
        """Show the summary of ``status`` (the results set on the explorer)."""
        self.status = status
        if self.is_mounted:
            self.wrap_to(self.app.size.width)

    def start_over(self) -> None:
        """From the top, focused, nothing said about saving yet."""
        if not self.is_mounted:
            return
        panel = self.query_one("#summary", VerticalScroll)
        panel.scroll_home(animate=False, immediate=True)
        panel.focus()
        status_line = self.query_one("#save-status", Static)
        if str(status_line.content) != self.save_hint:
            status_line.update(self.save_hint)

    def on_mount(self) -> None:
        panel = self.query_one("#summary")
        # A thumb of blanks: a row copied from the screen brings no block glyph along.
        panel.vertical_scrollbar.renderer = AsciiScrollBarRender
        panel.focus()

    def text_for(self, width: int) -> str:
        return summary_text(self.status, width).rstrip("\n")

    def on_resize(self, event: events.Resize) -> None:
        self.wrap_to(event.size.width)

    @staticmethod
    def width_for(screen_width: int) -> int:
        """The lines' width on a screen this wide (the saved file keeps its own width)."""
        return min(WIDTH, max(screen_width - SIDE_SPACE, 20))

    def wrap_to(self, screen_width: int) -> None:
        """Wrap the lines to the screen, if that changes them."""
        text = self.text_for(self.width_for(screen_width))
        shown = self.query_one("#summary-text", Static)
        if str(shown.content) != text:
            shown.update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.allow_save
        return True

    def action_save(self) -> None:
        if not self.allow_save:
            return
        self.app.push_screen(
            SavePrompt("Save the summary to this file:", free_path(Path.cwd() / DEFAULT_FILE_NAME)),
            self._save_to,
        )

    def _save_to(self, choice: SaveChoice | None) -> None:
        if choice is None or not self.allow_save:
            return
        path = choice.path
        save_status = self.query_one("#save-status", Static)
        try:
            written = save_summary(self.status, path, replace=choice.replace)
        except FileExistsError:
            message = f"Not saved: {path} already exists. Press w to choose another name."
        except OSError as error:
            message = f"Not saved: {error.strerror or error}. Press w to try again."
        else:
            message = f"Saved to {written}"
            if choice.replace:
                message += " (the file that was there is replaced)"
        save_status.update(message)  # said once: the line is not also a notice
