"""Runs inside each session's own process: the guide on the session's pseudo-terminal.

This module is preloaded by the warm parent (the forkserver), so Textual, the app and the
content are already imported and loaded when a session's process is forked from it. The
SSH server itself never imports this module.
"""

from __future__ import annotations

import asyncio
import fcntl
import gc
import os
import shutil
import signal
import sys
import termios
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.built_ahead import READER_QUIET
from mbc_tui.core.content import Guide, load_guide
from mbc_tui.failure import EXIT_STOPPED, traceback_text
from mbc_tui.plain.line_mode import run_line_mode
from mbc_tui.ssh import messages
from mbc_tui.ssh.spawner import ATTACH_SIGNAL, AppRequest
from mbc_tui.ssh_app.operator_log import OperatorLog
from mbc_tui.ssh_app.page_merging import allow_page_merging
from mbc_tui.ssh_app.rehearsal import warm_up
from mbc_tui.ssh_app.spare import SpareGuideApp

# Held back (not lost) in the warm parent and so in every process forked from it, until a
# spare app is ready to act on it: a reader may take a spare the moment it is forked.
signal.pthread_sigmask(signal.SIG_BLOCK, {ATTACH_SIGNAL})

T = TypeVar("T")

TIDY_AFTER = 2.0
"""Seconds after a session's app starts, when its first screen is long drawn."""

_BUILT_IN_GUIDE: Guide = load_guide()
"""Loaded once in the warm parent; every session shares its pages."""


allow_page_merging()  # every session's copies of shared pages may be merged back
warm_up(_BUILT_IN_GUIDE)  # before any session is forked: see rehearsal.py


def run(slave_fd: int, request: AppRequest, *, ready_fd: int | None = None) -> None:
    """Become a session: own session and controlling tty, clean environment, then the app
    (or the line-mode reader) as ``request`` says. With ``ready_fd``, a spare app (see
    :mod:`mbc_tui.ssh_app.spare`) that says on that pipe when its first screen is drawn.

    An error that stops it is reported in the server's log, never on the reader's terminal,
    and the process exits with ``EXIT_STOPPED`` (the server then tells the reader, calmly)."""
    log = OperatorLog()
    try:
        stopped = _run_session(log, slave_fd, request, ready_fd)
    except Exception as error:
        log.app_stopped(traceback_text(error))
        stopped = True
    if stopped:
        sys.exit(EXIT_STOPPED)


def _run_session(
    log: OperatorLog, slave_fd: int, request: AppRequest, ready_fd: int | None
) -> bool:
    """The session itself; True if its app stopped on an error (already logged)."""
    _attach_terminal(slave_fd)
    os.environ.clear()
    os.environ.update(request.environment())
    guide = guide_for(request)
    if request.line_mode:
        _run_line_mode(guide, request.first_slug, request.echo)
        return False
    app = session_app(guide, request, ready_fd, log)
    asyncio.run(_run_app(app, request.idle_warning_seconds))
    return app.failure is not None


def session_app(
    guide: Guide, request: AppRequest, ready_fd: int | None, log: OperatorLog
) -> GuideApp:
    """A reader's app as ``request`` asks (with ``ready_fd``, a spare that says on it when
    its first screen is drawn), in a process of its own or in a worker."""
    # Nothing is ever written on the server: the reader's summary is shown, not saved.
    app = build_app(
        guide,
        request.profile,
        first_slug=request.first_slug,
        allow_file_writes=False,
        app_class=GuideApp if ready_fd is None else SpareGuideApp,
    )
    if isinstance(app, SpareGuideApp):
        app.ready_fd = ready_fd
        # With --build-screens-ahead: its other screens, while it waits for its reader.
        app.builds_ahead_when_ready = request.build_screens_ahead
    elif request.build_screens_ahead:
        app.build_ahead_after = READER_QUIET  # its other screens, while the reader reads
    app.collects_when_quiet = True  # Python's collections, off the reader's keys
    app.failure_reporter = log.app_stopped
    return app


def guide_for(request: AppRequest) -> Guide:
    """The guide a request asks for: the built-in one (shared with the warm parent), or
    the operator's own content."""
    return _BUILT_IN_GUIDE if request.content is None else load_guide(Path(request.content))


def _run_line_mode(guide: Guide, first_slug: str | None, echo: bool) -> None:
    if not echo:  # ssh -T: the reader's own terminal already shows what they type
        attributes = termios.tcgetattr(0)
        attributes[3] &= ~termios.ECHO
        termios.tcsetattr(0, termios.TCSANOW, attributes)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(0))
    width, height = shutil.get_terminal_size((80, 24))
    try:
        code = run_line_mode(guide, sys.stdin, sys.stdout, width, height, first_slug=first_slug)
    finally:
        sys.stdout.flush()
    sys.exit(code)


def _attach_terminal(slave_fd: int) -> None:
    os.setsid()
    fcntl.ioctl(slave_fd, termios.TIOCSCTTY, 0)
    for target in (0, 1, 2):
        os.dup2(slave_fd, target)
    if slave_fd > 2:
        os.close(slave_fd)
    # Textual reads sys.__stdin__ and writes to sys.__stderr__: point them at the tty.
    sys.stdin = sys.__stdin__ = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = sys.__stdout__ = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = sys.__stderr__ = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


async def _run_app(app: GuideApp, idle_warning_seconds: float) -> None:
    loop = asyncio.get_running_loop()
    # Textual parses Markdown "in a thread": a few milliseconds, not worth a thread (and
    # its memory) in every session. Here it runs where it is asked for.
    loop.set_default_executor(InlineExecutor())
    # The server ends a session with SIGTERM: exit cleanly so the reader's terminal is restored.
    loop.add_signal_handler(signal.SIGTERM, app.exit)
    loop.add_signal_handler(signal.SIGHUP, app.exit)
    # The server sends SIGUSR1 shortly before an idle session is closed.
    loop.add_signal_handler(signal.SIGUSR1, lambda: warn_idle(app, idle_warning_seconds))
    # ... and SIGUSR2 when the reader pressed a key after that warning.
    loop.add_signal_handler(signal.SIGUSR2, app.clear_notifications)
    # Once the first screen is drawn, free what starting left behind (its garbage would
    # otherwise wait for a full collection): memory that later screens reuse.
    loop.call_later(TIDY_AFTER, gc.collect)
    await app.run_async()


class InlineExecutor(ThreadPoolExecutor):
    """Runs each job at once, in the calling thread: a thread pool that never starts a
    thread (asyncio's default executor must be a ThreadPoolExecutor)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to whoever awaits it, as a thread would
            future.set_exception(error)
        return future


def warn_idle(app: GuideApp, seconds: float) -> None:
    app.notify(
        messages.IDLE_WARNING.format(when=messages.minutes(seconds)),
        title="Still there?",
        severity="warning",
        timeout=seconds,
    )
