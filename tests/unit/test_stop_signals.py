"""The signals ``serve`` and ``web`` stop on: SIGHUP only when it is not ignored (nohup)."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from mbc_tui.option_values import stop_signals


@pytest.fixture
def hang_up_as_it_was() -> Iterator[None]:
    before = signal.getsignal(signal.SIGHUP)
    yield
    signal.signal(signal.SIGHUP, before)


def test_a_closed_terminal_stops_the_server(hang_up_as_it_was: None) -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    assert stop_signals() == (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def test_under_nohup_a_closed_terminal_does_not(hang_up_as_it_was: None) -> None:
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # what nohup does before it starts us
    assert stop_signals() == (signal.SIGTERM, signal.SIGINT)
