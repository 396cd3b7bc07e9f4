"""What the server takes from a worker of several readers (``mbc_tui.ssh.workers``): one
plain line, never a pickle (a worker runs what readers drive)."""

from __future__ import annotations

import pickle

import pytest

from mbc_tui.ssh.workers import parse_ended


def test_an_ended_app_is_its_id_and_exit_code() -> None:
    assert parse_ended(b"ended 7 0") == (7, 0)
    assert parse_ended(b"ended 12 70") == (12, 70)
    assert parse_ended(b"ended 3 -9") == (3, -9)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"ended",
        b"ended 7",
        b"ended x 0",
        b"ended 7 0 more",
        b"ended 7 0\n",
        b"ENDED 7 0",
        b"ended 1234567890123456789 0",
        pickle.dumps(("ended", 7, 0)),
    ],
)
def test_anything_else_is_ignored(data: bytes) -> None:
    assert parse_ended(data) is None
