"""The supervision ledger (督办台账): every task with its deadline, units, status and latest progress.

Pure domain: rows, their status (逾期 / 7天内 / 正常 / 已完成 / 长期), the scope words of /export
(逾期, 本月 …), the summary counts (by status, plan and unit) and the board (per plan and per lead
unit, worst first). `knowledge.desk.xlsx` writes the rows as a workbook; the chat renders the board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from knowledge.desk.office import OfficeMap, TaskOffice
from knowledge.digest.recurrence import is_recurring, label_of, next_due
from knowledge.models import Document, KnowledgeBase, Section, Task

OVERDUE, SOON, NORMAL, DONE, ONGOING = "逾期", "7天内", "正常", "已完成", "长期"
STATUSES = (OVERDUE, SOON, NORMAL, DONE, ONGOING)
OPEN = "open"  # a scope word: every status but 已完成
SOON_DAYS = 7
NO_UNIT = "未注明单位"
# How a deadline was set, as the chat and the ledger say it.
DEADLINE_KIND_LABELS = {"explicit": "文件写明", "document_year": "按文件年度推定", "period_end": "按规划期末推定",
                        "recurring": "周期性工作", "ongoing": "长期坚持", "none": "未写明"}


def lead_units(task: Task) -> list[str]:
    """The task's lead units (牵头单位) as extracted; [] when the document names none."""
    return list(task.lead_units)


def board_units(task: Task) -> list[str]:
    """Who answers for a task on the board: its lead units, else its first responsible unit
    (lists name the lead first), else 未注明单位."""
    return lead_units(task) or task.units[:1] or [NO_UNIT]


@dataclass(frozen=True)
class LedgerRow:
    """One task as the ledger shows it."""

    task: Task
    document: Document
    section: str  # the section path, " › "-joined
    deadline: dt.date | None  # the date worked to: an approved extension, the cycle's end, the document's
    how: str  # how the deadline was set ("文件写明：年底前", "延期已批准（原定 2024-12-31）")
    status: str
    office: TaskOffice | None = None

    @property
    def source(self) -> str:
        """"《title》第N行"."""
        return f"《{self.document.title}》第{self.task.line}行"


def due_date(task: Task, today: dt.date, office: TaskOffice | None = None) -> dt.date | None:
    """The date a task is due as of `today`: an approved extension, the current cycle's end for
    recurring work (its last deadline once the cycle has run out), else the document's deadline."""
    if office is not None and office.deadline is not None:
        return office.deadline
    if is_recurring(task):
        return next_due(task, today) or task.deadline
    return task.deadline


def status_of(task: Task, today: dt.date, office: TaskOffice | None = None) -> str:
    """逾期 / 7天内 / 正常 / 已完成 / 长期 as of `today` (an undated task is 正常)."""
    if office is not None and office.done is not None:
        return DONE
    if task.deadline_kind == "ongoing" and (office is None or office.deadline is None):
        return ONGOING
    due = due_date(task, today, office)
    if due is None:
        return NORMAL
    days = (due - today).days
    if days < 0:
        return OVERDUE
    return SOON if days <= SOON_DAYS else NORMAL


def _how(task: Task, office: TaskOffice | None) -> str:
    """How the deadline was set, with the document's words and any approved extension."""
    if office is not None and office.extension is not None:
        original = task.deadline.isoformat() if task.deadline else "未写明"
        return f"延期已批准（原定 {original}）"
    how = DEADLINE_KIND_LABELS.get(task.deadline_kind, "")
    if is_recurring(task):
        how += f"（{label_of(task.recurrence)}）"
    if task.deadline_text:
        how += f"：“{task.deadline_text}”"
    return how


def ledger_rows(kb: KnowledgeBase, today: dt.date, office: OfficeMap | None = None,
                ids: Iterable[str] | None = None) -> list[LedgerRow]:
    """The ledger rows of `kb`'s tasks (only `ids` when given), in document order."""
    office = office or {}
    docs = {d.file: d for d in kb.documents}
    sections: dict[str, Section] = {s.id: s for s in kb.sections}
    wanted = set(ids) if ids is not None else None
    rows: list[LedgerRow] = []
    for task in kb.tasks:
        if wanted is not None and task.id not in wanted:
            continue
        doc = docs.get(task.doc)
        if doc is None:
            continue
        mine = office.get(task.id)
        section = sections.get(task.section or "")
        path = " › ".join(section.path or [section.title]) if section is not None else ""
        rows.append(LedgerRow(task, doc, path, due_date(task, today, mine), _how(task, mine),
                              status_of(task, today, mine), mine))
    return rows


# ----- what /export asks for -------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerScope:
    """Which rows by status and date: statuses (empty: all), a calendar period, a look-ahead window."""

    statuses: frozenset[str] = frozenset()
    period: str | None = None  # week | month | quarter | year: deadline within the current one
    window: int | None = None  # due within N days (from today, not done)

    def admits(self, row: LedgerRow, today: dt.date) -> bool:
        """Whether the row is in scope."""
        if self.statuses and row.status not in self.statuses:
            return False
        if self.period is not None:
            if row.deadline is None:
                return False
            start, end = period_bounds(self.period, today)
            if not start <= row.deadline <= end:
                return False
        if self.window is not None:
            if row.deadline is None or row.status == DONE:
                return False
            if not 0 <= (row.deadline - today).days <= self.window:
                return False
        return True

    def describe(self) -> str:
        """A short Chinese description ("逾期 · 本月"), "" when everything is in scope."""
        parts = [s for s in STATUSES if s in self.statuses]
        if OPEN in self.statuses:
            parts.append("未完成")
        if self.period:
            parts.append(PERIOD_NAMES[self.period])
        if self.window is not None:
            parts.append(f"{self.window}天内到期")
        return " · ".join(parts)


PERIOD_NAMES = {"week": "本周", "month": "本月", "quarter": "本季度", "year": "今年"}


def period_bounds(period: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the current week, month, quarter or year."""
    if period == "week":
        start = today - dt.timedelta(days=today.weekday())
        return start, start + dt.timedelta(days=6)
    if period == "month":
        start = today.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return start, nxt - dt.timedelta(days=1)
    if period == "quarter":
        first = 3 * ((today.month - 1) // 3) + 1
        start = dt.date(today.year, first, 1)
        nxt = dt.date(today.year + (first == 10), 1 if first == 10 else first + 3, 1)
        return start, nxt - dt.timedelta(days=1)
    return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)


def in_scope(rows: list[LedgerRow], scope: LedgerScope, today: dt.date) -> list[LedgerRow]:
    """The rows the scope admits ("open" in statuses stands for every status but 已完成)."""
    if OPEN in scope.statuses:
        scope = LedgerScope(frozenset(scope.statuses - {OPEN}) or frozenset(set(STATUSES) - {DONE}),
                            scope.period, scope.window)
    return [r for r in rows if scope.admits(r, today)]


# ----- counts ----------------------------------------------------------------------------------

@dataclass
class Tally:
    """Counts per status for one plan or unit."""

    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    key: str = ""  # the plan's file (plans) or the unit's name (units)

    @property
    def total(self) -> int:
        """All tasks counted."""
        return sum(self.counts.values())

    @property
    def severity(self) -> tuple[int, int, int]:
        """Sort key, worst first: most overdue, then most due soon, then most tasks."""
        return (-self.counts[OVERDUE], -self.counts[SOON], -self.total)


def by_status(rows: Iterable[LedgerRow]) -> dict[str, int]:
    """How many rows per status, in STATUSES order."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts


def by_plan(rows: Iterable[LedgerRow]) -> list[Tally]:
    """Counts per plan, worst first."""
    tallies: dict[str, Tally] = {}
    for row in rows:
        tally = tallies.setdefault(row.document.file, Tally(row.document.title, key=row.document.file))
        tally.counts[row.status] += 1
    return sorted(tallies.values(), key=lambda t: t.severity)


def by_unit(rows: Iterable[LedgerRow], lead_only: bool = False) -> list[Tally]:
    """Counts per unit, worst first: every responsible and lead unit of a task counts it once
    (`lead_only`: only who answers for it on the board, see `board_units`)."""
    tallies: dict[str, Tally] = {}
    for row in rows:
        task = row.task
        names = board_units(task) if lead_only else list(dict.fromkeys(lead_units(task) + task.units)) or [NO_UNIT]
        for name in names:
            tallies.setdefault(name, Tally(name, key=name)).counts[row.status] += 1
    return sorted(tallies.values(), key=lambda t: t.severity)
