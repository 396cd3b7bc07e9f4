"""How long a lone Esc waits (ESCDELAY or 50 ms), and how long the input thread sleeps."""

from __future__ import annotations

import pytest

from mbc_tui.terminal.escape_wait import IDLE_WAIT, LAST_LOOK, escape_delay, read_wait


def test_without_escdelay_a_lone_esc_waits_50_ms() -> None:
    assert escape_delay({}) == 0.05
    assert escape_delay({"TERM": "xterm"}) == 0.05


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("25", 0.025), ("100", 0.1), ("1000", 1.0), ("0", 0.001), ("-5", 0.001)],
)
def test_the_readers_escdelay_holds_at_least_1_ms(value: str, seconds: float) -> None:
    assert escape_delay({"ESCDELAY": value}) == seconds


@pytest.mark.parametrize("value", ["", "fast", "2.5", "10ms"])
def test_an_escdelay_that_is_no_whole_number_gives_the_default(value: str) -> None:
    assert escape_delay({"ESCDELAY": value}) == 0.05


def test_with_nothing_pending_the_thread_sleeps_until_a_byte_comes() -> None:
    """No waking to look around: stopping wakes the thread (an idle reader costs no CPU)."""
    assert IDLE_WAIT is None
    assert read_wait(None, now=5.0) is None
    assert read_wait(None, now=5.0, idle=0.0) == 0.0


def test_with_an_esc_pending_the_thread_wakes_when_it_is_due() -> None:
    assert read_wait(10.03, now=10.0) == pytest.approx(0.03)
    assert read_wait(10.03, now=10.0, idle=0.0) == pytest.approx(0.03)


def test_an_esc_already_due_is_looked_at_at_once() -> None:
    assert read_wait(10.0, now=10.0) == 0.0
    assert read_wait(10.0, now=10.5) == 0.0


def test_a_long_escape_wait_is_waited_whole_but_not_by_the_last_look() -> None:
    """A reader's ESCDELAY may be seconds: kept while reading, not when the app stops."""
    assert read_wait(11.0, now=10.0) == pytest.approx(1.0)
    assert read_wait(11.0, now=10.0, idle=0.0, longest=LAST_LOOK) == LAST_LOOK
