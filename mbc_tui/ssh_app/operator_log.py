"""Where a session's app says why it stopped: the server's log, never the reader's terminal.

A session's process is forked from the warm parent with the server's standard error (its
log); it then gives fds 0 to 2 to the reader's pseudo-terminal. A copy of the log's fd, kept
first, is where an error is reported: one line, in the server log's format, naming the
error and where it happened, never what was typed (see :func:`mbc_tui.failure.log_line`).
"""

from __future__ import annotations

import contextlib
import logging
import os

from mbc_tui.failure import log_line

FORMAT = "%(asctime)s %(name)s %(message)s"
"""As the server's own log lines (mbc_tui.ssh.options)."""


class OperatorLog:
    """The server's log, from inside a session's process."""

    def __init__(self) -> None:
        self._fd = os.dup(2)  # before the pty takes fd 2; not inherited by anything run
        handler = logging.StreamHandler(os.fdopen(self._fd, "w", encoding="utf-8"))
        handler.setFormatter(logging.Formatter(FORMAT))
        self._log = logging.getLogger("mbc_tui.ssh_app")
        self._log.propagate = False
        self._log.addHandler(handler)

    def app_stopped(self, reason: str) -> None:
        """One line: this session's app stopped on an error (``reason``: its traceback)."""
        with contextlib.suppress(OSError, ValueError):
            self._log.error("app stopped: pid=%d error=%s", os.getpid(), log_line(reason))
