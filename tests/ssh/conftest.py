"""An in-process SSH server on 127.0.0.1 (port 0, throwaway key) and a reader's client."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import asyncssh
import pyte
import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.process_watch import alive
from mbc_tui.ssh.server import GuideServer
from mbc_tui.ssh.spawner import AppProcess
from tests.conftest import wait_until

TIMEOUT = 15.0
"""Upper bound for anything a test waits for (the first screen takes well under a second)."""


class ReaderSession(asyncssh.SSHClientSession[bytes]):
    """What a reader's terminal shows: every byte from the server goes into a pyte screen."""

    def __init__(self, columns: int, rows: int) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.stderr = bytearray()
        self.changed = asyncio.Event()
        self.closed = asyncio.Event()
        self.exit_status: int | None = None

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if datatype == asyncssh.EXTENDED_DATA_STDERR:
            self.stderr += data
        else:
            self.raw += data
            self.stream.feed(data)
        self.changed.set()

    def exit_status_received(self, status: int) -> None:
        self.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()
        self.changed.set()


class Reader:
    """One reader connected over SSH with a pty, reading the screen as text."""

    def __init__(
        self,
        conn: asyncssh.SSHClientConnection,
        chan: asyncssh.SSHClientChannel[bytes],
        session: ReaderSession,
    ) -> None:
        self.conn = conn
        self.chan = chan
        self.session = session

    @property
    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.session.screen.display)

    async def wait_for(
        self, predicate: Callable[[str], bool] | str, timeout: float = TIMEOUT
    ) -> str:
        check = (lambda text: predicate in text) if isinstance(predicate, str) else predicate
        try:
            async with asyncio.timeout(timeout):
                while not check(self.text):
                    self.session.changed.clear()
                    if self.session.closed.is_set():
                        raise AssertionError(f"session closed; screen was:\n{self.text}")
                    await self.session.changed.wait()
        except TimeoutError:
            raise AssertionError(f"not seen within {timeout} s; screen was:\n{self.text}") from None
        return self.text

    async def wait_closed(self, timeout: float = TIMEOUT) -> None:
        async with asyncio.timeout(timeout):
            await self.session.closed.wait()

    def press(self, keys: str | bytes) -> None:
        self.chan.write(keys.encode() if isinstance(keys, str) else keys)

    def resize(self, columns: int, rows: int) -> None:
        self.session.screen.resize(rows, columns)
        self.chan.change_terminal_size(columns, rows)

    def close(self) -> None:
        self.conn.close()


ConnectReader = Callable[..., Awaitable[Reader]]
StartServer = Callable[[ServeConfig], Awaitable[GuideServer]]


@pytest.fixture
def serve_config(tmp_path: Path) -> ServeConfig:
    # No spare apps unless a test asks for them (tests/ssh/test_spares.py): each test's
    # server would start them, and the tests here count processes.
    return ServeConfig(
        host_key=tmp_path / "host_key",
        host="127.0.0.1",
        port=0,
        stop_grace=1.0,
        close_wait=0.2,
        spare_sessions=0,
    )


@pytest.fixture
async def start_server() -> AsyncIterator[Callable[[ServeConfig], Awaitable[GuideServer]]]:
    servers: list[GuideServer] = []

    async def start(config: ServeConfig) -> GuideServer:
        server = GuideServer(config)
        await server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.stop()


@pytest.fixture
async def server(
    serve_config: ServeConfig, start_server: Callable[[ServeConfig], Awaitable[GuideServer]]
) -> GuideServer:
    return await start_server(serve_config)


async def ssh_connect(
    port: int | None, user: str = "guide", **options: object
) -> asyncssh.SSHClientConnection:
    """An asyncssh client connection to 127.0.0.1 as a public guide's reader: no host key
    check, no keys, no agent, no password."""
    arguments: dict[str, object] = {
        "username": user,
        "known_hosts": None,
        "client_keys": None,
        "agent_path": None,
        "preferred_auth": "none",
        **options,
    }
    if port is None:  # over a socket given in options
        return await asyncssh.connect(host="127.0.0.1", **arguments)  # type: ignore[arg-type]
    return await asyncssh.connect("127.0.0.1", port, **arguments)  # type: ignore[arg-type]


@pytest.fixture
async def connect() -> AsyncIterator[Callable[..., Awaitable[Reader]]]:
    readers: list[Reader] = []

    async def open_reader(
        server: GuideServer,
        user: str = "guide",
        columns: int = 80,
        rows: int = 24,
        term: str | None = "xterm-256color",
        command: str | None = None,
        subsystem: str | None = None,
        window: int | None = None,
    ) -> Reader:
        conn = await ssh_connect(server.port, user)
        options: dict[str, object] = {"encoding": None}
        if window is not None:  # bytes the server may send ahead of what the reader reads
            options["window"] = window
        if term is not None:
            options.update(term_type=term, term_size=(columns, rows))
        chan, session = await conn.create_session(
            lambda: ReaderSession(columns, rows), command=command, subsystem=subsystem, **options
        )
        reader = Reader(conn, chan, session)
        readers.append(reader)
        return reader

    yield open_reader
    for reader in readers:
        reader.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(reader.conn.wait_closed(), 5)


def process_exists(pid: int) -> bool:
    """True while the process exists and is not a zombie."""
    return alive(pid)


async def open_guide(conn: asyncssh.SSHClientConnection) -> ReaderSession:
    """Open a session with an 80x24 pty on ``conn`` and wait for the guide's first screen."""
    _chan, session = await conn.create_session(
        lambda: ReaderSession(80, 24), term_type="xterm", term_size=(80, 24), encoding=None
    )
    async with asyncio.timeout(TIMEOUT):
        while "q Quit" not in "\n".join(session.screen.display):
            session.changed.clear()
            await session.changed.wait()
    return session


def spare_pids(server: GuideServer) -> set[int]:
    """The processes of the spare apps (with several readers a process, a spare's process
    is its worker's)."""
    return {app.pid for app in spare_apps(server)}


def session_pids(server: GuideServer) -> set[int]:
    """The processes of the readers' apps (see :func:`spare_pids`)."""
    return {app.pid for app in session_apps(server)}


def spare_apps(server: GuideServer) -> set[AppProcess]:
    """The spare apps, each in a process of its own or in a worker."""
    return {app for apps in server.spares._spares.values() for app in apps}


def session_apps(server: GuideServer) -> set[AppProcess]:
    """The readers' apps, each in a process of its own or in a worker."""
    return {s._app for s in server.sessions if s._app is not None}


async def spares_ready(server: GuideServer, count: int) -> None:
    """Wait until ``count`` spares have been started and have drawn their first screen."""
    await wait_until(lambda: len(server.spares) == count)
    for apps in list(server.spares._spares.values()):
        for app in apps:
            await asyncio.wait_for(asyncio.shield(app.ready()), 15)


SSH = shutil.which("ssh")
"""The real OpenSSH client (Debian's openssh-client), if installed."""


def openssh_command(server: GuideServer, folder: Path, *arguments: str) -> list[str]:
    """The OpenSSH client's command line for ``server``, trusting its host key (a
    known_hosts file written in ``folder``), with no agent, no config and no prompts."""
    assert SSH is not None
    known_hosts = folder / "known_hosts"
    public_key = server.host_key.export_public_key("openssh").decode().split()[:2]
    known_hosts.write_text(f"[127.0.0.1]:{server.port} {' '.join(public_key)}\n")
    return [SSH, *openssh_options(known_hosts), "-p", str(server.port), *arguments]


def openssh_options(known_hosts: Path) -> list[str]:
    """The OpenSSH client's options for a test: no config, no agent, no prompts, and no host
    key but the one in ``known_hosts`` (any other is refused)."""
    return [
        "-F",
        "/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        f"UserKnownHostsFile={known_hosts}",
        "-o",
        "GlobalKnownHostsFile=/dev/null",
        "-o",
        "IdentityAgent=none",
        "-o",
        "LogLevel=ERROR",
    ]


@pytest.fixture(autouse=True)
async def no_unhandled_task_errors() -> AsyncIterator[None]:
    """Fail a test in which any task of the server died with an exception nobody handled
    ("Task exception was never retrieved") or the loop reported an error."""
    loop = asyncio.get_running_loop()
    reported: list[dict[str, object]] = []
    previous = loop.get_exception_handler()
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    try:
        yield
        gc.collect()  # an unretrieved task exception is reported when the task is freed
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(previous)
    assert not reported, [str(context.get("message")) for context in reported]
