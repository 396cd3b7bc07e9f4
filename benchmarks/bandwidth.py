"""Bytes on the wire: the guide in a pty, through a fixed journey, per step and in total.

Usage:  python benchmarks/bandwidth.py [--size 80x24] [--size 120x40] [--markdown]

For each step it prints the bytes the guide wrote and the *floor*: the bytes a perfect
terminal program would need to change only the cells that changed (see
``floor_bytes`` in tests/pty/terminal_session.py), for the default and the low-bandwidth profile
(and, with ``--profile linux``, the Linux console: the terminal Fenrir gives the guide).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: tests.pty

from tests.pty.terminal_session import (
    TerminalSession,
    floor_bytes,
    guide_command,
    snapshot,
)

DOWN, ENTER, PAGE_DOWN, ESCAPE = b"\x1b[B", b"\r", b"\x1b[6~", b"\x1b"

JOURNEY: tuple[tuple[str, bytes], ...] = (
    *((f"sidebar step {n}", DOWN) for n in range(1, 6)),
    ("open a section (Enter)", ENTER),
    *((f"Page Down {n}", PAGE_DOWN) for n in range(1, 4)),
    ("open the subtype explorer (s)", b"s"),
    ("toggle ER (e)", b"e"),
    ("toggle PR (p)", b"p"),
    ("toggle HER2 (h)", b"h"),
    ("open help (?)", b"?"),
    ("close help (Esc)", ESCAPE),
    ("quit (q)", b"q"),
)

PROFILES: dict[str, tuple[list[str], dict[str, str]]] = {
    "default": ([], {}),
    "low-bandwidth": (["--low-bandwidth"], {}),
    "linux": ([], {"TERM": "linux"}),  # the Linux console, and Fenrir's own terminal
}


@dataclass
class Step:
    name: str
    sent: int
    floor: int

    @property
    def ratio(self) -> float:
        return self.sent / self.floor if self.floor else float("inf") if self.sent else 1.0


def run_journey(
    profile: str, columns: int, lines: int, idle_seconds: float = 2.0
) -> tuple[list[Step], int]:
    """The journey's steps, and the bytes sent while idle after start-up."""
    arguments, env = PROFILES[profile]
    session = TerminalSession(guide_command(*arguments), columns, lines, env=env)
    session.start()
    steps: list[Step] = []
    try:
        before = snapshot(session.screen)
        if not session.wait_for_text("Topics"):
            raise RuntimeError(f"the guide did not start:\n{session.screen.display}")
        session.read_until_quiet(quiet=0.6)
        steps.append(
            Step("start", session.total_bytes, floor_bytes(before, snapshot(session.screen)))
        )
        idle = session.read_until_quiet(quiet=idle_seconds, limit=idle_seconds)
        for name, keys in JOURNEY:
            before = snapshot(session.screen)
            session.press(keys)
            sent = session.read_until_quiet(quiet=0.5, first_byte_wait=5.0)
            steps.append(Step(name, sent, floor_bytes(before, snapshot(session.screen))))
    finally:
        session.close()
    return steps, idle


def report(profile: str, columns: int, lines: int, steps: list[Step], idle: int) -> str:
    width = max(len(step.name) for step in steps)
    out = [f"## {profile} profile, {columns}x{lines}", ""]
    out.append(f"| {'step':<{width}} | bytes | floor | ratio |")
    out.append(f"| {'-' * width} | ----: | ----: | ----: |")
    for step in steps:
        out.append(
            f"| {step.name:<{width}} | {step.sent:>5} | {step.floor:>5} | {step.ratio:>5.1f} |"
        )
    sent = sum(step.sent for step in steps)
    floor = sum(step.floor for step in steps)
    out.append(f"| {'whole journey':<{width}} | {sent:>5} | {floor:>5} | {sent / floor:>5.1f} |")
    out.append("")
    out.append(f"Bytes sent while idle for 2 s after start-up: {idle}.")
    worst = max(steps[1:], key=lambda step: step.ratio)
    out.append(f"Worst step against its floor: {worst.name} ({worst.ratio:.1f}x).")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", action="append", help="COLUMNSxLINES (repeatable)")
    parser.add_argument("--profile", action="append", choices=sorted(PROFILES))
    args = parser.parse_args()
    sizes = args.size or ["80x24", "120x40"]
    for size in sizes:
        columns, lines = (int(part) for part in size.split("x"))
        for profile in args.profile or list(PROFILES):
            steps, idle = run_journey(profile, columns, lines)
            print(report(profile, columns, lines, steps, idle))
            print()


if __name__ == "__main__":
    main()
