"""Shared fixtures: the real guide, the app factory, and helpers that read the screen."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mbc_tui.core.content import Guide, load_guide
from mbc_tui.core.glossary import Glossary, glossary_of
from mbc_tui.terminal.display_profile import DisplayProfile

if TYPE_CHECKING:  # the unit lane (tests/unit) imports no Textual
    from textual.app import App
    from textual.geometry import Region
    from textual.pilot import Pilot
    from textual.widget import Widget

    from mbc_tui.app import GuideApp

pytest_plugins = ["tests.lanes"]

DRAWING_PROFILES = [
    DisplayProfile(),
    DisplayProfile(low_bandwidth=True),
    DisplayProfile(no_color=True),
    DisplayProfile(ascii_only=True),
    DisplayProfile(screen_reader=True),
]
"""One profile for each way the guide draws itself (colours, frames, ASCII, screen reader):
for tests that hold something equal to Textual's own drawing in all of them."""


@pytest.fixture(scope="session")
def guide() -> Guide:
    return load_guide()


@pytest.fixture(scope="session")
def glossary(guide: Guide) -> Glossary:
    return glossary_of(guide)


@pytest.fixture
def make_app(guide: Guide) -> Callable[..., GuideApp]:
    """The app as every entry point builds it (``build_app``)."""
    from mbc_tui.app_factory import build_app

    def make(
        first_slug: str | None = None,
        content: Guide | None = None,
        profile: DisplayProfile | None = None,
    ) -> GuideApp:
        return build_app(content or guide, profile, first_slug=first_slug)

    return make


def screen_lines(app: App[object]) -> list[str]:
    """The screen as a reader sees it: one string per terminal row."""
    from mbc_tui.textual_compat import rendered_strips

    return [strip.text for strip in rendered_strips(app.screen)]


def app_screen_text(app: App[object]) -> str:
    """The whole screen of an app under test (``App.run_test``), rows joined by newlines."""
    return "\n".join(screen_lines(app))


async def wait_for_text(pilot: Pilot[object], text: str, timeout: float = 5.0) -> str:
    """The screen once ``text`` is on it (or as it is after ``timeout`` seconds): for what
    appears a moment after a key, such as a notification, on a busy machine."""
    for _ in range(int(timeout / 0.05)):
        if text in app_screen_text(pilot.app):
            break
        await pilot.pause(0.05)
    return app_screen_text(pilot.app)


def widget_lines(app: App[object], widget: Widget) -> list[str]:
    """The rows of the screen inside a widget's content area, as text."""
    region: Region = widget.content_region
    lines = screen_lines(app)
    top = max(region.y, 0)  # a widget scrolled partly above the screen: its visible rows
    return [line[region.x : region.right] for line in lines[top : max(region.bottom, top)]]


async def click_words(pilot: Pilot[object], widget: Widget, words: str) -> None:
    """Click, with the mouse, the first place ``words`` show inside ``widget``."""
    for row, line in enumerate(widget_lines(pilot.app, widget)):
        column = line.find(words)
        if column >= 0:
            content, outer = widget.content_region, widget.region
            offset = (content.x - outer.x + column, content.y - outer.y + row)
            await pilot.click(widget, offset=offset)
            return
    raise AssertionError(f"{words!r} is not shown in {widget!r}")


def write_section(
    folder: Path,
    file_name: str,
    *,
    title: str | None = "A title",
    slug: str | None = None,
    order: str | None = "1",
    summary: str | None = "A one-line summary.",
    body: str = "## Heading\n\nSome words.\n",
    extra: str = "",
) -> Path:
    """Write one content file; ``None`` leaves a field out."""
    slug = file_name.removesuffix(".md") if slug is None else slug
    fields = {"title": title, "slug": slug, "order": order, "summary": summary}
    front = "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)
    path = folder / file_name
    path.write_text(f"---\n{front}{extra}---\n\n{body}", encoding="utf-8")
    return path


POLL = 0.05
"""Seconds between two looks at a condition."""


async def wait_until(
    check: Callable[[], object],
    timeout: float = 15.0,
    pause: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> None:
    """Return as soon as ``check()`` is true; fail the test if it is still false after
    ``timeout`` seconds. In a Pilot test pass ``pause=pilot.pause`` (the screen is refreshed
    between looks). For what happens a moment later: a worker's result, a process that ends."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {check_source(check)}")
        await pause(POLL)


async def holds_for(check: Callable[[], object], seconds: float) -> None:
    """Fail the test the moment ``check()`` is false during the next ``seconds``: for what
    must not happen (nothing more started, nothing closed), looked at all along."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert check(), f"stopped being true within {seconds} s: {check_source(check)}"
        await asyncio.sleep(POLL)
    assert check(), f"not true after {seconds} s: {check_source(check)}"


def check_source(check: Callable[[], object]) -> str:
    """The source of a condition, for a failure message."""
    try:
        return inspect.getsource(check).strip()
    except (OSError, TypeError):
        return repr(check)


def palette_done(app: App[object], text: str) -> bool:
    """True once ``text`` is on the screen and no worker is still searching: the command
    palette gathers its hits in a worker, and Enter picks the first one shown."""
    return text in app_screen_text(app) and all(worker.is_finished for worker in app.workers)
