"""A one-line text box whose typing lays nothing out."""

from __future__ import annotations

from textual.widgets import Input

from mbc_tui.widgets.one_layout import OneLayout


class TypingBox(OneLayout, Input):
    """Textual's ``Input`` for a box of a fixed size (no ``auto`` width or height).

    ``Input`` sets its scrollable width to its value's width on every letter, and Textual's
    ``virtual_size`` asks for a layout of the whole screen whenever it changes: each key of
    a search was a layout of the dialog, though nothing moves. The box keeps that width
    (its cursor still scrolls the value, which reads it directly) and repaints itself for
    the new letter; only a box whose size follows its value (``auto``) needs the layout,
    and ``Input`` asks for that one itself."""
