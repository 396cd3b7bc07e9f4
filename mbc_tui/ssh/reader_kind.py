"""What kind of reader a session has, from the user name, the terminal type and whether a
pty exists; and so the display profile its app gets.

Plain Python (no asyncssh, no Textual), so it can be tested on its own.

- ``ssh -t guide@host``: the full-screen guide; ``nocolor@``: without colour; ``slow@`` (or
  ``lowbw@``): the low-bandwidth profile; ``reader@``: the screen-reader profile (no frames,
  one pane at a time).
- ``ssh -t text@host``, a terminal type of ``dumb``, or no pseudo-terminal at all
  (``ssh -T``): the line-mode reader (``mbc-tui read``), for screen readers and braille.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from mbc_tui.terminal.display_profile import DisplayProfile


class Kind(Enum):
    FULL = "full"
    """The full-screen guide, in colour."""
    MONOCHROME = "monochrome"
    """The full-screen guide without colour."""
    LOW_BANDWIDTH = "low bandwidth"
    """The full-screen guide in its low-bandwidth profile."""
    SCREEN_READER = "screen reader"
    """The full-screen guide drawn for a screen reader."""
    LINE_MODE = "line mode"
    """The line-mode reader: lines only, no escape sequences."""


MONOCHROME_USERS = frozenset({"nocolor", "no-color", "mono", "monochrome"})
"""User names that ask for the guide without colour (``ssh nocolor@host``)."""
LOW_BANDWIDTH_USERS = frozenset({"slow", "lowbw", "low-bandwidth"})
"""User names that ask for the low-bandwidth guide (``ssh slow@host``)."""
SCREEN_READER_USERS = frozenset({"reader", "screen-reader", "screenreader"})
"""User names that ask for the guide drawn for a screen reader (``ssh reader@host``)."""
LINE_MODE_USERS = frozenset({"text", "line", "plain"})
"""User names that ask for the line-mode reader (``ssh text@host``)."""
LINE_MODE_TERM = "dumb"

DUMB_TERMINALS = frozenset({"", "dumb", "unknown"})
"""Terminal types that cannot show a full-screen app."""

FALLBACK_TERM = "xterm-256color"
"""Given to the app when the client's terminal type is not a plausible name."""
_TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")


@dataclass(frozen=True)
class ReaderKind:
    """What kind of reader has arrived: what they get, and their terminal."""

    kind: Kind
    term: str
    """The TERM the app gets (the client's, or a safe default)."""

    has_pty: bool = True

    @property
    def line_mode(self) -> bool:
        return self.kind is Kind.LINE_MODE

    @property
    def display_profile(self) -> DisplayProfile:
        """How the full-screen guide draws for this reader (from what they asked for and
        their terminal type): decided here, once, and carried to the app as it is."""
        return DisplayProfile.for_terminal(
            self.term,
            no_color=self.kind is Kind.MONOCHROME,
            low_bandwidth=self.kind is Kind.LOW_BANDWIDTH,
            screen_reader=self.kind is Kind.SCREEN_READER,
        )


def choose_reader_kind(user_name: str, term: str | None, has_pty: bool) -> ReaderKind:
    """Decide what a session gets. Never fails: unknown names get the full guide."""
    term = (term or "").strip()
    user = user_name.strip().lower()
    if not has_pty:
        return ReaderKind(Kind.LINE_MODE, LINE_MODE_TERM, has_pty=False)
    if term.lower() in DUMB_TERMINALS or user in LINE_MODE_USERS:
        return ReaderKind(Kind.LINE_MODE, LINE_MODE_TERM)
    if not _TERM_NAME.fullmatch(term):  # it goes into the app's environment: keep it sane
        term = FALLBACK_TERM
    if user in MONOCHROME_USERS:
        return ReaderKind(Kind.MONOCHROME, term)
    if user in LOW_BANDWIDTH_USERS:
        return ReaderKind(Kind.LOW_BANDWIDTH, term)
    if user in SCREEN_READER_USERS:
        return ReaderKind(Kind.SCREEN_READER, term)
    return ReaderKind(Kind.FULL, term)
