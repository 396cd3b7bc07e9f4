"""How many log lines one address may cause: N a minute, then one line with a count.

A client that connects thousands of times a minute would otherwise fill the operator's
disk and bury every other line. Plain Python; the clock is a parameter so tests need no
waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

WINDOW = 60.0
"""Seconds in which an address may cause ``per_window`` lines."""


@dataclass
class _Window:
    started: float
    lines: int = 0
    held_back: int = 0


class LogRateLimit:
    """Counts log lines per key (an address) in windows of ``window`` seconds."""

    def __init__(
        self,
        per_window: int,
        window: float = WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_window = per_window
        self.window = window
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._reports: list[tuple[str, int]] = []

    def allow(self, key: str) -> bool:
        """True: write this line. False: it is counted, and reported by :meth:`ended`."""
        now = self._clock()
        current = self._windows.get(key)
        if current is None or now - current.started >= self.window:
            if current is not None and current.held_back:
                self._reports.append((key, current.held_back))
            current = self._windows[key] = _Window(now)
        if current.lines < self.per_window:
            current.lines += 1
            return True
        current.held_back += 1
        return False

    def ended(self) -> list[tuple[str, int]]:
        """Keys whose window has ended with lines held back, and how many; each reported
        once. Every ended window is forgotten (the table never outgrows one minute's
        addresses)."""
        now = self._clock()
        report, self._reports = self._reports, []
        for key, window in list(self._windows.items()):
            if now - window.started >= self.window:
                del self._windows[key]
                if window.held_back:
                    report.append((key, window.held_back))
        return report

    def __len__(self) -> int:
        return len(self._windows)
