"""The lean driver's input thread: reads the terminal, parses keys, hands them to the app.

As Textual's ``LinuxDriver.run_input_thread`` does (utf-8 decoded across reads, one last look
at what the parser holds when input stops), with one difference: Textual sleeps in
``select`` a tenth of a second at a time and looks at a pending lone ESC only when it wakes,
so an Esc reached the app up to 100 ms after its wait had ended. Here the thread sleeps only
until that wait ends (:mod:`mbc_tui.terminal.escape_wait`).
"""

from __future__ import annotations

import contextlib
import os
import selectors
import threading
from codecs import getincrementaldecoder
from collections.abc import Callable

from textual.message import Message

from mbc_tui.terminal.escape_wait import IDLE_WAIT, read_wait
from mbc_tui.textual_compat import KeyParseError, KeyParser, escape_deadline, parser_clock

READ_SIZE = 4096
"""Bytes read at a time (Textual's figure)."""


def read_keys(
    fileno: int,
    parser: KeyParser,
    deliver: Callable[[Message], None],
    stop: threading.Event,
) -> None:
    """Read ``fileno`` until ``stop`` is set, handing each parsed message to ``deliver`` (in
    this thread; it may block, and then nothing more is read). A lone ESC is handed over when
    the parser's wait for the rest of a sequence ends."""
    decode = getincrementaldecoder("utf-8")().decode
    selector = selectors.SelectSelector()
    selector.register(fileno, selectors.EVENT_READ)

    def take(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
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

    def wait(idle: float) -> float:
        return read_wait(escape_deadline(parser), parser_clock(), idle=idle)

    try:
        while not stop.is_set():
            take(selector.select(wait(IDLE_WAIT)))
        selector.unregister(fileno)
        # A lone ESC still pending is handed over when due (Textual slept a tenth of a second
        # here, then looked); with nothing pending, there is nothing to wait for.
        take(selector.select(wait(0.0)), final=True)
    finally:
        selector.close()
        with contextlib.suppress(EOFError, KeyParseError):
            for _message in parser.feed(""):
                pass
