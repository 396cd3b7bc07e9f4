"""Processor time per key: the guide in a pty through a fixed journey, beside ``less``.

Usage:  python benchmarks/cpu.py [--runs 5] [--size 80x24] [--profile low-bandwidth]
                                 [--quarter-core] [--no-less]

For each step of the journey it prints the CPU milliseconds the guide's process tree spent
on it (user + system: the scheduler's own count of time on a processor, from
``/proc/PID/task/*/schedstat``, in nanoseconds; the clock-tick counts of ``/proc/PID/stat``
are too coarse, 10 ms, for a step that should cost 5), the bytes it wrote, and the time
from the key until the screen was quiet (the last byte written). Each figure is the median
of ``--runs`` journeys, each in a fresh process. ``less`` reading ``mbc-tui export
--format text`` is measured through the same page keys, side by side, with the ratio.

``--quarter-core`` runs everything in a cgroup held to a quarter of one core (25 ms of CPU
per 100 ms: cgroup v2 ``cpu.max``, or v1 ``cpu.cfs_quota_us``), where the time until quiet
is what a reader on a small or busy server waits. It needs root and a writable cgroup
hierarchy; where there is none it says so and stops.

Before each step the guide is left alone until its processor time stops growing (at most
``IDLE_LIMIT`` seconds): what it spends then, with no key pressed (building screens ahead,
see ``mbc_tui/built_ahead.py``), is printed as *idle ms* beside the step it comes before, and
counted in the whole process's total, so that work moved off the keys is seen, not hidden.
The total is the process's own, from start to exit (start, every step, every idle spell).

The machine may be shared: CPU time, not wall time, is the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: tests.pty

from tests.pty.terminal_session import TerminalSession, guide_command, screen_text

DOWN, ENTER, PAGE_DOWN, ESCAPE = b"\x1b[B", b"\r", b"\x1b[6~", b"\x1b"

Keys = tuple[bytes, ...]
"""The keys of one step, written one at a time (as a reader types them)."""

JOURNEY: tuple[tuple[str, Keys], ...] = (
    ("Down (sidebar step)", (DOWN,)),
    ("Down (sidebar step)", (DOWN,)),
    ("Enter: open a section", (ENTER,)),
    ("Page Down", (PAGE_DOWN,)),
    ("Page Down", (PAGE_DOWN,)),
    ("s: subtype explorer", (b"s",)),
    ("e: toggle ER", (b"e",)),
    ("p: toggle PR", (b"p",)),
    ("h: toggle HER2", (b"h",)),
    ("x: my summary", (b"x",)),
    ("Esc: close summary", (ESCAPE,)),
    ("Esc: close explorer", (ESCAPE,)),
    ("?: open help", (b"?",)),
    ("Esc: close help", (ESCAPE,)),
    ("/: open search", (b"/",)),
    ("type her2", (b"h", b"e", b"r", b"2")),
    ("Enter: open the match", (ENTER,)),
    ("n: next match", (b"n",)),
    ("g: glossary", (b"g",)),
    ("Esc: close glossary", (ESCAPE,)),
    ("q: quit", (b"q",)),
)
"""The guide's journey after start-up: (step name, keys)."""

LESS_KEYS: dict[int, Keys] = {
    0: (DOWN,),
    1: (DOWN,),
    3: (PAGE_DOWN,),
    4: (PAGE_DOWN,),
    14: (b"/",),
    15: (b"h", b"e", b"r", b"2"),
    16: (ENTER,),
    17: (b"n",),
    18: (b"g",),
    20: (b"q",),
}
"""The same keys in ``less``, by the journey step they stand beside (``g``: to the top)."""

PROFILES: dict[str, list[str]] = {"default": [], "low-bandwidth": ["--low-bandwidth"]}

QUARTER_CORE = (25_000, 100_000)
"""CPU microseconds allowed per period, and the period: a quarter of one core."""

QUIET = 0.4
"""Seconds without output after which a step counts as shown."""

IDLE_QUIET = 0.3
"""Seconds over which the process's CPU time must not grow for it to count as idle."""
IDLE_GROWTH_NS = 300_000
"""Growth (0.3 ms) that still counts as idle: the driver's input thread wakes now and then."""
IDLE_LIMIT = 10.0
"""Seconds at most to wait for the process to become idle before a step."""

NS_PER_MS = 1_000_000
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- processor time of a process tree, from /proc ---------------------------------------


def _children(pid: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def tree_cpu_ns(pid: int) -> int:
    """CPU time (user + system) used so far by ``pid``, its threads and descendants,
    children already reaped included (their ticks, from ``cutime``/``cstime``)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                total += int((task / "schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        pending += _children(current)
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[13]) + int(fields[14])) * NS_PER_MS * 1000 // CLOCK_TICKS
    except (OSError, ValueError, IndexError):
        pass
    return total


# --- a quarter of one core -------------------------------------------------------------


class NoCgroup(RuntimeError):
    """No cgroup with a CPU quota can be made here."""


@contextmanager
def quarter_core_cgroup() -> Iterator[Path]:
    """A fresh cgroup held to a quarter of one core; yields its ``cgroup.procs``."""
    quota, period = QUARTER_CORE
    name = f"mbc-tui-cpu-benchmark-{os.getpid()}"
    v2 = Path("/sys/fs/cgroup")
    v1 = Path("/sys/fs/cgroup/cpu")
    if (v2 / "cgroup.controllers").exists():
        if "cpu" not in (v2 / "cgroup.subtree_control").read_text().split():
            raise NoCgroup("cgroup v2 is mounted but its cpu controller is not enabled")
        group, limits = v2 / name, {"cpu.max": f"{quota} {period}"}
    elif (v1 / "cpu.cfs_quota_us").exists():
        group = v1 / name
        limits = {"cpu.cfs_period_us": str(period), "cpu.cfs_quota_us": str(quota)}
    else:
        raise NoCgroup("no cgroup CPU controller is mounted under /sys/fs/cgroup")
    try:
        group.mkdir()
        for file, value in limits.items():
            (group / file).write_text(value)
    except OSError as error:
        raise NoCgroup(f"cannot make a cgroup at {group}: {error.strerror or error}") from None
    try:
        yield group / "cgroup.procs"
    finally:
        for _ in range(50):  # the processes in it must have ended first
            try:
                group.rmdir()
                break
            except OSError:
                time.sleep(0.1)


def in_cgroup(argv: Sequence[str], procs: Path | None) -> list[str]:
    """``argv``, started inside the cgroup whose ``cgroup.procs`` is ``procs``."""
    if procs is None:
        return list(argv)
    return ["/bin/sh", "-c", f'echo $$ > {procs} && exec "$@"', "sh", *argv]


# --- one run ---------------------------------------------------------------------------


@dataclass
class Figures:
    """One step of one run."""

    cpu_ms: float
    sent: int
    quiet_ms: float
    idle_ms: float = 0.0
    """CPU spent before the step, with no key pressed (see ``Run.settle``)."""
    idle_sent: int = 0
    """Bytes written meanwhile (none is right: nothing should move on its own)."""


class TimedStream:
    """Wraps the session's terminal stream to note when the last byte arrived."""

    def __init__(self, stream: object) -> None:
        self.stream = stream
        self.last_byte_at = 0.0

    def feed(self, data: bytes) -> None:
        self.last_byte_at = time.monotonic()
        self.stream.feed(data)  # type: ignore[attr-defined]


@dataclass
class Run:
    """A program in a pty, measured step by step."""

    argv: list[str]
    columns: int
    lines: int
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.process_total_ms = 0.0
        """The process's CPU from start to exit (known once it has exited)."""
        self.session = TerminalSession(self.argv, self.columns, self.lines, env=self.env)
        self.timed = TimedStream(self.session.stream)
        self.session.stream = self.timed  # type: ignore[assignment]

    def start(self, ready_text: str) -> Figures:
        began = time.monotonic()
        self.session.start()
        if not self.session.wait_for_text(ready_text, limit=60):
            raise RuntimeError(f"did not start:\n{screen_text(self.session.screen)}")
        self.session.read_until_quiet(quiet=QUIET * 2, limit=30)
        return Figures(
            tree_cpu_ns(self.session.pid) / NS_PER_MS,
            self.session.total_bytes,
            (self.timed.last_byte_at - began) * 1000,
        )

    def settle(self) -> tuple[int, int]:
        """Wait until the process's CPU time stops growing (reading what it writes
        meanwhile); that time (ns) and the bytes written."""
        pid = self.session.pid
        sent = 0
        deadline = time.monotonic() + IDLE_LIMIT
        began = last = tree_cpu_ns(pid)
        since = time.monotonic()
        while time.monotonic() < deadline:
            sent += self.session.read_until_quiet(quiet=0.05, limit=0.1)
            now = tree_cpu_ns(pid)
            if now - last > IDLE_GROWTH_NS:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= IDLE_QUIET:
                break
        return tree_cpu_ns(pid) - began, sent

    def step(self, keys: Keys, *, last: bool = False) -> Figures:
        pid = self.session.pid
        idle_ns, idle_sent = self.settle()
        cpu_before = tree_cpu_ns(pid)
        sent, waited = 0, 0.0
        for key in keys:  # the time until quiet after each key, added up
            pressed = self.timed.last_byte_at = time.monotonic()
            self.session.press(key)
            sent += self.session.read_until_quiet(quiet=QUIET, first_byte_wait=3.0, limit=30)
            waited += self.timed.last_byte_at - pressed
        if last:
            self.process_total_ms = self._wait_exit() / NS_PER_MS
            cpu_after = int(self.process_total_ms * NS_PER_MS)
        else:
            cpu_after = tree_cpu_ns(pid)
        return Figures(
            (cpu_after - cpu_before) / NS_PER_MS,
            sent,
            waited * 1000,
            idle_ns / NS_PER_MS,
            idle_sent,
        )

    def _wait_exit(self, limit: float = 20.0) -> int:
        """Read until the program ends; its whole CPU time (from the kernel's rusage)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.session.fd], [], [], 0.05)
            if ready:
                self.session.read_until_quiet(quiet=0.05, limit=0.2)
            pid, _status, usage = os.wait4(self.session.pid, os.WNOHANG)
            if pid:
                self.session.pid = 0
                return int((usage.ru_utime + usage.ru_stime) * 1e9)
        raise RuntimeError("the program did not end")

    def close(self) -> None:
        self.session.close()


@dataclass
class GuideRun:
    """One journey of the guide: the figures of each step, and the process's total."""

    steps: list[Figures]
    process_total_ms: float

    def __getitem__(self, row: int) -> Figures:
        return self.steps[row]


def guide_run(profile: str, columns: int, lines: int, procs: Path | None) -> GuideRun:
    """Start, then every step of the journey; the figures of each."""
    run = Run(in_cgroup(guide_command(*PROFILES[profile]), procs), columns, lines)
    try:
        figures = [run.start("Topics")]
        for index, (_name, keys) in enumerate(JOURNEY):
            figures.append(run.step(keys, last=index == len(JOURNEY) - 1))
        return GuideRun(figures, run.process_total_ms)
    finally:
        run.close()


def less_run(text_file: Path, columns: int, lines: int, procs: Path | None) -> dict[int, Figures]:
    """``less`` on the exported guide, through the keys of ``LESS_KEYS``; by step (start: -1)."""
    run = Run(in_cgroup(["/usr/bin/less", str(text_file)], procs), columns, lines)
    try:
        figures = {-1: run.start("Guide:")}
        last = max(LESS_KEYS)
        for index, keys in LESS_KEYS.items():
            figures[index] = run.step(keys, last=index == last)
        return figures
    finally:
        run.close()


# --- the report ------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def step_names() -> list[str]:
    return ["start (to first screen)"] + [name for name, _keys in JOURNEY]


def report(
    title: str,
    guide: list[GuideRun],
    less: list[dict[int, Figures]],
    *,
    wall_time: bool,
) -> str:
    names = step_names()
    width = max(len(name) for name in names)
    quiet_head = "wall ms" if wall_time else "quiet ms"
    lines = [f"## {title} (median of {len(guide)})", ""]
    lines.append(
        f"| {'step':<{width}} | CPU ms | idle ms before | bytes | {quiet_head} "
        f"| less CPU ms | less bytes | CPU ratio |"
    )
    lines.append(
        f"| {'-' * width} | -----: | ----: | ----: | ----: | ----------: | ---------: | ----: |"
    )
    totals = [0.0, 0.0]
    idle_total = 0.0
    idle_bytes = 0.0
    for row, name in enumerate(names):
        cpu = median([run[row].cpu_ms for run in guide])
        idle = median([run[row].idle_ms for run in guide])
        idle_total += idle
        idle_bytes += median([float(run[row].idle_sent) for run in guide])
        sent = median([float(run[row].sent) for run in guide])
        quiet = median([run[row].quiet_ms for run in guide])
        totals[0] += cpu
        less_cells = ["-", "-", "-"]
        if less and (row - 1) in less[0]:
            less_cpu = median([run[row - 1].cpu_ms for run in less])
            less_sent = median([float(run[row - 1].sent) for run in less])
            totals[1] += less_cpu
            ratio = f"{cpu / less_cpu:.0f}x" if less_cpu >= 0.05 else "-"
            less_cells = [f"{less_cpu:.1f}", f"{less_sent:.0f}", ratio]
        lines.append(
            f"| {name:<{width}} | {cpu:6.1f} | {idle:14.1f} | {sent:5.0f} | {quiet:8.0f} | "
            f"{less_cells[0]:>11} | {less_cells[1]:>10} | {less_cells[2]:>9} |"
        )
    steps = [median([run[row].cpu_ms for run in guide]) for row in range(1, len(names))]
    worst = max(range(len(steps)), key=steps.__getitem__)
    lines += [
        "",
        f"Whole journey: {totals[0]:.0f} ms CPU"
        + (f" (less, its keys only: {totals[1]:.0f} ms)." if less else "."),
        f"Dearest step after start: {names[worst + 1]} ({steps[worst]:.1f} ms).",
        f"Idle, no key pressed (between the steps): {idle_total:.0f} ms CPU, "
        f"{idle_bytes:.0f} bytes written.",
        "Whole process, start to exit: "
        f"{median([run.process_total_ms for run in guide]):.0f} ms CPU.",
    ]
    return "\n".join(lines)


def export_text(columns: int) -> Path:
    """The guide as text, ``columns`` wide, in a temporary file for ``less``."""
    text = subprocess.run(
        guide_command("export", "--format", "text", "--width", str(columns)),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    handle = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
    with handle:
        handle.write(text)
    return Path(handle.name)


def measure(args: argparse.Namespace, procs: Path | None) -> None:
    for size in args.size or ["80x24", "120x40"]:
        columns, lines = (int(part) for part in size.split("x"))
        less: list[dict[int, Figures]] = []
        if not args.no_less:
            text_file = export_text(columns)
            try:
                less = [less_run(text_file, columns, lines, procs) for _ in range(args.runs)]
            finally:
                text_file.unlink()
        for profile in args.profile or list(PROFILES):
            guide = [guide_run(profile, columns, lines, procs) for _ in range(args.runs)]
            title = f"{profile}, {columns}x{lines}" + (", a quarter of one core" if procs else "")
            print(report(title, guide, less, wall_time=bool(procs)))
            print(flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="journeys per figure (median)")
    parser.add_argument("--size", action="append", help="COLUMNSxLINES (repeatable)")
    parser.add_argument("--profile", action="append", choices=sorted(PROFILES))
    parser.add_argument(
        "--quarter-core", action="store_true", help="hold everything to 25%% of one core"
    )
    parser.add_argument("--no-less", action="store_true", help="skip the less reference")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not args.quarter_core:
        measure(args, None)
        return
    try:
        with quarter_core_cgroup() as procs:
            measure(args, procs)
    except NoCgroup as error:
        print(f"cpu.py: --quarter-core is not possible here: {error}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
