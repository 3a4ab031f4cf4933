"""Start-up of a worker serving a stored version: re-parse the stored sources vs. load the parse cache.

Prints timings (no asserts). Run: python bench/bench_versions.py [--repeat N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.kbstate import KnowledgeState  # noqa: E402
from bot.storage import admin as store  # noqa: E402
from bot.storage.base import make_engine, make_sessionmaker, migrate  # noqa: E402
from bot.versions import Versions  # noqa: E402
from knowledge.builder import BUNDLED_PLANS  # noqa: E402
from knowledge.models import KnowledgeBase  # noqa: E402


def _fresh(url: str, plans: Path) -> tuple[Versions, KnowledgeState]:
    sessions = make_sessionmaker(make_engine(url))
    state = KnowledgeState(KnowledgeBase(), version=0)
    return Versions(sessions, state, plans), state


def main() -> int:
    """Measure and print."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_versions_"))
    try:
        url = f"sqlite:///{tmp}/bench.db"
        migrate(url)
        versions, _ = _fresh(url, BUNDLED_PLANS)
        t = time.perf_counter()
        versions.start()
        first = time.perf_counter() - t
        with versions.sessions() as session:
            cache_bytes = sum(len(c.kb_json) for c in session.query(store.KbParseCache))
            source_bytes = sum(s.size for s in session.query(store.KbSource))
        cached, parsed, swap = [], [], []
        for _ in range(args.repeat):
            other, state = _fresh(url, BUNDLED_PLANS)
            t = time.perf_counter()
            other.start()
            cached.append(time.perf_counter() - t)
            with other.sessions.begin() as session:
                session.query(store.KbParseCache).delete()
            other2, _ = _fresh(url, BUNDLED_PLANS)
            t = time.perf_counter()
            other2.start()  # re-parses every stored source (and refills the cache)
            parsed.append(time.perf_counter() - t)
            t = time.perf_counter()
            state.swap(state.kb, state.version + 1)  # the index build alone
            swap.append(time.perf_counter() - t)
        med = statistics.median
        print(f"sources: 5 files, {source_bytes / 1024:.0f} KiB stored; parse cache {cache_bytes / 1024:.0f} KiB JSON")
        print(f"first start (build plans folder, publish v1):      {first * 1000:7.0f} ms")
        print(f"worker start from parse cache (median of {args.repeat}):    {med(cached) * 1000:7.0f} ms")
        print(f"worker start re-parsing stored sources (median):   {med(parsed) * 1000:7.0f} ms")
        print(f"  of which search index build + swap (median):     {med(swap) * 1000:7.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
