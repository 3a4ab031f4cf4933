"""Measure the chat path: time per update through the real Application and a fake Bot API (prints, no asserts)."""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.kbstate import KnowledgeState  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage import make_engine, make_sessionmaker, migrate  # noqa: E402
from knowledge.builder import build_bundled  # noqa: E402
from tests.harness import BotHarness  # noqa: E402

QUESTIONS = ["固投", "规上工业总产值2025年目标", "老旧小区改造什么时候完成", "什么是一街四所", "火星基地", "/docs",
             "/tasks 改造", "/indicators 1"]


async def main(rounds: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate(url)
        engine = make_engine(url)
        settings = Settings(_env_file=None, database_url=url)
        h = await BotHarness.create(settings, KnowledgeState(build_bundled()), make_sessionmaker(engine))
        per: dict[str, list[float]] = {q: [] for q in QUESTIONS}
        for _ in range(rounds):
            for q in QUESTIONS:
                t = time.perf_counter()
                await h.text(q)
                per[q].append((time.perf_counter() - t) * 1000)
        await h.close()
        engine.dispose()
    for q, times in per.items():
        print(f"{q:24} median {statistics.median(times):7.2f} ms   max {max(times):7.2f} ms")
    every = [t for ts in per.values() for t in ts]
    print(f"all updates: median {statistics.median(every):.2f} ms over {len(every)} updates (search + render + SQLite log + fake API)")


if __name__ == "__main__":
    asyncio.run(main())
