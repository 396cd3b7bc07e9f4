"""Writing a file a reader asked for (the summary, the export): never over a file that
exists unless they said so."""

from __future__ import annotations

from pathlib import Path


def write_text_file(path: Path, text: str, *, replace: bool) -> Path:
    """Write ``text`` to ``path`` (UTF-8); returns the absolute path written.

    With ``replace=False`` a file that exists is left alone (``FileExistsError``).

    Raises:
        OSError: when the file cannot be written.
    """
    path = path.expanduser()
    with path.open("w" if replace else "x", encoding="utf-8") as file:
        file.write(text)
    return path.resolve()
