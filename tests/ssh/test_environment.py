"""Nothing of the server's environment reaches a session's app."""

from __future__ import annotations

import os
import subprocess
import sys

from mbc_tui.ssh.environment import BASE_ENVIRONMENT, app_environment


def test_the_warm_parent_forgets_the_servers_environment() -> None:
    script = (
        "import os, mbc_tui.ssh.warm_environment, textual.constants as c;"
        "print(sorted(os.environ), c.DRIVER)"
    )
    env = {**os.environ, "SERVER_SECRET": "x", "TEXTUAL_DRIVER": "nonsense:Driver"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"{sorted(BASE_ENVIRONMENT)} None"


def test_an_apps_environment_is_the_base_and_the_clients_terminal() -> None:
    """Only that: how the app draws travels as its display profile, not in variables."""
    assert app_environment("xterm") == {**BASE_ENVIRONMENT, "TERM": "xterm"}
