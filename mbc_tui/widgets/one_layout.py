"""Widgets laid out once per change, not twice."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive


class OneLayout:
    """Mixin (before the widget class) for a widget whose scrollable size is only an outcome
    of the layout, never an input to it.

    Textual's ``virtual_size`` asks for a layout of the whole screen each time it changes,
    and a layout sets it: so every layout that resizes a widget is followed by a second one
    that moves nothing (in the explorer it cost as much again as the first). A container's
    scroll bars are still brought up to date by the layout that sets the size, and a scroll
    bar that appears or goes still asks for its own layout."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)
