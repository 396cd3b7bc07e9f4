"""Imported in the warm parent, never in the server: the warm parent ignores the stop signals
meant for the server, and every process forked from it gets them back at once.

The warm parent is in the server's process group. When the operator's terminal closes, or a
supervisor signals the whole group, SIGHUP or SIGTERM reaches the warm parent too; if it died
of it, the server would see every reader's app as ended by a crash (multiprocessing can no
longer say how its children ended) and tell each reader that the guide "stopped
unexpectedly", instead of the goodbye it is about to send. The warm parent needs no signal to
end: it exits when the server does (multiprocessing closes its pipe to it). It already ignores
SIGINT (Ctrl+C) by itself.
"""

from __future__ import annotations

import os
import signal

MEANT_FOR_THE_SERVER = (signal.SIGTERM, signal.SIGHUP)


def restore_defaults() -> None:
    """In each forked child: a reader's app or worker ends on these signals as any program does
    (and sets its own handlers when it starts)."""
    for number in MEANT_FOR_THE_SERVER:
        signal.signal(number, signal.SIG_DFL)


def ignore_in_warm_parent() -> None:
    for number in MEANT_FOR_THE_SERVER:
        signal.signal(number, signal.SIG_IGN)
    os.register_at_fork(after_in_child=restore_defaults)


ignore_in_warm_parent()
