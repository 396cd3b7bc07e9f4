"""What a screen reader hears: the guide's journeys under Fenrir, words spoken per key.

Usage:  python benchmarks/heard.py [--size 80x24] [--show 70] [--only NAME ...] [--repeat N]
        (as root, with Fenrir and tmux installed: see tests/pty/screen_reader.py)

Journeys, side by side: the full-screen guide in each display profile (Fenrir's own
terminal is ``TERM=linux``), line mode (``mbc-tui read``) and ``less`` on the text export.
For each step it prints the words spoken, and in all the frame pieces read out ("plus dash",
"32 dash", box-drawing characters) and how many of those are words; then, per journey, the
start of what was said. With ``--repeat N`` each journey is heard N times and each step says
how many different things were heard (1: the same every time).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root: tests.pty

from tests.pty.screen_reader import Heard, frame_words, hear_journey, unavailable_reason

GUIDE = str(Path(sys.executable).with_name("mbc-tui"))
FRAME_SAID = re.compile(r"\bplus dash\b|\bdash dash\b|\b\d+ dash\b")
"""The frame pieces Fenrir turns into words ("plus dash", "32 dash"). The rest of the
frame pieces are line characters (│, ─), passed to the synthesizer as they are: espeak-ng
says nothing for them, a synthesizer with a symbol list may name them."""
Step = str | tuple[str, ...]

GUIDE_KEYS: tuple[Step, ...] = (
    "Down",
    "Down",
    "Enter",
    "PageDown",
    "Escape",
    "4",
    "s",
    "e",
    "p",
    "h",
    "Escape",
    "g",
    "Down",
    "Escape",
    "?",
    "Escape",
    "/",
    "b",
    "i",
    "o",
    "Down",
    "Escape",
    "C-c",
    "q",
)


@dataclass(frozen=True)
class Journey:
    """A command and the keys pressed in it."""

    name: str
    command: tuple[str, ...]
    keys: tuple[Step, ...]
    env: dict[str, str] = field(default_factory=dict)


JOURNEYS = (
    Journey("default", (GUIDE,), GUIDE_KEYS),
    Journey("xterm", (GUIDE,), GUIDE_KEYS, {"TERM": "xterm-256color"}),
    Journey("low-bandwidth", (GUIDE, "--low-bandwidth"), GUIDE_KEYS),
    Journey("screen-reader", (GUIDE, "--screen-reader"), GUIDE_KEYS),
    Journey(
        "line mode",
        (GUIDE, "read"),
        (("1", "Enter"), ("n", "Enter"), ("b", "Enter"), ("s", "Enter"), ("q", "Enter")),
    ),
    Journey(
        "less",
        ("sh", "-c", f"{GUIDE} export --format text | less"),
        ("Space", "Space", "b", "q"),
    ),
)


def label(step: Step) -> str:
    return step if isinstance(step, str) else " ".join(step)


def side_by_side(results: dict[str, list[Heard]]) -> str:
    """One row per step: each journey's key and the words heard after it."""
    names = list(results)
    width = 22
    lines = ["step " + "".join(f"{name:>{width}}" for name in names)]
    for index in range(max(len(heard) for heard in results.values())):
        cells = []
        for name in names:
            heard = results[name]
            cell = f"{heard[index].key} {heard[index].words}" if index < len(heard) else ""
            cells.append(f"{cell:>{width}}")
        lines.append(f"{index:>4} " + "".join(cells))
    totals = "".join(f"{sum(h.words for h in heard):>{width}}" for heard in results.values())
    lines.append(f"{'all':>4} {totals}")
    frames = "".join(
        f"{sum(len(frame_words(h.text)) for h in heard):>{width}}" for heard in results.values()
    )
    lines.append(f"{'frame pieces':<12}{frames[7:]}")
    said = "".join(
        f"{sum(len(FRAME_SAID.findall(h.text)) for h in heard):>{width}}"
        for heard in results.values()
    )
    lines.append(f"{'  as words':<12}{said[7:]}")
    return "\n".join(lines)


def sameness(runs: Sequence[Sequence[Heard]]) -> list[Heard]:
    """Per step, a stand-in whose word count is how many different speeches the runs heard."""
    return [
        Heard(steps[0].key, tuple(f"x{n}" for n in range(len({h.text for h in steps}))))
        for steps in zip(*runs, strict=True)
    ]


def spoken(name: str, heard: Sequence[Heard], show: int) -> str:
    lines = [f"\n{name}:"]
    for step in heard:
        text = step.text if len(step.text) <= show else step.text[: show - 1] + "…"
        lines.append(f"  {step.key:>10} {step.words:>4}  {text}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="80x24", help="terminal size, COLSxROWS")
    parser.add_argument("--show", type=int, default=70, help="characters of speech to print")
    parser.add_argument("--only", nargs="*", help="journey names to run (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="hear each journey N times")
    options = parser.parse_args()
    reason = unavailable_reason()
    if reason:
        print(f"heard: {reason}", file=sys.stderr)
        return 2
    try:
        width, height = (int(part) for part in options.size.split("x"))
    except ValueError:
        print(f"heard: --size must be COLSxROWS, not {options.size!r}", file=sys.stderr)
        return 2
    chosen = [j for j in JOURNEYS if not options.only or j.name in options.only]
    runs = {
        journey.name: [
            hear_journey(journey.command, journey.keys, width=width, height=height, env=journey.env)
            for _ in range(max(options.repeat, 1))
        ]
        for journey in chosen
    }
    results = {name: heard[0] for name, heard in runs.items()}
    print(f"Words spoken per key under Fenrir, {width}x{height}:")
    print(side_by_side(results))
    if options.repeat > 1:
        print(f"\nDifferent speeches per step in {options.repeat} runs:")
        print(side_by_side({name: sameness(heard) for name, heard in runs.items()}))
    for name, heard in results.items():
        print(spoken(name, heard, options.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
