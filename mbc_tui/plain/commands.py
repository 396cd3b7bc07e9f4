"""``mbc-tui read`` and ``mbc-tui export``: the guide without the full-screen app.

Neither imports Textual. Line mode is also what plain ``mbc-tui`` runs when the terminal
cannot show the full-screen app: ``TERM=dumb``, or input or output that is not a terminal.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable
from typing import Any

from mbc_tui.core.content import Guide
from mbc_tui.core.plain_text import DEFAULT_WIDTH, MIN_WIDTH
from mbc_tui.option_values import UsageError, whole_number
from mbc_tui.plain.export import FORMATS, export
from mbc_tui.plain.line_mode import DEFAULT_HEIGHT, print_section, run_line_mode
from mbc_tui.plain.output_file import add_output_options, write_output


def add_plain_commands(commands: Any, add_global_options: Callable[..., None]) -> None:
    """Add ``read`` and ``export`` to the CLI's sub-command parsers; ``add_global_options``
    adds the whole program's options to each (``read`` keeps its own ``--topic``)."""
    read = commands.add_parser(
        "read",
        help="read the guide line by line (for screen readers, braille and dumb terminals)",
        description=(
            "Read the guide line by line: a numbered menu, one page at a time, short "
            "prompts, no colour and no escape sequences."
        ),
    )
    read.add_argument(
        "--topic",
        dest="read_topic",
        metavar="SECTION",
        help="print this section and exit (no prompts): its slug (any case) or its number",
    )
    add_global_options(read, topic=False)
    add_width_option(read, "characters a line (default: the terminal's width, else 80)")
    export_parser = commands.add_parser(
        "export",
        help="write the whole guide as one text, Markdown or HTML file",
        description="Write the whole guide, in order, with its source and notice.",
    )
    export_parser.add_argument(
        "--format", choices=FORMATS, default="text", help="the file format (default: text)"
    )
    add_output_options(export_parser, "write here instead of to the screen")
    add_width_option(export_parser, f"characters a line of text (default: {DEFAULT_WIDTH})")
    add_global_options(export_parser)


def add_width_option(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--width", metavar="N", type=_width, help=help)


def _width(text: str) -> int:
    width = whole_number(text)
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"{width} is too narrow (need at least {MIN_WIDTH})")
    return width


def section_slug(guide: Guide, name: str) -> str:
    """The slug of the section a reader names (slug in any case, or number); else a
    ``UsageError`` that lists what is known."""
    section = guide.find(name)
    if section is None:
        raise UsageError(
            f"unknown topic '{name}' (known: 1 to {len(guide)}, or {', '.join(guide.slugs)})"
        )
    return section.slug


def wants_line_mode() -> bool:
    """True when the full-screen app cannot work here: a dumb terminal, or a pipe."""
    return (
        os.environ.get("TERM") == "dumb"
        or not _is_terminal(sys.stdin)
        or not _is_terminal(sys.stdout)
    )


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def terminal_size() -> tuple[int, int]:
    """The terminal's width and height, or 80x24 when output is not a terminal."""
    try:
        size = os.get_terminal_size(sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):
        return DEFAULT_WIDTH, DEFAULT_HEIGHT
    width = size.columns or DEFAULT_WIDTH
    height = size.lines or DEFAULT_HEIGHT
    return width, height


def run_plain_command(arguments: argparse.Namespace, guide: Guide) -> int:
    """Run ``read``, ``export`` or line mode; returns the exit code. A bad ``--topic`` or
    an unwritable ``--output`` raises ``UsageError`` (one line, exit code 2)."""
    for stream in (sys.stdin, sys.stdout):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        return _run(arguments, guide)
    except BrokenPipeError:
        # The reader closed the pipe (``mbc-tui export | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(arguments: argparse.Namespace, guide: Guide) -> int:
    width = getattr(arguments, "width", None)
    if arguments.command == "export":
        text = export(guide, arguments.format, width or DEFAULT_WIDTH)
        if arguments.output is None:
            sys.stdout.write(text)
            return 0
        write_output(arguments.output, text, force=arguments.force)
        return 0
    terminal_width, height = terminal_size()
    slug = getattr(arguments, "read_topic", None)
    if slug is not None:
        return print_section(guide, section_slug(guide, slug), sys.stdout, width or terminal_width)
    return run_line_mode(
        guide,
        sys.stdin or io.StringIO(),  # no input at all (``mbc-tui <&-``) is the end of input
        sys.stdout,
        width or terminal_width,
        height,
        echo=not _is_terminal(sys.stdin),
        first_slug=arguments.topic,
    )
