"""The caps: readers in all and per address, and connections that have not started a session.

Addresses are counted by who controls them: an IPv4 address, or an IPv6 /64 (one home or
one cloud machine is given a whole /64, so counting single IPv6 addresses would give it
2^64 caps).
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from dataclasses import dataclass
from enum import Enum


class Refusal(Enum):
    SERVER_FULL = "server full"
    TOO_MANY_FROM_ADDRESS = "too many from address"


def address_key(address: str) -> str:
    """What per-address caps count ``address`` as: itself for IPv4 (and IPv4 mapped into
    IPv6), its /64 for IPv6, the text unchanged when it is not an address at all."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


class SessionLimits:
    """Counts open sessions; ``admit`` either counts one more or says why not."""

    def __init__(self, max_sessions: int, max_per_address: int) -> None:
        self.max_sessions = max_sessions
        self.max_per_address = max_per_address
        self._by_address: Counter[str] = Counter()

    @property
    def open_sessions(self) -> int:
        return sum(self._by_address.values())

    def admit(self, address: str) -> Refusal | None:
        key = address_key(address)
        if self.open_sessions >= self.max_sessions:
            return Refusal.SERVER_FULL
        if self._by_address[key] >= self.max_per_address:
            return Refusal.TOO_MANY_FROM_ADDRESS
        self._by_address[key] += 1
        return None

    def release(self, address: str) -> None:
        key = address_key(address)
        if self._by_address[key] <= 1:
            del self._by_address[key]
        else:
            self._by_address[key] -= 1


class StartupsError(ValueError):
    """Not a START:RATE:FULL triple."""


@dataclass(frozen=True)
class Startups:
    """OpenSSH's ``MaxStartups`` for connections that have not started a session yet
    (logging in, or silent): below ``start`` all are let in; from ``start`` a new one is
    dropped with a chance of ``rate`` percent, rising in a straight line to 100% at ``full``.
    A few addresses holding connections open then cannot lock everyone else out: others
    still get in most of the time until ``full``, and those held are ended by the login
    time limit."""

    start: int
    rate: int
    full: int

    @classmethod
    def parse(cls, text: str) -> Startups:
        """'10:30:100' (or just '100': no early drops, all refused from 100)."""
        parts = text.split(":")
        if len(parts) not in (1, 3) or not all(p.isascii() and p.isdigit() for p in parts):
            raise StartupsError(f"'{text}' is not START:RATE:FULL (for example 10:30:100)")
        if len(parts) == 1:
            full = int(parts[0])
            startups = cls(full, 100, full)
        else:
            startups = cls(*(int(part) for part in parts))
        if not 1 <= startups.start <= startups.full or not 0 < startups.rate <= 100:
            raise StartupsError(
                f"'{text}' needs 1 <= START <= FULL and a RATE from 1 to 100 (percent)"
            )
        return startups

    def __str__(self) -> str:
        return f"{self.start}:{self.rate}:{self.full}"

    def admit(self, unstarted: int, draw: float) -> bool:
        """Whether one more connection may wait, with ``unstarted`` already waiting;
        ``draw`` is a random number in [0, 1)."""
        if unstarted >= self.full:
            return False
        if unstarted < self.start:
            return True
        span = self.full - self.start
        chance = self.rate + (100 - self.rate) * (unstarted - self.start) / span if span else 100
        return draw * 100 >= chance
