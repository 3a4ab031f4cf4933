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

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """Hits for titles containing `query`."""
        hits: list[Hit] = []
        for t in self.kb.tasks:
            if query in t.title:
                hits.append(Hit("task", t.id, t.doc, t.line, t.title, 90.0, t))
        for s in self.kb.sections:
            if query in s.title:
                hits.append(Hit("section", s.id, s.doc, s.line, s.title, 80.0, s))
        return SearchResult(query, hits[:limit])
