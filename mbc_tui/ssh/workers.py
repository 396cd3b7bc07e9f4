"""Several readers per app process (``serve --readers-per-process N``): the server's side.

Each reader still gets a pseudo-terminal of their own (the server keeps the master end, the
line discipline is the kernel's, as with one process per reader), but their app runs in a
*worker*: a process forked from the warm parent that runs up to N readers' apps, each as a
task on its own pty (see :mod:`mbc_tui.ssh_app.worker`). The pages a worker copies from the
warm parent (most of a session's memory) are then paid once per worker, not per reader.

No signal can reach one app among several, so the server talks to a worker over a socket
pair, one message per packet (``SOCK_SEQPACKET``), the pty's slave end (and a spare's ready
pipe) passed along with ``start``:

- server to worker, pickled (the worker trusts the server): ``("start", id, request)`` with
  the fds; ``("control", id, what)``, what being ``resize``, ``idle`` (the idle warning),
  ``active`` (clear it), ``attach`` (a spare's reader is here) or ``end``;
- worker to server, never unpickled (a worker runs what readers drive; the server holds the
  host key): ``ended ID EXIT_CODE`` in ASCII, anything else ignored.

Closing the socket ends the worker (every app still in it is ended first). A worker takes
readers until it has served :data:`READERS_PER_WORKER_LIFE` times N of them, then ends when
its last reader leaves (memory a long-lived process fragments is given back); an empty
worker ends too while another has room.

Plain asyncio; no Textual here (this runs in the server process).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import pickle
import re
import signal
import socket
from typing import Any

from mbc_tui.ssh.process_watch import alive, stopped, watch_end
from mbc_tui.ssh.spawner import AppProcess, AppRequest, _context, _PassFd

log = logging.getLogger("mbc_tui.ssh")

READERS_PER_WORKER_LIFE = 8
"""A worker serves at most this many times its capacity of readers, then retires."""

MESSAGE_SIZE = 65536

SIGNAL_MESSAGES = {
    signal.SIGUSR1: "idle",
    signal.SIGUSR2: "active",
    signal.SIGTERM: "end",
    signal.SIGHUP: "end",
}
"""What each signal the session sends an app of its own becomes for an app in a worker."""


def _worker_main(control: int) -> None:
    from mbc_tui.ssh_app import worker

    worker.serve(control)


class Worker:
    """One worker process and the server's end of its control socket."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.apps: dict[int, PooledApp] = {}
        self.served = 0
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._process = _context.Process(
                target=_worker_main,
                args=(_PassFd(theirs.fileno()),),
                daemon=True,
                name="mbc-tui-readers",
            )
            self._process.start()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        ours.setblocking(False)
        self._socket: socket.socket | None = ours
        self.pid: int = self._process.pid or 0
        self._killed = False
        loop = asyncio.get_running_loop()
        self._exited: asyncio.Future[int | None] = loop.create_future()
        loop.add_reader(ours.fileno(), self._on_message)
        loop.add_reader(self._process.sentinel, self._on_sentinel)

    @property
    def running(self) -> bool:
        return not self._exited.done()

    @property
    def has_room(self) -> bool:
        """It may take another reader's app: running (not killed, not stopped by a signal or
        a tracer: an app placed there would never draw), not full, not retired."""
        return (
            self.running
            and not self._killed
            and self._socket is not None
            and len(self.apps) < self.capacity
            and self.served < self.capacity * READERS_PER_WORKER_LIFE
            and not stopped(self.pid)
        )

    def start(self, app: PooledApp, slave: int, request: AppRequest, ready_write: int) -> None:
        """Hand the worker a reader's app (it takes its own copies of the fds)."""
        fds = [slave] if ready_write < 0 else [slave, ready_write]
        self._send(("start", app.app_id, request), fds)
        self.apps[app.app_id] = app
        self.served += 1

    def control(self, app_id: int, what: str) -> None:
        if app_id in self.apps:
            self._send(("control", app_id, what))

    def _send(self, message: tuple[Any, ...], fds: list[int] | None = None) -> None:
        if self._socket is None:
            raise OSError("the worker has ended")
        socket.send_fds(self._socket, [pickle.dumps(message)], fds or [])

    def _on_message(self) -> None:
        assert self._socket is not None
        try:
            data = self._socket.recv(MESSAGE_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # the worker has gone: its sentinel says how
            asyncio.get_running_loop().remove_reader(self._socket.fileno())
            return
        ended = parse_ended(data)
        if ended is not None and (app := self.apps.pop(ended[0], None)) is not None:
            app.ended(ended[1])

    def _on_sentinel(self) -> None:
        asyncio.get_running_loop().remove_reader(self._process.sentinel)
        if alive(self.pid):  # the warm parent went, not the worker: see ssh/process_watch.py
            watch_end(self.pid, lambda: self._ended(None))
            return
        self._process.join(0)
        self._ended(self._process.exitcode)

    def _ended(self, code: int | None) -> None:
        """The worker process has ended (``code`` None: how is not known)."""
        if not self._exited.done():
            self._exited.set_result(code)
        self.close()
        apps, self.apps = self.apps, {}
        for app in apps.values():  # the whole process went: each of its readers is told
            app.ended(code if code else -1)
        with contextlib.suppress(ValueError):
            self._process.close()

    def close(self) -> None:
        """Close the control socket: the worker ends its apps and exits."""
        if self._socket is not None:
            with contextlib.suppress(ValueError, OSError):
                asyncio.get_running_loop().remove_reader(self._socket.fileno())
            self._socket.close()
            self._socket = None

    def kill(self) -> None:
        self._killed = True  # no reader is placed here while it goes
        if self.running:  # by pid: multiprocessing may think it gone (see process_watch)
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    async def wait(self, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._exited), timeout)


def parse_ended(data: bytes) -> tuple[int, int] | None:
    """``(app id, exit code)`` from a worker's ``ended ID CODE``; None for anything else."""
    match = ENDED.fullmatch(data)
    return (int(match[1]), int(match[2])) if match else None


ENDED = re.compile(rb"ended (\d{1,18}) (-?\d{1,5})")


class WorkerPool:
    """The workers of a server run with ``--readers-per-process N`` (N > 1)."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.workers: list[Worker] = []
        self._ids = itertools.count(1)

    def next_id(self) -> int:
        return next(self._ids)

    def worker_for_next(self) -> Worker:
        """The worker the next reader's app goes to: the fullest that has room (so that
        workers fill up and empty ones can end), else a new one."""
        self.workers = [worker for worker in self.workers if worker.running]
        with_room = [worker for worker in self.workers if worker.has_room]
        if with_room:
            return max(with_room, key=lambda worker: len(worker.apps))
        worker = Worker(self.capacity)
        self.workers.append(worker)
        return worker

    def app_left(self, worker: Worker) -> None:
        """A reader's app in ``worker`` has ended: end the worker if it is empty and either
        retired or not needed (another worker has room)."""
        if worker.apps or not worker.running:
            return
        others = any(other.has_room for other in self.workers if other is not worker)
        if not worker.has_room or others:
            worker.close()

    async def stop(self, grace: float = 2.0) -> None:
        for worker in self.workers:
            worker.close()
        for worker in self.workers:
            await worker.wait(grace)
            worker.kill()
        self.workers.clear()


class PooledApp(AppProcess):
    """One reader's app in a worker: what :class:`AppProcess` is for an app with a process
    of its own (the session and the spares use either alike)."""

    def __init__(self, request: AppRequest, pool: WorkerPool) -> None:
        self._pool = pool
        self.app_id = pool.next_id()
        self.readers_sharing = pool.capacity
        super().__init__(request)

    def _start(self, slave: int, request: AppRequest, ready_write: int) -> None:
        self.worker = self._pool.worker_for_next()
        self.pid = self.worker.pid
        loop = asyncio.get_running_loop()
        self._exited = loop.create_future()
        self.worker.start(self, slave, request, ready_write)

    def ended(self, code: int | None) -> None:
        """The worker says this app has ended (or the worker itself has)."""
        self._on_ready()
        if not self._exited.done():
            self._exited.set_result(code)
        self._pool.app_left(self.worker)

    def signal(self, signum: int) -> None:
        what = SIGNAL_MESSAGES.get(signum)
        if what is not None and self.running:
            with contextlib.suppress(OSError):
                self.worker.control(self.app_id, what)

    def attach(self, columns: int, rows: int) -> None:
        self._on_ready()
        self.resize(columns, rows)
        self.signal_attach()

    def signal_attach(self) -> None:
        if self.running:
            with contextlib.suppress(OSError):
                self.worker.control(self.app_id, "attach")

    def resize(self, columns: int, rows: int) -> None:
        super().resize(columns, rows)
        if self.running:  # no SIGWINCH reaches an app without a controlling terminal
            with contextlib.suppress(OSError):
                self.worker.control(self.app_id, "resize")

    async def stop(self, grace: float = 2.0) -> bool:
        """Ask the app to end; if it has not within ``grace`` seconds, the worker's event
        loop is stuck (every app in it is): the worker is killed. True if killed."""
        if not self.running:
            return False
        self.signal(signal.SIGTERM)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wait(), grace)
            return False
        log.error("app in worker pid=%d did not end; worker killed", self.pid)
        self.worker.kill()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.wait(), 5.0)
        return True

    def release(self) -> None:
        """Nothing to free: the worker is the pool's."""
