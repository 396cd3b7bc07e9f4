"""The terminal driver: Textual's own, with its output made lean (see terminal_output)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import threading
from typing import Any

from rich.console import RenderableType
from textual import events
from textual.message import Message

from mbc_tui.input_backlog import InputBacklog
from mbc_tui.key_reader import COMMON_READS, LoopKeyReader, WakingEvent, read_keys
from mbc_tui.output_thread import OutputThread
from mbc_tui.row_output import RowAlignedOutput
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.terminal.escape_wait import escape_delay
from mbc_tui.terminal.lean_output import TerminalOutput
from mbc_tui.terminal.window_size import usable_size
from mbc_tui.textual_compat import (
    KeyParser,
    SizeReportingLinuxDriver,
    driver_app,
    driver_debug,
    driver_loop,
    key_parser,
    linux_driver_writer,
    output_file,
    set_output_file,
)

LEARN_KEYS_AFTER = 1.0
"""Seconds after keys are first read (the app has started) before the keys most pressed
are learned (a few milliseconds, while the reader looks at the first screen)."""


def _traceback() -> RenderableType:
    """The error being handled, as Textual shows it when its input thread fails (imported
    here: ``rich.traceback`` and what it imports cost start 40 ms)."""
    from rich.traceback import Traceback

    return Traceback()


class LeanLinuxDriver(SizeReportingLinuxDriver):
    """Writes the same screen as ``LinuxDriver`` in fewer bytes, fit for the terminal; reads
    keys on the app's own loop, not in a thread, stopping while the app is behind (see
    ``mbc_tui.input_backlog``), and hands a lone Esc to the app as soon as its wait ends
    (see ``mbc_tui.key_reader``)."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        terminal: int | None = getattr(app, "terminal_fd", None)
        if kwargs.get("size") is None:
            # The size the app starts at, before the window's size is first read: else
            # Textual takes the whole window, and the first screen would be drawn at it.
            window = tuple(shutil.get_terminal_size()) if terminal is None else _size(terminal)
            if usable_size(*window) != window:
                kwargs["size"] = usable_size(*window)
        super().__init__(app, **kwargs)
        if terminal is not None:
            # A terminal of its own, not the process's (several apps in one process: see
            # ``mbc_tui.ssh_app.worker``): read and written on that descriptor.
            self.fileno = terminal
            self.input_tty = os.isatty(terminal)
            set_output_file(self, open(terminal, "w", encoding="utf-8", closefd=False))  # noqa: SIM115
            _forget_process_signals()
        self.terminal_fd = terminal
        self.exit_event: WakingEvent = WakingEvent()  # stopping wakes the input thread
        # Frames reach the terminal in pieces that end between rows (see row_output).
        set_output_file(self, RowAlignedOutput(output_file(self)))
        profile: DisplayProfile = getattr(app, "profile", DisplayProfile())
        self._output = TerminalOutput(
            strip_colour=profile.no_color,
            ascii_only=profile.ascii_only,
            line_drawing=profile.line_drawing,
        )
        self._output_thread: OutputThread | None = None
        self._input_backlog = InputBacklog(
            app, driver_loop(self), self.exit_event, self.output_waiting
        )
        self._loop_thread = threading.get_ident()
        """The driver is made on the app's loop."""
        self._input_generation = 0
        """Counts the times input was disabled: a start asked for before then is void."""
        self._loop_reader: LoopKeyReader | None = None
        self._reading_thread: threading.Thread | None = None

    def write(self, data: str) -> None:
        self.send(self._output.transform(data))

    def send(self, data: str) -> None:
        """Write what is already lean to the terminal."""
        super().write(data)

    def usable_window_size(self, size: tuple[int, int]) -> tuple[int, int]:
        """No larger than the largest window (see ``mbc_tui.terminal.window_size``)."""
        return usable_size(*size)

    def terminal_size(self) -> tuple[int, int]:
        if self.terminal_fd is None:
            return super().terminal_size()
        return _size(self.terminal_fd)

    def start_application_mode(self) -> None:
        with linux_driver_writer(self._make_output_thread):
            super().start_application_mode()
        if self.terminal_fd is not None:
            _forget_process_signals()

    def _make_output_thread(self, file: Any) -> OutputThread:
        """The writer of this app's output (see ``mbc_tui.output_thread``). On a terminal of
        its own, among other apps in the process, the app's end does not wait for its
        terminal to take the last of it: the app's ``terminal_written`` says when it has."""
        if self.terminal_fd is None:
            thread = OutputThread(file)
        else:
            app = driver_app(self)
            loop = driver_loop(self)
            written: asyncio.Future[None] = loop.create_future()
            app.terminal_written = written
            thread = OutputThread(
                file,
                join_on_stop=False,
                on_finished=lambda: _call_soon(loop, _set_done, written),
            )
        self._output_thread = thread
        return thread

    def output_waiting(self) -> int:
        """Characters written that the terminal has not taken yet."""
        thread = self._output_thread
        return 0 if thread is None else thread.waiting

    def window_changed(self) -> None:
        """The window of a terminal of its own has a new size (no SIGWINCH tells it: the
        process has no controlling terminal): the app lays itself out again at it."""
        size = self._get_terminal_size()
        driver_app(self).post_message(events.Resize.from_dimensions(size, None))

    def window_size_read(self, size: tuple[int, int]) -> None:
        # Read at start and on every window change: after a resize the terminal may have
        # moved or cleared what it showed, so the copy of its cells is no longer true.
        self._output.invalidate()

    def run_input_thread(self) -> None:
        # Textual starts this thread to read keys; it asks the app's loop to read them
        # instead (see ``mbc_tui.key_reader.LoopKeyReader``) and ends.
        driver_loop(self).call_soon_threadsafe(self._read_on_loop, self._input_generation)

    def _read_on_loop(self, generation: int) -> None:
        if generation != self._input_generation:  # input was disabled meanwhile
            return
        debug = driver_debug(self)
        delay = escape_delay(os.environ)
        parser = key_parser(delay, debug=debug)
        reader = LoopKeyReader(
            driver_loop(self),
            self.fileno,
            parser,
            self.process_message,
            behind=self._input_backlog.behind,
            failed=self._reading_failed,
            remember=not debug,  # (Textual's key log wants every read through the parser)
            output_behind=self._input_backlog.output_behind,
        )
        if reader.start():
            self._loop_reader = reader
            if not debug:  # the keys most pressed, learned once the app has started
                driver_loop(self).call_later(
                    LEARN_KEYS_AFTER, reader.learn, COMMON_READS, lambda: key_parser(delay)
                )
            return
        # A file the loop cannot watch: a thread reads it, as Textual's does.
        thread = threading.Thread(
            target=self._read_in_thread, args=(parser,), name="mbc-input", daemon=True
        )
        self._reading_thread = thread
        thread.start()

    def _read_in_thread(self, parser: KeyParser) -> None:
        try:
            read_keys(self.fileno, parser, self.process_message, self.exit_event)
        except BaseException:
            driver_loop(self).call_soon_threadsafe(self._reading_failed_with, _traceback())

    def _reading_failed(self) -> None:
        """Reading the terminal failed (inside the ``except``): as Textual does when its
        input thread fails, the app stops with the error."""
        self._reading_failed_with(_traceback())

    def _reading_failed_with(self, traceback: RenderableType) -> None:
        app = driver_app(self)
        app.call_later(app.panic, traceback)

    def disable_input(self) -> None:
        self._input_generation += 1
        if self._loop_reader is not None:
            self._loop_reader.stop()
            self._loop_reader = None
        super().disable_input()  # (sets exit_event while it joins Textual's thread)
        if self._reading_thread is not None:
            self.exit_event.set()
            self._reading_thread.join()
            self._reading_thread = None
            self.exit_event.clear()

    def close(self) -> None:
        super().close()
        self.exit_event.close()

    def send_message(self, message: Message) -> None:
        """Put ``message`` in the app's queue, from the app's own loop. Textual's driver
        schedules a coroutine that does the same: a task and two futures per key, woken
        three times on the loop (about 0.1 ms of the loop's time and 0.05 of the input
        thread's for each key)."""
        if threading.get_ident() == self._loop_thread:  # read on the loop: straight in
            driver_app(self).post_message(message)
        else:
            driver_loop(self).call_soon_threadsafe(driver_app(self).post_message, message)

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Resize):  # an in-band resize, from the terminal itself
            self._output.invalidate()
            size = usable_size(*message.size)
            if size != message.size:
                message = events.Resize.from_dimensions(size, None)
        super().process_message(message)
        self._input_backlog.handed_over(message)


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Any, *args: Any) -> None:
    """``callback(*args)`` on ``loop`` (from another thread), unless the loop is closed."""
    with contextlib.suppress(RuntimeError):
        loop.call_soon_threadsafe(callback, *args)


def _set_done(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _size(fd: int) -> tuple[int, int]:
    """The window size of the terminal on ``fd`` (80x24 if it has none)."""
    try:
        size = os.get_terminal_size(fd)
    except OSError:
        return 80, 24
    return size.columns or 80, size.lines or 24


def _forget_process_signals() -> None:
    """Textual's driver takes the process's SIGTSTP, SIGCONT and SIGWINCH for its app: with
    several apps in one process (none of them owning it, or a controlling terminal), no app
    acts on them, and none is kept alive by the handler after it has ended."""
    for signum in (signal.SIGTSTP, signal.SIGCONT, signal.SIGWINCH):
        signal.signal(signum, signal.SIG_DFL)
