"""The SSH server: listens, refuses everything but a guide session, caps and shuts down.

No shell, no commands, no file transfer, no forwarding of any kind. Each accepted session
is a :class:`~mbc_tui.ssh.session.GuideSession` with its own app process.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections import Counter
from collections.abc import Coroutine
from typing import Any

import asyncssh

from mbc_tui.ssh import messages, proxy_protocol, spawner
from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.host_key import fingerprint, load_or_create_host_key
from mbc_tui.ssh.limits import SessionLimits
from mbc_tui.ssh.proxy_protocol import Address, ProxyProtocolError
from mbc_tui.ssh.session import Ending, GuideSession, printable, spare_template
from mbc_tui.ssh.spares import SpareApps

log = logging.getLogger("mbc_tui.ssh")

CONNECTIONS_PER_SESSION = 2

SIGNATURE_ALGORITHMS = (
    "ssh-ed25519",
    "sk-ssh-ed25519@openssh.com",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "rsa-sha2-512",
    "rsa-sha2-256",
)
"""The public key signatures the server accepts, each named once. Sent to every client at
login (``server-sig-algs``): asyncssh's default list names most algorithms twice and some
that no current client uses (about 1 KB, 0.13 s on a 64 kbit/s line)."""


class _Connection(asyncssh.SSHServer):
    """One client connection: authentication and what it may open (only sessions)."""

    def __init__(self, server: GuideServer, client: Address | None = None) -> None:
        self._server = server
        self._conn: asyncssh.SSHServerConnection | None = None
        self._client = client
        """The real client, when a load balancer named it (PROXY protocol)."""
        self._address = "?"
        self._port = 0
        self._user = ""
        self._sessions = 0
        self._refused = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = self._client or conn.get_extra_info("peername") or ("?", 0)
        self._address, self._port = str(peer[0]), int(peer[1])
        if not self._server.room_for_connection(self._address):
            # Before login, no session can show a message: the disconnect reason is shown.
            self._refused = True
            asyncio.get_running_loop().call_soon(
                conn.disconnect, asyncssh.DISC_TOO_MANY_CONNECTIONS, messages.TOO_MANY_CONNECTIONS
            )
            return
        self._server.connections.add(conn)
        self._server.connections_by_address[self._address] += 1

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None and self._conn in self._server.connections:
            self._server.connections.discard(self._conn)
            self._server.connections_by_address[self._address] -= 1
            if self._server.connections_by_address[self._address] <= 0:
                del self._server.connections_by_address[self._address]
        if self._sessions == 0:  # sessions log their own lines; this covers the rest
            reason = "no session" if exc is None else " ".join(str(exc).split())
            if self._refused:
                reason = "too many connections"
            log.info(
                "disconnect address=%s:%d user=%s reason=%s",
                self._address,
                self._port,
                printable(self._user),
                reason.replace(" ", "-") or "-",
            )

    def begin_auth(self, username: str) -> bool:
        self._user = username
        return self._server.config.auth == "keys"

    def public_key_auth_supported(self) -> bool:
        return self._server.config.auth == "keys"

    def session_requested(self) -> GuideSession:
        self._sessions += 1
        session = GuideSession(self._server, self._address, self._port, self._user)
        self._server.sessions.add(session)
        session.done.add_done_callback(lambda _: self._server.sessions.discard(session))
        return session

    def connection_requested(self, *args: object) -> bool:
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, messages.NO_FORWARDING
        )

    def unix_connection_requested(self, *args: object) -> bool:
        raise asyncssh.ChannelOpenError(
            asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, messages.NO_FORWARDING
        )

    def server_requested(self, *args: object) -> bool:
        return False

    def unix_server_requested(self, *args: object) -> bool:
        return False


class GuideServer:
    """The running server. ``await start()``, then ``await stop()`` (or ``serve_forever``)."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.limits = SessionLimits(config.max_sessions, config.max_per_ip)
        self.spares = SpareApps(
            config.spares, config.max_sessions, self._room_for_spares, spare_template(config)
        )
        self.sessions: set[GuideSession] = set()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.connections_by_address: Counter[str] = Counter()
        self.host_key = load_or_create_host_key(config.host_key)
        self.fingerprint = fingerprint(self.host_key)
        self.port = config.port
        self._acceptor: asyncssh.SSHAcceptor | None = None
        self._listener: socket.socket | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._handshakes: set[asyncio.Task[None]] = set()
        self._accept_task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        # The warm parent must be ready before readers arrive: starting an app blocks
        # until it is. Its start-up is slow (seconds), so wait for it in a thread.
        await asyncio.get_running_loop().run_in_executor(None, spawner.warm_up)
        options: dict[str, Any] = {
            "server_host_keys": [self.host_key],
            "line_editor": False,
            "encoding": None,
            "agent_forwarding": False,
            "x11_forwarding": False,
            "allow_scp": False,
            "password_auth": False,
            "kbdint_auth": False,
            "signature_algs": list(SIGNATURE_ALGORITHMS),
            "login_timeout": self.config.login_timeout,
            "keepalive_interval": self.config.keepalive_interval,
            "keepalive_count_max": self.config.keepalive_count_max,
        }
        if self.config.auth == "keys":
            options["authorized_client_keys"] = str(self.config.authorized_keys)
        if self.config.proxy_protocol:
            family = socket.AF_INET6 if ":" in self.config.host else socket.AF_INET
            listener = socket.create_server(
                (self.config.host, self.config.port), family=family, backlog=128
            )
            listener.setblocking(False)
            self._listener = listener
            self.port = listener.getsockname()[1]
            self._accept_task = asyncio.create_task(self._accept_proxied(listener, options))
            self.spares.start()
            return
        self._acceptor = await asyncssh.create_server(
            lambda: _Connection(self), self.config.host, self.config.port, **options
        )
        self.port = self._acceptor.get_port()
        self.spares.start()

    async def _accept_proxied(self, listener: socket.socket, options: dict[str, Any]) -> None:
        """Behind a load balancer: read each connection's PROXY header, then speak SSH."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                sock, peer = await loop.sock_accept(listener)
            except OSError:  # the listener was closed: shutting down
                return
            task = asyncio.create_task(self._start_proxied(sock, (peer[0], peer[1]), options))
            self._handshakes.add(task)
            task.add_done_callback(self._handshakes.discard)

    async def _start_proxied(
        self, sock: socket.socket, peer: Address, options: dict[str, Any]
    ) -> None:
        try:
            async with asyncio.timeout(self.config.login_timeout):
                client = await proxy_protocol.read_header(sock)
        except (ProxyProtocolError, TimeoutError, OSError) as error:
            reason = str(error) or type(error).__name__
            log.info("refused address=%s:%d reason=%s", *peer, reason.replace(" ", "-"))
            sock.close()
            return
        with contextlib.suppress(asyncssh.Error, OSError, TimeoutError):
            # Failures before login are logged by _Connection.connection_lost.
            await asyncssh.run_server(
                sock, server_factory=lambda: _Connection(self, client or peer), **options
            )

    def _room_for_spares(self) -> int:
        """App processes the server may still start: spares count against the cap too."""
        return self.config.max_sessions - self.limits.open_sessions - len(self.spares)

    def make_room_for_app(self) -> None:
        """A reader was admitted and needs an app of their own: if spares (of another
        kind) fill the cap, one of them makes way."""
        if self._room_for_spares() < 0:
            self.spares.make_room()

    def room_for_connection(self, address: str) -> bool:
        """Connections (logged in or not) are capped at twice the session caps, so that
        connections that never log in cannot crowd out readers."""
        return (
            len(self.connections) < CONNECTIONS_PER_SESSION * self.config.max_sessions
            and self.connections_by_address[address]
            < CONNECTIONS_PER_SESSION * self.config.max_per_ip
        )

    def track(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        """A session's task has ended: a failure is logged in one line, never left as an
        exception nobody retrieved."""
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("session task failed: %s: %s", type(error).__name__, error)

    async def stop(self) -> None:
        """Stop listening, say goodbye to every session, end their apps, close connections."""
        if self._acceptor is not None:
            self._acceptor.close()
        if self._accept_task is not None:
            self._accept_task.cancel()
        if self._listener is not None:
            self._listener.close()
        for handshake in list(self._handshakes):
            handshake.cancel()
        await self.spares.stop()
        goodbye = Ending("server shutdown", messages.SHUTDOWN_GOODBYE)
        for session in list(self.sessions):
            session.finish(goodbye)
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=self.config.stop_grace + 10)
        # A client whose session has ended closes its connection itself, after printing the
        # goodbye; closing it from here first can lose that last line. Then close the rest.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wait_connections_closed(), self.config.close_wait)
        for conn in list(self.connections):
            conn.close()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wait_connections_closed(), 5)
        if self._acceptor is not None:
            await self._acceptor.wait_closed()

    async def _wait_connections_closed(self) -> None:
        while self.connections:
            await asyncio.sleep(0.02)
