"""What the warm parent makes once is what a session forked from it uses: a session opening
a section at a common window size, or searching, makes none of it again (its own copy would
cost that session's memory)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SESSION = textwrap.dedent(
    """
    import asyncio, os, sys

    import mbc_tui.ssh_app.main as warm  # what the warm parent preloads: it rehearses
    from mbc_tui.app_factory import build_app
    from mbc_tui.core.instructions import Form
    from mbc_tui.core.search import search_index_of
    from mbc_tui.ssh_app.rehearsal import bounded_caches
    from mbc_tui.widgets.page_layout import lay_out

    COLUMNS, ROWS = int(sys.argv[1]), int(sys.argv[2])
    guide = warm._BUILT_IN_GUIDE
    index = search_index_of(guide, Form.SCREEN)


    async def session() -> str:
        misses = lay_out.cache_info().misses
        app = build_app(guide)
        async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
            reader = app.screen.query_one("#reader")
            for number, section in enumerate(guide.sections[:9], start=1):
                await pilot.press(str(number))
                for _ in range(200):  # polled: each opening takes a few frames at most
                    if app.screen.slug == section.slug and reader.layout_ is not None:
                        break
                    await pilot.pause(0.01)
                else:
                    return f"section {number} was not shown"
            if lay_out.cache_info().misses != misses:
                return f"laid out again: {lay_out.cache_info().misses - misses} sections"
            if app.search_index is not index:
                return "the session built its own search index"
        return ""


    left = [cache.__qualname__ for cache in bounded_caches()]
    if left:  # a session finding their entries would write to the parent's pages
        sys.exit(f"bounded caches left full in the warm parent: {left}")
    pid = os.fork()
    if pid == 0:  # a session, as the warm parent forks one
        problem = asyncio.run(session())
        print(problem, flush=True)
        os._exit(1 if problem else 0)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))
    """
)


@pytest.mark.parametrize("size", [(80, 24)])
def test_a_forked_session_finds_every_section_laid_out(size: tuple[int, int]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SESSION, *map(str, size)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]


MERGING = textwrap.dedent(
    """
    import os, sys

    from mbc_tui.ssh_app.page_merging import allow_page_merging

    if not allow_page_merging():
        sys.exit(3)
    pid = os.fork()
    if pid == 0:  # a session inherits the request
        with open("/proc/self/ksm_stat") as stat:
            os._exit(0 if "ksm_merge_any: yes" in stat.read() else 1)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status))
    """
)


def test_a_forked_session_may_have_its_pages_merged() -> None:
    if not Path("/proc/self/ksm_stat").exists():
        pytest.skip("this kernel has no per-process KSM (Linux 6.4 and later)")
    result = subprocess.run([sys.executable, "-c", MERGING], timeout=60)
    assert result.returncode == 0, "the forked session may not be merged"
