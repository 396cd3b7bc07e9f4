"""Memory and drawing time of one session's app at a range of window sizes. Prints a table.

    .venv/bin/python benchmarks/window_memory.py [--sizes 80x24,200x60,...]

Each app is started as the SSH server starts it (forked from the warm parent, on a fresh
pseudo-terminal of that size); the first screen is read to its end, then sections 2 to 5 are
opened one after another and a page is scrolled, each read to its end. Figures per app:
its private memory (USS: what it holds alone, from /proc/PID/smaps_rollup) and PSS (with its
share of the warm parent's pages), and how long the first screen and the section changes
took. The window size the server lets a reader have comes from these figures
(``mbc_tui.ssh.limits``). Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from pathlib import Path

from mbc_tui.ssh import spawner

DEFAULT_SIZES = "80x24,200x60,300x100,500x200,1000x1000"
QUIET = 0.5
"""Seconds without output after which a screen counts as drawn."""


def memory_kib(pid: int) -> tuple[int, int]:
    """(USS, PSS) of a process, in KiB."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            fields[name] = int(value.split()[0])
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return uss, fields.get("Pss", 0)


async def read_until_quiet(fd: int, limit: float = 120.0) -> int:
    """Read the app's output until it has been quiet for ``QUIET`` seconds."""
    received = 0
    last = time.monotonic()
    deadline = last + limit
    while time.monotonic() < deadline:
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            if time.monotonic() - last >= QUIET:
                break
            await asyncio.sleep(0.01)
            continue
        except OSError:
            break
        received += len(data)
        last = time.monotonic()
    return received


async def measure(columns: int, rows: int) -> tuple[float, float, float, float]:
    """USS and PSS (MB) after the steps, seconds to the first screen, seconds per step."""
    app = spawner.AppProcess(spawner.AppRequest("xterm-256color", columns, rows))
    try:
        started = time.monotonic()
        await read_until_quiet(app.master_fd)
        first = time.monotonic() - started - QUIET
        steps = [b"2", b"3", b"4", b"5", b"\t", b"\x1b[6~"]
        started = time.monotonic()
        for key in steps:
            os.write(app.master_fd, key)
            await read_until_quiet(app.master_fd)
        per_step = (time.monotonic() - started) / len(steps) - QUIET
        uss, pss = memory_kib(app.pid)
    finally:
        await app.stop()
        app.close_master()
        app.release()
    return uss / 1024, pss / 1024, first, per_step


async def main(sizes: list[tuple[int, int]]) -> None:
    print(f"{'window':>10} {'cells':>9} {'USS MB':>7} {'PSS MB':>7} {'first s':>8} {'step s':>7}")
    for columns, rows in sizes:
        uss, pss, first, step = await measure(columns, rows)
        cells = f"{columns * rows:,}"
        window = f"{columns}x{rows}"
        print(f"{window:>10} {cells:>9} {uss:7.0f} {pss:7.0f} {first:8.2f} {step:7.2f}", flush=True)


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for size in text.split(","):
        columns, rows = size.lower().split("x")
        sizes.append((int(columns), int(rows)))
    return sizes


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"default: {DEFAULT_SIZES}")
    arguments = parser.parse_args()
    spawner.warm_up()
    asyncio.run(main(parse_sizes(arguments.sizes)))
