"""Screens built once and kept: opening one again shows it as if new."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class KeptScreen(Protocol):
    """A screen the app installs and shows again and again (``GuideApp.fresh_screen``)."""

    def start_over(self) -> None:
        """Show the screen as a newly made one would be: nothing typed or chosen, from its
        top, the first part focused."""
