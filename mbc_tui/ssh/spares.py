"""Spare apps: started while the server is quiet, taken by readers as they arrive.

Starting the guide costs a session's process about a fifth of a CPU-second (Textual builds
and styles the screen, lays it out and draws it). When many readers arrive at once, on a
machine with few cores, they queue for that CPU. So the server starts apps *before* readers
arrive, like a pre-forking web server keeps spare workers: each spare draws its first screen
at 80x24 and holds it (see :mod:`mbc_tui.ssh_app.spare`); a reader who arrives takes one and
sees that screen at once, or after one redraw if their window is another size.

- Spares count against ``--max-sessions``: the server never holds more app processes than
  that, spares included (so memory is bounded exactly as before).
- An app depends on what the reader's terminal is (TERM, colour, low-bandwidth): a spare
  only fits a reader whose request matches. The spares follow demand: each one taken, or
  missed, is replaced by a spare for that kind of reader.
- Spares are started one at a time, and only while no reader is waiting for an app: they
  never take CPU from a reader. A spare that ends by itself is replaced.

Plain asyncio; no Textual here (this runs in the server process).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from mbc_tui.ssh.spawner import AppProcess, AppRequest

log = logging.getLogger("mbc_tui.ssh")

QUIET_FOR = 0.3
"""Seconds without a reader arriving before a spare is started."""

MAX_BACKOFF = 60.0
"""At most this long between spares that keep ending by themselves."""

FIRST_SCREEN_WAIT = 10.0
"""At most this long for a spare to draw its screen before the next one is started."""


class SpareApps:
    """Keeps up to ``target`` spare apps, within the room ``room()`` says is left."""

    def __init__(self, target: int, room: Callable[[], int], default: AppRequest) -> None:
        self.target = target
        self._room = room
        self._default = default.as_spare()
        self._spares: dict[AppRequest, list[AppProcess]] = {}
        self._wanted: list[AppRequest] = []
        """Kinds of spare to start next, oldest first (readers who took or missed one)."""
        self._waiting_readers = 0
        self._last_arrival = 0.0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._endings: set[asyncio.Task[None]] = set()
        self._early_exits = 0
        """Spares that ended by themselves in a row (each waits longer before the next)."""
        self._retry_at = 0.0

    def __len__(self) -> int:
        return sum(len(spares) for spares in self._spares.values())

    def start(self) -> None:
        """Begin keeping spares (in the background)."""
        if self.target > 0 and self._task is None:
            self._task = asyncio.create_task(self._keep_spares())
            self._wake.set()

    def take(self, request: AppRequest) -> AppProcess | None:
        """A spare for this reader, attached to their window size; or None (start one)."""
        self._last_arrival = asyncio.get_running_loop().time()
        if self.target <= 0 or request.line_mode:
            return None
        key = request.as_spare()  # what a spare must match: all but the window size
        self._wanted.append(key)
        del self._wanted[: -self.target]
        spares = self._spares.get(key, [])
        while spares:
            app = spares.pop(0)
            if app.running:
                app.attach(request.columns, request.rows)
                self._wake.set()
                return app
            self._discard(app)
        self._wake.set()
        return None

    def reader_waiting(self) -> None:
        """A reader's own app is starting (no spare fitted): no spare is started until
        :meth:`reader_served`, so that readers get the CPU first."""
        self._waiting_readers += 1

    def reader_served(self) -> None:
        """That reader's app has drawn (or failed)."""
        self._waiting_readers -= 1
        self._wake.set()

    def room_changed(self) -> None:
        """A session ended: there may be room for a spare again."""
        self._wake.set()

    def make_room(self) -> None:
        """A reader needs an app and the server is at its cap: end a spare to make room."""
        for spares in self._spares.values():
            if spares:
                task = asyncio.create_task(self._end(spares.pop()))
                self._endings.add(task)
                task.add_done_callback(self._endings.discard)
                return

    async def stop(self) -> None:
        self._stopping = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        apps = [app for spares in self._spares.values() for app in spares]
        self._spares.clear()
        await asyncio.gather(*(self._end(app) for app in apps), *self._endings)

    # --- keeping them ---------------------------------------------------------------------

    async def _keep_spares(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping:
            await self._wake.wait()
            self._wake.clear()
            while len(self) < self.target and self._room() > 0:
                start_at = max(self._last_arrival + QUIET_FOR, self._retry_at)
                if self._waiting_readers or loop.time() < start_at:
                    await asyncio.sleep(max(0.05, start_at - loop.time()))
                    continue
                await self._start_one(self._wanted.pop(0) if self._wanted else self._default)

    async def _start_one(self, key: AppRequest) -> None:
        try:
            app = AppProcess(key)
        except Exception as error:  # logged, retried when next woken; readers unaffected
            log.error("spare app start failed: %s", str(error) or type(error).__name__)
            await asyncio.sleep(1.0)
            return
        self._spares.setdefault(key, []).append(app)
        app.exited_callback(lambda: self._on_exit(key, app))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(app.ready()), FIRST_SCREEN_WAIT)
        if app.running:
            self._early_exits = 0

    def _on_exit(self, key: AppRequest, app: AppProcess) -> None:
        spares = self._spares.get(key, [])
        if app in spares:  # a spare ended before anyone took it: not normal
            spares.remove(app)
            self._discard(app)
            log.error("spare app exited (%s) before a reader took it", app.exit_code)
            # Wait longer each time it happens in a row: never a loop of failing starts.
            self._early_exits += 1
            backoff = min(MAX_BACKOFF, 2.0**self._early_exits)
            self._retry_at = asyncio.get_running_loop().time() + backoff
            if not self._stopping:
                self._wake.set()

    def _discard(self, app: AppProcess) -> None:
        app.close_master()
        app.release()

    async def _end(self, app: AppProcess) -> None:
        await app.stop()
        self._discard(app)
