"""How many spare guides to keep, and of which kind: from the readers who arrived lately.

Plain Python (no asyncio, no Textual), so the rule can be tested on its own.

- While nobody arrives, the server keeps ``floor`` spares (``--spare-sessions``), all of
  the kind most readers get (the full guide in a 256-colour xterm).
- When readers arrive, it keeps as many as arrived in the last ``window`` seconds (never
  fewer than ``floor``, never more than ``ceiling``): demand grows the pool, and five quiet
  minutes shrink it back.
- The pool is shared between the kinds of reader who arrived (TERM, colour, low
  bandwidth: a spare fits only its own kind) in proportion to their arrivals; every kind
  that arrived gets at least one (the most common first, while the pool allows), and the
  common kind is always counted as if one of its readers had just arrived.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Hashable
from typing import Generic, TypeVar

Kind = TypeVar("Kind", bound=Hashable)

WINDOW = 300.0
"""Seconds over which arrivals count as demand."""


class SpareDemand(Generic[Kind]):
    """Remembers arrivals and says how many spares of each kind to keep."""

    def __init__(self, floor: int, ceiling: int, default: Kind, window: float = WINDOW) -> None:
        self.floor = max(0, min(floor, ceiling))
        self.ceiling = ceiling
        self.default = default
        self.window = window
        self._arrivals: deque[tuple[float, Kind]] = deque()

    def arrived(self, kind: Kind, now: float) -> None:
        """A reader of this kind arrived (whether or not a spare was there for them)."""
        self._arrivals.append((now, kind))
        self._forget(now)

    def recent(self, now: float) -> Counter[Kind]:
        """Arrivals in the window, by kind."""
        self._forget(now)
        return Counter(kind for _, kind in self._arrivals)

    def wanted(self, now: float) -> dict[Kind, int]:
        """Spares to keep of each kind (kinds with none are left out)."""
        if self.floor == 0:
            return {}  # spares are off
        arrivals = self.recent(now)
        # The common kind is always wanted, as if one of its readers had just arrived.
        arrivals[self.default] = max(arrivals[self.default], 1)
        total = min(self.ceiling, max(self.floor, sum(arrivals.values())))
        kinds = [kind for kind, _ in arrivals.most_common()]
        wanted = dict.fromkeys(kinds[:total], 1)  # each kind seen, most common first
        left = total - len(wanted)
        if left > 0:
            counted = sum(arrivals[kind] for kind in wanted)
            shares = {kind: left * arrivals[kind] / counted for kind in wanted}
            for kind, share in shares.items():
                wanted[kind] += int(share)
            rest = total - sum(wanted.values())  # largest remainders first
            for kind in sorted(shares, key=lambda k: shares[k] - int(shares[k]), reverse=True):
                if rest <= 0:
                    break
                wanted[kind] += 1
                rest -= 1
        return wanted

    def _forget(self, now: float) -> None:
        while self._arrivals and self._arrivals[0][0] <= now - self.window:
            self._arrivals.popleft()
