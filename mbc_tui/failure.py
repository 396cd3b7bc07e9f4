"""What happens when the guide stops on an error it did not expect (plain Python, no Textual).

The reader is never shown a traceback: it names the server's files and, as Textual prints it,
the values of local variables (what the reader typed among them). The reader gets one calm
line; the reason goes where an operator sees it: for the command line, a crash file (or the
traceback itself with ``MBC_TUI_DEBUG=1``); over SSH, one line in the server's log.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import traceback
from typing import TextIO

CALM_LINE = "Sorry — this guide stopped."
EXIT_STOPPED = 70
"""The exit code of a guide that stopped on an error (EX_SOFTWARE in sysexits.h)."""
DEBUG_VARIABLE = "MBC_TUI_DEBUG"

_FRAME = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<function>\S+)')
_ERROR_NAME = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)(?::|$)")


def traceback_text(error: BaseException) -> str:
    """The traceback of ``error``, without local variables."""
    return "".join(traceback.format_exception(error))


def log_line(reason: str) -> str:
    """One line for a log from a traceback: the error's name and the innermost place. Not
    its message, which may quote what the reader typed."""
    lines = reason.strip().splitlines()
    name = next(
        (match["name"] for line in reversed(lines) if (match := _ERROR_NAME.match(line))),
        "error",
    )
    frames = [match for line in lines if (match := _FRAME.match(line))]
    if not frames:
        return name
    place = frames[-1]
    file = "/".join(place["file"].split("/")[-2:])
    return f"{name} at {file}:{place['line']} in {place['function']}"


def report_on_terminal(reason: str, stream: TextIO | None = None) -> None:
    """For the command line: the calm line, and where the reason is (a crash file, readable
    by this user only), or the traceback itself when ``MBC_TUI_DEBUG=1``."""
    stream = stream or sys.stderr
    if os.environ.get(DEBUG_VARIABLE) == "1":
        stream.write(reason.rstrip() + "\n")
        stream.write(CALM_LINE + "\n")
        return
    try:
        descriptor, path = tempfile.mkstemp(prefix="mbc-tui-crash-", suffix=".txt")
        with os.fdopen(descriptor, "w", encoding="utf-8") as crash_file:
            crash_file.write(reason)
    except OSError:
        stream.write(CALM_LINE + "\n")
        return
    stream.write(f"{CALM_LINE} What went wrong is written in {path}\n")
