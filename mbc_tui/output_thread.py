"""The thread that writes an app's frames to its terminal, never holding the app's loop up.

Textual's writer thread holds at most 30 writes: the 31st blocks the app's event loop until
the terminal takes some. A terminal that stops taking output (an SSH client that does not
read, a terminal paused with Ctrl+S) then stops the app itself: its keys, its timers, its
end when the server asks for it. For an app with a process of its own that was only its own
reader's loss; with several readers' apps in one process (``serve --readers-per-process``)
it stopped every one of them, and their server then had to kill the process.

Here the queue has no bound and says how much of it the terminal has not taken yet
(:attr:`OutputThread.waiting`): the key reader reads no keys while that is more than
:data:`MAX_WAITING` (:mod:`mbc_tui.input_backlog`), so a terminal that takes nothing lets
the app run only a few frames ahead of it. An app among several (``join_on_stop=False``)
does not wait for its terminal when it ends either: ``on_finished`` is called (in this
thread) once everything has been written, or the terminal has gone.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from queue import SimpleQueue
from typing import Any

MAX_WAITING = 65536
"""Characters written by the app and not yet taken by the terminal, beyond which no more
keys are read (a frame is 1 to 60 KB; a page turn at 80x24 about 1 KB)."""


class OutputThread(threading.Thread):
    """Writes to ``file`` what the app's driver hands it (``write``), in order; ``stop`` ends
    it once everything before has been written. Made by the lean driver in place of
    Textual's ``WriterThread`` (see :func:`mbc_tui.textual_compat.linux_driver_writer`)."""

    def __init__(
        self,
        file: Any,
        *,
        join_on_stop: bool = True,
        on_finished: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(daemon=True, name="mbc-output")
        self._file = file
        self._queue: SimpleQueue[str | None] = SimpleQueue()
        self._join_on_stop = join_on_stop
        self._on_finished = on_finished
        self._queued = 0
        """Characters handed over (counted by the app's thread alone)."""
        self._written = 0
        """Characters the terminal has taken (counted by this thread alone)."""

    @property
    def waiting(self) -> int:
        """Characters handed over that the terminal has not taken yet."""
        return self._queued - self._written

    def write(self, text: str) -> None:
        self._queued += len(text)
        self._queue.put(text)

    def run(self) -> None:
        get = self._queue.get
        empty = self._queue.empty
        try:
            with contextlib.suppress(OSError):  # the terminal has gone: nothing reaches it
                while (text := get()) is not None:
                    self._file.write(text)
                    self._written += len(text)
                    if empty():  # a frame and what came with it, in one go (as Textual)
                        self._file.flush()
                self._file.flush()
        finally:
            if self._on_finished is not None:
                self._on_finished()

    def stop(self) -> None:
        """Write what is queued, then end: waited for, unless ``join_on_stop`` is false."""
        self._queue.put(None)
        if self._join_on_stop:
            self.join()
