"""The real OpenSSH client, in a pseudo-terminal, with a pre-written known_hosts file."""

from __future__ import annotations

import asyncio
import fcntl
import os
import signal
import struct
import termios
from pathlib import Path

import pyte
import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.server import GuideServer
from tests.ssh.conftest import (
    SSH,
    TIMEOUT,
    StartServer,
    openssh_command,
    session_apps,
    spare_apps,
    spares_ready,
    wait_until,
)

pytestmark = pytest.mark.skipif(SSH is None, reason="OpenSSH client not installed")


class Terminal:
    """A pty running ``ssh``; what it prints goes into a pyte screen."""

    def __init__(self, columns: int, rows: int) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.changed = asyncio.Event()
        self.eof = False
        asyncio.get_running_loop().add_reader(self.master, self._read)

    def _read(self) -> None:
        try:
            data = os.read(self.master, 65536)
        except OSError:
            data = b""
        if not data:
            self.eof = True
            asyncio.get_running_loop().remove_reader(self.master)
        self.raw += data
        self.stream.feed(data)
        self.changed.set()

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    async def wait_for(self, text: str) -> None:
        async with asyncio.timeout(TIMEOUT):
            while text not in self.text:
                self.changed.clear()
                assert not self.eof, self.text
                await self.changed.wait()

    def close(self) -> None:
        if not self.eof:
            asyncio.get_running_loop().remove_reader(self.master)
        os.close(self.master)


async def start_openssh(
    server: GuideServer, folder: Path, terminal: Terminal, *arguments: str
) -> asyncio.subprocess.Process:
    """The OpenSSH client, run in ``terminal`` as a reader runs it."""
    process = await asyncio.create_subprocess_exec(
        *openssh_command(server, folder, *arguments),
        stdin=terminal.slave,
        stdout=terminal.slave,
        stderr=terminal.slave,
        start_new_session=True,
        env={
            "TERM": "xterm-256color",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DISPLAY": "127.0.0.1:99",
            "SSH_AUTH_SOCK": str(folder / "no-agent"),
        },
    )
    os.close(terminal.slave)
    return process


async def read_and_quit(terminal: Terminal, process: asyncio.subprocess.Process) -> None:
    """Press q and wait for the client to end (killed if it does not)."""
    try:
        os.write(terminal.master, b"q")
        async with asyncio.timeout(TIMEOUT):
            assert await process.wait() == 0
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        terminal.close()


@pytest.mark.parametrize("user", ["slow", "nocolor"])
async def test_a_second_reader_of_another_kind_takes_a_spare_of_that_kind(
    serve_config: ServeConfig, start_server: StartServer, tmp_path: Path, user: str
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    common = spare_apps(server)
    first = Terminal(80, 24)
    process = await start_openssh(server, tmp_path, first, f"{user}@127.0.0.1")
    try:
        await first.wait_for("q Quit")
        assert session_apps(server).isdisjoint(common)  # the first of its kind: a new guide
    finally:
        await read_and_quit(first, process)
    await wait_until(lambda: len(server.spares) == 2)  # one of this kind beside the common
    await spares_ready(server, 2)
    assert spare_apps(server) >= common
    ready = spare_apps(server) - common
    second = Terminal(80, 24)
    process = await start_openssh(server, tmp_path, second, f"{user}@127.0.0.1")
    try:
        await second.wait_for("q Quit")
        assert session_apps(server) == ready
    finally:
        await read_and_quit(second, process)


@pytest.mark.parametrize("spares", [0, 1], ids=["new-guide", "spare-guide"])
async def test_openssh_client_reads_the_guide(
    serve_config: ServeConfig, start_server: StartServer, tmp_path: Path, spares: int
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=spares))
    await spares_ready(server, spares)
    ready = spare_apps(server)
    terminal = Terminal(80, 24)
    process = await start_openssh(
        server,
        tmp_path,
        terminal,
        # Asked for, and refused: the guide still opens.
        "-o",
        "ForwardX11=yes",
        "-o",
        "ForwardAgent=yes",
        "guide@127.0.0.1",
    )
    try:
        await terminal.wait_for("q Quit")
        assert "1 What it is" in terminal.text
        assert (session_apps(server) == ready) == bool(spares)
        assert b"X11 forwarding request failed" in terminal.raw
        os.write(terminal.master, b"2")
        await terminal.wait_for("Section 2 of 9")
    finally:
        await read_and_quit(terminal, process)
