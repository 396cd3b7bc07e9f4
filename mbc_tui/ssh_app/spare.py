"""A spare app: started before its reader arrives, its output held until the reader does.

The server keeps a few of these ready (see :mod:`mbc_tui.ssh.spares`). A spare starts like
any session's app, at a standard size (80x24), and draws its first screen, but nothing it
writes leaves the process: the lean driver's output is held. When a reader takes the spare,
the server sets the pty to the reader's size (the kernel sends SIGWINCH) and then sends
:data:`~mbc_tui.ssh.spawner.ATTACH_SIGNAL`; :meth:`SpareGuideApp.attach` releases what was
held:

- at the size it was drawn for: everything, exactly the bytes a fresh app would have
  written (the reader's first screen at once);
- at another size: only what draws nothing (the terminal modes, the queries); the screens
  drawn for the old size are dropped, and the resize draws the screen whole at the new one.

Runs only in a session's process; imports Textual (the server never imports this module).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from typing import Any

from textual.driver import Driver

from mbc_tui.app import GuideApp
from mbc_tui.built_ahead import READER_QUIET
from mbc_tui.lean_driver import LeanLinuxDriver
from mbc_tui.ssh.spawner import ATTACH_SIGNAL
from mbc_tui.terminal.lean_output import draws
from mbc_tui.textual_compat import app_driver, driver_app

RESIZE_WAIT = 0.01
RESIZE_WAIT_TRIES = 100
"""At most a second for the app to take the reader's window size."""


class HeldOutputDriver(LeanLinuxDriver):
    """The lean driver, holding its output until :meth:`attach`."""

    def __init__(self, app: Any, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self._held: list[str] | None = []
        self._held_size: tuple[int, int] | None = None
        self._resized = False
        """The window size changed while holding: what was drawn may be for the old one."""
        self._drawing_held_back = False
        """After an attach at another size, until the app has laid itself out at it."""

    def send(self, data: str) -> None:
        if self._held is None:
            if not (self._drawing_held_back and draws(data)):
                super().send(data)
            else:  # never sent: the copy of the terminal's cells is no longer true
                self._output.invalidate()
        else:
            self._held.append(data)
            if draws(data) and isinstance(app := driver_app(self), SpareGuideApp):
                app.first_screen_held()

    def window_size_read(self, size: tuple[int, int]) -> None:
        super().window_size_read(size)  # forgets the terminal's cells: a resize
        if self._held is not None:
            if self._held_size is None:
                self._held_size = size  # the size the app starts at
            elif size != self._held_size:
                self._resized = True

    def attach(self) -> bool:
        """The reader is here: send what was held, from now on write straight through.
        False if what was drawn is for another size: then only what draws nothing is sent,
        and drawing stays held back until :meth:`redraw` (the app calls it once it has
        laid itself out at the new size)."""
        held, self._held = self._held, None
        if held is None:
            return True
        drawn_for_this_size = not self._resized and self.window_size() == self._held_size
        if not drawn_for_this_size:
            held = [data for data in held if not draws(data)]
            self._output.invalidate()
            self._drawing_held_back = True
        for data in held:
            super().send(data)
        self.flush()
        return drawn_for_this_size

    def redraw(self) -> None:
        """Stop holding drawing back (the app then repaints its whole screen)."""
        self._drawing_held_back = False

    def window_size(self) -> tuple[int, int]:
        """The terminal's size now (the last one known if it cannot be asked)."""
        try:
            size = os.get_terminal_size(self.fileno)
        except OSError:
            return self._held_size or (0, 0)
        return size.columns, size.lines


class SpareGuideApp(GuideApp):
    """The guide, started ahead of its reader (see the module's description)."""

    ready_fd: int | None = None
    """Closed (after one byte) once the first screen is drawn and held: the server then
    knows this spare is ready, and may start the next."""
    builds_ahead_when_ready: bool = False
    """Build the other screens once the first is held (``serve --build-screens-ahead``)."""

    def get_driver_class(self) -> type[Driver]:
        return HeldOutputDriver

    def first_screen_held(self) -> None:
        if self.ready_fd is not None:
            fd, self.ready_fd = self.ready_fd, None
            with contextlib.suppress(OSError):
                os.write(fd, b"1")
            os.close(fd)
            if self.builds_ahead_when_ready:
                # Waiting for its reader, it builds its other screens (none is shown,
                # nothing is written): work no reader waits for (see mbc_tui.built_ahead).
                self.build_ahead(READER_QUIET, at_once=True)

    _mounted = False
    _reader_waiting = False

    def on_mount(self) -> None:
        super().on_mount()
        self._mounted = True
        if self.terminal_fd is not None:  # one of several apps in a worker: told by message
            if self._reader_waiting:
                self.attach()
            return
        # Registered here, so that the handler runs as part of this app (Textual's context);
        # the signal was blocked until now (see app_child): one sent earlier arrives now.
        asyncio.get_running_loop().add_signal_handler(ATTACH_SIGNAL, self.attach)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {ATTACH_SIGNAL})

    def reader_arrived(self) -> None:
        """The server handed this app to a reader (in a worker, by message): attach now,
        or once mounted (its driver then holds what was drawn)."""
        if self._mounted:
            self.attach()
        else:
            self._reader_waiting = True

    def attach(self) -> None:
        """Called when the server hands this app to a reader (on ATTACH_SIGNAL)."""
        self.first_screen_held()  # nothing to wait for any more
        driver = app_driver(self)
        if isinstance(driver, HeldOutputDriver) and not driver.attach():
            self._redraw_at_new_size(driver, tries=RESIZE_WAIT_TRIES)

    def _redraw_at_new_size(self, driver: HeldOutputDriver, tries: int) -> None:
        """Once laid out at the reader's size (the resize is on its way), paint it all."""
        if self.screen.outer_size != driver.window_size() and tries > 0:
            self.set_timer(RESIZE_WAIT, lambda: self._redraw_at_new_size(driver, tries - 1))
            return
        driver.redraw()
        self.screen.refresh()
