"""An app asked to end ends at once, however many keys are still waiting for it.

Textual's ``App.exit`` puts its message at the back of the app's queue: every key already
read is acted on first. Reading stops while the app is behind (:mod:`mbc_tui.input_backlog`),
but one read of the terminal is up to 4,096 keys, each a step of the guide: a reader who
held a key down or pasted a page, then left, kept their guide busy for one to four seconds
after the server asked it to end (and over SSH the server then kills it: with
``--readers-per-process``, with the other readers of its process). Once the app is leaving,
the reader's keys and clicks are dropped as they come up (microseconds each): what they
would have done would never be seen.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from textual import events
from textual.app import App


class ExitsPromptly(App[Any]):
    """An App mixin: input that reaches the app once it is leaving is dropped (see the
    module's text)."""

    leaving: bool = False
    """Whether :meth:`exit` has been called."""

    def exit(
        self, result: Any = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        self.leaving = True
        super().exit(result, return_code, message)

    async def on_event(self, event: events.Event) -> None:
        if self.leaving and isinstance(event, events.InputEvent):
            return
        await super().on_event(event)
