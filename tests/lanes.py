"""Test lanes: a test's folder is its lane, and its marker (``./scripts/test -m unit``).

- tests/unit:  plain Python in one process; never imports Textual; runs in seconds.
- tests/pilot: the app in process (``App.run_test``, Pilot, snapshots): anything with Textual.
- tests/pty:   real processes: the guide in a pseudo-terminal, ``mbc-tui`` as a child process.
- tests/ssh:   the SSH server on 127.0.0.1 and readers connected to it.
- tests/web:   the web server on 127.0.0.1, its pages, sessions and a real browser.

A test outside these folders stops the run (it would silently be in no lane). When only the
unit lane is selected (``-m unit`` or ``tests/unit``), the other folders are not even imported
and the snapshot plugin, which imports Textual, is not loaded; a unit test that imports
Textual then fails.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

LANES = ("unit", "pilot", "pty", "ssh", "web")
TESTS = Path(__file__).resolve().parent
SNAPSHOT_PLUGIN = "pytest_textual_snapshot"

unit_only = pytest.StashKey[bool]()
"""Whether this run selects the unit lane alone (then nothing may import Textual)."""
textual_reported = pytest.StashKey[bool]()


def lane_of(path: Path) -> str | None:
    """The lane of a test file or folder under tests/, or None if it is in none."""
    try:
        parts = path.resolve().relative_to(TESTS).parts
    except ValueError:
        return None
    return parts[0] if parts and parts[0] in LANES else None


def lanes_in_expression(expression: str) -> set[str]:
    """The lanes a ``-m`` expression can select: one lane named alone, or else all of them."""
    expression = expression.strip()
    return {expression} if expression in LANES else set(LANES)


def lanes_in_arguments(arguments: Iterable[str], folder: Path) -> set[str]:
    """The lanes the paths given on the command line reach (``folder`` is where pytest ran)."""
    lanes: set[str] = set()
    for argument in arguments:
        path = (folder / argument.split("::")[0]).resolve()
        lane = lane_of(path)
        lanes.update({lane} if lane else LANES)
    return lanes


def selected_lanes(config: pytest.Config) -> set[str]:
    expression = config.getoption("markexpr") or ""
    return lanes_in_expression(expression) & lanes_in_arguments(
        config.args, config.invocation_params.dir
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[unit_only] = selected_lanes(config) == {"unit"}
    if not config.stash[unit_only]:
        config.pluginmanager.import_plugin(SNAPSHOT_PLUGIN)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Skip importing a lane folder the run cannot select (so ``-m unit`` imports no app)."""
    lane = lane_of(collection_path)
    if lane is None or collection_path.resolve() != TESTS / lane:
        return None
    return lane not in selected_lanes(config) or None


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    homeless = sorted({item.nodeid.split("::")[0] for item in items if lane_of(item.path) is None})
    if homeless:
        folders = ", ".join(f"tests/{lane}" for lane in LANES)
        raise pytest.UsageError(
            f"tests in no lane (move them into one of {folders}): {', '.join(homeless)}"
        )
    for item in items:
        item.add_marker(str(lane_of(item.path)))


def textual_is_imported() -> bool:
    return "textual" in sys.modules


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.stash[unit_only] and textual_is_imported():
        raise pytest.UsageError("the unit lane imported Textual: move that test to tests/pilot")


def pytest_runtest_teardown(item: pytest.Item) -> None:
    stash = item.config.stash
    if stash[unit_only] and textual_is_imported() and not stash.get(textual_reported, False):
        stash[textual_reported] = True
        pytest.fail(f"{item.nodeid} imported Textual: a unit test must not (see tests/lanes.py)")
