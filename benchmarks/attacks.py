"""The server-side attacks of issue 13, against ``mbc-tui serve`` on 127.0.0.1. Prints figures.

    .venv/bin/python benchmarks/attacks.py

Starts the server as its own process (port 0, a throwaway host key, 8 sessions, 3 per
address, a 5 s login time limit, one spare), connects one ordinary reader who presses a key
every 0.3 s throughout, then runs each attack in turn and prints, per attack: whether the
server held it (kept what the attacker made it hold) or refused it, the server process's
memory (RSS and PSS, without its apps) before and after, and the ordinary reader's keystroke
p95 while the attack ran. The PROXY protocol attacks need a server started with
``--proxy-protocol``: a second one, started the same way, runs them.

Loopback only (127.0.0.1, and 127.0.0.2-4 as other attackers' addresses); every attack is
bounded in count and time, and the whole run takes about two minutes. Not a test.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from mbc_tui.ssh.host_key import load_or_create_host_key

sys.path.insert(0, str(Path(__file__).parent))
from ssh_load import (
    FIRST_SCREEN_MARK,
    LoadSession,
    Reader,
    cpu_seconds,
    percentile,
    process_tree,
    pss_kib,
)

HOST = "127.0.0.1"
ATTACKERS = ("127.0.0.2", "127.0.0.3", "127.0.0.4")
LOGIN_TIMEOUT = 5.0
SERVER_OPTIONS = [
    "--max-sessions", "8", "--max-per-ip", "3", "--spare-sessions", "1",
    "--login-timeout", str(LOGIN_TIMEOUT),
    # A process for each app: the attacks that stop an app (SIGSTOP, as the kernel or a
    # debugger could) stop that app alone. Readers sharing a worker (the default, 2 a
    # process) are tested against each other in tests/ssh/test_readers_per_process.py.
    "--readers-per-process", "1",
]  # fmt: skip
CLIENT = {
    "username": "guide",
    "known_hosts": None,
    "client_keys": None,
    "agent_path": None,
    "preferred_auth": "none",
}


@dataclass
class Server:
    process: asyncio.subprocess.Process
    port: int
    log: Path
    bystander_app: int = 0
    """The ordinary reader's app, never an attack's target."""

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_kib(self) -> int:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def apps(self) -> list[int]:
        """The app processes (children of the warm parent), newest last."""
        tree = process_tree(self.pid)
        return sorted(app for helper in tree.get(self.pid, []) for app in tree.get(helper, []))

    def descriptors(self) -> int:
        """File descriptors the server process has open (a connection holds one)."""
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def others(self) -> set[int]:
        """The apps other than the ordinary reader's."""
        return set(self.apps()) - {self.bystander_app}

    def log_lines(self) -> int:
        return len(self.log.read_text().splitlines())


async def start_server(folder: Path, *extra: str) -> Server:
    log = folder / f"server{len(extra)}.log"
    load_or_create_host_key(folder / "host_key")  # --host-key takes a key that exists
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "mbc_tui", "serve", "--port", "0",
        "--host-key", str(folder / "host_key"), *SERVER_OPTIONS, *extra,
        stdout=asyncio.subprocess.PIPE, stderr=log.open("w"),
    )  # fmt: skip
    assert process.stdout is not None
    line = (await process.stdout.readline()).decode()
    match = re.search(r"port (\d+)", line)
    if not match:
        raise SystemExit(f"server did not start: {line!r}")
    await asyncio.sleep(3.0)  # its spare app draws its first screen
    return Server(process, int(match.group(1)), log)


async def stop_server(server: Server) -> None:
    server.process.terminate()
    async with asyncio.timeout(30):
        await server.process.wait()


class Bystander:
    """An ordinary reader who keeps pressing keys: their latency is what an attack costs."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.latencies: list[float] = []
        self.failures = 0
        self._task: asyncio.Task[None] | None = None

    async def _press(self) -> None:
        keys = (b"\x1b[B", b"\x1b[B", b"\x1b[A", b"\x1b[A")
        for index in range(100000):
            try:
                async with asyncio.timeout(10):
                    self.latencies.append(await self.reader.press(keys[index % 4]))
            except TimeoutError:
                self.failures += 1
            await asyncio.sleep(0.3)

    def start(self) -> None:
        self.latencies = []
        self._task = asyncio.create_task(self._press())

    async def stop(self) -> str:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        if not self.latencies:
            return "- (no key in that time)"
        p95 = percentile(self.latencies, 0.95) * 1000
        lost = f", {self.failures} keys unanswered" if self.failures else ""
        return f"{p95:.0f} ms over {len(self.latencies)} keys{lost}"


async def connect(port: int, source: str = HOST, **options: object) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        HOST,
        port,
        local_addr=(source, 0),
        **CLIENT,
        **options,  # type: ignore[arg-type]
    )


async def open_bare_session(conn: asyncssh.SSHClientConnection) -> None:
    """A ``session`` channel that is never started (asyncssh's own client always starts it)."""
    chan: asyncssh.SSHClientChannel[bytes] = asyncssh.SSHClientChannel(
        conn, asyncio.get_running_loop(), False, None, "strict", 2**21, 32768
    )
    await chan._open(b"session")


# --- the attacks: each returns its verdict in a few words ------------------------------


async def many_channels(server: Server) -> str:
    """2,000 ``session`` channels, never started, on 20 connections; then all disconnect."""
    opened = refused = 0
    conns = []
    for number in range(20):
        conn = await connect(server.port, ATTACKERS[number % 3])
        conns.append(conn)
        for _ in range(100):
            try:
                await open_bare_session(conn)
                opened += 1
            except asyncssh.ChannelOpenError:
                refused += 1
        if number % 3 == 2:  # the per-address cap: let these go before the next three
            for held in conns:
                held.close()
            conns = []
    for conn in conns:
        conn.close()
    await asyncio.sleep(1.0)
    verdict = "refused" if refused >= 1900 else "held"
    return f"{verdict}: {opened} opened, {refused} refused"


async def idle_logins(server: Server) -> str:
    """Log in from three addresses, open no session, stay."""
    conns = []
    for number in range(16):
        with contextlib.suppress(asyncssh.Error, OSError):
            conns.append(await connect(server.port, ATTACKERS[number % 3]))
    started = time.monotonic()
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(LOGIN_TIMEOUT + 5):
            await asyncio.gather(*(conn.wait_closed() for conn in conns))
    still_open = sum(not conn.is_closed() for conn in conns)
    for conn in conns:
        conn.close()
    verdict = "refused" if not still_open else "held"
    return (
        f"{verdict}: {len(conns)} logged in, closed after {time.monotonic() - started:.1f} s,"
        f" {still_open} still open"
    )


async def silent_connections(server: Server) -> str:
    """Three addresses keep 16 TCP connections open and say nothing; can others get in?"""
    loop = asyncio.get_running_loop()
    socks: list[socket.socket] = []
    for attempt in range(40):
        sock = socket.socket()
        sock.setblocking(False)
        sock.bind((ATTACKERS[attempt % 3], 0))
        await loop.sock_connect(sock, (HOST, server.port))
        socks.append(sock)
    await asyncio.sleep(0.5)
    held = sum(_still_open(sock) for sock in socks)
    tries = 0
    while tries < 20:
        tries += 1
        try:
            conn = await connect(server.port)
        except asyncssh.DisconnectError:
            continue
        conn.close()
        break
    for sock in socks:
        sock.close()
    verdict = "refused" if tries < 20 else "held"
    return f"{verdict}: {held} of 40 held; another reader got in at try {tries}"


def _still_open(sock: socket.socket) -> bool:
    try:
        while sock.recv(65536):
            pass
        return False
    except BlockingIOError:
        return True
    except OSError:
        return False


async def stopped_app(server: Server) -> str:
    """SIGSTOP a reader's app and type 1 MB into it."""
    conn = await connect(server.port, ATTACKERS[0])
    chan, _session = await conn.create_session(
        asyncssh.SSHClientSession, term_type="xterm-256color", term_size=(80, 24), encoding=None
    )
    await asyncio.sleep(1.5)
    app = min(server.others())  # the spare it took (or its own app), not the next spare
    os.kill(app, signal.SIGSTOP)
    before = server.rss_kib()
    chan.write(b"j" * 1048576)
    await asyncio.sleep(3.0)
    grown = server.rss_kib() - before
    sent = 1048576 - chan.get_write_buffer_size()
    os.kill(app, signal.SIGCONT)
    conn.close()
    verdict = "refused" if sent < 512 * 1024 else "held"
    return f"{verdict}: the server took {sent // 1024} KB of 1024 KB typed (+{grown} KB RSS)"


async def stopped_spare(server: Server) -> str:
    """SIGSTOP every spare app; does the next reader wait forever?"""
    await asyncio.sleep(3.0)  # the last attack's app has ended; the spares are drawn
    spares = server.others()
    for spare in spares:
        os.kill(spare, signal.SIGSTOP)
    reader = Reader(server.port)
    try:
        async with asyncio.timeout(15):
            seconds = await reader.open()
        verdict = f"refused: the next reader saw the guide in {seconds:.2f} s"
    except TimeoutError:
        verdict = "held: the next reader waited 15 s for nothing"
    reader.close()
    for spare in spares:
        with contextlib.suppress(ProcessLookupError):
            os.kill(spare, signal.SIGCONT)
    ended = server.log.read_text().count(" not responding; ended")
    return f"{verdict}; {ended} stopped spare(s) of {len(spares)} found and ended (logged)"


async def refused_commands(server: Server) -> str:
    """300 refused commands from one address: how many log lines?"""
    before = server.log_lines()
    for _ in range(300):
        with contextlib.suppress(asyncssh.Error, OSError):
            conn = await connect(server.port, ATTACKERS[1])
            await conn.run("ls")
            conn.close()
    await asyncio.sleep(0.5)
    lines = server.log_lines() - before
    verdict = "refused" if lines < 100 else "held"
    return f"{verdict}: {lines} log lines for 300 commands"


async def banner(server: Server) -> str:
    reader, writer = await asyncio.open_connection(HOST, server.port)
    line = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    verdict = "held" if b"AsyncSSH" in line else "refused"
    return f"{verdict}: banner {line.strip().decode()!r}"


async def half_open_headers(server: Server) -> str:
    """1,000 connections that send part of a PROXY header, for 3 s."""
    loop = asyncio.get_running_loop()
    fds_before = server.descriptors()
    socks = []
    for _ in range(1000):
        sock = socket.socket()
        sock.setblocking(False)
        await loop.sock_connect(sock, (HOST, server.port))
        await loop.sock_sendall(sock, b"PROXY TCP4")
        socks.append(sock)
    cpu_before = cpu_seconds(server.pid)
    await asyncio.sleep(3.0)
    cpu = (cpu_seconds(server.pid) - cpu_before) / 3.0
    held = server.descriptors() - fds_before
    for sock in socks:
        sock.close()
    verdict = "refused" if held < 100 else "held"
    return f"{verdict}: the server holds {held} of 1000, its CPU {cpu:.0%} meanwhile"


async def forged_headers(server: Server) -> str:
    """PROXY v1 headers with a scope id, '+5' and '1_0' ports: all must be dropped."""
    accepted = 0
    for header in (
        b"PROXY TCP6 fe80::1%x\nforged ::1 5 22\r\n",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 +5 22\r\n",
        b"PROXY TCP4 203.0.113.7 10.0.0.1 1_0 22\r\n",
    ):
        reader, writer = await asyncio.open_connection(HOST, server.port)
        writer.write(header + b"SSH-2.0-attack\r\n")
        with contextlib.suppress(TimeoutError, OSError):
            if await asyncio.wait_for(reader.readline(), 3):
                accepted += 1
        writer.close()
    verdict = "refused" if not accepted else "held"
    return f"{verdict}: {accepted} of 3 forged headers accepted"


Attack = Callable[[Server], Awaitable[str]]

PLAIN: list[tuple[str, Attack]] = [
    ("2,000 unstarted session channels", many_channels),
    ("log in, open no session, stay", idle_logins),
    ("40 silent TCP connections", silent_connections),
    ("SIGSTOP an app, type 1 MB", stopped_app),
    ("SIGSTOP the spare", stopped_spare),
    ("300 refused commands (log volume)", refused_commands),
    ("the banner", banner),
]
PROXIED: list[tuple[str, Attack]] = [
    ("1,000 half-open PROXY headers", half_open_headers),
    ("forged PROXY v1 headers", forged_headers),
]


async def run(server: Server, attacks: list[tuple[str, Attack]], reader: Reader) -> None:
    bystander = Bystander(reader)
    for name, attack in attacks:
        rss, pss = server.rss_kib(), pss_kib(server.pid)
        bystander.start()
        try:
            async with asyncio.timeout(60):
                verdict = await attack(server)
        except Exception as error:  # a failure is a figure, not a crash
            verdict = f"error: {type(error).__name__}: {error}"
        p95 = await bystander.stop()
        print(f"{name}\n  {verdict}")
        print(
            f"  server RSS {rss / 1024:.1f} -> {server.rss_kib() / 1024:.1f} MB, "
            f"PSS {pss / 1024:.1f} -> {pss_kib(server.pid) / 1024:.1f} MB; "
            f"another reader's keystroke p95 {p95}",
            flush=True,
        )
    reader.close()


async def proxied_reader(port: int) -> Reader:
    """An ordinary reader of a ``--proxy-protocol`` server, behind its own PROXY header."""
    sock = socket.create_connection((HOST, port))
    sock.sendall(b"PROXY TCP4 198.51.100.1 127.0.0.1 40000 22\r\n")
    reader = Reader(port)
    reader.conn = await asyncssh.connect(host=HOST, sock=sock, **CLIENT)  # type: ignore[arg-type]
    reader.chan, reader.session = await reader.conn.create_session(
        LoadSession, term_type="xterm-256color", term_size=(80, 24), encoding=None
    )
    while FIRST_SCREEN_MARK not in reader.session.received:
        reader.session.arrived.clear()
        await reader.session.arrived.wait()
    return reader


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for extra, attacks in (((), PLAIN), (("--proxy-protocol",), PROXIED)):
            server = await start_server(Path(folder), *extra)
            try:
                print(f"--- server {' '.join(SERVER_OPTIONS + list(extra))}", flush=True)
                if extra:
                    reader = await proxied_reader(server.port)
                else:
                    reader = Reader(server.port)
                    await reader.open()
                    server.bystander_app = min(server.apps())  # it took the first spare
                await run(server, attacks, reader)
            finally:
                await stop_server(server)


if __name__ == "__main__":
    asyncio.run(main())
