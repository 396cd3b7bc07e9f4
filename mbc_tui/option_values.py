"""Command-line input: reading option values, and the error bad input raises, with the same
one-line wording everywhere (plain Python, imported by every command: the CLI, the plain
commands, ``serve`` and ``web``); and the signals the two servers stop on."""

from __future__ import annotations

import argparse
import signal
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


def _at_least(text: str, minimum: int) -> int:
    value = whole_number(text)
    if value < minimum:
        raise argparse.ArgumentTypeError(f"'{text}' must be {minimum} or more")
    return value


def positive(text: str) -> int:
    """A whole number of 1 or more."""
    return _at_least(text, 1)


def count(text: str) -> int:
    """A whole number of 0 or more."""
    return _at_least(text, 0)


def port_number(text: str) -> int:
    """A TCP port, 0 to 65535 (0: the system picks a free one)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0 to 65535)")
    return value


def seconds(text: str) -> float:
    """A number of seconds, more than 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"'{text}' must be more than 0 seconds")
    return value


def stop_signals() -> tuple[signal.Signals, ...]:
    """The signals a server (``serve``, ``web``) stops on, saying goodbye: SIGTERM, Ctrl+C,
    and SIGHUP (the terminal it was started in has closed), unless SIGHUP is ignored, as
    ``nohup`` asks: then the server goes on running after its terminal closes."""
    hang_up = () if signal.getsignal(signal.SIGHUP) is signal.SIG_IGN else (signal.SIGHUP,)
    return (signal.SIGTERM, signal.SIGINT, *hang_up)
