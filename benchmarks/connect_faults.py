"""Every way a reader connects, mixed, against one ``mbc-tui serve``: prints what happened.

    .venv/bin/python benchmarks/connect_faults.py [--rounds 10] [--spares 2]

Starts the server as its own process (port 0, a throwaway host key, loopback only), then
runs ``--rounds`` rounds; each round, at the same time:

- reader: a terminal reader (asyncssh, pty): first screen, presses "2", sees section 2, leaves;
- piped: ``printf '5\\n' | ssh -T`` (the OpenSSH client): expects section 5 in its output;
- no input: ``ssh -n HOST true`` (OpenSSH): expects the refusal, non-zero, within 2 s;
- keys in flight: a reader sends 256 KB of keys and leaves 0.3 s later;
- never reads: a reader that stops reading while the guide draws, then leaves after 2 s.

Then it waits (up to 10 s) for the server to settle and prints, per kind: served, refused,
failed; and for the server: connections and app processes held after the run, open file
descriptors and memory (RSS of the server process, PSS of everything) before and after.
Not a test: nothing here passes or fails. Bounded in count and time; 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import asyncssh
import pyte
from ssh_load import Reader, machine, memory, start_server

SSH = shutil.which("ssh")
SSH_OPTIONS = [
    "-F",
    "/dev/null",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "BatchMode=yes",
    "-o",
    "LogLevel=ERROR",
]


def terminal_text(output: bytes) -> str:
    """What an 80x24 terminal shows after ``output``."""
    screen = pyte.Screen(80, 24)
    pyte.ByteStream(screen).feed(output)
    return "\n".join(screen.display)


KINDS = ("reader", "piped", "no input", "keys in flight", "never reads")


async def reader(port: int) -> str:
    visitor = Reader(port)
    try:
        await visitor.open()
        assert visitor.session is not None
        await visitor.press(b"2")
        deadline = time.perf_counter() + 10
        while "Section 2 of" not in terminal_text(visitor.session.received):
            if time.perf_counter() > deadline:
                return "failed"
            await asyncio.sleep(0.05)
        return "served"
    finally:
        visitor.close()


async def openssh(port: int, *arguments: str, stdin: bytes | None) -> tuple[int, bytes, bytes]:
    assert SSH is not None
    process = await asyncio.create_subprocess_exec(
        SSH,
        *SSH_OPTIONS,
        "-p",
        str(port),
        *arguments,
        stdin=asyncio.subprocess.DEVNULL if stdin is None else asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(15):
            out, err = await process.communicate(stdin)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    return process.returncode or 0, out, err


async def piped(port: int) -> str:
    status, out, _err = await openssh(port, "-T", "guide@127.0.0.1", stdin=b"5\n")
    return "served" if status == 0 and b"Section 5 of" in out else "failed"


async def no_input(port: int) -> str:
    started = time.perf_counter()
    status, _out, err = await openssh(port, "-n", "guide@127.0.0.1", "true", stdin=None)
    refused = status != 0 and b"only shows the guide" in err
    return "refused" if refused and time.perf_counter() - started < 2 else "failed"


async def keys_in_flight(port: int) -> str:
    visitor = Reader(port)
    try:
        await visitor.open()
        assert visitor.chan is not None
        visitor.chan.write(b"j" * 262144)
        await asyncio.sleep(0.3)  # the behaviour under test: leaving with keys in flight
        return "served"
    finally:
        visitor.close()


async def never_reads(port: int) -> str:
    visitor = Reader(port)
    try:
        await visitor.open()
        assert visitor.chan is not None
        visitor.chan.pause_reading()
        visitor.chan.write(b"2" * 200)
        await asyncio.sleep(2.0)  # the behaviour under test: a client that stops reading
        return "served"
    finally:
        visitor.close()


async def attempt(kind: str, port: int, results: Counter[tuple[str, str]]) -> None:
    run = {
        "reader": reader,
        "piped": piped,
        "no input": no_input,
        "keys in flight": keys_in_flight,
        "never reads": never_reads,
    }[kind]
    try:
        async with asyncio.timeout(30):
            outcome = await run(port)
    except (OSError, asyncssh.Error, TimeoutError, AssertionError):
        outcome = "failed"
    results[kind, outcome] += 1


def server_state(pid: int) -> tuple[int, int, int, int]:
    """App processes, open descriptors, RSS of the server process (KiB), PSS of all (KiB)."""
    apps, pss_total = memory(pid)
    fds = len(list(Path(f"/proc/{pid}/fd").iterdir()))
    rss = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return len(apps), fds, rss, pss_total


def connections_to(port: int) -> int:
    """Established TCP connections whose server end is ``port`` (IPv4, from /proc)."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, _remote, state = line.split()[1:4]
        if state == "01" and int(local.split(":")[1], 16) == port:
            count += 1
    return count


async def settle(pid: int, port: int) -> None:
    """Until no connection is open and the app processes stop changing (sessions ended;
    the spares kept for the readers who arrived are started), or 20 seconds."""
    deadline = time.perf_counter() + 20
    last, steady_since = -1, time.perf_counter()
    while time.perf_counter() < deadline:
        apps = server_state(pid)[0]
        if apps != last:
            last, steady_since = apps, time.perf_counter()
        if connections_to(port) == 0 and time.perf_counter() - steady_since > 2:
            return
        await asyncio.sleep(0.2)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--spares", type=int, default=2, help="the server's --spare-sessions")
    arguments = parser.parse_args()
    if SSH is None:
        sys.exit("connect_faults: the OpenSSH client (ssh) is not installed")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as key_dir:
        process, port = await start_server(20, arguments.spares, Path(key_dir))
        try:
            before = server_state(process.pid)
            results: Counter[tuple[str, str]] = Counter()
            for _ in range(arguments.rounds):
                await asyncio.gather(*(attempt(kind, port, results) for kind in KINDS))
            await settle(process.pid, port)
            after = server_state(process.pid)
            held = connections_to(port)
        finally:
            process.terminate()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), 15)
    print(f"{arguments.rounds} rounds of: {', '.join(KINDS)}")
    for kind in KINDS:
        outcomes = ", ".join(
            f"{outcome} {results[kind, outcome]}" for outcome in ("served", "refused", "failed")
        )
        print(f"  {kind:<15} {outcomes}")
    print(f"  connections held after the run   {held}")
    print(
        f"  app processes after the run      {after[0]} (all spares: {arguments.spares} kept"
        " while quiet, more for five minutes after readers arrive)"
    )
    print(f"  server descriptors               {before[1]} -> {after[1]}")
    print(f"  server RSS                       {before[2] / 1024:.1f} -> {after[2] / 1024:.1f} MB")
    print(f"  all processes PSS                {before[3] / 1024:.0f} -> {after[3] / 1024:.0f} MB")


if __name__ == "__main__":
    asyncio.run(main())
