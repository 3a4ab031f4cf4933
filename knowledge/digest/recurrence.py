"""Recurring tasks (每月, 每季度 …): their next due date as of a day, and a Chinese label."""

from __future__ import annotations

import datetime as dt

from knowledge.deadlines import Deadline, next_occurrence
from knowledge.models import Task

_LABELS = {
    "daily": "每日", "weekly": "每周", "monthly": "每月", "quarterly": "每季度",
    "half-yearly": "每半年", "yearly": "每年", "periodic": "定期",
}


def label_of(recurrence: str | None) -> str | None:
    """A short Chinese label for a recurrence ("monthly" → 每月); unknown labels pass through."""
    if not recurrence:
        return None
    return _LABELS.get(recurrence, recurrence)


def is_recurring(task: Task) -> bool:
    """Whether the task is recurring work whose due date moves with the cycle."""
    return task.deadline_kind == "recurring" and bool(task.recurrence)


def next_due(task: Task, today: dt.date) -> dt.date | None:
    """The date the task is next due as of `today`.

    Recurring work is due at the end of the current cycle until its own end has passed (then
    None: the work has run its course); other tasks are due on their deadline (None if undated).
    """
    if not is_recurring(task):
        return task.deadline  # what next_occurrence answers for any non-recurring deadline
    deadline = Deadline(task.deadline, task.deadline_text, task.deadline_kind, task.recurrence)
    return next_occurrence(deadline, today)
