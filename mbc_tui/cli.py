"""Command line: ``mbc-tui [--topic SLUG] [--content DIR]``, ``mbc-tui topics``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mbc_tui import __version__
from mbc_tui.content import ContentError, load_guide

PROG = "mbc-tui"
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input from the person at the keyboard: reported in one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (try '{PROG} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="A calm terminal guide to metastatic breast cancer.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--topic", metavar="SLUG", help="open the guide at this section")
    parser.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        help="read the sections from this folder instead of the built-in ones",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser("topics", help="list the sections: slug and title, one per line")
    from mbc_tui.ssh.serve import add_arguments  # no Textual in here

    add_arguments(commands.add_parser("serve", help="serve the guide over SSH"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        arguments = build_parser().parse_args(argv)
        guide = load_guide(arguments.content)
        if arguments.command == "topics":
            for section in guide:
                print(f"{section.slug}\t{section.title}")
            return 0
        if arguments.topic is not None and guide.get(arguments.topic) is None:
            raise UsageError(f"unknown topic '{arguments.topic}' (known: {', '.join(guide.slugs)})")
        if arguments.command == "serve":
            return _serve(arguments)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            print(f"{PROG}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE

    from mbc_tui.app import GuideApp  # Textual is imported only when the app runs.

    GuideApp(guide, first_slug=arguments.topic).run()
    return 0


def _serve(arguments: argparse.Namespace) -> int:
    from mbc_tui.ssh.serve import ServeError, config_from, run

    try:
        run(config_from(arguments))
    except ServeError as error:
        raise UsageError(str(error)) from None
    return 0
