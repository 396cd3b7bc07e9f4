"""Serving the guide over SSH: one isolated copy of the app per reader (``mbc-tui serve``)."""
