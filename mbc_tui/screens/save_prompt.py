"""A small dialog that asks where to save a file (only offered when writing files is allowed)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

MAX_PATH_LENGTH = 4096
"""The longest file name the box takes (Linux's PATH_MAX)."""


class SavePrompt(ModalScreen[Path | None]):
    """Asks for a file name; Enter saves there, Escape cancels."""

    CSS_PATH = "save_prompt.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(self, question: str, suggested: Path) -> None:
        super().__init__()
        self.question = question
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="save-prompt") as dialog:
            dialog.border_title = "Save"
            yield Static(self.question, markup=False)
            yield Input(str(self.suggested), id="save-path", max_length=MAX_PATH_LENGTH)
            yield Static("Enter: save. Esc: cancel.", markup=False)

    @on(Input.Submitted, "#save-path")
    def submit(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(Path(value))

    def action_cancel(self) -> None:
        self.dismiss(None)
