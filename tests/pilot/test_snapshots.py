"""Pictures of the main screens at 80x24 (pytest-textual-snapshot).

Update after a deliberate change with ``pytest --snapshot-update``, and look at the
pictures in the report before committing them.
"""

from __future__ import annotations

from collections.abc import Callable

from mbc_tui.app import GuideApp

SIZE = (80, 24)


def test_main_screen(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_main_screen_reading_table_1(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["6", "pagedown"])


def test_subtype_explorer(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s", "e", "h"])


def test_help_screen(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["question_mark"])


def test_subtype_explorer_with_a_result_not_known(
    snap_compare, make_app: Callable[..., GuideApp]
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s", "p", "p", "h"])


def test_results_summary(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["s", "e", "p", "p", "h", "x"])


def test_search_results(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    # Down shows the results (typing changes only the line under the box).
    assert snap_compare(make_app(), terminal_size=SIZE, press=["slash", *"biopsy", "down"])


def test_search_opens_the_section_at_the_match(
    snap_compare, make_app: Callable[..., GuideApp]
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["slash", *"biopsy", "enter"])


def test_glossary(snap_compare, make_app: Callable[..., GuideApp]) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, press=["g", "down", "down"])
