"""Time building the bundled plans (median of N runs) against reading + cleaning alone.

Usage: python bench/bench_build.py [-n RUNS] [FILE...]
Prints the median build time, the median baseline time (read the files, decode, find chrome),
and their ratio. A benchmark: it measures and prints, it never fails on a time.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import builder, cleaning, indicators, metadata, structure, tasks, terms, work_report  # noqa: E402
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


# The pipeline's stages, as the builder calls them (module attribute, function name).
STAGES: list[tuple[str, Any, str]] = [
    ("read", builder, "read_bytes"),
    ("clean", cleaning, "chrome_lines"),
    ("metadata", metadata, "describe"),
    ("structure", structure, "parse_sections"),
    ("review", work_report, "review_range"),
    ("indicators", indicators, "extract_indicators"),
    ("tasks", tasks, "extract_tasks"),
    ("terms", terms, "extract_terms"),
    ("validate", builder, "validate"),
]


def stage_times(build: Callable[[], object], runs: int) -> dict[str, float]:
    """Median time per build spent in each stage (wrapping the functions the builder calls)."""
    spent: dict[str, list[float]] = defaultdict(list)
    current: dict[str, float] = defaultdict(float)
    originals = []
    for name, module, attr in STAGES:
        func = getattr(module, attr)
        originals.append((module, attr, func))

        def timed(*a: Any, _f: Callable[..., Any] = func, _n: str = name, **kw: Any) -> Any:
            start = time.perf_counter()
            try:
                return _f(*a, **kw)
            finally:
                current[_n] += time.perf_counter() - start

        setattr(module, attr, functools.wraps(func)(timed))
    try:
        for _ in range(runs):
            current.clear()
            build()
            for name, _, _ in STAGES:
                spent[name].append(current.get(name, 0.0))
    finally:
        for module, attr, func in originals:
            setattr(module, attr, func)
    return {name: statistics.median(v) for name, v in spent.items()}


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
    print("median time per stage (all files):")
    for name, seconds in stage_times(build, args.runs).items():
        print(f"  {name:<12} {seconds * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
