"""Textual's private names, all in mbc_tui/textual_compat.py, still there as the app uses them.

After a Textual upgrade the first test fails once, with the list of every name that moved or
changed; mbc_tui/textual_compat.py is then the only file to change.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import re
import signal
import tokenize
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import constants
from textual.app import App, ComposeResult
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.style import Style
from textual.widgets import OptionList

from mbc_tui.textual_compat import (
    PRIVATE_NAMES,
    PrivateName,
    Render,
    RenderChoosingCompositor,
    app_driver,
    border_sides,
    driver_app,
    driver_debug,
    driver_loop,
    escape_deadline,
    key_parser,
    option_rows,
    parser_clock,
    rendered_strips,
    screen_update_period,
    set_virtual_size,
    stylesheet_variables,
    use_compositor,
)

ROOT = Path(__file__).resolve().parent.parent
SIZE = (40, 10)
ESCAPE_DELAY = 30.0
"""Seconds: long enough that no lone ESC is taken for the Esc key while the test looks."""


class OneList(App[None]):
    """The smallest app that has every object a private name belongs to."""

    def compose(self) -> ComposeResult:
        yield OptionList("one", "two\nlines", "three")


class AskedCompositor(RenderChoosingCompositor):
    """Textual's compositor, noting the parts of the screen its updates ask lines for."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[Region] = []

    def renders(self, crop: Region) -> Iterable[Render]:
        self.asked.append(crop)
        return super().renders(crop)


def drawn_through(app: App[None], compositor: AskedCompositor) -> bool:
    """Whether the screen, drawing with ``compositor``, asks it for the lines it shows."""
    use_compositor(app.screen, compositor)
    app.screen._refresh_layout(app.screen.outer_size)
    return bool(compositor.asked) and "three" in rendered_strips(app.screen)[4].text


def declared(private: PrivateName) -> str | None:
    """What is wrong with a method's or property's declaration (None: nothing)."""
    found = inspect.getattr_static(private.owner, private.name, None)
    where = f"{private.owner.__name__}.{private.name}"
    if found is None and private.kind != "attribute":
        return f"{where}: gone"
    if private.kind == "property" and not isinstance(found, property):
        return f"{where}: no longer a property ({found!r})"
    if private.kind == "reactive" and not isinstance(found, Reactive):
        return f"{where}: no longer a reactive ({found!r})"
    if private.kind == "method":
        if not callable(found):
            return f"{where}: no longer a method ({found!r})"
        parameters = tuple(inspect.signature(inspect.unwrap(found)).parameters)
        if parameters != private.parameters:
            return f"{where}: takes {parameters}, expected {private.parameters}"
    return None


def on_instance(private: PrivateName, instance: object | None) -> str | None:
    """What is wrong with an attribute each instance should have (None: nothing)."""
    where = f"{private.owner.__name__}.{private.name}"
    if instance is None:
        return f"{where}: no running instance to look at"
    if private.name not in vars(instance):
        return f"{where}: no longer set on instances"
    return None


def behaves(description: str, check: Callable[[], bool]) -> str | None:
    """``description`` if ``check`` fails or raises (None: it holds)."""
    try:
        holds = check()
    except Exception as error:
        return f"{description}: {type(error).__name__}: {error}"
    return None if holds else description


def unstarted_linux_driver(app: App[None]) -> LinuxDriver:
    """A ``LinuxDriver`` made but never started (the test's app runs headless); the signal
    handlers it puts in place are put back as they were."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        return LinuxDriver(app)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


async def test_textual_still_has_every_private_name_the_app_uses() -> None:
    problems = [declared(private) for private in PRIVATE_NAMES]
    app = OneList()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        option_list = app.query_one(OptionList)
        driver = app_driver(app)
        textual_escape_delay = constants.ESCAPE_DELAY
        parser = key_parser(ESCAPE_DELAY, debug=driver_debug(driver))
        live = (
            app,
            app.screen,
            app.stylesheet,
            driver,
            app.set_timer(60, lambda: None),
            parser,
            unstarted_linux_driver(app),
        )
        for private in PRIVATE_NAMES:
            if private.kind != "attribute":
                continue
            instance = next((obj for obj in live if isinstance(obj, private.owner)), None)
            problems.append(on_instance(private, instance))
        problems += [
            behaves(
                "option_rows: each option's first row and height",
                lambda: (
                    [option_rows(option_list, index) for index in range(4)]
                    == [(0, 1), (1, 2), (3, 1), None]
                ),
            ),
            behaves(
                "rendered_strips: one strip per row, with the text shown",
                lambda: (
                    len(strips := rendered_strips(app.screen)) == SIZE[1]
                    and "three" in strips[4].text  # the third option, below a two-row one
                ),
            ),
            behaves("app_driver/driver_app: each other's", lambda: driver_app(driver) is app),
            behaves("driver_debug: off in a test", lambda: driver_debug(driver) is False),
            behaves(
                "screen_update_period: Textual's own (1 / TEXTUAL_FPS)",
                lambda: screen_update_period(app.screen) == 1 / constants.MAX_FPS,
            ),
            behaves(
                "driver_loop: the app's running loop",
                lambda: driver_loop(driver) is asyncio.get_running_loop(),
            ),
            behaves(
                "set_virtual_size: the size and the scroll bar follow",
                lambda: (
                    set_virtual_size(option_list, Size(10, 400)) is None
                    and option_list.virtual_size == Size(10, 400)
                    and option_list.vertical_scrollbar.window_virtual_size == 400
                ),
            ),
            behaves(
                "key_parser/escape_deadline: a lone ESC is due after the delay, on parser_clock",
                lambda: (
                    escape_deadline(parser) is None
                    and not list(parser.feed("\x1b"))
                    and 0 < (escape_deadline(parser) or 0) - parser_clock() <= ESCAPE_DELAY
                ),
            ),
            behaves(
                "key_parser: the rest of a sequence makes one key, and nothing is pending",
                lambda: (
                    [getattr(key, "key", None) for key in parser.feed("[B")] == ["down"]
                    and escape_deadline(parser) is None
                ),
            ),
            behaves(
                "use_compositor/RenderChoosingCompositor: the screen draws through renders()",
                lambda: drawn_through(app, AskedCompositor()),
            ),
            behaves(
                "border_sides: a border's left and right beside a row of content",
                lambda: (
                    [side.text for side in border_sides("round", "heavy", *[Style()] * 4)]
                    == ["│", "┃"]
                ),
            ),
            behaves(
                "stylesheet_variables: the theme's",
                lambda: stylesheet_variables(app.stylesheet).get("primary") is not None,
            ),
        ]
    constants.ESCAPE_DELAY = textual_escape_delay  # type: ignore[misc]
    found = [problem for problem in problems if problem is not None]
    assert not found, "Textual changed; adjust mbc_tui/textual_compat.py:\n" + "\n".join(found)


def private_uses(source: str, names: set[str]) -> list[tuple[int, str]]:
    """Where ``source`` reads (``x._name``) or defines (``def _name``) one of ``names``; text
    in strings and comments does not count."""
    uses = []
    previous = ""
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.string in names and previous in (".", "def"):
            uses.append((token.start[0], token.line.strip()))
        if token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
            previous = token.string
    return uses


def test_no_other_module_reaches_for_them() -> None:
    """Outside the compatibility module, no code that imports Textual names one of them
    (modules without Textual may have attributes of their own with the same names)."""
    names = {private.name for private in PRIVATE_NAMES}
    uses_textual = re.compile(r"^\s*(?:from|import) textual\b", re.MULTILINE)
    exempt = {ROOT / "mbc_tui" / "textual_compat.py", Path(__file__).resolve()}
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line}"
        for folder in ("mbc_tui", "tests", "benchmarks")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path not in exempt and uses_textual.search(source := path.read_text("utf-8"))
        for number, line in private_uses(source, names)
    ]
    assert not offenders, "use mbc_tui.textual_compat instead:\n" + "\n".join(offenders)


def test_the_scan_finds_a_private_name() -> None:
    source = 'x = widget._heights  # "._heights" in a comment\ndef _get_terminal_size(): ...\n'
    found = private_uses(source, {"_heights", "_get_terminal_size"})
    assert [number for number, _line in found] == [1, 2]
