"""The terminal output file of the lean driver: what Textual's writer thread writes, sent on
in pieces that end between rows (see :mod:`mbc_tui.terminal.row_pieces`)."""

from __future__ import annotations

import itertools
import os
from typing import TextIO

from mbc_tui.terminal.row_pieces import row_pieces


class RowAlignedOutput:
    """Stands in for the terminal's text file (``sys.__stderr__``) in Textual's writer
    thread. Like that file it gathers what is written until ``flush`` (the writer thread
    flushes when nothing more is queued: a frame and what came with it, in one go); then it
    writes it in row-aligned pieces of at most 2,048 bytes, each in one ``write`` of its own,
    so that the terminal layer's own chunks fall between rows."""

    def __init__(self, file: TextIO) -> None:
        self._file = file
        self._fileno = file.fileno()
        self._encoding = file.encoding or "utf-8"
        self._errors = file.errors or "strict"
        self._pending: list[str] = []

    def write(self, text: str) -> int:
        self._pending.append(text)
        return len(text)

    def flush(self) -> None:
        if not self._pending:
            return
        encoded = [text.encode(self._encoding, self._errors) for text in self._pending]
        self._pending.clear()
        data = b"".join(encoded)
        writes = list(itertools.accumulate(map(len, encoded[:-1])))  # where each begins
        self._file.flush()  # anything written to the file itself goes first
        for piece in row_pieces(data, writes=writes):
            view = memoryview(piece)
            while view:
                view = view[os.write(self._fileno, view) :]

    def fileno(self) -> int:
        return self._fileno

    def isatty(self) -> bool:
        return self._file.isatty()
