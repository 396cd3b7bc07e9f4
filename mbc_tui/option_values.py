"""Command-line input: reading option values, and the error bad input raises, with the same
one-line wording everywhere (plain Python, imported by every command: the CLI, the plain
commands and ``serve``)."""

from __future__ import annotations

import argparse
from pathlib import Path


class UsageError(Exception):
    """Bad input from the person at the keyboard: reported in one line, exit code 2."""


def whole_number(text: str) -> int:
    """``text`` as an int, or argparse's one-line error saying it is not a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def file_name(text: str) -> Path:
    """``text`` as the path of a file to write, or a one-line error when it is empty (an
    empty name would otherwise become ``.``, the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("the file name is empty")
    return Path(text)
