"""Screens built while the reader reads, before they are asked for (an App mixin).

The first opening of a screen (the explorer, help, search, the glossary, the summary) is
most of its cost: its widgets are made, styled and laid out, twice over as Textual finds
its scroll bars, before the first frame. Opened again, a kept screen (``GuideApp.
fresh_screen``) costs a repaint. :class:`BuildsScreensAhead` makes the first opening a
reopening: once the app has been quiet for a while (no key, no mouse), it builds each screen
a reader is likely to open, one small step at a time, without showing it (started,
composed and laid out at the window's size; see :mod:`mbc_tui.textual_compat`).

Nothing is drawn and nothing moves: a screen built ahead is what a screen opened and closed
again would be. A key stops the work until the app is quiet again, so a step never stands
between a reader and the answer to a key for longer than one step (a few milliseconds).
The work is not free, only moved: it is done while the reader reads, not while they wait
(``benchmarks/cpu.py`` shows it as idle CPU), and each screen built holds its memory
whether it is opened or not (docs/benchmarks.md has both figures).

Once every screen is built, a full collection and ``gc.freeze()``: what the app has made
lives as long as it does, and the collector's full passes no longer walk it (one full pass
landed on some key or other and cost it ~7 ms).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.timer import Timer

from mbc_tui.textual_compat import (
    lay_out_unshown,
    layout_pending,
    rendered_strips,
    start_screen,
)

ScreenMaker = tuple[str, Callable[[], Screen[Any]]]
"""A screen's name (``App.install_screen``) and what makes it."""

READER_QUIET = 1.0
"""Seconds without a key, once a reader has the guide, before screens are built: the
first screen is long drawn, and the reader is reading it."""

MOUNT_CHECKS = 50
"""Steps at most to wait for a started screen to mount."""
LAYOUTS = 3
"""Layouts at most per screen: Textual asks for another as scroll bars appear."""
STEP_GAP = 0.02
"""Seconds between two steps: time for a key to come in between."""


class BuildsScreensAhead(App[Any]):
    """An app that builds :meth:`screens_to_build_ahead` while it is quiet: from its start
    if :attr:`build_ahead_after` is set, else once :meth:`build_ahead` is called."""

    build_ahead_after: float | None = None
    """Seconds without a key, from the start, before building begins; None: not then (the
    tests' apps, whose screens are made as they are opened)."""

    def on_mount(self) -> None:
        if self.build_ahead_after is not None:
            self.build_ahead(self.build_ahead_after)

    _quiet_for: float = 0.0
    _last_input: float = 0.0
    _build_timer: Timer | None = None
    _steps: Iterator[None] | None = None

    def screens_to_build_ahead(self) -> Sequence[ScreenMaker]:
        """The screens to build, most likely to be opened first."""
        return ()

    def build_ahead(self, after_quiet: float, *, at_once: bool = False) -> None:
        """Build the screens once no key has come for ``after_quiet`` seconds; ``at_once``:
        begin now (a spare, whose reader is not there yet), and wait for quiet only after a
        key."""
        if self._steps is not None:
            return
        self._quiet_for = after_quiet
        self._last_input = time.monotonic() - (after_quiet if at_once else 0)
        self._steps = self._building()
        self._next_step(0 if at_once else after_quiet)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = time.monotonic()
        await super().on_event(event)

    @property
    def building_ahead(self) -> bool:
        """Whether screens are still to be built."""
        return self._build_timer is not None

    def _next_step(self, delay: float) -> None:
        self._build_timer = self.set_timer(max(delay, STEP_GAP), self._step, name="build ahead")

    def _step(self) -> None:
        quiet_left = self._last_input + self._quiet_for - time.monotonic()
        if quiet_left > 0:  # a key came: wait until the app is quiet again
            self._next_step(quiet_left)
            return
        if self._steps is None or next(self._steps, StopIteration) is StopIteration:
            self._build_timer = None
            return
        self._next_step(STEP_GAP)

    def _building(self) -> Iterator[None]:
        """One step per ``next``: each screen started, then laid out as often as Textual
        asks, then the collector's pass."""
        for name, make in self.screens_to_build_ahead():
            if not self.is_screen_installed(name):
                self.install_screen(make(), name)
            screen = self.get_screen(name)
            if screen.is_running:
                continue  # opened already
            start_screen(self, screen)
            yield
            for _ in range(MOUNT_CHECKS):
                if screen.is_mounted:
                    break
                yield
            for _ in range(LAYOUTS):
                if self._shown(screen):
                    break
                lay_out_unshown(screen, self.size)
                yield
                if self._shown(screen):
                    break
                # What the layout started (its scroll bars) is styled now, not as it is shown.
                screen.update_node_styles(animate=False)
                if not layout_pending(screen):
                    break
            if not self._shown(screen):
                rendered_strips(screen)  # each widget's lines drawn (and kept) now
                yield
        gc.collect()
        gc.freeze()

    def _shown(self, screen: Screen[Any]) -> bool:
        """Whether ``screen`` was opened (Textual then lays it out), or is not mounted."""
        return screen in self.screen_stack or not screen.is_mounted
