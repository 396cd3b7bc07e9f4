"""A screen update draws the widgets in the changed part of the screen, and only its rows.

Textual's compositor, on every update, asks each widget whose *container* overlaps the
changed part for all its visible lines: a Page Down in the reader, which changes the reader
alone, had the sidebar, the notice, the footer, the panes behind them and the screen's own
background each give their lines (from their caches, then cut at every widget edge), only
for the rows and columns of the reader to be sent. Here a widget is asked only if what it
shows overlaps the changed part, only for the rows of that part, and not at all when a
widget in front of it hides all of it there: Textual shows the frontmost widget's cells,
where it drew them. A widget hides what is behind it only if it says it drew every cell of
its rows (``DrawsEveryCell``): Textual's widgets may draw short rows (one shown before it is
laid out draws none), and what is behind them then shows. The cells sent are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from textual.geometry import Region

from mbc_tui.textual_compat import Render, RenderChoosingCompositor


@runtime_checkable
class DrawsEveryCell(Protocol):
    """A widget that can tell whether the lines it last gave fill every cell of their rows."""

    def drew_every_cell(self) -> bool:
        """Whether the lines last drawn cover their rows of the widget's region, whole."""
        ...


class ChangedAreaCompositor(RenderChoosingCompositor):
    """Draws, for an update of part of the screen, only what shows in that part."""

    def renders(self, crop: Region) -> Iterator[Render]:
        drawn: list[Region] = []
        """What each widget drawn so far, with every cell, shows (in front of the next)."""
        for widget, (region, clip) in self.shown_widgets().items():
            shown = region.intersection(clip)
            changed = shown.intersection(crop)
            if not changed or any(front.contains_region(changed) for front in drawn):
                continue
            # Whole rows of what it shows: the compositor cuts each row at widget edges
            # only, and the changed part's sides need not be one.
            rows = Region(shown.x, changed.y, shown.width, changed.height)
            lines = widget.render_lines(
                Region(rows.x - region.x, rows.y - region.y, rows.width, rows.height)
            )
            if isinstance(widget, DrawsEveryCell) and widget.drew_every_cell():
                drawn.append(shown)
            yield region, rows, lines
