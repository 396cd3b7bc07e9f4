"""The guide's App: holds the content, the global keys and the screen stack."""

from __future__ import annotations

import asyncio
import inspect
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path, PurePath
from typing import Any, ClassVar, TypeVar, cast

from textual import events, on
from textual.app import CSSPathType
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, Provider
from textual.driver import Driver
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Input

from mbc_tui.ascii_scrollbars import use_ascii_scrollbars
from mbc_tui.built_ahead import BuildsScreensAhead, ScreenMaker
from mbc_tui.core.about import GUIDE_TITLE
from mbc_tui.core.content import Guide
from mbc_tui.core.glossary import glossary_of
from mbc_tui.core.instructions import Form
from mbc_tui.core.search import MAX_QUERY_LENGTH, SearchIndex, search_index_of
from mbc_tui.cursor import CursorFollowsFocus
from mbc_tui.direct_keys import KeysStraightToBindings
from mbc_tui.failure import report_on_terminal
from mbc_tui.frame_rate import FrameRateCap
from mbc_tui.palette import TopicCommands
from mbc_tui.prompt_exit import ExitsPromptly
from mbc_tui.quiet_collection import CollectsWhenQuiet
from mbc_tui.screens.glossary import GlossaryScreen
from mbc_tui.screens.guide import GuideScreen
from mbc_tui.screens.help import HelpScreen, KeyGroup, keys_markdown
from mbc_tui.screens.kept import KeptScreen
from mbc_tui.screens.results_summary import ResultsSummaryScreen
from mbc_tui.screens.save_prompt import SavePrompt
from mbc_tui.screens.search import FoundAt, SearchScreen
from mbc_tui.screens.subtype_explorer import START, SubtypeExplorerScreen
from mbc_tui.screens.too_small import TooSmallScreen
from mbc_tui.shared_styles import share_parsed_styles
from mbc_tui.taking_turns import TakesTurns
from mbc_tui.terminal.display_profile import DisplayProfile
from mbc_tui.terminal.window_size import MAX_COLUMNS, MAX_ROWS
from mbc_tui.textual_compat import (
    FailureReportingApp,
    PointerShapeApp,
    keep_colours,
    remove_colours,
)
from mbc_tui.widgets.receptor_toggle import ReceptorToggle
from mbc_tui.widgets.section_reader import SectionReader
from mbc_tui.widgets.topic_list import TopicList


def own_styles(*screens: type[Screen[Any]]) -> list[Path]:
    """Each screen's own CSS files, by the absolute paths Textual resolves them to."""
    paths: list[Path] = []
    for screen in screens:
        folder = Path(inspect.getfile(screen)).parent
        css = screen.CSS_PATH
        paths += [folder / entry for entry in ([css] if isinstance(css, str | PurePath) else css)]
    return paths


KEY_NAMES = {
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "tab": "Tab",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}
"""Key names as words, in place of arrows and symbols."""

HERE = Path(__file__).parent

MIN_WIDTH = 40
MIN_HEIGHT = 12
PALETTE_PROMPT = "Find a topic or a word"
"""The command palette's empty prompt (Ctrl+P)."""

KeptT = TypeVar("KeptT", bound=Screen[Any])


class GuideApp(
    ExitsPromptly,
    TakesTurns,
    KeysStraightToBindings,
    CursorFollowsFocus,
    FrameRateCap,
    BuildsScreensAhead,
    CollectsWhenQuiet,
    PointerShapeApp,
    FailureReportingApp,
):
    """A calm terminal guide to metastatic breast cancer. The terminal cursor sits on the
    focused item, for screen readers and braille displays (``CursorFollowsFocus``).

    Built by :func:`mbc_tui.app_factory.build_app`, for every entry point. It draws as its
    display profile says, whatever the environment: colours, borders, frame rate, mouse."""

    TITLE = GUIDE_TITLE
    CSS_PATH: ClassVar[CSSPathType] = [
        HERE / "app.tcss",
        *own_styles(
            GuideScreen,
            SubtypeExplorerScreen,
            ResultsSummaryScreen,
            SavePrompt,
            HelpScreen,
            SearchScreen,
            GlossaryScreen,
        ),
    ]
    """Every screen's CSS too, read with the app's. The guide screen is the default screen,
    whose CSS Textual does not load by itself; and a screen whose CSS is first read when it
    opens makes Textual re-parse the whole stylesheet and style every widget of the app
    again (most of what opening the explorer, help or search cost). Absolute, so that
    subclasses in other folders find it."""
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {TopicCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "open_explorer",
            "Subtypes",
            tooltip="Open the subtype explorer: set ER, PR and HER2 results",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            key_display="/",
            tooltip="Search the whole guide for a word",
        ),
        Binding("g", "glossary", "Glossary", tooltip="Open the glossary: every term explained"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key"),
        Binding("q", "quit", "Quit", tooltip="Leave the guide"),
        Binding("ctrl+q", "quit", "Quit", tooltip="Leave the guide", show=False, priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            "Find",
            tooltip="Find a topic, or a word in the text (command palette)",
            priority=True,
        ),
    ]

    def __init__(
        self,
        guide: Guide,
        first_slug: str | None = None,
        profile: DisplayProfile | None = None,
        *,
        allow_file_writes: bool = True,
    ) -> None:
        share_parsed_styles()  # before Textual parses any CSS for this app
        self.profile = profile or DisplayProfile()
        super().__init__(ansi_color=self.profile.terminal_colours)
        self.guide = guide
        self.first_slug = first_slug
        self.allow_file_writes = allow_file_writes
        """Whether the reader may save files (the results summary). Off over SSH: nothing
        is ever written on the server."""
        self.animation_level = "none"
        self.max_fps = self.profile.max_fps
        if self.profile.no_color and not self.no_color:  # Textual found no NO_COLOR itself
            remove_colours(self)
        elif self.no_color and not self.profile.no_color:  # NO_COLOR there, but empty
            keep_colours(self)
        self.no_color = self.profile.no_color
        if self.profile.terminal_colours:
            self.theme = "ansi-dark"
        self.set_class(self.profile.terminal_colours, "-ansi")
        self.set_class(self.profile.ascii_borders, "-ascii")
        # The screen-reader profile draws no frames at all: the console's frame rules are not
        # for it (with no colour they would outrank its "no border").
        self.set_class(self.profile.line_drawing and not self.profile.screen_reader, "-lines")
        if self.profile.ascii_borders:
            use_ascii_scrollbars(self)
        self.set_class(self.profile.low_bandwidth, "-low-bandwidth")
        self.set_class(self.profile.screen_reader, "-screen-reader")
        self.glossary = glossary_of(guide)

    async def run_async(self, *, mouse: bool = True, **options: Any) -> Any:
        """Run the app (returns what it exits with); no mouse tracking if the display
        profile says so."""
        return await super().run_async(mouse=mouse and self.profile.mouse, **options)

    terminal_fd: int | None = None
    """The app's own terminal, where it shares its process with other readers' apps (see
    ``mbc_tui.ssh_app.worker``); None: the process's standard input and error."""

    terminal_written: asyncio.Future[None] | None = None
    """On a terminal of its own (``terminal_fd``), made when the app starts drawing: done once
    everything the app wrote has reached that terminal, or the terminal has gone. The app's
    end does not wait for it (see ``mbc_tui.output_thread``); whoever closes the terminal
    must."""

    failure_reporter: Callable[[str], None] = staticmethod(report_on_terminal)
    """Told why the guide stopped, if an error stopped it (see ``mbc_tui.failure``): on the
    command line, a calm line and a crash file; a session over SSH sets its own."""

    def report_failure(self, reason: str) -> None:
        self.failure_reporter(reason)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, writing lean output (see ``mbc_tui.lean_driver``), on POSIX."""
        if os.name == "posix" and not os.environ.get("TEXTUAL_DRIVER"):
            from mbc_tui.lean_driver import LeanLinuxDriver

            return LeanLinuxDriver
        return super().get_driver_class()

    @property
    def search_index(self) -> SearchIndex:
        """The guide's index, shared by every app showing this guide (see
        ``search_index_of``)."""
        return search_index_of(self.guide, Form.SCREEN)

    def get_default_screen(self) -> GuideScreen:
        """The guide is the app's first and bottom screen (no blank screen beneath it to
        lay out and paint: less work for every SSH session that starts)."""
        return GuideScreen(
            self.guide, self.glossary, self.first_slug, frameless=self.profile.screen_reader
        )

    def on_mount(self) -> None:
        self.check_terminal_size(self.size)

    def on_resize(self, event: events.Resize) -> None:
        self.check_terminal_size(event.size)
        if event.size.width >= MAX_COLUMNS or event.size.height >= MAX_ROWS:
            # The window may be larger than the largest size the guide draws at, and have
            # changed without the size drawn at changing: Textual would draw nothing, and
            # the terminal may have moved or cleared what it showed.
            self.screen.refresh()

    def watch_app_focus(self, focus: bool) -> None:
        """The app got the focus back with nothing focused: focus the screen's first part
        (the topic list on the main screen). In a browser, Textual's web driver starts the
        app unfocused, before anything had the focus to give back: without this the first
        key would do nothing."""
        if focus and self.screen.focused is None:
            self.screen.focus_next()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """No blinking cursors (the command palette's too): every blink is a redraw. And no
        box without a length limit (the command palette's is a search too)."""
        if isinstance(event.widget, Input):
            event.widget.cursor_blink = False
            if not event.widget.max_length:
                event.widget.max_length = MAX_QUERY_LENGTH

    def check_terminal_size(self, size: Size) -> None:
        """Cover the screen with a short message while it is too small; recover after."""
        too_small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if too_small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif showing and not too_small:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (
            "open_explorer",
            "help",
            "command_palette",
            "search",
            "glossary",
        ) and isinstance(self.screen, TooSmallScreen | SearchScreen):
            return False
        if action == "open_explorer":
            return not isinstance(self.screen, SubtypeExplorerScreen)
        if action == "glossary":
            return len(self.glossary) > 0 and not isinstance(self.screen, GlossaryScreen)
        return True

    def show_topic(self, slug: str, find: str | None = None) -> None:
        """Go back to the main screen and open a section there (``GuideScreen.open_section``).

        With ``find`` (the words searched for), the section opens at their first match,
        every match marked, with the reader focused. Without it, a section already shown
        is left as it is: the reader keeps their place.
        """
        while not isinstance(self.screen, GuideScreen | TooSmallScreen):
            self.pop_screen()
        for screen in self.screen_stack:
            if isinstance(screen, GuideScreen) and (find is not None or screen.slug != slug):
                opening = partial(
                    screen.open_section, slug, focus_reader=find is not None, find=find
                )
                screen.call_next(opening)

    def action_command_palette(self) -> None:
        """Textual's palette, with a prompt that ends in no "…": an ASCII terminal shows that
        as "~" (and a screen reader says "tilde"); what it finds is said in words."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=PALETTE_PROMPT, id="--command-palette"))

    def action_open_explorer(self) -> None:
        if isinstance(self.screen, SubtypeExplorerScreen):
            return
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        if any(isinstance(screen, SubtypeExplorerScreen) for screen in self.screen_stack):
            # Back to the open explorer (from its summary), keeping the results set there.
            while not isinstance(self.screen, SubtypeExplorerScreen):
                self.pop_screen()
            return
        self.push_screen(self.fresh_screen("explorer", SubtypeExplorerScreen))

    def screens_to_build_ahead(self) -> list[ScreenMaker]:
        """The kept screens, by how soon a reader is likely to open them (see
        ``mbc_tui.built_ahead``): each under the name ``fresh_screen`` finds it by."""
        screens: list[ScreenMaker] = [
            ("explorer", SubtypeExplorerScreen),
            ("help", self.make_help),
            ("search", self.make_search),
        ]
        if len(self.glossary):
            screens.append(("glossary", self.make_glossary))
        return [*screens, ("summary", self.make_summary)]

    def fresh_screen(self, name: str, make: Callable[[], KeptT]) -> KeptT:
        """The screen kept under ``name`` (made and installed the first time), shown as if
        new (``KeptScreen.start_over``). A screen is built once: opening it again costs a
        repaint, not the making, styling and laying out of its widgets."""
        if not self.is_screen_installed(name):
            self.install_screen(make(), name)
        screen = self.get_screen(name)
        if isinstance(screen, KeptScreen):
            screen.start_over()
        return cast(KeptT, screen)

    def on_subtype_explorer_screen_summary_requested(
        self, event: SubtypeExplorerScreen.SummaryRequested
    ) -> None:
        """``x`` on the explorer: the summary of its results, on the kept summary screen.
        Saving is offered only when the app allows writing files (never over SSH)."""
        screen = self.fresh_screen("summary", self.make_summary)
        screen.show_status(event.status)
        self.push_screen(screen)

    def make_summary(self) -> ResultsSummaryScreen:
        return ResultsSummaryScreen(START, allow_save=self.allow_file_writes)

    def action_search(self) -> None:
        screen = self.fresh_screen("search", self.make_search)
        self.push_screen(screen, self.after_search)

    @on(SearchScreen.Resting)
    def prepare_found(self, event: SearchScreen.Resting) -> None:
        """Make ready the section a search rests on, at its match, in the guide beneath."""
        slug, query = event.found
        for screen in self.screen_stack:
            if isinstance(screen, GuideScreen):
                screen.prepare_section(slug, find=query)

    def after_search(self, found: FoundAt | None) -> None:
        """The search screen closed: open the section chosen there, if any."""
        if found is not None:
            slug, query = found
            self.show_topic(slug, find=query)

    def action_glossary(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        self.push_screen(self.fresh_screen("glossary", self.make_glossary))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(self.fresh_screen("help", self.make_help))

    def make_search(self) -> SearchScreen:
        return SearchScreen(self.search_index)

    def make_glossary(self) -> GlossaryScreen:
        return GlossaryScreen(self.glossary.entries, "Glossary")

    def make_help(self) -> HelpScreen:
        return HelpScreen(self.keys_document())

    def get_key_display(self, binding: Binding) -> str:
        """Keys as words ("Enter", "PgDn"), which screen readers speak and any terminal draws."""
        if binding.key_display:
            return binding.key_display
        *modifiers, key = binding.key.split("+")
        name = KEY_NAMES.get(key) or super().get_key_display(Binding(key, ""))
        if modifiers == ["ctrl"]:
            return f"^{name}"
        return "+".join([*(modifier.capitalize() for modifier in modifiers), name])

    def keys_document(self) -> str:
        """Every key of the guide, as Markdown, from the bindings themselves."""
        groups: list[KeyGroup] = [
            ("Anywhere", type(self)),
            ("Main screen", GuideScreen),
            ("Topic list", TopicList),
            ("Reader", SectionReader),
            ("Subtype explorer", SubtypeExplorerScreen),
            ("A result on the subtype explorer", ReceptorToggle),
            ("My results summary", ResultsSummaryScreen),
            ("Search", SearchScreen),
            ("Glossary", GlossaryScreen),
            ("Help", HelpScreen),
        ]
        extra = [
            ("Anywhere", "Tab, Shift+Tab", "Move to the next or previous part of the screen"),
            ("Search", "Enter", "Open the first result, or the chosen one"),
            ("Glossary", "Up, Down", "Move through the terms; the meaning follows"),
            ("Glossary", "Enter", "Move to the meaning, to read or scroll it"),
        ]
        return keys_markdown(groups, self.get_key_display, extra)
