"""The footer: the keys that work here, as one line of text.

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
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key"}

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._keys: tuple[tuple[str, str], ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        keys: dict[str, tuple[str, str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.show and active.enabled and binding.description:
                # One entry per action (``escape`` and ``?`` may both close help).
                keys.setdefault(
                    binding.action, (self.app.get_key_display(binding), binding.description)
                )
        shown = tuple(keys.values())
        if shown == self._keys:
            return  # nothing changed: no repaint, no bytes
        self._keys = shown
        key_style = self.get_visual_style("key-footer--key")
        parts: list[Content] = []
        for key, description in shown:
            parts.append(Content.styled(f" {key} ", key_style))
            parts.append(Content(f"{description} "))
        self.update(Content("").join(parts))
