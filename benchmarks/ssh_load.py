"""Load on ``mbc-tui serve``: many readers at once, over SSH on 127.0.0.1. Prints figures.

    .venv/bin/python benchmarks/ssh_load.py [--sessions 50] [--rate 5] [--keys 5]
        [--pattern burst|steady|both|reading|neighbour] [--spares N] [--readers-per-process N]
        [--readers 50,100] [--find-capacity] [--duration 60]

Starts the server as its own process (port 0, a throwaway host key; ``--spares`` is passed
on as ``--spare-sessions``, default: the server's default), waits until its spare apps are
started, as they would be long before readers arrive on a real server, then for each
pattern:

- burst: all sessions connect at once; steady: ``--rate`` new sessions a second;
- each session waits for its first screen (the footer's "Quit" has arrived), timed from
  the start of its TCP connection;
- with all of them open, each presses ``--keys`` keys ("2", "1", ...: a new section each
  time) at a reader's pace, and the time from sending a key to the first byte of the redraw
  is recorded;
- then the memory of the app processes (PSS, from /proc/PID/smaps_rollup) is summed.

reading (the reader model of issue 11), for each number of readers in ``--readers``: they
arrive at ``--rate`` a second; once all are open, each presses one key every 2 s for
``--duration`` seconds, and every fifth key (every 10 s) opens a new section, by Enter or by
its number. The other keys are steps in the topic list (Tab back to it first, after an
opening). A keystroke is timed to the first byte of the redraw; an opening to the moment
the section is on screen (its number in the reader's frame and its title in the text, read
from a terminal emulator fed every byte). Then each reader goes through the rest of the
journey (explorer, help, search, a match opened), and the PSS of each app is read. With
``--readers-per-process N`` the server runs up to N readers' apps in one process: each app
is then given its share of its process's PSS (the process's PSS divided by the
pseudo-terminals it holds).
``--find-capacity`` steps the number of readers up from the first of ``--readers`` by
``--step`` until the targets (keystroke p95 < 100 ms, opening p95 < 150 ms) fail, and
prints the most that met them.

neighbour: one busy reader opening sections as fast as the guide answers, beside one
ordinary reader pressing a key every 0.3 s: the ordinary reader's keystroke times (with
``--readers-per-process 2``, the two share one process).

The load generator runs on the same machine and takes some of its CPU; the figures are
therefore a little pessimistic. Not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import asyncssh
import pyte

from mbc_tui.ssh.config import ServeConfig
from mbc_tui.ssh.host_key import load_or_create_host_key

SERVER_DEFAULTS = ServeConfig(host_key=Path("unused"))
"""What ``mbc-tui serve`` does when not told otherwise."""

FIRST_SCREEN_MARK = b"Quit"
TIMEOUT = 60.0


@dataclass
class Figures:
    first_screen: list[float] = field(default_factory=list)
    keystroke: list[float] = field(default_factory=list)
    section: list[float] = field(default_factory=list)
    cpu: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """From the first arrival until all are open: app CPU seconds per reader (spares started
    before that not counted), the server's and the load generator's total."""
    spares: int = 0
    """Spare apps started before the first reader arrived."""
    failures: list[str] = field(default_factory=list)


class LoadSession(asyncssh.SSHClientSession[bytes]):
    def __init__(self) -> None:
        self.received = bytearray()
        self.arrived = asyncio.Event()
        self.last_data = 0.0

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.received += data
        self.last_data = time.perf_counter()
        self.arrived.set()


class Reader:
    session_class: type[LoadSession] = LoadSession

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn: asyncssh.SSHClientConnection | None = None
        self.chan: asyncssh.SSHClientChannel[bytes] | None = None
        self.session: LoadSession | None = None

    async def open(self) -> float:
        started = time.perf_counter()
        self.conn = await asyncssh.connect(
            "127.0.0.1",
            self.port,
            username="guide",
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            preferred_auth="none",
        )
        self.chan, self.session = await self.conn.create_session(
            self.session_class, term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        while FIRST_SCREEN_MARK not in self.session.received:
            self.session.arrived.clear()
            await self.session.arrived.wait()
        return time.perf_counter() - started

    async def quiet(self, gap: float = 0.15) -> None:
        assert self.session is not None
        while time.perf_counter() - self.session.last_data < gap:
            await asyncio.sleep(gap / 3)

    async def press(self, key: bytes) -> float:
        assert self.session is not None and self.chan is not None
        await self.quiet()
        self.session.arrived.clear()
        sent = time.perf_counter()
        self.chan.write(key)
        await self.session.arrived.wait()
        return time.perf_counter() - sent

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


async def start_server(
    sessions: int, spares: int | None, key_dir: Path, readers_per_process: int
) -> tuple[asyncio.subprocess.Process, int]:
    options = ["--max-sessions", str(sessions), "--max-per-ip", str(sessions)]
    if spares is not None:
        options += ["--spare-sessions", str(spares)]
    options += ["--readers-per-process", str(readers_per_process)]
    load_or_create_host_key(key_dir / "host_key")  # --host-key takes a key that exists
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "mbc_tui",
        "serve",
        "--port",
        "0",
        "--host-key",
        str(key_dir / "host_key"),
        *options,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    assert process.stdout is not None
    line = (await process.stdout.readline()).decode()
    match = re.search(r"port (\d+)", line)
    if not match:
        raise SystemExit(f"server did not start: {line!r}")
    for _ in range(2):
        await process.stdout.readline()
    # The warm parent imports Textual and loads the content in the background: let it finish,
    # as it would have long before the first reader arrives on a real server.
    warm = Reader(int(match.group(1)))
    await warm.open()
    warm.close()
    await asyncio.sleep(1.0)
    await spares_started(process.pid)
    return process, int(match.group(1))


async def spares_started(server_pid: int) -> None:
    """Wait until the app processes (the spares) have stopped starting: their count and
    their CPU use unchanged for two seconds."""
    last: tuple[int, float] = (-1, -1.0)
    steady_since = time.perf_counter()
    while time.perf_counter() - steady_since < 2.0:
        await asyncio.sleep(0.5)
        apps, _ = memory(server_pid)
        now = (len(apps), round(cpu_use(server_pid)[0], 1))
        if now != last:
            last, steady_since = now, time.perf_counter()


def process_tree(root: int) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    return children


def pss_kib(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


def ksm_merging_kib(pid: int) -> int:
    """Memory of ``pid`` that kernel same-page merging shares (0 when KSM is not running)."""
    with contextlib.suppress(OSError, ValueError):
        pages = int(Path(f"/proc/{pid}/ksm_merging_pages").read_text())
        return pages * os.sysconf("SC_PAGE_SIZE") // 1024
    return 0


def ksm_state() -> str:
    """Whether the machine runs KSM (see docs/scaling.md): PSS depends on it."""
    with contextlib.suppress(OSError):
        if Path("/sys/kernel/mm/ksm/run").read_text().strip() == "1":
            return "KSM running"
    return "KSM off"


def cpu_seconds(pid: int) -> float:
    with contextlib.suppress(OSError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


def cpu_use(server_pid: int) -> tuple[float, float]:
    """CPU seconds used so far by the app processes, and by the server and its helpers."""
    tree = process_tree(server_pid)
    helpers = [server_pid, *tree.get(server_pid, [])]
    apps = [app for helper in helpers[1:] for app in tree.get(helper, [])]
    return sum(cpu_seconds(pid) for pid in apps), sum(cpu_seconds(pid) for pid in helpers)


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def app_pids(server_pid: int) -> list[int]:
    """The app processes: children of the server's helpers (the warm parent's)."""
    tree = process_tree(server_pid)
    return [app for helper in tree.get(server_pid, []) for app in tree.get(helper, [])]


def apps_in(pid: int) -> int:
    """How many readers' apps a process runs: the pseudo-terminals it holds open (one for a
    session's own process, up to N for a worker of ``--readers-per-process N``)."""
    terminals = set()
    with contextlib.suppress(OSError):
        for fd in os.listdir(f"/proc/{pid}/fd"):
            with contextlib.suppress(OSError):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("/dev/pts/"):
                    terminals.add(target)
    return len(terminals)


def per_app(pids: list[int], kib: Callable[[int], int]) -> list[int]:
    """``kib(pid)`` of each process, shared out among the apps it runs: one figure per app
    (a process with no app yet counts as one)."""
    shares: list[int] = []
    for pid in pids:
        apps = max(1, apps_in(pid))
        shares += [kib(pid) // apps] * apps
    return shares


def memory(server_pid: int) -> tuple[list[int], int]:
    """PSS in KiB of each app (its process's, shared among the apps a worker runs), and of
    everything (server, helpers, apps)."""
    tree = process_tree(server_pid)
    everything = [server_pid]
    apps: list[int] = []
    for helper in tree.get(server_pid, []):
        everything.append(helper)
        for app in tree.get(helper, []):
            everything.append(app)
            apps.append(app)
    return per_app(apps, pss_kib), sum(pss_kib(pid) for pid in everything)


ReaderT = TypeVar("ReaderT", bound="Reader")


async def open_reader(
    reader: ReaderT, first_screen: list[float], failures: list[str], delay: float
) -> ReaderT | None:
    """``reader`` connected after ``delay`` seconds, its time to first screen recorded
    (None if it failed: the failure is recorded, a figure and not a crash)."""
    await asyncio.sleep(delay)
    try:
        async with asyncio.timeout(TIMEOUT):
            first_screen.append(await reader.open())
        return reader
    except Exception as error:
        failures.append(f"connect: {type(error).__name__}: {error}")
        reader.close()
        return None


DOWN, UP = b"\x1b[B", b"\x1b[A"


async def press_keys(reader: Reader, keys: int, figures: Figures) -> None:
    """Move through the topic list (Down, Down, Up, Up, ...) at a reader's pace, and at a
    random moment among those keys open a section (a bigger redraw: a new page of text)."""
    await asyncio.sleep(random.uniform(0, 1.0))
    presses = [(DOWN if index % 4 < 2 else UP, figures.keystroke) for index in range(keys)]
    presses.insert(random.randint(0, keys), (b"3", figures.section))
    for key, into in presses:
        try:
            async with asyncio.timeout(TIMEOUT):
                into.append(await reader.press(key))
        except Exception as error:
            figures.failures.append(f"key: {type(error).__name__}: {error}")
            return
        await asyncio.sleep(random.uniform(0.5, 1.5))


async def run_pattern(name: str, arguments: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as key_dir:
        process, port = await start_server(
            arguments.sessions, arguments.spares, Path(key_dir), arguments.readers_per_process
        )
        try:
            figures = Figures()
            spares, _ = memory(process.pid)
            figures.spares = len(spares)
            app_cpu_before, server_cpu_before = cpu_use(process.pid)
            load_cpu_before = own_cpu()
            spacing = 0.0 if name == "burst" else 1.0 / arguments.rate
            opened = await asyncio.gather(
                *(
                    open_reader(Reader(port), figures.first_screen, figures.failures, i * spacing)
                    for i in range(arguments.sessions)
                )
            )
            readers = [reader for reader in opened if reader is not None]
            await asyncio.gather(*(reader.quiet(0.5) for reader in readers))
            app_cpu, server_cpu = cpu_use(process.pid)
            figures.cpu = (
                (app_cpu - app_cpu_before) / max(1, len(readers)),
                server_cpu - server_cpu_before,
                own_cpu() - load_cpu_before,
            )
            await asyncio.gather(*(press_keys(r, arguments.keys, figures) for r in readers))
            apps, total = memory(process.pid)
            report(name, arguments, figures, len(readers), apps, total)
            for reader in readers:
                reader.close()
        finally:
            process.terminate()
            async with asyncio.timeout(30):
                await process.wait()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(
    name: str,
    arguments: argparse.Namespace,
    figures: Figures,
    open_count: int,
    apps: list[int],
    total: int,
) -> None:
    arrival = "all at once" if name == "burst" else f"{arguments.rate:g} a second"
    print(f"\n{name}: {arguments.sessions} sessions, {arrival}, {figures.spares} spare apps ready")
    first = figures.first_screen
    keys = figures.keystroke
    print(
        f"  first screen     p50 {percentile(first, 0.5):.2f} s   "
        f"p95 {percentile(first, 0.95):.2f} s   max {max(first, default=float('nan')):.2f} s"
    )
    print(
        f"  keystroke        p50 {percentile(keys, 0.5) * 1000:.0f} ms   "
        f"p95 {percentile(keys, 0.95) * 1000:.0f} ms   ({len(keys)} keys, {open_count} open)"
    )
    section = figures.section
    print(
        f"  open a section   p50 {percentile(section, 0.5) * 1000:.0f} ms   "
        f"p95 {percentile(section, 0.95) * 1000:.0f} ms   ({len(section)} keys)"
    )
    if apps:
        print(
            f"  memory (PSS)     {statistics.mean(apps) / 1024:.1f} MB per session, "
            f"{total / 1024:.0f} MB in total ({len(apps)} sessions, server and warm parent)"
        )
    per_app, server_cpu, load_cpu = figures.cpu
    print(
        f"  CPU to open all  apps {per_app:.2f} s per reader, server {server_cpu:.1f} s, "
        f"load generator {load_cpu:.1f} s"
    )
    print(f"  failures         {len(figures.failures)}")
    for failure in figures.failures[:5]:
        print(f"    {failure}")


# --- reading: the reader model of issue 11 -----------------------------------------------

KEY_EVERY = 2.0
"""Seconds between one reader's keys."""
OPEN_EVERY = 5
"""Every fifth key opens a section (one every 10 s)."""
KEY_TARGET = 0.100
OPEN_TARGET = 0.150
"""p95 targets: a keystroke, a section opened."""
KEY_WAIT = 10.0
"""A key with no answer after this long is counted as a failure (and the reader goes on)."""
SECTIONS = 9
TAB, ENTER = b"\t", b"\r"
"""Tab takes the focus from the reader back to the topic list (Escape would too, but the guide
waits 50 ms after a lone Escape byte to tell it from the start of a sequence)."""
JOURNEY = (b"s", b"e", b"\x1b", b"?", b"\x1b", b"/", b"h", b"e", b"r", b"2", b"\r", b"n")
"""After the timed keys: the explorer, help, search and a match, as in benchmarks/cpu.py."""


@dataclass
class Reading:
    """What one run of the reader model measured."""

    readers: int
    keystroke: list[float] = field(default_factory=list)
    opened_first_byte: list[float] = field(default_factory=list)
    opened_on_screen: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    first_screen: list[float] = field(default_factory=list)
    pss_first_screen: list[int] = field(default_factory=list)
    pss_after_journey: list[int] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)
    """Load average (1 minute) before and after."""
    merged: list[int] = field(default_factory=list)
    """KiB of each app merged by KSM after the journey (all 0 without KSM)."""

    def meets_targets(self) -> bool:
        return (
            not self.failures
            and percentile(self.keystroke, 0.95) < KEY_TARGET
            and percentile(self.opened_on_screen, 0.95) < OPEN_TARGET
        )


class ScreenSession(LoadSession):
    """A load session that also keeps what the terminal shows (pyte), for openings."""

    def __init__(self) -> None:
        super().__init__()
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.stream.feed(data)
        super().data_received(data, datatype)


class ModelReader(Reader):
    """A reader of the model: where they are in the topic list, and their keys."""

    session_class = ScreenSession

    def __init__(self, port: int, titles: list[str]) -> None:
        super().__init__(port)
        self.titles = titles
        self.highlighted = 1
        """The topic highlighted in the list (the first when the guide opens)."""
        self.in_topics = True

    async def answer(self, key: bytes, shown: Callable[[], bool]) -> tuple[float, float]:
        """Send ``key``: seconds until the first byte back, and until ``shown()`` holds."""
        assert self.session is not None and self.chan is not None
        self.session.arrived.clear()
        sent = time.perf_counter()
        self.chan.write(key)
        async with asyncio.timeout(KEY_WAIT):
            await self.session.arrived.wait()
            first = time.perf_counter() - sent
            while not shown():
                self.session.arrived.clear()
                await self.session.arrived.wait()
        return first, time.perf_counter() - sent

    def shows(self, number: int) -> bool:
        """Section ``number`` is on screen: its number in the frame, its title in the text."""
        assert isinstance(self.session, ScreenSession)
        lines = self.session.screen.display
        return f"Section {number} of " in lines[0] and any(
            self.titles[number - 1][:24] in line for line in lines[1:]
        )

    def next_key(self, index: int) -> tuple[bytes, int | None]:
        """The reader's ``index``-th key, and the section it opens (None: a step)."""
        if index % OPEN_EVERY == OPEN_EVERY - 1:
            self.in_topics = False
            if index // OPEN_EVERY % 2 == 0:
                return ENTER, self.highlighted
            number = random.choice([n for n in range(1, SECTIONS + 1) if n != self.highlighted])
            self.highlighted = number
            return str(number).encode(), number
        if not self.in_topics:
            self.in_topics = True
            return TAB, None
        if index // OPEN_EVERY % 2 == 0:  # down the list when there is room, else up
            step = 1 if self.highlighted < SECTIONS else -1
        else:
            step = -1 if self.highlighted > 1 else 1
        self.highlighted += step
        return (DOWN if step > 0 else UP), None

    async def read(self, duration: float, reading: Reading) -> None:
        """One key every ``KEY_EVERY`` seconds for ``duration`` seconds (from a random
        phase), each timed; a key is sent on time, or as soon as the one before is done."""
        start = time.perf_counter() + random.uniform(0, KEY_EVERY)
        phase = random.randrange(OPEN_EVERY)  # where in the cycle of five this reader starts
        index = phase
        while (due := start + (index - phase) * KEY_EVERY) < start + duration:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            key, number = self.next_key(index)
            try:
                if number is None:
                    first_byte, _ = await self.answer(key, lambda: True)
                    reading.keystroke.append(first_byte)
                else:
                    first_byte, shown = await self.answer(key, lambda n=number: self.shows(n))
                    reading.opened_first_byte.append(first_byte)
                    reading.opened_on_screen.append(shown)
            except TimeoutError:
                reading.failures.append(f"no answer to {key!r} within {KEY_WAIT:g} s")
                return
            index += 1

    async def journey(self) -> None:
        """The rest of a reader's journey, untimed: a key, then a quiet moment."""
        await asyncio.sleep(random.uniform(0, 10.0))
        assert self.chan is not None
        for key in JOURNEY:
            self.chan.write(key)
            await asyncio.sleep(0.3)
            await self.quiet(0.3)


def load_average() -> float:
    return os.getloadavg()[0]


async def run_reading(readers: int, arguments: argparse.Namespace) -> Reading:
    """The reader model with ``readers`` readers on a fresh server."""
    from mbc_tui.core.content import load_guide

    titles = [section.title for section in load_guide()][:SECTIONS]
    reading = Reading(readers, load=(load_average(), 0.0))
    with tempfile.TemporaryDirectory() as key_dir:
        process, port = await start_server(
            readers, arguments.spares, Path(key_dir), arguments.readers_per_process
        )
        try:
            arrived = await asyncio.gather(
                *(
                    open_reader(
                        ModelReader(port, titles),
                        reading.first_screen,
                        reading.failures,
                        i / arguments.rate,
                    )
                    for i in range(readers)
                )
            )
            opened = [model for model in arrived if model is not None]
            await asyncio.gather(*(model.quiet(0.5) for model in opened))
            reading.pss_first_screen, _ = memory(process.pid)
            await asyncio.gather(*(model.read(arguments.duration, reading) for model in opened))
            await asyncio.gather(*(model.journey() for model in opened))
            await asyncio.sleep(TIDY_WAIT)
            reading.pss_after_journey, _ = memory(process.pid)
            reading.merged = per_app(app_pids(process.pid), ksm_merging_kib)
            for model in opened:
                model.close()
        finally:
            process.terminate()
            async with asyncio.timeout(30):
                await process.wait()
    reading.load = (reading.load[0], load_average())
    report_reading(reading)
    return reading


TIDY_WAIT = 3.0
"""After the journey: a session frees what starting left behind 2 s after it starts."""


def report_reading(reading: Reading) -> None:
    def ms(values: list[float]) -> str:
        return (
            f"p50 {percentile(values, 0.5) * 1000:4.0f} ms   "
            f"p95 {percentile(values, 0.95) * 1000:4.0f} ms   ({len(values)})"
        )

    def mb(values: list[int]) -> str:
        if not values:
            return "-"
        return (
            f"{statistics.mean(values) / 1024:.1f} MB per reader's app "
            f"(max {max(values) / 1024:.1f}, {len(values)} apps)"
        )

    verdict = "meets the targets" if reading.meets_targets() else "misses the targets"
    print(
        f"\nreading: {reading.readers} readers, a key every {KEY_EVERY:g} s, a section every "
        f"{KEY_EVERY * OPEN_EVERY:g} s; load average {reading.load[0]:.2f} before, "
        f"{reading.load[1]:.2f} after: {verdict}"
    )
    first = reading.first_screen
    print(
        f"  first screen               p50 {percentile(first, 0.5):.2f} s   "
        f"p95 {percentile(first, 0.95):.2f} s"
    )
    print(f"  keystroke (first byte)     {ms(reading.keystroke)}")
    print(f"  open a section (on screen) {ms(reading.opened_on_screen)}")
    print(f"  open a section (1st byte)  {ms(reading.opened_first_byte)}")
    print(f"  PSS at first screen        {mb(reading.pss_first_screen)}")
    print(f"  PSS after the journey      {mb(reading.pss_after_journey)}, {ksm_state()}")
    if any(reading.merged):
        print(f"  merged by KSM              {mb(reading.merged)}")
    print(f"  failures                   {len(reading.failures)}")
    for failure in reading.failures[:5]:
        print(f"    {failure}")


async def find_capacity(arguments: argparse.Namespace) -> None:
    """Readers stepped up until the targets fail: the most that met them."""
    counts = arguments.readers
    best: int | None = None
    if arguments.find_capacity:
        readers = counts[0]
        while True:
            reading = await run_reading(readers, arguments)
            if not reading.meets_targets():
                break
            best = readers
            readers += arguments.step
    else:
        for readers in counts:
            reading = await run_reading(readers, arguments)
            if reading.meets_targets():
                best = max(best or 0, readers)
    print(
        f"\nmost readers meeting the targets (keystroke p95 < {KEY_TARGET * 1000:.0f} ms, "
        f"opening p95 < {OPEN_TARGET * 1000:.0f} ms, no failures): "
        + ("none of those tried" if best is None else str(best))
    )


def machine() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory_kib = 0
    with contextlib.suppress(OSError, ValueError):
        memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{os.cpu_count()} CPUs ({model}), {memory_kib / 1024 / 1024:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def reader_counts(text: str) -> list[int]:
    """``--readers``: numbers of readers, comma-separated ("50,100,150")."""
    try:
        counts = [int(number) for number in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not whole numbers: {text!r}") from None
    if any(count < 1 for count in counts):
        raise argparse.ArgumentTypeError(f"at least one reader: {text!r}")
    return counts


NEIGHBOUR_KEYS = 60
NEIGHBOUR_PACE = 0.3
"""The ordinary reader's keys, and the seconds between them."""


async def run_neighbour(arguments: argparse.Namespace) -> None:
    """One busy reader (a section opened, then the next, as fast as the guide answers: what
    a held-down key or a pasted stream of keys does) beside one ordinary reader (a step in
    the topic list every 0.3 s): the ordinary reader's keystroke times. With
    ``--readers-per-process 2`` the two share one process."""
    with tempfile.TemporaryDirectory() as key_dir:
        process, port = await start_server(
            2, arguments.spares, Path(key_dir), arguments.readers_per_process
        )
        try:
            busy, ordinary = Reader(port), Reader(port)
            await busy.open()
            await ordinary.open()
            stop = asyncio.Event()
            opened = 0

            async def keep_opening() -> None:
                nonlocal opened
                assert busy.chan is not None and busy.session is not None
                while not stop.is_set():
                    busy.session.arrived.clear()
                    busy.chan.write(b"\t" + str(opened % 9 + 1).encode())
                    await busy.session.arrived.wait()
                    opened += 1

            times: list[float] = []
            opening = asyncio.create_task(keep_opening())
            for index in range(NEIGHBOUR_KEYS):
                await asyncio.sleep(NEIGHBOUR_PACE)
                times.append(await ordinary.press(DOWN if index % 4 < 2 else UP))
            stop.set()
            await opening
            print(
                f"\nneighbour: readers per process {arguments.readers_per_process}; the busy "
                f"reader opened {opened} sections\n  ordinary reader's keystroke   p50 "
                f"{percentile(times, 0.5) * 1000:.0f} ms   p95 "
                f"{percentile(times, 0.95) * 1000:.0f} ms   max {max(times) * 1000:.0f} ms "
                f"({len(times)} keys)"
            )
            busy.close()
            ordinary.close()
        finally:
            process.terminate()
            async with asyncio.timeout(30):
                await process.wait()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--rate", type=float, default=5.0, help="steady arrivals per second")
    parser.add_argument("--keys", type=int, default=5, help="keys each session presses")
    parser.add_argument(
        "--pattern", choices=("burst", "steady", "both", "reading", "neighbour"), default="both"
    )
    parser.add_argument(
        "--readers",
        type=reader_counts,
        default=[100],
        help="reading: how many readers, e.g. 50,100,150 (with --find-capacity: the first)",
    )
    parser.add_argument("--find-capacity", action="store_true", help="reading: step up")
    parser.add_argument("--step", type=int, default=20, help="reading: readers added a step")
    parser.add_argument(
        "--duration", type=float, default=60.0, help="reading: seconds of timed keys"
    )
    parser.add_argument(
        "--spares", type=int, default=None, help="the server's --spare-sessions (its default)"
    )
    parser.add_argument(
        "--readers-per-process",
        type=int,
        default=SERVER_DEFAULTS.readers_per_process,
        help="the server's --readers-per-process (%(default)s, its default; 1: each reader's "
        "app a process of its own); memory is given per reader: a process's PSS shared "
        "among its apps",
    )
    arguments = parser.parse_args()
    print(f"machine: {machine()}")
    if arguments.pattern == "neighbour":
        await run_neighbour(arguments)
        return
    if arguments.pattern == "reading":
        await find_capacity(arguments)
        return
    patterns = ["burst", "steady"] if arguments.pattern == "both" else [arguments.pattern]
    for name in patterns:
        await run_pattern(name, arguments)


if __name__ == "__main__":
    asyncio.run(main())
