"""An RFC 5545 calendar (.ics) of task deadlines: all-day events, escaped and folded text."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from knowledge.digest.engine import DueItem

CRLF = "\r\n"
MAX_OCTETS = 75  # RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets without cutting a UTF-8 character (continuations start with a space)."""
    out: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # the leading space takes one octet
        current += ch
        size += width
    out.append(current)
    return (CRLF + " ").join(out)


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def uid_for(task_id: str, doc: str) -> str:
    """A stable, globally unique UID: the same task gets the same UID in every export."""
    digest = hashlib.sha1(f"{doc}\x00{task_id}".encode()).hexdigest()[:12]
    return f"{task_id}-{digest}@planbot"


def calendar_ics(items: Iterable[DueItem], sources: dict[str, str], stamp: dt.datetime,
                 name: str = "规划任务截止日期") -> bytes:
    """The .ics bytes: one all-day VEVENT per item on its due date (`sources`: task id → source text)."""
    stamp_utc = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//PlanBot//规划助手//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:" + escape_text(name),
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for item in items:
        task = item.task
        details = [task.text or task.title]
        if task.deadline_text:
            details.append(f"原文时限：{task.deadline_text}")
        if item.recurring:
            details.append(f"周期：{item.recurring}（此为下次到期日）")
        if task.units:
            details.append("责任单位：" + "、".join(task.units))
        if task.id in sources:
            details.append("来源：" + sources[task.id])
        lines += [
            "BEGIN:VEVENT",
            "UID:" + uid_for(task.id, task.doc),
            "DTSTAMP:" + stamp_utc.strftime("%Y%m%dT%H%M%SZ"),
            "DTSTART;VALUE=DATE:" + _date(item.due),
            # DTEND is exclusive: an all-day event on the due date ends the next day.
            "DTEND;VALUE=DATE:" + _date(item.due + dt.timedelta(days=1)),
            "SUMMARY:" + escape_text(f"截止：{task.title}"),
            "DESCRIPTION:" + escape_text("\n".join(details)),
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")
