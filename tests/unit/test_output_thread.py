"""The output thread: the app hands it frames without ever waiting for the terminal, and
knows how much the terminal has not taken yet."""

from __future__ import annotations

import errno
import os
import threading
import time

from mbc_tui.output_thread import OutputThread


def wait_for(check: object, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "still not true"
        time.sleep(0.005)


class TerminalThatWaits:
    """A terminal that takes nothing until told to: ``write`` blocks until :attr:`reading`."""

    def __init__(self) -> None:
        self.reading = threading.Event()
        self.taken: list[str] = []
        self.flushes = 0

    def write(self, text: str) -> None:
        self.reading.wait()
        self.taken.append(text)

    def flush(self) -> None:
        self.flushes += 1


def test_writing_never_waits_for_a_terminal_that_takes_nothing() -> None:
    terminal = TerminalThatWaits()
    thread = OutputThread(terminal, join_on_stop=False)
    thread.start()
    started = time.monotonic()
    for _ in range(1000):  # Textual's writer blocked its caller at the 31st
        thread.write("x" * 100)
    assert time.monotonic() - started < 1.0
    assert thread.waiting == 100_000
    terminal.reading.set()
    wait_for(lambda: thread.waiting == 0)
    assert "".join(terminal.taken) == "x" * 100_000
    thread.stop()
    thread.join(5)
    assert not thread.is_alive()


def test_stopping_an_app_among_several_does_not_wait_but_says_when_written() -> None:
    terminal = TerminalThatWaits()
    finished = threading.Event()
    thread = OutputThread(terminal, join_on_stop=False, on_finished=finished.set)
    thread.start()
    thread.write("the last frame")
    thread.write("\x1b[?1049l")  # the terminal given back
    thread.stop()  # returns at once
    assert not finished.is_set()
    terminal.reading.set()
    assert finished.wait(5)
    assert terminal.taken == ["the last frame", "\x1b[?1049l"]
    assert terminal.flushes >= 1


def test_stopping_an_app_of_its_own_waits_until_all_is_written() -> None:
    terminal = TerminalThatWaits()
    terminal.reading.set()
    thread = OutputThread(terminal)
    thread.start()
    thread.write("goodbye")
    thread.stop()
    assert not thread.is_alive()
    assert terminal.taken == ["goodbye"]


class GoneTerminal:
    """A pseudo-terminal whose other end has been closed: every write fails (EIO)."""

    def write(self, text: str) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    def flush(self) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))


def test_a_terminal_that_has_gone_ends_the_thread_quietly() -> None:
    finished = threading.Event()
    thread = OutputThread(GoneTerminal(), join_on_stop=False, on_finished=finished.set)
    thread.start()
    thread.write("a frame nobody will see")
    assert finished.wait(5)
    thread.write("more")  # still taken, never written, never waited for
    thread.stop()
    thread.join(5)
    assert not thread.is_alive()
    assert thread.waiting > 0
