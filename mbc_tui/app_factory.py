"""The one place the guide's app is made: for the command line, each SSH session's process,
the spare apps and the tests.

Each entry point decides the display profile its own way (the command line from its
options and environment, an SSH session from the reader's user name and terminal) and hands
it here; the app applies all of it inside its own process (see :class:`GuideApp`), so
nothing depends on what was set in the environment before Textual was imported.
"""

from __future__ import annotations

from typing import TypeVar

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.terminal.display_profile import DisplayProfile

AppT = TypeVar("AppT", bound=GuideApp)


def build_app(
    guide: Guide,
    profile: DisplayProfile | None = None,
    *,
    first_slug: str | None = None,
    allow_file_writes: bool = True,
    app_class: type[AppT] = GuideApp,  # type: ignore[assignment]
) -> AppT:
    """The guide's app, drawing as ``profile`` says (the default: full colour, 60 frames a
    second, the mouse). ``allow_file_writes=False`` where nothing may be saved (over SSH);
    ``app_class`` for a kind of guide app (a spare one, over SSH)."""
    return app_class(
        guide,
        first_slug=first_slug,
        profile=profile or DisplayProfile(),
        allow_file_writes=allow_file_writes,
    )
