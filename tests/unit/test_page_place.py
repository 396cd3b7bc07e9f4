"""Which page of a section the reader shows, and how the border says it (page_place)."""

from __future__ import annotations

import pytest

from mbc_tui.widgets.page_place import NOWHERE, PagePlace, page_of, place_label


def pages_down(visible: int, total: int) -> list[PagePlace]:
    """The page after each Page Down from the top, as Textual scrolls: by ``visible`` lines,
    stopping at the end."""
    end, top, seen = max(total - visible, 0), 0, []
    while True:
        seen.append(page_of(top, visible, total))
        if top == end:
            return seen
        top = min(top + visible, end)


def pages_up(visible: int, total: int) -> list[PagePlace]:
    """The page after each Page Up from the end."""
    top, seen = max(total - visible, 0), []
    while True:
        seen.append(page_of(top, visible, total))
        if top == 0:
            return seen
        top = max(top - visible, 0)


@pytest.mark.parametrize("total", [21, 25, 40, 41, 50, 59, 61, 70, 78, 80, 81, 200])
def test_page_down_and_page_up_count_every_page_once(total: int) -> None:
    visible = 20
    down = [place.page for place in dict.fromkeys(pages_down(visible, total))]
    pages = down[-1]
    assert down == list(range(1, pages + 1))  # from 1 to the last, none skipped
    up = [place.page for place in dict.fromkeys(pages_up(visible, total))]
    assert up == list(range(pages, 0, -1))
    assert {place.pages for place in pages_down(visible, total)} == {pages}


def test_a_section_is_as_many_pages_as_screenfuls_rounded() -> None:
    assert page_of(0, 20, 100) == PagePlace(1, 5)
    assert page_of(0, 20, 50) == PagePlace(1, 3)  # the last half screen is a page
    assert page_of(0, 20, 61) == PagePlace(1, 3)  # a last line is not a page of its own
    assert page_of(40, 20, 61) == PagePlace(3, 3)  # one line from the end: the last page
    assert page_of(0, 20, 21) == PagePlace(1, 2)  # not all on screen: two pages at least


def test_a_section_that_fits_is_page_1_of_1_and_none_before_it_is_laid_out() -> None:
    assert page_of(0, 20, 12) == PagePlace(1, 1)
    assert page_of(0, 20, 20) == PagePlace(1, 1)
    assert page_of(0, 0, 50) == NOWHERE
    assert page_of(0, 20, 0) == NOWHERE


def test_between_pages_the_nearest_page_to_the_top_line() -> None:
    assert page_of(1, 20, 100) == PagePlace(1, 5)  # one line down: still page 1
    assert page_of(9, 20, 100) == PagePlace(1, 5)
    assert page_of(10, 20, 100) == PagePlace(2, 5)
    assert page_of(60, 20, 100) == PagePlace(4, 5)
    assert page_of(80, 20, 100) == PagePlace(5, 5)


def test_the_border_says_the_page_in_words_where_they_fit() -> None:
    assert place_label(PagePlace(2, 5), 46) == "page 2 of 5"
    assert place_label(PagePlace(12, 13), 13) == "page 12 of 13"
    assert place_label(PagePlace(12, 13), 12) == "12/13"
    assert place_label(NOWHERE, 46) == ""


def test_after_a_search_its_place_first_then_the_page_if_both_fit() -> None:
    found = "Found: bone (place 1 of 2, n: next)"
    assert place_label(PagePlace(2, 3), 76, found) == f"{found}, page 2 of 3"
    assert place_label(PagePlace(2, 3), 46, found) == found
    assert place_label(NOWHERE, 76, found) == found
