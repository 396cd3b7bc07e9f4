"""Keys that arrive faster than the app can act on them wait in the terminal, not in memory.

Textual's input thread reads the terminal as fast as bytes arrive and queues one message per
key, without limit: 1 MB of ``x`` pasted or sent over SSH became a million queued keys and
2.6 GB. Here the input thread stops reading while the app is behind (too many messages
waiting, or too much output its terminal has not taken: :mod:`mbc_tui.output_thread`); what
is not read stays in the terminal's (the kernel's) buffer, and whoever writes into it waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from textual import events
from textual.message import Message

from mbc_tui.output_thread import MAX_WAITING

CHECK_EVERY = 64
"""Input events handed to the app between two looks at how far behind it is."""
MAX_BACKLOG = 256
"""Messages the app may have waiting (its own queue, its screen's and the focused
widget's) before the input thread stops reading."""
ASK_TIMEOUT = 0.1
"""Seconds to wait for the app's answer before looking again whether it is exiting."""
RETRY_AFTER = 0.01


def backlog(app: Any) -> int:
    """Messages waiting in the app's queues that input feeds (runs on the app's loop)."""
    pumps = [app]
    with contextlib.suppress(Exception):  # no screen yet, or closing: the app's own queue
        pumps += [app.screen, app.focused]
    return sum(pump.message_queue_size for pump in pumps if pump is not None)


class InputBacklog:
    """Holds the driver's input thread while the app is behind (see the module's text)."""

    def __init__(
        self,
        app: Any,
        loop: asyncio.AbstractEventLoop,
        stop: threading.Event,
        output_waiting: Callable[[], int] = lambda: 0,
    ) -> None:
        self._guide_app = app
        self._output_waiting = output_waiting
        self._app_loop = loop
        self._stop = stop
        self._since_check = 0
        self._loop_thread = threading.get_ident()
        """Made on the app's thread; only another thread (the input thread) ever waits."""

    def handed_over(self, message: Message) -> None:
        """Called in the input thread after each message reaches the app."""
        if not isinstance(message, events.InputEvent | events.Paste):
            return
        if threading.get_ident() == self._loop_thread:
            return
        self._since_check += 1
        if self._since_check >= CHECK_EVERY:
            self._since_check = 0
            self.wait_until_caught_up()

    def behind(self) -> bool:
        """Whether the app has too much waiting to be handed more (on the app's loop): too
        many messages, or too much output its terminal has not taken."""
        return self.output_behind() or backlog(self._guide_app) > MAX_BACKLOG

    def output_behind(self) -> bool:
        """Whether the app's terminal has more than ``MAX_WAITING`` characters still to take
        (see ``mbc_tui.output_thread``): no key is read until it has taken them."""
        return self._output_waiting() > MAX_WAITING

    def wait_until_caught_up(self) -> None:
        """Return once the app's backlog is small, or the driver is stopping."""
        while not self._stop.is_set():
            answer: Future[int] = Future()
            try:
                self._app_loop.call_soon_threadsafe(self._measure, answer)
                waiting = answer.result(ASK_TIMEOUT)
            except FutureTimeout:
                continue  # the app is busy: keep waiting, keep not reading
            except RuntimeError:  # the loop is closed
                return
            if waiting <= MAX_BACKLOG:
                return
            self._stop.wait(RETRY_AFTER)

    def _measure(self, answer: Future[int]) -> None:
        # Runs on the app's loop after every message posted before it: nothing in transit.
        if not answer.done():
            answer.set_result(backlog(self._guide_app))
