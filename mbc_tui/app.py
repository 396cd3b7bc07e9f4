"""The guide's App: holds the content, the global keys and the screen stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.widgets import Switch

from mbc_tui.commands import TopicCommands
from mbc_tui.content import Guide
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.help import HelpScreen, KeyGroup, keys_markdown
from mbc_tui.screens.subtype_explorer import SubtypeExplorerScreen
from mbc_tui.screens.too_small import TooSmallScreen
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList

MIN_WIDTH = 40
MIN_HEIGHT = 12


class GuideApp(App[None]):
    """A calm terminal guide to metastatic breast cancer."""

    TITLE = "Metastatic breast cancer: a plain guide"
    CSS_PATH = "app.tcss"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {TopicCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "open_explorer", "Subtypes", tooltip="Set ER, PR and HER2 results"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
        Binding("ctrl+p", "command_palette", "Find a topic", priority=True, show=False),
    ]

    def __init__(self, guide: Guide, first_slug: str | None = None) -> None:
        super().__init__()
        self.guide = guide
        self.first_slug = first_slug
        self.animation_level = "none"

    def on_mount(self) -> None:
        self.push_screen(GuideScreen(self.guide, self.first_slug))
        self.check_terminal_size()

    def on_resize(self, event: events.Resize) -> None:
        self.check_terminal_size()

    @property
    def terminal_too_small(self) -> bool:
        width, height = self.size
        return width < MIN_WIDTH or height < MIN_HEIGHT

    def check_terminal_size(self) -> None:
        """Cover the screen with a short message while it is too small; recover after."""
        showing = isinstance(self.screen, TooSmallScreen)
        if self.terminal_too_small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif showing and not self.terminal_too_small:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_explorer", "help", "command_palette"):
            return not isinstance(self.screen, TooSmallScreen)
        return True

    def show_topic(self, slug: str) -> None:
        """Go back to the main screen and open a section there."""
        while not isinstance(self.screen, GuideScreen | TooSmallScreen):
            self.pop_screen()
        for screen in self.screen_stack:
            if isinstance(screen, GuideScreen):
                screen.slug = slug

    def action_open_explorer(self) -> None:
        if isinstance(self.screen, SubtypeExplorerScreen):
            return
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        if isinstance(self.screen, SubtypeExplorerScreen):
            return
        self.push_screen(SubtypeExplorerScreen())

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.keys_document()))

    def keys_document(self) -> str:
        """Every key of the guide, as Markdown, from the bindings themselves."""
        groups: list[KeyGroup] = [
            ("Anywhere", type(self)),
            ("Main screen", GuideScreen),
            ("Topic list", TopicList),
            ("Reader", SectionReader),
            ("Subtype explorer", SubtypeExplorerScreen),
            ("Switch on the subtype explorer", Switch),
            ("Help", HelpScreen),
        ]
        extra = [
            ("Anywhere", "tab, shift+tab", "Move to the next or previous part of the screen"),
            (
                "Anywhere",
                self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, "")),
                "Find a topic by name",
            ),
        ]
        return keys_markdown(groups, self.get_key_display, extra)
