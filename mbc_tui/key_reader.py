"""The lean driver's key reading: reads the terminal, parses keys, hands them to the app.

The app's own event loop reads the terminal (:class:`LoopKeyReader`); a thread does
(:func:`read_keys`) only where the loop cannot watch the file. The thread reads as Textual's
``LinuxDriver.run_input_thread`` does (utf-8 decoded across reads, one last look at what the
parser holds when input stops), with two differences. Textual sleeps in ``select`` a tenth
of a second at a time and looks at a pending lone ESC only when it wakes, so an Esc reached
the app up to 100 ms after its wait had ended; here the thread sleeps only until that wait
ends (:mod:`mbc_tui.terminal.escape_wait`). And Textual's thread saw that it should stop
only when it woke, then slept a tenth of a second more before its last look, while the app
waited for it to end (on quit, up to 200 ms before the terminal was given back); here
stopping wakes it (:class:`WakingEvent`), and the last look waits only for an Esc still
pending. So with nothing pending the thread sleeps until a byte comes or the app stops: an
idle reader costs no CPU (Textual's woke ten times a second).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import selectors
import threading
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable

from textual import events
from textual.message import Message

from mbc_tui.terminal.escape_wait import IDLE_WAIT, LAST_LOOK, read_wait
from mbc_tui.textual_compat import KeyParseError, KeyParser, escape_deadline, parser_clock

READ_SIZE = 4096
"""Bytes read at a time (Textual's figure)."""
CHECK_EVERY = 64
"""Keys handed over between two looks at how far behind the app is."""
RETRY_AFTER = 0.01
"""Seconds between looks at whether the app has caught up, while reading waits for it."""
KNOWN_LENGTH = 16
"""The longest read whose keys are remembered (see ``LoopKeyReader``): a key's sequence is
at most a dozen characters; longer reads are pastes or floods, parsed each time."""
KNOWN_READS = 512
"""At most this many different reads remembered."""
COMMON_READS: tuple[str, ...] = (
    *(chr(code) for code in range(0x20, 0x7F)),  # letters, digits, punctuation, space
    "\r",
    "\t",
    "\x7f",
    "\x08",
    *(f"\x1b[{final}" for final in "ABCDHFZ"),  # arrows, Home, End, Shift+Tab
    *(f"\x1bO{final}" for final in "ABCDHF"),  # the same in application mode
    *(f"\x1b[{number}~" for number in range(1, 7)),  # Home, Insert, Delete, End, PgUp, PgDn
)
"""What a reader's terminal sends for the keys most pressed, one key a read: learned while
the app is idle (:meth:`LoopKeyReader.learn`), so that even a key's first press needs no
parser."""


KnownKeys = tuple[tuple[str, str | None], ...]
"""The keys a read made: each key's name and character."""


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


class LoopKeyReader:
    """Reads the terminal from the app's own event loop, with no thread: the loop wakes when a
    byte comes (as it wakes for anything else), and the keys parsed go into the app's queue
    at once. With a thread (:func:`read_keys`, Textual's way) each key woke the thread, which
    woke the loop through a pipe and handed the interpreter's lock back and forth: about
    0.3 ms of processor time a key on a shared virtual machine, for 0.02 of reading and
    parsing. The same parsing as the thread's (utf-8 across reads, a lone ESC handed over
    when its wait ends, on a timer of the loop); while ``behind()`` says the app has too
    much waiting (keys to act on, or output its terminal has not taken), nothing is read
    (the bytes wait in the terminal) until it has caught up."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        fileno: int,
        parser: KeyParser,
        deliver: Callable[[Message], None],
        behind: Callable[[], bool],
        failed: Callable[[], None],
        remember: bool = True,
        output_behind: Callable[[], bool] = lambda: False,
    ) -> None:
        self._loop = loop
        self._fileno = fileno
        self._parser = parser
        self._deliver = deliver
        self._behind = behind
        self._output_behind = output_behind
        """A part of ``behind`` cheap enough to ask at every read: whether the terminal has
        not taken the app's output (each key may make a frame: see mbc_tui.output_thread)."""
        self._failed = failed
        """Called (inside the ``except``) when reading the terminal fails: it is gone."""
        self._decode = getincrementaldecoder("utf-8")().decode
        self._reading = False
        self._stopped = False
        self._escape_due: asyncio.TimerHandle | None = None
        self._catch_up: asyncio.TimerHandle | None = None
        self._remember = remember
        self._since_check = 0
        self._known: dict[str, KnownKeys] = {}
        """The keys (name, character) each short read made, read with nothing pending."""
        self._settled = True
        """Whether the parser holds nothing: its last read ended on a key, no Esc pending
        (after a mouse report or a paste's start it may be in another mode)."""

    def start(self) -> bool:
        """Start reading (on the loop); False if the loop cannot watch this file (a regular
        file, say: then a thread must read it)."""
        try:
            self._loop.add_reader(self._fileno, self._read)
        except (OSError, ValueError):
            return False
        self._reading = True
        return True

    @property
    def reading(self) -> bool:
        """Whether the loop is watching the terminal for keys now."""
        return self._reading

    def stop(self) -> None:
        """Read no more (on the loop). A lone ESC read just before is still handed over when
        its wait ends, as the thread's last look does."""
        self._stopped = True
        self._pause()
        if self._catch_up is not None:
            self._catch_up.cancel()
            self._catch_up = None

    def _pause(self) -> None:
        if self._reading:
            self._reading = False
            self._loop.remove_reader(self._fileno)

    def _read(self) -> None:
        try:
            data = os.read(self._fileno, READ_SIZE)
        except OSError:
            self.stop()
            self._failed()
            return
        if not data:  # the end of input (a pipe): nothing more will come
            self.stop()
            return
        messages = self.keys_of(self._decode(data))
        for message in messages:
            self._deliver(message)
        self._tick()
        # How far behind the app is, looked at every so many keys (a flood's every read);
        # whether its terminal takes its output, at every read.
        self._since_check += len(messages)
        if self._since_check < CHECK_EVERY:
            behind = self._output_behind()
        else:
            self._since_check = 0
            behind = self._behind()
        if behind:
            self._pause()
            self._catch_up = self._loop.call_later(RETRY_AFTER, self._resume_when_caught_up)

    def keys_of(self, text: str) -> list[Message]:
        """What the parser makes of ``text``. A short read met before, with the parser
        settled, makes the same keys again: they are made as it made them, without it
        (Textual's parser takes 0.1-0.2 ms a key, most of it writing each key out as text
        for a debugging log that is off)."""
        known = self._known.get(text) if self._settled else None
        if known is not None:
            return [events.Key(key, character) for key, character in known]
        messages = list(self._parser.feed(text))
        made = _keys_made(messages, self._parser)
        if (
            made is not None
            and self._remember
            and self._settled
            and len(text) <= KNOWN_LENGTH
            and len(self._known) < KNOWN_READS
        ):
            self._known[text] = made
        self._settled = (
            bool(messages)
            and isinstance(messages[-1], events.Key)
            and escape_deadline(self._parser) is None
        )
        return messages

    def learn(self, reads: Iterable[str], fresh_parser: Callable[[], KeyParser]) -> None:
        """Remember the keys each of ``reads`` makes, parsed by parsers of the same kind as
        this reader's, each settled (new, or its last read ended on a key): what the reader's
        own parser would make of them when settled. Done while the app is idle, once."""
        parser = fresh_parser()
        for text in reads:
            if len(self._known) >= KNOWN_READS:
                return
            if text in self._known or len(text) > KNOWN_LENGTH:
                continue
            made = _keys_made(list(parser.feed(text)), parser)
            if made is not None:
                self._known[text] = made
            else:  # (an unfinished sequence, or another mode: start again from nothing)
                parser = fresh_parser()

    def _resume_when_caught_up(self) -> None:
        self._catch_up = None
        if self._stopped:
            return
        if self._behind():
            self._catch_up = self._loop.call_later(RETRY_AFTER, self._resume_when_caught_up)
        else:
            self.start()

    def _tick(self) -> None:
        """Hand over what the parser's wait has made keys; wake for the next such wait."""
        if self._escape_due is not None:
            self._escape_due.cancel()
            self._escape_due = None
        for message in self._parser.tick():
            self._deliver(message)
        deadline = escape_deadline(self._parser)
        if deadline is not None:
            wait = read_wait(deadline, parser_clock(), idle=None)
            self._escape_due = self._loop.call_later(wait or 0.0, self._tick)


def _keys_made(messages: list[Message], parser: KeyParser) -> KnownKeys | None:
    """The keys ``messages`` are, if they are all keys and ``parser`` holds nothing after
    them (a read worth remembering); otherwise None."""
    if not messages or escape_deadline(parser) is not None:
        return None
    if not all(type(message) is events.Key for message in messages):
        return None
    return tuple(
        (message.key, message.character) for message in messages if isinstance(message, events.Key)
    )
