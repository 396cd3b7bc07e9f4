"""The guide run once, headless, in the warm parent, before any session is forked from it.

Whatever Textual computes on first use (each widget class's styles, bindings and caches) and
whatever the guide keeps (every section laid out, ``page_layout.lay_out``; its lines drawn,
``MarkdownPage``; the search index, ``core.search.search_index_of``; the glossary) is then
made once, in the parent, and shared by every session copy-on-write. A session that made
them itself would hold them in its own memory: opening search for the first time cost a
session about 4 MB before the index and the search screen were rehearsed.

Sharing is not free, though: a session that so much as reads a shared object writes to it
(Python 3.11 counts references in the object), and the kernel then copies the object's
whole page into that session. So the rehearsal covers what nearly every reader uses, at
80x24 only: rehearsing 120x40 as well made an 80x24 session ~1 MB larger after its journey,
and a 120x40 session no smaller (its own layouts are compact; the shared ones cost pages).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from mbc_tui.app_factory import build_app
from mbc_tui.core.content import Guide
from mbc_tui.core.instructions import Form
from mbc_tui.core.search import search_index_of

SIZE = (80, 24)
"""The window most readers have."""

EVERY_SCREEN = (
    *("s", "e", "p", "h", "x", "escape", "escape"),  # the explorer, its results, the summary
    *("question_mark", "escape"),  # help
    *("slash", "h", "e", "r", "2", "enter", "n"),  # search, a match opened, the next one
    *("g", "escape", "d", "escape", "backspace"),  # the glossary, a section's terms, Back
)
"""After every section is opened: every other screen, as a reader reaches it."""

OWN_PACKAGE = "mbc_tui."

CACHED_FUNCTION = type(lru_cache(maxsize=1)(int))
"""What ``functools.lru_cache`` makes of a function."""


def section_keys(guide: Guide) -> list[str]:
    """The keys that open each numbered section in turn."""
    return [str(number) for number in range(1, min(len(guide), 9) + 1)]


async def rehearse(guide: Guide) -> None:
    """Open every section at :data:`SIZE`, then every other screen."""
    app = build_app(guide)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*section_keys(guide), *EVERY_SCREEN)
        await pilot.pause()
    search_index_of(guide, Form.LINE)  # line mode's (``ssh text@``), made once here too


def bounded_caches(filled_only: bool = True) -> Iterator[Callable[..., Any]]:
    """The ``functools.lru_cache`` functions of other packages (Textual, Rich, typing) with
    a size limit (and, with ``filled_only``, something in them)."""
    for candidate in gc.get_objects():
        if not isinstance(candidate, CACHED_FUNCTION) or (
            getattr(candidate, "__module__", None) or ""
        ).startswith(OWN_PACKAGE):
            continue  # the guide's own are kept: sections laid out, the index, the glossary
        if candidate.cache_parameters()["maxsize"] is not None and (
            candidate.cache_info().currsize or not filled_only
        ):
            yield candidate


shared_bounded_caches: tuple[Callable[..., Any], ...] = ()
"""Every one of :func:`bounded_caches`, listed in the warm parent before it freezes its
objects (a process forked from it no longer finds them with ``gc.get_objects``). Some take an
object itself as a key (Textual caches methods of its parser and of each widget's styles
cache), and so keep it alive with everything it holds: a worker of several readers empties
them when a reader leaves (``mbc_tui.ssh_app.worker``)."""


def forget_bounded_caches() -> int:
    """Empty :func:`bounded_caches`; how many. A bounded cache moves each entry it finds to
    the front of its list: a session finding an entry the parent made writes to that entry,
    its neighbours and the list's head, copying their pages (Rich's cell widths alone held
    3,000 entries). Emptied, each session's entries are its own, allocated together."""
    emptied = 0
    for cache in bounded_caches():
        cache.cache_clear()  # type: ignore[attr-defined]
        emptied += 1
    return emptied


def warm_up(guide: Guide) -> None:
    """Rehearse, then keep the collector away from everything made so far: those objects
    live as long as the warm parent, and a collection in a session would otherwise write to
    each of them (copying its page out of the shared memory into the session's own)."""
    global shared_bounded_caches
    asyncio.run(rehearse(guide))
    forget_bounded_caches()
    shared_bounded_caches = tuple(list(bounded_caches(filled_only=False)))
    gc.collect()
    gc.freeze()
