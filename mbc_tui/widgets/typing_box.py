"""A one-line text box whose typing lays nothing out and restyles nothing."""

from __future__ import annotations

from textual.widgets import Input

from mbc_tui.widgets.one_layout import OneLayout

VALID = "-valid"
"""The class ``Input`` gives a box whose value passed its checks (every value, with none)."""


class TypingBox(OneLayout, Input):
    """Textual's ``Input`` for a box of a fixed size (no ``auto`` width or height) with no
    validators: each letter repaints the box, and nothing else.

    ``Input`` sets its scrollable width to its value's width on every letter, and Textual's
    ``virtual_size`` asks for a layout of the whole screen whenever it changes: each key of
    a search was a layout of the dialog, though nothing moves. The box keeps that width
    (its cursor still scrolls the value, which reads it directly); only a box whose size
    follows its value (``auto``) needs the layout, and ``Input`` asks for that one itself.

    ``Input`` also marks every value valid (class ``-valid``) once it changes: the first
    letter restyled the box (every rule matched again) for a class no rule of the guide
    styles. The box has it from the start."""

    def __init__(self, value: str | None = None, **options: object) -> None:
        super().__init__(value, **options)  # type: ignore[arg-type]
        if not self.validators:
            self.add_class(VALID)
