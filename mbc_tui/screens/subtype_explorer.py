"""The subtype explorer: set ER, PR and HER2 and read the matching row of Table 1."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Footer, Label, Static, Switch

from mbc_tui.screens.lean import LeanScreen
from mbc_tui.subtype_words import status_line
from mbc_tui.subtypes import ReceptorResult, ReceptorStatus, subtype_for
from mbc_tui.widgets.notice import EducationalNotice

RECEPTORS: tuple[tuple[str, str, str], ...] = (
    ("er", "ER", "estrogen receptor"),
    ("pr", "PR", "progesterone receptor"),
    ("her2", "HER2", "HER2 protein or gene"),
)
"""(id, short name, what it is) for each switch, in the order shown."""


def result_text(status: ReceptorStatus) -> Content:
    """The panel's words for a set of results; every fact comes from ``mbc_tui.subtypes``."""
    row = subtype_for(status)
    hormone_status = (
        "ER and/or PR positive" if status.hormone_receptor_positive else "ER and PR negative"
    )
    return Content.assemble(
        ("Results: ", "bold"),
        status.combination,
        "\n",
        ("Hormone receptor status: ", "bold"),
        f"{status.hormone_receptor_label} ({hormone_status})",
        "\n",
        ("Table 1 subtype: ", "bold"),
        row.name,
        "\n",
        ("Likely treatment response: ", "bold"),
        row.likely_response,
    )


class SubtypeExplorerScreen(LeanScreen[None]):
    """Three switches and a panel that follows them on every change."""

    CSS_PATH = "subtype_explorer.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "toggle_receptor('er')", "ER", tooltip="Switch ER: positive or negative"),
        Binding("p", "toggle_receptor('pr')", "PR", tooltip="Switch PR: positive or negative"),
        Binding(
            "h", "toggle_receptor('her2')", "HER2", tooltip="Switch HER2: positive or negative"
        ),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the guide"),
    ]

    status: var[ReceptorStatus] = var(ReceptorStatus.from_bools(er=False, pr=False, her2=False))
    summary: var[str] = var("")
    """The panel in one line of text (``status_line``), updated with every change."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="explorer"):
            yield Static(
                "Subtype explorer: set each test result. Keys: e for ER, p for PR, h for HER2.",
                id="explorer-intro",
                markup=False,
            )
            for receptor_id, _name, _meaning in RECEPTORS:
                with Horizontal(classes="receptor-row"):
                    yield Switch(False, animate=False, id=receptor_id)
                    yield Label("", id=f"{receptor_id}-state", classes="receptor-state")
            result = Static(id="result", markup=False)
            result.border_title = "Matching row of Table 1"
            result.can_focus = True  # so Tab reaches it (and scrolls to it) on a small screen
            yield result
        yield EducationalNotice()
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(Switch).focus()

    def watch_status(self, status: ReceptorStatus) -> None:
        for receptor_id, name, meaning in RECEPTORS:
            result: ReceptorResult = getattr(status, receptor_id)
            self.query_one(f"#{receptor_id}-state", Label).update(
                f"{name}: {result.words} ({meaning})"
            )
        self.query_one("#result", Static).update(result_text(status))
        self.summary = status_line(status)

    def action_toggle_receptor(self, receptor_id: str) -> None:
        self.query_one(f"#{receptor_id}", Switch).toggle()

    @on(Switch.Changed)
    def record_result(self, event: Switch.Changed) -> None:
        self.status = ReceptorStatus.from_bools(
            **{
                receptor_id: self.query_one(f"#{receptor_id}", Switch).value
                for receptor_id, _name, _meaning in RECEPTORS
            }
        )
