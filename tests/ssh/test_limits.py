"""The session caps, counted per server and per address."""

from __future__ import annotations

import pytest

from mbc_tui.ssh.limits import Refusal, SessionLimits, Startups, StartupsError, address_key


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


def test_ipv6_is_counted_by_its_slash_64() -> None:
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff:2") == "2001:db8::/64"
    assert address_key("2001:db8:0:1::1") == "2001:db8:0:1::/64"
    assert address_key("::ffff:198.51.100.7") == "198.51.100.7"
    assert address_key("198.51.100.7") == "198.51.100.7"
    assert address_key("?") == "?"
    limits = SessionLimits(max_sessions=10, max_per_address=2)
    assert limits.admit("2001:db8::1") is None
    assert limits.admit("2001:db8::2") is None
    assert limits.admit("2001:db8::3") is Refusal.TOO_MANY_FROM_ADDRESS
    assert limits.admit("2001:db8:0:1::3") is None
    limits.release("2001:db8::1")
    assert limits.admit("2001:db8::4") is None


def test_startups_drop_early_at_random_like_maxstartups() -> None:
    startups = Startups(start=10, rate=30, full=100)
    assert all(startups.admit(waiting, 0.0) for waiting in range(10))
    assert not startups.admit(10, 0.29)  # 30% dropped at START
    assert startups.admit(10, 0.30)
    assert not startups.admit(55, 0.64)  # halfway: 65%
    assert startups.admit(55, 0.66)
    assert not startups.admit(99, 0.99)
    assert not startups.admit(100, 0.999)
    assert not any(startups.admit(100, draw / 10) for draw in range(10))


def test_startups_are_read_like_openssh() -> None:
    assert Startups.parse("10:30:100") == Startups(10, 30, 100)
    assert Startups.parse("40") == Startups(40, 100, 40)
    assert str(Startups(10, 30, 100)) == "10:30:100"
    for text in ("", "10:30", "a:b:c", "+1:30:100", "0:30:100", "10:0:100", "10:30:5", "1:101:2"):
        with pytest.raises(StartupsError):
            Startups.parse(text)
