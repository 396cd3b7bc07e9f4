"""One reader's SSH session: decides what it gets, runs its app and relays the bytes.

The app runs in its own process on its own pseudo-terminal (see :mod:`spawner`); this
object copies bytes between the SSH channel and the pty's master end, passes window
changes on, enforces the idle and session-time limits, and ends the app when the reader
leaves. It logs one line when the session starts and one when it ends, never the content.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
from dataclasses import dataclass
from typing import TYPE_CHECKING

import asyncssh

from mbc_tui.ssh import messages
from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.limits import Refusal
from mbc_tui.ssh.reader_kind import FALLBACK_TERM, ReaderKind, choose_reader_kind
from mbc_tui.ssh.spawner import SPARE_SIZE, AppProcess, AppRequest
from mbc_tui.terminal.window_size import usable_size

if TYPE_CHECKING:
    from mbc_tui.ssh.server import GuideServer

log = logging.getLogger("mbc_tui.ssh")

TERMINAL_RESET = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1004l\x1b[?2004l"
    b"\x1b[?25h\x1b[?1049l\x1b[0m"
)
"""Mouse, focus and paste reporting off, cursor shown, main screen back: sent only when
an app had to be killed and could not restore the reader's terminal itself."""

READ_SIZE = 65536


@dataclass
class Ending:
    reason: str
    goodbye: str | None = None
    exit_status: int = 0


def printable(text: str, limit: int = 40) -> str:
    """A user name or TERM as it may appear in a log line: no spaces or control characters."""
    cleaned = "".join(c if c.isprintable() and not c.isspace() else "?" for c in text)
    return (cleaned[:limit] or "-") if text else "-"


class GuideSession(asyncssh.SSHServerSession[bytes]):
    def __init__(self, server: GuideServer, address: str, port: int, user: str) -> None:
        self._server = server
        self._address = address
        self._port = port
        self._user = user
        self._loop = asyncio.get_running_loop()
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term: str | None = None
        self._size = (80, 24)
        self._refused_request = False
        self._app: AppProcess | None = None
        self._ending: asyncio.Future[Ending] = self._loop.create_future()
        self._client_gone = False
        self._paused = False
        """The reader's channel takes no more for now (SSH flow control): the app's output
        is not read, so the app waits (and, its keys not read, draws no more)."""
        self._size_held = False
        """The window changed while paused: the app is told once the reader reads again
        (each new size is a whole frame, which a reader who takes nothing must not pile up)."""
        self._draining = False
        """Ending: the app's output is read whatever the channel takes (an app blocked on
        its terminal could not end; output the client cannot take is dropped with it)."""
        self._reading = False
        self._pending_input = bytearray()
        self._warned = False
        self._started = self._loop.time()
        self._last_input = self._started
        self.bytes_in = 0
        self.bytes_out = 0
        self._app_output = 0
        self._reader: ReaderKind | None = None
        """What kind of reader this is: decided when the session starts (user name, TERM,
        pty)."""
        self._eof_pending = False
        self._writing = False
        """Whether the loop is watching the pty for room to write typed input."""
        self._app_kind = "none"
        """For the log: 'spare' (taken ready), 'new' (started for this reader) or 'none'."""
        self._first_output_at: float | None = None
        self._waiting_for_app = False
        """This reader's app is being started for them (no spare fitted), not drawn yet."""
        self._input_paused = False
        """The reader's channel is not read: ``max_pending_input`` bytes wait for the app."""
        self.started: asyncio.Future[None] = self._loop.create_future()
        """Done when the session starts (a shell, or a command to refuse)."""
        self.done: asyncio.Future[None] = self._loop.create_future()

    # --- asyncssh callbacks -------------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:  # type: ignore[override]
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object
    ) -> bool:
        self._term = term_type
        self._size = _usable_size(term_size[0], term_size[1])
        return True

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._size = _usable_size(width, height)
        if self._paused:
            self._size_held = True
        elif self._app is not None:
            self._app.resize(*self._size)

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only to say, in words, that nothing is run. The command is not logged.
        self._refused_request = True
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        # sftp and scp: the client prints what arrives on stderr, so the reader sees why.
        self._refused_request = True
        return True

    def session_started(self) -> None:
        # Decided here, not in the task below: input, and its end, can arrive before the
        # task first runs, and must be taken for what this session is.
        self._reader = choose_reader_kind(self._user, self._term, has_pty=self._term is not None)
        self.started.set_result(None)
        self._server.track(self._run())

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.bytes_in += len(data)
        self._last_input = self._loop.time()
        if self._warned and self._app is not None:
            self._warned = False
            self._app.signal(signal.SIGUSR2)
        self._pending_input += data  # kept until the app has started and said something
        if self._app is not None and self._app_output:
            self._write_input()
        self._limit_input()

    def eof_received(self) -> bool:
        if self._refused_request:
            return True  # the refusal is still said; the session then closes the channel
        if self._reader is None or self._reader.line_mode:
            # End of input (a pipe into ``ssh -T``): line mode reads it to the end and then
            # says goodbye by itself; the terminal's end-of-file character tells it so.
            self._eof_pending = True
            if self._app is not None and self._app_output:
                self._pending_input += b"\x04"
                self._eof_pending = False
                self._write_input()
            return True
        self.finish(Ending("client closed"))
        return False

    def pause_writing(self) -> None:
        self._paused = True
        if not self._draining:
            self._stop_reading()

    def resume_writing(self) -> None:
        self._paused = False
        if self._size_held and self._app is not None:
            self._app.resize(*self._size)
        self._size_held = False
        self._start_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self._client_gone = True
        if exc is not None:
            log.debug("connection lost: %s", _one_line(exc))
        self.finish(Ending("client closed" if exc is None else "connection lost"))
        if not self.started.done() and not self.done.done():
            self.done.set_result(None)  # never started: nothing runs, nothing is kept

    # --- ending ---------------------------------------------------------------------------

    def finish(self, ending: Ending) -> None:
        """Ask the session to end (the first reason given wins)."""
        if not self._ending.done():
            self._ending.set_result(ending)

    # --- the session's life -----------------------------------------------------------------

    async def _run(self) -> None:
        chan = self._chan
        assert chan is not None
        reader = self._reader
        assert reader is not None
        self._log_connect(reader.kind.value)
        admitted = False
        ending = Ending("client closed")
        try:
            if self._refused_request:
                ending = Ending("refused command", self._say_how(messages.NO_COMMANDS), 1)
                self._write_stderr(ending.goodbye or "")
                ending.goodbye = None
                return
            if self._eof_pending and not reader.line_mode:
                return  # input ended before the guide could start: the reader has gone
            refusal = self._server.limits.admit(self._address)
            if refusal is not None:
                ending = Ending(refusal.value, self._refusal_text(refusal), 1)
                return
            admitted = True
            request = app_request(reader, self._size, self._server.config)
            self._app = self._server.spares.take(request)
            self._app_kind = "spare"
            if self._app is None:  # no spare fits: this reader's own app, started now
                self._app_kind = "new"
                self._server.make_room_for_app()
                try:
                    self._app = self._server.start_app(request)
                except Exception as error:  # the app could not start: tell the reader, log why
                    log.error("app start failed: %s", _one_line(error))
                    ending = Ending("app failed to start", messages.APP_FAILED, 1)
                    return
                self._server.spares.reader_waiting()
                self._waiting_for_app = True
            self._start_reading()
            notice = asyncio.create_task(self._say_opening_if_slow())
            watcher = asyncio.create_task(self._watch_time())
            memory = asyncio.create_task(
                self._watch_memory(self._app.pid, self._app.readers_sharing)
            )
            app_exit = asyncio.create_task(self._app.wait())
            try:
                await asyncio.wait({self._ending, app_exit}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                notice.cancel()
                watcher.cancel()
                memory.cancel()
            if self._ending.done():
                ending = self._ending.result()
            else:
                code = app_exit.result()
                if code == 0:
                    ending = Ending("quit")
                elif code is None:  # it ended after the warm parent had gone: how is not known
                    ending = Ending("app ended")
                else:  # a crash: this reader is told; nobody else is touched
                    ending = Ending(f"app exited ({code})", messages.APP_STOPPED, 1)
        finally:
            self._app_served()
            if self._app is not None:  # whatever happened above, the app ends here
                await self._end_app()
            self.finish(ending)
            self._say_goodbye(ending)
            if admitted:
                self._server.limits.release(self._address)
                self._server.spares.room_changed()
            self._log_disconnect(self._ending.result())
            if not self.done.done():
                self.done.set_result(None)

    async def _say_opening_if_slow(self) -> None:
        """A busy server can take seconds to open the guide: say so rather than stay blank.
        Only before the app's first byte, so the words never land inside its output."""
        await asyncio.sleep(self._server.config.opening_notice_after)
        app = self._app
        if app is not None and app.running and self._app_output == 0 and not self._ending.done():
            self._send(messages.terminal_lines(messages.OPENING_SLOWLY + "\n"))

    async def _end_app(self) -> None:
        app = self._app
        assert app is not None
        self._draining = True  # an app writing to a terminal nobody reads could not end
        self._start_reading()
        killed = await app.stop(self._server.config.stop_grace)
        self._stop_reading()
        self._stop_writing()
        self._drain_output()
        if killed or app.exit_code != 0:  # it could not restore the reader's terminal
            self._send(TERMINAL_RESET)
        app.close_master()
        app.release()

    def _say_goodbye(self, ending: Ending) -> None:
        chan = self._chan
        if self._client_gone or chan is None:
            return
        with contextlib.suppress(OSError, asyncssh.Error):
            if ending.goodbye:
                text = ending.goodbye if ending.goodbye.endswith("\n") else ending.goodbye + "\n"
                prefix = "\n" if self._app is not None else ""
                chan.write(messages.terminal_lines(prefix + text))
            chan.exit(ending.exit_status)

    async def _watch_time(self) -> None:
        config = self._server.config
        limit_at = self._started + config.max_session_time
        while True:
            now = self._loop.time()
            idle_at = self._last_input + config.idle_timeout
            warn_at = idle_at - config.idle_warning
            if now >= limit_at:
                text = messages.SESSION_TIME_GOODBYE.format(
                    minutes=messages.minutes(config.max_session_time)
                )
                self.finish(Ending("session time limit", text))
                return
            if now >= idle_at:
                text = messages.IDLE_GOODBYE.format(minutes=messages.minutes(config.idle_timeout))
                self.finish(Ending("idle timeout", text))
                return
            if now >= warn_at and not self._warned and self._app is not None:
                self._warned = True
                self._app.signal(signal.SIGUSR1)
            next_at = min(limit_at, idle_at if self._warned else warn_at)
            await asyncio.sleep(max(0.05, next_at - now))

    async def _watch_memory(self, pid: int, readers_sharing: int) -> None:
        """End this reader's app, with a message, if it grows past the memory limit: one
        app can then never take the memory the others and the server need. A process shared
        by several readers' apps may hold that many times one app's limit."""
        limit = self._server.config.max_app_memory * readers_sharing
        while True:
            await asyncio.sleep(self._server.config.memory_check_every)
            used = resident_bytes(pid)
            if used is not None and used > limit:
                log.warning(
                    "app over its memory limit: pid=%d rss=%dMB limit=%dMB",
                    pid,
                    used // 2**20,
                    limit // 2**20,
                )
                self.finish(Ending("app memory limit", messages.APP_TOO_BIG, 1))
                return

    # --- bytes between the channel and the pty ------------------------------------------

    def _start_reading(self) -> None:
        app = self._app
        if app is None or app.master_fd < 0 or self._reading:
            return
        if self._paused and not self._draining:
            return
        self._loop.add_reader(app.master_fd, self._on_output)
        self._reading = True

    def _stop_reading(self) -> None:
        if self._reading and self._app is not None and self._app.master_fd >= 0:
            self._loop.remove_reader(self._app.master_fd)
        self._reading = False

    def _on_output(self) -> None:
        app = self._app
        assert app is not None
        try:
            data = os.read(app.master_fd, READ_SIZE)
        except BlockingIOError:
            return
        except OSError:  # EIO: the app closed its terminal (it has exited)
            data = b""
        if not data:
            self._stop_reading()
            return
        first_output = not self._app_output
        self._app_output += len(data)
        self._send(data)
        if first_output:  # the app is listening now: hand it what was typed before
            self._first_output_at = self._loop.time()
            self._app_served()
            if self._eof_pending:
                self._pending_input += b"\x04"
                self._eof_pending = False
            if self._pending_input:
                self._write_input()

    def _app_served(self) -> None:
        if self._waiting_for_app:
            self._waiting_for_app = False
            self._server.spares.reader_served()

    def _drain_output(self) -> None:
        app = self._app
        if app is None or app.master_fd < 0:
            return
        for _ in range(64):  # bounded: at most 4 MB of final output
            try:
                data = os.read(app.master_fd, READ_SIZE)
            except OSError:
                return
            if not data:
                return
            self._send(data)

    def _send(self, data: bytes) -> None:
        if self._client_gone or self._chan is None:
            return
        self.bytes_out += len(data)
        with contextlib.suppress(OSError, asyncssh.Error):
            self._chan.write(data)

    def _limit_input(self) -> None:
        """Hold at most ``max_pending_input`` bytes for an app that is not taking them (one
        that is starting, busy or stopped): beyond that, stop reading the reader's channel
        until it has taken half. The SSH window then holds the client back, so the server
        never holds more than that plus ``SESSION_WINDOW`` of one reader's input."""
        limit = self._server.config.max_pending_input
        paused = len(self._pending_input) >= limit
        if paused == self._input_paused or self._chan is None:
            return
        if not paused and len(self._pending_input) > limit // 2:
            return
        self._input_paused = paused
        if paused:
            self._chan.pause_reading()
        else:
            self._chan.resume_reading()

    def _write_input(self) -> None:
        app = self._app
        if app is None or app.master_fd < 0:
            self._pending_input.clear()
            self._limit_input()
            return
        try:
            written = os.write(app.master_fd, self._pending_input)
        except BlockingIOError:
            written = 0
        except OSError:  # EIO: the app has closed its terminal; its end is on the way
            self._pending_input.clear()
            self._limit_input()
            return
        del self._pending_input[:written]
        self._limit_input()
        if self._pending_input and not self._writing:
            self._loop.add_writer(app.master_fd, self._retry_input)
            self._writing = True

    def _stop_writing(self) -> None:
        """Stop watching the pty for room to write. Always before its descriptor is closed:
        a later pty may get the same number, and the loop would watch that one instead."""
        if self._writing and self._app is not None and self._app.master_fd >= 0:
            self._loop.remove_writer(self._app.master_fd)
        self._writing = False

    def _retry_input(self) -> None:
        self._stop_writing()
        self._write_input()

    # --- words --------------------------------------------------------------------------

    def _write_stderr(self, text: str) -> None:
        if self._chan is not None and not self._client_gone:
            with contextlib.suppress(OSError, asyncssh.Error):
                self._chan.write_stderr(messages.terminal_lines(text))

    def _say_how(self, template: str) -> str:
        port = self._server.port
        user = self._user if self._user and printable(self._user) == self._user else "guide"
        return template.format(
            user=user,
            host=self._local_host(),
            port_option="" if port == 22 else f" -p {port}",
        )

    def _local_host(self) -> str:
        """The address this reader reached us on (the listening address may be 0.0.0.0)."""
        sockname = self._chan.get_extra_info("sockname") if self._chan is not None else None
        return str(sockname[0]) if sockname else self._server.config.host

    def _refusal_text(self, refusal: Refusal) -> str:
        if refusal is Refusal.SERVER_FULL:
            return messages.SERVER_FULL
        return messages.TOO_MANY_FROM_ADDRESS.format(limit=self._server.config.max_per_ip)

    def _log_connect(self, kind: str) -> None:
        self._server.log_for(
            self._address,
            "connect address=%s:%d user=%s term=%s size=%dx%d profile=%s",
            self._address,
            self._port,
            printable(self._user),
            printable(self._term or ""),
            *self._size,
            kind.replace(" ", "-"),
        )

    def _log_disconnect(self, ending: Ending) -> None:
        self._server.log_for(
            self._address,
            "disconnect address=%s:%d user=%s term=%s size=%dx%d duration=%.1fs "
            "bytes_in=%d bytes_out=%d app=%s first_screen=%s reason=%s",
            self._address,
            self._port,
            printable(self._user),
            printable(self._term or ""),
            *self._size,
            self._loop.time() - self._started,
            self.bytes_in,
            self.bytes_out,
            self._app_kind,
            "-"
            if self._first_output_at is None
            else f"{self._first_output_at - self._started:.2f}s",
            log_token(ending.reason),
        )


def app_request(reader: ReaderKind, size: tuple[int, int], config: ServeConfig) -> AppRequest:
    """What app this kind of reader, with this window size, gets."""
    return AppRequest(
        term=reader.term,
        columns=size[0],
        rows=size[1],
        profile=reader.display_profile,
        line_mode=reader.line_mode,
        echo=reader.has_pty,
        content=str(config.content) if config.content is not None else None,
        first_slug=config.first_slug,
        idle_warning_seconds=round(config.idle_warning, 1),
        build_screens_ahead=config.build_screens_ahead,
    )


def spare_template(config: ServeConfig) -> AppRequest:
    """The app most readers get (the full guide, a 256-colour xterm): the first spares'."""
    return app_request(choose_reader_kind("guide", FALLBACK_TERM, has_pty=True), SPARE_SIZE, config)


def resident_bytes(pid: int) -> int | None:
    """The memory a process has in RAM (VmRSS), or None once it has gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _usable_size(width: int, height: int) -> tuple[int, int]:
    """Clients may send 0x0 (unknown): fall back to 80x24; a window larger than the largest
    (300x100, chosen from a memory budget per session) gets the guide at that size."""
    return usable_size(width, height)


def log_token(text: str) -> str:
    """``text`` as one token of a log line: ``app exited (3)`` is ``app-exited-3``."""
    return re.sub(r"[^\w.]+", "-", text).strip("-") or "-"


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
