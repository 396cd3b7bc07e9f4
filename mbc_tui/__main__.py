"""Allow ``python -m mbc_tui``."""

from mbc_tui.cli import main

raise SystemExit(main())
