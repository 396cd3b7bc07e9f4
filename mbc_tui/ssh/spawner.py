"""Starts one app process per session on a fresh pseudo-terminal, from a warm parent.

The warm parent is multiprocessing's forkserver with :mod:`mbc_tui.ssh_app.main`
preloaded: it has imported Textual and loaded the content once, and forks a session's
process in milliseconds. The SSH server's own process (whose event loop is running) is never
forked; it only opens the pty pair, hands the slave end to the forkserver and keeps the master.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import multiprocessing
import multiprocessing.reduction
import os
import signal
import struct
import termios
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from mbc_tui.ssh.environment import app_environment
from mbc_tui.ssh.process_watch import alive, stopped, watch_end
from mbc_tui.terminal.display_profile import DisplayProfile

ATTACH_SIGNAL = signal.SIGRTMIN
"""Sent to a spare app when a reader takes it (see :mod:`mbc_tui.ssh_app.spare`)."""

SPARE_SIZE = (80, 24)
"""The size spare apps are drawn at, before their readers arrive."""

PRELOAD = [
    "mbc_tui.ssh.warm_environment",
    "mbc_tui.ssh.warm_parent_signals",
    "mbc_tui.ssh_app.main",
    "mbc_tui.ssh_app.worker",
]
"""Imported in this order by the warm parent (never by the server)."""

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


def _ready() -> None:
    """Runs in a child of the warm parent: its only job is to exist."""


def warm_up() -> None:
    """Start the warm parent and wait until it has imported Textual, loaded the content and
    rehearsed the app. Blocking (seconds): call it before the server listens, never after."""
    probe = _context.Process(target=_ready, daemon=True, name="mbc-tui-warm-up")
    probe.start()
    probe.join()
    probe.close()


@dataclass(frozen=True)
class AppRequest:
    """What app a session's process runs, and how: carried (pickled) to that process as it
    is. Equal requests but for the window size are served by the same kind of spare."""

    term: str
    columns: int
    rows: int
    profile: DisplayProfile = field(default_factory=DisplayProfile)
    """How the full-screen app draws: applied by the app itself, in its process."""
    line_mode: bool = False
    """The line-mode reader instead of the full-screen app."""
    echo: bool = True
    """Whether the session's terminal echoes what is typed (not for ``ssh -T``: the
    reader's own terminal already shows it)."""
    content: str | None = None
    first_slug: str | None = None
    idle_warning_seconds: float = 60.0
    build_screens_ahead: bool = False
    """Build the other screens while the reader reads (``serve --build-screens-ahead``)."""
    spare: bool = False
    """Started before its reader arrives, its output held until :meth:`AppProcess.attach`."""

    def as_spare(self) -> AppRequest:
        """The same app, as a spare at the standard size."""
        return replace(self, columns=SPARE_SIZE[0], rows=SPARE_SIZE[1], spare=True)

    def environment(self) -> dict[str, str]:
        """The app's whole environment: nothing of the server's leaks into it."""
        return app_environment(self.term)


class _PassFd:
    """Hands a file descriptor to the forked child (multiprocessing sends it over a socket)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __reduce__(self) -> tuple[Any, ...]:
        return (_received_fd, (multiprocessing.reduction.DupFd(self.fd),))


def _received_fd(dup: Any) -> int:
    return int(dup.detach())


def _child_main(slave: int, request: AppRequest, ready: int | None = None) -> None:
    # Imported in the forkserver already (preloaded): this is a dictionary lookup.
    from mbc_tui.ssh_app import main as app_main

    app_main.run(slave, request, ready_fd=ready)


def set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class AppProcess:
    """One session's app: its process and the master end of its pseudo-terminal."""

    def __init__(self, request: AppRequest) -> None:
        master, slave = os.openpty()
        # A spare tells the server through this pipe when its first screen is drawn (and held).
        ready_read, ready_write = os.pipe() if request.spare else (-1, -1)
        try:
            set_window_size(master, request.columns, request.rows)
            self._start(slave, request, ready_write)
        except BaseException:
            os.close(master)
            if ready_read >= 0:
                os.close(ready_read)
            raise
        finally:
            os.close(slave)
            if ready_write >= 0:
                os.close(ready_write)
        os.set_blocking(master, False)
        self.master_fd = master
        loop = asyncio.get_running_loop()
        self.started_at = loop.time()
        self._ready_fd = ready_read
        self._ready: asyncio.Future[None] = loop.create_future()
        if ready_read >= 0:
            loop.add_reader(ready_read, self._on_ready)
        else:
            self._ready.set_result(None)

    def _start(self, slave: int, request: AppRequest, ready_write: int) -> None:
        """Start the app on the pty's ``slave`` end (the caller closes its copy of it), with
        the write end of the ready pipe for a spare (else -1)."""
        args: tuple[Any, ...] = (_PassFd(slave), request)
        if ready_write >= 0:
            args += (_PassFd(ready_write),)
        self._process = _context.Process(
            target=_child_main, args=args, daemon=True, name="mbc-tui-session"
        )
        self._process.start()
        self.pid: int = self._process.pid or 0
        self.sentinel: int = self._process.sentinel
        loop = asyncio.get_running_loop()
        self._exited: asyncio.Future[int | None] = loop.create_future()
        loop.add_reader(self.sentinel, self._on_sentinel)

    readers_sharing = 1
    """How many readers' apps this process may hold at once (its memory limit is that many
    times one app's)."""

    def ready(self) -> asyncio.Future[None]:
        """Done once a spare has drawn its first screen (or has exited, or been attached);
        at once for an app that is not a spare."""
        return self._ready

    def _on_ready(self) -> None:
        if self._ready_fd >= 0:
            asyncio.get_running_loop().remove_reader(self._ready_fd)
            os.close(self._ready_fd)
            self._ready_fd = -1
        if not self._ready.done():
            self._ready.set_result(None)

    @property
    def stopped(self) -> bool:
        """Stopped by a signal (SIGSTOP, SIGTSTP) or a tracer: it draws and reads nothing."""
        return stopped(self.pid)

    def exited_callback(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when the process has exited and been reaped."""
        self._exited.add_done_callback(lambda _: callback())

    def _on_sentinel(self) -> None:
        asyncio.get_running_loop().remove_reader(self.sentinel)
        if alive(self.pid):  # the warm parent went, not the app: see mbc_tui.ssh.process_watch
            watch_end(self.pid, self._on_end_without_warm_parent)
            return
        self._on_ready()
        self._process.join(0)
        if not self._exited.done():
            self._exited.set_result(self._process.exitcode)

    def _on_end_without_warm_parent(self) -> None:
        """The app has ended after its warm parent: how, nobody can say (None)."""
        self._on_ready()
        if not self._exited.done():
            self._exited.set_result(None)

    @property
    def exit_code(self) -> int | None:
        """None while running; negative: ended by that signal."""
        return self._exited.result() if self._exited.done() else None

    @property
    def running(self) -> bool:
        return not self._exited.done()

    async def wait(self) -> int | None:
        return await asyncio.shield(self._exited)

    def resize(self, columns: int, rows: int) -> None:
        """The app gets SIGWINCH from the kernel, as with any terminal."""
        if self.master_fd >= 0:
            set_window_size(self.master_fd, columns, rows)

    def attach(self, columns: int, rows: int) -> None:
        """Hand a spare app to its reader: their window size first (the kernel tells the
        app), then the signal that releases its output."""
        self._on_ready()
        self.resize(columns, rows)
        self.signal(ATTACH_SIGNAL)

    def signal(self, signum: int) -> None:
        if self.running:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signum)

    async def stop(self, grace: float = 2.0) -> bool:
        """SIGTERM, then SIGKILL after ``grace`` seconds; wait until reaped. True if killed."""
        killed = False
        if self.running:
            self.signal(signal.SIGTERM)
            self.signal(signal.SIGCONT)  # a stopped app must run to hear it
            try:
                await asyncio.wait_for(self.wait(), grace)
            except TimeoutError:
                killed = True
                self.signal(signal.SIGKILL)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wait(), 5.0)
        return killed

    def close_master(self) -> None:
        self._on_ready()
        if self.master_fd >= 0:
            os.close(self.master_fd)
            self.master_fd = -1

    def release(self) -> None:
        """Free the process object once the process is reaped (closes the sentinel)."""
        with contextlib.suppress(ValueError):
            self._process.close()
