"""A reader's session over SSH, driven with an asyncssh client that asks for a pty."""

from __future__ import annotations

from mbc_tui.ssh.server import GuideServer
from tests.ssh.conftest import ConnectReader


async def test_first_screen_shows_the_sidebar(server: GuideServer, connect: ConnectReader) -> None:
    reader = await connect(server)
    text = await reader.wait_for("q Quit")
    assert "Topics" in text
    assert "1 What it is" in text
    assert "8 About this guide" in text


async def test_goodbye_on_shutdown(server: GuideServer, connect: ConnectReader) -> None:
    reader = await connect(server)
    await reader.wait_for("q Quit")
    await server.stop()
    await reader.wait_closed()
    print(bytes(reader.session.raw[-400:]))
    assert "shutting down" in reader.text
