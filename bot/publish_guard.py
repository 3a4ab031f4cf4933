"""Guards on publishing: a version with no documents, or one that removes more than half of the
indicators and tasks, needs a second explicit confirmation naming what will go.

`guard_of` decides from the live knowledge base, the candidate and their change report; the text
it returns is the first line of the change report and the heading of the confirmation screen.
"""

from __future__ import annotations

from knowledge.diff import ChangeReport
from knowledge.models import KnowledgeBase

NAMES_SHOWN = 5


def _names(titles: list[str]) -> str:
    """Up to NAMES_SHOWN titles in 《》, and how many more."""
    shown = "、".join(f"《{t}》" for t in titles[:NAMES_SHOWN])
    return shown + (f" 等 {len(titles)} 个" if len(titles) > NAMES_SHOWN else "")


def guard_of(live: KnowledgeBase, new: KnowledgeBase, report: ChangeReport) -> str | None:
    """The warning that makes publishing this candidate need a second confirmation, or None.

    Two cases: the candidate has no documents at all (while the live version has some), or it
    removes more than half of the live version's items (indicators and tasks; documents when the
    live version has no items).
    """
    if not live.documents:
        return None
    gone_docs = [d.title or d.file for d in report.documents_removed]
    if not new.documents:
        return (f"⚠️ 注意：此版本没有任何文档，发布后将撤下全部 {len(live.documents)} 个文档"
                f"（{_names([d.title or d.file for d in live.documents])}），知识库将为空。")
    items = len(live.indicators) + len(live.tasks)
    removed = len(report.indicators_removed) + len(report.tasks_removed)
    if items:
        if removed * 2 <= items:
            return None
        what = (f"将删除 {removed} / {items} 项指标和任务（超过一半：指标 {len(report.indicators_removed)} 项、"
                f"任务 {len(report.tasks_removed)} 项）")
    else:
        if len(gone_docs) * 2 <= len(live.documents):
            return None
        what = f"将撤下 {len(gone_docs)} / {len(live.documents)} 个文档（超过一半）"
    docs = f"，撤下 {_names(gone_docs)}" if gone_docs else ""
    return f"⚠️ 注意：此版本{what}{docs}。"
