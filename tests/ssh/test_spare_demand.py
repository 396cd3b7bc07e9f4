"""The spare-guide rule (plain Python): how many to keep of each kind."""

from __future__ import annotations

from mbc_tui.ssh.spare_demand import SpareDemand


def demand(floor: int = 4, ceiling: int = 50) -> SpareDemand[str]:
    return SpareDemand(floor, ceiling, "full", window=300.0)


def test_with_nobody_arriving_the_floor_is_kept_of_the_common_kind() -> None:
    assert demand().wanted(now=0.0) == {"full": 4}


def test_the_common_kind_keeps_one_beside_a_kind_that_arrived() -> None:
    rule = demand(floor=1)
    rule.arrived("slow", 1.0)
    assert rule.wanted(2.0) == {"slow": 1, "full": 1}


def test_no_floor_means_no_spares_whatever_arrives() -> None:
    rule = demand(floor=0)
    rule.arrived("full", 1.0)
    assert rule.wanted(2.0) == {}


def test_every_kind_that_arrives_gets_a_spare_after_its_first_reader() -> None:
    rule = demand()
    rule.arrived("slow", 1.0)
    rule.arrived("nocolor", 2.0)
    rule.arrived("full", 3.0)
    wanted = rule.wanted(4.0)
    assert set(wanted) == {"slow", "nocolor", "full"}
    assert sum(wanted.values()) == 4


def test_the_pool_grows_with_arrivals_and_shares_them_by_kind() -> None:
    rule = demand()
    for second in range(30):
        rule.arrived("full", float(second))
    for second in range(10):
        rule.arrived("slow", 30.0 + second)
    assert rule.wanted(41.0) == {"full": 30, "slow": 10}


def test_the_pool_never_grows_past_the_ceiling() -> None:
    rule = demand(ceiling=8)
    for second in range(100):
        rule.arrived("full", float(second))
    assert rule.wanted(100.0) == {"full": 8}


def test_five_quiet_minutes_shrink_it_back_to_the_floor() -> None:
    rule = demand()
    for second in range(20):
        rule.arrived("slow", float(second))
    assert rule.wanted(20.0) == {"slow": 19, "full": 2}
    assert rule.wanted(20.0 + 300.0) == {"full": 4}


def test_more_kinds_than_spares_favours_the_most_common() -> None:
    rule = demand(floor=2)
    for kind, count in (("a", 1), ("b", 3), ("c", 2)):
        for _ in range(count):
            rule.arrived(kind, 1.0)
    assert rule.wanted(2.0) == {"b": 2, "c": 2, "a": 2, "full": 1}
    small = demand(floor=2, ceiling=2)
    for kind, count in (("a", 1), ("b", 3), ("c", 2)):
        for _ in range(count):
            small.arrived(kind, 1.0)
    assert small.wanted(2.0) == {"b": 1, "c": 1}
