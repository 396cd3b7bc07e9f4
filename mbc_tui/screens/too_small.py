"""Shown instead of a broken layout when the terminal is smaller than the guide needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static


class TooSmallScreen(ModalScreen[None]):
    """Covers everything until the terminal is large enough again."""

    DEFAULT_CSS = """
    TooSmallScreen {
        align: center middle;
        background: $background;
    }
    TooSmallScreen > Static {
        width: 100%;
        height: auto;
        text-align: center;
    }
    """

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.message = f"terminal too small — need at least {min_width}x{min_height}"

    def compose(self) -> ComposeResult:
        yield Static(self.message, markup=False)
