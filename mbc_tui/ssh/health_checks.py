"""The load balancer's health checks: counted, and logged as one line now and then.

Behind HAProxy (``--proxy-protocol``) every server is checked every few seconds: HAProxy
connects, sends a PROXY header that names no client (its own connection: v2 ``LOCAL`` or v1
``UNKNOWN``), waits for the SSH banner and closes. Logged one by one, that is tens of
thousands of lines a day per server. So a connection with such a header that closes without
logging in is counted here instead: the first from each balancer address is logged (so the
operator sees that checks arrive), then one line every :data:`REPORT_EVERY` seconds with the
count since the last line.

Plain Python (no asyncssh), so it can be tested on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from mbc_tui.ssh.messages import minutes

REPORT_EVERY = 600.0
"""Seconds between two lines about one balancer's health checks."""


@dataclass
class _Tally:
    since: float
    """When the last line about this balancer was written."""
    count: int = 0
    """Checks since then, not yet in a line."""


class HealthChecks:
    """Counts health checks per balancer address and says when a line is due."""

    def __init__(
        self, every: float = REPORT_EVERY, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.every = every
        self._clock = clock
        self._tallies: dict[str, _Tally] = {}
        self.total = 0
        """Checks seen since the server started, from every balancer."""

    def seen(self, address: str) -> str | None:
        """Count one check from ``address``; returns the line to log when one is due (the
        first check from that address, then once every ``every`` seconds), else None."""
        self.total += 1
        now = self._clock()
        tally = self._tallies.get(address)
        if tally is None:
            self._tallies[address] = _Tally(since=now)
            return (
                f"health-checks address={address} count=1 (the first; from now on one line "
                f"every {minutes(self.every)})"
            )
        tally.count += 1
        if now - tally.since < self.every:
            return None
        line = (
            f"health-checks address={address} count={tally.count} "
            f"in the last {minutes(now - tally.since)}"
        )
        tally.since, tally.count = now, 0
        return line
