"""Textual's web driver, told two more things by the server: the idle warning and its end."""

from __future__ import annotations

from textual.drivers.web_driver import WebDriver
from textual.message import Message

from mbc_tui.textual_compat import driver_app
from mbc_tui.web.protocol import IDLE_CLEARED, IDLE_WARNING


class IdleWarning(Message):
    """No key for a while: the session closes in ``seconds``."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds


class IdleCleared(Message):
    """A key after the warning: the session goes on."""


class GuideWebDriver(WebDriver):
    """The web driver that turns the server's idle packets into app messages."""

    def on_meta(self, packet_type: str, payload: dict[str, object]) -> None:
        if packet_type == IDLE_WARNING:
            seconds = payload.get("seconds")
            if isinstance(seconds, int | float):
                driver_app(self).post_message(IdleWarning(float(seconds)))
        elif packet_type == IDLE_CLEARED:
            driver_app(self).post_message(IdleCleared())
        else:
            super().on_meta(packet_type, payload)
