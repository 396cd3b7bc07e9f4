"""A reader's window larger than the largest (chosen from a memory budget per session) gets
the guide at the largest size, in its top left corner: one session cannot take 240 MB."""

from __future__ import annotations

from mbc_tui.ssh.server import GuideServer
from mbc_tui.terminal.window_size import MAX_COLUMNS, MAX_ROWS
from tests.ssh.conftest import ConnectReader, Reader

HUGE = (MAX_COLUMNS * 2, MAX_ROWS * 2)


def drawn_size(reader: Reader) -> tuple[int, int]:
    """Columns and rows of the reader's screen that hold anything."""
    lines = [line.rstrip() for line in reader.session.screen.display]
    rows = max(index for index, line in enumerate(lines) if line) + 1
    return max(len(line) for line in lines), rows


async def test_a_huge_window_gets_the_guide_at_the_largest_size(
    server: GuideServer, connect: ConnectReader
) -> None:
    reader = await connect(server, columns=HUGE[0], rows=HUGE[1])
    await reader.wait_for("q Quit")
    assert drawn_size(reader) == (MAX_COLUMNS, MAX_ROWS)


async def test_a_window_that_grows_huge_is_capped_too(
    server: GuideServer, connect: ConnectReader
) -> None:
    reader = await connect(server, columns=80, rows=24)
    await reader.wait_for("q Quit")
    reader.resize(*HUGE)
    await reader.wait_for(lambda _text: drawn_size(reader) == (MAX_COLUMNS, MAX_ROWS))
