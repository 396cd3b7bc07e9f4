"""The full-screen guide's sessions over the websocket, as the browser page drives them:
the guide process, the first key, the cap, the idle warning and close, one log line."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

import aiohttp
import pytest

from mbc_tui.ssh.messages import SERVER_FULL
from mbc_tui.web.sessions import GuideAppService
from tests.web.conftest import Reader as WebReader
from tests.web.conftest import StartServer, WebServer

Connect = Callable[..., Awaitable[WebReader]]
DOWN, ENTER = "\x1b[B", "\r"


async def test_the_first_key_moves_in_the_topic_list(server: WebServer, connect: Connect):
    reader = await connect(server)
    await reader.wait_for("Topics")
    await reader.press(DOWN)
    await reader.press(ENTER)
    await reader.wait_for("Section 2 of")
    await reader.press("s")
    await reader.press("e")
    await reader.wait_for("ER: positive")


async def test_a_full_server_says_so_and_serves_no_guide(
    start_server: StartServer, connect: Connect
):
    server = await start_server(max_sessions=1)
    first = await connect(server)
    await first.wait_for("Topics")
    second = await connect(server)
    await second.wait_closed()
    assert SERVER_FULL[:40] in second.text.replace("\n", " ")
    assert second.socket.close_code == 1013
    async with aiohttp.ClientSession() as client, client.get(server.url + "/") as page:
        assert page.status == 503
        assert "try again" in (await page.text())
    async with aiohttp.ClientSession() as client, client.get(server.url + "/guide") as page:
        assert page.status == 200  # the text version is never full


async def test_an_idle_session_is_warned_then_closed_with_one_log_line(
    start_server: StartServer, connect: Connect, caplog: pytest.LogCaptureFixture
):
    caplog.set_level(logging.INFO, logger="mbc_tui.web")
    server = await start_server(idle_timeout=4.5)  # warned 1.5 s before the end
    reader = await connect(server)
    await reader.wait_for("Topics")
    await reader.press(DOWN)
    await reader.press(ENTER)
    await reader.wait_for("Section 2 of")
    await reader.wait_for("No key pressed for a while")
    await reader.wait_closed()
    await server.wait_until_no_session()
    lines = [record.getMessage() for record in caplog.records if "session " in record.getMessage()]
    assert len(lines) == 1
    assert "reason=idle-timeout" in lines[0] and "address=127.0.0.1" in lines[0]
    assert "spread" not in lines[0].lower()  # nothing of what was read


async def test_a_key_after_the_warning_keeps_the_session(
    start_server: StartServer, connect: Connect
):
    server = await start_server(idle_timeout=4.5)
    reader = await connect(server)
    await reader.wait_for("No key pressed for a while")
    await reader.press(DOWN)
    await reader.press(ENTER)
    await reader.wait_for("Section 2 of")
    assert not reader.closed
    assert server.open_sessions == 1


async def test_quitting_the_guide_ends_the_session(server: WebServer, connect: Connect):
    reader = await connect(server)
    await reader.wait_for("Topics")
    await reader.press("q")
    await reader.wait_closed()
    await server.wait_until_no_session()


class Recorder(GuideAppService):
    def __init__(self) -> None:
        self.written: list[str] = []

        async def write_str(text: str) -> None:
            self.written.append(text)

        async def nothing(*_: object) -> None: ...

        super().__init__(
            "true", write_bytes=nothing, write_str=write_str, close=nothing, download_manager=None
        )  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["open_url", "deliver_file_start"])
async def test_the_guide_cannot_send_the_browser_elsewhere(kind: str):
    service = Recorder()
    meta = {"type": kind, "url": "https://example.org/", "new_tab": True, "key": "k"}
    await service.on_meta(json.dumps(meta).encode())
    assert service.written == []
