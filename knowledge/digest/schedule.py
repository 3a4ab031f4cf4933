"""When a weekly digest is due: its scheduled weekday, moved to the next working day on public holidays."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import chinese_calendar

from knowledge.digest.workdays import next_workday

# Weekdays follow Python's date.weekday(): 0 = Monday … 6 = Sunday (PTB's run_daily uses 0 = Sunday).
WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@lru_cache(maxsize=4096)
def is_public_holiday(day: dt.date) -> bool:
    """Whether `day` is a statutory holiday (国庆, 春节 …), not merely a weekend."""
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return False
    return bool(on_holiday and name)


def delivery_day(scheduled: dt.date) -> dt.date:
    """The day a digest scheduled for `scheduled` goes out: that day, or the next working day after a holiday.

    A plain weekend is the subscriber's choice and is kept; only a public holiday moves it.
    """
    return next_workday(scheduled) if is_public_holiday(scheduled) else scheduled


def scheduled_on_or_before(weekday: int, day: dt.date) -> dt.date:
    """The latest date on or before `day` that falls on `weekday` (0 = Monday)."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def due_period(weekday: int, send_time: dt.time, now: dt.datetime) -> dt.date | None:
    """The scheduled day whose digest is due at `now` (local time), or None.

    A digest is due from its send time until the end of its delivery day, so one missed while
    the bot was down goes out at start-up the same day. If two scheduled days move onto the same
    delivery day (a holiday longer than a week), only the latest is sent.
    """
    today = now.date()
    scheduled = scheduled_on_or_before(weekday, today)
    # A holiday run is at most about nine days: two weeks back is enough to find a moved digest.
    for _ in range(3):
        day = delivery_day(scheduled)
        if day == today:
            return scheduled if now.time() >= send_time else None
        if day < today:
            return None
        scheduled -= dt.timedelta(days=7)
    return None


def next_delivery(weekday: int, send_time: dt.time, now: dt.datetime) -> dt.datetime:
    """The next delivery time strictly after `now` (same tzinfo as `now`)."""
    scheduled = scheduled_on_or_before(weekday, now.date()) - dt.timedelta(days=14)
    while True:
        day = delivery_day(scheduled)
        moment = dt.datetime.combine(day, send_time, tzinfo=now.tzinfo)
        if moment > now:
            return moment
        scheduled += dt.timedelta(days=7)


def latest_period(weekday: int, send_time: dt.time, now: dt.datetime) -> tuple[dt.date, dt.datetime] | None:
    """The latest scheduled day whose delivery moment (its send time on its delivery day, holidays
    moved) is at or before `now`, with that moment; None only for a schedule before any period.

    Delivery days never go backwards as scheduled days go forwards, so the first scheduled day
    (going back week by week) whose moment has come is the latest one; periods moved onto the
    same delivery day as a later one are superseded by it.
    """
    scheduled = scheduled_on_or_before(weekday, now.date())
    for _ in range(4):  # a holiday run is at most about nine days: four weeks back is plenty
        moment = dt.datetime.combine(delivery_day(scheduled), send_time, tzinfo=now.tzinfo)
        if moment <= now:
            return scheduled, moment
        scheduled -= dt.timedelta(days=7)
    return None


def on_time_until(moment: dt.datetime, deadline_hours: float = 0.0) -> dt.datetime:
    """Until when a digest due at `moment` counts as on time: the end of its delivery day, or
    `deadline_hours` after its send time when that is set."""
    if deadline_hours > 0:
        return moment + dt.timedelta(hours=deadline_hours)
    return dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time(0, 0), tzinfo=moment.tzinfo)
