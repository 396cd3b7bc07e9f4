"""Run ``mbc-tui`` in a pseudo-terminal with a pyte screen playing the terminal.

Shared by the pty tests (tests/pty) and the bandwidth benchmark (which imports it as
``tests.pty.terminal_session``): it starts the guide in a real pty, answers the terminal's
queries as a basic terminal would, counts every byte the guide writes, and keeps the emulated
screen so a step's *floor* can be computed.
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fcntl import ioctl

import pyte

# Queries a terminal program may send, and a basic VT100-class terminal's answers.
DECRQM = re.compile(rb"\x1b\[\?(\d+)\$p")  # "is this private mode supported?"
DEVICE_ATTRIBUTES = re.compile(rb"\x1b\[0?c")
CURSOR_POSITION = re.compile(rb"\x1b\[6n")

CURSOR_MOVE_BYTES = 6  # e.g. ESC [ 1 2 ; 4 0 H
ATTRIBUTE_CHANGE_BYTES = 5  # e.g. ESC [ 1 ; 7 m


@dataclass(frozen=True)
class Cell:
    char: str
    attributes: tuple[object, ...]


Grid = list[list[Cell]]


def snapshot(screen: pyte.Screen) -> Grid:
    """The emulated screen's cells: character and look (colours, bold, reverse...)."""
    grid: Grid = []
    for y in range(screen.lines):
        row = screen.buffer[y]
        grid.append(
            [
                Cell(
                    row[x].data,
                    (
                        row[x].fg,
                        row[x].bg,
                        row[x].bold,
                        row[x].reverse,
                        row[x].underscore,
                        row[x].italics,
                    ),
                )
                for x in range(screen.columns)
            ]
        )
    return grid


def floor_bytes(before: Grid, after: Grid) -> int:
    """Bytes a perfect program would need to turn ``before`` into ``after``.

    Each changed cell costs its character's UTF-8 bytes; each run of changed cells on a
    row costs a cursor move, and every change of look along the run an attribute change.
    """
    total = 0
    for old_row, new_row in zip(before, after, strict=True):
        x = 0
        width = len(new_row)
        while x < width:
            if old_row[x] == new_row[x]:
                x += 1
                continue
            total += CURSOR_MOVE_BYTES
            look: tuple[object, ...] | None = None
            while x < width and old_row[x] != new_row[x]:
                cell = new_row[x]
                if cell.attributes != look:
                    total += ATTRIBUTE_CHANGE_BYTES
                    look = cell.attributes
                total += len(cell.char.encode("utf-8")) or 1
                x += 1
    return total


def screen_text(screen: pyte.Screen) -> str:
    return "\n".join(screen.display)


@dataclass
class TerminalSession:
    """The guide running in a pty of ``columns`` x ``lines``."""

    argv: Sequence[str]
    columns: int = 80
    lines: int = 24
    env: dict[str, str] = field(default_factory=dict)
    pid: int = 0
    fd: int = -1
    total_bytes: int = 0
    answered_queries: int = 0
    transcript: bytearray = field(default_factory=bytearray)
    """Every byte the guide wrote, in order."""

    def __post_init__(self) -> None:
        self.screen = pyte.Screen(self.columns, self.lines)
        self.stream = pyte.ByteStream(self.screen)

    def start(self) -> None:
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            **self.env,
        }
        pid, fd = pty.fork()
        if pid == 0:  # the child: become the guide
            try:
                os.execve(self.argv[0], list(self.argv), environment)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", self.lines, self.columns, 0, 0))

    def _answer_queries(self, data: bytes) -> None:
        replies = b""
        for match in DECRQM.finditer(data):
            replies += b"\x1b[?" + match.group(1) + b";0$y"  # 0: mode not recognised
        replies += b"\x1b[?1;2c" * len(DEVICE_ATTRIBUTES.findall(data))
        if CURSOR_POSITION.search(data):
            y, x = self.screen.cursor.y + 1, self.screen.cursor.x + 1
            replies += f"\x1b[{y};{x}R".encode()
        if replies:
            self.answered_queries += 1
            os.write(self.fd, replies)

    def read_until_quiet(
        self, quiet: float = 0.35, limit: float = 8.0, first_byte_wait: float = 0.0
    ) -> int:
        """Read output until none arrives for ``quiet`` seconds; returns the bytes read.

        ``first_byte_wait`` gives a slow (loaded) machine that long to start answering.
        """
        received = 0
        deadline = time.monotonic() + limit
        last = time.monotonic() + first_byte_wait
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    break
                if not data:
                    break
                received += len(data)
                self.transcript.extend(data)
                self._answer_queries(data)
                self.stream.feed(data)
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                break
        self.total_bytes += received
        return received

    def wait_for_text(self, text: str, limit: float = 20.0) -> bool:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            self.read_until_quiet(quiet=0.2, limit=0.5)
            if text in screen_text(self.screen):
                return True
        return False

    def wait_for(self, check: Callable[[], bool], limit: float = 20.0) -> None:
        """Read until ``check()`` holds and the screen has been quiet for a moment."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.read_until_quiet(quiet=0.3, limit=1.0) == 0 and check():
                return
        raise AssertionError(f"timed out; the screen shows:\n{screen_text(self.screen)}")

    @property
    def cursor_line(self) -> str:
        """The screen's text from the terminal cursor to the end of its row."""
        cursor = self.screen.cursor
        return self.screen.display[cursor.y][cursor.x :]

    def wait_exit(self, limit: float = 20.0) -> int:
        """Read until the program ends by itself; its exit code."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            self.read_until_quiet(quiet=0.1, limit=0.2)
            done, raw_status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.read_until_quiet(quiet=0.1, limit=0.5)
                self.pid = 0
                return os.waitstatus_to_exitcode(raw_status)
        raise AssertionError("the program did not end")

    def press(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def flood(self, keys: bytes, seconds: float) -> int:
        """Send ``keys`` over and over for ``seconds``, as fast as the terminal takes them
        (reading the output meanwhile); returns how many bytes it took."""
        sent = 0
        os.set_blocking(self.fd, False)
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                with contextlib.suppress(BlockingIOError):
                    sent += os.write(self.fd, keys)
                self.read_until_quiet(quiet=0.0, limit=0.01)
        finally:
            os.set_blocking(self.fd, True)
        return sent

    @property
    def memory_mb(self) -> float:
        """The guide's resident memory (RSS) now, in MB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def resize(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self.screen.resize(lines, columns)
        ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        os.kill(self.pid, signal.SIGWINCH)

    def close(self) -> int | None:
        """End the guide (politely, then firmly) and return its exit status."""
        status: int | None = None
        for sig in (None, signal.SIGTERM, signal.SIGKILL) if self.pid else ():
            if sig is not None:
                try:
                    os.kill(self.pid, sig)
                except ProcessLookupError:
                    break
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                done, raw_status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    status = os.waitstatus_to_exitcode(raw_status)
                    break
                self.read_until_quiet(quiet=0.05, limit=0.1)
            if status is not None:
                break
        with contextlib.suppress(OSError):
            os.close(self.fd)
        return status


def guide_command(*arguments: str) -> list[str]:
    """``python -m mbc_tui ARGS`` with this interpreter."""
    return [sys.executable, "-m", "mbc_tui", *arguments]


def settle_all(
    sessions: Sequence[TerminalSession], check: Callable[[], bool], limit: float = 20.0
) -> bool:
    """Read from every session until ``check()`` holds and none has written for a moment, or
    ``limit`` seconds pass; whether ``check()`` held. For comparing screens drawn at once."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        received = sum(session.read_until_quiet(quiet=0.3, limit=1.0) for session in sessions)
        if received == 0 and check():
            return True
    return check()
