"""The terminal driver: Textual's own, with its output made lean (see terminal_output)."""

from __future__ import annotations

from typing import Any

from textual.drivers.linux_driver import LinuxDriver

from mbc_tui.display_profile import DisplayProfile
from mbc_tui.terminal_output import TerminalOutput


class LeanLinuxDriver(LinuxDriver):
    """Writes the same screen as ``LinuxDriver`` in fewer bytes, fit for the terminal."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        profile: DisplayProfile = getattr(app, "profile", DisplayProfile())
        self._output = TerminalOutput(strip_colour=profile.no_color, ascii_only=profile.ascii_only)

    def write(self, data: str) -> None:
        super().write(self._output.transform(data))
