"""The web server in-process on 127.0.0.1 (port 0), a websocket reader whose screen is a
terminal emulator (pyte), and, where Chromium is installed, a real browser (Playwright)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import aiohttp
import pyte
import pytest
from aiohttp import web

from mbc_tui.core.content import load_guide
from mbc_tui.web.config import WebConfig
from mbc_tui.web.server import SESSIONS, make_web_app

TIMEOUT = 15.0
"""Upper bound for anything a test waits for (the first screen takes about a second)."""
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium (scripts/test installs it): Playwright's own browser download is not
reachable from here."""


class WebServer:
    """A running ``mbc-tui web``: its base URL and its sessions."""

    def __init__(self, runner: web.AppRunner, app: web.Application) -> None:
        self.runner = runner
        self.app = app
        host, port = runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"

    @property
    def open_sessions(self) -> int:
        return len(self.app[SESSIONS].sockets)

    async def wait_until_no_session(self, timeout: float = TIMEOUT) -> None:
        """Until every session has ended on the server's side (its process stopped, its
        line logged), which is a moment after the browser's side sees it close."""
        async with asyncio.timeout(timeout):
            while self.open_sessions:
                await asyncio.sleep(0.02)


StartServer = Callable[..., Awaitable[WebServer]]


@pytest.fixture
async def start_server() -> AsyncIterator[StartServer]:
    runners: list[web.AppRunner] = []

    async def start(**options: object) -> WebServer:
        config = WebConfig(host="127.0.0.1", port=0, **options)  # type: ignore[arg-type]
        app = make_web_app(config, load_guide())
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, config.host, config.port).start()
        runners.append(runner)
        return WebServer(runner, app)

    yield start
    for runner in runners:
        server = WebServer(runner, runner.app)
        await runner.app[SESSIONS].close_all()
        await server.wait_until_no_session()  # each guide's process has ended
        await runner.cleanup()


@pytest.fixture
async def server(start_server: StartServer) -> WebServer:
    return await start_server()


class Reader:
    """A browser's terminal without the browser: the websocket's bytes into a pyte screen."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse, columns: int, rows: int):
        self.socket = socket
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.received = 0
        self.closed = False

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    async def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        async with asyncio.timeout(timeout):
            while text not in self.text:
                message = await self.socket.receive()
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.received += len(message.data)
                    self.stream.feed(message.data)
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    self.closed = True
                    raise AssertionError(f"session closed; screen was:\n{self.text}")
        return self.text

    async def wait_closed(self, timeout: float = TIMEOUT) -> None:
        async with asyncio.timeout(timeout):
            async for message in self.socket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    self.stream.feed(message.data)
        self.closed = True

    async def press(self, keys: str) -> None:
        await self.socket.send_str(json.dumps(["stdin", keys]))


@pytest.fixture
async def connect() -> AsyncIterator[Callable[..., Awaitable[Reader]]]:
    """Open the full-screen guide's websocket as the browser page does."""
    async with aiohttp.ClientSession() as client:
        readers: list[Reader] = []

        async def open_reader(server: WebServer, columns: int = 80, rows: int = 24) -> Reader:
            socket = await client.ws_connect(f"{server.url}/ws?width={columns}&height={rows}")
            reader = Reader(socket, columns, rows)
            readers.append(reader)
            return reader

        yield open_reader
        for reader in readers:
            await reader.socket.close()


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        return "Chromium is not installed (scripts/test installs Debian's chromium as root)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install '.[test]')"
    return None
