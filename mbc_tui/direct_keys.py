"""A key bound to an action goes to its binding at once when nothing on its way would look
at it.

Textual sends a key the app has no priority binding for to the focused widget, which passes
it to its container, and so on up to the screen and the app; only there are the ordinary
bindings looked up. Each step is a message in another widget's queue and a turn of the event
loop (about 0.06-0.1 ms each; a Page Down in the reader went reader, panes, screen, app).
Where none of those widgets has a handler for keys or a ``key_...`` method for this one
(:func:`~mbc_tui.textual_compat.looks_at_keys`), the key would arrive at the app untouched:
the app looks its binding up straight away, in the same bindings, with the same result.
Any widget on the way that does look at keys (the search field, a screen's own Esc) gets
the key as before.
"""

from __future__ import annotations

from functools import lru_cache

from textual import events
from textual.dom import DOMNode

from mbc_tui.textual_compat import BindingsFirstApp, looks_at_keys


@lru_cache(maxsize=256)
def key_names(key: str) -> tuple[str, ...]:
    """The names a key's ``key_...`` methods may have (Textual's ``Key.name_aliases``)."""
    return tuple(events.Key(key, None).name_aliases)


class KeysStraightToBindings(BindingsFirstApp):
    """An App mixin: keys skip the trip through widgets that would not look at them (see
    the module's text)."""

    def key_straight_to_binding(self, key: str) -> bool:
        screen = self.screen
        start: DOMNode = screen.focused or screen  # where Textual would send the key
        names = key_names(key)
        return not any(looks_at_keys(node, names) for node in start.ancestors_with_self)
