"""The session caps: how many readers in all, and how many from one address."""

from __future__ import annotations

from collections import Counter
from enum import Enum


class Refusal(Enum):
    SERVER_FULL = "server full"
    TOO_MANY_FROM_ADDRESS = "too many from address"


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
        if self.open_sessions >= self.max_sessions:
            return Refusal.SERVER_FULL
        if self._by_address[address] >= self.max_per_address:
            return Refusal.TOO_MANY_FROM_ADDRESS
        self._by_address[address] += 1
        return None

    def release(self, address: str) -> None:
        if self._by_address[address] <= 1:
            del self._by_address[address]
        else:
            self._by_address[address] -= 1
