"""Spare apps: started ahead of readers, taken by them (mbc_tui.ssh.spares, spare_app)."""

from __future__ import annotations

import logging
import os
import signal

import pytest

from mbc_tui.ssh.config import ServeConfig
from tests.conftest import holds_for
from tests.ssh.conftest import (
    ConnectReader,
    StartServer,
    process_exists,
    session_apps,
    spare_apps,
    spare_pids,
    spares_ready,
    wait_until,
)


def without_thumb(text: str) -> str:
    return text.translate(str.maketrans("▁▂▃▄▅▆▇█", "        "))


async def test_a_reader_takes_a_spare_and_sees_the_first_screen_at_once(
    serve_config: ServeConfig,
    start_server: StartServer,
    connect: ConnectReader,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    (spare,) = spare_apps(server)
    reader = await connect(server)
    text = await reader.wait_for("q Quit", timeout=2)
    assert session_apps(server) == {spare}
    assert "1 What it is" in text and "Section 1 of 9" in text
    reader.press("2")
    await reader.wait_for("Section 2 of 9")
    reader.press("q")
    await reader.wait_closed()
    assert reader.session.exit_status == 0
    await wait_until(lambda: "disconnect" in caplog.text)
    assert " app=spare first_screen=0." in caplog.text  # well under a second


async def test_a_spare_is_started_again_once_taken(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    first = spare_apps(server)
    reader = await connect(server)
    await reader.wait_for("q Quit")
    await spares_ready(server, 1)
    assert spare_apps(server).isdisjoint(first)


async def test_another_window_size_gets_the_same_screen_as_a_fresh_app(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    fresh_server = await start_server(serve_config)
    fresh = await connect(fresh_server, columns=100, rows=30)
    expected = await fresh.wait_for("q Quit")

    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    spare = spare_apps(server)
    reader = await connect(server, columns=100, rows=30)
    # The same screen (once the last frame is in); the scrollbar's thumb may end a fraction of
    # a cell apart (as after any window change: Textual keeps some heights from the first layout).
    await reader.wait_for(lambda text: without_thumb(text) == without_thumb(expected))
    assert session_apps(server) == spare  # it was the spare (drawn at 80x24) ...
    # ... and nothing drawn for 80x24 reached the reader: only the screen for its size.
    assert reader.session.raw.count(b"Topics") == 1


async def test_a_smaller_window_than_the_spare_works_too(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    reader = await connect(server, columns=60, rows=20)
    text = await reader.wait_for("Section 1 of 9")
    assert all(len(line) <= 60 for line in text.splitlines())
    reader.press("s")
    await reader.wait_for("Hormone receptor status:")


async def test_a_reader_of_another_kind_gets_an_app_of_its_own(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    spare = spare_apps(server)
    reader = await connect(server, user="nocolor")
    await reader.wait_for("q Quit")
    assert session_apps(server).isdisjoint(spare)
    assert b"38;5;" not in reader.session.raw  # no colour: not the xterm-256color spare


async def test_spares_and_sessions_stay_within_the_session_cap(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=2, max_sessions=2))
    await spares_ready(server, 2)
    readers = [await connect(server, user="nocolor"), await connect(server)]
    for reader in readers:
        await reader.wait_for("q Quit")
    # Looked at for a second: time enough to start spares, if any were wrongly started.
    await holds_for(lambda: len(spare_apps(server) | session_apps(server)) <= 2, seconds=1.0)
    assert all(app.running for app in session_apps(server))


async def test_a_reader_arriving_as_a_spare_starts_is_served(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=1))
    await wait_until(lambda: len(server.spares) == 1)  # started, not necessarily drawn
    reader = await connect(server, columns=90, rows=25)
    text = await reader.wait_for("q Quit")
    assert len(text.splitlines()[0]) == 90


async def test_stopping_the_server_ends_the_spares(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=2))
    await spares_ready(server, 2)
    pids = spare_pids(server)
    await server.stop()
    assert not any(process_exists(pid) for pid in pids)


async def test_a_spare_comes_back_when_a_full_server_has_room_again(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(spare_sessions=1, max_sessions=1))
    await spares_ready(server, 1)
    reader = await connect(server)
    await reader.wait_for("q Quit")
    # The one guide the cap allows is the reader's: no spare starts beside it.
    await holds_for(lambda: len(server.spares) == 0, seconds=0.5)
    reader.press("q")
    await reader.wait_closed()
    await spares_ready(server, 1)


async def test_a_spare_that_dies_is_replaced_and_logged(
    serve_config: ServeConfig,
    start_server: StartServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="mbc_tui.ssh")
    server = await start_server(serve_config.with_(spare_sessions=1))
    await spares_ready(server, 1)
    (dead,) = spare_pids(server)
    os.kill(dead, signal.SIGKILL)
    await wait_until(lambda: "spare app exited" in caplog.text)
    await wait_until(lambda: bool(spare_pids(server)) and dead not in spare_pids(server))
    await spares_ready(server, 1)
