"""Ending the full-screen guide's process at once, once the app has put the terminal back
(plain Python, no Textual).

When the guide quits, all it built is still in memory (Textual's widgets and caches, the
guide, its layouts). The interpreter's orderly shutdown frees it object by object, module by
module: about 20 ms of CPU on every quit, for memory the system takes back at once anyway.
``end_process`` does the part of that shutdown that matters and skips the rest: it runs the
exit handlers (``atexit``: ``logging.shutdown`` in a local run, whatever else registered
one), flushes standard output and error, and ends the process with ``os._exit``, keeping the
exit code. Where another (non-daemon) thread still runs, which the interpreter would wait
for, it leaves the ending to the interpreter instead.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading


def others_running() -> bool:
    """Whether a thread the interpreter would wait for at exit is still running."""
    current = threading.current_thread()
    return any(not thread.daemon and thread is not current for thread in threading.enumerate())


def end_process(code: int) -> int:
    """End the process now with ``code``, the exit handlers run and the output flushed;
    returns ``code`` (for an ordinary exit) only if another thread still runs."""
    if others_running():
        return code
    atexit._run_exitfuncs()  # the interpreter's own exit handlers, run as at an ordinary exit
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed, or the terminal went away
            stream.flush()
    os._exit(code)
