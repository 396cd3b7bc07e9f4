"""The SSH server: listens, refuses everything but a guide session, caps and shuts down.

No shell, no commands, no file transfer, no forwarding of any kind. Each accepted session
is a :class:`~mbc_tui.ssh.session.GuideSession` with its own app process.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import random
import socket
from collections import Counter
from collections.abc import Coroutine
from typing import Any

import asyncssh

from mbc_tui.ssh import messages, proxy_protocol, spawner
from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.health_checks import HealthChecks
from mbc_tui.ssh.host_key import fingerprint, load_or_create_host_key
from mbc_tui.ssh.limits import SessionLimits, address_key
from mbc_tui.ssh.log_limit import LogRateLimit
from mbc_tui.ssh.proxy_protocol import Address, ProxyProtocolError
from mbc_tui.ssh.session import Ending, GuideSession, log_token, printable, spare_template
from mbc_tui.ssh.spares import SpareApps
from mbc_tui.ssh.spawner import AppProcess, AppRequest
from mbc_tui.ssh.workers import PooledApp, WorkerPool

log = logging.getLogger("mbc_tui.ssh")

CONNECTIONS_PER_SESSION = 2
"""Connections one address may hold, per session it may open (``--max-per-ip``)."""

SERVER_VERSION = "mbc-tui"
"""What the server calls itself in its SSH banner: never the SSH library and its version."""

SESSION_WINDOW = 65536
"""Bytes a client may send on a session before the server reads them (the SSH window).
With ``max_pending_input``, what one reader's input can make the server hold."""

ACCEPT_ERRORS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
"""accept() failures that pass once other connections close: wait and retry."""

ACCEPT_RETRY_MAX = 1.0
"""At most this long between accept() retries while out of file descriptors."""

LOG_SWEEP_EVERY = 10.0
"""Seconds between reports of log lines held back (``log_lines_per_minute``)."""

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
    """One client connection: authentication and what it may open (one session at a time).

    Until its session starts it counts as a startup (:class:`Startups`), and it has
    ``login_timeout`` seconds to get there: to log in and start a session. Once its session
    has ended, it has that long again to start another, or it is closed."""

    def __init__(
        self, server: GuideServer, client: Address | None = None, balancer: bool = False
    ) -> None:
        self._server = server
        self._conn: asyncssh.SSHServerConnection | None = None
        self._client = client
        """The real client, when a load balancer named it (PROXY protocol)."""
        self._balancer = balancer
        """The balancer's own connection (its PROXY header named no client): a health check
        unless it logs in."""
        self._address = "?"
        self._port = 0
        self._user = ""
        self._sessions = 0
        """Sessions opened on this connection (each logs its own lines)."""
        self._session: GuideSession | None = None
        """The session open now: there is never more than one."""
        self._reason = ""
        """Why the server closed this connection itself, for the log."""
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = self._client or conn.get_extra_info("peername") or ("?", 0)
        self._address, self._port = str(peer[0]), int(peer[1])
        refusal = self._server.admit_connection(self._address)
        if refusal is not None:
            # Before login, no session can show a message: the disconnect reason is shown.
            self._reason = refusal
            asyncio.get_running_loop().call_soon(
                conn.disconnect, asyncssh.DISC_TOO_MANY_CONNECTIONS, messages.TOO_MANY_CONNECTIONS
            )
            return
        self._server.connections.add(conn)
        self._server.connections_by_address[address_key(self._address)] += 1
        self._server.unstarted.add(self)
        self._start_timer()

    def _start_timer(self) -> None:
        self._timer = asyncio.get_running_loop().call_later(
            self._server.config.login_timeout, self._no_session_in_time
        )

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _no_session_in_time(self) -> None:
        self._timer = None
        if self._conn is not None:  # the timer runs only while no session has started
            self._reason = "no session in time"
            self._conn.disconnect(asyncssh.DISC_BY_APPLICATION, messages.NO_SESSION_IN_TIME)

    def _session_started(self) -> None:
        self._stop_timer()
        self._server.unstarted.discard(self)

    def _session_done(self) -> None:
        self._session = None
        if self._conn in self._server.connections and self._timer is None:
            self._start_timer()  # a client that stays after its session ended is timed too

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timer()
        self._server.unstarted.discard(self)
        if self._conn is not None and self._conn in self._server.connections:
            self._server.connections.discard(self._conn)
            key = address_key(self._address)
            self._server.connections_by_address[key] -= 1
            if self._server.connections_by_address[key] <= 0:
                del self._server.connections_by_address[key]
        if self._balancer and not self._user and not self._reason:
            self._server.health_check(self._address)
        elif self._sessions == 0 or self._reason:  # sessions log their own lines
            reason = self._reason or ("no session" if exc is None else " ".join(str(exc).split()))
            self._server.log_for(
                self._address,
                "disconnect address=%s:%d user=%s reason=%s",
                self._address,
                self._port,
                printable(self._user),
                log_token(reason),
            )

    def begin_auth(self, username: str) -> bool:
        self._user = username
        return self._server.config.auth == "keys"

    def public_key_auth_supported(self) -> bool:
        return self._server.config.auth == "keys"

    def session_requested(self) -> GuideSession:
        if self._session is not None:  # each would hold memory in the server: one at a time
            raise asyncssh.ChannelOpenError(
                asyncssh.OPEN_ADMINISTRATIVELY_PROHIBITED, messages.ONE_SESSION
            )
        self._sessions += 1
        session = GuideSession(self._server, self._address, self._port, self._user)
        self._session = session
        self._server.sessions.add(session)
        session.started.add_done_callback(lambda _: self._session_started())
        session.done.add_done_callback(lambda _: self._server.sessions.discard(session))
        session.done.add_done_callback(lambda _: self._session_done())
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
        self.workers = (
            WorkerPool(config.readers_per_process) if config.readers_per_process > 1 else None
        )
        self.spares = SpareApps(
            config.spares,
            config.max_sessions,
            self._room_for_spares,
            spare_template(config),
            self.start_app,
        )
        self.sessions: set[GuideSession] = set()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.connections_by_address: Counter[str] = Counter()
        """Open connections per address (an IPv6 /64: see ``address_key``)."""
        self.unstarted: set[_Connection] = set()
        """Connections that have not started a session (logging in, or silent)."""
        self.half_open: Counter[str] = Counter()
        """Behind a load balancer: connections whose PROXY header is still arriving."""
        self.log_limit = LogRateLimit(config.log_lines_per_minute)
        self.draw = random.random
        """Random numbers in [0, 1) for early drops (``Startups``)."""
        self._log_sweeper: asyncio.Task[None] | None = None
        self.health_checks = HealthChecks()
        self.host_key = load_or_create_host_key(config.host_key, create=config.create_host_key)
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
            "server_version": SERVER_VERSION,
            "window": SESSION_WINDOW,
            "keepalive_interval": self.config.keepalive_interval,
            "keepalive_count_max": self.config.keepalive_count_max,
        }
        if self.config.auth == "keys":
            options["authorized_client_keys"] = str(self.config.authorized_keys)
        self._log_sweeper = asyncio.create_task(self._sweep_logs())
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
        """Behind a load balancer: read each connection's PROXY header, then speak SSH.
        Out of file descriptors, it waits and tries again (logged once), never stops."""
        loop = asyncio.get_running_loop()
        retry_in = 0.0
        while True:
            try:
                sock, peer = await loop.sock_accept(listener)
            except OSError as error:
                if error.errno not in ACCEPT_ERRORS:
                    return  # the listener was closed: shutting down
                if not retry_in:
                    log.error("cannot accept connections: %s; retrying", error.strerror)
                retry_in = min(ACCEPT_RETRY_MAX, retry_in * 2 or 0.05)
                await asyncio.sleep(retry_in)
                continue
            if retry_in:
                log.info("accepting connections again")
                retry_in = 0.0
            if not self._admit_header(peer[0]):
                self.log_for(
                    peer[0], "refused address=%s:%d reason=too-many-half-open", peer[0], peer[1]
                )
                sock.close()
                continue
            task = asyncio.create_task(self._start_proxied(sock, (peer[0], peer[1]), options))
            self._handshakes.add(task)
            task.add_done_callback(self._handshakes.discard)

    def _admit_header(self, address: str) -> bool:
        """Room for one more connection whose PROXY header is still arriving: as many as
        connections may be starting in all, ``2 x --max-per-ip`` from one address."""
        return (
            self.half_open.total() < self.config.startups.full
            and self.half_open[address_key(address)]
            < CONNECTIONS_PER_SESSION * self.config.max_per_ip
        )

    async def _start_proxied(
        self, sock: socket.socket, peer: Address, options: dict[str, Any]
    ) -> None:
        key = address_key(peer[0])
        self.half_open[key] += 1
        try:
            async with asyncio.timeout(self.config.proxy_header_timeout):
                client = await proxy_protocol.read_header(sock)
        except (ProxyProtocolError, TimeoutError, OSError) as error:
            reason = log_token(str(error) or type(error).__name__)
            self.log_for(peer[0], "refused address=%s:%d reason=%s", *peer, reason)
            sock.close()
            return
        finally:
            self.half_open[key] -= 1
            if self.half_open[key] <= 0:
                del self.half_open[key]
        with contextlib.suppress(asyncssh.Error, OSError, TimeoutError):
            # Failures before login are logged by _Connection.connection_lost.
            await asyncssh.run_server(
                sock,
                server_factory=lambda: _Connection(self, client or peer, client is None),
                **options,
            )

    def health_check(self, balancer: str) -> None:
        """The balancer checked this server: counted, logged now and then (never each)."""
        line = self.health_checks.seen(balancer)
        if line is not None:
            log.info(line)

    def _room_for_spares(self) -> int:
        """App processes the server may still start: spares count against the cap too."""
        return self.config.max_sessions - self.limits.open_sessions - len(self.spares)

    def start_app(self, request: AppRequest) -> AppProcess:
        """A reader's app (or a spare): in a worker with ``--readers-per-process`` above 1
        (line mode always has a process of its own), else in a process of its own."""
        if self.workers is not None and not request.line_mode:
            return PooledApp(request, self.workers)
        return AppProcess(request)

    def make_room_for_app(self) -> None:
        """A reader was admitted and needs an app of their own: if spares (of another
        kind) fill the cap, one of them makes way."""
        if self._room_for_spares() < 0:
            self.spares.make_room()

    def admit_connection(self, address: str) -> str | None:
        """None if a new connection from ``address`` may log in, else why not (for the log).
        Per address, connections are capped at twice its session cap; connections that have
        not started a session are capped as OpenSSH's MaxStartups does (``Startups``), so
        that connections that never log in cannot crowd out readers."""
        if (
            self.connections_by_address[address_key(address)]
            >= CONNECTIONS_PER_SESSION * self.config.max_per_ip
        ):
            return "too many connections from address"
        if not self.config.startups.admit(len(self.unstarted), self.draw()):
            return "too many connections starting"
        if len(self.connections) >= self.config.max_sessions + self.config.startups.full:
            return "too many connections"
        return None

    def log_for(self, address: str, message: str, *args: object) -> None:
        """A log line caused by a client: at most ``log_lines_per_minute`` a minute from one
        address (its /64 for IPv6); the rest are counted and reported in one line."""
        if self.log_limit.allow(address_key(address)):
            log.info(message, *args)

    def _report_held_back_lines(self) -> None:
        for key, count in self.log_limit.ended():
            log.info("log-limit address=%s lines_not_written=%d in the last minute", key, count)

    async def _sweep_logs(self) -> None:
        while True:
            await asyncio.sleep(LOG_SWEEP_EVERY)
            self._report_held_back_lines()

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
        if self._log_sweeper is not None:
            self._log_sweeper.cancel()
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
        if self.workers is not None:
            await self.workers.stop(self.config.stop_grace)
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
        self.log_limit.window = 0.0  # every line held back is reported before the end
        self._report_held_back_lines()

    async def _wait_connections_closed(self) -> None:
        while self.connections:
            await asyncio.sleep(0.02)
