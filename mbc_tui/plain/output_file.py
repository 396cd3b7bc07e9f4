"""``-o FILE`` and ``--force`` for the commands that write a file (``export``, ``summary``):
a file that exists is never replaced without ``--force``, and the reader is told why."""

from __future__ import annotations

import argparse
from pathlib import Path

from mbc_tui.core.files import write_text_file
from mbc_tui.option_values import UsageError, file_name


def add_output_options(parser: argparse.ArgumentParser, what_is_written: str) -> None:
    """``-o FILE`` (its help: ``what_is_written``) and ``--force``, for ``write_output``."""
    parser.add_argument("-o", "--output", metavar="FILE", type=file_name, help=what_is_written)
    parser.add_argument(
        "--force", action="store_true", help="with -o: replace FILE if it exists already"
    )


def write_output(path: Path, text: str, *, force: bool) -> Path:
    """Write a command's ``-o FILE``; returns the absolute path written. A file that exists
    is replaced only with ``--force`` (``force``): otherwise, as when the file cannot be
    written, a one-line ``UsageError`` saying why."""
    try:
        return write_text_file(path, text, replace=force)
    except FileExistsError:
        reason = f"'{path}' exists already (add --force to replace it)"
        raise UsageError(f"not saved: {reason}") from None
    except OSError as error:
        raise UsageError(f"cannot write '{path}': {error.strerror or error}") from None
