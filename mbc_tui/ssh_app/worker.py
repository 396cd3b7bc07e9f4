"""Several readers' apps in one process: each on its own pseudo-terminal, as its own task.

With ``serve --readers-per-process N`` a process forked from the warm parent serves up to N
full-screen readers at once (see :mod:`mbc_tui.ssh.workers` for the server's side). Each
copied page of the warm parent (Python writes a reference count into every object it
touches: see docs/benchmarks.md, "session_memory.py") is then paid once per process, not
once per reader.

Each reader's app reads and writes its own pty's slave end (the lean driver's
``terminal_fd``): the process has no controlling terminal, and no signal reaches one app
alone, so window changes, the idle warning, attaching a spare and ending a session arrive
as messages (:mod:`mbc_tui.ssh.workers` describes them). An error ends only the app it
happened in; the others go on drawing.

This module is preloaded by the warm parent (with :mod:`mbc_tui.ssh_app.main`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import pickle
import socket
import sys
from dataclasses import dataclass, field

from mbc_tui.app import GuideApp
from mbc_tui.failure import EXIT_STOPPED, traceback_text
from mbc_tui.lean_driver import LeanLinuxDriver
from mbc_tui.ssh.environment import BASE_ENVIRONMENT
from mbc_tui.ssh.spawner import AppRequest
from mbc_tui.ssh_app import rehearsal
from mbc_tui.ssh_app.main import TIDY_AFTER, InlineExecutor, guide_for, session_app, warn_idle
from mbc_tui.ssh_app.operator_log import OperatorLog
from mbc_tui.ssh_app.spare import SpareGuideApp
from mbc_tui.textual_compat import app_driver, keep_standard_streams

MESSAGE_SIZE = 65536

WORKER_TERM = "xterm-256color"
"""A worker's TERM (its readers' terminals differ; their requests say how each app draws)."""

FREE_AFTER = 1.0
"""Seconds after a reader's app has ended when the worker collects what it left."""


@dataclass
class Reader:
    """One reader's app in the worker, and the slave end of its pty (closed when it ends)."""

    slave_fd: int
    request: AppRequest
    ready_fd: int | None = None
    app: GuideApp | None = None
    exit_code: int | None = None
    pending: list[str] = field(default_factory=list)
    """Control messages that came before the app was made."""


def enter_worker() -> None:
    """Become a worker process: its own session (no controlling terminal), a clean
    environment (the base and a common TERM: each app draws as its request's display profile
    says, not as the environment would), standard streams to nowhere (the operator's log was
    kept first: see :class:`OperatorLog`)."""
    os.setsid()
    os.environ.clear()
    os.environ.update({**BASE_ENVIRONMENT, "TERM": WORKER_TERM})
    null = os.open(os.devnull, os.O_RDWR)
    for target in (0, 1, 2):
        os.dup2(null, target)
    os.close(null)
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def make_app(reader: Reader, log: OperatorLog) -> GuideApp:
    """The reader's app, on the reader's own terminal."""
    app = session_app(guide_for(reader.request), reader.request, reader.ready_fd, log)
    app.terminal_fd = reader.slave_fd
    app.takes_turns = True  # the other readers' apps run in the same loop
    keep_standard_streams(app)
    return app


async def run_reader(reader: Reader, log: OperatorLog) -> int:
    """Run one reader's app until it ends; its exit code (``EXIT_STOPPED`` after an error,
    which is logged and ends this app alone). The slave end is closed after."""
    try:
        app = reader.app = make_app(reader, log)
        for message in reader.pending:
            control(reader, message)
        reader.pending.clear()
        await app.run_async()
        code = EXIT_STOPPED if app.failure is not None else 0
        if app.terminal_written is not None:
            # Its last frames, and the terminal given back: written by its own thread,
            # which must be done with the terminal before the terminal is closed (the
            # next reader's may get the same number). The server reads the terminal
            # while it ends a session, so this ends.
            await app.terminal_written
    except Exception as error:  # building or running it: this reader's alone
        log.app_stopped(traceback_text(error))
        code = EXIT_STOPPED
    finally:
        os.close(reader.slave_fd)
        if isinstance(reader.app, SpareGuideApp) and reader.app.ready_fd is not None:
            os.close(reader.app.ready_fd)  # a spare that ended before it drew
            reader.app.ready_fd = None
        reader.app = None  # its objects go with the task
    reader.exit_code = code
    return code


def control(reader: Reader, message: str) -> None:
    """Act on a message from the server for this reader's app (what a signal does for an app
    in a process of its own): ``resize``, ``idle`` (the idle warning), ``active`` (clear it),
    ``attach`` (a spare's reader is here), ``end``."""
    app = reader.app
    if app is None:
        reader.pending.append(message)
    elif message == "end":
        app.exit()
    else:  # run as part of the app (Textual's context: its active app), in its turn
        app.call_later(_act, app, reader.request, message)


def _act(app: GuideApp, request: AppRequest, message: str) -> None:
    if message == "idle":
        warn_idle(app, request.idle_warning_seconds)
    elif message == "active":
        app.clear_notifications()
    elif message == "resize" and isinstance(driver := app_driver(app), LeanLinuxDriver):
        driver.window_changed()
    elif message == "attach" and isinstance(app, SpareGuideApp):
        app.reader_arrived()


def free_what_readers_left() -> None:
    """Free the objects of apps that have ended: empty the bounded caches of Textual and Rich
    (some keep objects of an app as keys: its key parser, its widgets' styles caches and
    their lines; the other readers' apps refill what they use), then collect (an app is a
    web of reference cycles, and a full collection is rare: see mbc_tui.quiet_collection)."""
    for cache in rehearsal.shared_bounded_caches:
        cache.cache_clear()  # type: ignore[attr-defined]
    gc.collect()


def start_loop() -> asyncio.AbstractEventLoop:
    """The worker's event loop, as a session's own (jobs run inline, no thread pool)."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.set_default_executor(InlineExecutor())
    return loop


def serve(control_fd: int) -> None:
    """Be a worker for the server (see :mod:`mbc_tui.ssh.workers`): take readers' apps as
    the control socket hands them over, run each until it ends and say so; when the server
    closes the socket, end every app still running and exit."""
    log = OperatorLog()
    enter_worker()
    control_socket = socket.socket(fileno=control_fd)
    control_socket.setblocking(False)
    loop = start_loop()
    try:
        loop.run_until_complete(Worker(control_socket, log).run())
    finally:
        loop.close()


class Worker:
    """The worker's side of the control socket, and the readers it serves."""

    def __init__(self, control_socket: socket.socket, log: OperatorLog) -> None:
        self._socket = control_socket
        self._log = log
        self._readers: dict[int, Reader] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = asyncio.Event()

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        loop.add_reader(self._socket.fileno(), self._on_message)
        await self._closed.wait()
        loop.remove_reader(self._socket.fileno())
        for reader in self._readers.values():
            control(reader, "end")
        if self._tasks:
            await asyncio.wait(self._tasks)
        self._socket.close()

    def _on_message(self) -> None:
        try:
            data, fds, _, _ = socket.recv_fds(self._socket, MESSAGE_SIZE, 2)
        except BlockingIOError:
            return
        except OSError:
            data, fds = b"", []
        if not data:
            for fd in fds:
                os.close(fd)
            self._closed.set()
            return
        message = pickle.loads(data)
        if message[0] == "start":
            _, reader_id, request = message
            reader = Reader(fds[0], request, fds[1] if len(fds) > 1 else None)
            self._readers[reader_id] = reader
            task = asyncio.create_task(self._serve(reader_id, reader))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        elif message[0] == "control" and (reader := self._readers.get(message[1])) is not None:
            control(reader, message[2])

    async def _serve(self, reader_id: int, reader: Reader) -> None:
        asyncio.get_running_loop().call_later(TIDY_AFTER, gc.collect)
        # A task of its own: Textual marks the app as the active one in the task's context,
        # which would keep it alive as long as the task that ran it.
        code = await asyncio.create_task(run_reader(reader, self._log))
        del self._readers[reader_id]
        with contextlib.suppress(OSError):
            self._socket.send(f"ended {reader_id} {code}".encode("ascii"))
        # A moment later (the app's threads and the tasks of its widgets take a few turns
        # of the loop to end, and hold it until then): what it left, freed.
        asyncio.get_running_loop().call_later(FREE_AFTER, free_what_readers_left)
