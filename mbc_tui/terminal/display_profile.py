"""How the guide should draw, from the command line and the environment (plain Python).

- ``--low-bandwidth`` or ``MBC_TUI_LOW_BANDWIDTH=1``: no mouse tracking, the terminal's own
  16 colours, ASCII borders, a capped frame rate (and, as always, no animation).
- ``NO_COLOR`` (any non-empty value, see no-color.org): no colour at all; states and focus
  are shown by words, reverse video and bold.
- ``TERM=vt100``, ``vt220`` (no colours) and ``linux`` (16 colours): ASCII characters only;
  the Linux console also keeps the light line-drawing set (``┌─┐│└┘``, in every console font),
  so a focused pane is framed with ``│``: Fenrir's "barrier" then reads only the text between
  the two ``│`` of the cursor's row, not the row's other pane.
- ``--screen-reader`` or ``MBC_TUI_SCREEN_READER=1``: drawn for a screen reader, which speaks
  every row that changes: no frames or scrollbars, and one pane at a time (the list of topics
  or the section being read, never both on one row).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LOW_BANDWIDTH_VARIABLE = "MBC_TUI_LOW_BANDWIDTH"
SCREEN_READER_VARIABLE = "MBC_TUI_SCREEN_READER"
ASCII_TERMINALS = frozenset({"vt100", "vt102", "vt220", "vt320", "linux", "ansi"})
LINE_DRAWING_TERMINALS = frozenset({"linux"})
MONOCHROME_TERMINALS = frozenset({"vt100", "vt102", "vt220", "vt320"})
LOW_BANDWIDTH_FPS = 15
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True)
class DisplayProfile:
    """The choices that decide how many bytes the guide sends, and which ones."""

    low_bandwidth: bool = False
    no_color: bool = False
    ascii_only: bool = False
    screen_reader: bool = False
    """Drawn for a screen reader: no frames or scrollbars, one pane at a time."""
    line_drawing: bool = False
    """ASCII only, but for the light lines ``─│┌┐└┘├┤┬┴┼`` (the Linux console): a focused
    pane is framed with them, which Fenrir reads as the edges of what the cursor is in."""

    @classmethod
    def for_terminal(
        cls,
        term: str,
        *,
        no_color: bool = False,
        low_bandwidth: bool = False,
        screen_reader: bool = False,
    ) -> DisplayProfile:
        """The profile for a terminal type (``TERM``), with what the reader asked for."""
        term_family = term.lower().split("-", 1)[0]
        return cls(
            low_bandwidth=low_bandwidth,
            no_color=no_color or term_family in MONOCHROME_TERMINALS,
            ascii_only=term_family in ASCII_TERMINALS,
            screen_reader=screen_reader,
            line_drawing=term_family in LINE_DRAWING_TERMINALS,
        )

    @classmethod
    def from_environment(
        cls,
        environ: Mapping[str, str],
        *,
        low_bandwidth: bool = False,
        screen_reader: bool = False,
    ) -> DisplayProfile:
        """The profile of the command line: ``TERM``, ``NO_COLOR``, ``MBC_TUI_LOW_BANDWIDTH``
        and ``MBC_TUI_SCREEN_READER`` (over SSH, the session decides: see ``for_terminal``)."""
        return cls.for_terminal(
            environ.get("TERM", ""),
            no_color=bool(environ.get("NO_COLOR")),
            low_bandwidth=low_bandwidth or _asked(environ, LOW_BANDWIDTH_VARIABLE),
            screen_reader=screen_reader or _asked(environ, SCREEN_READER_VARIABLE),
        )

    @property
    def ascii_borders(self) -> bool:
        return self.ascii_only or self.low_bandwidth

    @property
    def terminal_colours(self) -> bool:
        """Use the terminal's own ANSI colours (short codes, the reader's palette)."""
        return self.low_bandwidth or self.no_color or self.ascii_only

    @property
    def mouse(self) -> bool:
        return not self.low_bandwidth

    @property
    def max_fps(self) -> int | None:
        """At most this many frames a second (see ``mbc_tui.frame_rate``), or ``None`` for
        Textual's default."""
        return LOW_BANDWIDTH_FPS if self.low_bandwidth else None


def _asked(environ: Mapping[str, str], variable: str) -> bool:
    """Whether an on/off variable is on (set, and not to a word for off)."""
    return environ.get(variable, "").strip().lower() not in FALSE_WORDS
