"""The session caps, counted per server and per address."""

from __future__ import annotations

from mbc_tui.ssh.limits import Refusal, SessionLimits


def test_the_total_cap() -> None:
    limits = SessionLimits(max_sessions=2, max_per_address=5)
    assert limits.admit("10.0.0.1") is None
    assert limits.admit("10.0.0.2") is None
    assert limits.admit("10.0.0.3") is Refusal.SERVER_FULL
    limits.release("10.0.0.1")
    assert limits.admit("10.0.0.3") is None
    assert limits.open_sessions == 2


def test_the_per_address_cap() -> None:
    limits = SessionLimits(max_sessions=10, max_per_address=2)
    assert limits.admit("10.0.0.1") is None
    assert limits.admit("10.0.0.1") is None
    assert limits.admit("10.0.0.1") is Refusal.TOO_MANY_FROM_ADDRESS
    assert limits.admit("10.0.0.2") is None
    limits.release("10.0.0.1")
    assert limits.admit("10.0.0.1") is None
    assert limits.open_sessions == 3
