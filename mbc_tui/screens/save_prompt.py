"""A small dialog that asks where to save a file (only offered when writing files is allowed)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from mbc_tui.screens.lean import DialogScreen

MAX_PATH_LENGTH = 4096
"""The longest file name the box takes (Linux's PATH_MAX)."""


@dataclass(frozen=True)
class SaveChoice:
    """Where the reader chose to save, and whether they confirmed replacing a file there."""

    path: Path
    replace: bool = False


EMPTY_NAME = "No file name: type one, or press Esc to cancel."
ENTER_SAVES = "Enter: save. Esc: cancel."


def _exists(path: Path) -> bool:
    """Whether a file is there; a name the system refuses (too long, say) is not one, and
    saving there says why."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def exists_words(path: Path) -> str:
    return f"{path.name} already exists. Enter again replaces it; or type another name."


class SavePrompt(DialogScreen[SaveChoice | None]):
    """Asks for a file name; Enter saves there, Escape cancels. A file is never replaced
    unless the reader, told that it exists, presses Enter again on the same name."""

    CSS_PATH = "save_prompt.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without saving"),
    ]

    def __init__(self, question: str, suggested: Path) -> None:
        super().__init__()
        self.question = question
        self.suggested = suggested
        self._confirming: Path | None = None
        """The existing file the reader has been told about (Enter again replaces it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="save-prompt") as dialog:
            dialog.border_title = "Save"
            yield Static(self.question, markup=False)
            yield Input(str(self.suggested), id="save-path", max_length=MAX_PATH_LENGTH)
            yield Static(ENTER_SAVES, id="save-prompt-status", markup=False)

    def say(self, words: str) -> None:
        self.query_one("#save-prompt-status", Static).update(words)

    @on(Input.Changed, "#save-path")
    def name_changed(self, _event: Input.Changed) -> None:
        self._confirming = None
        self.say(ENTER_SAVES)

    @on(Input.Submitted, "#save-path")
    def submit(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.say(EMPTY_NAME)
            return
        path = Path(value).expanduser()
        exists = _exists(path)
        if exists and self._confirming != path:
            self._confirming = path
            self.say(exists_words(path))
            return
        self.dismiss(SaveChoice(path, replace=exists))

    def action_cancel(self) -> None:
        self.dismiss(None)
