"""Log lines per address per minute: a few written, the rest counted in one line."""

from __future__ import annotations

from mbc_tui.ssh.log_limit import LogRateLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_lines_over_the_limit_are_counted_then_reported_once() -> None:
    clock = Clock()
    limit = LogRateLimit(3, window=60.0, clock=clock)
    assert [limit.allow("198.51.100.7") for _ in range(5)] == [True, True, True, False, False]
    assert limit.allow("203.0.113.9")  # another address has its own lines
    assert limit.ended() == []  # the minute has not ended
    clock.now += 60.0
    assert limit.ended() == [("198.51.100.7", 2)]
    assert limit.ended() == []
    assert len(limit) == 0  # ended minutes are forgotten: the table stays small


def test_a_new_minute_reports_the_last_one_first() -> None:
    clock = Clock()
    limit = LogRateLimit(1, window=60.0, clock=clock)
    assert limit.allow("a")
    assert not limit.allow("a")
    clock.now += 61.0
    assert limit.allow("a")  # a new minute: written again
    assert limit.ended() == [("a", 1)]


def test_a_quiet_address_is_never_reported() -> None:
    clock = Clock()
    limit = LogRateLimit(5, clock=clock)
    limit.allow("a")
    clock.now += 120.0
    assert limit.ended() == []
