"""--auth keys: only the keys in the authorized keys file may read the guide."""

from __future__ import annotations

from pathlib import Path

import asyncssh
import pytest

from mbc_tui.ssh.config import ServeConfig
from tests.ssh.conftest import StartServer, open_guide


async def open_with(port: int, key: asyncssh.SSHKey | None) -> asyncssh.SSHClientConnection:
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username="guide",
        known_hosts=None,
        client_keys=[key] if key is not None else None,
        agent_path=None,
        preferred_auth="publickey" if key is not None else "none",
    )


async def test_only_authorized_keys_get_in(
    serve_config: ServeConfig, start_server: StartServer, tmp_path: Path
) -> None:
    allowed = asyncssh.generate_private_key("ssh-ed25519")
    stranger = asyncssh.generate_private_key("ssh-ed25519")
    authorized = tmp_path / "authorized_keys"
    authorized.write_bytes(allowed.export_public_key())
    server = await start_server(serve_config.with_(auth="keys", authorized_keys=authorized))

    conn = await open_with(server.port, allowed)
    await open_guide(conn)
    conn.close()

    with pytest.raises(asyncssh.PermissionDenied):
        await open_with(server.port, stranger)
    with pytest.raises(asyncssh.PermissionDenied):
        await open_with(server.port, None)


async def test_auth_none_lets_anyone_in_without_a_password(
    serve_config: ServeConfig, start_server: StartServer
) -> None:
    server = await start_server(serve_config)
    conn = await open_with(server.port, None)
    assert conn.get_extra_info("username") == "guide"
    conn.close()
