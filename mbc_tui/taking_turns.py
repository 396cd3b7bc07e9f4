"""Apps that share one event loop (several readers' apps in a worker) take turns, a key each.

Textual's message loop takes the next message straight from the app's queue while there is
one, without going back to the event loop: an app with a thousand keys waiting (a reader who
held a key down, or pasted a page) acted on all of them before any other app in the process
drew a frame or read a key, and before the worker read the server's messages (a reader's
window change, their end). Here such an app goes back to the loop after each key: every app
in the process, and the worker, gets a turn between two of its keys.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual import events
from textual.app import App


class TakesTurns(App[Any]):
    """An App mixin: with :attr:`takes_turns`, each key (or click) is acted on in a turn of the
    event loop of its own (see the module's text)."""

    takes_turns: bool = False
    """Whether other apps share this app's event loop (set before it runs)."""

    async def on_event(self, event: events.Event) -> None:
        if self.takes_turns and isinstance(event, events.InputEvent):
            await asyncio.sleep(0)  # the others' turn: one pass of the loop
        await super().on_event(event)
