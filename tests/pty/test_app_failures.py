"""The guide never crashes on clicks during a section change, and a guide that stops on an
error says one calm line to its reader, never a traceback; the reason goes to the operator."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest
from textual import events
from textual.binding import Binding, BindingType

from mbc_tui.app import GuideApp
from mbc_tui.core.content import Guide
from mbc_tui.failure import CALM_LINE, EXIT_STOPPED, log_line, report_on_terminal
from mbc_tui.screens.guide import GuideScreen


def mouse(kind: type[events.MouseEvent], x: int, y: int) -> events.MouseEvent:
    return kind(None, x, y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y)


async def test_clicks_while_a_section_changes_do_not_crash(
    make_app: Callable[..., GuideApp],
) -> None:
    """A click that lands while the reader's blocks are being replaced once found a block
    already removed, and Textual's text selection crashed on it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        for slug in ("her2", "subtypes", "what-it-is", "glossary"):
            change = asyncio.create_task(screen.open_section(slug))
            rounds = 0
            while not change.done() and rounds < 40:  # bounded: a loaded machine is slow
                rounds += 1
                for x, y in ((45, 5), (50, 8), (60, 3), (40, 12)):
                    await app.on_event(mouse(events.MouseDown, x, y))
                    await app.on_event(mouse(events.MouseUp, x, y))
                await asyncio.sleep(0)
            await change
        await pilot.pause()
        assert app.is_running


class BrokenApp(GuideApp):
    """The guide with a key that fails, as an unforeseen bug would."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f", "fail", "Fail")]

    def action_fail(self) -> None:
        typed = "what the reader typed"
        raise RuntimeError(f"a bug near {typed}")


async def test_an_error_is_reported_once_and_textual_prints_nothing(
    guide: Guide, capfd: pytest.CaptureFixture[str]
) -> None:
    reasons: list[str] = []
    app = BrokenApp(guide)
    app.failure_reporter = reasons.append
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("f")
    (reason,) = reasons
    assert "RuntimeError: a bug near what the reader typed" in reason
    assert "action_fail" in reason
    assert "typed = " not in reason  # no local variables
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "RuntimeError" not in out + err
    assert app.failure is not None


def test_the_log_line_names_the_error_and_the_place_not_the_message() -> None:
    try:
        {}["what the reader typed"]
    except KeyError as error:
        import traceback

        reason = "".join(traceback.format_exception(error))
    line = log_line(reason)
    assert line.startswith("KeyError at pty/test_app_failures.py:")
    assert line.endswith(" in test_the_log_line_names_the_error_and_the_place_not_the_message")
    assert "typed" not in line


def test_on_the_command_line_one_calm_line_and_a_crash_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.delenv("MBC_TUI_DEBUG", raising=False)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    report_on_terminal("Traceback (most recent call last):\nRuntimeError: x\n")
    (line,) = capsys.readouterr().err.splitlines()
    (crash_file,) = tmp_path.glob("mbc-tui-crash-*.txt")
    assert line == f"{CALM_LINE} What went wrong is written in {crash_file}"
    assert "RuntimeError: x" in crash_file.read_text()
    assert crash_file.stat().st_mode & 0o077 == 0

    monkeypatch.setenv("MBC_TUI_DEBUG", "1")
    report_on_terminal("Traceback (most recent call last):\nRuntimeError: x\n")
    assert capsys.readouterr().err.splitlines()[-2:] == ["RuntimeError: x", CALM_LINE]


SESSION_THAT_FAILS = textwrap.dedent(
    """
    import os, sys
    from mbc_tui.ssh.spawner import AppRequest
    from mbc_tui.ssh_app import main

    master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        os.close(master)
        try:
            main.run(slave, AppRequest("xterm", 80, 24, content="/nonexistent/content"))
        except SystemExit as end:
            os._exit(end.code if isinstance(end.code, int) else 0)
        os._exit(0)
    os.close(slave)
    seen = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        seen += data
    _, status = os.waitpid(pid, 0)
    print(os.waitstatus_to_exitcode(status))
    print(repr(seen))
    """
)


def test_a_session_that_fails_logs_one_line_and_shows_the_reader_nothing(
    tmp_path: Path,
) -> None:
    """Over SSH the app's stderr is the reader's terminal: the reason goes to the server's
    log (the process's stderr before the pty took it), and the exit code tells the server,
    which says a calm line to the reader (mbc_tui.ssh.messages.APP_STOPPED)."""
    script = tmp_path / "failing_session.py"
    script.write_text(SESSION_THAT_FAILS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "MBC_TUI_DEBUG": ""},
    )
    code, terminal = result.stdout.splitlines()
    assert int(code) == EXIT_STOPPED
    assert "Traceback" not in terminal and "ContentError" not in terminal
    (line,) = result.stderr.splitlines()
    assert " mbc_tui.ssh_app app stopped: pid=" in line
    assert "ContentError at core/content.py:" in line and " in load_guide" in line
