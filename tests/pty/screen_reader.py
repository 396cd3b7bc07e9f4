"""A real screen reader in the loop: run a command under Fenrir and hear it, key by key.

Fenrir (Debian's console screen reader) runs in its emulated-PTY mode (``fenrir -e``) with the
command under test as its shell, inside a private tmux server (Fenrir needs a real tty). Its
generic speech driver runs a small logger script for each utterance, which appends one line to
a log; so does its generic sound driver. Keys go in with ``tmux send-keys``; after each key the
harness waits until the log and the screen have both been quiet for a while (polling, no fixed
pause) and returns what was spoken since the key.

Used by the tests in tests/pty/test_heard.py and by benchmarks/heard.py
(imported as ``tests.pty.screen_reader``). Fenrir and tmux must be installed and this process
must be root (Fenrir's PTY mode is only run as root here); :func:`unavailable_reason` says why
not otherwise. A bare Escape is Fenrir's own "stop speaking" key: :meth:`FenrirSession.press`
sends Fenrir's bypass key (Alt+colon) first and waits for Fenrir to take it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from subprocess import DEVNULL, run

QUIET_SECONDS = 1.0
"""How long speech and screen must stay unchanged before a key counts as heard."""
POLL_SECONDS = 0.05
ANSWER_SECONDS = 3.0
"""How long a key may take to change anything at all (a loaded machine is slow)."""
DEADLINE_SECONDS = 20.0
BYPASS_KEY = "M-:"
BYPASS_SOUND = "PTYBypass"
"""Fenrir plays this sound (or, with sound off, says \"bypass\") for its bypass key."""
LOGGER_SCRIPT = """#!/bin/sh
# One line per call: what Fenrir asked for (say, sound, beep) and its text, on one line.
printf '%s\\t%s\\n' "$1" "$(printf '%s' "$2" | tr '\\n\\t' '  ')" >> {log}
"""
WORD = re.compile(r"\w")
FRAME_WORDS = re.compile(r"\bplus dash\b|\bdash dash\b|\b\d+ dash\b|[\u2500-\u259f]")
"""How Fenrir passes frames and scrollbars on: "+--" as "plus dash", a run of dashes as
"32 dash", box-drawing and block characters as themselves (a synthesizer names them)."""


def unavailable_reason() -> str | None:
    """Why Fenrir cannot run here (for a test's skip), or None when it can."""
    if shutil.which("fenrir") is None:
        return "Fenrir is not installed (Debian package fenrir; ./scripts/test installs it as root)"
    if shutil.which("tmux") is None:
        return "tmux is not installed (Fenrir is run inside a private tmux server)"
    if os.geteuid() != 0:
        return "Fenrir's PTY mode is run as root only (run the tests as root)"
    return None


def words(text: str) -> int:
    """The words in spoken text: tokens with a letter or digit (a lone comma is a pause)."""
    return sum(1 for token in text.split() if WORD.search(token))


def frame_words(text: str) -> list[str]:
    """The frame and scrollbar pieces in spoken text."""
    return FRAME_WORDS.findall(text)


@dataclass(frozen=True)
class Heard:
    """What Fenrir said after one key: its utterances in order, and the sounds it played."""

    key: str
    utterances: tuple[str, ...]
    sounds: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Everything spoken, one utterance after another, spaces squeezed."""
        return " ".join(" ".join(self.utterances).split())

    @property
    def words(self) -> int:
        return words(self.text)


def fenrir_options(logger: Path, program: Path) -> str:
    """The ``-o`` settings: speech and sound to the logger, no remote socket, ``program`` as
    the shell."""
    log = shlex.quote(str(logger))
    return ";".join(
        [
            "speech#driver=genericDriver",
            f"speech#genericSpeechCommand={log} say fenrirText",
            "sound#driver=genericDriver",
            f"sound#genericPlayFileCommand={log} sound fenrirSoundFile",
            f"sound#genericFrequencyCommand={log} beep fenrirFrequence",
            "remote#driver=dummyDriver",
            f"general#shell={shlex.quote(str(program))}",
        ]
    )


class FenrirSession:
    """One command running under Fenrir in a private tmux server, ``width`` x ``height``."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        width: int = 80,
        height: int = 24,
        env: Mapping[str, str] | None = None,
        quiet: float = QUIET_SECONDS,
    ) -> None:
        self.command = list(command)
        self.width = width
        self.height = height
        self.env = dict(env or {})
        self.quiet = quiet
        self.folder = Path(tempfile.mkdtemp(prefix="mbc-heard-"))
        self.log = self.folder / "speech.log"
        self.socket = str(self.folder / "tmux.sock")
        self.config = self.folder / "tmux.conf"
        self._read_to = 0
        self._started = False

    # -- running -----------------------------------------------------------------------------

    def start(self) -> Heard:
        """Start Fenrir and the command; what was heard until speech and screen went quiet."""
        logger = self.folder / "say"
        logger.write_text(LOGGER_SCRIPT.format(log=shlex.quote(str(self.log))))
        logger.chmod(0o755)
        program = self.folder / "program"
        exports = "".join(f"export {k}={shlex.quote(v)}\n" for k, v in self.env.items())
        # COLUMNS and LINES (pytest's, say) would override the terminal's own size.
        program.write_text(
            f"#!/bin/sh\nunset COLUMNS LINES\n{exports}exec {shlex.join(self.command)}\n"
        )
        program.chmod(0o755)
        self.log.touch()
        # The size from the start, fixed: a window that changes size as it is made would
        # have the command draw its first screen at another size.
        self.config.write_text(f"set -g default-size {self.width}x{self.height}\n")
        fenrir = f"fenrir -e -o {shlex.quote(fenrir_options(logger, program))}"
        self._tmux(
            "new-session", "-d", "-s", "heard", "-x", str(self.width), "-y", str(self.height),
            fenrir,
        )  # fmt: skip
        self._started = True
        self._until(lambda: "\nsay\t" in "\n" + self._log_text())  # the command has drawn
        return self._heard("start")

    def press(self, *keys: str) -> Heard:
        """Send keys in one go (tmux key names: ``Down``, ``Enter``, ``PageDown``, ``s``,
        ``C-c``) and return what was heard after them."""
        if keys[0] == "Escape":
            self._read_new()
            self._tmux("send-keys", "-t", "heard", BYPASS_KEY)
            self._until(lambda: BYPASS_SOUND in self._log_text())
            self._read_new()
        self._tmux("send-keys", "-t", "heard", *keys)
        return self._heard(" ".join(keys))

    def type(self, text: str) -> Heard:
        """Type text literally (``send-keys -l``) and return what was heard after it."""
        self._tmux("send-keys", "-t", "heard", "-l", text)
        return self._heard(text)

    def screen(self) -> str:
        """The screen as tmux shows it now (what Fenrir's own terminal drew); empty once the
        command, and Fenrir with it, has ended."""
        return self._tmux("capture-pane", "-p", "-t", "heard", check=False)

    def close(self) -> None:
        """Stop tmux (Fenrir and the command with it) and remove the folder."""
        if self._started:
            run(["tmux", "-S", self.socket, "kill-server"], stdout=DEVNULL, stderr=DEVNULL)
            self._started = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> FenrirSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def listen(self, seconds: float) -> Heard:
        """What is heard with no key pressed (a notice the guide shows by itself): from the
        first change within ``seconds`` until speech and screen are quiet again."""
        since = (self._log_size(), self.screen())
        self._until_within(lambda: (self._log_size(), self.screen()) != since, seconds)
        return self._heard("(no key)")

    # -- hearing -----------------------------------------------------------------------------

    def _heard(self, key: str) -> Heard:
        """Wait for quiet, then what was logged since the last read, as a :class:`Heard`."""
        self._wait_quiet()
        lines = self._read_new()
        spoken: list[str] = []
        sounds: list[str] = []
        for line in lines:
            kind, _, text = line.partition("\t")
            if kind == "say" and text.strip() and text.strip() != "bypass":
                spoken.append(text.strip())
            elif kind in ("sound", "beep"):
                sounds.append(Path(text).stem)
        return Heard(key, tuple(spoken), tuple(sounds))

    def _wait_quiet(self) -> None:
        """Poll until the log or the screen first changes (or ``ANSWER_SECONDS`` pass: a
        key may change nothing), then until neither changed for ``self.quiet`` seconds."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        last = (self._log_size(), self.screen())
        started = since = time.monotonic()
        changed = False
        while not changed and time.monotonic() - started < ANSWER_SECONDS:
            time.sleep(POLL_SECONDS)
            now = (self._log_size(), self.screen())
            if now != last:
                last, since, changed = now, time.monotonic(), True
        while time.monotonic() - since < self.quiet:
            if time.monotonic() > deadline:
                raise TimeoutError(f"speech or screen still changing after {DEADLINE_SECONDS}s")
            time.sleep(POLL_SECONDS)
            now = (self._log_size(), self.screen())
            if now != last:
                last, since = now, time.monotonic()

    def _until_within(self, condition: Callable[[], bool], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing changed within {seconds}s")
            time.sleep(POLL_SECONDS)

    def _until(self, condition: object) -> None:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while not condition():  # type: ignore[operator]
            if time.monotonic() > deadline:
                raise TimeoutError("Fenrir did not answer in time")
            time.sleep(POLL_SECONDS)

    def _log_size(self) -> int:
        return self.log.stat().st_size

    def _log_text(self) -> str:
        with self.log.open("rb") as log:
            log.seek(self._read_to)
            return log.read().decode("utf-8", "replace")

    def _read_new(self) -> list[str]:
        """The complete lines logged since the last read."""
        with self.log.open("rb") as log:
            log.seek(self._read_to)
            data = log.read()
        complete = data[: data.rfind(b"\n") + 1]
        self._read_to += len(complete)
        return complete.decode("utf-8", "replace").splitlines()

    def _tmux(self, *arguments: str, check: bool = True) -> str:
        result = run(
            ["tmux", "-S", self.socket, "-f", str(self.config), *arguments],
            capture_output=True,
            text=True,
            check=check,
        )
        return result.stdout if result.returncode == 0 else ""


def hear_journey(
    command: Sequence[str],
    keys: Sequence[str | tuple[str, ...]],
    *,
    width: int = 80,
    height: int = 24,
    env: Mapping[str, str] | None = None,
) -> list[Heard]:
    """Start ``command`` under Fenrir, press ``keys`` in turn; what was heard at the start and
    after each key (a tuple: keys sent together, such as ``("1", "Enter")``)."""
    with FenrirSession(command, width=width, height=height, env=env) as session:
        heard = [session.start()]
        heard.extend(session.press(*_keys(key)) for key in keys)
        return heard


def _keys(step: str | tuple[str, ...]) -> tuple[str, ...]:
    return (step,) if isinstance(step, str) else step
