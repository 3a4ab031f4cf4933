"""How a subscription looks in the chat: its one-line description and its settings with buttons."""

from __future__ import annotations

import datetime as dt

from bot.callback_data import PLAIN, DigestAction
from bot.replies import Button, Reply
from bot.storage import digests as store
from knowledge.digest.engine import DigestFilters
from knowledge.digest.schedule import WEEKDAY_NAMES, next_delivery

TIME_CHOICES = ("08:00", "09:00", "10:00", "14:00", "17:00")
WINDOW_CHOICES = (7, 14, 30, 60)


def filters_of(sub: store.Subscription) -> DigestFilters:
    """The digest filters stored on a subscription."""
    return DigestFilters(tuple(sub.keyword_list), sub.doc, sub.unit)


def describe(sub: store.Subscription) -> str:
    """One line: number, filters, weekday and time, window, and the flags that are set."""
    parts = [f"#{sub.id} {filters_of(sub).describe()}",
             f"{WEEKDAY_NAMES[sub.weekday]} {sub.send_time.strftime('%H:%M')}",
             f"提前 {sub.window_days} 天"]
    if sub.quiet:
        parts.append("静音")
    if not sub.send_empty:
        parts.append("无任务不发")
    if sub.ledger:
        parts.append("附台账")
    if sub.paused:
        parts.append("已暂停" + (f"（{sub.pause_reason}）" if sub.pause_reason else ""))
    return " · ".join(parts)

def next_push(sub: store.Subscription, now: dt.datetime) -> str:
    """When the next digest goes out: "2024-12-23（周一）09:00"."""
    moment = next_delivery(sub.weekday, sub.send_time, now)
    return f"{moment.date().isoformat()}（{WEEKDAY_NAMES[moment.weekday()]}）{moment.strftime('%H:%M')}"

def settings_reply(sub: store.Subscription, now: dt.datetime, header: str = "") -> Reply:
    """A subscription's summary with buttons to change each setting."""
    reply = Reply(replace=True)
    if header:
        reply.title(header)
    reply.line(describe(sub))
    if not sub.paused:
        reply.line(f"下次推送：{next_push(sub, now)}")
    sid = str(sub.id)

    def data(action: str, *args: object) -> str:
        return PLAIN.encode(DigestAction(action, tuple(str(a) for a in args)))

    reply.row(*[Button(("✔" if sub.weekday == i else "") + name, data("wd", sid, i))
                for i, name in enumerate(WEEKDAY_NAMES[:4])])
    reply.row(*[Button(("✔" if sub.weekday == i else "") + name, data("wd", sid, i))
                for i, name in enumerate(WEEKDAY_NAMES[4:], start=4)])
    current = sub.send_time.strftime("%H:%M")
    reply.row(*[Button(("✔" if current == t else "") + t, data("tm", sid, t.replace(":", "")))
                for t in TIME_CHOICES])
    reply.row(*[Button(("✔" if sub.window_days == w else "") + f"{w}天", data("win", sid, w))
                for w in WINDOW_CHOICES])
    reply.row(Button("🔔 取消静音" if sub.quiet else "🔕 静音", data("q", sid)),
              Button("空周报：不发" if not sub.send_empty else "空周报：发一行", data("e", sid)),
              Button("▶️ 恢复" if sub.paused else "⏸ 暂停", data("p", sid)))
    reply.row(Button("📎 附台账：开" if sub.ledger else "📎 附台账：关", data("lg", sid)))
    reply.row(Button("👀 预览", data("pv", sid)), Button("🗑 退订", data("rm", sid)),
              Button("↩️ 全部订阅", data("ls")))
    return reply
