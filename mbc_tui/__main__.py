"""Allow ``python -m mbc_tui``."""

from mbc_tui.cli import entry

entry()
