"""Where the reader is in a section: its page, in words ("page 2 of 5").

Plain arithmetic (no Textual), so the reader's border and its tests share one rule. A page
is what Page Down moves by: the lines the reader shows at once. A section is as many pages
as it is screenfuls, rounded (at least two when it does not fit on one): Page Down stops at
the end, so its last move may be short, and a last move of a line or two is not a page of
its own. The first page is the top, the last page is within half a screen of the end, and
in between the page is the screenful nearest the top line (after Up, Down or Page Up).
"""

from __future__ import annotations

from typing import NamedTuple


class PagePlace(NamedTuple):
    """Page ``page`` of ``pages`` (both from 1); ``pages`` is 0 while nothing is laid out."""

    page: int
    pages: int


NOWHERE = PagePlace(0, 0)
"""Before the section is laid out: no page to speak of."""


def page_of(top: int, visible: int, total: int) -> PagePlace:
    """The page shown when line ``top`` is at the top of ``visible`` lines of a document of
    ``total`` lines."""
    if visible <= 0 or total <= 0:
        return NOWHERE
    if total <= visible:
        return PagePlace(1, 1)
    pages = max(2, (2 * total + visible) // (2 * visible))  # screenfuls, half up
    top = max(top, 0)
    if top == 0:
        return PagePlace(1, pages)
    if total - visible - top < visible / 2:
        return PagePlace(pages, pages)
    nearest = (top + visible // 2) // visible + 1
    return PagePlace(min(nearest, pages - 1), pages)


def place_label(place: PagePlace, room: int, found: str = "") -> str:
    """What the border says: ``found`` (a search's place, if any) then the page, in words
    when they fit in ``room`` cells. Without a search, the page shortens to "2/5" when the
    words do not fit; with one, the page is left out rather than the search's place."""
    if not place.pages:
        return found
    words = f"page {place.page} of {place.pages}"
    if found:
        both = f"{found}, {words}"
        return both if len(both) <= room else found
    return words if len(words) <= room else f"{place.page}/{place.pages}"
