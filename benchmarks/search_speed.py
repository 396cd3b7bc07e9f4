"""How long search takes on the whole guide: building the index once, then each query.

Run: .venv/bin/python benchmarks/search_speed.py   (the goal: under 5 ms per query)
"""

from __future__ import annotations

import statistics
import time

from mbc_tui.core.content import load_guide
from mbc_tui.core.search import SearchIndex

QUERIES = (
    "her",
    "HER2+",
    "biopsy",
    "hormone therapy",
    "triple negative",
    "accredited laboratory",
    "(",
    "*",
    "e",
    "metastatic lesion",
    "zebra",
    "the",
)
ROUNDS = 200


def main() -> None:
    guide = load_guide()
    started = time.perf_counter()
    index = SearchIndex(guide)
    built_ms = (time.perf_counter() - started) * 1000
    print(f"guide: {len(guide)} sections; index built in {built_ms:.2f} ms")

    timings: dict[str, list[float]] = {query: [] for query in QUERIES}
    for _ in range(ROUNDS):
        for query in QUERIES:
            started = time.perf_counter()
            index.search(query)
            timings[query].append((time.perf_counter() - started) * 1000)

    print(f"{'query':<24} {'results':>7} {'median ms':>10} {'worst ms':>9}")
    for query, times in timings.items():
        results = len(index.search(query))
        print(f"{query!r:<24} {results:>7} {statistics.median(times):>10.3f} {max(times):>9.3f}")
    everything = [value for times in timings.values() for value in times]
    print(
        f"all {len(everything)} queries: median {statistics.median(everything):.3f} ms, "
        f"95th percentile {statistics.quantiles(everything, n=20)[-1]:.3f} ms, "
        f"worst {max(everything):.3f} ms (goal: under 5 ms)"
    )


if __name__ == "__main__":
    main()
