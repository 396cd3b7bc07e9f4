"""Spare apps: started while the server is quiet, taken by readers as they arrive.

Starting the guide costs a session's process about a fifth of a CPU-second (Textual builds
and styles the screen, lays it out and draws it). When many readers arrive at once, on a
machine with few cores, they queue for that CPU. So the server starts apps *before* readers
arrive, like a pre-forking web server keeps spare workers: each spare draws its first screen
at 80x24 and holds it (see :mod:`mbc_tui.ssh_app.spare`); a reader who arrives takes one and
sees that screen at once, or after one redraw if their window is another size.

- Spares count against ``--max-sessions``: the server never holds more app processes than
  that, spares included (so memory is bounded exactly as before).
- An app depends on the reader's terminal (its TERM and the display profile that goes with
  it: colour, low-bandwidth...): a spare only fits a reader whose request matches, all but
  the window size (``AppRequest.as_spare`` is the key). How many to keep, and of which kind,
  follows the readers who arrived lately (see :mod:`mbc_tui.ssh.spare_demand`): a few of the
  common kind while it is quiet, more (and of every kind seen) while readers arrive, back to
  a few after five quiet minutes.
- Spares are started one at a time, and only while no reader is waiting for an app: they
  never take CPU from a reader. A spare that ends by itself is replaced.

Plain asyncio; no Textual here (this runs in the server process).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from mbc_tui.ssh.spare_demand import SpareDemand
from mbc_tui.ssh.spawner import AppProcess, AppRequest

log = logging.getLogger("mbc_tui.ssh")

QUIET_FOR = 0.3
"""Seconds without a reader arriving before a spare is started."""

MAX_BACKOFF = 60.0
"""At most this long between spares that keep ending by themselves."""

FIRST_SCREEN_WAIT = 10.0
"""At most this long for a spare to draw its screen before the next one is started."""

RECHECK_EVERY = 30.0
"""Seconds between looks at the demand when nothing happens (it shrinks as time passes)."""


class SpareApps:
    """Keeps ``floor`` spare apps while it is quiet and up to ``ceiling`` while readers
    arrive (see :class:`SpareDemand`), within the room ``room()`` says is left."""

    def __init__(
        self,
        floor: int,
        ceiling: int,
        room: Callable[[], int],
        default: AppRequest,
        start_app: Callable[[AppRequest], AppProcess] = AppProcess,
    ) -> None:
        self._room = room
        self._start_app = start_app
        self.demand = SpareDemand(floor, ceiling, default.as_spare())
        self._spares: dict[AppRequest, list[AppProcess]] = {}
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
        if self.demand.floor > 0 and self._task is None:
            self._task = asyncio.create_task(self._keep_spares())
            self._wake.set()

    def take(self, request: AppRequest) -> AppProcess | None:
        """A spare for this reader, attached to their window size; or None (start one)."""
        self._last_arrival = asyncio.get_running_loop().time()
        if self.demand.floor <= 0 or request.line_mode:
            return None
        key = request.as_spare()  # what a spare must match: all but the window size
        self.demand.arrived(key, self._last_arrival)
        spares = self._spares.get(key, [])
        while spares:
            app = spares.pop(0)
            if app.running and self._responsive(app):
                app.attach(request.columns, request.rows)
                self._wake.set()
                return app
            if app.running:  # never handed to a reader: ended, and replaced
                log.error("spare app pid=%d not responding; ended", app.pid)
                self._end_in_background(app)
            else:
                self._discard(app)
        self._wake.set()
        return None

    def _responsive(self, app: AppProcess) -> bool:
        """Not stopped, and it has drawn its first screen (or still has time to)."""
        if app.stopped:
            return False
        started_for = asyncio.get_running_loop().time() - app.started_at
        return app.ready().done() or started_for < FIRST_SCREEN_WAIT

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
        """A reader needs an app and the server is at its cap: end a spare to make room
        (one of the kind least wanted)."""
        key = self._least_wanted(self.demand.wanted(asyncio.get_running_loop().time()))
        if key is not None:
            self._retire(key)

    def _end_in_background(self, app: AppProcess) -> None:
        task = asyncio.create_task(self._end(app))
        self._endings.add(task)
        task.add_done_callback(self._endings.discard)

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
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), RECHECK_EVERY)
            self._wake.clear()
            while True:
                wanted = self.demand.wanted(loop.time())
                key = self._most_wanted(wanted)
                if key is None:
                    break
                if self._room() <= 0:
                    # Full: a spare of a kind wanted less may make way, else wait for room.
                    surplus = self._least_wanted(wanted)
                    if surplus is None or self._have(surplus) <= wanted.get(surplus, 0):
                        break
                    await self._end(self._take_spare(surplus))
                    continue
                start_at = max(self._last_arrival + QUIET_FOR, self._retry_at)
                if self._waiting_readers or loop.time() < start_at:
                    await asyncio.sleep(max(0.05, start_at - loop.time()))
                    continue
                await self._start_one(key)
            self._shrink(self.demand.wanted(loop.time()))

    def _have(self, key: AppRequest) -> int:
        return len(self._spares.get(key, []))

    def _most_wanted(self, wanted: dict[AppRequest, int]) -> AppRequest | None:
        """The kind furthest below what is wanted, or None if every kind has enough."""
        short = {key: count - self._have(key) for key, count in wanted.items()}
        key = max(short, key=lambda k: short[k], default=None)
        return key if key is not None and short[key] > 0 else None

    def _least_wanted(self, wanted: dict[AppRequest, int]) -> AppRequest | None:
        """The kind with spares furthest above what is wanted (the first to make way)."""
        extra = {key: len(apps) - wanted.get(key, 0) for key, apps in self._spares.items() if apps}
        return max(extra, key=lambda k: extra[k], default=None)

    def _shrink(self, wanted: dict[AppRequest, int]) -> None:
        """End spares beyond what is wanted (demand has passed)."""
        for key in list(self._spares):
            for _ in range(self._have(key) - wanted.get(key, 0)):
                self._retire(key)

    def _take_spare(self, key: AppRequest) -> AppProcess:
        """Remove the newest spare of this kind from the pool (to end it)."""
        return self._spares[key].pop()

    def _retire(self, key: AppRequest) -> None:
        self._end_in_background(self._take_spare(key))

    async def _start_one(self, key: AppRequest) -> None:
        try:
            app = self._start_app(key)
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
