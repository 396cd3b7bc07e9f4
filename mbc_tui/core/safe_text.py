"""Text from outside (content files, their names) made safe to show on a terminal.

A terminal acts on control characters: ESC starts a sequence that can set the window's title
(OSC 0), write the reader's clipboard (OSC 52) or send the terminal commands (DCS); C1
characters (U+0080 to U+009F) do the same in one character; bidi overrides and isolates turn
what follows around, so that a line reads other than it is. None of them is text, so each
is replaced by U+FFFD (shown as a visible mark, and the author can find it). So is a numeric
character reference (``&#x1b;``) to one of them, which Markdown would turn into the real thing.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
"""C0 controls except tab and line feed, DEL, C1 controls, bidi overrides and isolates."""

_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _unsafe_reference(match: re.Match[str]) -> str:
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if code < 0x110000 and _UNSAFE.match(chr(code)):
        return REPLACEMENT
    return match.group()


def safe_text(text: str) -> str:
    """``text`` with every control, escape and bidi-override character (written, or as a
    numeric character reference) replaced by U+FFFD; tabs and line feeds are kept."""
    return _REFERENCE.sub(_unsafe_reference, _UNSAFE.sub(REPLACEMENT, text))


def safe_name(name: object) -> str:
    """A file name (or any value) as one safe line: line feeds and tabs replaced too."""
    return safe_text(str(name)).replace("\n", REPLACEMENT).replace("\t", " ")
