"""The supervision ledger as an Excel workbook: a summary sheet, then one sheet per plan.

Each plan's sheet has a frozen header row, filters on every column, set column widths, real date
cells for deadlines and progress dates, and the status cell filled red / yellow / green (逾期 /
7天内 / 正常; 已完成 darker green, 长期 blue).

Written with XlsxWriter in memory. openpyxl (write-only mode) was measured first on the 100×
knowledge base (12,900 tasks, 500 plans): 4.5–4.7 s, most of it one temporary file per sheet,
against 1.2 s here for the same cells (bench/bench_desk.py; the tests read the files with openpyxl).
Text never becomes a formula or a link: a note starting with "=" stays text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import Any

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
_STATE = {"pending": "待审批", "approved": "已批准", "rejected": "未批准"}


def _text(value: str | None) -> str:
    return _ILLEGAL.sub("", value or "")[:MAX_CELL_CHARS]


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title (at most 31 characters, none of []:*?/\\, not starting with ')."""
    base = _SHEET_FORBIDDEN.sub("", _ILLEGAL.sub("", name)).strip("' ") or "规划"
    title = base[:31]
    n = 2
    while title.lower() in taken:
        suffix = f"({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title.lower())
    return title


class _Formats:
    """The workbook's cell formats, made once."""

    def __init__(self, wb: Any) -> None:
        self.header = wb.add_format({"bold": True, "bg_color": "#D9E1F2"})
        self.bold = wb.add_format({"bold": True})
        self.date = wb.add_format({"num_format": DATE_FORMAT})
        self.status = {s: wb.add_format({"bg_color": f"#{color}"}) for s, color in STATUS_FILLS.items()}


def _note(row: LedgerRow) -> str:
    """The latest progress as the ledger shows it (completion and extensions marked)."""
    latest = row.office.latest if row.office is not None else None
    if latest is None:
        return ""
    if latest.kind == "done":
        return f"［已完成］{latest.text}"
    if latest.kind == "reopen":
        return f"［撤销完成］{latest.text}"
    if latest.kind == "extension":
        return f"［申请延期至 {latest.new_deadline}，{_STATE.get(latest.status or '', '')}］{latest.text}"
    return latest.text


def _plan_sheet(wb: Any, title: str, rows: list[LedgerRow], fmt: _Formats) -> None:
    ws = wb.add_worksheet(title)
    for col, (name, width) in enumerate(COLUMNS):
        ws.set_column(col, col, width)
        ws.write_string(0, col, name, fmt.header)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(rows), len(COLUMNS) - 1)
    text, number = ws.write_string, ws.write_number  # bound once: called for every cell
    for r, row in enumerate(rows, 1):
        task = row.task
        latest = row.office.latest if row.office is not None else None
        number(r, 0, r)
        text(r, 1, _text(row.document.title))
        text(r, 2, _text(row.section))
        text(r, 3, _text(task.title))
        text(r, 4, _text(task.text or task.title))
        if row.deadline is not None:
            ws.write_datetime(r, 5, dt.datetime.combine(row.deadline, dt.time()), fmt.date)
        text(r, 6, _text(row.how))
        text(r, 7, _text("、".join(task.lead_units)))
        text(r, 8, _text("、".join(task.units)))
        text(r, 9, row.status, fmt.status[row.status])
        if latest is not None:
            text(r, 10, _text(_note(row)))
            ws.write_datetime(r, 11, dt.datetime.combine(latest.at.date(), dt.time()), fmt.date)
            text(r, 12, _text(latest.by))
        text(r, 13, _text(row.source))


def _summary_sheet(wb: Any, rows: list[LedgerRow], heading: list[str], fmt: _Formats) -> None:
    ws = wb.add_worksheet(SUMMARY_SHEET)
    ws.set_column(0, 0, 40)
    ws.set_column(1, len(STATUSES) + 1, 10)
    r = 0
    for line in heading:
        ws.write_string(r, 0, _text(line), fmt.bold)
        r += 1
    r += 1
    ws.write_row(r, 0, ["状态", "任务数"], fmt.header)
    for status, count in by_status(rows).items():
        r += 1
        ws.write_string(r, 0, status, fmt.status[status])
        ws.write_number(r, 1, count)
    r += 1
    ws.write_string(r, 0, "合计")
    ws.write_number(r, 1, len(rows))
    for title, tallies in (("按规划", by_plan(rows)), ("按单位（牵头与责任单位）", by_unit(rows))):
        r += 2
        ws.write_row(r, 0, [title, *STATUSES, "合计"], fmt.header)
        for tally in tallies:
            r += 1
            ws.write_string(r, 0, _text(tally.name))
            ws.write_row(r, 1, [*(tally.counts[s] for s in STATUSES), tally.total])


def write_ledger(rows: Iterable[LedgerRow], heading: list[str], plan_names: dict[str, str] | None = None) -> bytes:
    """The workbook of `rows` as .xlsx bytes: the summary sheet (with `heading` lines on top), then a
    sheet per plan in the order the plans first appear; `plan_names` gives a plan's short name by file."""
    import xlsxwriter  # imported on first use: start-up does not pay for it

    rows = list(rows)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})
    fmt = _Formats(wb)
    _summary_sheet(wb, rows, heading, fmt)
    per_plan: dict[str, list[LedgerRow]] = {}
    for row in rows:
        per_plan.setdefault(row.document.file, []).append(row)
    taken = {SUMMARY_SHEET.lower()}
    names = plan_names or {}
    for file, plan_rows in per_plan.items():
        _plan_sheet(wb, sheet_title(names.get(file) or plan_rows[0].document.title, taken), plan_rows, fmt)
    wb.close()
    return buffer.getvalue()


def ledger_heading(generated: dt.datetime, scope: str, total: int) -> list[str]:
    """The summary sheet's opening lines: title, time, scope, count."""
    return ["督办台账", f"生成时间：{generated.strftime('%Y-%m-%d %H:%M')}",
            f"范围：{scope or '全部任务'}", f"任务数：{total}"]
