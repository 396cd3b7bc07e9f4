"""Python's collections moved to the quiet after a key (mbc_tui/quiet_collection.py): none
lands in a key, one runs once the app is quiet, and Python still collects past the bound."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from mbc_tui.app import GuideApp
from mbc_tui.quiet_collection import BOUND, generation_due
from tests.conftest import wait_until

SIZE = (80, 24)
QUIET = 1.0
"""The tests' quiet time: long beside one key, even on a busy machine."""
PYTHON = (700, 10, 10)


class Made:
    """A new object the collector counts (lists and dicts may come from a free list)."""


@contextmanager
def collections_seen() -> Iterator[list[int]]:
    """The generation of each collection Python runs meanwhile."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def quiet_app(make_app: Callable[..., GuideApp]) -> GuideApp:
    app = make_app()
    app.collects_when_quiet = True
    app.collect_after_quiet = QUIET
    return app


@pytest.fixture(autouse=True)
def python_thresholds() -> Iterator[None]:
    """Each test starts from Python's own thresholds, and leaves them so."""
    before = gc.get_threshold()
    gc.set_threshold(*PYTHON)
    yield
    gc.set_threshold(*before)


async def test_no_collection_lands_in_a_key_and_one_follows_in_the_quiet(
    make_app: Callable[..., GuideApp],
):
    app = quiet_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: app.collecting_when_quiet, pause=pilot.pause)
        with collections_seen() as seen:
            # Each but Escape opens a screen or section: thousands of new objects, one or
            # more of Python's own collections without the module.
            for key in ("down", "enter", "s", "x", "escape", "escape", "g"):
                before = len(seen)
                await pilot.press(key)
                await pilot.pause()
                assert seen[before:] == [], f"a collection in {key!r}"
                if gc.get_count()[0] > PYTHON[0]:  # Python would have collected by now
                    await wait_until(lambda: gc.get_count()[0] < PYTHON[0], pause=pilot.pause)
                    assert len(seen) > before
            assert seen, "no collection in the quiet"


async def test_python_still_collects_past_the_bound(make_app: Callable[..., GuideApp]):
    app = quiet_app(make_app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: app.collecting_when_quiet, pause=pilot.pause)
        assert gc.get_threshold()[0] == BOUND
        with collections_seen() as seen:
            held = [Made() for _ in range(BOUND + 1)]  # a key held down: never quiet
            assert seen, "no collection past the bound"
        del held


async def test_an_app_not_asked_leaves_the_collector_alone(make_app: Callable[..., GuideApp]):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not app.collecting_when_quiet and gc.get_threshold() == PYTHON


@pytest.mark.parametrize(
    ("counts", "due"),
    [
        ((700, 10, 10), None),  # Python collects only past a threshold
        ((701, 0, 0), 0),
        ((5000, 10, 3), 0),
        ((5000, 11, 3), 1),
        ((701, 11, 11), 2),
    ],
)
def test_the_generation_due_is_pythons_own_choice(counts: tuple[int, int, int], due: int | None):
    assert generation_due(counts, PYTHON) == due
