"""Reports, from inside a session's process, what display the app got.

A test puts :func:`report_then_run` (bound to a folder with ``functools.partial``) in place
of the spawner's entry point; each session's process (spare or not), forked from the warm
parent as always, then runs the real entry point, and writes ``<pid>.json`` to that folder
once its app's first screen is up: the app's class, its display profile, the period of
its screen updates and whether it builds its other screens ahead. Nothing else changes:
the reader's session is the real one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
from pathlib import Path
from typing import Any


def report_then_run(folder: str, *child_args: Any) -> None:
    """Runs in the session's process: the spawner's own entry point, with a report."""
    from mbc_tui.ssh import spawner
    from mbc_tui.ssh_app import main as app_main
    from mbc_tui.textual_compat import screen_update_period

    real_run_app = app_main._run_app

    async def run_app(app: Any, *args: Any, **kwargs: Any) -> None:
        async def write_report() -> None:
            while not (app.is_running and app.screen_stack and app.screen.is_mounted):
                await asyncio.sleep(0.01)
            facts = {
                "app_class": type(app).__name__,
                "profile": dataclasses.asdict(app.profile),
                "update_period": screen_update_period(app.screen),
                "builds_screens_ahead": app.build_ahead_after is not None
                or getattr(app, "builds_ahead_when_ready", False),
            }
            report = Path(folder, f"{os.getpid()}.json")
            partial = report.with_suffix(".partial")
            partial.write_text(json.dumps(facts), encoding="utf-8")
            os.replace(partial, report)  # whole, or not there at all

        reporting = asyncio.create_task(write_report())
        try:
            await real_run_app(app, *args, **kwargs)
        finally:
            reporting.cancel()

    app_main._run_app = run_app
    spawner._child_main(*child_args)


def read_report(folder: Path, pid: int) -> dict[str, Any] | None:
    """What that session's process reported, or None while it has not yet."""
    try:
        return dict(json.loads(Path(folder, f"{pid}.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
