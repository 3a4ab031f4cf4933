"""Benchmark: digests for 10,000 subscriptions over a 100× knowledge base, then rate-limited sending.

    python bench/bench_digest.py [--subs 10000] [--copies 100] [--send 600] [--today 2024-12-20]

Part 1 builds a 100× knowledge base (the bundled plans' tasks repeated with perturbed deadlines,
units and documents), creates subscriptions with varied filters (none, a keyword through the
search, a document, a unit; windows 7/14/30 days; some done marks) and times computing (and
rendering) every digest. Target: ≤ 2 s.

Part 2 sends a sample of digests through the real DigestDeliverer and PTB's AIORateLimiter into
the in-process fake Bot API and prints the sustained messages per second as a ratio of
Telegram's 30 msg/s. Target: ≥ 0.9. It measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.render import to_telegram  # noqa: E402
from knowledge.builder import build_bundled  # noqa: E402
from knowledge.models import KnowledgeBase  # noqa: E402
from knowledge.search import SearchIndex  # noqa: E402

TZ = ZoneInfo("Asia/Shanghai")
UNITS = ["街道办事处", "应急管理办公室", "城市管理科", "社区服务中心", "经济发展办公室", "综合执法队",
         "党群工作部", "平安建设办公室", "住房和建设局", "生态环境局"]


def scaled_kb(base: KnowledgeBase, copies: int, seed: int = 7) -> KnowledgeBase:
    """`copies` copies of every document, section and task; deadlines moved by up to ±120 days."""
    rng = random.Random(seed)
    kb = KnowledgeBase()
    for k in range(copies):
        tag = f"c{k:03d}"
        files = {d.file: f"{tag}_{d.file}" for d in base.documents}
        for d in base.documents:
            kb.documents.append(d.model_copy(update={"id": f"{d.id}-{tag}", "file": files[d.file],
                                                     "title": f"{d.title}（{k + 1}）"}))
        for s in base.sections:
            kb.sections.append(s.model_copy(update={
                "id": f"{s.id}-{tag}", "doc": files[s.doc], "parent": f"{s.parent}-{tag}" if s.parent else None}))
        for t in base.tasks:
            deadline = t.deadline
            if deadline is not None and k:
                deadline = deadline + dt.timedelta(days=rng.randint(-120, 120))
            units = t.units or rng.sample(UNITS, rng.randint(1, 2))
            kb.tasks.append(t.model_copy(update={
                "id": f"{t.id}-{tag}", "doc": files[t.doc], "section": f"{t.section}-{tag}" if t.section else None,
                "deadline": deadline, "units": units}))
    return kb


def make_subscriptions(kb: KnowledgeBase, n: int, seed: int = 11):  # type: ignore[no-untyped-def]
    """n (filters, window, hidden ids) triples with a realistic mix of filters."""
    from knowledge.digest.engine import DigestFilters

    rng = random.Random(seed)
    words = sorted({t.title[i:i + 2] for t in kb.tasks[:400] for i in range(0, min(len(t.title), 8), 2)
                    if len(t.title[i:i + 2]) == 2})
    keywords = rng.sample(words, min(40, len(words)))
    docs = [d.title for d in kb.documents]
    ids = [t.id for t in kb.tasks]
    subs = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.4:
            filters = DigestFilters()
        elif roll < 0.7:
            filters = DigestFilters(keywords=tuple(rng.sample(keywords, rng.randint(1, 2))))
        elif roll < 0.85:
            filters = DigestFilters(doc=rng.choice(docs))
        else:
            filters = DigestFilters(unit=rng.choice(UNITS))
        hidden = set(rng.sample(ids, 3)) if rng.random() < 0.1 else set()
        subs.append((filters, rng.choice((7, 14, 14, 14, 30)), hidden))
    return subs, len(keywords)


def bench_compute(kb: KnowledgeBase, n: int, today: dt.date) -> None:
    """Part 1: time computing and rendering n digests."""
    from bot.digest_render import render_digest
    from knowledge.digest.engine import DigestEngine

    t0 = time.perf_counter()
    index = SearchIndex(kb)
    t_index = time.perf_counter() - t0
    subs, n_keywords = make_subscriptions(kb, n)
    engine = DigestEngine(kb, index)
    t0 = time.perf_counter()
    for kw in {k for f, _, _ in subs for k in f.keywords}:
        engine.keyword_ids(kw)
    t_search = time.perf_counter() - t0
    t0 = time.perf_counter()
    digests = [engine.compute(f, today, window, exclude=hidden) for f, window, hidden in subs]
    t_compute = time.perf_counter() - t0
    t0 = time.perf_counter()
    messages = sum(len(to_telegram(render_digest(engine, d))) for d in digests)
    t_render = time.perf_counter() - t0
    empty = sum(d.is_empty for d in digests)
    print(f"knowledge base ×{len(kb.documents) // 5}: {len(kb.documents)} documents, {len(kb.tasks)} tasks")
    print(f"search index build: {t_index:.2f} s; {n_keywords} distinct keywords searched once: {t_search:.2f} s")
    print(f"{n} digests computed in {t_compute:.2f} s (target ≤ 2 s); rendered to {messages} Telegram "
          f"messages in {t_render:.2f} s; compute + render {t_compute + t_render:.2f} s; {empty} empty")


async def bench_send(kb: KnowledgeBase, n: int, today: dt.date) -> None:
    """Part 2: n digests through DigestDeliverer → PTB bot with AIORateLimiter → fake Bot API."""
    from telegram.ext import AIORateLimiter, ApplicationBuilder

    from bot.storage import digests as store
    from bot.storage import make_engine, make_sessionmaker, migrate
    from jobs.delivery import DigestDeliverer
    from jobs.scheduler import telegram_sender
    from knowledge.digest.engine import DigestEngine
    from tests.fakebot import FakeBotAPI
    from tests.harness import FakeRequest

    api = FakeBotAPI()
    request = FakeRequest(api)
    app = (ApplicationBuilder().token("123456:BENCH").request(request).get_updates_request(request)
           .rate_limiter(AIORateLimiter(max_retries=3)).build())
    await app.initialize()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate(url)
        db = make_engine(url)
        sessions = make_sessionmaker(db)
        with sessions() as session:
            for i in range(n):
                sub = store.Subscription(chat_id=10_000 + i, user_id=10_000 + i, weekday=today.weekday(),
                                         send_time=dt.time(9, 0), window_days=14, quiet=False, send_empty=True,
                                         paused=False, created_at=dt.datetime(2024, 1, 1, tzinfo=TZ))
                sub.keyword_list = []
                session.add(sub)
            session.commit()
        engine = DigestEngine(kb, SearchIndex(kb))
        engine.day(today)
        now = dt.datetime.combine(today, dt.time(9, 1), tzinfo=TZ)
        send = telegram_sender(app.bot)
        stamps: list[float] = []

        async def timed_send(chat_id, message, quiet):  # type: ignore[no-untyped-def]
            message_id = await send(chat_id, message, quiet)
            stamps.append(time.perf_counter())
            return message_id

        deliverer = DigestDeliverer(sessions, lambda: engine, timed_send, lambda: now, concurrency=64,
                                    rate_limited=True)
        start = time.perf_counter()
        report = await deliverer.run_due()
        elapsed = time.perf_counter() - start
        db.dispose()
    await app.shutdown()
    sent = len(api.calls_of("sendMessage"))
    rate = sent / elapsed if elapsed else 0.0
    # The limiter's bucket starts full (a burst of 30): the steady rate is measured after it.
    steady = (len(stamps) - 31) / (stamps[-1] - stamps[30]) if len(stamps) > 40 else rate
    print(f"sent {sent} messages for {len(report.sent)} digests in {elapsed:.1f} s through AIORateLimiter: "
          f"{rate:.1f} msg/s overall = {rate / 30:.2f} × Telegram's 30 msg/s; after the initial burst "
          f"{steady:.1f} msg/s = {steady / 30:.2f} × 30/s (target ≥ 0.9); failed {len(report.failed)}")


def main() -> None:
    """Run both parts and print the figures."""
    p = argparse.ArgumentParser()
    p.add_argument("--subs", type=int, default=10_000)
    p.add_argument("--copies", type=int, default=100)
    p.add_argument("--send", type=int, default=600)
    p.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2024, 12, 20))
    args = p.parse_args()
    base = build_bundled()
    kb = scaled_kb(base, args.copies)
    bench_compute(kb, args.subs, args.today)
    if args.send:
        asyncio.run(bench_send(kb, args.send, args.today))


if __name__ == "__main__":
    main()
