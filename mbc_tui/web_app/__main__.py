"""``python -m mbc_tui.web_app [--content DIR] [--topic SLUG]``: one browser session's guide."""

from mbc_tui.web_app.main import main

raise SystemExit(main())
