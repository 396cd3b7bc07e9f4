"""Command line: ``mbc-tui [--topic SECTION] [--content DIR]``, ``mbc-tui topics``,
``mbc-tui read`` (line mode), ``mbc-tui export`` and
``mbc-tui summary --er positive --pr negative --her2 unknown [-o FILE [--force]]``,
``mbc-tui serve`` (the SSH server), ``mbc-tui host-key FILE`` (a key for it) and
``mbc-tui web`` (in a browser).

The options of the whole program (``--topic``, ``--content``, ``--low-bandwidth``) may come
before or after the command's name."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mbc_tui import __version__
from mbc_tui.core.content import ContentError, load_guide
from mbc_tui.core.safe_text import safe_name
from mbc_tui.core.subtype_words import parse_answer
from mbc_tui.core.subtypes import ReceptorResult, ReceptorStatus
from mbc_tui.core.summary import summary_text
from mbc_tui.failure import EXIT_STOPPED
from mbc_tui.option_values import UsageError
from mbc_tui.plain.commands import (
    add_plain_commands,
    run_plain_command,
    section_slug,
    wants_line_mode,
)
from mbc_tui.plain.output_file import add_output_options, write_output
from mbc_tui.process_end import end_process
from mbc_tui.terminal.display_profile import DisplayProfile

PROG = "mbc-tui"
EXIT_USAGE = 2

RESULT_WORDS = {
    "pos": ReceptorResult.POSITIVE,
    "neg": ReceptorResult.NEGATIVE,
}
"""Short forms ``summary`` takes for a result, besides the answers line mode takes
(``positive``, ``negative``, ``unknown``, ``+``, ``-``, ``?``, yes, no, not sure)."""
RESULT_HELP = "positive, negative or unknown (also pos, neg, +, -, ?)"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (try '{PROG} --help')")


def add_global_options(
    parser: argparse.ArgumentParser, *, topic: bool = True, after_command: bool = True
) -> None:
    """The options of the whole program. On a command's own parser (``after_command``) they
    default to ``SUPPRESS``, so that one given before the command's name is not undone."""
    default = argparse.SUPPRESS if after_command else None
    group = parser.add_argument_group(
        "options of the whole program",
        f"These may also come before the command: {PROG} --content DIR COMMAND."
        if after_command
        else f"These may also come after a command: {PROG} COMMAND --content DIR. (After "
        "read, --topic prints that section and exits.)",
    )
    if topic:
        group.add_argument(
            "--topic",
            metavar="SECTION",
            default=default,
            help="open the guide at this section: its slug (any case) or its number",
        )
    group.add_argument(
        "--low-bandwidth",
        action="store_true",
        default=argparse.SUPPRESS if after_command else False,
        help="for slow lines: no mouse, the terminal's 16 colours, ASCII borders, fewer frames"
        " (also MBC_TUI_LOW_BANDWIDTH=1)",
    )
    group.add_argument(
        "--screen-reader",
        action="store_true",
        default=argparse.SUPPRESS if after_command else False,
        help="for screen readers: no frames or scrollbars, one pane at a time"
        " (also MBC_TUI_SCREEN_READER=1; or try the line mode: read)",
    )
    group.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        default=default,
        help="read the sections from this folder instead of the built-in ones",
    )


def receptor_result(text: str) -> ReceptorResult:
    """A result as ``summary`` takes it, or a one-line error listing what it takes."""
    result = RESULT_WORDS.get(text.strip().lower()) or parse_answer(text)
    if result is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a result: use {RESULT_HELP}")
    return result


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="A calm terminal guide to metastatic breast cancer.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    add_global_options(parser, after_command=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    add_global_options(
        commands.add_parser("topics", help="list the sections: slug and title, one per line")
    )
    add_plain_commands(commands, add_global_options)
    summary = commands.add_parser(
        "summary",
        help="print (or save) the 'my results' summary for a set of test results",
        description="The 'my results' summary: results, Table 1 row(s), questions to ask.",
    )
    for option, name in (("--er", "ER"), ("--pr", "PR"), ("--her2", "HER2")):
        summary.add_argument(
            option,
            metavar="RESULT",
            type=receptor_result,
            default=ReceptorResult.UNKNOWN,
            help=f"the {name} result: {RESULT_HELP}; unknown if left out",
        )
    add_output_options(summary, "write the summary to FILE")
    add_global_options(summary)
    from mbc_tui.ssh.options import add_arguments  # no Textual in here

    serve = commands.add_parser("serve", help="serve the guide over SSH")
    add_arguments(serve)
    add_global_options(serve)
    host_key = commands.add_parser(
        "host-key",
        help="make an SSH host key for serve --host-key (one for every server behind a "
        "load balancer)",
        description="Make an ed25519 host key in FILE (mode 0600) and print its fingerprint. "
        "Never replaces a file that exists. Copy it to every server behind one load balancer "
        "and start each with: mbc-tui serve --host-key FILE",
    )
    host_key.add_argument("file", metavar="FILE", type=Path, help="where to write the key")
    from mbc_tui.web.options import add_arguments as add_web_arguments  # no Textual either

    web = commands.add_parser(
        "web", help="serve the guide to browsers: full screen, as text, and the subtype form"
    )
    add_web_arguments(web)
    add_global_options(web)
    return parser


def run_summary(arguments: argparse.Namespace) -> int:
    status = ReceptorStatus(arguments.er, arguments.pr, arguments.her2)
    if arguments.output is None:
        sys.stdout.write(summary_text(status))
        return 0
    written = write_output(arguments.output, summary_text(status), force=arguments.force)
    print(f"Saved to {written}")
    return 0


def run_host_key(path: Path) -> int:
    from mbc_tui.ssh.host_key import HostKeyError, create_host_key, fingerprint

    try:
        key = create_host_key(path)
    except HostKeyError as error:
        raise UsageError(str(error)) from None
    print(f"Made host key {path} (mode 0600)\nHost key fingerprint: {fingerprint(key)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        arguments = build_parser().parse_args(argv)
        if arguments.command == "summary":
            return run_summary(arguments)
        if arguments.command == "host-key":
            return run_host_key(arguments.file)
        guide = load_guide(arguments.content)
        if arguments.command == "topics":
            for section in guide:
                print(f"{section.slug}\t{section.title}")
            return 0
        if arguments.topic is not None:
            arguments.topic = section_slug(guide, arguments.topic)
        if arguments.command == "serve":  # before line mode: a server has no terminal
            return _serve(arguments)
        if arguments.command == "web":
            return _web(arguments)
        if arguments.command in ("read", "export") or wants_line_mode():
            return run_plain_command(arguments, guide)
    except UsageError as error:
        print(f"{PROG}: error: {safe_name(error)}", file=sys.stderr)  # it may quote a name
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            print(f"{PROG}: error: {problem}", file=sys.stderr)
        return EXIT_USAGE

    profile = DisplayProfile.from_environment(
        os.environ,
        low_bandwidth=arguments.low_bandwidth,
        screen_reader=arguments.screen_reader,
    )
    from mbc_tui.app_factory import build_app  # Textual is imported only when the app runs.
    from mbc_tui.built_ahead import READER_QUIET

    # What importing made (modules, classes, the guide) lives as long as the process: frozen,
    # the collector no longer walks it in every full collection while the guide runs.
    gc.freeze()

    app = build_app(guide, profile, first_slug=arguments.topic)
    app.build_ahead_after = READER_QUIET  # its other screens, while the reader reads
    app.collects_when_quiet = True  # Python's collections, off the reader's keys
    app.run()  # returns once the terminal is put back
    # Should the process end in the ordinary way after all (see ``entry``), what the guide
    # built is left out of the interpreter's last full collection.
    gc.freeze()
    return EXIT_STOPPED if app.failure is not None else 0


def entry() -> NoReturn:
    """The program (``mbc-tui``, ``python -m mbc_tui``): ``main``, then the process ends at
    once, its exit handlers run and its output flushed (``mbc_tui.process_end``): nothing it
    built needs freeing one object at a time (quitting the guide cost ~25 ms of CPU, most
    of it that freeing)."""
    sys.exit(end_process(main()))


def _serve(arguments: argparse.Namespace) -> int:
    from mbc_tui.ssh.options import ServeError, config_from, run

    try:
        run(config_from(arguments))
    except ServeError as error:
        raise UsageError(str(error)) from None
    return 0


def _web(arguments: argparse.Namespace) -> int:
    from mbc_tui.web.options import WebError, config_from, run

    try:
        run(config_from(arguments))
    except WebError as error:
        raise UsageError(str(error)) from None
    return 0
