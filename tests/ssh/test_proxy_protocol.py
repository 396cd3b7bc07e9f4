"""Behind HAProxy: the PROXY header names the real client, for the logs and the caps."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import socket
import struct
import time

import asyncssh
import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.limits import Startups
from mbc_tui.ssh.proxy_protocol import V2_SIGNATURE, ProxyProtocolError, parse_header
from tests.ssh.conftest import (
    TIMEOUT,
    ReaderSession,
    StartServer,
    open_guide,
    ssh_connect,
    wait_until,
)

V1 = b"PROXY TCP4 203.0.113.7 10.0.0.1 40000 2222\r\n"


def v2(source: bytes, port: int, family: int = 0x11, command: int = 0x21) -> bytes:
    payload = source + bytes(len(source)) + struct.pack("!HH", port, 2222)
    return V2_SIGNATURE + struct.pack("!BBH", command, family, len(payload)) + payload


def test_v1_header() -> None:
    assert parse_header(V1 + b"SSH-2.0-x\r\n") == (len(V1), ("203.0.113.7", 40000))
    assert parse_header(b"PROXY TCP6 2001:db8::1 ::1 5 22\r\n")[1] == ("2001:db8::1", 5)  # type: ignore[index]
    assert parse_header(b"PROXY UNKNOWN\r\n") == (15, None)


def test_v2_header() -> None:
    header = v2(bytes([198, 51, 100, 9]), 5555)
    assert parse_header(header + b"SSH-2.0-x") == (len(header), ("198.51.100.9", 5555))
    ipv6 = v2(socket.inet_pton(socket.AF_INET6, "2001:db8::2"), 7, family=0x21)
    assert parse_header(ipv6) == (len(ipv6), ("2001:db8::2", 7))
    local = v2(bytes(4), 0, command=0x20)
    assert parse_header(local) == (len(local), None)


def test_partial_headers_ask_for_more() -> None:
    assert parse_header(V1[:10]) is None
    assert parse_header(b"PRO") is None
    assert parse_header(V2_SIGNATURE[:5]) is None
    assert parse_header(v2(bytes(4), 1)[:20]) is None


@pytest.mark.parametrize(
    "data", [b"SSH-2.0-OpenSSH_9.2\r\n", b"PROXY TCP4 nonsense\r\n", b"PROXY " + b"x" * 120]
)
def test_anything_else_is_refused(data: bytes) -> None:
    with pytest.raises(ProxyProtocolError):
        parse_header(data)


async def connect_through_proxy(port: int, header: bytes) -> asyncssh.SSHClientConnection:
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(header)
    return await ssh_connect(None, sock=sock)


async def test_the_log_shows_the_real_client_and_the_cap_counts_it(
    serve_config: ServeConfig, start_server: StartServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(proxy_protocol=True, max_per_ip=1))
    conn = await connect_through_proxy(server.port, V1)
    await open_guide(conn)
    assert "connect address=203.0.113.7:40000 user=guide" in caplog.text
    # Another reader from a different real address is not held back by the first one's cap.
    other = await connect_through_proxy(server.port, V1.replace(b"203.0.113.7", b"203.0.113.8"))
    _chan, second = await other.create_session(
        lambda: ReaderSession(80, 24), term_type="xterm", term_size=(80, 24), encoding=None
    )
    await wait_until(lambda: "Quit" in "\n".join(second.screen.display))
    conn.close()
    other.close()


async def test_a_connection_without_the_header_is_dropped(
    serve_config: ServeConfig, start_server: StartServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(proxy_protocol=True))
    with pytest.raises((asyncssh.Error, OSError)):
        await ssh_connect(server.port)
    await wait_until(lambda: "reason=no-PROXY-protocol-header" in caplog.text)


@pytest.mark.parametrize(
    "line",
    [
        b"PROXY TCP6 fe80::1%eth0 ::1 5 22",  # a scope id: free text in a log line
        b"PROXY TCP6 fe80::1%x\nforged ::1 5 22",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 +5 22",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 1_0 22",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 70000 22",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 5 +22",
        b"PROXY TCP4 2001:db8::1 10.0.0.1 5 22",  # not the header's family
        b"PROXY TCP6 203.0.113.7 ::1 5 22",
        b"PROXY TCP4 203.0.113.7 nonsense 5 22",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 \xd9\xa5 22",  # an Arabic-Indic five
    ],
)
def test_v1_fields_are_read_strictly(line: bytes) -> None:
    with pytest.raises(ProxyProtocolError):
        parse_header(line + b"\r\n")


def test_v2_commands_other_than_local_and_proxy_are_refused() -> None:
    with pytest.raises(ProxyProtocolError):
        parse_header(v2(bytes([198, 51, 100, 9]), 5555, command=0x2F))


async def half_open(port: int, count: int) -> list[socket.socket]:
    """Connections that send part of a PROXY header and then nothing."""
    loop = asyncio.get_running_loop()
    socks = []
    for _ in range(count):
        sock = socket.socket()
        sock.setblocking(False)
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, V1[:10])
        socks.append(sock)
    return socks


def closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


async def test_half_open_headers_are_counted_and_timed_out(
    serve_config: ServeConfig, start_server: StartServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(
        serve_config.with_(
            proxy_protocol=True,
            max_per_ip=2,
            max_startups=Startups.parse("6"),
            proxy_header_timeout=1.0,
        )
    )
    socks = await half_open(server.port, 5)  # 2 x --max-per-ip = 4 from one address
    try:
        await wait_until(lambda: closed_by_server(socks[4]))
        assert sum(server.half_open.values()) == 4
        assert "reason=too-many-half-open" in caplog.text
        await wait_until(lambda: all(closed_by_server(sock) for sock in socks[:4]), timeout=5)
        await wait_until(lambda: not server.half_open)
        conn = await connect_through_proxy(server.port, V1)  # room again
        await open_guide(conn)
        conn.close()
    finally:
        for sock in socks:
            sock.close()


async def test_half_open_headers_cost_no_cpu_while_they_wait(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    server = await start_server(
        serve_config.with_(proxy_protocol=True, max_per_ip=200, max_startups=Startups.parse("400"))
    )
    socks = await half_open(server.port, 200)
    try:
        await wait_until(lambda: sum(server.half_open.values()) == 200)
        before = time.process_time()
        await asyncio.sleep(1.0)
        assert time.process_time() - before < 0.2
    finally:
        for sock in socks:
            sock.close()


async def test_running_out_of_file_descriptors_does_not_stop_accepting(
    serve_config: ServeConfig,
    start_server: StartServer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    loop = asyncio.get_running_loop()
    accept = loop.sock_accept
    failures = iter(range(5))

    async def out_of_descriptors(listener: socket.socket) -> tuple[socket.socket, object]:
        if next(failures, None) is not None:
            raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))
        return await accept(listener)

    monkeypatch.setattr(loop, "sock_accept", out_of_descriptors)
    server = await start_server(serve_config.with_(proxy_protocol=True))
    conn = await asyncio.wait_for(connect_through_proxy(server.port, V1), TIMEOUT)
    await open_guide(conn)
    conn.close()
    assert caplog.text.count("cannot accept connections: Too many open files") == 1
    assert "accepting connections again" in caplog.text


@pytest.mark.parametrize("header", [V1, v2(bytes([198, 51, 100, 9]), 5555)], ids=["v1", "v2"])
async def test_a_header_sent_in_pieces_is_read_whole(
    serve_config: ServeConfig,
    start_server: StartServer,
    caplog: pytest.LogCaptureFixture,
    header: bytes,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(proxy_protocol=True))
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", server.port))
    await wait_until(lambda: sum(server.half_open.values()) == 1)
    for start in range(0, len(header), 7):
        await loop.sock_sendall(sock, header[start : start + 7])
        await asyncio.sleep(0.02)  # pacing: each piece arrives on its own
    sock.setblocking(True)
    conn = await asyncio.wait_for(ssh_connect(None, sock=sock), TIMEOUT)
    await open_guide(conn)
    conn.close()
    client = "203.0.113.7:40000" if header == V1 else "198.51.100.9:5555"
    assert f"connect address={client} " in caplog.text
