"""Reports, from inside a session's process, what display the app got.

A test puts :func:`report_then_run` (bound to a folder with ``functools.partial``) in place
of the spawner's entry point, and :func:`report_then_serve` in place of a worker's; each
session's process (spare or not) or worker, forked from the warm parent as always, then runs
the real entry point, and writes ``<pid>.json`` (in a worker ``<pid>-<app id>.json``: see
:func:`report_name`) to that folder once its app's first screen is up: the app's class, its
display profile, the period of its screen updates and whether it builds its other screens
ahead. Nothing else changes: the reader's session is the real one.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def report_then_run(folder: str, *child_args: Any) -> None:
    """Runs in a session's process of its own: the spawner's own entry point, with a report."""
    from mbc_tui.ssh import spawner
    from mbc_tui.ssh_app import main as app_main

    real_run_app = app_main._run_app

    async def run_app(app: Any, *args: Any, **kwargs: Any) -> None:
        reporting = asyncio.create_task(report_when_drawn(lambda: app, folder, str(os.getpid())))
        try:
            await real_run_app(app, *args, **kwargs)
        finally:
            reporting.cancel()

    app_main._run_app = run_app
    spawner._child_main(*child_args)


def report_then_serve(folder: str, control_fd: int) -> None:
    """Runs in a worker (several readers' apps): the worker's own entry point, with a report
    for each of its apps."""
    from mbc_tui.ssh import workers
    from mbc_tui.ssh_app import worker

    serve_one = worker.Worker._serve

    async def serve(self: Any, reader_id: int, reader: Any) -> None:
        name = f"{os.getpid()}-{reader_id}"
        reporting = asyncio.create_task(report_when_drawn(lambda: reader.app, folder, name))
        try:
            await serve_one(self, reader_id, reader)
        finally:
            reporting.cancel()

    worker.Worker._serve = serve  # type: ignore[method-assign]
    workers._worker_main(control_fd)


async def report_when_drawn(app_of: Callable[[], Any], folder: str, name: str) -> None:
    """Once the app's first screen is up, write ``<name>.json``: what the app got."""
    from mbc_tui.textual_compat import screen_update_period

    while not ((app := app_of()) and app.is_running and app.screen_stack and app.screen.is_mounted):
        await asyncio.sleep(0.01)
    facts = {
        "app_class": type(app).__name__,
        "profile": dataclasses.asdict(app.profile),
        "update_period": screen_update_period(app.screen),
        "builds_screens_ahead": app.build_ahead_after is not None
        or getattr(app, "builds_ahead_when_ready", False),
    }
    report = Path(folder, f"{name}.json")
    partial = report.with_suffix(".partial")
    partial.write_text(json.dumps(facts), encoding="utf-8")
    os.replace(partial, report)  # whole, or not there at all


def report_name(app: Any) -> str:
    """The name of an app's report: its process's ID, and in a worker its ID there."""
    app_id = getattr(app, "app_id", None)
    return str(app.pid) if app_id is None else f"{app.pid}-{app_id}"


def read_report(folder: Path, name: str) -> dict[str, Any] | None:
    """What that session's app reported (see :func:`report_name`), or None while it has not
    yet."""
    try:
        return dict(json.loads(Path(folder, f"{name}.json").read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None
