"""The supervision ledger as an Excel workbook (openpyxl): a summary sheet, then one sheet per plan.

Each plan's sheet has a frozen header row, filters on every column, set column widths, real date
cells for deadlines and progress dates, and the status cell filled red / yellow / green (逾期 /
7天内 / 正常; 已完成 darker green, 长期 blue). Written in openpyxl's write-only mode: the 100×
knowledge base (about 13,000 tasks) is written in about 2 s (bench/bench_desk.py).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from knowledge.desk.ledger import STATUSES, LedgerRow, by_plan, by_status, by_unit

COLUMNS: list[tuple[str, float]] = [
    ("序号", 6), ("规划", 24), ("章节", 28), ("任务", 30), ("任务全文", 60), ("完成时限", 12),
    ("时限依据", 22), ("牵头单位", 16), ("责任单位", 24), ("状态", 8), ("最新进展", 40), ("进展日期", 12),
    ("填报人", 10), ("来源", 36),
]
STATUS_FILLS = {"逾期": "FFC7CE", "7天内": "FFEB9C", "正常": "C6EFCE", "已完成": "A9D08E", "长期": "DDEBF7"}
DATE_FORMAT = "yyyy-mm-dd"
SUMMARY_SHEET = "汇总"
MAX_CELL_CHARS = 32_000  # Excel holds at most 32,767 characters in a cell
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Characters XML 1.0 (and so .xlsx) cannot hold.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value)[:MAX_CELL_CHARS]


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub("", name).strip("' ") or "规划"
    title = base[:31]
    n = 2
    while title.lower() in taken:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


class _Styles:
    """The few cell styles the workbook uses, built once (openpyxl shares equal styles)."""

    def __init__(self) -> None:
        self.bold = Font(bold=True)
        self.header_fill = PatternFill("solid", fgColor="D9E1F2")
        self.fills = {status: PatternFill("solid", fgColor=color) for status, color in STATUS_FILLS.items()}
        self.top = Alignment(vertical="top")


def _cell(ws: Any, value: object, **style: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    for name, item in style.items():
        setattr(cell, name, item)
    return cell


def _header(ws: Any, names: list[str], styles: _Styles) -> list[WriteOnlyCell]:
    return [_cell(ws, name, font=styles.bold, fill=styles.header_fill) for name in names]


def _task_row(ws: Any, n: int, row: LedgerRow, plan: str, styles: _Styles) -> list[object]:
    task = row.task
    latest = row.office.latest if row.office is not None else None
    deadline = _cell(ws, row.deadline, number_format=DATE_FORMAT) if row.deadline else None
    note_date = _cell(ws, latest.at.date(), number_format=DATE_FORMAT) if latest is not None else None
    note = ""
    if latest is not None:
        note = latest.text
        if latest.kind == "done":
            note = f"［已完成］{note}"
        elif latest.kind == "extension":
            note = f"［申请延期至 {latest.new_deadline}，{_STATE.get(latest.status or '', '')}］{note}"
    lead = getattr(task, "lead_units", None) or []
    return [n, plan, _text(row.section), _text(task.title), _text(task.text or task.title), deadline,
            _text(row.how), "、".join(lead), "、".join(task.units),
            _cell(ws, row.status, fill=styles.fills[row.status]), _text(note), note_date,
            latest.by if latest is not None else None, row.source]


_STATE = {"pending": "待审批", "approved": "已批准", "rejected": "未批准"}


def _plan_sheet(wb: Workbook, title: str, plan: str, rows: list[LedgerRow], styles: _Styles) -> None:
    ws = wb.create_sheet(title)
    for index, (_, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    ws.append(_header(ws, [name for name, _ in COLUMNS], styles))
    for n, row in enumerate(rows, 1):
        ws.append(_task_row(ws, n, row, plan, styles))


def _summary_sheet(wb: Workbook, rows: list[LedgerRow], heading: list[str], styles: _Styles) -> None:
    ws = wb.create_sheet(SUMMARY_SHEET)
    ws.column_dimensions["A"].width = 40
    for col in range(2, len(STATUSES) + 3):
        ws.column_dimensions[get_column_letter(col)].width = 10
    for line in heading:
        ws.append([_cell(ws, line, font=styles.bold)])
    ws.append([])
    ws.append(_header(ws, ["状态", "任务数"], styles))
    for status, count in by_status(rows).items():
        ws.append([_cell(ws, status, fill=styles.fills[status]), count])
    ws.append(["合计", len(rows)])
    columns = ["", *STATUSES, "合计"]
    for title, tallies in (("按规划", by_plan(rows)), ("按单位（牵头与责任单位）", by_unit(rows))):
        ws.append([])
        ws.append(_header(ws, [title, *columns[1:]], styles))
        for tally in tallies:
            ws.append([tally.name, *(tally.counts[s] for s in STATUSES), tally.total])


def write_ledger(rows: Iterable[LedgerRow], heading: list[str], plan_names: dict[str, str] | None = None) -> bytes:
    """The workbook of `rows` as .xlsx bytes: the summary sheet (with `heading` lines on top), then a
    sheet per plan in the order the plans first appear; `plan_names` gives a plan's short name by file."""
    rows = list(rows)
    styles = _Styles()
    wb = Workbook(write_only=True)
    _summary_sheet(wb, rows, heading, styles)
    per_plan: dict[str, list[LedgerRow]] = {}
    for row in rows:
        per_plan.setdefault(row.document.file, []).append(row)
    taken = {SUMMARY_SHEET.lower()}
    names = plan_names or {}
    for file, plan_rows in per_plan.items():
        name = names.get(file) or plan_rows[0].document.title
        _plan_sheet(wb, sheet_title(name, taken), plan_rows[0].document.title, plan_rows, styles)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def ledger_heading(generated: dt.datetime, scope: str, total: int) -> list[str]:
    """The summary sheet's opening lines: title, time, scope, count."""
    return ["督办台账", f"生成时间：{generated.strftime('%Y-%m-%d %H:%M')}",
            f"范围：{scope or '全部任务'}", f"任务数：{total}"]
