"""Bytes and time of line mode and the exports: ``python benchmarks/plain_output.py``.

Line mode reads the whole guide, page by page (``n`` until the end), at 80x24 and at
40x12, then answers the subtype questions; each export is written once. Prints figures.
"""

from __future__ import annotations

import io
import time

from mbc_tui.core.content import load_guide
from mbc_tui.plain.export import FORMATS, export
from mbc_tui.plain.line_mode import LineReader, run_line_mode


def main() -> None:
    guide = load_guide()
    for width, height in ((80, 24), (40, 12)):
        sizer = LineReader(guide, io.StringIO(), io.StringIO(), width, height)
        pages = sum(len(sizer.pages(index)) for index in range(len(guide)))
        typed = "1\n" + "n\n" * (pages - 1) + "s\nyes\nnot sure\nno\nq\n"
        out = io.StringIO()
        start = time.perf_counter()
        run_line_mode(guide, io.StringIO(typed), out, width, height)
        seconds = time.perf_counter() - start
        text = out.getvalue()
        print(
            f"line mode {width}x{height}: whole guide in {pages} pages, "
            f"{len(text.encode())} bytes, {text.count(chr(10))} lines, "
            f"{seconds * 1000:.0f} ms, escape bytes: {text.count(chr(27))}"
        )
    for format in FORMATS:
        start = time.perf_counter()
        text = export(guide, format)
        seconds = time.perf_counter() - start
        print(f"export {format}: {len(text.encode())} bytes in {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
