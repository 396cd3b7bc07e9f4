"""The lean driver reads keys on the app's own loop (mbc_tui.key_reader.LoopKeyReader), with
no thread: the same keys as Textual's parser makes, a lone Esc when its wait ends, a short
read met before made into the same keys without the parser, and nothing read while the app
is behind."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from textual import constants, events
from textual.message import Message

from mbc_tui.key_reader import CHECK_EVERY, COMMON_READS, LoopKeyReader
from mbc_tui.textual_compat import KeyParser, key_parser
from tests.conftest import holds_for, wait_until

SHORT_WAIT = 0.05
TEXTUAL_ESCAPE_DELAY = constants.ESCAPE_DELAY


@dataclass
class Reading:
    """A ``LoopKeyReader`` on the running loop, reading what the test writes into a pipe."""

    parser: KeyParser
    behind: bool = False
    output_behind: bool = False
    failures: int = 0
    messages: list[Message] = field(default_factory=list)
    fed: list[str] = field(default_factory=list)
    """What reached the parser."""

    def __post_init__(self) -> None:
        self.read_end, self.write_end = os.pipe()
        feed = self.parser.feed

        def counted_feed(text: str) -> object:
            self.fed.append(text)
            return feed(text)

        self.parser.feed = counted_feed  # type: ignore[method-assign]
        self.reader = LoopKeyReader(
            asyncio.get_running_loop(),
            self.read_end,
            self.parser,
            self.messages.append,
            behind=lambda: self.behind or self.output_behind,  # the whole look, as the app's
            failed=self.failed,
            output_behind=lambda: self.output_behind,
        )
        assert self.reader.start()

    def failed(self) -> None:
        self.failures += 1

    def send(self, data: bytes) -> None:
        os.write(self.write_end, data)

    def keys(self) -> list[str]:
        return [message.key for message in self.messages if isinstance(message, events.Key)]

    def close(self) -> None:
        self.reader.stop()
        os.close(self.read_end)
        os.close(self.write_end)


@pytest.fixture
def reading() -> Iterator[type[Reading]]:
    made: list[Reading] = []

    class Made(Reading):
        def __post_init__(self) -> None:
            super().__post_init__()
            made.append(self)

    yield Made
    for one in made:
        one.close()
    constants.ESCAPE_DELAY = TEXTUAL_ESCAPE_DELAY  # type: ignore[misc]


async def test_keys_are_read_on_the_loop_with_no_thread(reading: type[Reading]) -> None:
    threads = threading.active_count()
    one = reading(key_parser(SHORT_WAIT))
    one.send(b"\x1b[B\x1b[6~")
    await wait_until(lambda: one.keys() == ["down", "pagedown"])
    one.send(b"\x1b")  # a lone Esc: handed over when its wait ends, on the loop's timer
    await wait_until(lambda: one.keys() == ["down", "pagedown", "escape"])
    assert threading.active_count() == threads


async def test_a_short_read_met_before_makes_the_same_keys_without_the_parser(
    reading: type[Reading],
) -> None:
    one = reading(key_parser(SHORT_WAIT))
    for count in (1, 2, 3):
        one.send(b"\x1b[6~")
        await wait_until(lambda count=count: len(one.keys()) == count)  # type: ignore[misc]
    assert one.keys() == ["pagedown"] * 3
    assert one.fed == ["\x1b[6~"]  # parsed once
    first, later = one.messages[0], one.messages[2]
    assert isinstance(first, events.Key) and isinstance(later, events.Key)
    assert (later.key, later.character, later.is_printable) == (
        first.key,
        first.character,
        first.is_printable,
    )
    assert later is not first


async def test_inside_a_paste_a_remembered_read_is_parsed_again(reading: type[Reading]) -> None:
    """A paste's start leaves the parser in another mode: what follows is pasted text, not
    keys, though the same read made a key before."""
    one = reading(key_parser(SHORT_WAIT))
    one.send(b"x")
    await wait_until(lambda: one.keys() == ["x"])
    one.send(b"\x1b[200~")
    await wait_until(lambda: one.fed[-1] == "\x1b[200~")
    one.send(b"x")
    await wait_until(lambda: one.fed[-1] == "x")
    one.send(b"\x1b[201~")
    await wait_until(lambda: any(isinstance(m, events.Paste) for m in one.messages))
    assert [m.text for m in one.messages if isinstance(m, events.Paste)] == ["x"]
    assert one.keys() == ["x"]


async def test_nothing_is_read_while_the_app_is_behind(reading: type[Reading]) -> None:
    one = reading(key_parser(SHORT_WAIT))
    one.behind = True
    one.send(b"a" * CHECK_EVERY)
    await wait_until(lambda: len(one.keys()) == CHECK_EVERY)
    one.send(b"b")
    await holds_for(lambda: len(one.keys()) == CHECK_EVERY, 0.2)  # waits in the pipe
    one.behind = False
    await wait_until(lambda: one.keys()[-1:] == ["b"])


async def test_nothing_is_read_while_the_terminal_has_not_taken_the_apps_output(
    reading: type[Reading],
) -> None:
    """Asked at every read, not every so many keys: each key may make a frame, which a
    terminal that takes nothing would otherwise pile up (mbc_tui.output_thread)."""
    one = reading(key_parser(SHORT_WAIT))
    one.send(b"a")
    await wait_until(lambda: one.keys() == ["a"])
    one.output_behind = True
    one.send(b"b")
    await wait_until(lambda: one.keys() == ["a", "b"])  # the read that found it behind
    one.send(b"c")
    await holds_for(lambda: one.keys() == ["a", "b"], 0.2)  # waits in the pipe
    one.output_behind = False
    await wait_until(lambda: one.keys() == ["a", "b", "c"])


async def test_the_end_of_input_stops_reading(reading: type[Reading]) -> None:
    one = reading(key_parser(SHORT_WAIT))
    os.close(one.write_end)
    one.write_end = os.open(os.devnull, os.O_WRONLY)  # (closed again at the end)
    await wait_until(lambda: not one.reader.reading)
    assert one.failures == 0


async def test_the_keys_most_pressed_are_learned_so_a_first_press_needs_no_parser(
    reading: type[Reading],
) -> None:
    one = reading(key_parser(SHORT_WAIT))
    one.reader.learn(COMMON_READS, lambda: key_parser(SHORT_WAIT))
    one.send(b"e")
    await wait_until(lambda: one.keys() == ["e"])
    one.send(b"\x1b[6~")
    await wait_until(lambda: one.keys() == ["e", "pagedown"])
    assert one.fed == []  # neither reached the parser


def test_a_learned_read_makes_the_keys_a_parser_makes() -> None:
    async def learned() -> list[list[tuple[str, str | None]]]:
        reader = LoopKeyReader(
            asyncio.get_running_loop(),
            -1,
            key_parser(SHORT_WAIT),
            lambda message: None,
            behind=lambda: False,
            failed=lambda: None,
        )
        reader.learn(COMMON_READS, lambda: key_parser(SHORT_WAIT))
        made = []
        for text in COMMON_READS:
            messages = reader.keys_of(text)  # learned: no parser
            made.append([(m.key, m.character) for m in messages if isinstance(m, events.Key)])
        return made

    try:
        expected = [
            [(m.key, m.character) for m in key_parser(SHORT_WAIT).feed(text)]  # type: ignore[attr-defined]
            for text in COMMON_READS
        ]
        assert asyncio.run(learned()) == expected
    finally:
        constants.ESCAPE_DELAY = TEXTUAL_ESCAPE_DELAY  # type: ignore[misc]
