"""Scripted and hurried clients, with the real OpenSSH client: input that ends before the
guide starts, commands with no input at all, keys still in flight when a reader leaves."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.server import GuideServer
from tests.ssh.conftest import (
    SSH,
    TIMEOUT,
    ConnectReader,
    StartServer,
    open_guide,
    openssh_command,
    spares_ready,
    ssh_connect,
    wait_until,
)

pytestmark = pytest.mark.skipif(SSH is None, reason="OpenSSH client not installed")

REFUSAL = b"This server only shows the guide"


async def run_ssh(
    server: GuideServer, folder: Path, *arguments: str, stdin: bytes | None = None
) -> tuple[int, bytes, bytes, float]:
    """Run the OpenSSH client to its end: exit status, stdout, stderr, seconds taken."""
    started = time.monotonic()
    process = await asyncio.create_subprocess_exec(
        *openssh_command(server, folder, *arguments),
        stdin=asyncio.subprocess.DEVNULL if stdin is None else asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(TIMEOUT):
            out, err = await process.communicate(stdin)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode, out, err, time.monotonic() - started


async def nothing_held(server: GuideServer) -> None:
    """Every connection closed and every session ended (their apps with them)."""
    await wait_until(lambda: not server.connections and not server.sessions)
    assert server.limits.open_sessions == 0


@pytest.mark.parametrize("spares", [0, 1], ids=["new-guide", "spare-guides"])
async def test_piped_input_is_read_to_its_end_every_time(
    serve_config: ServeConfig, start_server: StartServer, tmp_path: Path, spares: int
) -> None:
    """``printf '5\\n' | ssh -T``: the end of input often arrives before the session has
    started its app; it must be taken as the end of the reader's input, never as leaving."""
    server = await start_server(serve_config.with_(spare_sessions=spares))
    await spares_ready(server, spares)
    for user in ["guide"] * 18 + ["text", "nocolor"]:
        status, out, _err, _ = await run_ssh(
            server, tmp_path, "-T", f"{user}@127.0.0.1", stdin=b"5\n"
        )
        assert status == 0, (user, out)
        assert b"Section 5 of 9" in out, (user, out[:200])
    await nothing_held(server)


@pytest.mark.parametrize(
    "arguments",
    [("-n", "guide@127.0.0.1", "true"), ("guide@127.0.0.1", "ls"), ("-T", "guide@127.0.0.1", "ls")],
    ids=["ssh-n", "ssh-devnull", "ssh-T-devnull"],
)
async def test_a_command_with_no_input_is_refused_at_once(
    server: GuideServer, tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    status, out, err, seconds = await run_ssh(server, tmp_path, *arguments)
    assert status != 0
    assert REFUSAL in err
    assert out == b""
    assert seconds < 2.0
    await nothing_held(server)


async def test_a_burst_of_refused_commands_leaves_nothing_behind(
    serve_config: ServeConfig, start_server: StartServer, tmp_path: Path
) -> None:
    server = await start_server(serve_config.with_(max_sessions=60, max_per_ip=60))
    results = await asyncio.gather(
        *(run_ssh(server, tmp_path, "-n", "guide@127.0.0.1", "true") for _ in range(50))
    )
    assert all(status != 0 and REFUSAL in err for status, _out, err, _ in results)
    await nothing_held(server)


async def test_readers_who_leave_with_keys_in_flight_do_not_break_later_readers(
    serve_config: ServeConfig,
    start_server: StartServer,
    connect: ConnectReader,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Typed input still waiting for the app when the reader leaves must not leave the
    loop watching a closed pseudo-terminal (a later one gets the same descriptor), nor keep
    the app busy past the server's grace (in a worker, killing it would end its other
    readers' sessions)."""
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(max_sessions=4, max_per_ip=4))
    open_fds = len(os.listdir("/proc/self/fd"))
    for _round in range(5):
        hurried = [await connect(server) for _ in range(2)]
        for reader in hurried:
            await reader.wait_for("q Quit")
            reader.press(b"j" * 262144)
        for reader in hurried:
            reader.close()
        await wait_until(lambda: server.limits.open_sessions == 0)
        calm = await connect(server)
        await calm.wait_for("q Quit")
        calm.press("2")
        await calm.wait_for("Section 2 of 9")
        calm.close()
    await nothing_held(server)
    workers = [] if server.workers is None else server.workers.workers
    kept = sum(worker.running for worker in workers)  # its socket and its sentinel each
    assert len(os.listdir("/proc/self/fd")) <= open_fds + 2 + 2 * kept
    assert "killed" not in caplog.text


async def test_a_closed_connection_does_not_kill_the_server(server: GuideServer) -> None:
    conn = await ssh_connect(server.port)
    await open_guide(conn)
    conn.abort()
    await nothing_held(server)


async def test_the_login_names_each_signature_algorithm_once(
    server: GuideServer, tmp_path: Path
) -> None:
    _status, _out, err, _ = await run_ssh(
        server, tmp_path, "-v", "-n", "-o", "LogLevel=DEBUG1", "guide@127.0.0.1", "true"
    )
    line = next(line for line in err.decode().splitlines() if "server-sig-algs=<" in line)
    algorithms = line.split("server-sig-algs=<", 1)[1].rstrip(">").split(",")
    assert len(algorithms) == len(set(algorithms))
    assert "ssh-ed25519" in algorithms
    assert "rsa-sha2-256" in algorithms
    assert len(line) < 300
