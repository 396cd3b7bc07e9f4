"""Imported first in the warm parent, never in the server: the warm parent starts again from
a clean environment, before Textual is imported there (Textual reads some of its settings
from the environment at import time).

Multiprocessing starts the warm parent (its forkserver) as a new program with the server's
whole environment, and a process's *initial* environment stays readable in
``/proc/PID/environ`` whatever ``os.environ`` becomes later; every session's app is forked
from the warm parent and would show it too. So, the first time, the warm parent runs itself
again (the same process, arguments and open files) with only the base environment. Each
session's app then gets its own (:func:`mbc_tui.ssh.environment.app_environment`); nothing
of the server's environment reaches a session by either route.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mbc_tui.ssh.environment import BASE_ENVIRONMENT

SET_BY_PYTHON = {"LC_CTYPE"}
"""What Python itself may add to its environment as it starts (PEP 538)."""


def warm_parent_environment() -> dict[str, str]:
    """The base environment, and where this package is (the server may have found it
    through its own PYTHONPATH)."""
    package_home = str(Path(__file__).resolve().parents[2])
    return {**BASE_ENVIRONMENT, "PYTHONPATH": package_home}


def start_clean() -> None:
    """Run this program again with the clean environment, unless it already has it."""
    clean = warm_parent_environment()
    if set(os.environ) - set(clean) - SET_BY_PYTHON:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, sys.orig_argv, clean)
    os.environ.clear()
    os.environ.update(clean)


start_clean()
