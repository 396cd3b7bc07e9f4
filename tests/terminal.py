"""Run ``python -m mbc_tui`` in a real pseudo-terminal and read it with pyte.

The Pilot runs headless, where Textual never writes to a terminal; this is how the tests
see what a screen reader or braille display sees: the bytes, the screen they draw, and
where the terminal cursor ends up.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Sequence

import pyte


class Terminal:
    """A program in a pseudo-terminal of ``columns`` x ``lines``."""

    def __init__(
        self, arguments: Sequence[str], *, columns: int = 80, lines: int = 24, term: str
    ) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**os.environ, "TERM": term, "COLUMNS": str(columns), "LINES": str(lines)}
        env.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mbc_tui", *arguments],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)

    def read(self, seconds: float) -> None:
        """Take in whatever the program writes for ``seconds``."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                return
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the program has ended
                return
            if not data:
                return
            self.raw.extend(data)
            self.stream.feed(data)

    def wait_for(self, check: Callable[[], bool], timeout: float = 20) -> None:
        """Read until ``check()`` holds and the screen has been quiet for a moment."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            before = len(self.raw)
            self.read(0.3)
            if check() and len(self.raw) == before:
                return
        raise AssertionError(f"timed out; the screen shows:\n{self.text}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    @property
    def cursor_line(self) -> str:
        """The screen's text from the cursor to the end of its row."""
        cursor = self.screen.cursor
        return self.screen.display[cursor.y][cursor.x :]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        os.close(self.master)
