"""Digests as replies: groups 🔴 overdue / 🟡 within 7 days / 🟢 within the window, items with buttons, task cards."""

from __future__ import annotations

import datetime as dt

from bot.callback_data import PLAIN, DigestAction
from bot.desk_render import desk_buttons, note_text, office_lines, when
from bot.plan_text import short
from bot.replies import Button, Reply, Span
from knowledge.digest.engine import SOON_DAYS, URGENCIES, Digest, DigestEngine, DueItem
from knowledge.digest.workdays import DaysLeft
from knowledge.models import Task

WEEKDAYS_CN = "一二三四五六日"
_MARKS = {"overdue": "🔴", "soon": "🟡", "window": "🟢"}


def weekday_cn(day: dt.date) -> str:
    """周一 … 周日 for a date."""
    return "周" + WEEKDAYS_CN[day.weekday()]


def describe_left(left: DaysLeft) -> str:
    """“还剩 5 天（3 个工作日）”, “今天到期” or “已逾期 12 天（9 个工作日）”."""
    if left.calendar == 0:
        return "今天到期"
    if left.calendar < 0:
        return f"已逾期 {-left.calendar} 天（{-left.working} 个工作日）"
    return f"还剩 {left.calendar} 天（{left.working} 个工作日）"


_GROUP_TITLES = {"overdue": "已逾期", "soon": "{soon} 天内到期", "window": "{after}–{window} 天到期"}


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_item(engine: DigestEngine, reply: Reply, number: int, item: DueItem) -> None:
    """Append one digest item: title, due date and days left, source and responsible units."""
    task = item.task
    reply.line(f"{number}. ", Span(_short(task.title), "bold"))
    due = f"   截止 {item.due.isoformat()}（{weekday_cn(item.due)}）· {describe_left(item.left)}"
    if item.recurring:
        due += f" · {item.recurring}（本期）"
    reply.line(due)
    reply.line(Span("   来源：" + engine.source_of(task), "italic"))
    if task.units:
        reply.line("   责任单位：" + "、".join(task.units))
    office = engine.office.get(task.id)
    if office is not None and office.latest is not None:
        if office.extension is not None:
            original = engine.tasks[task.id].deadline if task.id in engine.tasks else None
            reply.line(f"   已批准延期（原定 {original.isoformat() if original else '未写明'}）")
        latest = office.latest
        reply.line(f"   进展：{short(note_text(latest), 50)}（{latest.by}，{when(latest.at)[5:10]}）")


def item_buttons(task_id: str, number: int) -> list[Button]:
    """The 已完成 / 推迟一周 / 详情 buttons of one item (none if the id is too long for callback data)."""
    try:
        return [Button(f"✅{number} 已完成", PLAIN.encode(DigestAction("done", (task_id,)))),
                Button(f"⏰{number} 推迟一周", PLAIN.encode(DigestAction("snz", (task_id,)))),
                Button(f"📄{number} 详情", PLAIN.encode(DigestAction("card", (task_id,))))]
    except ValueError:
        return []


def render_digest(engine: DigestEngine, digest: Digest, heading: str = "截止任务提醒",
                  buttons: bool = True, more_hint: str = "", period: str | None = None,
                  empty: str | None = None) -> Reply:
    """The digest as a Reply: a heading, then each non-empty group with its items and buttons.

    `period` is what the 范围 line says of the dates (default "未来 N 天"; "" says nothing, as for
    overdue tasks); an empty digest is one short line (`empty` says what is missing, default
    "N 天内没有到期或逾期的任务").
    """
    reply = Reply()
    scope = digest.filters.describe()
    if digest.is_empty:
        missing = empty if empty is not None else f"{digest.window} 天内没有到期或逾期的任务"
        return reply.line(f"📋 {digest.today.isoformat()}：{scope}，{missing}。")
    reply.title(f"📋 {heading} · {digest.today.isoformat()}（{weekday_cn(digest.today)}）")
    period = f"未来 {digest.window} 天" if period is None else period
    reply.line(" · ".join(["范围：" + scope, *([period] if period else []), f"共 {digest.total} 项"]))
    number = 0
    for group in URGENCIES:
        total = digest.totals.get(group, 0)
        if not total:
            continue
        soon = min(SOON_DAYS, digest.window)
        name = _GROUP_TITLES[group].format(soon=soon, after=soon + 1, window=digest.window)
        reply.blank()
        reply.line(Span(f"{_MARKS[group]} {name} {total} 项", "bold"))
        for item in digest.groups[group]:
            number += 1
            render_item(engine, reply, number, item)
            if buttons:
                reply.row(*item_buttons(item.task.id, number))
        hidden = total - len(digest.groups[group])
        if hidden > 0:
            reply.line(f"   ……另有 {hidden} 项未列出{more_hint}")
    return reply


def render_task_card(engine: DigestEngine, task: Task, today: dt.date) -> Reply:
    """The full card of one task: title, text, deadline and days left, recurrence, units, source."""
    reply = Reply().title(f"📄 {task.number + ' ' if task.number else ''}{task.title}")
    if task.text and task.text != task.title:
        reply.quote(task.text)
    item = engine.due_of(task, today)
    if item is not None:
        line = f"截止：{item.due.isoformat()}（{weekday_cn(item.due)}）· {describe_left(item.left)}"
        if item.recurring:
            line += f" · {item.recurring}（本期）"
        reply.line(line)
    elif task.deadline_kind == "ongoing":
        reply.line("截止：长期坚持")
    else:
        reply.line("截止：未写明")
    if task.deadline_text:
        reply.line(f"原文时限：{task.deadline_text}")
    if task.units:
        reply.line("责任单位：" + "、".join(task.units))
    reply.source(engine.source_of(task))
    office_lines(reply, task, engine.office.get(task.id))
    reply.row(*desk_buttons(PLAIN, task))
    return reply
