"""The warm parent (multiprocessing's forkserver) dies while readers read: the OOM killer
picked it, or somebody killed it. Their guides run on and answer; later readers still get
a guide; each reader's end is seen (see :mod:`mbc_tui.ssh.process_watch`)."""

from __future__ import annotations

import multiprocessing.forkserver
import os
import signal

import pytest

from mbc_tui.ssh import messages
from mbc_tui.ssh.config import ServeConfig
from tests.ssh.conftest import (
    ConnectReader,
    StartServer,
    process_exists,
    session_pids,
    wait_until,
)


def warm_parent_pid() -> int:
    pid = multiprocessing.forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert pid is not None and process_exists(pid)
    return int(pid)


@pytest.mark.parametrize("readers_per_process", [1, 2])
async def test_readers_keep_their_guides_when_the_warm_parent_dies(
    serve_config: ServeConfig,
    start_server: StartServer,
    connect: ConnectReader,
    readers_per_process: int,
) -> None:
    server = await start_server(serve_config.with_(readers_per_process=readers_per_process))
    first = await connect(server)
    await first.wait_for("q Quit")
    second = await connect(server)
    await second.wait_for("q Quit")
    apps = session_pids(server)
    warm_parent = warm_parent_pid()

    os.kill(warm_parent, signal.SIGKILL)
    await wait_until(lambda: not process_exists(warm_parent))

    first.press("2")
    await first.wait_for("Section 2 of 9")
    second.press("s")
    await second.wait_for("Hormone receptor status:")
    later = await connect(server)  # from a new warm parent
    await later.wait_for("q Quit")
    assert warm_parent_pid() != warm_parent

    first.press("q")
    await first.wait_closed()
    assert messages.APP_STOPPED not in first.text
    second.press("q")
    await second.wait_closed()
    assert messages.APP_STOPPED not in second.text
    await wait_until(lambda: not any(process_exists(pid) for pid in apps))
    assert len(server.sessions) == 1
