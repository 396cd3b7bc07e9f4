"""``serve --readers-per-process N``: several readers' apps in one worker process, each on
its own pty; what one reader does reaches only their own app."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal

import pytest

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.server import GuideServer
from mbc_tui.ssh.workers import PooledApp
from tests.conftest import holds_for
from tests.ssh.conftest import (
    ConnectReader,
    Reader,
    StartServer,
    process_exists,
    session_pids,
    wait_until,
)

SECTION_TWO = "Section 2 of 9"


@pytest.fixture
async def pooled(serve_config: ServeConfig, start_server: StartServer) -> GuideServer:
    return await start_server(serve_config.with_(readers_per_process=2))


async def readers_open(server: GuideServer, connect: ConnectReader, count: int) -> list[Reader]:
    """``count`` readers connected, each with their first screen drawn."""
    readers = [await connect(server) for _ in range(count)]
    for reader in readers:
        await reader.wait_for("q Quit")
    return readers


def workers(server: GuideServer) -> list[int]:
    assert server.workers is not None
    return [worker.pid for worker in server.workers.workers if worker.running]


async def test_two_readers_share_one_process_and_keep_their_own_keys(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    first, second = await readers_open(pooled, connect, 2)
    assert len(session_pids(pooled)) == 1  # both apps in one worker
    assert all(isinstance(session._app, PooledApp) for session in pooled.sessions)
    first.press("2")
    await first.wait_for(SECTION_TWO)
    await holds_for(lambda: SECTION_TWO not in second.text, 0.5)
    second.press("s")
    await second.wait_for("Hormone receptor status:")
    assert "Hormone receptor status:" not in first.text


async def test_a_resize_reaches_only_that_readers_app(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    first, second = await readers_open(pooled, connect, 2)
    first.resize(110, 30)
    await first.wait_for(lambda text: len(text.split("\n")[0]) == 110 and "q Quit" in text)
    await holds_for(lambda: len(second.text.split("\n")[0]) == 80, 0.5)
    second.press("2")
    await second.wait_for(SECTION_TWO)


async def test_one_reader_quitting_leaves_the_other_drawing_and_frees_the_slot(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    leaving, staying = await readers_open(pooled, connect, 2)
    [worker] = workers(pooled)
    leaving.press("q")
    await leaving.wait_closed()
    assert leaving.session.exit_status == 0
    await wait_until(lambda: pooled.limits.open_sessions == 1)
    staying.press("2")
    await staying.wait_for(SECTION_TWO)
    arriving = await connect(pooled)  # takes the freed place in the same worker
    await arriving.wait_for("q Quit")
    assert workers(pooled) == [worker]
    arriving.press("3")
    await arriving.wait_for("Section 3 of 9")
    assert SECTION_TWO in staying.text


async def test_a_closed_channel_ends_only_that_app(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    closing, staying = await readers_open(pooled, connect, 2)
    closing.conn.abort()
    await wait_until(lambda: pooled.limits.open_sessions == 1)
    staying.press("2")
    await staying.wait_for(SECTION_TWO)


async def test_input_ending_at_once_ends_the_session_and_frees_its_place(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    staying = await connect(pooled)
    await staying.wait_for("q Quit")
    gone = await connect(pooled)
    gone.chan.write_eof()
    await gone.wait_closed()
    await wait_until(lambda: pooled.limits.open_sessions == 1)
    await wait_until(lambda: all(len(worker.apps) <= 1 for worker in pooled.workers.workers))
    staying.press("2")
    await staying.wait_for(SECTION_TWO)


async def test_a_third_reader_gets_a_second_worker_and_the_empty_one_ends(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    readers = await readers_open(pooled, connect, 3)
    assert len(workers(pooled)) == 2
    for reader in readers:
        reader.press("q")
    for reader in readers:
        await reader.wait_closed()
    # The emptied workers do not all stay: one is kept for the next reader.
    await wait_until(lambda: len(workers(pooled)) == 1)


async def test_shutdown_ends_every_worker(pooled: GuideServer, connect: ConnectReader) -> None:
    readers = await readers_open(pooled, connect, 2)
    pids = workers(pooled)
    await pooled.stop()
    for reader in readers:
        await reader.wait_closed()
        assert "shutting down" in reader.text
    await wait_until(lambda: not any(process_exists(pid) for pid in pids))


async def test_idle_warning_reaches_only_the_idle_reader(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(readers_per_process=2, idle_timeout=3.0))
    idle = await connect(server)
    await idle.wait_for("q Quit")
    busy = await connect(server)
    await busy.wait_for("q Quit")

    async def keep_pressing() -> None:
        while True:
            busy.press("j")
            await asyncio.sleep(0.3)

    pressing = asyncio.create_task(keep_pressing())
    try:
        await idle.wait_for("Still there?", timeout=5)
        await holds_for(lambda: "Still there?" not in busy.text, 0.5)
    finally:
        pressing.cancel()
    await idle.wait_closed(timeout=8)
    assert "without a key press" in idle.text


async def test_spares_are_apps_in_workers(
    serve_config: ServeConfig, start_server: StartServer, connect: ConnectReader
) -> None:
    server = await start_server(serve_config.with_(readers_per_process=2, spare_sessions=2))
    await wait_until(lambda: len(server.spares) == 2)
    for apps in list(server.spares._spares.values()):
        for app in apps:
            assert isinstance(app, PooledApp)
            await app.ready()
    reader = await connect(server, columns=100, rows=30)
    text = await reader.wait_for(lambda text: "q Quit" in text and len(text.split("\n")[0]) == 100)
    assert "Topics" in text
    reader.press("2")
    await reader.wait_for(SECTION_TWO)


async def test_each_reader_in_a_worker_draws_as_their_own_terminal_asks(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    colour = await connect(pooled, user="guide")
    mono = await connect(pooled, user="nocolor")
    slow = await connect(pooled, user="slow")
    for reader in (colour, mono, slow):
        await reader.wait_for("q Quit")
    assert colours(colour.session.screen)
    assert colours(mono.session.screen) == set()  # no colour at all in the same worker
    assert "+- Topics" in slow.text  # ASCII frames for one, not for the others
    assert "+- Topics" not in colour.text
    assert b"\x1b[?1000h" not in bytes(slow.session.raw)  # no mouse tracking
    assert b"\x1b[?1000h" in bytes(colour.session.raw)


async def test_line_mode_keeps_a_process_of_its_own(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    text_reader = await connect(pooled, user="text")
    await text_reader.wait_for("Choice:")
    assert not isinstance(next(iter(pooled.sessions))._app, PooledApp)
    text_reader.press("q\n")
    await text_reader.wait_closed()
    assert b"\x1b" not in bytes(text_reader.session.raw)


async def test_a_worker_killed_tells_each_of_its_readers(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    readers = await readers_open(pooled, connect, 2)
    [worker] = workers(pooled)
    os.kill(worker, signal.SIGKILL)
    for reader in readers:
        await reader.wait_closed()
        assert "stopped unexpectedly" in reader.text
        assert b"\x1b[?1049l" in reader.session.raw[-300:]  # the terminal is restored
        assert reader.session.exit_status == 1
    await wait_until(lambda: pooled.limits.open_sessions == 0)


def colours(screen: object) -> set[str]:
    found: set[str] = set()
    for line in screen.buffer.values():  # type: ignore[attr-defined]
        for char in line.values():
            found.update({char.fg, char.bg})
    return found - {"default"}


async def test_a_reader_flooding_keys_does_not_hold_up_the_other(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    """Thousands of keys waiting in one app (a key held down, a page pasted) are acted on
    in turns with the other app in the worker, which answers its reader meanwhile."""
    flooding, other = await readers_open(pooled, connect, 2)
    flooding.press("".join(str(1 + index % 9) for index in range(4000)))  # a section each
    await wait_until(lambda: "Section" in flooding.text)
    started = asyncio.get_running_loop().time()
    other.press("2")
    await other.wait_for(SECTION_TWO, timeout=5)
    assert asyncio.get_running_loop().time() - started < 2.0
    flooding.close()
    await wait_until(lambda: pooled.limits.open_sessions == 1)
    other.press("3")
    await other.wait_for("Section 3 of 9")


async def test_a_reader_whose_terminal_takes_nothing_holds_up_nobody(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    """A reader's client that stops reading (a terminal paused with Ctrl+S, a client that
    never reads) while keys keep coming: their app stops reading keys once its terminal
    holds a few frames, and the other app in the worker draws on; the stuck reader's
    session still ends at once when they leave."""
    stuck = await connect(pooled, columns=200, rows=60, window=32768)  # large frames
    await stuck.wait_for("q Quit")
    other = await connect(pooled)
    await other.wait_for("q Quit")
    stuck.chan.pause_reading()
    for index in range(3000):  # a section each: megabytes of frames
        stuck.press(str(1 + index % 9))
        if index % 100 == 0:
            await asyncio.sleep(0.01)
    await wait_until(lambda: any(s._paused for s in pooled.sessions))
    for number in [2, 3, 4, 5, 6, 7, 8, 9] * 3:  # while the stuck app fills its terminal
        started = asyncio.get_running_loop().time()
        other.press(str(number))
        await other.wait_for(f"Section {number} of 9", timeout=5)
        assert asyncio.get_running_loop().time() - started < 1.0
    stuck.conn.abort()
    await wait_until(lambda: pooled.limits.open_sessions == 1, timeout=5)
    other.press("1")
    await other.wait_for("Section 1 of 9")


async def test_a_window_change_waits_while_the_reader_takes_nothing(
    pooled: GuideServer, connect: ConnectReader
) -> None:
    """Each new size is a whole frame: while the reader's client takes no output, the server
    keeps only the latest size, and tells the app when the reader reads again."""
    reader = await connect(pooled, columns=150, rows=50, window=4096)  # large frames
    await reader.wait_for("q Quit")
    [session] = pooled.sessions
    reader.chan.pause_reading()
    for number in itertools.islice(itertools.cycle("123456789"), 500):  # a frame each
        reader.press(number)
        await asyncio.sleep(0.02)
        if session._paused:  # more than the server buffers for the reader
            break
    assert session._paused
    last = number
    for columns in (160, 170, 180):  # wider: what was drawn for 150 cannot look drawn for 180
        reader.resize(columns, 50)
    await wait_until(lambda: session._size_held)
    reader.chan.resume_reading()
    await reader.wait_for(lambda text: len(text.split("\n")[0]) == 180 and f"{last} of 9" in text)
    assert not session._size_held
