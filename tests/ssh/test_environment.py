"""Nothing of the server's environment reaches a session's app, not even the initial
environment that ``/proc/PID/environ`` shows."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from mbc_tui.ssh.environment import BASE_ENVIRONMENT, app_environment

MARKER = "MBC_TUI_TEST_SERVER_SECRET"


def test_the_warm_parent_forgets_the_servers_environment() -> None:
    script = (
        "import os, mbc_tui.ssh.warm_environment as w, textual.constants as c;"
        "print(sorted(os.environ) == sorted(w.warm_parent_environment()), c.DRIVER)"
    )
    env = {**os.environ, MARKER: "x", "TEXTUAL_DRIVER": "nonsense:Driver"}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True None"


SESSION_ENVIRONS = textwrap.dedent(
    """
    import asyncio
    from mbc_tui.ssh import spawner

    def environ(pid):
        with open(f"/proc/{pid}/environ", "rb") as file:
            items = file.read().split(b"\\0")
        return sorted(item.split(b"=")[0].decode() for item in items if item)

    async def main():
        app = spawner.AppProcess(spawner.AppRequest("xterm", 80, 24))
        try:
            with open(f"/proc/{app.pid}/stat") as stat:
                warm_parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            print(environ(app.pid))
            print(environ(warm_parent))
        finally:
            await app.stop()
            app.close_master()

    if __name__ == "__main__":
        spawner.warm_up()
        asyncio.run(main())
    """
)


def test_no_server_variable_in_the_initial_environment_of_an_app_or_the_warm_parent(
    tmp_path: Path,
) -> None:
    """A fresh server process (the warm parent is started once per process), with a marker
    in its environment: /proc/PID/environ of a session's app and of its warm parent."""
    script = f"{tmp_path}/session_environs.py"
    with open(script, "w", encoding="utf-8") as file:
        file.write(SESSION_ENVIRONS)
    result = subprocess.run(
        [sys.executable, script],
        env={**os.environ, MARKER: "secret"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    app, warm_parent = result.stdout.splitlines()
    for seen in (app, warm_parent):
        assert MARKER not in seen
        assert seen == str(sorted([*BASE_ENVIRONMENT, "PYTHONPATH"]))


def test_an_apps_environment_is_the_base_and_the_clients_terminal() -> None:
    """Only that: how the app draws travels as its display profile, not in variables."""
    assert app_environment("xterm") == {**BASE_ENVIRONMENT, "TERM": "xterm"}
