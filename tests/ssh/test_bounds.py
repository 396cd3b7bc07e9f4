"""A hostile client cannot make the server hold more than its limits (issue 13, server side):
session channels, connections that never open a session, input for a stopped app, stopped
spares, silent connections, IPv6 /64s, log volume and the banner."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
from pathlib import Path

import asyncssh
import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.limits import Startups
from mbc_tui.ssh.process_watch import process_state
from mbc_tui.ssh.server import SESSION_WINDOW, GuideServer
from tests.conftest import holds_for
from tests.ssh.conftest import (
    ConnectReader,
    StartServer,
    process_exists,
    session_apps,
    session_pids,
    spare_pids,
    spares_ready,
    ssh_connect,
    wait_until,
)


async def open_bare_session(conn: asyncssh.SSHClientConnection) -> asyncssh.SSHClientChannel[bytes]:
    """Open a ``session`` channel and never start it (no pty, shell or command): what a
    hostile client does to make the server hold one object per channel."""
    chan: asyncssh.SSHClientChannel[bytes] = asyncssh.SSHClientChannel(
        conn, asyncio.get_running_loop(), False, None, "strict", 2**21, 32768
    )
    await chan._open(b"session")
    return chan


async def test_one_session_channel_per_connection_and_nothing_kept_after(
    server: GuideServer,
) -> None:
    conn = await ssh_connect(server.port)
    await open_bare_session(conn)
    for _ in range(3):
        with pytest.raises(asyncssh.ChannelOpenError, match="one guide per connection"):
            await open_bare_session(conn)
    assert len(server.sessions) == 1
    conn.close()
    await conn.wait_closed()
    await wait_until(lambda: not server.sessions and not server.connections)


@pytest.mark.parametrize("opens", ["nothing", "a-channel-never-started"])
async def test_a_connection_that_starts_no_session_is_closed_in_time(
    serve_config: ServeConfig,
    start_server: StartServer,
    caplog: pytest.LogCaptureFixture,
    opens: str,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(login_timeout=1.0))
    conn = await ssh_connect(server.port)
    if opens != "nothing":
        await open_bare_session(conn)
    await asyncio.wait_for(conn.wait_closed(), 5)
    await wait_until(lambda: "reason=no-session-in-time" in caplog.text)
    await wait_until(lambda: not server.sessions and not server.connections)


async def test_a_stopped_app_makes_the_server_hold_only_so_much_input(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    limit = 16384
    server = await start_server(serve_config.with_(max_pending_input=limit))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    [app] = session_apps(server)
    pid = app.pid  # its own process, or its worker
    [session] = server.sessions
    os.kill(pid, signal.SIGSTOP)
    try:
        await wait_until(lambda: process_state(pid) == "T")
        reader.press(b"j" * 524288)
        # The client has sent all the server will take when its window to the server is shut.
        await wait_until(lambda: session._input_paused and reader.chan._send_window == 0)
        held = len(session._pending_input) + sum(len(data) for data, _ in session._chan._recv_buf)
        assert held <= limit + 32768 + SESSION_WINDOW
    finally:
        os.kill(pid, signal.SIGCONT)
    reader.close()
    await wait_until(lambda: not app.running)


async def test_a_stopped_spare_is_never_handed_to_a_reader(
    serve_config: ServeConfig,
    start_server: StartServer,
    connect: ConnectReader,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    (spare,) = spare_pids(server)
    os.kill(spare, signal.SIGSTOP)
    await wait_until(lambda: process_state(spare) == "T")
    reader = await connect(server)
    await reader.wait_for("q Quit")
    assert spare not in session_pids(server)
    await wait_until(lambda: not process_exists(spare))
    assert f"spare app pid={spare} not responding" in caplog.text


def silent_connection(port: int, source: str) -> socket.socket:
    """A TCP connection that never says anything, from another loopback address."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((source, 0))
    sock.connect(("127.0.0.1", port))
    return sock


async def test_silent_connections_from_a_few_addresses_do_not_lock_everyone_out(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    server = await start_server(serve_config.with_(max_sessions=8, max_per_ip=3))
    silent: list[socket.socket] = []
    try:
        # Three addresses keep 16 silent connections open (those dropped are opened again).
        for attempt in range(300):
            if len(server.unstarted) >= 16:
                break
            silent.append(silent_connection(server.port, f"127.0.0.{2 + attempt % 3}"))
            await asyncio.sleep(0.02)
        assert len(server.unstarted) >= 16
        # From 8 waiting (--max-sessions), new ones are dropped at random (30%, rising to
        # all at 32): a reader is let in within a few tries. Before, every one was refused
        # while the 16 stayed.
        for attempt in range(20):
            try:
                conn = await ssh_connect(server.port)
                break
            except asyncssh.DisconnectError:
                assert attempt < 19
        conn.close()
    finally:
        for sock in silent:
            sock.close()


async def test_ipv6_addresses_are_counted_by_their_slash_64(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    server = await start_server(serve_config.with_(proxy_protocol=True, max_per_ip=1))
    held = []
    for number in (1, 2):  # twice --max-per-ip connections from one /64
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(f"PROXY TCP6 2001:db8::{number} ::1 40000 2222\r\n".encode())
        held.append(await ssh_connect(None, sock=sock))
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(b"PROXY TCP6 2001:db8::ffff:3 ::1 40000 2222\r\n")
    with pytest.raises(asyncssh.DisconnectError, match="too many connections"):
        await ssh_connect(None, sock=sock)
    other = socket.create_connection(("127.0.0.1", server.port))
    other.sendall(b"PROXY TCP6 2001:db8:0:1::3 ::1 40000 2222\r\n")  # the next /64
    held.append(await ssh_connect(None, sock=other))
    for conn in held:
        conn.close()


async def test_the_banner_does_not_name_the_ssh_library(server: GuideServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    banner = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    assert banner == b"SSH-2.0-mbc-tui\r\n"


async def test_log_lines_per_address_are_limited_then_counted(
    serve_config: ServeConfig, start_server: StartServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(
        serve_config.with_(log_lines_per_minute=4, max_sessions=20, max_per_ip=20)
    )
    for _ in range(10):  # a refused command: a connect and a disconnect line each
        conn = await ssh_connect(server.port)
        await conn.run("ls")
        conn.close()
        await conn.wait_closed()
    await wait_until(lambda: not server.sessions)
    await server.stop()
    lines = [record.getMessage() for record in caplog.records]
    assert len([line for line in lines if line.startswith(("connect ", "disconnect "))]) == 4
    assert "log-limit address=127.0.0.1 lines_not_written=16 in the last minute" in lines


def test_by_default_as_many_readers_as_the_server_takes_may_arrive_at_once() -> None:
    config = ServeConfig(host_key=Path("-"), max_sessions=50)
    assert config.startups == Startups(50, 30, 200)
    assert config.with_(max_startups=Startups(5, 50, 9)).startups == Startups(5, 50, 9)


async def test_a_connection_that_stays_after_its_session_ended_is_closed_in_time(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    server = await start_server(serve_config.with_(login_timeout=1.0))
    conn = await ssh_connect(server.port)
    result = await conn.run("ls")  # refused; the connection stays open after it
    assert result.exit_status == 1
    await asyncio.wait_for(conn.wait_closed(), 5)
    await wait_until(lambda: not server.connections)


async def test_an_app_over_its_memory_limit_is_ended_with_a_message(
    serve_config: ServeConfig,
    start_server: StartServer,
    connect: ConnectReader,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One reader's app can never grow to take what the others need: past the limit it is
    ended, its reader told why, the log says so; the server and other readers go on."""
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(max_app_memory=2**20, memory_check_every=0.1))
    reader = await connect(server)
    await reader.wait_closed()
    assert b"grew too large for the server" in reader.session.raw
    assert reader.session.exit_status == 1
    await wait_until(lambda: "reason=app-memory-limit" in caplog.text)
    assert "app over its memory limit" in caplog.text
    assert not server.sessions


async def test_an_app_within_its_memory_limit_runs_on(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(memory_check_every=0.1))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    reader.press("2")
    await reader.wait_for("Section 2 of 9")
    await holds_for(lambda: not reader.session.closed.is_set(), 1.0)
