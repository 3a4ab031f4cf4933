"""Working days in mainland China: public holidays and 调休 make-up workdays via chinesecalendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)


# The years chinesecalendar has data for; outside them we fall back to Monday–Friday.
_KNOWN_YEARS = (min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year)


def is_workday(day: dt.date) -> bool:
    """Whether `day` is a working day (holidays off, 调休 Saturdays/Sundays on).

    Same rule as chinese_calendar.is_workday, read straight from its holiday and make-up-day
    tables: its own function re-validates the year range on every call, which dominated the
    cost of a digest run over a large knowledge base.
    """
    if _KNOWN_YEARS[0] <= day.year <= _KNOWN_YEARS[1]:
        if day in chinese_calendar.workdays:
            return True
        return day.weekday() < 5 and day not in chinese_calendar.holidays
    return day.weekday() < 5


def next_workday(day: dt.date, include_today: bool = True) -> dt.date:
    """The first working day on or after `day` (after it when include_today is False)."""
    current = day if include_today else day + ONE_DAY
    # Longest Chinese holiday run is about 9 days; 60 is a safe bound for bad data.
    for _ in range(60):
        if is_workday(current):
            return current
        current += ONE_DAY
    return current


@lru_cache(maxsize=256)
def _year_prefix(year: int) -> tuple[int, ...]:
    """Running count of working days in `year`: entry i covers 1 January through day-of-year i+1."""
    counts: list[int] = []
    total = 0
    day = dt.date(year, 1, 1)
    while day.year == year:
        total += is_workday(day)
        counts.append(total)
        day += ONE_DAY
    return tuple(counts)


@lru_cache(maxsize=65536)
def _workdays_upto(day: dt.date) -> int:
    """Working days from 1 January of a fixed base year through `day` (only differences matter)."""
    base = -sum(_year_prefix(y)[-1] for y in range(day.year, _BASE_YEAR))
    base += sum(_year_prefix(y)[-1] for y in range(_BASE_YEAR, day.year))
    return base + _year_prefix(day.year)[day.timetuple().tm_yday - 1]


_BASE_YEAR = 2020


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative (the count in (end, start]) when end is before start."""
    if end >= start:
        return _workdays_upto(end) - _workdays_upto(start)
    return -(_workdays_upto(start) - _workdays_upto(end))


@dataclass(frozen=True)
class DaysLeft:
    """Days until a deadline: calendar days and working days (negative when overdue)."""

    calendar: int
    working: int


def days_left(today: dt.date, deadline: dt.date) -> DaysLeft:
    """Calendar and working days from `today` to `deadline` (the deadline day counts, today does not)."""
    return DaysLeft((deadline - today).days, workdays_between(today, deadline))
