"""The guide for one browser session: built by the one factory with the rules of the SSH
server (nothing written on the server, no URL opened), drawn through Textual's web driver.

It never looks at whether its standard input is a terminal (textual-serve runs it on pipes),
so it never chooses line mode."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from textual import on
from textual.driver import Driver

from mbc_tui.app import GuideApp
from mbc_tui.app_factory import build_app
from mbc_tui.core.content import load_guide
from mbc_tui.ssh.messages import IDLE_WARNING, minutes
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.web_app.driver import GuideWebDriver, IdleCleared, IdleWarning


class WebGuideApp(GuideApp):
    """The guide in a browser tab."""

    def get_driver_class(self) -> type[Driver]:
        return GuideWebDriver

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Never: the guide routes its own links, and sends no reader to another host."""

    @on(IdleWarning)
    def warn_idle(self, message: IdleWarning) -> None:
        self.notify(
            IDLE_WARNING.format(when=minutes(message.seconds)),
            title="Still there?",
            severity="warning",
            timeout=message.seconds,
        )

    @on(IdleCleared)
    def idle_cleared(self) -> None:
        self.clear_notifications()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mbc_tui.web_app")
    parser.add_argument("--content", type=Path)
    parser.add_argument("--topic")
    arguments = parser.parse_args(argv)
    guide = load_guide(arguments.content)
    app = build_app(
        guide,
        DisplayProfile(),
        first_slug=arguments.topic,
        allow_file_writes=False,
        app_class=WebGuideApp,
    )
    app.collects_when_quiet = True  # Python's collections, off the reader's keys
    app.run()
    return 0
