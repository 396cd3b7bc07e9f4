"""How long a lone Esc byte waits before it is the Esc key, and how long the input thread sleeps.

A terminal sends the Esc key as the byte ESC alone, and most other keys (arrows, Page Down,
Alt+letter) as ESC followed by more bytes. Only time tells them apart: after an ESC, the
key reader waits a moment for the rest of a sequence, and if nothing comes, it was Esc.
Textual waits 100 ms (``ESCDELAY``, as curses reads it); here the wait is 50 ms, the figure
many terminal editors use, unless the reader or operator set ``ESCDELAY`` themselves.

The input thread then sleeps in ``select`` only until that wait ends (:func:`read_wait`), so a
lone Esc is handed over at its deadline, not at the next tenth of a second.
"""

from __future__ import annotations

from collections.abc import Mapping

ESCAPE_DELAY_VARIABLE = "ESCDELAY"
"""Milliseconds, a whole number (curses's variable; Textual reads the same)."""
DEFAULT_ESCAPE_DELAY_MS = 50
MINIMUM_ESCAPE_DELAY_MS = 1
"""Textual's own floor: no wait at all would split every sequence that arrives in two reads."""
IDLE_WAIT: float | None = None
"""How long the input thread sleeps in ``select`` with nothing pending: until bytes come or
the app stops (stopping wakes it, see ``mbc_tui.key_reader.WakingEvent``). Textual's thread
woke every tenth of a second to look whether the app was exiting: about 1.5 ms of CPU a
second for each idle reader, paid on a server by hundreds of them at once."""


def escape_delay(environ: Mapping[str, str]) -> float:
    """Seconds to wait after a lone ESC for the rest of a sequence: ``ESCDELAY`` if it is set
    to a whole number of milliseconds (at least 1), else 50 ms."""
    try:
        milliseconds = int(environ[ESCAPE_DELAY_VARIABLE])
    except (KeyError, ValueError):
        milliseconds = DEFAULT_ESCAPE_DELAY_MS
    return max(MINIMUM_ESCAPE_DELAY_MS, milliseconds) / 1000


LAST_LOOK = 0.1
"""The longest the input thread's last look waits for a pending Esc as it stops (a reader's
``ESCDELAY`` may be seconds; quitting does not wait for it)."""


def read_wait(
    deadline: float | None,
    now: float,
    idle: float | None = IDLE_WAIT,
    longest: float | None = None,
) -> float | None:
    """Seconds the input thread may sleep waiting for bytes, at ``now`` (``None``: as long as
    it takes): until the ``deadline`` of a pending escape, never below 0 nor above
    ``longest``; ``idle`` with no escape pending."""
    if deadline is None:
        return idle
    wait = max(0.0, deadline - now)
    return wait if longest is None else min(wait, longest)
