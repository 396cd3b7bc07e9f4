"""A key bound to an action goes to its binding at once where nothing on its way would look
at it (mbc_tui.direct_keys); a widget that looks at keys still gets them first."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from mbc_tui.app import GuideApp
from mbc_tui.direct_keys import KeysStraightToBindings
from mbc_tui.textual_compat import looks_at_keys
from mbc_tui.widgets.section_reader import SectionReader
from tests.conftest import wait_until


class WithKeyMethod(Widget, can_focus=True):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def key_x(self) -> None:
        self.pressed.append("x")


class WithOnKey(Widget):
    def on_key(self, event: events.Key) -> None:
        pass


class WithDecoratedHandler(Widget):
    @on(events.Key)
    def seen(self, event: events.Key) -> None:
        pass


def test_a_widget_looks_at_keys_only_with_a_handler_or_a_method_for_the_key() -> None:
    assert not looks_at_keys(Static(), ["x"])
    assert looks_at_keys(WithKeyMethod(), ["x"])
    assert not looks_at_keys(WithKeyMethod(), ["y"])
    assert looks_at_keys(WithOnKey(), ["y"])
    assert looks_at_keys(WithDecoratedHandler(), ["y"])
    assert looks_at_keys(Input(), ["y"])  # its own _on_key: typing


async def test_page_down_in_the_reader_goes_to_its_binding_without_passing_widgets(
    make_app: Callable[..., GuideApp],
) -> None:
    messages: list[Message] = []
    app = make_app("glossary")
    async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
        reader = app.screen.query_one(SectionReader)
        reader.focus()
        await wait_until(lambda: "page 1 of" in str(reader.border_subtitle), pause=pilot.pause)
        messages.clear()
        await pilot.press("pagedown")
        await wait_until(lambda: "page 2 of" in str(reader.border_subtitle), pause=pilot.pause)
        # One Key, handled by the app; Textual's way it also went to the reader, the panes,
        # the screen and back to the app (five).
        assert sum(isinstance(message, events.Key) for message in messages) == 1


class KeyApp(KeysStraightToBindings, App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "noted('x')"), Binding("y", "noted('y')")]

    def __init__(self) -> None:
        super().__init__()
        self.noted: list[str] = []

    def compose(self) -> ComposeResult:
        yield WithKeyMethod()

    def action_noted(self, key: str) -> None:
        self.noted.append(key)


async def test_a_widget_with_a_method_for_the_key_still_gets_it_first() -> None:
    messages: list[Message] = []
    app = KeyApp()
    async with app.run_test(message_hook=messages.append) as pilot:
        widget = app.query_one(WithKeyMethod)
        widget.focus()
        await pilot.pause()
        messages.clear()
        await pilot.press("x")
        await wait_until(lambda: widget.pressed == ["x"], pause=pilot.pause)
        assert sum(isinstance(message, events.Key) for message in messages) > 1  # on its way
        await pilot.press("y")  # nothing on the way looks at y: straight to the binding
        await wait_until(lambda: "y" in app.noted, pause=pilot.pause)
        assert widget.pressed == ["x"]
