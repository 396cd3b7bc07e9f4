"""Imported first in the warm parent, never in the server: it drops the server's
environment before Textual is imported there (Textual reads some of its settings from the
environment at import time).

Each session's app is forked from the warm parent and then gets its own environment
(:func:`mbc_tui.ssh.environment.app_environment`); with this, nothing of the server's
environment reaches a session by either route.
"""

from __future__ import annotations

import os

from mbc_tui.ssh.environment import BASE_ENVIRONMENT

os.environ.clear()
os.environ.update(BASE_ENVIRONMENT)
