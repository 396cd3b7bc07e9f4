"""The lean driver hands what it reads to the app by putting it in the app's queue from the
app's loop: no coroutine, task and futures for each key, as Textual's driver makes."""

from __future__ import annotations

import asyncio
import signal
import threading
from typing import Any

import pytest
from textual.app import App
from textual.message import Message

from mbc_tui.lean_driver import LeanLinuxDriver
from tests.conftest import wait_until


class Noted(Message):
    """A message as the input thread hands them over."""


class Noting(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.noted: list[Message] = []

    def on_noted(self, message: Noted) -> None:
        self.noted.append(message)


def no_coroutine(*_args: Any, **_kwargs: Any) -> None:
    raise AssertionError("a coroutine scheduled for a message")


async def test_a_message_from_the_input_thread_reaches_the_app_with_no_coroutine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = Noting()
    async with app.run_test() as pilot:
        handlers = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
        try:
            driver = LeanLinuxDriver(app)  # made, never started (the test's app is headless)
        finally:
            for number, handler in handlers.items():
                signal.signal(number, handler)
        monkeypatch.setattr(asyncio, "run_coroutine_threadsafe", no_coroutine)
        message = Noted()
        try:
            thread = threading.Thread(target=driver.send_message, args=(message,))
            thread.start()
            thread.join(timeout=10)
            await wait_until(lambda: app.noted == [message], pause=pilot.pause)
        finally:
            driver.close()
