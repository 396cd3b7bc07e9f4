"""Past one machine: HAProxy (deploy/haproxy.cfg, as shipped) in front of two guide servers
(``mbc-tui serve --proxy-protocol``, one shared host key), read with the real OpenSSH client
from 127.0.0.2 to 127.0.0.5, on loopback ports.

guide1 takes 4 readers (``--max-sessions 4``, HAProxy's ``maxconn 4``), guide2 takes 8; both
2 from one address. Readers are spread; each server logs and caps the reader's own address;
guide2 is stopped with SIGTERM while read (its reader is told goodbye; new readers reach
guide1 at once), comes back and gets readers again; and with guide1 full, readers go to
guide2, which has room.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from mbc_tui.ssh import messages
from tests.ssh.balanced import HAPROXY, GuideProcess, HAProxy, SSHReader, known_hosts
from tests.ssh.conftest import SSH, wait_until

pytestmark = [
    pytest.mark.skipif(
        HAPROXY is None,
        reason="HAProxy not installed (scripts/test installs Debian's haproxy when run as root)",
    ),
    pytest.mark.skipif(SSH is None, reason="OpenSSH client not installed"),
]

FIRST_LINES = "Type h for help."
"""The end of line mode's opening lines: the reader has the guide."""

PER_ADDRESS = 2
"""Both servers' --max-per-ip."""

SWITCH_OVER = 1.0
"""Seconds within which a new reader reaches the server still up, once the other stopped."""


class Setup:
    """The two servers, HAProxy, the known_hosts file and every reader started so far."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        key = folder / "shared_host_key"
        self.guide1 = GuideProcess(key, max_sessions=4, max_per_ip=PER_ADDRESS)
        self.guide2 = GuideProcess(key, max_sessions=8, max_per_ip=PER_ADDRESS)
        self.balancer = HAProxy(folder, [self.guide1, self.guide2])
        self.readers: list[SSHReader] = []
        self.trusted = folder

    async def reader(self, source: str, shown: str = FIRST_LINES) -> SSHReader:
        """A new reader from ``source``; returns once they were shown ``shown``."""
        user = f"reader{len(self.readers) + 1}"
        reader = await SSHReader(user, source).start(self.balancer, self.trusted)
        self.readers.append(reader)
        await reader.wait_for(shown)
        return reader

    def server_of(self, reader: SSHReader) -> GuideProcess:
        serving = [g for g in (self.guide1, self.guide2) if g.address_of(reader.user)]
        assert len(serving) == 1, f"{reader.user} is served by {len(serving)} servers"
        return serving[0]

    def logs(self) -> str:
        return (
            f"--- guide1\n{self.guide1.log}\n--- guide2\n{self.guide2.log}\n"
            f"--- haproxy\n{self.balancer.said}"
        )


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[Setup]:
    setup = Setup(tmp_path)
    try:
        yield setup
    finally:
        for reader in setup.readers:
            await reader.stop()
        await setup.balancer.stop()
        await setup.guide1.stop()
        await setup.guide2.stop()
        print(setup.logs())  # shown when the test fails


async def test_haproxy_spreads_readers_over_two_servers_that_stop_and_fill(
    setup: Setup, tmp_path: Path
) -> None:
    key = setup.guide1.key
    made = await _run_command("-m", "mbc_tui", "host-key", str(key))
    assert "Host key fingerprint: SHA256:" in made
    await setup.guide1.start()
    await setup.guide2.start()
    await setup.balancer.start()
    setup.trusted = known_hosts(tmp_path, setup.balancer.port, key)
    await setup.balancer.wait_for_states({"guide1": "UP", "guide2": "UP"})

    # Spread: two readers, one on each server, each logged with their own address.
    first = await setup.reader("127.0.0.2")
    second = await setup.reader("127.0.0.3")
    assert {setup.server_of(first), setup.server_of(second)} == {setup.guide1, setup.guide2}
    assert setup.server_of(first).address_of(first.user) == "127.0.0.2"
    assert setup.server_of(second).address_of(second.user) == "127.0.0.3"
    # HAProxy's health checks reached both servers, and neither logged them one by one.
    for guide in (setup.guide1, setup.guide2):
        assert "health-checks address=127.0.0.1 count=1 (the first" in guide.log
        assert "disconnect address=127.0.0.1:" not in guide.log

    # guide2 stops while read: its reader is told goodbye; new readers reach guide1 at once.
    on_guide2 = first if setup.server_of(first) is setup.guide2 else second
    on_guide1 = second if on_guide2 is first else first
    assert setup.guide2.process is not None
    setup.guide2.process.send_signal(signal.SIGTERM)
    await wait_until(lambda: "Shutting down" in setup.guide2.said)  # it no longer listens
    assert await setup.balancer.banner_time() < SWITCH_OVER
    own, other = on_guide1.source, on_guide2.source
    same_address = await setup.reader(own)
    other_address = await setup.reader(other)
    await on_guide2.wait_for(messages.SHUTDOWN_GOODBYE)
    assert await setup.guide2.stop() == 0
    assert setup.guide1.sessions_of([r.user for r in setup.readers]) == [
        on_guide1.user,
        same_address.user,
        other_address.user,
    ]
    # The cap is per reader's address, not per balancer: a third reader from ``own`` is
    # refused by guide1 (which has room), and one more from ``other`` is not.
    refused = await setup.reader(own, "sessions open from your address")
    await wait_until(lambda: refused.ended)
    assert setup.server_of(await setup.reader(other)) is setup.guide1  # guide1 is full now

    # guide2 comes back on its port and gets readers again (guide1 is full).
    await setup.guide2.start()
    await setup.balancer.wait_for_states({"guide1": "UP", "guide2": "UP"})
    back = [await setup.reader("127.0.0.3"), await setup.reader("127.0.0.2")]
    assert [setup.server_of(reader) for reader in back] == [setup.guide2, setup.guide2]

    # guide1 is full (4 of 4): readers go to guide2, which has room, even when guide2 has
    # as many sessions as guide1 or more (leastconn alone would send some to guide1, which
    # would turn them away).
    more = [await setup.reader(source) for source in ("127.0.0.4", "127.0.0.5") * 2]
    assert [setup.server_of(reader) for reader in more] == [setup.guide2] * 4
    assert len(setup.guide1.sessions_of([r.user for r in setup.readers])) == 4
    assert "as many readers as it can take" not in "".join(r.text for r in setup.readers)

    # Nobody ever saw a host key warning: every reader's client checked the one shared key.
    for reader in setup.readers:
        assert "WARNING" not in reader.text and "Host key" not in reader.text, reader.text


async def _run_command(*arguments: str) -> str:
    """Run ``python arguments`` and return what it printed; fail if it failed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *arguments,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode == 0, output
    return output.decode()
