"""The balancer's health checks are counted: one line for the first, then one now and then."""

from __future__ import annotations

import asyncio
import logging
import socket
import struct

import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.health_checks import HealthChecks
from tests.ssh.conftest import TIMEOUT, StartServer, open_guide, wait_until
from tests.ssh.test_proxy_protocol import V1, connect_through_proxy, v2


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_check_is_logged_then_one_line_every_ten_minutes() -> None:
    clock = Clock()
    checks = HealthChecks(every=600, clock=clock)
    first = checks.seen("127.0.0.1")
    assert first == (
        "health-checks address=127.0.0.1 count=1 (the first; from now on one line every 10 minutes)"
    )
    lines = []
    for _ in range(300):  # one check every 2 s for 10 minutes
        clock.now += 2
        lines.append(checks.seen("127.0.0.1"))
    written = [line for line in lines if line is not None]
    assert written == ["health-checks address=127.0.0.1 count=300 in the last 10 minutes"]
    assert lines[-1] == written[0]
    clock.now += 2
    assert checks.seen("127.0.0.1") is None  # counting starts again


def test_each_balancer_is_counted_on_its_own() -> None:
    clock = Clock()
    checks = HealthChecks(every=60, clock=clock)
    assert checks.seen("10.0.0.1") is not None
    assert checks.seen("10.0.0.2") is not None  # a second balancer's first check
    clock.now += 30
    assert checks.seen("10.0.0.1") is None
    clock.now += 31
    assert checks.seen("10.0.0.2") == "health-checks address=10.0.0.2 count=1 in the last 1 minute"
    assert checks.seen("10.0.0.1") == "health-checks address=10.0.0.1 count=2 in the last 1 minute"


async def check(port: int, header: bytes, *, wait_for_banner: bool, reset: bool) -> None:
    """What HAProxy's tcp-check does: connect, send the PROXY header, read the banner, close
    (with a reset unless its ``linger`` option is set)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(header)
    if wait_for_banner:
        async with asyncio.timeout(TIMEOUT):
            assert (await reader.readuntil(b"\n")).startswith(b"SSH-2.0-")
    if reset:
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.close()


async def test_health_checks_are_counted_not_logged_and_readers_still_are(
    serve_config: ServeConfig, start_server: StartServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(proxy_protocol=True))
    local = v2(bytes(4), 0, command=0x20)  # HAProxy's check with send-proxy-v2
    await check(server.port, local, wait_for_banner=True, reset=True)
    await check(server.port, b"PROXY UNKNOWN\r\n", wait_for_banner=True, reset=False)  # v1
    await check(server.port, local, wait_for_banner=False, reset=True)  # gone before it
    await wait_until(lambda: server.health_checks.total == 3)
    lines = [r.getMessage() for r in caplog.records if r.name == "mbc_tui.ssh"]
    assert lines == [
        "health-checks address=127.0.0.1 count=1 (the first; from now on one line every 10 minutes)"
    ]
    # A connection from the balancer's own address that logs in is a reader, logged as one.
    conn = await connect_through_proxy(server.port, local)
    await open_guide(conn)
    conn.close()
    await wait_until(lambda: "disconnect address=127.0.0.1" in caplog.text)
    assert "connect address=127.0.0.1" in caplog.text
    assert server.health_checks.total == 3
    # A real client's connection that never logs in is still logged.
    real = socket.create_connection(("127.0.0.1", server.port))
    real.sendall(V1)
    real.close()
    await wait_until(lambda: "disconnect address=203.0.113.7:40000 user=- reason=" in caplog.text)
