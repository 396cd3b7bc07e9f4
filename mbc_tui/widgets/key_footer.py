"""The footer: the keys that work here, as a line of text (two on a narrow screen).

Textual's ``Footer`` rebuilds a widget per key every time the bindings change (each focus
move, each screen), which costs start-up time in every SSH session and bytes on the wire.
This footer is one ``Static``: it reads the screen's active bindings, and repaints only
when the line of keys actually changes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widgets import Static


class KeyFooter(Static):
    """Shown keys (``Binding.show``), like ``b Sidebar  s Subtypes  ? Help``."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: auto;
        max-height: 3;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key"}

    LEAST_NEEDED: ClassVar[frozenset[str]] = frozenset({"command_palette"})
    """Left out first when the keys do not fit on one line (``/`` searches too)."""

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._keys: tuple[tuple[str, str, str], ...] = ()
        """(action, key, description) of each key shown."""
        self._shown = ""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        keys: dict[str, tuple[str, str, str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.show and active.enabled and binding.description:
                # One entry per action (``escape`` and ``?`` may both close help).
                keys.setdefault(
                    binding.action,
                    (binding.action, self.app.get_key_display(binding), binding.description),
                )
        shown = tuple(keys.values())
        if shown == self._keys:
            return  # nothing changed: no repaint, no bytes
        self._keys = shown
        self._show_keys()

    def on_resize(self) -> None:
        self._show_keys()

    def _show_keys(self) -> None:
        """The keys as lines no wider than the footer. If leaving out the keys that are
        least needed (:attr:`LEAST_NEEDED`, still listed in help) makes them fit on one
        line, they are left out; otherwise the footer wraps, between keys, never between
        a key and what it does."""
        width = self.size.width or self.app.size.width
        key_style = self.get_visual_style("key-footer--key")
        entries = [
            (action, [Content.styled(f" {key} ", key_style), Content(f"{description} ")])
            for action, key, description in self._keys
        ]
        lines = _pack([entry for _, entry in entries], width)
        if len(lines) > 1:
            needed = [entry for action, entry in entries if action not in self.LEAST_NEEDED]
            packed = _pack(needed, width)
            if len(packed) == 1:
                lines = packed
        text = Content("\n").join(Content("").join(line) for line in lines)
        if text.plain != self._shown:
            self._shown = text.plain
            self.update(text)


def _pack(entries: list[list[Content]], width: int) -> list[list[Content]]:
    lines: list[list[Content]] = [[]]
    used = 0
    for entry in entries:
        length = sum(part.cell_length for part in entry)
        if used and used + length > width:
            lines.append([])
            used = 0
        lines[-1].extend(entry)
        used += length
    return lines
