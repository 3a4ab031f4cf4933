"""Change report: documents, indicators and tasks added, removed, changed; "no change"."""

from __future__ import annotations

import datetime as dt

from knowledge.diff import diff
from knowledge.identity import name_key as normalise_name
from knowledge.models import Document, Indicator, KnowledgeBase, Task, Value


def _doc(file: str, sha: str, title: str | None = None) -> Document:
    return Document(id="D" + file, file=file, title=title or f"{file} 标题", sha256=sha)


def _ind(doc: str, name: str, target: str | None, line: int = 1, unit: str | None = "亿元") -> Indicator:
    value = None if target is None else Value(year=2025, value=target, number=float(target))
    return Indicator(id=f"I{line}", doc=doc, name=name, unit=unit, target=value, line=line)


def _task(doc: str, title: str, deadline: dt.date | None, units: list[str] | None = None, line: int = 1) -> Task:
    return Task(id=f"T{line}", doc=doc, title=title, deadline=deadline,
                deadline_kind="explicit" if deadline else "none", units=units or [], line=line)


def _kb(docs: list[Document], inds: list[Indicator], tasks: list[Task]) -> KnowledgeBase:
    return KnowledgeBase(documents=docs, indicators=inds, tasks=tasks,
                         texts={d.file: [d.sha256] for d in docs})


def test_identical_is_no_change() -> None:
    kb = _kb([_doc("a.txt", "1")], [_ind("a.txt", "地区生产总值", "100")],
             [_task("a.txt", "完成老旧小区改造", dt.date(2025, 12, 31))])
    report = diff(kb, kb.model_copy(deep=True))
    assert report.no_change
    assert report.summary() == "没有变化"
    assert report.lines()[0].startswith("没有变化")


def test_target_deadline_and_units_changes_matched_by_name_not_line() -> None:
    old = _kb([_doc("a.txt", "1")],
              [_ind("a.txt", "（一）规模以上工业总产值（亿元）", "100", line=5), _ind("a.txt", "人口", "10", line=6)],
              [_task("a.txt", "1. 完成老旧小区改造", dt.date(2025, 6, 30), ["住建局"], line=9)])
    new = _kb([_doc("a.txt", "2")],
              [_ind("a.txt", "人口", "10", line=3), _ind("a.txt", "规模以上工业总产值", "120", line=40)],
              [_task("a.txt", "（二）完成老旧小区改造。", dt.date(2025, 12, 31), ["住建局", "街道办"], line=77)])
    report = diff(old, new)
    assert [c.old.file for c in report.documents_replaced] == ["a.txt"]
    assert not report.indicators_added and not report.indicators_removed
    [change] = report.indicators_changed
    assert [(f.label, f.old, f.new) for f in change.fields] == [("目标值", "2025年 100", "2025年 120")]
    [tchange] = report.tasks_changed
    assert {f.label for f in tchange.fields} == {"完成时限", "责任单位"}
    text = "\n".join(report.lines())
    assert "2025年 100 → 2025年 120" in text and "住建局 → 住建局、街道办" in text


def test_added_removed_documents_and_items() -> None:
    old = _kb([_doc("a.txt", "1"), _doc("b.txt", "2")],
              [_ind("a.txt", "GDP", "1"), _ind("b.txt", "税收", "5")], [_task("b.txt", "修路", None)])
    new = _kb([_doc("a.txt", "1"), _doc("c.txt", "3")],
              [_ind("a.txt", "GDP", "1"), _ind("c.txt", "新指标", "7")], [_task("c.txt", "建桥", None)])
    report = diff(old, new)
    assert [d.file for d in report.documents_added] == ["c.txt"]
    assert [d.file for d in report.documents_removed] == ["b.txt"]
    assert [i.name for i in report.indicators_added] == ["新指标"]
    assert [i.name for i in report.indicators_removed] == ["税收"]
    assert [t.title for t in report.tasks_added] == ["建桥"]
    assert [t.title for t in report.tasks_removed] == ["修路"]
    assert report.counts()["documents_added"] == 1
    assert "新增文档 1" in report.summary()


def test_renamed_file_with_same_title_is_a_replacement() -> None:
    old = _kb([_doc("plan.txt", "1", title="2025年工作要点")], [_ind("plan.txt", "GDP", "1")], [])
    new = _kb([_doc("plan.docx", "2", title="2025年工作要点")], [_ind("plan.docx", "GDP", "2")], [])
    report = diff(old, new)
    assert not report.documents_added and not report.documents_removed
    assert report.documents_replaced[0].new.file == "plan.docx"
    assert len(report.indicators_changed) == 1


def test_same_text_new_bytes_is_no_change() -> None:
    a = _kb([_doc("a.txt", "1")], [_ind("a.txt", "GDP", "1")], [])
    b = a.model_copy(deep=True)
    b.documents[0].sha256 = "other-bytes"
    assert diff(a, b).no_change


def test_repeated_names_pair_in_order() -> None:
    old = _kb([_doc("a.txt", "1")], [_ind("a.txt", "增速", "5", 1), _ind("a.txt", "增速", "6", 2)], [])
    new = _kb([_doc("a.txt", "2")], [_ind("a.txt", "增速", "5", 1), _ind("a.txt", "增速", "6", 9),
                                    _ind("a.txt", "增速", "7", 10)], [])
    report = diff(old, new)
    assert not report.indicators_changed
    assert [i.target.value for i in report.indicators_added if i.target] == ["7"]


def test_normalise_name() -> None:
    assert normalise_name("（三）规模以上工业增加值（%）") == normalise_name("规模以上工业增加值")
    assert normalise_name("ＧＤＰ 增速") == "gdp增速"


def test_bundled_against_itself_minus_one_document() -> None:
    from knowledge.builder import build_bundled
    kb = build_bundled()
    smaller = kb.model_copy(deep=True)
    gone = smaller.documents.pop()
    smaller.indicators = [i for i in smaller.indicators if i.doc != gone.file]
    smaller.tasks = [t for t in smaller.tasks if t.doc != gone.file]
    report = diff(kb, smaller)
    assert [d.file for d in report.documents_removed] == [gone.file]
    assert len(report.indicators_removed) == sum(1 for i in kb.indicators if i.doc == gone.file)
    assert diff(kb, kb).no_change
