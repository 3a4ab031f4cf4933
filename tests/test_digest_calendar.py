"""Working days (holidays, 调休), recurring tasks, and when a weekly digest is due."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from knowledge.digest.recurrence import label_of, next_due
from knowledge.digest.schedule import delivery_day, due_period, is_public_holiday, next_delivery
from knowledge.digest.workdays import days_left, is_workday, next_workday, workdays_between
from tests.digest_fixtures import task

D = dt.date
TZ = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def test_national_day_holiday_and_make_up_workdays() -> None:
    assert not is_workday(D(2024, 10, 1))
    assert is_workday(D(2024, 9, 29))  # Sunday, 调休 make-up workday
    assert is_workday(D(2024, 10, 12))  # Saturday, 调休 make-up workday
    assert not is_workday(D(2024, 10, 19))  # an ordinary Saturday
    assert next_workday(D(2024, 10, 1)) == D(2024, 10, 8)
    assert next_workday(D(2024, 10, 8)) == D(2024, 10, 8)
    assert next_workday(D(2024, 10, 8), include_today=False) == D(2024, 10, 9)


def test_days_left_counts_calendar_and_working_days() -> None:
    # Fri 27 Sep → Mon 14 Oct: 29/9, 30/9, 8–12/10, 14/10 are working days.
    assert days_left(D(2024, 9, 27), D(2024, 10, 14)).working == 8
    assert days_left(D(2024, 9, 27), D(2024, 10, 14)).calendar == 17
    overdue = days_left(D(2024, 10, 14), D(2024, 9, 27))
    assert (overdue.calendar, overdue.working) == (-17, -8)
    assert workdays_between(D(2024, 12, 20), D(2024, 12, 20)) == 0
    # Outside chinesecalendar's years: Monday–Friday.
    assert workdays_between(D(2035, 12, 28), D(2035, 12, 31)) == 1  # Sat 29, Sun 30, Mon 31


def test_public_holiday_moves_delivery_but_weekend_does_not() -> None:
    assert is_public_holiday(D(2024, 10, 7))
    assert delivery_day(D(2024, 10, 7)) == D(2024, 10, 8)  # Monday in the National Day week
    assert delivery_day(D(2024, 10, 19)) == D(2024, 10, 19)  # a Saturday subscriber keeps Saturday
    assert delivery_day(D(2024, 10, 14)) == D(2024, 10, 14)


def test_due_period_through_a_week_and_a_holiday() -> None:
    monday, nine = 0, dt.time(9, 0)
    assert due_period(monday, nine, at(D(2024, 12, 16), 8, 59)) is None
    assert due_period(monday, nine, at(D(2024, 12, 16), 9, 0)) == D(2024, 12, 16)
    assert due_period(monday, nine, at(D(2024, 12, 16), 23, 59)) == D(2024, 12, 16)  # missed: same day
    assert due_period(monday, nine, at(D(2024, 12, 17), 9, 30)) is None  # next day: too late
    # National Day: Monday 7 Oct is a holiday, the digest of that week goes out Tuesday 8 Oct.
    assert due_period(monday, nine, at(D(2024, 10, 7), 10, 0)) is None
    assert due_period(monday, nine, at(D(2024, 10, 8), 10, 0)) == D(2024, 10, 7)
    assert next_delivery(monday, nine, at(D(2024, 10, 1), 12, 0)) == at(D(2024, 10, 8), 9, 0)
    assert next_delivery(monday, nine, at(D(2024, 12, 16), 9, 0)) == at(D(2024, 12, 23), 9, 0)


def test_spring_festival_merges_two_saturdays_into_one_delivery() -> None:
    saturday, nine = 5, dt.time(9, 0)
    # 2024 Spring Festival: 10–17 Feb off, Sunday 18 Feb a make-up workday.
    assert delivery_day(D(2024, 2, 10)) == D(2024, 2, 18)
    assert delivery_day(D(2024, 2, 17)) == D(2024, 2, 18)
    assert due_period(saturday, nine, at(D(2024, 2, 18), 9, 0)) == D(2024, 2, 17)


def test_recurring_task_shows_the_current_cycle_end() -> None:
    monthly = task("R", "每月开展检查", D(2025, 12, 31), kind="recurring", recurrence="monthly")
    assert next_due(monthly, D(2024, 12, 20)) == D(2024, 12, 31)
    assert next_due(monthly, D(2025, 2, 3)) == D(2025, 2, 28)
    assert next_due(monthly, D(2026, 1, 5)) is None  # the work has run its course
    assert label_of("monthly") == "每月"
    plain = task("P", "完成改造", D(2024, 6, 30))
    assert next_due(plain, D(2024, 12, 20)) == D(2024, 6, 30)
