"""Deadlines: resolve Chinese deadline phrases to dates (STUB)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knowledge.models import DeadlineKind


@dataclass(frozen=True)
class Deadline:
    """A resolved deadline: the date, the phrase that set it, how it was set, any recurrence."""

    date: dt.date | None
    phrase: str | None
    kind: DeadlineKind
    recurrence: str | None = None


def resolve_deadline(text: str, year: int | None, period: tuple[int, int] | None) -> Deadline:
    """The deadline `text` sets, given the plan year and period; falls back to the period end."""
    if period:
        return Deadline(dt.date(period[1], 12, 31), None, "period_end")
    return Deadline(None, None, "none")
