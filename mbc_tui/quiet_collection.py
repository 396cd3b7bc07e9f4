"""Python's young collections moved off the reader's keys, to the quiet after them (an App
mixin).

Python's cyclic collector runs when a count of new container objects passes a threshold:
a collection of generation 0 every 700 more objects made than freed, of generation 1 every
10 of those. One key opening a screen makes thousands, so a collection lands in some key or
other: generation 1 costs 0.8-1.9 ms, a fifth of a Page Down (docs/benchmarks.md, section
``gc11``). :class:`CollectsWhenQuiet` keeps the collector's schedule but runs it when the
app is quiet: once no key has come for :data:`QUIET_AFTER` seconds (the key's frame long
written), it collects the generation Python would have collected by now, if any.

Meanwhile Python's own threshold for generation 0 is raised to :data:`BOUND`, not turned
off: a reader holding a key down (never quiet) still gets a collection every ``BOUND`` more
objects, so memory cannot grow without limit. The raised threshold is left as it is when
the app ends: the process ends with it, and put back, Python would collect (perhaps every
generation) at once, in the last key. Tests that set :attr:`CollectsWhenQuiet.
collects_when_quiet` put Python's thresholds back themselves.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

from textual import events
from textual.app import App

QUIET_AFTER = 0.5
"""Seconds without a key before the collection: a reader reading, not typing."""

BOUND = 20_000
"""Generation 0's threshold while collections wait for quiet: more objects made than freed,
since the last collection, before Python collects anyway. One key of cpu.py's journey makes
at most ~7,500 (opening a section at 120x40): twice that leaves room for larger windows."""


def generation_due(counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int | None:
    """The generation Python's own thresholds would have collected by now (the oldest one
    due), or None if none is due. ``counts`` and ``thresholds`` as ``gc.get_count()`` and
    ``gc.get_threshold()`` give them (Python's own thresholds, not :data:`BOUND`)."""
    if counts[0] <= thresholds[0]:
        return None
    if counts[2] > thresholds[2]:
        return 2
    return 1 if counts[1] > thresholds[1] else 0


class CollectsWhenQuiet(App[Any]):
    """An app whose automatic collections wait for quiet once :attr:`collects_when_quiet`
    is set (before it runs); from its first quiet moment, its first screen drawn."""

    collects_when_quiet: bool = False
    """Set where the guide serves a reader (the local app, SSH sessions, the web app); the
    tests' apps leave Python's collector as it is."""
    collect_after_quiet: float = QUIET_AFTER
    """Seconds without a key before collecting."""

    _python_thresholds: tuple[int, int, int] | None = None
    _last_key: float = 0.0
    _collect_timer: asyncio.TimerHandle | None = None

    def on_mount(self) -> None:
        if self.collects_when_quiet:
            self._collect_when_quiet()

    def on_unmount(self) -> None:
        if self._collect_timer is not None:  # the loop may run on (tests)
            self._collect_timer.cancel()
            self._collect_timer = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent) and self.collects_when_quiet:
            self._last_key = time.monotonic()
            if self._collect_timer is None:
                self._collect_when_quiet()
        await super().on_event(event)

    def _collect_when_quiet(self, delay: float | None = None) -> None:
        # The event loop's own timer: a Textual timer is a task and a message per wait.
        self._collect_timer = asyncio.get_running_loop().call_later(
            self.collect_after_quiet if delay is None else delay, self._collect_if_quiet
        )

    def _collect_if_quiet(self) -> None:
        quiet_left = self._last_key + self.collect_after_quiet - time.monotonic()
        if quiet_left > 0:  # a key came meanwhile: wait for quiet after it
            self._collect_when_quiet(quiet_left)
            return
        self._collect_timer = None
        if self._python_thresholds is None:  # the first quiet: from now on, collect here
            self._python_thresholds = gc.get_threshold()
            gc.set_threshold(BOUND, *self._python_thresholds[1:])
            # Not now: what starting left is collected once the screens are built ahead
            # (``built_ahead``), or a moment after the first screen in a session (``ssh_app``).
            return
        due = generation_due(gc.get_count(), self._python_thresholds)
        if due is not None:
            gc.collect(due)

    @property
    def collecting_when_quiet(self) -> bool:
        """Whether Python's own collections now wait for quiet (:data:`BOUND` holds)."""
        return self._python_thresholds is not None
