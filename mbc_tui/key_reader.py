"""The lean driver's input thread: reads the terminal, parses keys, hands them to the app.

As Textual's ``LinuxDriver.run_input_thread`` does (utf-8 decoded across reads, one last look
at what the parser holds when input stops), with two differences. Textual sleeps in
``select`` a tenth of a second at a time and looks at a pending lone ESC only when it wakes,
so an Esc reached the app up to 100 ms after its wait had ended; here the thread sleeps only
until that wait ends (:mod:`mbc_tui.terminal.escape_wait`). And Textual's thread saw that
it should stop only when it woke, then slept a tenth of a second more before its last look,
while the app waited for it to end (on quit, up to 200 ms before the terminal was given
back); here stopping wakes it (:class:`WakingEvent`), and the last look waits only for an
Esc still pending. So with nothing pending the thread sleeps until a byte comes or the app
stops: an idle reader costs no CPU (Textual's woke ten times a second).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import threading
from codecs import getincrementaldecoder
from collections.abc import Callable

from textual.message import Message

from mbc_tui.terminal.escape_wait import IDLE_WAIT, LAST_LOOK, read_wait
from mbc_tui.textual_compat import KeyParseError, KeyParser, escape_deadline, parser_clock

READ_SIZE = 4096
"""Bytes read at a time (Textual's figure)."""


class WakingEvent(threading.Event):
    """A ``threading.Event`` that also wakes a thread sleeping in ``select``: while it is
    set, :attr:`wake_fd` is readable."""

    def __init__(self) -> None:
        super().__init__()
        self._read_end, self._write_end = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    @property
    def wake_fd(self) -> int:
        """Readable from :meth:`set` to :meth:`clear`; never to be read but by ``clear``."""
        return self._read_end

    def set(self) -> None:
        super().set()
        with contextlib.suppress(OSError):  # full (set many times) or closed: awake already
            os.write(self._write_end, b"!")

    def clear(self) -> None:
        super().clear()
        with contextlib.suppress(OSError):  # BlockingIOError once it is empty
            while os.read(self._read_end, READ_SIZE):
                pass

    def close(self) -> None:
        """Close the pipe (once no thread waits on it); again, nothing."""
        ends, (self._read_end, self._write_end) = (self._read_end, self._write_end), (-1, -1)
        for end in ends:
            if end >= 0:  # never a number closed already: another file may have it now
                os.close(end)


def read_keys(
    fileno: int,
    parser: KeyParser,
    deliver: Callable[[Message], None],
    stop: WakingEvent,
) -> None:
    """Read ``fileno`` until ``stop`` is set, handing each parsed message to ``deliver`` (in
    this thread; it may block, and then nothing more is read). A lone ESC is handed over when
    the parser's wait for the rest of a sequence ends."""
    decode = getincrementaldecoder("utf-8")().decode
    selector = selectors.SelectSelector()
    selector.register(fileno, selectors.EVENT_READ)
    selector.register(stop.wake_fd, selectors.EVENT_READ)

    def take(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
        ready = [(key, mask) for key, mask in ready if key.fd == fileno]  # not the wake-up
        for index, (_key, mask) in enumerate(ready):
            if mask & selectors.EVENT_READ:
                last = index == len(ready) - 1
                text = decode(os.read(fileno, READ_SIZE), final=final and last)
                if not text:  # the end of input (a pipe), or half a character so far
                    break
                for message in parser.feed(text):
                    deliver(message)
        for message in parser.tick():
            deliver(message)

    def wait(idle: float | None, longest: float | None = None) -> float | None:
        return read_wait(escape_deadline(parser), parser_clock(), idle=idle, longest=longest)

    try:
        while not stop.is_set():
            take(selector.select(wait(IDLE_WAIT)))
        selector.unregister(fileno)
        selector.unregister(stop.wake_fd)
        # A lone ESC still pending is handed over when due (Textual slept a tenth of a second
        # here, then looked); with nothing pending, there is nothing to wait for.
        take(selector.select(wait(0.0, longest=LAST_LOOK)), final=True)
    finally:
        selector.close()
        with contextlib.suppress(EOFError, KeyParseError):
            for _message in parser.feed(""):
                pass
