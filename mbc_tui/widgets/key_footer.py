"""The footer: the keys that work here, as one line of text (fewer keys on a narrow screen).

Textual's ``Footer`` rebuilds a widget per key every time the bindings change (each focus
move, each screen), which costs start-up time in every SSH session and bytes on the wire.
This footer is one ``Static``: it reads the screen's active bindings, and repaints only
when the line of keys actually changes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import RenderResult
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
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-footer--key"}

    LEAST_NEEDED: ClassVar[tuple[str, ...]] = (
        "command_palette",
        "glossary",
        "toggle_sidebar",
        "terms_here",
        "quit",
        "search",
        "open_explorer",
    )
    """Left out first, in this order, when the keys do not fit on one line: help lists
    them all (``/`` searches as the palette does)."""
    ALWAYS: ClassVar[str] = "help"
    """The key that is never left out: it shows every other key."""

    def __init__(self) -> None:
        super().__init__("", markup=False)
        self._keys: tuple[tuple[str, str, str], ...] = ()
        """(action, key, description) of each key shown."""
        self._shown = ""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # Its screen shown again (a dialog closed): the keys at once, not a frame later.
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, screen: object) -> None:
        if screen is self.screen and self._shown:  # shown again, not for the first time
            self._bindings_changed(screen)

    def render(self) -> RenderResult:
        """The keys, worked out here if the screen is drawn before ``on_mount`` has run: so
        they are right in the screen's first frame, not changed a frame later (which a
        screen reader reads out again)."""
        if not self._keys:
            self._keys = self._active_keys()
            text = self._keys_text()
            self._shown = text.plain
            return text
        return super().render()

    def _active_keys(self) -> tuple[tuple[str, str, str], ...]:
        keys: dict[str, tuple[str, str, str]] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.show and active.enabled and binding.description:
                # One entry per action (``escape`` and ``?`` may both close help).
                keys.setdefault(
                    binding.action,
                    (binding.action, self.app.get_key_display(binding), binding.description),
                )
        return tuple(keys.values())

    def _bindings_changed(self, _screen: object) -> None:
        shown = self._active_keys()
        if shown == self._keys and self._shown == self._content_text:
            return  # nothing changed: no repaint, no bytes
        self._keys = shown
        self._show_keys()

    @property
    def _content_text(self) -> str:
        """The text the footer holds (``render`` may have shown it before it held it)."""
        content = self.content
        return content.plain if isinstance(content, Content) else str(content)

    def on_resize(self) -> None:
        self._show_keys()

    def _show_keys(self) -> None:
        text = self._keys_text()
        if text.plain != self._content_text:
            self._shown = text.plain
            self.update(text, layout=False)  # always one row: nothing moves

    def _keys_text(self) -> Content:
        """The keys as one line no wider than the footer: while they do not fit, the least
        needed are left out (:attr:`LEAST_NEEDED`, then from the end), never help, and
        never a key without what it does."""
        width = self.size.width or self.app.size.width
        key_style = self.get_visual_style("key-footer--key")
        entries = [
            (action, [Content.styled(f" {key} ", key_style), Content(f"{description} ")])
            for action, key, description in self._keys
        ]
        for action in self.LEAST_NEEDED:
            if _length(entries) <= width:
                break
            entries = [entry for entry in entries if entry[0] != action]
        while _length(entries) > width and len(entries) > 1:
            last = max(i for i, (action, _) in enumerate(entries) if action != self.ALWAYS)
            del entries[last]
        return Content("").join(part for _, entry in entries for part in entry)


def _length(entries: list[tuple[str, list[Content]]]) -> int:
    return sum(part.cell_length for _, entry in entries for part in entry)
