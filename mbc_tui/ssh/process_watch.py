"""What the server knows of a reader's process (an app, or a worker of several apps) from
outside it: its state in ``/proc``, and its end, even after the warm parent has gone.

Multiprocessing learns how a process ended from the warm parent (the forkserver), which
forked and reaps it. If the warm parent dies while readers' processes run (the kernel's OOM
killer, an operator's ``kill``), every process's sentinel fires at once and says "exit 255",
though the processes run on, now children of init. Taken at its word, every reader would be
told their guide had stopped. Instead the server checks ``/proc``; a process that still runs
is watched through a pidfd, which says when it ends whoever its parent is (not how: its exit
code went with the warm parent). Later readers get a new warm parent from multiprocessing.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable


def process_state(pid: int) -> str:
    """The one-letter state of a process in ``/proc`` ('R', 'S', 'T' stopped, 'Z'...);
    '' if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as file:
            fields = file.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return ""
    return fields[0].decode("ascii", "replace") if fields else ""


def alive(pid: int) -> bool:
    """Whether the process exists and has not ended (a zombie has). For a process whose
    sentinel has just fired, alive means the warm parent went, not the process: one that
    ended was reaped before its sentinel fired."""
    return process_state(pid) not in ("", "Z")


def stopped(pid: int) -> bool:
    """Whether the process is stopped by a signal (SIGSTOP, SIGTSTP) or a tracer: it draws
    and reads nothing."""
    return process_state(pid) in ("T", "t")


def watch_end(pid: int, on_end: Callable[[], None]) -> None:
    """Call ``on_end`` on the running loop once the process ``pid`` has ended."""
    loop = asyncio.get_running_loop()
    try:
        pidfd = os.pidfd_open(pid)
    except ProcessLookupError:
        loop.call_soon(on_end)
        return

    def ended() -> None:
        loop.remove_reader(pidfd)
        os.close(pidfd)
        on_end()

    loop.add_reader(pidfd, ended)
