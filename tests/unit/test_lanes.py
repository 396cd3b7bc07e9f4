"""The test lanes (tests/lanes.py) and the waiting helpers of tests/conftest.py."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tests.conftest import holds_for, wait_until
from tests.lanes import LANES, TESTS, lane_of, lanes_in_arguments, lanes_in_expression, unit_only


def test_a_test_is_in_the_lane_of_its_folder() -> None:
    assert lane_of(TESTS / "unit" / "test_lanes.py") == "unit"
    assert lane_of(TESTS / "pilot") == "pilot"
    assert lane_of(TESTS / "ssh" / "test_sessions.py") == "ssh"
    assert lane_of(TESTS / "test_somewhere_else.py") is None
    assert lane_of(TESTS / "helpers" / "test_x.py") is None
    assert lane_of(Path("/elsewhere/unit/test_x.py")) is None


def test_only_a_lane_named_alone_narrows_the_run() -> None:
    assert lanes_in_expression("unit") == {"unit"}
    assert lanes_in_expression(" pty ") == {"pty"}
    assert lanes_in_expression("") == set(LANES)
    assert lanes_in_expression("not ssh") == set(LANES)
    assert lanes_in_expression("unit or pilot") == set(LANES)


def test_paths_on_the_command_line_narrow_the_run() -> None:
    root = TESTS.parent
    assert lanes_in_arguments(["tests/unit"], root) == {"unit"}
    assert lanes_in_arguments(["tests/unit/test_lanes.py::test_x", "tests/ssh"], root) == {
        "unit",
        "ssh",
    }
    assert lanes_in_arguments(["tests"], root) == set(LANES)


def test_no_unit_test_imports_textual(request: pytest.FixtureRequest) -> None:
    """The guard itself: a run of the unit lane alone has no Textual (tests/lanes.py)."""
    if not request.config.stash[unit_only]:
        pytest.skip("only meaningful when the unit lane runs alone (-m unit or tests/unit)")
    assert "textual" not in sys.modules
    assert "pytest_textual_snapshot" not in sys.modules


async def test_wait_until_returns_as_soon_as_the_check_holds() -> None:
    ready_at = time.monotonic() + 0.1
    started = time.monotonic()
    await wait_until(lambda: time.monotonic() >= ready_at, timeout=5)
    assert time.monotonic() - started < 1


async def test_wait_until_fails_with_the_check_after_the_timeout() -> None:
    def never() -> bool:
        return False

    with pytest.raises(AssertionError, match=r"still not true after 0\.1 s: def never"):
        await wait_until(never, timeout=0.1)


async def test_holds_for_fails_the_moment_the_check_stops_holding() -> None:
    await holds_for(lambda: True, seconds=0.1)
    broken_at = time.monotonic() + 0.1
    started = time.monotonic()
    with pytest.raises(AssertionError, match="stopped being true within 5 s"):
        await holds_for(lambda: time.monotonic() < broken_at, seconds=5)
    assert time.monotonic() - started < 1
