"""Lets the kernel merge the identical pages of the warm parent and every session (Linux KSM).

A session forked from the warm parent copies each page it writes to, and Python 3.11 writes
to every object it so much as reads (its reference count). Many of those copies end up
byte for byte what the parent holds (a count raised and lowered again) or what another
session holds (every session starts the same way). Measured on two sessions forked from
the warm parent: at their first screen, 11.4 of their 13.0 MB of own pages were identical to
the parent's or to the other session's; after the journey, 8.5 of 20.1 MB.

Kernel same-page merging gives such pages back, but only for processes that ask for it,
and only while the machine's operator has it running (``/sys/kernel/mm/ksm/run``, see
docs/scaling.md). The warm parent asks here, once, before anything is forked from it: the
request holds for all its memory, later allocations included, and every process forked
from it inherits it. Without KSM running, the request changes nothing.
"""

from __future__ import annotations

import ctypes
import sys

PR_SET_MEMORY_MERGE = 67
"""prctl(2): the whole process may be merged (Linux 6.4 and later)."""


def allow_page_merging() -> bool:
    """Ask the kernel to consider all of this process's memory, and its children's, for
    merging; False where the kernel cannot (not Linux, or older than 6.4)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_MEMORY_MERGE, 1, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False
