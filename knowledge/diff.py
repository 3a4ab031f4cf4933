"""Change report between two knowledge bases: documents, indicators and tasks added/removed/changed."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from knowledge.identity import name_key
from knowledge.models import Document, Indicator, KnowledgeBase, Task, Value

Item = TypeVar("Item", Indicator, Task)


@dataclass
class FieldChange:
    """One field of a matched item whose value differs: label (Chinese), old and new text."""

    label: str
    old: str
    new: str


@dataclass
class ItemChange(Generic[Item]):
    """A matched item whose compared fields differ between the two versions."""

    old: Item
    new: Item
    fields: list[FieldChange]


@dataclass
class DocumentChange:
    """A document present in both versions whose source changed (same file, or same title renamed)."""

    old: Document
    new: Document


@dataclass
class ChangeReport:
    """What publishing `new` instead of `old` would change."""

    documents_added: list[Document] = field(default_factory=list)
    documents_replaced: list[DocumentChange] = field(default_factory=list)
    documents_removed: list[Document] = field(default_factory=list)
    documents_unchanged: list[Document] = field(default_factory=list)
    indicators_added: list[Indicator] = field(default_factory=list)
    indicators_removed: list[Indicator] = field(default_factory=list)
    indicators_changed: list[ItemChange[Indicator]] = field(default_factory=list)
    tasks_added: list[Task] = field(default_factory=list)
    tasks_removed: list[Task] = field(default_factory=list)
    tasks_changed: list[ItemChange[Task]] = field(default_factory=list)

    @property
    def no_change(self) -> bool:
        """True when publishing would change nothing users can see."""
        return not (self.documents_added or self.documents_replaced or self.documents_removed
                    or self.indicators_added or self.indicators_removed or self.indicators_changed
                    or self.tasks_added or self.tasks_removed or self.tasks_changed)

    def counts(self) -> dict[str, int]:
        """Counts per category, for logs, the audit trail and tests."""
        return {
            "documents_added": len(self.documents_added),
            "documents_replaced": len(self.documents_replaced),
            "documents_removed": len(self.documents_removed),
            "indicators_added": len(self.indicators_added),
            "indicators_removed": len(self.indicators_removed),
            "indicators_changed": len(self.indicators_changed),
            "tasks_added": len(self.tasks_added),
            "tasks_removed": len(self.tasks_removed),
            "tasks_changed": len(self.tasks_changed),
        }

    def summary(self) -> str:
        """One Chinese line: the counts that are not zero, or 没有变化."""
        if self.no_change:
            return "没有变化"
        parts = []
        for label, n in (("新增文档", len(self.documents_added)), ("替换文档", len(self.documents_replaced)),
                         ("撤下文档", len(self.documents_removed)),
                         ("新增指标", len(self.indicators_added)), ("删除指标", len(self.indicators_removed)),
                         ("变更指标", len(self.indicators_changed)),
                         ("新增任务", len(self.tasks_added)), ("删除任务", len(self.tasks_removed)),
                         ("变更任务", len(self.tasks_changed))):
            if n:
                parts.append(f"{label} {n}")
        return "，".join(parts)

    def lines(self, limit: int = 15) -> list[str]:
        """The report as plain Chinese lines (not escaped), at most `limit` items per category."""
        if self.no_change:
            return ["没有变化：与当前生效版本内容相同。"]
        out = [f"变更概要：{self.summary()}"]

        def block(title: str, items: Sequence[str]) -> None:
            if not items:
                return
            out.append(f"{title}（{len(items)}）：")
            out.extend(f"  • {text}" for text in items[:limit])
            if len(items) > limit:
                out.append(f"  … 另有 {len(items) - limit} 项")

        block("新增文档", [_doc_label(d) for d in self.documents_added])
        block("替换文档", [_doc_label(c.new) if c.old.file == c.new.file
                          else f"{c.old.file} → {_doc_label(c.new)}" for c in self.documents_replaced])
        block("撤下文档", [_doc_label(d) for d in self.documents_removed])
        block("新增指标", [_indicator_label(i) for i in self.indicators_added])
        block("删除指标", [_indicator_label(i) for i in self.indicators_removed])
        block("变更指标", [_change_label(c.new.name, c.fields) for c in self.indicators_changed])
        block("新增任务", [_short(t.title) for t in self.tasks_added])
        block("删除任务", [_short(t.title) for t in self.tasks_removed])
        block("变更任务", [_change_label(_short(c.new.title), c.fields) for c in self.tasks_changed])
        return out


def _short(text: str, width: int = 40) -> str:
    """`text` cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _doc_label(doc: Document) -> str:
    """A document as the admin knows it: title and file."""
    return f"{_short(doc.title)}（{doc.file}）" if doc.title and doc.title != doc.file else doc.file


def _value_text(value: Value | None) -> str:
    """A baseline/target as shown in the report: "2025年 1000"."""
    if value is None:
        return "无"
    return f"{value.year}年 {value.value}" if value.year else value.value


def _indicator_label(ind: Indicator) -> str:
    """An indicator with its target, for added/removed lists."""
    unit = f"（{ind.unit}）" if ind.unit else ""
    target = f"：目标 {_value_text(ind.target)}" if ind.target else ""
    return f"{_short(ind.name)}{unit}{target}"


def _change_label(name: str, fields: list[FieldChange]) -> str:
    """"name：目标值 A → B；单位 x → y"."""
    return name + "：" + "；".join(f"{f.label} {f.old} → {f.new}" for f in fields)


def _indicator_fields(old: Indicator, new: Indicator) -> list[FieldChange]:
    """The compared fields of an indicator that differ: target, baseline, unit, growth, attribute."""
    changes = []
    if _value_key(old.target) != _value_key(new.target):
        changes.append(FieldChange("目标值", _value_text(old.target), _value_text(new.target)))
    if _value_key(old.baseline) != _value_key(new.baseline):
        changes.append(FieldChange("基期值", _value_text(old.baseline), _value_text(new.baseline)))
    if (old.unit or "") != (new.unit or ""):
        changes.append(FieldChange("单位", old.unit or "无", new.unit or "无"))
    if (old.growth or "") != (new.growth or ""):
        changes.append(FieldChange("年均增长", old.growth or "无", new.growth or "无"))
    if (old.attribute or "") != (new.attribute or ""):
        changes.append(FieldChange("属性", old.attribute or "无", new.attribute or "无"))
    return changes


def _value_key(value: Value | None) -> tuple[int | None, str] | None:
    """What makes two values equal: year and the number (or the verbatim text when unparsed)."""
    if value is None:
        return None
    return value.year, (repr(value.number) if value.number is not None
                        else unicodedata.normalize("NFKC", value.value).strip())


def _deadline_text(task: Task) -> str:
    """A task's deadline as the admin reads it."""
    if task.deadline_text and task.deadline:
        return f"{task.deadline_text}（{task.deadline.isoformat()}）"
    if task.deadline:
        return task.deadline.isoformat()
    return task.deadline_text or "无"


def _task_fields(old: Task, new: Task) -> list[FieldChange]:
    """The compared fields of a task that differ: deadline, responsible units, recurrence."""
    changes = []
    if (old.deadline, old.deadline_kind) != (new.deadline, new.deadline_kind) or (
            (old.deadline_text or "") != (new.deadline_text or "")):
        changes.append(FieldChange("完成时限", _deadline_text(old), _deadline_text(new)))
    if [name_key(u) for u in old.units] != [name_key(u) for u in new.units]:
        changes.append(FieldChange("责任单位", "、".join(old.units) or "无", "、".join(new.units) or "无"))
    if (old.recurrence or "") != (new.recurrence or ""):
        changes.append(FieldChange("周期", old.recurrence or "无", new.recurrence or "无"))
    return changes


def _pair_documents(old: KnowledgeBase, new: KnowledgeBase, report: ChangeReport) -> dict[str, str]:
    """Fill the document part of `report`; return old file → new file for matched documents."""
    pairs: dict[str, str] = {}
    new_by_file = {d.file: d for d in new.documents}
    unmatched_old: list[Document] = []
    for doc in old.documents:
        other = new_by_file.get(doc.file)
        if other is None:
            unmatched_old.append(doc)
            continue
        pairs[doc.file] = other.file
        if doc.sha256 and doc.sha256 == other.sha256:
            report.documents_unchanged.append(other)
        else:
            report.documents_replaced.append(DocumentChange(doc, other))
    # A renamed file with the same title (a .docx sent to replace the .txt) is a replacement.
    unmatched_new = [d for d in new.documents if d.file not in pairs.values()]
    by_title: dict[str, list[Document]] = defaultdict(list)
    for doc in unmatched_new:
        if name_key(doc.title):
            by_title[name_key(doc.title)].append(doc)
    for doc in unmatched_old:
        candidates = by_title.get(name_key(doc.title)) if name_key(doc.title) else None
        if candidates:
            other = candidates.pop(0)
            pairs[doc.file] = other.file
            report.documents_replaced.append(DocumentChange(doc, other))
        else:
            report.documents_removed.append(doc)
    report.documents_added = [d for d in unmatched_new if d.file not in pairs.values()]
    return pairs


def _match(old_items: Iterable[Item], new_items: Iterable[Item], key_of: dict[str, str],
           ) -> tuple[list[Item], list[Item], list[tuple[Item, Item]]]:
    """Pair items by (document, normalised name); repeated names pair in order of appearance."""
    buckets: dict[tuple[str, str], list[Item]] = defaultdict(list)
    for item in new_items:
        buckets[(item.doc, _item_name(item))].append(item)
    removed: list[Item] = []
    pairs: list[tuple[Item, Item]] = []
    for item in old_items:
        bucket = buckets.get((key_of.get(item.doc, "\0" + item.doc), _item_name(item)))
        if bucket:
            pairs.append((item, bucket.pop(0)))
        else:
            removed.append(item)
    matched_new = {id(n) for _, n in pairs}
    added = [i for items in buckets.values() for i in items if id(i) not in matched_new]
    return removed, added, pairs


def _item_name(item: Indicator | Task) -> str:
    """The normalised name (indicator) or title (task) that identifies an item within its document."""
    return name_key(item.name if isinstance(item, Indicator) else item.title)


def _in_order(items: list[Item], reference: list[Item]) -> list[Item]:
    """`items` sorted by their position in `reference` (document order)."""
    position = {id(x): n for n, x in enumerate(reference)}
    return sorted(items, key=lambda x: position.get(id(x), 0))


def diff(old: KnowledgeBase, new: KnowledgeBase) -> ChangeReport:
    """The change report of replacing `old` by `new` (items matched by document and normalised name)."""
    report = ChangeReport()
    key_of = _pair_documents(old, new, report)
    removed, added, pairs = _match(old.indicators, new.indicators, key_of)
    report.indicators_removed = removed
    report.indicators_added = _in_order(added, new.indicators)
    for a, b in pairs:
        fields = _indicator_fields(a, b)
        if fields:
            report.indicators_changed.append(ItemChange(a, b, fields))
    removed_t, added_t, pairs_t = _match(old.tasks, new.tasks, key_of)
    report.tasks_removed = removed_t
    report.tasks_added = _in_order(added_t, new.tasks)
    for ta, tb in pairs_t:
        task_fields = _task_fields(ta, tb)
        if task_fields:
            report.tasks_changed.append(ItemChange(ta, tb, task_fields))
    # A replaced document whose items are all identical shows only as "replaced" — but when the
    # bytes differ in ways no item reflects (whitespace, formatting), it is still a change users
    # cannot see; count it as unchanged so the same content re-sent reports 没有变化.
    visible = {i.doc for i in report.indicators_added + report.indicators_removed}
    visible |= {c.new.doc for c in report.indicators_changed} | {c.new.doc for c in report.tasks_changed}
    visible |= {t.doc for t in report.tasks_added + report.tasks_removed}
    still: list[DocumentChange] = []
    for change in report.documents_replaced:
        if (change.old.file == change.new.file and change.new.file not in visible
                and _same_text(old, new, change.old.file)):
            report.documents_unchanged.append(change.new)
        else:
            still.append(change)
    report.documents_replaced = still
    return report


def _same_text(old: KnowledgeBase, new: KnowledgeBase, file: str) -> bool:
    """True when the document's text lines are identical in both (the source only changed bytes)."""
    return old.texts.get(file) == new.texts.get(file) and file in old.texts
