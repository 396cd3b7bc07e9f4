"""The server's host key: an ed25519 key made on first start (mode 0600) and reused after.

An unreadable or corrupt key file is an error, never silently replaced: readers' clients
remember the key, and a new one would look like an attack to them.
"""

from __future__ import annotations

import os
from pathlib import Path

import asyncssh

KEY_FILE_NAME = "ssh_host_ed25519_key"


class HostKeyError(Exception):
    """The host key file cannot be used; the message is one line for the operator."""


def default_host_key_path() -> Path:
    """$STATE_DIRECTORY (systemd), else $XDG_STATE_HOME or ~/.local/state, under mbc-tui/."""
    state_directory = os.environ.get("STATE_DIRECTORY")
    if state_directory:
        return Path(state_directory.split(":")[0]) / KEY_FILE_NAME
    state_home = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state_home) / "mbc-tui" / KEY_FILE_NAME


def load_or_create_host_key(path: Path) -> asyncssh.SSHKey:
    """Read the key at ``path``; if there is no file there, make one (and its folder)."""
    if not path.exists() and not path.is_symlink():
        return _create(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HostKeyError(f"cannot read host key {path}: {error.strerror}") from None
    try:
        key = asyncssh.import_private_key(data)
    except (asyncssh.KeyImportError, ValueError) as error:
        raise HostKeyError(f"host key {path} is not a usable private key ({error})") from None
    return key


def _create(path: Path) -> asyncssh.SSHKey:
    key = asyncssh.generate_private_key("ssh-ed25519", comment="mbc-tui host key")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise HostKeyError(f"cannot create host key {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.export_private_key())
    return key


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The SHA256 fingerprint, as OpenSSH prints it (SHA256:...)."""
    return key.get_fingerprint("sha256")
