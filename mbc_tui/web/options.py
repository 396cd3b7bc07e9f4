"""``mbc-tui web``: its options, and running the server until SIGTERM, SIGHUP or Ctrl+C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys

from mbc_tui.core.content import load_guide
from mbc_tui.option_values import port_number, positive, seconds, stop_signals
from mbc_tui.web.config import WebConfig


class WebError(Exception):
    """A problem the operator must fix; reported in one line."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = WebConfig()
    parser.add_argument("--host", default=defaults.host, help="address to listen on (%(default)s)")
    parser.add_argument(
        "--port", type=port_number, default=defaults.port, help="port (%(default)s; 0 picks one)"
    )
    parser.add_argument(
        "--max-sessions",
        type=positive,
        default=defaults.max_sessions,
        metavar="N",
        help="full-screen guides open at once (%(default)s); the text pages are not counted",
    )
    parser.add_argument(
        "--idle-timeout",
        type=seconds,
        default=defaults.idle_timeout,
        metavar="SECONDS",
        help="close a full-screen guide after this long without a key (%(default)s)",
    )


def config_from(arguments: argparse.Namespace) -> WebConfig:
    return WebConfig(
        host=arguments.host,
        port=arguments.port,
        max_sessions=arguments.max_sessions,
        idle_timeout=arguments.idle_timeout,
        content=arguments.content,
        first_slug=arguments.topic,
    )


def run(config: WebConfig) -> None:
    """Serve until SIGTERM, SIGHUP or Ctrl+C. Raises WebError for problems the operator must fix."""
    logging.basicConfig(
        level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s"
    )
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # no record of what was read
    asyncio.run(_serve(config))


async def _serve(config: WebConfig) -> None:
    from aiohttp import web

    from mbc_tui.web.server import make_web_app

    app = make_web_app(config, load_guide(config.content))
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, config.host, config.port)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        raise WebError(
            f"cannot listen on {config.host}:{config.port}: "
            f"{os.strerror(error.errno) if error.errno else error}"
        ) from None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in stop_signals():
        loop.add_signal_handler(signum, stop.set)
    port = runner.addresses[0][1]
    print(f"Serving the guide on http://{config.host}:{port}/", flush=True)
    await stop.wait()
    with contextlib.suppress(OSError):  # after a hang-up there is no terminal to tell
        print("Shutting down: closing open sessions.", flush=True)
    await runner.cleanup()
