"""Reading command-line option values, with the same one-line wording everywhere."""

from __future__ import annotations

import argparse


def whole_number(text: str) -> int:
    """``text`` as an int, or argparse's one-line error saying it is not a whole number."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
