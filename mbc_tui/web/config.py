"""What ``mbc-tui web`` was asked for: address, caps and the idle limit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WebConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    max_sessions: int = 20
    """Full-screen guides open at once (each is a process of about 40 MB)."""
    idle_timeout: float = 900.0
    """Seconds without a key before a full-screen session is closed."""
    content: Path | None = None
    first_slug: str | None = None

    @property
    def idle_warning(self) -> float:
        """How long before the idle timeout the reader is warned: a minute, less if short."""
        return min(60.0, self.idle_timeout / 3)
