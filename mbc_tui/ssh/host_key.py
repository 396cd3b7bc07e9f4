"""The server's host key: an ed25519 key in a file of mode 0600.

Made on first start at the default path, or by ``mbc-tui host-key FILE`` for a key that
several servers behind one load balancer share (``mbc-tui serve --host-key FILE``). An
unreadable, corrupt or too open key file is an error, never silently replaced: readers'
clients remember the key, and a new one would look like an attack to them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a key is made or read: the command line builds its
    # options from this module, and importing asyncssh costs a local start ~85 ms (and runs
    # a compiler and linker to look for liboqs)
    import asyncssh

KEY_FILE_NAME = "ssh_host_ed25519_key"

TOO_OPEN = 0o077
"""Permission bits for the group or others: like OpenSSH, a key with any of them is refused."""


class HostKeyError(Exception):
    """The host key file cannot be used; the message is one line for the operator."""


def default_host_key_path() -> Path:
    """$STATE_DIRECTORY (systemd), else $XDG_STATE_HOME or ~/.local/state, under mbc-tui/."""
    state_directory = os.environ.get("STATE_DIRECTORY")
    if state_directory:
        return Path(state_directory.split(":")[0]) / KEY_FILE_NAME
    state_home = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state_home) / "mbc-tui" / KEY_FILE_NAME


def load_or_create_host_key(path: Path, *, create: bool = True) -> asyncssh.SSHKey:
    """Read the key at ``path``. If there is no file there, make one (and its folder) when
    ``create``, else it is an error that says how to make one."""
    import asyncssh

    if not path.exists() and not path.is_symlink():
        if create:
            return create_host_key(path)
        raise HostKeyError(
            f"host key {path} does not exist (make one with: mbc-tui host-key {path})"
        )
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        data = path.read_bytes()
    except OSError as error:
        raise HostKeyError(f"cannot read host key {path}: {error.strerror}") from None
    if mode & TOO_OPEN:
        raise HostKeyError(
            f"host key {path} is readable by others (mode {mode:04o}): "
            f"make it private with: chmod 600 {path}"
        )
    try:
        key = asyncssh.import_private_key(data)
    except (asyncssh.KeyImportError, ValueError) as error:
        raise HostKeyError(f"host key {path} is not a usable private key ({error})") from None
    return key


def create_host_key(path: Path) -> asyncssh.SSHKey:
    """Make a new key at ``path`` (mode 0600, its folder 0700 if new); never replaces a file
    that exists."""
    import asyncssh

    key = asyncssh.generate_private_key("ssh-ed25519", comment="mbc-tui host key")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise HostKeyError(f"host key {path} exists already: it is never replaced") from None
    except OSError as error:
        raise HostKeyError(f"cannot create host key {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "wb") as file:
        file.write(key.export_private_key())
    return key


def fingerprint(key: asyncssh.SSHKey) -> str:
    """The SHA256 fingerprint, as OpenSSH prints it (SHA256:...)."""
    return key.get_fingerprint("sha256")
