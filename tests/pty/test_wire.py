"""The guide in a real pseudo-terminal: bytes on the wire, colour and character set.

Budgets are twice the targets (issue #4), so a loaded machine cannot fail them by noise;
``benchmarks/bandwidth.py`` measures the real figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.pty.terminal_session import (
    TerminalSession,
    guide_command,
    screen_text,
    settle_all,
    snapshot,
)

SIDEBAR_STEP_BUDGET = 2 * 600
SWITCH_TOGGLE_BUDGET = 2 * 800
DOWN = b"\x1b[B"


@pytest.fixture
def start_guide() -> Iterator:
    sessions: list[TerminalSession] = []

    def start(*arguments: str, env: dict[str, str] | None = None) -> TerminalSession:
        session = TerminalSession(guide_command(*arguments), 80, 24, env=env or {})
        sessions.append(session)
        session.start()
        assert session.wait_for_text("Section 1 of"), screen_text(session.screen)
        session.read_until_quiet(quiet=1.0, limit=15.0)  # let start-up finish, however slow
        return session

    yield start
    for session in sessions:
        session.close()


def cursor(session: TerminalSession) -> tuple[int, int]:
    return session.screen.cursor.x, session.screen.cursor.y


def same_screen(one: TerminalSession, other: TerminalSession) -> bool:
    """The same cells, looks and cursor on both emulated screens."""
    return snapshot(one.screen) == snapshot(other.screen) and cursor(one) == cursor(other)


def differences(lean: TerminalSession, plain: TerminalSession) -> str:
    """Both cursors and the rows that differ (in text or only in looks), for a failure."""
    lines = [f"cursor: lean {cursor(lean)}, plain {cursor(plain)}"]
    rows = zip(snapshot(lean.screen), snapshot(plain.screen), strict=True)
    for y, (lean_row, plain_row) in enumerate(rows):
        if lean_row != plain_row:
            lines.append(f"row {y} lean:  {lean.screen.display[y]}")
            lines.append(f"row {y} plain: {plain.screen.display[y]}")
    return "\n".join(lines)


def step(session: TerminalSession, keys: bytes) -> int:
    session.press(keys)
    return session.read_until_quiet(quiet=0.4, first_byte_wait=3.0)


def test_low_bandwidth_steps_stay_within_budget(start_guide) -> None:
    session = start_guide("--low-bandwidth")
    assert session.read_until_quiet(quiet=1.0, limit=1.0) == 0  # nothing while idle
    sidebar = step(session, DOWN)
    assert 0 < sidebar <= SIDEBAR_STEP_BUDGET
    assert step(session, b"s") > 0
    assert session.wait_for_text("Hormone receptor status")
    step(session, b"e")  # ER: not sure -> positive (much of the panel changes)
    toggle = step(session, b"p")  # PR: not sure -> positive (two lines change)
    assert 0 < toggle <= SWITCH_TOGGLE_BUDGET
    assert "PR: positive" in screen_text(session.screen)
    assert session.read_until_quiet(quiet=1.0, limit=1.0) == 0
    assert b"\x1b[?1000h" not in session.transcript  # no mouse tracking asked for
    session.press(b"?")  # help paints without waiting for another key
    assert session.wait_for_text("Keys", limit=10)


SGR = re.compile(rb"\x1b\[([0-9;]*)m")


def colour_parameters(output: bytes) -> list[int]:
    return [
        number
        for parameters in SGR.findall(output)
        for number in (int(part) for part in parameters.split(b";") if part)
        if 30 <= number <= 49 or 90 <= number <= 107
    ]


def test_no_color_sends_no_colour(start_guide) -> None:
    session = start_guide(env={"NO_COLOR": "1"})
    step(session, DOWN)
    highlighted = session.screen.buffer[2][1]  # "2 How it spreads": bold and underlined
    assert highlighted.data == "2" and highlighted.bold and highlighted.underscore
    for keys in (b"\r", b"s", b"e", b"?"):
        step(session, keys)
    assert session.wait_for_text("Keys")
    assert colour_parameters(bytes(session.transcript)) == []


def test_vt100_gets_only_ascii_and_no_colour(start_guide) -> None:
    session = start_guide(env={"TERM": "vt100"})
    for keys in (b"6", b"\t", b"\x1b[6~", b"s", b"h", b"?"):
        step(session, keys)
    assert session.wait_for_text("Keys")
    assert session.transcript.isascii()
    assert colour_parameters(bytes(session.transcript)) == []


def test_lean_output_draws_the_same_screens_as_textual(start_guide) -> None:
    """The same journey with Textual's own driver and with ours: every screen identical."""
    plain_driver = {"TEXTUAL_DRIVER": "textual.drivers.linux_driver:LinuxDriver"}
    lean, plain = start_guide(), start_guide(env=plain_driver)
    for keys in (DOWN, DOWN, b"\r", b"\x1b[6~", b"\t", b"s", b"e", b"h", b"?"):
        for session in (lean, plain):
            step(session, keys)
        # Both have finished drawing once the screens agree and neither writes any more
        # (however loaded the machine); a real difference is still there after 20 s.
        settle_all((lean, plain), lambda: same_screen(lean, plain))
        assert same_screen(lean, plain), f"after {keys!r}:\n{differences(lean, plain)}"
    assert len(lean.transcript) < 0.7 * len(plain.transcript)  # measured: about 0.54
