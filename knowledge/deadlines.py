"""Deadlines: resolve Chinese deadline phrases (年底前, 三季度末, 到2025年, 汛期前 …) to dates.

A rule table of our own (jionlp was measured but is GPL-3.0). Each rule is a regular
expression plus a function turning its match into a date; `resolve_deadline` runs every
rule over a task's text and picks one result by these precedence rules:

1. Explicit phrases (a date, month, quarter, half year, year end, 到2025年, “十四五”期间,
   到二〇三五年, 汛期前, 春节前, 建党百年 …) win. Among several, the EARLIEST date wins —
   the first milestone is what falls due first; on equal dates the more specific phrase
   (day > month > quarter > half year > year), then the earlier in the text, wins.
   A phrase that names a time before the plan starts, or reads as an achievement
   (2023年已完成, 截至2023年底, 较2020年), is a reference to the past, not a deadline.
2. Else recurring work (每月/每季度/每年/每周/定期 …): kind "recurring" with its
   recurrence. Its date is the end of the plan (plan-year end for a one-year plan, the
   period end for a multi-year one): the date by which the recurring work has run its
   course. It does not depend on today, so ids and snapshots stay stable; the digest job
   computes the next occurrence with `next_occurrence`.
3. Else ongoing work (长期坚持/常态化/常抓不懈 … in the task's leading clause): kind
   "ongoing", no date. An ongoing cue deep inside a task's elaboration describes one
   sub-activity, not the task, so it does not make the task undated.
4. Else the plan's own end: kind "document_year" (Dec 31 of the plan year) for a one-year
   plan, "period_end" (Dec 31 of the period's last year) for a multi-year plan, "none"
   when neither year nor period is known.

In a multi-year plan 全年/年度 mean "every year" (recurring yearly); in a one-year plan
they mean "this year" (the plan year's Dec 31).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.deadline_rules import RULES, Context, holiday_start, month_end, year_end
from knowledge.models import DeadlineKind

__all__ = ["Deadline", "holiday_start", "next_occurrence", "plan_end", "resolve_deadline"]


@dataclass(frozen=True)
class Deadline:
    """A resolved deadline: the date, the phrase that set it, how it was set, any recurrence."""

    date: dt.date | None
    phrase: str | None
    kind: DeadlineKind
    recurrence: str | None = None


# Recurring work: cue → recurrence. 全年/年度 count here only in multi-year plans.
_RECURRING: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"每(?:个)?工作日|每日|每天"), "daily"),
    (re.compile(r"每(?:个)?(?:周|星期)|周例会"), "weekly"),
    (re.compile(r"每(?:个)?月(?:(?:[1-9]|[12]\d|3[01])日|底|末)?(?:前|之前)?|按月|月度|一月一"), "monthly"),
    (re.compile(r"每(?:个)?季度?|按季度?|季度性"), "quarterly"),
    (re.compile(r"每半年"), "half-yearly"),
    (re.compile(r"每年|每一年|年年"), "yearly"),  # not 逐年: 逐年递增 is a trend
    # 每两个月 / 每半月 / 每旬: recurring on a cycle the digest has no label for
    (re.compile(r"定期|每(?:[两二三四五六]|几)(?:个)?(?:月|周|星期|年)|每半(?:个)?月|每双月|每旬"), "periodic"),
]
_MULTI_YEAR_RECURRING = re.compile(r"(?<![\d〇零一二三四五六七八九十两])(?:全年|年度)")

# Ongoing work without an end: only counts in the task's leading clause (see module doc).
_ONGOING = re.compile(r"长期坚持|长期开展|常态化|常抓不懈|持之以恒|久久为功|坚持不懈")
# 持续推进/持续开展 ("keep pushing") are not here: in a plan they are ordinary work of the
# plan year or period, due when the plan ends.

# Around a phrase: words that make it a reference to the past (an achievement, a baseline).
_LEAD_WORD = re.compile(r"(?:到|至|截至|截止|力争|争取|于|展望)\s*$")
_PAST_BEFORE = re.compile(r"(?:截至|截止|较|比|相比|同比|自|从|与|回顾|过去)\s*$")
_PAST_AFTER = re.compile(r"^\s*(?:已|已经|以来|同期|相比|的基础上|取得|实现了|完成了|起(?!草|步)|开始|以后|之后)")


@dataclass(frozen=True)
class _Candidate:
    date: dt.date
    phrase: str
    rank: int
    start: int


def _explicit_candidates(text: str, ctx: Context) -> list[_Candidate]:
    """Every explicit deadline phrase in `text` with its date, skipping the past."""
    found: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for rule in RULES:
        if not any(word in text for word in rule.needs):
            continue
        for match in rule.pattern.finditer(text):
            s, e = match.span()
            if s == e or any(s < te and ts < e for ts, te in taken):
                continue  # an earlier, more specific rule already read these characters
            lead = _LEAD_WORD.search(text, max(0, s - 3), s)
            if lead and not any(lead.start() < te and ts < s for ts, te in taken):
                s = lead.start()  # 到2025年, 力争2024年: the lead word belongs to the phrase
            phrase = text[s:e].strip()
            if not phrase:
                continue
            if _PAST_BEFORE.search(text[max(0, s - 4):s]) or _PAST_AFTER.search(text[e:e + 6]):
                taken.append((s, e))
                continue
            if phrase.startswith(("截至", "截止")):
                taken.append((s, e))
                continue
            try:
                date = rule.resolve(match, ctx)
            except (ValueError, KeyError):
                date = None
            if date is None:
                continue
            taken.append((s, e))
            if ctx.start is not None and date < ctx.start:
                continue  # 2022年批次 in a 2023 plan: the past
            found.append(_Candidate(date, _clean_phrase(phrase), rule.rank, s))
    return found


def _clean_phrase(phrase: str) -> str:
    return phrase.strip(" ,，、。；;")


def _leading_clause(text: str) -> str:
    """The first clause of a task text: its title, the part an ongoing cue must be in."""
    return re.split(r"[。；;，,：:！？]", text.strip(), maxsplit=1)[0]


def plan_end(year: int | None, period: tuple[int, int] | None) -> Deadline:
    """The fallback deadline: the plan year's end (one-year plan) or the period's end."""
    if period and period[0] != period[1]:
        return Deadline(year_end(period[1]), None, "period_end")
    if year is not None:
        return Deadline(year_end(year), None, "document_year")
    if period:
        return Deadline(year_end(period[1]), None, "document_year")
    return Deadline(None, None, "none")


def resolve_deadline(
    text: str,
    year: int | None,
    period: tuple[int, int] | None,
    *,
    flood_season_start: tuple[int, int] = (6, 1),
    open_ended: bool = False,
) -> Deadline:
    """The deadline `text` sets, given the plan year and period; falls back to the plan's end.

    `flood_season_start` is the (month, day) the local flood season (汛期) begins; 汛期前
    resolves to the day before it. See the module docstring for the precedence rules.
    """
    ctx = Context(year, period, flood_season_start, open_ended)
    candidates = _explicit_candidates(text, ctx)
    if candidates:
        best = min(candidates, key=lambda c: (c.date, -c.rank, c.start))
        return Deadline(best.date, best.phrase, "explicit")
    fallback = Deadline(None, None, "none") if open_ended else plan_end(year, period)
    for pattern, recurrence in _RECURRING:
        match = pattern.search(text)
        if match:
            return Deadline(fallback.date, match.group(0), "recurring", recurrence)
    if ctx.multi_year:
        match = _MULTI_YEAR_RECURRING.search(text)
        if match:
            return Deadline(fallback.date, match.group(0), "recurring", "yearly")
    match = _ONGOING.search(_leading_clause(text))
    if match:
        return Deadline(None, match.group(0), "ongoing")
    return fallback


def next_occurrence(deadline: Deadline, today: dt.date) -> dt.date | None:
    """For recurring work: the end of the current cycle (month, quarter, …) on or after `today`.

    Returns None once the work's own end (`deadline.date`) has passed, and the plain
    deadline date for work that is not recurring.
    """
    if deadline.kind != "recurring" or deadline.recurrence is None:
        return deadline.date
    if deadline.date is not None and today > deadline.date:
        return None
    r = deadline.recurrence
    if r == "daily":
        due = today
    elif r == "weekly":
        due = today + dt.timedelta(days=6 - today.weekday())  # the Sunday ending this week
    elif r == "monthly":
        due = month_end(today.year, today.month)
        day = re.search(r"每(?:个)?月(\d{1,2})日", deadline.phrase or "")
        if day:  # 每月10日前: the 10th of this month, or of the next once it has passed
            due = dt.date(today.year, today.month, min(int(day.group(1)), due.day))
            if due < today:
                nxt = month_end(today.year, today.month) + dt.timedelta(days=1)
                due = dt.date(nxt.year, nxt.month, min(int(day.group(1)), month_end(nxt.year, nxt.month).day))
    elif r == "quarterly":
        due = month_end(today.year, 3 * ((today.month - 1) // 3 + 1))
    elif r == "half-yearly":
        due = dt.date(today.year, 6, 30) if today.month <= 6 else dt.date(today.year, 12, 31)
    else:  # yearly, periodic
        due = year_end(today.year)
    if deadline.date is not None:
        due = min(due, deadline.date)
    return due
