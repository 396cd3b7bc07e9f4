"""Processes for the HAProxy test (tests/ssh/test_haproxy.py): guide servers run as the
operator runs them (``mbc-tui serve --proxy-protocol``), HAProxy with the shipped
configuration (deploy/haproxy.cfg), and readers with the real OpenSSH client (``ssh -T``:
line mode, so that a reader is a pipe, not a terminal). Loopback addresses only."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

import asyncssh

from tests.ssh.conftest import SSH, TIMEOUT, openssh_options, wait_until

HAPROXY = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
"""HAProxy (Debian's haproxy package), if installed."""

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "haproxy.cfg"
"""The configuration the project ships: the test runs exactly this file."""


class Output:
    """Everything one stream of a process says, as it arrives."""

    def __init__(self, stream: asyncio.StreamReader | None) -> None:
        assert stream is not None
        self.text = ""
        self._task = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while chunk := await stream.read(65536):
            self.text += chunk.decode("utf-8", "replace")

    async def finished(self) -> None:
        """Wait until the process has closed this stream (everything it said is in)."""
        async with asyncio.timeout(TIMEOUT):
            await self._task


async def end(process: asyncio.subprocess.Process, signum: int = signal.SIGTERM) -> int:
    """Stop ``process`` (killed if it has not ended after TIMEOUT seconds); its exit code."""
    if process.returncode is None:
        process.send_signal(signum)
        try:
            async with asyncio.timeout(TIMEOUT):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()
    return process.returncode or 0


def free_port() -> int:
    """A loopback port nobody listens on (HAProxy's configuration needs one up front)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class GuideProcess:
    """``mbc-tui serve --proxy-protocol`` on 127.0.0.1, started (and started again on the same
    port) as a process of its own. ``log`` holds what every run of it logged."""

    def __init__(self, key: Path, max_sessions: int, max_per_ip: int) -> None:
        self.key = key
        self.max_sessions = max_sessions
        self.max_per_ip = max_per_ip
        self.port = 0
        self.process: asyncio.subprocess.Process | None = None
        self.stdout: Output | None = None
        self._logs: list[Output] = []

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "mbc_tui", "serve", "--proxy-protocol"),
            *("--host", "127.0.0.1", "--port", str(self.port), "--host-key", str(self.key)),
            *("--max-sessions", str(self.max_sessions), "--max-per-ip", str(self.max_per_ip)),
            *("--spare-sessions", "0"),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        self.stdout = Output(self.process.stdout)
        self._logs.append(Output(self.process.stderr))
        await wait_until(lambda: "Readers connect with" in self.said, 30)
        match = re.search(r"port (\d+)", self.said)
        assert match, self.said
        self.port = int(match.group(1))

    @property
    def said(self) -> str:
        return self.stdout.text if self.stdout else ""

    @property
    def log(self) -> str:
        return "".join(output.text for output in self._logs)

    def address_of(self, user: str) -> str | None:
        """The address this server logged for reader ``user``'s session, if it served them
        (a session it refused, full or over the address's cap, is not served)."""
        match = re.search(rf"\bconnect address=([\d.]+):\d+ user={user} ", self.log)
        refused = rf"\bdisconnect .* user={user} .* reason=(server-full|too-many-from-address)"
        return match.group(1) if match and not re.search(refused, self.log) else None

    def sessions_of(self, users: list[str]) -> list[str]:
        return [user for user in users if self.address_of(user)]

    async def stop(self) -> int:
        return await end(self.process) if self.process else 0


class HAProxy:
    """HAProxy running deploy/haproxy.cfg in the foreground, on loopback ports."""

    def __init__(self, folder: Path, servers: list[GuideProcess]) -> None:
        self.port = free_port()
        self.socket = folder / "haproxy.sock"
        self.servers = servers
        self.process: asyncio.subprocess.Process | None = None
        self.output: Output | None = None

    async def start(self) -> None:
        assert HAPROXY is not None
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "MBC_LISTEN": f"127.0.0.1:{self.port}",
            "MBC_HAPROXY_SOCKET": str(self.socket),
        }
        if os.geteuid() != 0:  # only root can become Debian's haproxy user, as shipped
            environment["MBC_HAPROXY_AS_INVOKER"] = "1"
        for number, server in enumerate(self.servers, 1):
            environment[f"MBC_GUIDE{number}"] = f"127.0.0.1:{server.port}"
            environment[f"MBC_GUIDE{number}_MAX_SESSIONS"] = str(server.max_sessions)
        self.process = await asyncio.create_subprocess_exec(
            HAPROXY,
            *("-f", str(CONFIG), "-db"),
            env=environment,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        self.output = Output(self.process.stdout)

    async def states(self) -> dict[str, str]:
        """Each guide server's state as HAProxy sees it (UP, DOWN, ...), from its admin
        socket; empty until the socket answers."""
        try:
            reader, writer = await asyncio.open_unix_connection(str(self.socket))
        except OSError:
            return {}
        writer.write(b"show stat\n")
        data = (await reader.read()).decode()
        writer.close()
        states = {}
        for line in data.splitlines():
            fields = line.split(",")
            if len(fields) > 17 and fields[0] == "guide_servers" and fields[1] != "BACKEND":
                states[fields[1]] = fields[17]
        return states

    async def wait_for_states(self, wanted: dict[str, str], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while (states := await self.states()) != wanted:
            assert self.process is not None and self.process.returncode is None, self.said
            assert time.monotonic() < deadline, f"HAProxy says {states}, not {wanted}"
            await asyncio.sleep(0.1)

    async def banner_time(self) -> float:
        """Seconds from connecting to HAProxy to a guide server's SSH banner."""
        started = time.monotonic()
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        try:
            async with asyncio.timeout(TIMEOUT):
                banner = await reader.readuntil(b"\n")
        finally:
            writer.close()
        assert banner.startswith(b"SSH-2.0-"), banner
        return time.monotonic() - started

    @property
    def said(self) -> str:
        return self.output.text if self.output else ""

    async def stop(self) -> int:
        return await end(self.process) if self.process else 0


def known_hosts(folder: Path, port: int, key: Path) -> Path:
    """A known_hosts file that names the one shared host key for HAProxy's address."""
    public = asyncssh.read_private_key(str(key)).export_public_key("openssh").decode()
    path = folder / "known_hosts"
    path.write_text(f"[127.0.0.1]:{port} {' '.join(public.split()[:2])}\n")
    return path


class SSHReader:
    """One reader: the real ``ssh -T`` from a loopback ``source`` address, through HAProxy,
    as ``user`` (a name that tells the servers' logs apart). stdin stays open: the reader
    stays until the test closes it."""

    def __init__(self, user: str, source: str) -> None:
        self.user = user
        self.source = source
        self.process: asyncio.subprocess.Process | None = None
        self.stdout: Output | None = None
        self.stderr: Output | None = None

    async def start(self, balancer: HAProxy, trusted: Path) -> SSHReader:
        assert SSH is not None
        self.process = await asyncio.create_subprocess_exec(
            SSH,
            *openssh_options(trusted),
            *("-T", "-b", self.source, "-p", str(balancer.port), f"{self.user}@127.0.0.1"),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(trusted.parent)},
        )
        self.stdout = Output(self.process.stdout)
        self.stderr = Output(self.process.stderr)
        return self

    @property
    def text(self) -> str:
        """Everything the reader was shown (the guide's lines and the server's messages)."""
        return (self.stdout.text if self.stdout else "") + (self.stderr.text if self.stderr else "")

    @property
    def ended(self) -> bool:
        return self.process is not None and self.process.returncode is not None

    async def wait_for(self, text: str) -> None:
        await wait_until(lambda: text in self.text or self.ended)
        if text not in self.text:  # ended: what ssh printed last may still be on its way
            assert self.stdout is not None and self.stderr is not None
            await self.stdout.finished()
            await self.stderr.finished()
            assert text in self.text, f"{self.user} was shown:\n{self.text}"

    async def stop(self) -> None:
        if self.process is not None:
            await end(self.process, signal.SIGKILL)
