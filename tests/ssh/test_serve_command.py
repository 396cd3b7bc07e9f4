"""``mbc-tui serve`` as the operator runs it: start-up lines, bad input, SIGTERM."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import asyncssh
import pytest

from mbc_tui.cli import main
from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.host_key import create_host_key
from tests.ssh.conftest import TIMEOUT, open_guide, process_exists, wait_until


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--port", "70000"], "is not a port number"),
        (["--max-sessions", "0"], "must be 1 or more"),
        (["--spare-sessions", "-1"], "must be 0 or more"),
        (["--readers-per-process", "0"], "must be 1 or more"),
        (["--readers-per-process", "two"], "is not a whole number"),
        (["--idle-timeout", "soon"], "is not a number of seconds"),
        (["--auth", "keys"], "--auth keys needs --authorized-keys FILE"),
        (["--auth", "keys", "--authorized-keys", "/nonexistent"], "cannot use authorized keys"),
        (["--auth", "password"], "invalid choice"),
        (["--login-timeout", "0"], "must be more than 0 seconds"),
        (["--max-startups", "10:30"], "is not START:RATE:FULL"),
        (["--max-startups", "20:30:10"], "needs 1 <= START <= FULL"),
        (["--max-startups", "1:0:10"], "a RATE from 1 to 100"),
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *arguments]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mbc-tui: error: ")
    assert message in err
    assert err.count("\n") == 1


def test_an_unknown_topic_for_every_session_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--topic", "nope", "serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mbc-tui: error: unknown topic 'nope'")
    assert err.count("\n") == 1


def test_a_corrupt_host_key_is_one_line_and_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = tmp_path / "key"
    key.write_text("garbage\n")
    key.chmod(0o600)
    assert main(["serve", "--port", "0", "--host-key", str(key)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mbc-tui: error: host key ")
    assert "not a usable private key" in err
    assert err.count("\n") == 1
    assert key.read_text() == "garbage\n"


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as file:
                    parent = int(file.read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.parametrize(
    ("stop_signal", "to_its_group"),
    [(signal.SIGTERM, False), (signal.SIGHUP, False), (signal.SIGHUP, True), (signal.SIGINT, True)],
    ids=["SIGTERM", "SIGHUP", "SIGHUP-to-its-group", "Ctrl+C-to-its-group"],
)
async def test_serve_prints_address_and_fingerprint_and_stops_cleanly_on_a_signal(
    tmp_path: Path, stop_signal: signal.Signals, to_its_group: bool
) -> None:
    """SIGTERM (systemd's stop), SIGHUP (the operator's terminal closed: the shell passes it to
    the whole job) and Ctrl+C all say goodbye, even when the warm parent got the signal too."""
    create_host_key(tmp_path / "key")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "mbc_tui",
        "serve",
        "--port",
        "0",
        "--host-key",
        str(tmp_path / "key"),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a job in a shell has
    )
    try:
        assert process.stdout is not None
        async with asyncio.timeout(TIMEOUT):
            banner = [(await process.stdout.readline()).decode() for _ in range(3)]
        port_match = re.search(r"on 127\.0\.0\.1 port (\d+)", banner[0])
        assert port_match, banner
        port = int(port_match.group(1))
        assert re.match(r"Host key fingerprint: SHA256:\S+", banner[1])
        assert f"ssh -p {port} guide@127.0.0.1" in banner[2]

        conn = await asyncssh.connect(
            "127.0.0.1",
            port,
            username="guide",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            preferred_auth="none",
        )
        assert f"Host key fingerprint: {conn.get_server_host_key().get_fingerprint()}" in banner[1]
        session = await open_guide(conn)
        helpers = descendants(process.pid)
        assert len(helpers) >= 2  # the warm parent and this reader's app, at least

        if to_its_group:
            os.killpg(process.pid, stop_signal)
        else:
            process.send_signal(stop_signal)
        async with asyncio.timeout(TIMEOUT):
            await session.closed.wait()
            assert await process.wait() == 0
        assert "shutting down" in "\n".join(session.screen.display)
        await wait_until(lambda: not [pid for pid in helpers if process_exists(pid)])
        assert process.stderr is not None
        log = (await process.stderr.read()).decode()
        assert "reason=server-shutdown" in log
        assert "Traceback" not in log
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def test_spares_default_to_a_few_and_never_exceed_the_session_cap() -> None:
    config = ServeConfig(host_key=Path("key"))
    assert config.spares == 4
    assert config.with_(spare_sessions=5).spares == 5
    assert config.with_(spare_sessions=0).spares == 0
    assert config.with_(spare_sessions=99, max_sessions=4).spares == 4


def test_readers_per_process_is_two_unless_the_operator_asks() -> None:
    import argparse

    from mbc_tui.ssh.options import add_arguments, config_from

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    parser.set_defaults(content=None, topic=None)
    assert config_from(parser.parse_args([])).readers_per_process == 2
    for chosen in (1, 4):
        arguments = ["--readers-per-process", str(chosen)]
        assert config_from(parser.parse_args(arguments)).readers_per_process == chosen
