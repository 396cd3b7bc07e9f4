"""A screen update asks only the widgets in the changed part of the screen for their lines,
and sends the same cells as Textual's own compositor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pyte
import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from mbc_tui.app import GuideApp
from mbc_tui.changed_area import ChangedAreaCompositor
from mbc_tui.textual_compat import RenderChoosingCompositor
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until
from tests.pty.terminal_session import Grid, snapshot

SIZES = [(80, 24), (120, 40)]
LONG_SECTION = "glossary"
"""Longer than a page at either size."""


@contextmanager
def widgets_drawn(monkeypatch: pytest.MonkeyPatch, screen: Screen[object]) -> Iterator[list[str]]:
    """The class of each widget of ``screen`` asked for its lines meanwhile (by whichever
    ``render_lines`` its class has)."""
    drawn: list[str] = []
    bar = screen.query_one(SectionReader).vertical_scrollbar  # not among the screen's children
    classes = {
        owner
        for widget in [screen, *screen.query("*"), bar]
        for owner in type(widget).__mro__
        if "render_lines" in vars(owner)
    }
    with monkeypatch.context() as patch:
        for owner in classes:
            patch.setattr(owner, "render_lines", recording(vars(owner)["render_lines"], drawn))
        yield drawn


def recording(
    render_lines: Callable[[Widget, Region], list[Strip]], drawn: list[str]
) -> Callable[[Widget, Region], list[Strip]]:
    def render(widget: Widget, crop: Region) -> list[Strip]:
        drawn.append(type(widget).__name__)
        return render_lines(widget, crop)

    return render


async def settled(pilot: Pilot[None]) -> None:
    """Once the app has drawn what the last key changed."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.1)


@pytest.mark.parametrize("size", SIZES)
async def test_page_down_draws_the_reader_and_its_bar_alone(
    make_app: Callable[..., GuideApp], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app = make_app(LONG_SECTION)
    async with app.run_test(size=size) as pilot:
        reader = app.screen.query_one(SectionReader)
        reader.focus()
        await settled(pilot)
        with widgets_drawn(monkeypatch, app.screen) as drawn:
            await pilot.press("pagedown")
            await wait_until(lambda: reader.scroll_y > 0, pause=pilot.pause)
            await settled(pilot)
        # Textual's compositor also asked the sidebar, the notice, the footer, the panes and
        # the screen itself for every one of their lines.
        assert sorted(set(drawn)) == ["FramedScrollBar", "SectionReader"]
        assert "page 2 of" in str(reader.border_subtitle)


def update_seen(app: App[None], compositor: RenderChoosingCompositor, changed: Widget) -> Grid:
    """The terminal's cells once ``compositor``, laid out as the app's screen is, has drawn
    the whole screen and then the update that repaints ``changed`` (all of it)."""
    screen = app.screen
    width, height = screen.outer_size
    terminal = pyte.Screen(width, height)
    stream = pyte.Stream(terminal)
    compositor.reflow(screen, screen.outer_size)
    for _ in range(2):
        update = compositor.render_update()  # the whole screen, then the update
        if update is not None:
            stream.feed(update.render_segments(app.console))  # type: ignore[union-attr]
        changed.refresh()
        compositor.update_widgets({changed})
    return snapshot(terminal)


def every_widget(screen: Screen[object]) -> list[Widget]:
    return [screen, *screen.query("*")]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("keys", [(), ("s",), ("question_mark",), ("slash", "h", "e", "r")])
async def test_an_update_sends_what_textual_would(
    make_app: Callable[..., GuideApp], size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    """For each widget on the screen (the guide, the explorer, help over the guide, search
    over it), the update that repaints it draws the same cells as Textual's own compositor
    (Textual's also moves the cursor to the next widget's edge, and writes nothing there)."""
    app = make_app("her2")
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await settled(pilot)
        checked = 0
        for widget in every_widget(app.screen):
            if not widget.display or widget.region.area == 0:
                continue
            theirs = update_seen(app, RenderChoosingCompositor(), widget)
            ours = update_seen(app, ChangedAreaCompositor(), widget)
            assert ours == theirs, widget
            checked += 1
        assert checked >= 3  # help: the screen, its dialog and its page


class Hollow(Widget):
    """A widget that gives rows with no cells (as one drawn in the frame that shows it, before
    it knows its size, does)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return [Strip([], 0)] * crop.height


class HollowOverText(App[None]):
    CSS = """
    Screen { layers: below above; }
    Static { layer: below; width: 20; height: 3; }
    Hollow { layer: above; width: 20; height: 3; }
    """

    def compose(self) -> ComposeResult:
        yield Static("behind it\nshows\nthrough")
        yield Hollow()


async def test_what_is_behind_a_widget_that_draws_no_cells_shows() -> None:
    app = HollowOverText()
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        hollow = app.screen.query_one(Hollow)
        theirs = update_seen(app, RenderChoosingCompositor(), hollow)
        ours = update_seen(app, ChangedAreaCompositor(), hollow)
        assert ours == theirs
        assert "behind it" in "".join(cell.char for cell in ours[0])
