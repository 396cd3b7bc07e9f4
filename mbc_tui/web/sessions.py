"""The full-screen guide's sessions: one websocket, one guide process (textual-serve's
``AppService``), a cap on how many, an idle timeout with a warning, one log line each."""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import sys
import time
from collections.abc import Awaitable, Callable

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from mbc_tui.ssh.messages import SERVER_FULL, terminal_lines
from mbc_tui.web.config import WebConfig
from mbc_tui.web.protocol import IDLE_CLEARED, IDLE_WARNING

log = logging.getLogger("mbc_tui.web")

DROPPED_META = frozenset({"open_url", "deliver_file_start"})
"""What the guide may ask of the browser and never gets: to open a URL, to download a file."""
TRY_AGAIN_LATER = 1013
"""Websocket close code: the server is full."""
LARGEST_TERMINAL = 500
FIRST_SCREEN_BYTES = 1000
"""Output before the first screen is drawn is shorter than this (modes, not a screen)."""


class GuideAppService(AppService):
    """textual-serve's app process, counting bytes, never passing on a URL to open or a
    file to download."""

    def __init__(self, command: str, **kwargs: object) -> None:
        super().__init__(command, **kwargs)  # type: ignore[arg-type]
        self.bytes_out = 0
        self.first_output_at: float | None = None

    async def on_data(self, payload: bytes) -> None:
        self.bytes_out += len(payload)
        if self.first_output_at is None and self.bytes_out > FIRST_SCREEN_BYTES:
            self.first_output_at = time.monotonic()
        await super().on_data(payload)

    async def on_meta(self, data: bytes) -> None:
        if json.loads(data).get("type") not in DROPPED_META:
            await super().on_meta(data)


def app_command(config: WebConfig) -> str:
    """The guide's process for one session (the same Python, the same content)."""
    command = [sys.executable, "-m", "mbc_tui.web_app"]
    if config.content is not None:
        command += ["--content", str(config.content)]
    if config.first_slug is not None:
        command += ["--topic", config.first_slug]
    return shlex.join(command)


class WebSessions:
    """Every open full-screen session; ``handle`` serves one websocket."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.command = app_command(config)
        self.sockets: set[web.WebSocketResponse] = set()
        self.downloads = DownloadManager()

    @property
    def full(self) -> bool:
        return len(self.sockets) >= self.config.max_sessions

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(heartbeat=15)
        await socket.prepare(request)
        if self.full:
            await socket.send_bytes(terminal_lines(SERVER_FULL))
            await socket.close(code=TRY_AGAIN_LATER)
            log.info("refused address=%s reason=server-full", request.remote)
            return socket
        self.sockets.add(socket)
        try:
            await _Session(self, socket, request.remote or "-").run(request)
        finally:
            self.sockets.discard(socket)
        return socket

    async def close_all(self) -> None:
        for socket in list(self.sockets):
            await socket.close(code=1001, message=b"server shutting down")


class _Session:
    """One reader's full-screen guide, from the websocket's opening to its end."""

    def __init__(self, sessions: WebSessions, socket: web.WebSocketResponse, address: str):
        self.config = sessions.config
        self.socket = socket
        self.address = address
        self.reason = "reader-left"
        self.bytes_in = 0
        self.started = time.monotonic()
        self.last_input = self.started
        self.warned = False
        self.service = GuideAppService(
            sessions.command,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=self._closing("quit"),
            download_manager=sessions.downloads,
        )

    def _closing(self, reason: str) -> Callable[[], Awaitable[None]]:
        async def close() -> None:
            if not self.socket.closed:  # else the reader left first
                self.reason = reason
            await self.socket.close()

        return close

    async def run(self, request: web.Request) -> None:
        width = _size(request.query.get("width"), 80)
        height = _size(request.query.get("height"), 24)
        watchdog = asyncio.create_task(self._watch_idle())
        try:
            await self.service.start(width, height)
            await self._read_messages()
        except asyncio.CancelledError:
            self.reason = "shutdown"
        finally:
            watchdog.cancel()
            await self.service.stop()
            self._log()

    async def _read_messages(self) -> None:
        service = self.service
        async for message in self.socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = json.loads(message.data)[:2]
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await self._key(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(
                    _size(data.get("width"), 80), _size(data.get("height"), 24)
                )
            elif kind == "ping":
                await self.socket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _key(self, data: bytes) -> None:
        self.bytes_in += len(data)
        self.last_input = time.monotonic()
        if self.warned:
            self.warned = False
            await self.service.send_meta({"type": IDLE_CLEARED})
        await self.service.send_bytes(data)

    async def _watch_idle(self) -> None:
        config = self.config
        while True:
            idle_at = self.last_input + config.idle_timeout
            warn_at = idle_at - config.idle_warning
            now = time.monotonic()
            if now >= idle_at:
                await self._closing("idle-timeout")()
                return
            if now >= warn_at and not self.warned:
                self.warned = True
                seconds = round(idle_at - now, 1)
                await self.service.send_meta({"type": IDLE_WARNING, "seconds": seconds})
            await asyncio.sleep(max(0.05, (idle_at if self.warned else warn_at) - now))

    def _log(self) -> None:
        first = self.service.first_output_at
        log.info(
            "session address=%s duration=%.1fs bytes_in=%d bytes_out=%d first_screen=%s reason=%s",
            self.address,
            time.monotonic() - self.started,
            self.bytes_in,
            self.service.bytes_out,
            "-" if first is None else f"{first - self.started:.2f}s",
            self.reason,
        )


def _size(value: object, default: int) -> int:
    """A terminal dimension from the browser: a whole number from 1 to 500, else ``default``."""
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if 1 <= number <= LARGEST_TERMINAL else default
