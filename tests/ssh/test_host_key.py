"""The host key: made once with mode 0600, reused, never silently replaced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from mbc_tui.ssh.host_key import (
    HostKeyError,
    default_host_key_path,
    fingerprint,
    load_or_create_host_key,
)


def test_made_on_first_start_with_mode_0600_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "state" / "key"
    first = load_or_create_host_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.algorithm == b"ssh-ed25519"
    again = load_or_create_host_key(path)
    assert fingerprint(again) == fingerprint(first)
    assert fingerprint(first).startswith("SHA256:")


def test_a_corrupt_key_is_an_error_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text("not a key\n")
    with pytest.raises(HostKeyError, match="not a usable private key"):
        load_or_create_host_key(path)
    assert path.read_text() == "not a key\n"


def test_an_unreadable_key_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.mkdir()  # a folder where the key should be: unreadable as a file, even for root
    with pytest.raises(HostKeyError, match="cannot read host key"):
        load_or_create_host_key(path)


def test_default_path_uses_the_systemd_state_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STATE_DIRECTORY", "/var/lib/mbc-tui")
    assert default_host_key_path() == Path("/var/lib/mbc-tui/ssh_host_ed25519_key")
    monkeypatch.delenv("STATE_DIRECTORY")
    monkeypatch.setenv("XDG_STATE_HOME", "/somewhere")
    assert default_host_key_path() == Path("/somewhere/mbc-tui/ssh_host_ed25519_key")
