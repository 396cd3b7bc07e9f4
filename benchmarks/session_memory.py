"""Where one session's memory is: a breakdown of an SSH session's app process. Prints a table.

    .venv/bin/python benchmarks/session_memory.py [--sessions 4] [--rounds 1]
    .venv/bin/python benchmarks/session_memory.py --readers-per-process 1,2,4,8 [--sessions 8]
        [--generations 1]

Starts apps as the SSH server does (forked from the warm parent, on a fresh 80x24
pseudo-terminal), reads their first screen, then takes each through a reader's journey: topics
stepped through and sections opened (``--rounds`` times the nine sections), the explorer,
help, search and a match, as ``ssh_load.py --pattern reading`` does. At the first screen and
after the journey it prints, for the first app, by kind of mapping (the interpreter's own heap,
anonymous memory: pymalloc's arenas and large blocks, thread stacks, libraries, other files):

- RSS, and the app's own pages (USS: Private_Clean + Private_Dirty, what the app alone holds);
- of those own pages, how many are *copies* of a page the warm parent has at the same address
  (copy on write: an object the parent made was written to, if only its reference count) and
  how many are *new* (memory the parent never had there), and of the copies how many are still
  byte for byte the parent's page (a count raised and lowered again: what KSM could merge);
- PSS, as ``ssh_load.py`` reports it (shared pages divided among the processes sharing them).

With ``--readers-per-process``, for each number N given: ``--sessions`` readers in processes
of N readers each (workers, as ``serve --readers-per-process N`` runs them: see
``mbc_tui.ssh.workers``), each reader on its own pty, through the same journey; it prints
the own memory and the PSS of those processes divided by the readers, at the first screen and
after the journey, and their CPU time per reader. Then each reader in turn leaves and a new
one takes their place (in the same worker) and goes through the journey: the own memory per
reader after that says what leaving readers leave behind.

Pages are told apart by their frame numbers (``/proc/PID/pagemap``), which only root may read;
without them only the RSS, USS and PSS columns are filled. The threads of the app are listed
with their stacks. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

from window_memory import read_until_quiet  # a screen read until it is drawn

from mbc_tui.ssh import spawner
from mbc_tui.ssh.workers import PooledApp, WorkerPool

PAGE = os.sysconf("SC_PAGE_SIZE")

DOWN, UP, TAB, ENTER, ESCAPE = b"\x1b[B", b"\x1b[A", b"\t", b"\r", b"\x1b"
JOURNEY = (b"s", b"e", ESCAPE, b"?", ESCAPE, b"/", b"h", b"e", b"r", b"2", ENTER, b"n")
"""After the sections: the explorer, help, search and a match (as ssh_load.py's)."""
TIDY_WAIT = 3.0
"""As ssh_load.py: a session frees what starting left behind 2 s after it starts."""

MAPPING = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$")
PRESENT = 1 << 63
FRAME = (1 << 55) - 1


@dataclass
class Mapping:
    start: int
    end: int
    permissions: str
    path: str
    fields: dict[str, int] = field(default_factory=dict)


@dataclass
class Kind:
    """KiB of one kind of mapping."""

    rss: int = 0
    pss: int = 0
    own: int = 0
    copied: int = 0
    identical: int = 0
    new: int = 0
    mappings: int = 0


def mappings(pid: int) -> list[Mapping]:
    found: list[Mapping] = []
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        if match := MAPPING.match(line):
            start, end, permissions, path = match.groups()
            found.append(Mapping(int(start, 16), int(end, 16), permissions, path))
        elif found and line.endswith(" kB"):
            name, _, value = line.partition(":")
            found[-1].fields[name] = int(value.split()[0])
    return found


def thread_stacks(maps: list[Mapping]) -> set[int]:
    """Starts of the mappings that are threads' stacks: anonymous, read-write, just above a
    guard page (glibc's layout for a pthread stack)."""
    stacks = set()
    for below, above in itertools.pairwise(maps):
        if (
            below.permissions.startswith("---p")
            and below.end == above.start
            and not below.path
            and not above.path
            and above.permissions.startswith("rw")
            and below.end - below.start <= 64 * 1024
            and above.end - above.start >= 64 * 1024
        ):
            stacks.add(above.start)
    return stacks


def kind_of(mapping: Mapping, stacks: set[int]) -> str:
    path = mapping.path
    if path == "[heap]":
        return "heap (brk: malloc)"
    if path == "[stack]":
        return "main thread's stack"
    if mapping.start in stacks:
        return "other threads' stacks"
    if not path:
        return "anonymous (pymalloc arenas, big blocks)"
    if path.startswith("["):
        return "kernel ([vdso], ...)"
    if ".so" in path or "/bin/python" in path:
        return "libraries and python"
    return "other files"


def frames(pid: int, start: int, end: int) -> list[int]:
    """The frame number of each page in [start, end), or -1 where none is present."""
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        pagemap.seek(start // PAGE * 8)
        data = pagemap.read((end - start) // PAGE * 8)
    entries = struct.unpack(f"{len(data) // 8}Q", data)
    return [entry & FRAME if entry & PRESENT else -1 for entry in entries]


def same_bytes(pid: int, parent: int, address: int) -> bool:
    with open(f"/proc/{pid}/mem", "rb") as mine, open(f"/proc/{parent}/mem", "rb") as theirs:
        mine.seek(address)
        theirs.seek(address)
        return mine.read(PAGE) == theirs.read(PAGE)


def breakdown(pid: int, parent: int) -> tuple[dict[str, Kind], bool]:
    """KiB per kind of mapping; False if frame numbers could not be read (not root)."""
    maps = mappings(pid)
    stacks = thread_stacks(maps)
    kinds: dict[str, Kind] = {}
    parent_frames: dict[int, int] = {}
    by_frames = True
    try:
        for mapping in mappings(parent):
            start = mapping.start
            for index, frame in enumerate(frames(parent, mapping.start, mapping.end)):
                if frame >= 0:
                    parent_frames[start + index * PAGE] = frame
        by_frames = any(frame > 0 for frame in parent_frames.values())
    except OSError:
        by_frames = False
    for mapping in maps:
        kind = kinds.setdefault(kind_of(mapping, stacks), Kind())
        kind.mappings += 1
        kind.rss += mapping.fields.get("Rss", 0)
        kind.pss += mapping.fields.get("Pss", 0)
        kind.own += mapping.fields.get("Private_Clean", 0) + mapping.fields.get("Private_Dirty", 0)
        if not by_frames:
            continue
        for index, frame in enumerate(frames(pid, mapping.start, mapping.end)):
            address = mapping.start + index * PAGE
            theirs = parent_frames.get(address)
            if frame <= 0 or frame == theirs:
                continue
            if theirs is None:
                kind.new += PAGE // 1024
            else:
                kind.copied += PAGE // 1024
                with contextlib.suppress(OSError):
                    if same_bytes(pid, parent, address):
                        kind.identical += PAGE // 1024
    return kinds, by_frames


def threads(pid: int) -> list[str]:
    names = []
    for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
        with contextlib.suppress(OSError):
            names.append((task / "comm").read_text().strip())
    return names


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def print_breakdown(title: str, pid: int) -> None:
    parent = parent_of(pid)
    kinds, by_frames = breakdown(pid, parent)
    print(f"\n{title} (app {pid}, warm parent {parent}); KiB")
    print(f"{'':42} {'RSS':>7} {'own':>7} {'copied':>7} {'same':>7} {'new':>7} {'PSS':>7}")
    total = Kind()
    for name, kind in sorted(kinds.items(), key=lambda item: -item[1].own):
        print(
            f"{name:42} {kind.rss:7} {kind.own:7} {kind.copied:7} {kind.identical:7} "
            f"{kind.new:7} {kind.pss:7}"
        )
        for attribute in ("rss", "own", "copied", "identical", "new", "pss"):
            setattr(total, attribute, getattr(total, attribute) + getattr(kind, attribute))
    print(
        f"{'total':42} {total.rss:7} {total.own:7} {total.copied:7} {total.identical:7} "
        f"{total.new:7} {total.pss:7}"
    )
    if not by_frames:
        print("  (copied/same/new need root: frame numbers unreadable)")
    maps = mappings(pid)
    stacks = [m for m in maps if m.start in thread_stacks(maps)]
    names = threads(pid)
    print(
        f"threads: {len(names)} ({', '.join(names)}); other threads' stacks: "
        + ", ".join(
            f"{(m.end - m.start) // 1024} KiB reserved, {m.fields.get('Rss', 0)} KiB used"
            for m in stacks
        )
    )


def rollup(pid: int) -> dict[str, int]:
    """KiB of each kind in ``/proc/PID/smaps_rollup`` (Rss, Pss, Private_Dirty...)."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if value.strip().endswith("kB"):
            fields[name] = int(value.split()[0])
    return fields


def print_mean(title: str, apps: list[spawner.AppProcess]) -> None:
    """Own memory (USS) and PSS, the mean of all the apps."""
    owns, psses = [], []
    for app in apps:
        fields = rollup(app.pid)
        owns.append(fields["Private_Clean"] + fields["Private_Dirty"])
        psses.append(fields["Pss"])
    print(
        f"{title}, mean of {len(apps)} apps: own {sum(owns) / len(owns) / 1024:.1f} MB, "
        f"PSS {sum(psses) / len(psses) / 1024:.1f} MB"
    )


async def press(master_fd: int, keys: list[bytes]) -> None:
    for key in keys:
        os.write(master_fd, key)
        await read_until_quiet(master_fd)


def reading_keys(rounds: int) -> list[bytes]:
    """Topics stepped through and every section opened, ``rounds`` times."""
    keys: list[bytes] = []
    for _ in range(rounds):
        for number in range(1, 10):
            keys += [DOWN, TAB, str(number).encode(), TAB, UP]
    return keys


async def main(sessions: int, rounds: int) -> None:
    apps = [
        spawner.AppProcess(spawner.AppRequest("xterm-256color", 80, 24)) for _ in range(sessions)
    ]
    try:
        await asyncio.gather(*(read_until_quiet(app.master_fd) for app in apps))
        print_breakdown("first screen", apps[0].pid)
        print_mean("first screen", apps)
        await asyncio.gather(*(press(app.master_fd, reading_keys(rounds)) for app in apps))
        await asyncio.gather(*(press(app.master_fd, list(JOURNEY)) for app in apps))
        await asyncio.sleep(TIDY_WAIT)
        print_breakdown("after the journey", apps[0].pid)
        print_mean("after the journey", apps)
    finally:
        for app in apps:
            await app.stop()
            app.close_master()
            app.release()


def memory_per_reader(pids: list[int], readers: int) -> tuple[float, float]:
    """(own, PSS) in MB of the processes ``pids``, divided by the readers they serve."""
    own = pss = 0
    for pid in pids:
        fields = rollup(pid)
        own += fields["Private_Clean"] + fields["Private_Dirty"]
        pss += fields["Pss"]
    return own / readers / 1024, pss / readers / 1024


def cpu_ms_per_reader(pids: list[int], readers: int) -> float:
    """CPU time (user + system) the processes ``pids`` have used, per reader, in ms."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks * 1000 / os.sysconf("SC_CLK_TCK") / readers


async def journey(apps: list[PooledApp], rounds: int) -> None:
    """Each app through the sections and the rest of the journey, all at once."""
    await asyncio.gather(*(press(app.master_fd, reading_keys(rounds)) for app in apps))
    await asyncio.gather(*(press(app.master_fd, list(JOURNEY)) for app in apps))
    await asyncio.sleep(TIDY_WAIT)


async def readers_together(sessions: int, per_process: int, rounds: int, generations: int) -> None:
    """``sessions`` readers in workers of ``per_process`` apps each, as ``serve
    --readers-per-process`` runs them (``mbc_tui.ssh.workers``); memory and CPU per reader.
    Then, ``generations`` times, each reader leaves in turn and a new one takes their place in
    the same worker and goes through the journey: own memory per reader again (what leaving
    readers left behind; marked * once a worker has retired and a new one took over)."""
    pool = WorkerPool(per_process)
    request = spawner.AppRequest("xterm-256color", 80, 24)
    apps = [PooledApp(request, pool) for _ in range(sessions)]
    try:
        pids = [worker.pid for worker in pool.workers]
        await asyncio.gather(*(read_until_quiet(app.master_fd) for app in apps))
        await asyncio.sleep(TIDY_WAIT)
        first = memory_per_reader(pids, sessions)
        first_cpu = cpu_ms_per_reader(pids, sessions)
        await journey(apps, rounds)
        after = memory_per_reader(pids, sessions)
        journey_cpu = cpu_ms_per_reader(pids, sessions) - first_cpu
        nexts = []
        for _ in range(generations):
            for index, app in enumerate(apps):  # one leaves, the next takes their place
                await app.stop()
                app.close_master()
                apps[index] = PooledApp(request, pool)
                await read_until_quiet(apps[index].master_fd)
            await journey(apps, rounds)
            moved = sorted(worker.pid for worker in pool.workers) != sorted(pids)
            own = memory_per_reader([worker.pid for worker in pool.workers], sessions)[0]
            nexts.append(f"{own:.1f}" + ("*" if moved else ""))
        print(
            f"{per_process:>8} {len(pids):>9} {first[0]:>11.1f} {first[1]:>11.1f} "
            f"{after[0]:>11.1f} {after[1]:>11.1f} {first_cpu:>11.0f} {journey_cpu:>11.0f} "
            f"{' '.join(nexts):>11}",
            flush=True,
        )
    finally:
        for app in apps:
            await app.stop()
            app.close_master()
        await pool.stop()


async def compare_per_process(
    sessions: int, counts: list[int], rounds: int, generations: int
) -> None:
    print(
        f"{sessions} readers at 80x24; MB per reader (own: Private_Clean + Private_Dirty); "
        "CPU ms per reader (to the first screen, then the journey); 'next own': after each "
        "generation of next readers' journeys, each having taken the place of one who left"
    )
    print(
        f"{'per proc':>8} {'processes':>9} {'first own':>11} {'first PSS':>11} "
        f"{'after own':>11} {'after PSS':>11} {'first CPU':>11} {'journey CPU':>11} "
        f"{'next own':>11}"
    )
    for count in counts:
        await readers_together(sessions, count, rounds, generations)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=4, help="apps forked (default 4)")
    parser.add_argument(
        "--rounds", type=int, default=1, help="times the nine sections are opened (default 1)"
    )
    parser.add_argument(
        "--readers-per-process",
        default="",
        help="compare processes serving this many readers each, e.g. 1,2,4,8",
    )
    parser.add_argument(
        "--generations",
        type=int,
        default=1,
        help="with --readers-per-process: times every reader is replaced by a new one",
    )
    arguments = parser.parse_args()
    if arguments.sessions < 1 or arguments.rounds < 0 or arguments.generations < 0:
        parser.error("--sessions must be at least 1, --rounds and --generations at least 0")
    # Multiprocessing runs a script's main module again in each process it starts (this
    # script, in every app), which a session forked by ``mbc-tui serve`` never does: hidden.
    del sys.modules["__main__"].__file__
    spawner.warm_up()
    if arguments.readers_per_process:
        try:
            counts = [int(count) for count in arguments.readers_per_process.split(",")]
        except ValueError:
            parser.error("--readers-per-process takes whole numbers, e.g. 1,2,4,8")
        if min(counts) < 1:
            parser.error("--readers-per-process takes numbers of at least 1")
        asyncio.run(
            compare_per_process(arguments.sessions, counts, arguments.rounds, arguments.generations)
        )
    else:
        asyncio.run(main(arguments.sessions, arguments.rounds))
