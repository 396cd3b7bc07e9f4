"""The help screen: every key, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Footer, Markdown

KeyGroup = tuple[str, type[DOMNode]]
"""A heading and the class whose bindings are listed under it."""


def class_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings a class has, its own and inherited, later ones winning per key."""
    by_key: dict[str, Binding] = {}
    for klass in reversed(node_class.__mro__):
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    return [binding for binding in by_key.values() if binding.description]


def keys_markdown(
    groups: Sequence[KeyGroup],
    key_display: Callable[[Binding], str],
    extra: Iterable[tuple[str, str, str]] = (),
) -> str:
    """A Markdown table of keys per group; keys doing the same thing share a row.

    ``extra`` adds ``(group heading, keys, description)`` rows for keys that are not
    class bindings (the command palette key, Tab).
    """
    extra_rows: dict[str, list[tuple[str, str]]] = {}
    for heading, keys, description in extra:
        extra_rows.setdefault(heading, []).append((keys, description))

    parts: list[str] = ["# Keys", ""]
    for heading, node_class in groups:
        rows: dict[str, list[str]] = {}
        for binding in class_bindings(node_class):
            rows.setdefault(binding.description, []).append(key_display(binding))
        table = [(", ".join(keys), description) for description, keys in rows.items()]
        table.extend(extra_rows.get(heading, []))
        if not table:
            continue
        parts += [f"## {heading}", "", "| Key | What it does |", "| --- | --- |"]
        parts += [f"| {_cell(keys)} | {_cell(description)} |" for keys, description in table]
        parts.append("")
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


class HelpScreen(ModalScreen[None]):
    """Lists every key; Escape (or ?) closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "app.pop_screen", "Close help"),
    ]

    def __init__(self, keys_document: str) -> None:
        super().__init__()
        self.keys_document = keys_document

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help") as help_panel:
            help_panel.border_title = "Help"
            yield Markdown(self.keys_document, open_links=False)
        yield Footer()
