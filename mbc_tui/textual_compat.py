"""Every private name of Textual this app relies on, reached only from here.

Textual is pinned to a minor version (pyproject.toml) because of these: none is public API,
and any release may rename one or change what it takes. Each is listed in
:data:`PRIVATE_NAMES` and used only through the small accessors and bases below, so that
``tests/pilot/test_textual_compat.py`` can check them all: after a Textual upgrade, that one test
fails with the list of what moved, and this file is the one to change.

What each is for:

- ``OptionList._index_to_line``, ``OptionList._heights``: which rows of its content each
  option takes (the topic list repaints only the rows that change; the terminal cursor sits
  on the highlighted one): :func:`option_rows`.
- ``Stylesheet._parse_rules``, ``Stylesheet._variables``: parsed CSS is shared by every
  stylesheet of the process (:mod:`mbc_tui.shared_styles`): :func:`stylesheet_parse_rules`,
  :func:`replace_stylesheet_parse_rules`, :func:`stylesheet_variables`.
- ``Screen._screen_resized``: a lean screen lays itself out again only for a new size
  (:mod:`mbc_tui.screens.lean`): :class:`LayoutFilteringScreen`, which also counts its
  layouts (``Screen._refresh_layout``) for tests.
- ``LinuxDriver._get_terminal_size``: the lean driver forgets its copy of the terminal's
  cells whenever the window size is read (at start, on each window change):
  :class:`SizeReportingLinuxDriver`.
- ``Driver._loop``: the app's event loop, which the driver's input thread asks how far
  behind the app is (:mod:`mbc_tui.input_backlog`): :func:`driver_loop`.
- ``Driver._app``, ``App._driver``: a spare app and its driver reach each other when a reader
  takes the spare: :func:`driver_app`, :func:`app_driver`.
- ``App._handle_exception``, ``App._print_error_renderables``: an unhandled error ends the
  app as in Textual, but what Textual would print on the terminal (a traceback with local
  variables) is handed to the app instead: :class:`FailureReportingApp`.
- ``Screen._compositor``: what the screen shows, row by row (for tests and benchmarks):
  :func:`rendered_strips`.
- ``App._register``, ``Screen._update_timer`` (kept in ``_Screen__update_timer``, made on
  first use), ``Screen._on_timer_update``, ``Timer._interval``: each app's own frame rate
  (:mod:`mbc_tui.frame_rate`; Textual's is one per process, fixed when it is imported):
  :class:`ScreenRegisteringApp`, :func:`set_screen_update_period`,
  :func:`screen_update_period`.
- ``App._filters``: a no-colour display profile takes the colours away as ``NO_COLOR`` does,
  with no variable in the environment: :func:`remove_colours`; a colour profile keeps
  them with an empty one: :func:`keep_colours`.
- ``App._capture_stdout``, ``App._capture_stderr``: apps sharing a process (several readers
  per worker) leave the process's standard streams as they are: :func:`keep_standard_streams`.
- ``App._register``, ``Screen._refresh_layout``, ``Widget._layout_required``: a screen built
  ahead, while another is shown, is started (composed, mounted and styled) and laid out
  before it is first shown (:mod:`mbc_tui.built_ahead`): :func:`start_screen`,
  :func:`lay_out_unshown`, :func:`layout_pending`.
- ``App._set_pointer_shape``: the mouse pointer's shape is written only when it changes
  (Textual writes it as each screen is mounted, built ahead or not): :class:`PointerShapeApp`.
- ``Widget._scroll_update``: a page of lines gets a new scrollable size without its whole
  screen being laid out again (:mod:`mbc_tui.widgets.markdown_page`), and the subtype
  explorer's scroll bar follows a longer or shorter answer in the one layout that places it
  (:mod:`mbc_tui.screens.subtype_explorer`): :func:`set_virtual_size`.
- ``Widget._check_refresh``: opening a section hands the screen every repaint its widgets
  asked for at once, so that they are drawn in the frame that shows the section, not in one
  of their own after it (:mod:`mbc_tui.screens.guide`): :func:`send_refresh_requests`.
- ``Compositor._get_renders`` (of the private module ``textual._compositor``), with
  ``Screen._compositor``: which widgets a screen update asks for their lines, and which of
  their rows (:mod:`mbc_tui.changed_area`): :class:`RenderChoosingCompositor`,
  :func:`use_compositor`; with ``ChopsUpdate`` (of the same module), each changed row is
  sent from where its change starts, not from the widget's left edge:
  :class:`ChangedColumnsUpdate`.
- ``get_box`` of the private module ``textual._border``: the sides of a widget's border as
  Textual draws them beside each row of its content (:mod:`mbc_tui.widgets.row_frame`):
  :func:`border_sides`.
- ``Widget._vertical_scrollbar``, ``App._start_widget``: a page's vertical scroll bar is made
  of a class of the page's own, as Textual's ``Widget.vertical_scrollbar`` makes one
  (:mod:`mbc_tui.strip_scrollbars`): :func:`vertical_scrollbar_of`; and a widget's kept
  styles include its bar's, if it has one (:func:`existing_vertical_scrollbar`).
- ``OptionList._update_lines``, ``OptionList._lines``, ``OptionList._mouse_hovering_over``,
  ``OptionList._get_option_render``: the topic list, drawing its rows itself, first brings
  Textual's table of its options' rows up to date, as ``OptionList.render_lines`` does
  (:func:`update_option_lines`), and makes each row as ``OptionList.render_line`` does, with
  what that looks up for every row looked up once per drawing: :func:`option_row_maker`.
- ``DOMNode._component_styles``, ``DOMNode._selector_names``: a widget restyled for a state it
  was in before is given the component styles it had then, while the rules that can apply to
  it (those naming one of its selector names) are the same (:mod:`mbc_tui.widgets.
  kept_styles`): :func:`component_styles`, :func:`set_component_styles`,
  :func:`selector_names`.
- ``App._display``, ``App._batch_count``, ``Widget._set_dirty``, ``Widget._layout_cache``
  and the private module
  ``textual._compositor`` (``ChopsUpdate``): the reader's scroll bar, coming with a new
  section, is drawn in a frame of its own holding its column alone (:mod:`mbc_tui.
  kept_scrollbar`): :func:`paint_alone`.
- ``App._check_bindings``, ``App._on_key``, ``Widget._on_key`` and the classes' own
  ``_decorated_handlers`` (Textual's table of ``@on`` handlers): a key bound to an action, on
  its way to the app through widgets that would not look at it, goes to its binding at once
  (:mod:`mbc_tui.direct_keys`): :class:`BindingsFirstApp`, :func:`looks_at_keys`.
- ``Parser._timeout_time``, ``Driver._debug``, and the private modules ``textual._xterm_parser``
  (``XTermParser``), ``textual._parser`` (``ParseError``) and ``textual._time`` (``get_time``),
  with ``constants.ESCAPE_DELAY``, which the parser reads at each ESC: the lean driver's input
  thread parses keys as Textual's does, but sleeps only until a lone Esc is due
  (:mod:`mbc_tui.key_reader`): :func:`key_parser`, :func:`escape_deadline`,
  :func:`parser_clock`, :func:`driver_debug`.
- ``WriterThread`` as the private module ``textual.drivers.linux_driver`` names it (from
  ``textual.drivers._writer_thread``), which ``LinuxDriver.start_application_mode`` makes
  with the driver's output file: the lean driver's own writer, whose queue never blocks the
  app (:mod:`mbc_tui.output_thread`), is made there instead: :func:`linux_driver_writer`.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console, RenderableType
from rich.control import Control
from rich.segment import Segment
from textual import constants
from textual._border import get_box
from textual._compositor import ChopsUpdate, Compositor
from textual._parser import ParseError, Parser
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.css.model import RuleSet
from textual.css.styles import RenderStyles
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.driver import Driver
from textual.drivers import linux_driver as textual_linux_driver
from textual.drivers.linux_driver import LinuxDriver
from textual.errors import NoWidget
from textual.events import Event, InputEvent, Key
from textual.filter import Monochrome, NoColor
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import Screen, ScreenResultType
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import OptionList

KeyParser = Parser[Message]
"""Textual's parser of what the terminal sends: ``feed(text)`` and ``tick()`` yield messages."""
KeyParseError = ParseError
"""What the parser may raise once its input has ended."""

ParseRules = Callable[..., list[RuleSet]]
"""``Stylesheet._parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)``."""


@dataclass(frozen=True)
class PrivateName:
    """One private name of Textual this module relies on, and what it must be."""

    owner: type
    name: str
    kind: Literal["method", "property", "attribute", "reactive"]
    """An ``attribute`` is set on each instance (checked on a running app)."""
    parameters: tuple[str, ...] = ()
    """A method's parameters, as this module calls or overrides it."""


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    PrivateName(OptionList, "_index_to_line", "property"),
    PrivateName(OptionList, "_heights", "property"),
    PrivateName(
        Stylesheet,
        "_parse_rules",
        "method",
        ("self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"),
    ),
    PrivateName(Stylesheet, "_variables", "attribute"),
    PrivateName(Screen, "_screen_resized", "method", ("self", "size")),
    PrivateName(LinuxDriver, "_get_terminal_size", "method", ("self",)),
    PrivateName(Driver, "_app", "attribute"),
    PrivateName(Driver, "_loop", "attribute"),
    PrivateName(App, "_driver", "attribute"),
    PrivateName(Screen, "_compositor", "attribute"),
    PrivateName(
        App, "_register", "method", ("self", "parent", "widgets", "before", "after", "cache")
    ),
    PrivateName(Screen, "_update_timer", "property"),
    PrivateName(Screen, "_Screen__update_timer", "attribute"),
    PrivateName(Screen, "_on_timer_update", "method", ("self",)),
    PrivateName(Timer, "_interval", "attribute"),
    PrivateName(App, "_filters", "attribute"),
    PrivateName(App, "_capture_stdout", "attribute"),
    PrivateName(App, "_capture_stderr", "attribute"),
    PrivateName(App, "_handle_exception", "method", ("self", "error")),
    PrivateName(App, "_print_error_renderables", "method", ("self",)),
    PrivateName(Widget, "_scroll_update", "method", ("self", "virtual_size")),
    PrivateName(Widget, "_check_refresh", "method", ("self",)),
    PrivateName(Parser, "_timeout_time", "attribute"),
    PrivateName(Driver, "_debug", "attribute"),
    PrivateName(Screen, "_refresh_layout", "method", ("self", "size", "scroll")),
    PrivateName(Widget, "_layout_required", "attribute"),
    PrivateName(App, "_set_pointer_shape", "method", ("self", "shape")),
    PrivateName(LinuxDriver, "_file", "attribute"),
    PrivateName(Compositor, "_get_renders", "method", ("self", "crop")),
    PrivateName(Widget, "_vertical_scrollbar", "attribute"),
    PrivateName(App, "_start_widget", "method", ("self", "parent", "widget")),
    PrivateName(App, "_batch_count", "attribute"),
    PrivateName(App, "_display", "method", ("self", "screen", "renderable")),
    PrivateName(Widget, "_set_dirty", "method", ("self", "regions")),
    PrivateName(Widget, "_layout_cache", "attribute"),
    PrivateName(App, "_check_bindings", "method", ("self", "key", "priority")),
    PrivateName(App, "_on_key", "method", ("self", "event")),
    PrivateName(Widget, "_on_key", "method", ("self", "event")),
    PrivateName(DOMNode, "_component_styles", "attribute"),
    PrivateName(DOMNode, "_selector_names", "property"),
    PrivateName(OptionList, "_update_lines", "method", ("self",)),
    PrivateName(OptionList, "_lines", "property"),
    PrivateName(OptionList, "_mouse_hovering_over", "reactive"),
    PrivateName(OptionList, "_get_option_render", "method", ("self", "option", "style")),
)

SCREEN_UPDATE_TIMER = "screen_update"
"""Textual's own name for a screen's update timer."""


def option_rows(option_list: OptionList, index: int) -> tuple[int, int] | None:
    """The first row (in the list's content) and the number of rows of option ``index``;
    None if it has no rows yet."""
    line = option_list._index_to_line.get(index)
    if line is None:
        return None
    return line, option_list._heights.get(index, 1)


ComponentStyles = dict[str, RenderStyles]
"""A node's styles for each of its component classes, by class name."""


def component_styles(node: DOMNode) -> ComponentStyles:
    """The styles ``node``'s component classes were given at its last restyle (Textual's own
    dict: copy it to keep it)."""
    styles: ComponentStyles = node._component_styles
    return styles


def set_component_styles(node: DOMNode, styles: ComponentStyles) -> None:
    """Give ``node`` these component styles, as its restyle would (the caller repaints)."""
    node._component_styles = styles


def selector_names(node: DOMNode) -> frozenset[str]:
    """The names a rule's subject may give to match ``node`` (``*``, its types, classes and
    id): Textual checks only the rules that name one of them."""
    return frozenset(node._selector_names)


def existing_vertical_scrollbar(widget: Widget) -> ScrollBar | None:
    """``widget``'s vertical scroll bar if it has been made (asking ``vertical_scrollbar``
    makes one)."""
    bar: ScrollBar | None = widget._vertical_scrollbar
    return bar


def update_option_lines(option_list: OptionList) -> None:
    """Bring ``option_list``'s table of rows up to date before its rows are drawn (what
    ``OptionList.render_lines`` does first)."""
    option_list._update_lines()


def option_line_table(option_list: OptionList) -> tuple[tuple[int, int], ...]:
    """Which option, and which of its lines, each line of ``option_list`` shows (up to date)."""
    return tuple(option_list._lines)


def hovered_option(option_list: OptionList) -> int | None:
    """The option under the mouse (drawn in its hover look), if any."""
    hovered: int | None = option_list._mouse_hovering_over
    return hovered


def option_row_maker(option_list: OptionList) -> Callable[[int], Strip]:
    """What ``option_list.render_line(y)`` gives for each row ``y`` of its content, as it is
    now: Textual's code, with the table of rows, the scroll offset, the highlighted and hovered
    options and their looks read once (``render_line`` reads them, and brings the table up to
    date, for every row: about 40 microseconds a row)."""
    lines = option_list._lines
    options = option_list.options
    top = option_list.scroll_offset.y
    highlighted = option_list.highlighted
    hovered = hovered_option(option_list)
    looks: dict[str, Style] = {}
    blanks: list[Strip] = []

    def look(component_class: str) -> Style:
        style = looks.get(component_class)
        if style is None:
            names = ("option-list--option", component_class) if component_class else ()
            style = option_list.get_visual_style(*names or ("option-list--option",))
            looks[component_class] = style
        return style

    def blank() -> Strip:
        if not blanks:  # one for every row past the options (the same: kept as drawn)
            width = option_list.scrollable_content_region.width
            blanks.append(Strip.blank(width, look("").rich_style))
        return blanks[0]

    def row(y: int) -> Strip:
        try:
            option_index, line_offset = lines[top + y]
            option = options[option_index]
        except IndexError:
            return blank()
        component_class = ""
        if option.disabled:
            component_class = "option-list--option-disabled"
        elif highlighted == option_index:
            component_class = "option-list--option-highlighted"
        elif hovered == option_index:
            component_class = "option-list--option-hover"
        strips = option_list._get_option_render(option, look(component_class))
        try:
            return strips[line_offset]
        except IndexError:
            return blank()

    return row


def stylesheet_parse_rules() -> ParseRules:
    """The method every ``Stylesheet`` parses CSS with now."""
    return Stylesheet._parse_rules


def replace_stylesheet_parse_rules(parse_rules: ParseRules) -> None:
    """Make every ``Stylesheet`` parse CSS with ``parse_rules`` (which takes the same
    arguments and may call the method it replaces)."""
    parse_rules.__wrapped__ = Stylesheet._parse_rules  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign]


def stylesheet_variables(stylesheet: Stylesheet) -> dict[str, str]:
    """The theme's variables, as the stylesheet substitutes them while parsing."""
    variables: dict[str, str] = stylesheet._variables
    return variables


class LayoutFilteringScreen(Screen[ScreenResultType]):
    """A ``Screen`` that is asked, on each resize event, whether to lay itself out again,
    and counts its layouts (:attr:`layouts`)."""

    layouts = 0
    """How many times the screen has been laid out (for tests: the work a change costs)."""

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        self.layouts += 1
        super()._refresh_layout(size, scroll)

    def _screen_resized(self, size: Size) -> None:
        if self.should_lay_out(size):
            super()._screen_resized(size)

    def should_lay_out(self, size: Size) -> bool:
        """Whether a resize event for ``size`` lays the screen out again (as Textual's
        ``Screen`` always does)."""
        return True


class SizeReportingLinuxDriver(LinuxDriver):
    """Textual's ``LinuxDriver``, telling :meth:`window_size_read` each time it reads the
    window size (at start and on every window change), and drawing at the size
    :meth:`usable_window_size` makes of it."""

    def _get_terminal_size(self) -> tuple[int, int]:
        size = self.usable_window_size(self.terminal_size())
        self.window_size_read(size)
        return size

    def terminal_size(self) -> tuple[int, int]:
        """The window's size (columns, rows), as Textual reads it (from standard output)."""
        return super()._get_terminal_size()

    def usable_window_size(self, size: tuple[int, int]) -> tuple[int, int]:
        """The size to draw at, for a window of ``size`` (columns, rows)."""
        return size

    def window_size_read(self, size: tuple[int, int]) -> None:
        """Called with each window size read from the terminal (columns, rows)."""


class FailureReportingApp(App[None]):
    """An ``App`` that, when an error ends it, prints nothing of its own on the terminal:
    it calls :meth:`report_failure` with the reason instead (after the terminal is restored).
    Errors still end the app as in Textual (and tests driving it still see them)."""

    failure: str | None = None
    """Why the app stopped, as a traceback without local variables; None while all is well."""
    failure_reported = False

    def _handle_exception(self, error: Exception) -> None:
        if self.failure is None:
            self.failure = "".join(traceback.format_exception(error))
        super()._handle_exception(error)

    def panic(self, *renderables: RenderableType) -> None:
        if self.failure is None:  # Textual's own (its input thread's errors come here)
            console = Console(file=io.StringIO(), width=100, color_system=None)
            for renderable in renderables:
                console.print(renderable)
            self.failure = console.file.getvalue() or "panic"  # type: ignore[attr-defined]
        super().panic(*renderables)

    def _print_error_renderables(self) -> None:
        if self.failure is None:
            super()._print_error_renderables()
            return
        if not self.failure_reported:
            self.failure_reported = True
            self.report_failure(self.failure)

    def report_failure(self, reason: str) -> None:
        """Called once the app has stopped on an error, with the terminal restored."""


def driver_app(driver: Driver) -> App[Any]:
    """The app a driver draws."""
    app: App[Any] = driver._app
    return app


def driver_loop(driver: Driver) -> asyncio.AbstractEventLoop:
    """The event loop of the app a driver draws (the driver is made on it)."""
    loop: asyncio.AbstractEventLoop = driver._loop
    return loop


def app_driver(app: App[Any]) -> Driver | None:
    """The driver an app draws through; None while it is not running."""
    return app._driver


def rendered_strips(screen: Screen[Any]) -> list[Strip]:
    """What ``screen`` shows, one strip per terminal row."""
    return screen._compositor.render_strips()


class PointerShapeApp(App[Any]):
    """An ``App`` that tells the terminal the mouse pointer's shape only when it changes.
    Textual tells it as each screen is mounted (a screen's shape starts as "default"): 13
    bytes at each first opening of a screen, and while screens are built ahead, bytes with
    no key pressed."""

    _pointer_shape_written: str | None = None

    def _set_pointer_shape(self, shape: str) -> None:
        if shape != self._pointer_shape_written:
            self._pointer_shape_written = shape
            super()._set_pointer_shape(shape)


class ScreenRegisteringApp(App[Any]):
    """An ``App`` told of each screen as it is registered: before the screen first runs,
    and so before it has made its update timer."""

    def _register(self, parent: DOMNode, *widgets: Widget, **options: Any) -> list[Widget]:
        for widget in widgets:
            if isinstance(widget, Screen):
                self.screen_registered(widget)
        return super()._register(parent, *widgets, **options)

    def screen_registered(self, screen: Screen[Any]) -> None:
        """Called with each screen as it is registered (nothing, as in Textual's ``App``)."""


Render = tuple[Region, Region, list[Strip]]
"""One widget's part of a screen update: its region on the screen, the part of the screen
its lines are for (the lines cover region and part's overlap, one a row), and the lines."""


class RenderChoosingCompositor(Compositor):
    """Textual's compositor (which puts the widgets' lines together into the screen's rows),
    asking :meth:`renders` for the lines of the widgets that an update draws."""

    def _get_renders(self, crop: Region | None = None) -> Iterable[Render]:
        return super()._get_renders(crop) if crop is None else self.renders(crop)

    def renders(self, crop: Region) -> Iterable[Render]:
        """The lines an update of ``crop`` (a part of the screen) is made of, frontmost
        widget first: where two overlap, the first one's lines are shown. Textual's:
        every widget whose container overlaps ``crop``, all its visible rows."""
        return super()._get_renders(crop)

    def shown_widgets(self) -> dict[Widget, tuple[Region, Region]]:
        """Each widget on the screen, frontmost first: its region, and its container's
        (the part of the screen where it may show)."""
        return self.visible_widgets

    def render_partial_update(self) -> ChopsUpdate | None:
        update = super().render_partial_update()
        if update is None:
            return None
        return ChangedColumnsUpdate(update.chops, update.spans, update.chop_ends)


class ChangedColumnsUpdate(ChopsUpdate):
    """Textual's partial update of the screen, each row sent from where its change starts.
    Textual sends each widget's part of a changed row from the widget's left edge, however
    far right the change starts: a scrolled page's border and padding, unchanged, went out
    with every row of it (and the lean output read them only to find them unchanged)."""

    def render_segments(self, console: Console) -> str:
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        color_system = COLOR_SYSTEMS.get(console.color_system or "", ColorSystem.TRUECOLOR)
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if x < x1 and end <= x2:
                    rest = _rendered_after(strip, x1 - x, color_system)
                    if rest is not None:
                        append(move_to(x1, y).segment.text)
                        append(rest)
                        continue
                if end > x2:
                    strip = strip.crop(0, x2 - x)  # (as Textual: from the left edge)
                append(move_to(x, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)


def _rendered_after(strip: Strip, cells: int, color_system: ColorSystem) -> str | None:
    """``strip`` without its first ``cells`` cells, as terminal text (as ``Strip.render``
    makes it, but with no new strip made: a strip is a dozen objects); None where those
    cells hold a wide character or a control: then the whole strip is sent."""
    parts: list[str] = []
    render = Strip.render_style
    for text, style, control in strip:
        if cells:
            if control is not None:
                return None
            skipped = text[:cells]
            if cell_len(skipped) != len(skipped):
                return None
            cells -= len(skipped)
            text = text[len(skipped) :]
            if not text:
                continue
        parts.append(text if style is None else render(style, text, color_system=color_system))
    return "".join(parts)


def border_sides(
    left: str, right: str, inner: Style, outer: Style, left_colour: Style, right_colour: Style
) -> tuple[Segment, Segment]:
    """The segments Textual draws for a border's left and right sides beside a row of content,
    for border kinds ``left`` and ``right`` (``""``: none, the segment is then unused): on the
    widget's background ``inner``, beside its parent's ``outer``, in the sides' colours."""
    left_side = get_box(left, inner, outer, left_colour)[1][0]  # type: ignore[arg-type]
    return left_side, get_box(right, inner, outer, right_colour)[1][2]  # type: ignore[arg-type]


def vertical_scrollbar_of(widget: Widget, kind: type[ScrollBar]) -> ScrollBar:
    """``widget``'s vertical scroll bar, made (of class ``kind``) as Textual makes one the
    first time it is asked for: for a widget's ``vertical_scrollbar`` property."""
    bar = widget._vertical_scrollbar
    if bar is None:
        bar = kind(vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical)
        bar.display = False
        widget._vertical_scrollbar = bar
        widget.app._start_widget(widget, bar)
    return bar


def use_compositor(screen: Screen[Any], compositor: RenderChoosingCompositor) -> None:
    """Make ``compositor`` the one ``screen`` draws with (from its making, before it is
    laid out: it replaces Textual's, made empty with the screen)."""
    screen._compositor = compositor


def set_screen_update_period(screen: Screen[Any], period: float) -> None:
    """Make the screen draw its changes at most every ``period`` seconds (not Textual's
    ``1 / TEXTUAL_FPS``): its update timer, made now, unless it has one already."""
    if screen._Screen__update_timer is None:  # type: ignore[attr-defined]
        timer = screen.set_interval(
            period, screen._on_timer_update, name=SCREEN_UPDATE_TIMER, pause=True
        )
        screen._Screen__update_timer = timer  # type: ignore[attr-defined]


def screen_update_period(screen: Screen[Any]) -> float:
    """How often, at most, the screen draws its changes (seconds): 1 / frames a second."""
    return float(screen._update_timer._interval)


def keep_standard_streams(app: App[Any]) -> None:
    """Leave ``sys.stdout`` and ``sys.stderr`` as they are while the app runs. Textual points
    them (process-wide) at the app's own print capture and back when it ends; with several
    apps running at once in one process (``mbc_tui.ssh_app.worker``), those swaps interleave,
    and a thread one app starts, or the streams left at the end, would keep another app that
    has ended alive, its prints going to it."""
    app._capture_stdout = sys.stdout
    app._capture_stderr = sys.stderr


def remove_colours(app: App[Any]) -> None:
    """Draw the app without colour, as Textual does when ``NO_COLOR`` is set."""
    app._filters.append(NoColor() if app.native_ansi_color else Monochrome())


def keep_colours(app: App[Any]) -> None:
    """Draw the app in colour though ``NO_COLOR`` is in the environment: Textual takes the
    colours away when the variable is there at all, but an empty ``NO_COLOR`` asks for
    nothing (no-color.org: "present and not an empty string")."""
    app._filters = [
        line_filter
        for line_filter in app._filters
        if not isinstance(line_filter, (NoColor, Monochrome))
    ]


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give a widget that draws its own lines a new scrollable size. Textual's
    ``virtual_size`` asks for a layout of the whole screen when it changes; a widget whose
    own size does not depend on it needs only its scroll bars brought up to date (and a
    layout only if one appears or goes, which Textual then asks for itself).

    A vertical scroll bar shown for the first time is given, at once, the scrollable size its
    first layout will give it (the widget's container size, as Textual's compositor gives
    every scroll bar): set in that layout, it would ask for a second layout of the whole
    screen, and a frame more, for nothing it draws."""
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    if widget.show_vertical_scrollbar:
        widget.vertical_scrollbar.set_reactive(Widget.virtual_size, widget.container_size)


def send_refresh_requests(*widgets: Widget) -> None:
    """Hand the screen, now, what ``widgets`` asked for (a repaint, a layout), not when each
    is next idle: asked for inside ``App.batch_update``, it is then drawn in the frame that
    shows the rest of the change, not in a frame of its own after it."""
    for widget in widgets:
        widget._check_refresh()


def paint_alone(widget: Widget) -> bool:
    """Draw ``widget`` now, in a frame that holds its region alone. Textual's own repaint of
    a region renders every line of every widget beneath it and cuts each at every widget's
    edge (about 3 ms for one column of 36 rows at 120x40); a widget on top of all it covers
    needs only its own lines. False, with nothing drawn, where the widget is not on top of
    its whole region or the app is inside a batch of changes: then ``widget.refresh()``."""
    app, screen = widget.app, widget.screen
    region = widget.region
    if app._batch_count or not region or screen is not app.screen:
        return False
    try:
        if any(
            screen.get_widget_at(x, y)[0] is not widget
            for y in region.line_range
            for x in region.column_range
        ):
            return False
    except NoWidget:
        return False
    widget._layout_cache.clear()  # drawn from the widget as it is now
    widget._set_dirty()  # (as a repaint would, without asking the screen for one)
    strips = widget.render_lines(Region(0, 0, region.width, region.height))
    rows = screen.outer_size.height
    chops: list[dict[int, Strip | None]] = [{} for _ in range(rows)]
    ends: list[list[int]] = [[] for _ in range(rows)]
    for y, strip in zip(region.line_range, strips, strict=False):
        chops[y], ends[y] = {region.x: strip}, [region.right]
    spans = [(y, region.x, region.right) for y in region.line_range if y < rows]
    app._display(screen, ChopsUpdate(chops, spans, ends))
    return True


def key_parser(escape_delay: float, debug: bool = False) -> KeyParser:
    """Textual's parser of terminal input, as its ``LinuxDriver`` makes one, taking a lone ESC
    for the Esc key after ``escape_delay`` seconds with nothing more (for the whole process:
    Textual's parser reads ``constants.ESCAPE_DELAY`` at each ESC). ``debug``: it logs what
    it reads to ``keys.log`` (see :func:`driver_debug`)."""
    constants.ESCAPE_DELAY = escape_delay  # type: ignore[misc]  (declared Final)
    return XTermParser(debug)


def set_output_file(driver: LinuxDriver, file: Any) -> None:
    """Where the driver's writer thread writes (Textual: ``sys.__stderr__``), from its next
    start of application mode on: an object with ``write(str)``, ``flush()``, ``fileno()``."""
    driver._file = file


@contextlib.contextmanager
def linux_driver_writer(make_writer: Callable[[Any], Any]) -> Iterator[None]:
    """Within the block, ``LinuxDriver.start_application_mode`` makes its writer thread with
    ``make_writer(file)`` (Textual: ``WriterThread(file)``): an object with ``start()``,
    ``write(str)`` and ``stop()``. Not across an ``await``: the name is the module's."""
    if not hasattr(textual_linux_driver, "WriterThread"):
        raise RuntimeError("textual.drivers.linux_driver no longer names WriterThread")
    textual_writer = textual_linux_driver.WriterThread
    textual_linux_driver.WriterThread = make_writer  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        textual_linux_driver.WriterThread = textual_writer  # type: ignore[misc]


def output_file(driver: LinuxDriver) -> Any:
    """Where the driver's writer thread writes."""
    return driver._file


def driver_debug(driver: Driver) -> bool:
    """Whether the driver was made in Textual's debug mode."""
    return bool(driver._debug)


def escape_deadline(parser: KeyParser) -> float | None:
    """When (on :func:`parser_clock`) the parser's next ``tick()`` takes what it holds since an
    ESC as keys on their own; None while it holds nothing."""
    deadline: float | None = parser._timeout_time
    return deadline


def parser_clock() -> float:
    """The clock the parser's deadlines are on (seconds)."""
    return get_time()


def start_screen(app: App[Any], screen: Screen[Any]) -> AwaitMount:
    """Start ``screen`` without showing it: it composes and mounts its widgets, which are
    styled, while another screen is shown (Textual starts a screen as it is first shown)."""
    return AwaitMount(screen, app._register(app, screen))


def lay_out_unshown(screen: Screen[Any], size: Size) -> None:
    """Lay out a screen that is not shown at ``size`` (it draws nothing): shown later at
    that size, it is not laid out again unless something asks for it."""
    screen._layout_required = False
    screen._refresh_layout(size)


def layout_pending(screen: Screen[Any]) -> bool:
    """Whether something on ``screen`` asked for it to be laid out again."""
    return bool(screen._layout_required)


KEY_MESSAGE_TYPES: tuple[type[Message], ...] = (Key, InputEvent, Event, Message)
"""A key event's own class and those above it: an ``@on`` handler of any of them sees it."""


@cache
def _handles_keys(kind: type[DOMNode]) -> bool:
    """Whether nodes of ``kind`` have a key handler of their own (see :func:`looks_at_keys`):
    Textual's default, ``App._on_key`` on the app, ``Widget._on_key`` (which calls
    ``handle_key``, which calls ``key_...`` methods) on a widget, does not count."""
    default = App._on_key if issubclass(kind, App) else Widget._on_key
    if issubclass(kind, Widget) and kind.handle_key is not Widget.handle_key:
        return True
    for cls in kind.__mro__:
        decorated = cls.__dict__.get("_decorated_handlers")
        if decorated and any(message in decorated for message in KEY_MESSAGE_TYPES):
            return True
        for handler_name in ("_on_key", "on_key"):
            handler = cls.__dict__.get(handler_name)
            if handler is not None and handler is not default:
                return True
    return False


def looks_at_keys(node: DOMNode, names: Iterable[str]) -> bool:
    """Whether ``node`` would do anything with a key event named any of ``names`` (its
    ``name_aliases``) as it passes on its way up to the app: a key handler of its own
    (``on_key``, ``_on_key``, ``handle_key``, or an ``@on`` handler of a key, input event,
    event or message), or a ``key_...`` method for it. Textual's default handler does
    nothing but call such methods, or, on the app, check the bindings."""
    return _handles_keys(type(node)) or any(
        getattr(node, f"{prefix}key_{name}", None) is not None
        for name in names
        for prefix in ("", "_")
    )


class BindingsFirstApp(App[Any]):
    """An ``App`` that, when a key has no priority binding, may look its ordinary binding up
    at once (:meth:`key_straight_to_binding`) instead of sending the key through the focused
    widget and each of its containers up to itself, as Textual does, before doing so."""

    def key_straight_to_binding(self, key: str) -> bool:
        """Whether the ordinary bindings may take ``key`` now (nothing on its way would
        look at it); the app's own, to decide."""
        return False

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        if await super()._check_bindings(key, priority):
            return True
        # Textual asks for the priority bindings (only) before it sends the key on its way.
        if priority and self.key_straight_to_binding(key):
            return await super()._check_bindings(key)
        return False
