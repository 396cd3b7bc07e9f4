"""Shared fixtures: the real guide, the app factory, and helpers that read the screen."""

from __future__ import annotations

from collections.abc import Callable
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
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


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
