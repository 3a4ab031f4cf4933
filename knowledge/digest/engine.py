"""Deadline digests computed: tasks overdue / due within 7 days / due within the window, per subscriber's filters.

Pure domain: no chat, no database. `bot.digest_render` turns a `Digest` into a reply.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from knowledge.desk.office import OfficeMap
from knowledge.digest.recurrence import is_recurring, label_of, next_due
from knowledge.digest.workdays import DaysLeft, days_left
from knowledge.identity import name_key
from knowledge.models import Document, KnowledgeBase, Section, Task
from knowledge.search import SearchIndex

Urgency = Literal["overdue", "soon", "window"]
URGENCIES: tuple[Urgency, ...] = ("overdue", "soon", "window")
SOON_DAYS = 7
DEFAULT_WINDOW = 14
PER_GROUP = 5  # items shown per group; the rest are counted
# Keyword filters take every search hit above the answer threshold, not only the first page.
SEARCH_LIMIT = 1000


@dataclass(frozen=True)
class DigestFilters:
    """What a subscriber follows: keywords (any of them, via the search), a document, a unit."""

    keywords: tuple[str, ...] = ()
    doc: str | None = None
    unit: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when the subscriber follows every task."""
        return not self.keywords and not self.doc and not self.unit

    def describe(self) -> str:
        """A short Chinese description ("关键词：消防、安全 · 单位：应急办"), or "全部任务"."""
        parts = []
        if self.keywords:
            parts.append("关键词：" + "、".join(self.keywords))
        if self.doc:
            parts.append("文件：" + self.doc)
        if self.unit:
            parts.append("单位：" + self.unit)
        return " · ".join(parts) if parts else "全部任务"


@dataclass(frozen=True)
class DueItem:
    """One task as a digest shows it: the date it is due and how many days are left."""

    task: Task
    due: dt.date
    left: DaysLeft
    recurring: str | None = None  # Chinese label ("每月") when the due date is a next occurrence


@dataclass
class Digest:
    """A computed digest: shown items per urgency group and the full count of each group."""

    today: dt.date
    window: int
    filters: DigestFilters
    groups: dict[Urgency, list[DueItem]] = field(default_factory=dict)
    totals: dict[Urgency, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """How many tasks the digest counts across all groups."""
        return sum(self.totals.values())

    @property
    def is_empty(self) -> bool:
        """True when no task is overdue or due within the window."""
        return self.total == 0

    def items(self) -> list[DueItem]:
        """The shown items in display order (overdue, soon, window)."""
        return [item for group in URGENCIES for item in self.groups.get(group, [])]


def urgency_of(item: DueItem, window: int) -> Urgency | None:
    """The group an item falls in for a look-ahead `window` (None: due later than the window)."""
    days = item.left.calendar
    if days < 0:
        return "overdue"
    if days <= min(SOON_DAYS, window):
        return "soon"
    if days <= window:
        return "window"
    return None


def due_item(task: Task, today: dt.date) -> DueItem | None:
    """The task's due date as of `today` (the cycle's end when recurring); None if nothing is due."""
    if task.deadline_kind == "ongoing":
        return None
    due = next_due(task, today)
    if due is None:
        return None
    recurring = label_of(task.recurrence) if is_recurring(task) else None
    return DueItem(task, due, days_left(today, due), recurring)


@dataclass
class _Lists:
    """Due items of one set of tasks as of one day, in display order; `days` allows bisecting by window."""

    overdue: list[DueItem]  # most recently overdue first: the ones still worth acting on
    upcoming: list[DueItem]  # soonest first
    days: list[int]  # calendar days left of each upcoming item
    ids: frozenset[str] | None  # the task set (None: every task)

    @classmethod
    def of(cls, items: Iterable[DueItem], ids: frozenset[str] | None) -> _Lists:
        """Sort items into the overdue and upcoming lists."""
        items = list(items)
        overdue = sorted((i for i in items if i.left.calendar < 0), key=lambda i: (-i.due.toordinal(), i.task.id))
        upcoming = sorted((i for i in items if i.left.calendar >= 0), key=lambda i: (i.due, i.task.id))
        return cls(overdue, upcoming, [i.left.calendar for i in upcoming], ids)


@dataclass
class _Day:
    """Every dated task as of one day: all items in display order, each task's rank, per-filter lists."""

    every: _Lists
    by_id: dict[str, DueItem]
    rank: dict[str, int]  # position in overdue + upcoming (display order)
    lists: dict[DigestFilters, _Lists] = field(default_factory=dict)

    @classmethod
    def of(cls, items: list[DueItem]) -> _Day:
        """Sort once; every filter's lists are then cut from this order by integer rank."""
        every = _Lists.of(items, None)
        ordered = every.overdue + every.upcoming
        day = cls(every, {i.task.id: i for i in items}, {i.task.id: n for n, i in enumerate(ordered)})
        day.lists[DigestFilters()] = every
        return day

    def subset(self, ids: frozenset[str]) -> _Lists:
        """The lists of a set of tasks, in display order, without comparing dates again."""
        positions = sorted(map(self.rank.__getitem__, ids & self.rank.keys()))
        split = bisect.bisect_left(positions, len(self.every.overdue))
        overdue = [self.every.overdue[p] for p in positions[:split]]
        base = len(self.every.overdue)
        upcoming = [self.every.upcoming[p - base] for p in positions[split:]]
        return _Lists(overdue, upcoming, [self.every.days[p - base] for p in positions[split:]], ids)


class DigestEngine:
    """Computes digests over one knowledge base; caches filter matches and each day's due dates.

    Build one per knowledge-base version and reuse it: keyword searches, document and unit
    matches and the day's due dates are computed once and shared by every subscription.
    """

    def __init__(self, kb: KnowledgeBase, index: SearchIndex | None = None) -> None:
        self.kb = kb
        self.index = index if index is not None else SearchIndex(kb)
        self.docs: dict[str, Document] = {d.file: d for d in kb.documents}
        self.sections: dict[str, Section] = {s.id: s for s in kb.sections}
        self.tasks: dict[str, Task] = {t.id: t for t in kb.tasks}
        self._keyword_ids: dict[str, frozenset[str]] = {}
        self._doc_ids: dict[str, frozenset[str]] = {}
        self._unit_ids: dict[str, frozenset[str]] = {}
        self._days: dict[dt.date, _Day] = {}
        self._children: dict[str, list[str]] | None = None
        self._doc_keys: list[tuple[Document, tuple[str, str, str]]] | None = None
        self._tasks_by_doc: dict[str, set[str]] = {}
        self._tasks_by_unit: dict[str, set[str]] = {}
        self.office: OfficeMap = {}  # the office's progress: done tasks drop out, approved extensions move dates
        self._office_done: frozenset[str] = frozenset()

    def set_office(self, office: OfficeMap) -> None:
        """Use the office's view of the tasks (completion, approved extensions) from now on."""
        if office is self.office or office == self.office:
            return
        self.office = office
        self._office_done = frozenset(tid for tid, o in office.items() if o.done is not None)
        self._days.clear()  # due dates may have moved

    def due_of(self, task: Task, today: dt.date) -> DueItem | None:
        """A task's due item, on the approved extension's date when there is one."""
        mine = self.office.get(task.id)
        if mine is not None and mine.deadline is not None:
            moved = task.model_copy(update={"deadline": mine.deadline, "deadline_kind": "explicit",
                                            "recurrence": None})
            return due_item(moved, today)
        return due_item(task, today)

    # --- filters -------------------------------------------------------------------------
    def _section_tasks(self, section_id: str) -> set[str]:
        """Tasks in a section or any of its sub-sections."""
        if self._children is None:
            self._children = {}
            for s in self.kb.sections:
                if s.parent:
                    self._children.setdefault(s.parent, []).append(s.id)
        wanted, stack = set(), [section_id]
        while stack:
            current = stack.pop()
            if current in wanted:
                continue
            wanted.add(current)
            stack.extend(self._children.get(current, []))
        return {t.id for t in self.kb.tasks if t.section in wanted}

    def keyword_ids(self, keyword: str) -> frozenset[str]:
        """Tasks the chat's search finds for `keyword`: task hits and tasks under section hits."""
        if keyword not in self._keyword_ids:
            ids: set[str] = set()
            for hit in self.index.search(keyword, limit=SEARCH_LIMIT).hits:
                if hit.kind == "task":
                    ids.add(hit.id)
                elif hit.kind == "section":
                    ids |= self._section_tasks(hit.id)
            self._keyword_ids[keyword] = frozenset(ids)
        return self._keyword_ids[keyword]

    def _indexes(self) -> None:
        """Normalised document names, tasks by document and tasks by unit (built on first use)."""
        if self._doc_keys is not None:
            return
        self._doc_keys = [(d, (name_key(d.id), name_key(d.file), name_key(d.title))) for d in self.kb.documents]
        self._tasks_by_doc = {}
        self._tasks_by_unit = {}
        for t in self.kb.tasks:
            self._tasks_by_doc.setdefault(t.doc, set()).add(t.id)
            for unit in t.units:
                self._tasks_by_unit.setdefault(name_key(unit), set()).add(t.id)

    def matching_documents(self, name: str) -> list[Document]:
        """Documents whose file name, id or title contains `name` (spaces and case ignored)."""
        self._indexes()
        needle = name_key(name)
        if not needle:
            return []
        return [d for d, (did, file, title) in self._doc_keys or []
                if needle == did or needle in file or needle in title]

    def doc_ids(self, name: str) -> frozenset[str]:
        """Tasks of the documents matching `name`."""
        if name not in self._doc_ids:
            ids: set[str] = set()
            for d in self.matching_documents(name):
                ids |= self._tasks_by_doc.get(d.file, set())
            self._doc_ids[name] = frozenset(ids)
        return self._doc_ids[name]

    def unit_ids(self, name: str) -> frozenset[str]:
        """Tasks with a responsible unit containing `name` (or contained in it, e.g. 街道办事处/街道办)."""
        if name not in self._unit_ids:
            self._indexes()
            needle = name_key(name)
            ids: set[str] = set()
            for unit, tasks in self._tasks_by_unit.items():
                if needle and (needle in unit or (len(unit) >= 2 and unit in needle)):
                    ids |= tasks
            self._unit_ids[name] = frozenset(ids)
        return self._unit_ids[name]


    def filter_problem(self, doc: str | None, unit: str | None) -> str | None:
        """A Chinese message when a document or unit filter matches nothing known (None: both do)."""
        if doc and not self.matching_documents(doc):
            titles = "、".join(d.title for d in self.kb.documents[:8])
            return f"没有找到文件“{doc}”。可用的文件：{titles}"
        if unit and not self.unit_ids(unit):
            return f"没有任务的责任单位包含“{unit}”，请检查单位名称。"
        return None
    def matching_ids(self, filters: DigestFilters) -> frozenset[str] | None:
        """Task ids passing every filter (keywords: any of them); None when nothing is filtered."""
        sets: list[frozenset[str]] = []
        if filters.keywords:
            found: set[str] = set()
            for kw in filters.keywords:
                found |= self.keyword_ids(kw)
            sets.append(frozenset(found))
        if filters.doc:
            sets.append(self.doc_ids(filters.doc))
        if filters.unit:
            sets.append(self.unit_ids(filters.unit))
        if not sets:
            return None
        sets.sort(key=len)
        return sets[0].intersection(*sets[1:])

    # --- dates ---------------------------------------------------------------------------
    def day(self, today: dt.date) -> _Day:
        """Every dated task's due item as of `today` (cached; a few days are kept)."""
        cached = self._days.get(today)
        if cached is None:
            cached = _Day.of([i for i in (self.due_of(t, today) for t in self.kb.tasks) if i is not None])
            if len(self._days) > 7:
                self._days.clear()
            self._days[today] = cached
        return cached

    def _lists(self, filters: DigestFilters, day: _Day) -> _Lists:
        """The sorted due lists of the tasks passing `filters` (cached per day and filters)."""
        lists = day.lists.get(filters)
        if lists is None:
            lists = day.subset(self.matching_ids(filters) or frozenset())
            day.lists[filters] = lists
        return lists

    def compute(self, filters: DigestFilters, today: dt.date, window: int = DEFAULT_WINDOW,
                exclude: Iterable[str] = (), groups: Iterable[Urgency] = URGENCIES,
                per_group: int = PER_GROUP) -> Digest:
        """The digest for these filters as of `today`: tasks overdue or due within `window` days.

        `exclude` holds task ids marked done or snoozed; `groups` limits the groups (e.g. only
        "overdue" for /overdue); at most `per_group` items are kept per group, all are counted.
        Cost per call: two bisections plus the shown items and the excluded ids, whatever the
        size of the knowledge base (the sorted lists are shared by subscriptions with equal filters).
        """
        wanted = set(groups)
        day = self.day(today)
        lists = self._lists(filters, day)
        skip = set(exclude) | self._office_done
        soon_end = bisect.bisect_right(lists.days, min(SOON_DAYS, window))
        window_end = bisect.bisect_right(lists.days, window)
        spans: dict[Urgency, tuple[list[DueItem], int, int]] = {
            "overdue": (lists.overdue, 0, len(lists.overdue)),
            "soon": (lists.upcoming, 0, soon_end),
            "window": (lists.upcoming, soon_end, window_end),
        }
        # Excluded tasks that would otherwise be counted, per group.
        hidden: dict[Urgency, int] = {g: 0 for g in URGENCIES}
        for task_id in skip:
            item = day.by_id.get(task_id)
            if item is not None and (lists.ids is None or task_id in lists.ids):
                group = urgency_of(item, window)
                if group is not None:
                    hidden[group] += 1
        digest = Digest(today, window, filters, {g: [] for g in URGENCIES}, {g: 0 for g in URGENCIES})
        for group in URGENCIES:
            if group not in wanted:
                continue
            seq, lo, hi = spans[group]
            digest.totals[group] = hi - lo - hidden[group]
            shown = digest.groups[group]
            for index in range(lo, hi):
                if len(shown) >= per_group:
                    break
                if seq[index].task.id not in skip:
                    shown.append(seq[index])
        return digest

    # --- sources -------------------------------------------------------------------------
    def source_of(self, task: Task) -> str:
        """Where a task comes from: the document title and the section, with the line."""
        doc = self.docs.get(task.doc)
        title = doc.title if doc and doc.title else task.doc
        section = self.sections.get(task.section or "")
        where = f"《{title}》"
        if section is not None:
            where += " " + " ".join(p for p in (section.number, section.title) if p)
        return f"{where} 第{task.line}行"
