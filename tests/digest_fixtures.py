"""A small hand-built knowledge base and a stub search for the digest tests."""

from __future__ import annotations

import datetime as dt

from knowledge.models import Document, KnowledgeBase, Section, Task
from knowledge.search import Hit, SearchIndex, SearchResult

D = dt.date


def task(tid: str, title: str, deadline: dt.date | None, *, kind: str = "explicit", doc: str = "plan_a.txt",
         section: str | None = "S1", units: list[str] | None = None, recurrence: str | None = None,
         text: str = "") -> Task:
    """A task with the fields the digest uses."""
    return Task(id=tid, doc=doc, section=section, title=title, text=text or title, deadline=deadline,
                deadline_text=None, deadline_kind=kind, recurrence=recurrence, units=units or [], line=10)


def sample_kb() -> KnowledgeBase:
    """Two documents; tasks overdue, due soon, in the window, later, recurring, ongoing, undated."""
    docs = [Document(id="DA", file="plan_a.txt", title="某街道2024年重点工作任务", year=2024),
            Document(id="DB", file="plan_b.txt", title="某区城市更新实施方案", year=2024)]
    sections = [Section(id="S1", doc="plan_a.txt", number="一、", title="安全生产", level=1, line=5),
                Section(id="S2", doc="plan_b.txt", number="二、", title="城市更新", level=1, line=5),
                Section(id="S3", doc="plan_b.txt", number="(一)", title="老旧小区", level=2, line=8, parent="S2")]
    tasks = [
        task("T1", "开展消防安全隐患排查", D(2024, 12, 10), units=["应急办", "消防站"]),
        task("T2", "完成燃气管道更新改造", D(2024, 12, 24), units=["城管科"]),
        task("T3", "老旧小区加装电梯", D(2025, 1, 2), doc="plan_b.txt", section="S3", units=["住建局"]),
        task("T4", "编制城市更新专项规划", D(2025, 3, 31), doc="plan_b.txt", section="S2", units=["规划科"]),
        task("T5", "每月开展安全生产检查", D(2025, 12, 31), kind="recurring", recurrence="monthly",
             units=["应急办"]),
        task("T6", "长期坚持安全宣传", None, kind="ongoing"),
        task("T7", "推进智慧社区建设", None, kind="none"),
        task("T8", "完成消防通道整治", D(2024, 11, 30), units=["消防站"]),
    ]
    return KnowledgeBase(documents=docs, sections=sections, tasks=tasks)


class StubIndex(SearchIndex):
    """Finds tasks and sections whose title contains the query (stands in for the real search)."""

    def search(self, query: str, limit: int = 10, today: dt.date | None = None) -> SearchResult:
        """Hits for titles containing `query`."""
        hits: list[Hit] = []
        for t in self.kb.tasks:
            if query in t.title:
                hits.append(Hit("task", t.id, t.doc, t.line, t.title, 90.0, t))
        for s in self.kb.sections:
            if query in s.title:
                hits.append(Hit("section", s.id, s.doc, s.line, s.title, 80.0, s))
        return SearchResult(query, hits[:limit])


# ----- a fake clock and a fake Telegram sender for the delivery tests and bench/bench_faults.py -----

_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


class FakeClock:
    """Local time that only moves when told to (or when the code under test sleeps), with a monotonic
    clock beside it: time passing moves both; `jump` moves only the wall clock (a clock set wrong)."""

    def __init__(self, start: dt.datetime) -> None:
        self.current = start
        self.offset = dt.timedelta(0)  # wall clock minus monotonic clock; changed only by jumps
        self.slept: list[float] = []

    def now(self) -> dt.datetime:
        return self.current

    def mono(self) -> float:
        return (self.current - self.offset - _EPOCH).total_seconds()

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.current += dt.timedelta(seconds=seconds)

    def set(self, day: dt.date, hour: int, minute: int = 0) -> None:
        """Time passes until that moment (or back to it: then it is a jump)."""
        target = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.current.tzinfo)
        if target < self.current:
            self.offset += target - self.current
        self.current = target

    def jump(self, delta: dt.timedelta) -> None:
        """The system clock is set forward (or back) by `delta`; no time passes."""
        self.current += delta
        self.offset += delta


class FakeSender:
    """Records delivered messages per chat. Per chat it can raise a queue of errors first, raise one
    always, hang (a process killed mid-send), or deliver and then time out (`accepted_then_timeout`)."""

    def __init__(self, clock: FakeClock) -> None:
        import asyncio
        from collections import Counter

        self.clock = clock
        self.sent: list[tuple[int, str, bool, dt.datetime]] = []
        self.real_times: list[dt.datetime] = []  # when each arrived in real (monotonic) time
        self.errors: dict[int, list[Exception]] = {}
        self.always: dict[int, Exception] = {}
        self.hang_on: set[int] = set()
        self.accepted_then_timeout: dict[int, int] = {}  # chat -> how many more sends time out after delivery
        self.hanging = asyncio.Event()
        self.calls = 0
        self.down_until: dt.datetime | None = None  # a network outage: every send fails until then
        self._counter = Counter

    async def __call__(self, chat_id: int, message, quiet: bool) -> int:  # type: ignore[no-untyped-def]
        import asyncio

        from telegram.error import NetworkError, TimedOut

        self.calls += 1
        if self.down_until is not None and self.clock.now() < self.down_until:
            raise NetworkError("httpx.ConnectError: network is unreachable")
        if chat_id in self.hang_on:
            self.hanging.set()
            await asyncio.Event().wait()  # the process dies mid-send
        if self.errors.get(chat_id):
            raise self.errors[chat_id].pop(0)
        if chat_id in self.always:
            raise self.always[chat_id]
        self.sent.append((chat_id, message.text, quiet, self.clock.now()))
        self.real_times.append(_EPOCH + dt.timedelta(seconds=self.clock.mono()))
        if self.accepted_then_timeout.get(chat_id):
            self.accepted_then_timeout[chat_id] -= 1
            raise TimedOut("Timed out")  # Telegram got it; the answer never came back
        return len(self.sent)

    def per_chat(self):  # type: ignore[no-untyped-def]
        return self._counter(chat for chat, *_ in self.sent)
