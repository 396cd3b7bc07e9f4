"""The settings of ``mbc-tui serve``, with their safe defaults."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mbc_tui.ssh.limits import Startups


@dataclass(frozen=True)
class ServeConfig:
    host_key: Path
    create_host_key: bool = True
    """Make the key if there is no file at ``host_key`` (the default path); a path given
    with ``--host-key`` must name a key that exists (``mbc-tui host-key FILE`` makes one)."""
    host: str = "127.0.0.1"
    port: int = 2222
    max_sessions: int = 50
    max_per_ip: int = 5
    spare_sessions: int = 4
    """Apps kept started ahead of readers while it is quiet (more while readers arrive, up
    to ``max_sessions``; 0: none): see ``mbc_tui.ssh.spare_demand``."""
    build_screens_ahead: bool = False
    """Each session builds its other screens (explorer, help, search, glossary, summary)
    while its reader reads, so that their first opening costs a reopening's CPU (about 10
    instead of 30-45 ms); about 5 MB more per session: see ``mbc_tui.built_ahead``."""
    readers_per_process: int = 2
    """Full-screen readers whose apps share one process (a worker: see
    ``mbc_tui.ssh.workers``); 1: each reader's app has a process of its own. Two a process
    by default: about 12 MB a reader after a journey instead of 21, and only one other
    reader shares what ends a process (docs/operating.md, "Several readers per process")."""
    idle_timeout: float = 900.0
    max_session_time: float = 7200.0
    auth: str = "none"
    """'none' (a public guide: any user name, no password) or 'keys'."""
    authorized_keys: Path | None = None
    content: Path | None = None
    first_slug: str | None = None
    """The section every session opens at (``mbc-tui --topic SLUG serve``)."""
    opening_notice_after: float = 1.0
    """Seconds without a first byte from the app before the reader is told it is coming."""
    proxy_protocol: bool = False
    """Expect a PROXY protocol header (from HAProxy) ahead of every connection."""
    login_timeout: float = 30.0
    """Seconds a connection has to log in *and* start a session (and, once its session
    has ended, to start another): then it is closed."""
    max_startups: Startups | None = None
    """Connections that have not started a session: OpenSSH's MaxStartups (None: see
    :attr:`startups`)."""
    max_pending_input: int = 65536
    """Bytes of a reader's input the server holds for an app that is not taking it; past
    that it stops reading the reader's channel until the app catches up (SSH flow control:
    the reader's client waits, nothing is dropped)."""
    proxy_header_timeout: float = 5.0
    """Seconds a connection has to send its whole PROXY header (HAProxy sends it at once)."""
    log_lines_per_minute: int = 60
    """Log lines one address (an IPv6 /64) may cause a minute; then one line with a count."""
    keepalive_interval: float = 30.0
    keepalive_count_max: int = 3
    max_app_memory: int = 256 * 2**20
    """Bytes of RAM (resident) one reader's app may use before it is ended with a message
    (a session uses about 55 to 65 MB resident after a reader's journey, at 80x24 or at
    the largest window: 4 times that is room to spare)."""
    memory_check_every: float = 2.0
    """Seconds between looks at each app's memory."""
    stop_grace: float = 2.0
    """Seconds an app gets to exit after SIGTERM before SIGKILL."""
    close_wait: float = 2.0
    """On shutdown, seconds clients get to close their connections after the goodbye."""

    @property
    def spares(self) -> int:
        """How many spare apps to keep while it is quiet: never more than ``max_sessions``."""
        return min(self.spare_sessions, self.max_sessions)

    @property
    def startups(self) -> Startups:
        """``max_startups``, or by default ``max_sessions:30:4 x max_sessions``: as many
        readers as the server takes may arrive at once without an early drop; beyond
        that, new connections are dropped at random, all of them from four times that."""
        if self.max_startups is not None:
            return self.max_startups
        return Startups(self.max_sessions, 30, 4 * self.max_sessions)

    @property
    def idle_warning(self) -> float:
        """How long before the idle timeout the reader is warned: a minute, less if short."""
        return min(60.0, self.idle_timeout / 3)

    def with_(self, **changes: object) -> ServeConfig:
        return replace(self, **changes)  # type: ignore[arg-type]
