"""The help screen: every key, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from mbc_tui.screens.lean import LeanModalScreen
from mbc_tui.widgets.key_footer import KeyFooter
from mbc_tui.widgets.markdown_page import MarkdownPage

KeyGroup = tuple[str, type[DOMNode]]
"""A heading and the class whose bindings are listed under it."""

OUR_PACKAGE = "mbc_tui"


def class_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares, with those of its ancestors in this package.

    Textual's own base classes are left out (their scroll-left and copy keys mean
    nothing here); a class of this package re-declares each inherited key it uses.
    A Textual class named directly (``Switch``) lists its own bindings.
    """
    lineage = [
        klass
        for klass in node_class.__mro__
        if klass is node_class or klass.__module__.partition(".")[0] == OUR_PACKAGE
    ]
    by_key: dict[str, Binding] = {}
    for klass in reversed(lineage):
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            by_key[binding.key] = binding
    return [binding for binding in by_key.values() if binding.description]


def keys_markdown(
    groups: Sequence[KeyGroup],
    key_display: Callable[[Binding], str],
    extra: Iterable[tuple[str, str, str]] = (),
) -> str:
    """A Markdown list of keys per group; keys doing the same thing share a line.

    A binding's tooltip, where it has one, is the longer description used here.
    ``extra`` adds ``(group heading, keys, description)`` lines for keys that are not
    class bindings (Tab, which Textual handles itself).
    """
    extra_lines: dict[str, list[tuple[str, str]]] = {}
    for heading, keys, description in extra:
        extra_lines.setdefault(heading, []).append((keys, description))

    parts: list[str] = ["# Keys"]
    for heading, node_class in groups:
        lines: dict[str, list[str]] = {}
        for binding in class_bindings(node_class):
            lines.setdefault(binding.tooltip or binding.description, []).append(
                key_display(binding)
            )
        entries = [(", ".join(keys), description) for description, keys in lines.items()]
        entries.extend(extra_lines.get(heading, []))
        if entries:
            parts += ["", f"## {heading}", ""]
            parts += [f"- **{_escape(keys)}**: {_escape(text)}" for keys, text in entries]
    return "\n".join(parts) + "\n"


def _escape(text: str) -> str:
    """Keep key names such as ``*`` or ``_`` from being read as Markdown."""
    return "".join(f"\\{char}" if char in "\\`*_[]<>#|" else char for char in text)


class HelpScreen(LeanModalScreen[None]):
    """Lists every key; Escape (or ?) closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "app.pop_screen", "Close help"),
    ]

    def __init__(self, keys_document: str) -> None:
        super().__init__()
        self.keys_document = keys_document

    def compose(self) -> ComposeResult:
        keys = MarkdownPage(self.keys_document, id="help")
        keys.border_title = "Help"
        yield keys
        yield KeyFooter()

    def start_over(self) -> None:
        if self.is_mounted:
            self.query_one(MarkdownPage).scroll_home(animate=False, immediate=True)
