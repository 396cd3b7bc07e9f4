"""Scroll bars without block glyphs, for apps whose display profile asks for ASCII only.

Textual draws a scroll bar's thumb with blanks in reverse video and, at its two ends, with
eighth-block glyphs (``▂``, ``▇``) for finer steps: characters a VT100-class terminal cannot
show, and that the low-bandwidth profile promises not to send. Textual picks the class that
draws scroll bars once per process (``ScrollBar.renderer``), while the profile belongs to
one app; so the class set here asks, for each bar it draws, whether the console it draws
on belongs to an ASCII-only app, and if so draws the thumb with blanks only. A single scroll
bar can use ``AsciiScrollBarRender`` in any profile (the results summary's does, so that a
row copied from the screen brings no glyph along).
"""

from __future__ import annotations

from typing import ClassVar
from weakref import WeakSet

from rich.console import Console, ConsoleOptions, RenderResult
from textual.app import App
from textual.scrollbar import ScrollBar, ScrollBarRender

_ascii_consoles: WeakSet[Console] = WeakSet()


class AsciiScrollBarRender(ScrollBarRender):
    """A thumb of reverse-video blanks: no eighth-block glyphs at its ends."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


class ProfileScrollBarRender(ScrollBarRender):
    """Textual's scroll bar, or ``AsciiScrollBarRender`` on an ASCII-only app's console."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if console not in _ascii_consoles:
            yield from super().__rich_console__(console, options)
            return
        yield from AsciiScrollBarRender(
            virtual_size=self.virtual_size,
            window_size=self.window_size,
            position=self.position,
            thickness=self.thickness,
            vertical=self.vertical,
            style=self.style,
        ).__rich_console__(console, options)


def draws_ascii(app: App[object]) -> bool:
    """Whether ``app`` draws its scroll bars with ASCII characters only."""
    return app.console in _ascii_consoles


def use_ascii_scrollbars(app: App[object]) -> None:
    """Draw this app's scroll bars with ASCII characters only."""
    ScrollBar.renderer = ProfileScrollBarRender
    _ascii_consoles.add(app.console)
