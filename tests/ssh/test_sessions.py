"""A reader's session over SSH, driven with an asyncssh client that asks for a pty."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import time

import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.server import GuideServer
from tests.ssh.conftest import (
    ConnectReader,
    StartServer,
    process_exists,
    session_apps,
    session_pids,
    wait_until,
)


async def test_first_screen_shows_the_sidebar(server: GuideServer, connect: ConnectReader) -> None:
    reader = await connect(server)
    text = await reader.wait_for("q Quit")
    assert "Topics" in text
    assert "1 What it is" in text
    assert "8 About this guide" in text
    assert "Section 1 of 9" in text


async def test_keys_work(server: GuideServer, connect: ConnectReader) -> None:
    reader = await connect(server)
    await reader.wait_for("q Quit")
    reader.press("2")
    await reader.wait_for("Section 2 of 9")
    reader.press("s")
    await reader.wait_for("Hormone receptor status:")
    reader.press("e")
    await reader.wait_for("Results: ER+")
    reader.press("q")
    await reader.wait_closed()
    assert reader.session.exit_status == 0


async def test_sessions_can_open_at_a_chosen_topic(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(first_slug="her2"))
    reader = await connect(server)
    text = await reader.wait_for("q Quit")
    assert "Section 5 of 9" in text


async def test_window_change_reflows_the_screen(
    server: GuideServer, connect: ConnectReader
) -> None:
    reader = await connect(server, columns=80, rows=24)
    await reader.wait_for("q Quit")
    assert reader.text.splitlines()[0].endswith("╮")
    assert len(reader.text.splitlines()[0]) == 80
    reader.resize(110, 30)
    text = await reader.wait_for(
        lambda text: len(text.split("\n")[0]) == 110 and "q Quit" in text.split("\n")[29]
    )
    assert text.split("\n")[0].endswith("╮")


async def test_a_small_window_gets_the_too_small_message(
    server: GuideServer, connect: ConnectReader
) -> None:
    reader = await connect(server, columns=30, rows=10)
    text = await reader.wait_for("small")
    assert "Topics" not in text


async def test_no_color_user_gets_the_monochrome_guide(
    server: GuideServer, connect: ConnectReader
) -> None:
    def colours(reader_screen: object) -> set[str]:
        found: set[str] = set()
        for line in reader_screen.buffer.values():  # type: ignore[attr-defined]
            for char in line.values():
                found.update({char.fg, char.bg})
        return found - {"default"}

    def grey(colour: str) -> bool:
        return len(colour) == 6 and colour[0:2] == colour[2:4] == colour[4:6]

    colour_reader = await connect(server, user="guide")
    mono_reader = await connect(server, user="nocolor")
    await colour_reader.wait_for("q Quit")
    await mono_reader.wait_for("q Quit")
    assert not all(grey(c) for c in colours(colour_reader.session.screen))
    assert colours(mono_reader.session.screen) == set()  # no colour at all, not even grey


async def test_text_user_gets_line_mode_and_slow_user_the_low_bandwidth_guide(
    server: GuideServer, connect: ConnectReader
) -> None:
    text_reader = await connect(server, user="text")
    await text_reader.wait_for("Choice:")
    text_reader.press("q\n")
    await text_reader.wait_closed()
    assert b"\x1b" not in bytes(text_reader.session.raw)
    slow_reader = await connect(server, user="slow")
    text = await slow_reader.wait_for("q Quit")
    assert "+- Topics" in text  # the focused pane framed in ASCII
    assert b"\x1b[?1000h" not in bytes(slow_reader.session.raw)  # no mouse tracking


async def test_a_session_without_a_pty_gets_line_mode(
    server: GuideServer, connect: ConnectReader
) -> None:
    reader = await connect(server, term=None)
    await reader.wait_for("Choice:")
    reader.press("2\n")
    await reader.wait_for("How it spreads")
    reader.press("q\n")
    await reader.wait_closed()
    said = bytes(reader.session.raw)
    assert b"\x1b" not in said  # lines only, no escape sequence of any kind
    text = said.decode()
    assert "Menu: 9 sections." in text
    assert "Section 2 of 9" in text and "How it spreads" in text
    assert "Goodbye." in text
    assert "2\r\n2" not in text  # what the reader typed is not echoed back a second time


async def test_commands_are_refused(server: GuideServer, connect: ConnectReader) -> None:
    reader = await connect(server, command="ls /")
    await reader.wait_closed()
    assert "runs no commands" in bytes(reader.session.stderr).decode()
    assert reader.session.raw == b""
    assert reader.session.exit_status == 1


async def test_sftp_is_refused(server: GuideServer, connect: ConnectReader) -> None:
    reader = await connect(server, subsystem="sftp", term=None)
    await reader.wait_closed()
    assert "transfers no files" in bytes(reader.session.stderr).decode()
    assert reader.session.exit_status == 1
    import asyncssh

    with pytest.raises(asyncssh.Error):
        async with asyncio.timeout(10):
            await reader.conn.start_sftp_client()


async def test_port_forwarding_is_refused(server: GuideServer, connect: ConnectReader) -> None:
    import asyncssh

    reader = await connect(server)
    with pytest.raises(asyncssh.ChannelOpenError, match="does not forward"):
        await reader.conn.open_connection("127.0.0.1", server.port)
    with pytest.raises(asyncssh.ChannelListenError):
        await reader.conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 22)


async def test_the_session_cap_holds(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(max_sessions=2, max_per_ip=5))
    first = await connect(server)
    second = await connect(server)
    await first.wait_for("q Quit")
    await second.wait_for("q Quit")
    third = await connect(server)
    await third.wait_closed()
    assert "as many readers as it can take" in third.text
    assert len(session_apps(server)) == 2
    first.press("q")
    await first.wait_closed()
    await wait_until(lambda: server.limits.open_sessions == 1)
    fourth = await connect(server)
    await fourth.wait_for("q Quit")


async def test_the_per_address_cap_holds(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(max_sessions=10, max_per_ip=1))
    first = await connect(server)
    await first.wait_for("q Quit")
    second = await connect(server)
    await second.wait_closed()
    assert "already 1 guide sessions open from your address" in second.text
    assert second.session.exit_status == 1


async def test_idle_timeout_warns_then_ends_the_session(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(idle_timeout=3.0))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    started = time.monotonic()
    text = await reader.wait_for("Press any key", timeout=6)
    assert "Still there?" in text
    assert "closes in" in text
    await reader.wait_closed(timeout=8)
    assert "without a key press" in reader.text
    assert time.monotonic() - started < 8
    await wait_until(lambda: not session_apps(server))


async def test_a_key_press_keeps_the_session_open(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(idle_timeout=2.0))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    for _ in range(4):
        await asyncio.sleep(0.7)
        reader.press("j")
    assert not reader.session.closed.is_set()


async def test_session_time_limit_ends_the_session(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(max_session_time=3.0))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    for _ in range(3):
        reader.press("j")
        await asyncio.sleep(0.2)
    await reader.wait_closed(timeout=8)
    assert "time limit" in reader.text


@pytest.mark.parametrize("readers_per_process", [1, 2], ids=["own-process", "worker"])
async def test_killing_a_client_ends_its_app(
    serve_config: ServeConfig,
    start_server: StartServer,
    connect: ConnectReader,
    caplog: pytest.LogCaptureFixture,
    readers_per_process: int,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(readers_per_process=readers_per_process))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    [app] = session_apps(server)
    assert process_exists(app.pid)
    reader.conn.abort()
    await wait_until(lambda: not app.running)
    if readers_per_process == 1:
        await wait_until(lambda: not process_exists(app.pid))  # no child left behind
    else:  # the worker, kept for the next reader, holds no app
        assert server.workers is not None
        assert all(not worker.apps for worker in server.workers.workers)
    await wait_until(lambda: server.limits.open_sessions == 0)
    await wait_until(lambda: "disconnect " in caplog.text)
    # One clean token, not "reason=connection-lost-(Connection-lost)".
    assert re.search(r" reason=(connection-lost|client-closed)$", caplog.text, re.MULTILINE)


async def test_one_readers_crash_touches_nobody_else(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    """With a process for each reader's app, even the process dying (the kernel's out-of-memory
    killer, a crash outside Python) ends one session only. (In a worker, an error ends only
    its app: tests/ssh/test_worker_isolation.py; the worker's death ends its readers' sessions
    alone, each told: test_readers_per_process.py.)"""
    server = await start_server(serve_config.with_(readers_per_process=1))
    crashing = await connect(server)
    await crashing.wait_for("q Quit")
    [crashing_pid] = session_pids(server)
    other = await connect(server)
    await other.wait_for("q Quit")
    os.kill(crashing_pid, signal.SIGKILL)
    await crashing.wait_closed()
    assert "stopped unexpectedly" in crashing.text
    assert b"\x1b[?1049l" in crashing.session.raw[-300:]  # the reader's terminal is restored
    assert crashing.session.exit_status == 1
    other.press("2")
    await other.wait_for("Section 2 of 9")
    assert len(session_pids(server)) == 1


async def test_shutdown_says_goodbye_and_ends_every_app(
    server: GuideServer, connect: ConnectReader
) -> None:
    readers = [await connect(server) for _ in range(3)]
    for reader in readers:
        await reader.wait_for("q Quit")
    apps = session_apps(server)
    assert len(apps) == 3
    await server.stop()
    for reader in readers:
        await reader.wait_closed()
        assert "shutting down" in reader.text
    assert not any(app.running or process_exists(app.pid) for app in apps)


async def test_one_log_line_per_connect_and_disconnect_and_nothing_read(
    server: GuideServer, connect: ConnectReader, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    reader = await connect(server, user="guide", columns=90, rows=25)
    await reader.wait_for("q Quit")
    reader.press("2")
    await reader.wait_for("Section 2 of 9")
    reader.press("q")
    await reader.wait_closed()
    await wait_until(lambda: len(caplog.records) >= 2)
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    connect_line, disconnect_line = lines
    assert connect_line.startswith("connect address=127.0.0.1:")
    assert "user=guide term=xterm-256color size=90x25" in connect_line
    assert disconnect_line.startswith("disconnect address=127.0.0.1:")
    for field in ("duration=", "bytes_in=", "bytes_out=", "app=new", "reason=quit"):
        assert field in disconnect_line
    assert re.search(r" first_screen=\d+\.\d\ds ", disconnect_line)
    assert "spreads" not in " ".join(lines)


async def test_the_host_key_is_the_same_after_a_restart(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    first = await start_server(serve_config)
    reader = await connect(first)
    seen_first = reader.conn.get_server_host_key().get_fingerprint()
    await first.stop()
    second = await start_server(serve_config)
    reader = await connect(second)
    assert reader.conn.get_server_host_key().get_fingerprint() == seen_first == second.fingerprint


async def test_a_slow_start_is_announced_before_the_app_draws(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(opening_notice_after=0.0))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    assert reader.session.raw.startswith(b"Opening the guide. Many people are reading now")


async def test_a_quick_start_says_nothing_first(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(opening_notice_after=10.0))
    reader = await connect(server)
    await reader.wait_for("q Quit")
    assert b"Opening the guide" not in reader.session.raw


async def test_connections_that_never_open_a_session_are_capped_too(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    import asyncssh

    server = await start_server(serve_config.with_(max_sessions=10, max_per_ip=1))
    options = {
        "username": "guide",
        "known_hosts": None,
        "client_keys": None,
        "agent_path": None,
        "preferred_auth": "none",
    }
    held = [await asyncssh.connect("127.0.0.1", server.port, **options) for _ in range(2)]
    with pytest.raises(asyncssh.DisconnectError, match="too many connections"):
        await asyncssh.connect("127.0.0.1", server.port, **options)
    held[0].close()
    await held[0].wait_closed()
    await wait_until(lambda: len(server.connections) == 1)
    again = await asyncssh.connect("127.0.0.1", server.port, **options)
    for conn in (held[1], again):
        conn.close()


async def test_the_results_summary_is_never_saved_on_the_server(
    server: GuideServer, connect: ConnectReader
) -> None:
    reader = await connect(server)
    await reader.wait_for("q Quit")
    reader.press("s")
    await reader.wait_for("Hormone receptor status:")
    reader.press("x")
    text = await reader.wait_for("on screen only")
    assert "w Save" not in text


async def test_line_mode_reads_piped_input_to_its_end(
    server: GuideServer, connect: ConnectReader
) -> None:
    """``printf '2\\n' | ssh -T host``: typed before the reader starts, then end of input."""
    reader = await connect(server, term=None)
    reader.press("2\n")
    reader.chan.write_eof()
    await reader.wait_closed()
    text = bytes(reader.session.raw).decode()
    assert "Section 2 of 9" in text
    assert text.rstrip().endswith("Goodbye.")
    assert reader.session.exit_status == 0
