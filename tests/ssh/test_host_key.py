"""The host key: made once with mode 0600, reused, never silently replaced."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from mbc_tui.cli import main
from mbc_tui.ssh.host_key import (
    HostKeyError,
    create_host_key,
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
    path.chmod(0o600)
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


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o660, 0o601])
def test_a_key_others_can_read_is_refused_and_left_alone(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "key"
    create_host_key(path)
    before = path.read_bytes()
    path.chmod(mode)
    with pytest.raises(HostKeyError, match=f"readable by others \\(mode {mode:04o}\\).*chmod 600"):
        load_or_create_host_key(path)
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_missing_key_is_made_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "key"
    with pytest.raises(HostKeyError, match=r"does not exist .*mbc-tui host-key"):
        load_or_create_host_key(path, create=False)
    assert not path.exists()


def test_the_host_key_command_makes_a_key_once_and_never_replaces_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "shared" / "key"
    assert main(["host-key", str(path)]) == 0
    out = capsys.readouterr().out
    key = load_or_create_host_key(path, create=False)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert f"Host key fingerprint: {fingerprint(key)}" in out
    made = path.read_bytes()
    assert main(["host-key", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == f"mbc-tui: error: host key {path} exists already: it is never replaced\n"
    assert path.read_bytes() == made


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "does not exist (make one with: mbc-tui host-key"),
        ("too-open", "is readable by others (mode 0644)"),
        ("folder", "cannot read host key"),
        ("corrupt", "is not a usable private key"),
    ],
)
def test_serve_with_an_unusable_host_key_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setup: str, message: str
) -> None:
    path = tmp_path / "key"
    if setup == "too-open":
        create_host_key(path)
        path.chmod(0o644)
    elif setup == "folder":
        path.mkdir()
    elif setup == "corrupt":
        path.write_text("garbage\n")
        path.chmod(0o600)
    assert main(["serve", "--port", "0", "--host-key", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mbc-tui: error: ")
    assert message in err
    assert err.count("\n") == 1
    assert path.exists() == (setup != "missing")  # never made, never replaced
