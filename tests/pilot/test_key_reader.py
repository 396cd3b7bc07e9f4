"""The lean driver's input thread (mbc_tui.key_reader) on a real pipe: a lone Esc is handed
over with nothing after it, and sequences split across reads, Alt+key and text are parsed as
Textual's own input thread parses them."""

from __future__ import annotations

import array
import fcntl
import os
import select
import termios
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from textual import constants, events
from textual.message import Message

from mbc_tui.key_reader import WakingEvent, read_keys
from mbc_tui.textual_compat import key_parser
from tests.conftest import holds_for, wait_until

SHORT_WAIT = 0.05
"""The guide's own escape wait (seconds)."""
TEXTUAL_ESCAPE_DELAY = constants.ESCAPE_DELAY
LONG_WAIT = 60.0
"""An escape wait no test outlasts: the parts of a split sequence always arrive within it."""


@dataclass
class KeyReader:
    """``read_keys`` in its own thread, reading what the test writes into a pipe."""

    escape_wait: float
    messages: list[Message] = field(default_factory=list)
    stop: WakingEvent = field(default_factory=WakingEvent)

    def __post_init__(self) -> None:
        self.read_end, self.write_end = os.pipe()
        parser = key_parser(self.escape_wait)
        self.thread = threading.Thread(
            target=read_keys, args=(self.read_end, parser, self.messages.append, self.stop)
        )
        self.thread.start()

    def send(self, data: bytes) -> None:
        os.write(self.write_end, data)

    def unread(self) -> int:
        """Bytes in the pipe the reader has not read yet."""
        count = array.array("i", [0])
        fcntl.ioctl(self.read_end, termios.FIONREAD, count)
        return count[0]

    async def send_in_reads(self, *parts: bytes) -> None:
        """Send each part once the reader has read the one before (one read each)."""
        for part in parts:
            await wait_until(lambda: self.unread() == 0)
            self.send(part)

    def keys(self) -> list[str]:
        return [message.key for message in self.messages if isinstance(message, events.Key)]

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        os.close(self.read_end)
        os.close(self.write_end)
        self.stop.close()


@pytest.fixture
def reader_with() -> Iterator[type[KeyReader]]:
    """Makes readers, and stops them; Textual's escape wait is its own again after."""
    textual_wait = constants.ESCAPE_DELAY
    made: list[KeyReader] = []

    class Made(KeyReader):
        def __post_init__(self) -> None:
            super().__post_init__()
            made.append(self)

    yield Made
    for reader in made:
        reader.close()
    constants.ESCAPE_DELAY = textual_wait  # type: ignore[misc]


async def test_a_lone_esc_is_the_esc_key_with_nothing_after_it(
    reader_with: type[KeyReader],
) -> None:
    reader = reader_with(SHORT_WAIT)
    reader.send(b"\x1b")
    await wait_until(lambda: reader.keys() == ["escape"])
    reader.send(b"q")
    await wait_until(lambda: reader.keys() == ["escape", "q"])


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        ((b"\x1b", b"[6~"), "pagedown"),
        ((b"\x1b[6", b"~"), "pagedown"),
        ((b"\x1b[", b"B"), "down"),
        ((b"\x1b", b"[", b"A"), "up"),
    ],
)
async def test_a_key_split_across_reads_within_the_wait_is_one_key(
    reader_with: type[KeyReader], parts: tuple[bytes, ...], key: str
) -> None:
    reader = reader_with(LONG_WAIT)
    await reader.send_in_reads(*parts)
    await wait_until(lambda: reader.keys() != [])
    assert reader.keys() == [key]
    assert reader.thread.is_alive()


@pytest.mark.parametrize(
    ("sent", "keys"),
    [
        (b"\x1bx", ["alt+x"]),  # Alt+x: ESC then x, complete only once the wait ends
        (b"\x1b\x1b", ["escape", "escape"]),
        (b"\x1b[B\x1b[6~", ["down", "pagedown"]),
        (b"\x1b[1;5C", ["ctrl+right"]),
        (b"ab", ["a", "b"]),
    ],
)
async def test_esc_prefixed_keys_are_parsed_as_textual_parses_them(
    reader_with: type[KeyReader], sent: bytes, keys: list[str]
) -> None:
    reader = reader_with(SHORT_WAIT)
    reader.send(sent)
    await wait_until(lambda: len(reader.keys()) >= len(keys))
    assert reader.keys() == keys


async def test_a_character_split_across_reads_is_one_character(
    reader_with: type[KeyReader],
) -> None:
    reader = reader_with(SHORT_WAIT)
    encoded = "é".encode()
    await reader.send_in_reads(encoded[:1], encoded[1:])
    await wait_until(lambda: reader.messages != [])
    assert [getattr(message, "character", None) for message in reader.messages] == ["é"]


async def test_stopping_ends_the_thread_and_keeps_an_esc_read_just_before(
    reader_with: type[KeyReader],
) -> None:
    """Stopped while the Esc waits, the thread looks at the parser one last time (as
    Textual's own does) and hands the Esc over before it ends."""
    reader = reader_with(SHORT_WAIT)
    await reader.send_in_reads(b"\x1b")
    await wait_until(lambda: reader.unread() == 0)
    reader.stop.set()
    reader.thread.join(timeout=10)
    assert not reader.thread.is_alive()
    assert reader.keys() == ["escape"]


async def test_an_idle_reader_sleeps_until_a_byte_comes() -> None:
    """With nothing pending the thread does not wake to look around (Textual's woke ten
    times a second: CPU for every idle reader on a server); a key still wakes it, and so
    does stopping."""
    parser = key_parser(SHORT_WAIT)
    wakes = 0

    def tick() -> object:
        nonlocal wakes
        wakes += 1  # once after every return from select
        return type(parser).tick(parser)

    parser.tick = tick  # type: ignore[method-assign]
    messages: list[Message] = []
    read_end, write_end = os.pipe()
    stop = WakingEvent()
    thread = threading.Thread(target=read_keys, args=(read_end, parser, messages.append, stop))
    thread.start()
    try:
        await holds_for(lambda: wakes == 0, 0.5)
        os.write(write_end, b"q")
        await wait_until(lambda: [getattr(m, "key", None) for m in messages] == ["q"])
        await holds_for(lambda: wakes == 1, 0.5)
        stop.set()
        thread.join(timeout=10)
        assert not thread.is_alive()
    finally:
        stop.set()
        thread.join(timeout=10)
        os.close(read_end)
        os.close(write_end)
        stop.close()
        constants.ESCAPE_DELAY = TEXTUAL_ESCAPE_DELAY  # type: ignore[misc]


def test_the_stop_event_wakes_a_thread_in_select_until_it_is_cleared() -> None:
    stop = WakingEvent()
    try:
        readable = lambda: select.select([stop.wake_fd], [], [], 0)[0] != []  # noqa: E731
        assert not readable() and not stop.is_set()
        stop.set()
        stop.set()
        assert readable() and stop.is_set()
        stop.clear()
        assert not readable() and not stop.is_set()
    finally:
        stop.close()
    stop.close()  # again: nothing (its numbers may belong to other files by now)
    stop.set()  # a driver stopped after it was closed: set, and nothing to wake
    assert stop.is_set()
