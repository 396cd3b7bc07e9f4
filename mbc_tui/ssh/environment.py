"""The environments of the warm parent and of each session's app: nothing of the server's."""

from __future__ import annotations

BASE_ENVIRONMENT = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/nonexistent",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
}


def app_environment(term: str) -> dict[str, str]:
    """A session app's whole environment: the base and the client's TERM. How the app
    draws is not in it: the app gets its display profile itself (see ``AppRequest``)."""
    return {**BASE_ENVIRONMENT, "TERM": term}
