"""What the web server tells a session's guide besides keys: textual-serve's meta packets
that the guide's web driver (``mbc_tui.web_app.driver``) knows, and the server sends."""

IDLE_WARNING = "mbc_idle_warning"
"""No key for a while: ``{"type": IDLE_WARNING, "seconds": N}`` before the session closes."""
IDLE_CLEARED = "mbc_idle_cleared"
"""A key after the warning: the session goes on."""
