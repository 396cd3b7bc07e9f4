"""What a session gets, decided from the user name, the terminal type and whether a pty exists.

Plain Python (no asyncssh, no Textual), so it can be tested on its own and so the line-mode
reader can be plugged in later by adding one branch here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    FULL = "full"
    """The full-screen guide, in colour."""
    MONOCHROME = "monochrome"
    """The full-screen guide without colour (NO_COLOR=1 in the app's environment)."""
    PLAIN_MESSAGE = "plain message"
    """No app: a few lines of plain text saying how to connect with a terminal."""


MONOCHROME_USERS = frozenset({"nocolor", "no-color", "mono", "monochrome"})
"""User names that ask for the guide without colour (``ssh nocolor@host``)."""

DUMB_TERMINALS = frozenset({"", "dumb", "unknown"})
"""Terminal types that cannot show a full-screen app."""

FALLBACK_TERM = "xterm-256color"
"""Given to the app when the client's terminal type is not a plausible name."""
_TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")


@dataclass(frozen=True)
class Profile:
    kind: Kind
    term: str
    """The TERM the app gets (the client's, or a safe default)."""

    @property
    def runs_app(self) -> bool:
        return self.kind in (Kind.FULL, Kind.MONOCHROME)

    @property
    def no_color(self) -> bool:
        return self.kind is Kind.MONOCHROME


def choose_profile(user_name: str, term: str | None, has_pty: bool) -> Profile:
    """Decide what a session gets. Never fails: unknown names get the full guide."""
    term = (term or "").strip()
    if not has_pty or term.lower() in DUMB_TERMINALS:
        return Profile(Kind.PLAIN_MESSAGE, term)
    if not _TERM_NAME.fullmatch(term):  # it goes into the app's environment: keep it sane
        term = FALLBACK_TERM
    if user_name.strip().lower() in MONOCHROME_USERS:
        return Profile(Kind.MONOCHROME, term)
    return Profile(Kind.FULL, term)
