"""Command-line input: reading option values, and the error bad input raises, with the same
one-line wording everywhere (plain Python, imported by every command: the CLI, the plain
commands and ``serve``)."""

from __future__ import annotations

import argparse


class UsageError(Exception):
    """Bad input from the person at the keyboard: reported in one line, exit code 2."""


def whole_number(text: str) -> int:
    """``text`` as an int, or argparse's one-line error saying it is not a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
