"""The environments of the warm parent and of each session's app: nothing of the server's."""

from __future__ import annotations

BASE_ENVIRONMENT = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/nonexistent",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
}


def app_environment(term: str, no_color: bool, low_bandwidth: bool = False) -> dict[str, str]:
    """A session app's whole environment: the base, the client's TERM, NO_COLOR and the
    low-bandwidth profile if asked."""
    env = {**BASE_ENVIRONMENT, "TERM": term}
    if no_color:
        env["NO_COLOR"] = "1"
    if low_bandwidth:
        env["MBC_TUI_LOW_BANDWIDTH"] = "1"
    return env
