"""``mbc-tui serve``: the config from the command line; run until SIGTERM, SIGHUP or Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from pathlib import Path

from mbc_tui.option_values import count, port_number, positive, seconds, stop_signals
from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.host_key import HostKeyError, default_host_key_path
from mbc_tui.ssh.limits import Startups, StartupsError


class ServeError(Exception):
    """A problem the operator must fix; reported in one line."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = ServeConfig(host_key=Path("-"))
    parser.add_argument("--host", default=defaults.host, help="address to listen on (%(default)s)")
    parser.add_argument(
        "--port",
        type=port_number,
        default=defaults.port,
        help="port (%(default)s; 0 picks a free one)",
    )
    parser.add_argument(
        "--host-key",
        type=Path,
        metavar="FILE",
        help="ed25519 host key: a file that exists (several servers behind one load balancer "
        "share one: make it with 'mbc-tui host-key FILE'); by default "
        f"{default_host_key_path()}, made on first start",
    )
    parser.add_argument("--max-sessions", type=positive, default=defaults.max_sessions)
    parser.add_argument("--max-per-ip", type=positive, default=defaults.max_per_ip)
    parser.add_argument(
        "--spare-sessions",
        type=count,
        default=defaults.spare_sessions,
        metavar="N",
        help="guides kept started ahead of readers while it is quiet, so that a reader "
        "sees the guide at once; more are kept while readers arrive (as many as arrived in "
        "the last five minutes, of each kind), all within --max-sessions "
        "(%(default)s, about 17 MB each; 0: none)",
    )
    parser.add_argument(
        "--build-screens-ahead",
        action="store_true",
        help="each session builds its other screens while its reader reads (a spare, while "
        "it waits): their first opening is then as quick as a reopening (about 10 ms of CPU "
        "instead of 30-45), for about 5 MB more per session; for a small or slow server with "
        "few readers",
    )
    parser.add_argument(
        "--readers-per-process",
        type=positive,
        default=defaults.readers_per_process,
        metavar="N",
        help="run up to N full-screen readers' guides in one process (%(default)s; 1: each "
        "its own): about 12 MB a reader after a journey at 2, 8 MB at 4, against 21 MB alone; "
        "readers in one process share its CPU time, and what ends a process (a hang, the "
        "out-of-memory killer) ends each of its readers' sessions",
    )
    parser.add_argument(
        "--idle-timeout",
        type=seconds,
        default=defaults.idle_timeout,
        metavar="SECONDS",
        help="close a session after this long without a key (%(default)s)",
    )
    parser.add_argument(
        "--max-session-time",
        type=seconds,
        default=defaults.max_session_time,
        metavar="SECONDS",
        help="close any session after this long (%(default)s)",
    )
    parser.add_argument(
        "--login-timeout",
        type=seconds,
        default=defaults.login_timeout,
        metavar="SECONDS",
        help="close a connection that has not logged in and opened the guide after this "
        "long (%(default)s)",
    )
    parser.add_argument(
        "--max-startups",
        type=_startups,
        default=defaults.max_startups,
        metavar="START:RATE:FULL",
        help="connections that have not opened the guide yet: from START on, refuse new ones "
        "at random (RATE percent, rising to all at FULL), like OpenSSH's MaxStartups "
        "(default: --max-sessions:30:4 x --max-sessions)",
    )
    parser.add_argument(
        "--auth",
        choices=("none", "keys"),
        default=defaults.auth,
        help="none: anyone may read the guide; keys: only --authorized-keys",
    )
    parser.add_argument("--authorized-keys", type=Path, metavar="FILE")
    parser.add_argument(
        "--proxy-protocol",
        action="store_true",
        help="behind HAProxy (send-proxy or send-proxy-v2): read the real client address "
        "from the PROXY header; never use on a port that clients reach directly",
    )


def _startups(text: str) -> Startups:
    try:
        return Startups.parse(text)
    except StartupsError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def config_from(arguments: argparse.Namespace) -> ServeConfig:
    import asyncssh

    if arguments.auth == "keys":
        if arguments.authorized_keys is None:
            raise ServeError("--auth keys needs --authorized-keys FILE")
        try:
            asyncssh.read_authorized_keys(str(arguments.authorized_keys))
        except (OSError, ValueError, asyncssh.KeyImportError) as error:
            detail = getattr(error, "strerror", None) or str(error)
            raise ServeError(
                f"cannot use authorized keys {arguments.authorized_keys}: {detail}"
            ) from None
    elif arguments.authorized_keys is not None:
        raise ServeError("--authorized-keys needs --auth keys")
    return ServeConfig(
        host_key=arguments.host_key or default_host_key_path(),
        create_host_key=arguments.host_key is None,
        host=arguments.host,
        port=arguments.port,
        max_sessions=arguments.max_sessions,
        max_per_ip=arguments.max_per_ip,
        spare_sessions=arguments.spare_sessions,
        build_screens_ahead=arguments.build_screens_ahead,
        readers_per_process=arguments.readers_per_process,
        idle_timeout=arguments.idle_timeout,
        max_session_time=arguments.max_session_time,
        login_timeout=arguments.login_timeout,
        max_startups=arguments.max_startups,
        auth=arguments.auth,
        authorized_keys=arguments.authorized_keys,
        content=arguments.content,
        first_slug=arguments.topic,
        proxy_protocol=arguments.proxy_protocol,
    )


def run(config: ServeConfig) -> None:
    """Serve until SIGTERM, SIGHUP or Ctrl+C. Raises ServeError for what the operator must fix."""
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s"
    )
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    asyncio.run(_serve(config))


async def _serve(config: ServeConfig) -> None:
    from mbc_tui.ssh.server import GuideServer

    try:
        server = GuideServer(config)
    except HostKeyError as error:
        raise ServeError(str(error)) from None
    try:
        await server.start()
    except OSError as error:
        raise ServeError(
            f"cannot listen on {config.host}:{config.port}: {error.strerror or error}"
        ) from None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in stop_signals():
        loop.add_signal_handler(signum, stop.set)
    port_option = "" if server.port == 22 else f"-p {server.port} "
    print(
        f"Serving the guide on {config.host} port {server.port}\n"
        f"Host key fingerprint: {server.fingerprint}\n"
        f"Readers connect with: ssh {port_option}guide@{config.host}",
        flush=True,
    )
    await stop.wait()
    with contextlib.suppress(OSError):  # after a hang-up there is no terminal to tell
        print("Shutting down: saying goodbye to open sessions.", flush=True)
    await server.stop()
