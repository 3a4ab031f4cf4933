"""Time building the bundled plans (median of N runs) against reading + cleaning alone.

Usage: python bench/bench_build.py [-n RUNS] [FILE...]
Prints the median build time, the median baseline time (read the files, decode, find chrome),
and their ratio. A benchmark: it measures and prints, it never fails on a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import builder, cleaning  # noqa: E402
from knowledge.readers import read_bytes  # noqa: E402

TARGET_SECONDS = 1.0


def median_time(func: Callable[[], object], runs: int) -> float:
    """Median wall time of `runs` calls of `func`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="plan files (default: the bundled plans)")
    ap.add_argument("-n", "--runs", type=int, default=7)
    args = ap.parse_args(argv)
    paths = builder.plan_files(args.files or [builder.BUNDLED_PLANS])

    def build() -> object:
        return builder.build_files(paths)

    def baseline() -> object:
        for p in paths:
            lines = read_bytes(p.read_bytes(), p.name)
            cleaning.chrome_lines(lines)
        return None

    start = time.perf_counter()
    kb = build()  # first (cold) run: imports, caches, compiled patterns
    cold = time.perf_counter() - start
    warm = median_time(build, args.runs)
    base = median_time(baseline, args.runs)
    print(f"plans: {len(paths)} files, {sum(len(v) for v in kb.texts.values())} lines; "
          f"items: {len(kb.sections)} sections, {len(kb.indicators)} indicators, "
          f"{len(kb.tasks)} tasks, {len(kb.terms)} terms")
    print(f"build, first run:              {cold * 1000:8.1f} ms")
    print(f"build, median of {args.runs:<2} runs:       {warm * 1000:8.1f} ms  "
          f"(target <= {TARGET_SECONDS * 1000:.0f} ms: {'ok' if warm <= TARGET_SECONDS else 'ABOVE'})")
    print(f"baseline read+clean, median:   {base * 1000:8.1f} ms")
    print(f"ratio build / baseline:        {warm / base if base else float('nan'):8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
