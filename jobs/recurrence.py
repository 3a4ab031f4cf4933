"""Recurring tasks (每月, 每季度, 每年, 每周): the next occurrence on or after a given day."""

from __future__ import annotations

import calendar
import datetime as dt

from knowledge.models import Task

# Recurrence labels as the deadline rules may write them, mapped to a period name.
_PERIODS = {
    "monthly": "month", "每月": "month", "月度": "month", "按月": "month",
    "quarterly": "quarter", "每季度": "quarter", "每季": "quarter", "季度": "quarter", "按季": "quarter",
    "yearly": "year", "annually": "year", "annual": "year", "每年": "year", "年度": "year",
    "weekly": "week", "每周": "week", "按周": "week",
}
_LABELS = {"month": "每月", "quarter": "每季度", "year": "每年", "week": "每周"}


def period_of(recurrence: str | None) -> str | None:
    """The period ("month", "quarter", "year", "week") a recurrence label names, if known."""
    if not recurrence:
        return None
    key = recurrence.strip().lower()
    if key in _PERIODS:
        return _PERIODS[key]
    # Free-form labels such as "每月10日前" or "每季度末": look for a known cue inside.
    for cue, period in _PERIODS.items():
        if cue in key:
            return period
    return None


def label_of(recurrence: str | None) -> str | None:
    """A short Chinese label for the recurrence ("每月"), or the raw label if unknown."""
    period = period_of(recurrence)
    return _LABELS[period] if period else recurrence


def _clamp(year: int, month: int, day: int) -> dt.date:
    """The date, with the day clamped to the month's length (31 → 30, 28 or 29)."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def next_occurrence(task: Task, today: dt.date) -> dt.date | None:
    """The next due date of a recurring task on or after `today`; None if it does not recur.

    For a deadline of kind "recurring" the deadline is the anchor (e.g. the 10th of the month) and
    the series never ends. For any other kind, the deadline ends the series (e.g. the plan year):
    occurrences fall at period ends, and once the series is over the deadline itself is returned.
    """
    period = period_of(task.recurrence)
    if period is None:
        return None
    anchor = task.deadline if task.deadline_kind == "recurring" else None
    end = None if task.deadline_kind == "recurring" else task.deadline
    if period == "week":
        weekday = anchor.weekday() if anchor else 4  # Friday: the end of the working week
        candidate = today + dt.timedelta(days=(weekday - today.weekday()) % 7)
    elif period == "month":
        day = anchor.day if anchor else 31
        candidate = _clamp(today.year, today.month, day)
        if candidate < today:
            candidate = _clamp(*_add_months(today.year, today.month, 1), day)
    elif period == "quarter":
        # Months into the quarter and day of the anchor; default: the last day of the quarter.
        offset, day = ((anchor.month - 1) % 3, anchor.day) if anchor else (2, 31)
        first = today.month - (today.month - 1) % 3
        candidate = _clamp(today.year, first + offset, day)
        if candidate < today:
            candidate = _clamp(*_add_months(today.year, first + offset, 3), day)
    else:
        month, day = (anchor.month, anchor.day) if anchor else (12, 31)
        candidate = _clamp(today.year, month, day)
        if candidate < today:
            candidate = _clamp(today.year + 1, month, day)
    if anchor is not None and candidate < anchor:
        return anchor  # the series has not started yet
    if end is not None and candidate > end:
        return end
    return candidate
