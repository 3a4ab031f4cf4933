"""Usage insight for admins: /stats and /gaps, read from other helpers' tables (absent tables tolerated)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from sqlalchemy import Table, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.schema import MetaData

from bot.replies import Reply, Span

# Digest outcome values that count as a failure, whatever the digests table calls its column.
_FAILED = ("failed", "error", "fail", "blocked", "expired")


def _table(session: Session, name: str) -> Table | None:
    """The reflected table `name`, or None when it does not exist (its migration not applied)."""
    bind = session.get_bind()
    if not inspect(bind).has_table(name):
        return None
    return Table(name, MetaData(), autoload_with=bind)


def _first(session: Session, *names: str) -> Table | None:
    """The first of these tables that exists."""
    for name in names:
        table = _table(session, name)
        if table is not None:
            return table
    return None


def _since(days: int) -> dt.datetime:
    """UTC time `days` days ago."""
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=days)


def _aware(value: dt.datetime | str) -> dt.datetime:
    """A stored timestamp as an aware UTC datetime (SQLite may give naive values or strings)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def stats_reply(sessions: sessionmaker[Session], tz: ZoneInfo, days: int, live_version: int) -> Reply:
    """Users, queries per day, top queries, subscriptions, digests sent/failed, live version."""
    reply = Reply().title(f"使用统计（最近 {days} 天）")
    reply.field("知识库版本", str(live_version))
    with sessions() as session:
        users = _table(session, "users")
        if users is not None:
            total = session.scalar(select(func.count()).select_from(users)) or 0
            line = f"{total} 人"
            if "last_seen" in users.c:
                active = session.scalar(select(func.count()).select_from(users)
                                        .where(users.c.last_seen >= _since(days))) or 0
                line += f"（近 {days} 天活跃 {active} 人）"
            reply.field("用户", line)
        log = _table(session, "query_log")
        if log is None:
            reply.field("查询", "暂无记录")
        else:
            rows = session.execute(select(log.c.query, log.c.created_at, log.c.found)
                                   .where(log.c.created_at >= _since(days))).all()
            found = sum(1 for r in rows if r.found)
            reply.field("查询", f"{len(rows)} 次，找到答案 {found} 次，未找到 {len(rows) - found} 次")
            per_day = Counter(_aware(r.created_at).astimezone(tz).date() for r in rows)
            if per_day:
                reply.line(Span("每日查询：", "bold"))
                for day in sorted(per_day, reverse=True):
                    reply.line(f"  {day.strftime('%m-%d')}  {per_day[day]}")
            top = Counter(" ".join(r.query.split()) for r in rows).most_common(10)
            if top:
                reply.line(Span("热门查询：", "bold"))
                for query, n in top:
                    reply.line(f"  {n}×  {query[:40]}")
        subs = _first(session, "subscriptions", "digest_subscriptions", "subscribers")
        if subs is not None:
            total_subs = session.scalar(select(func.count()).select_from(subs)) or 0
            line = f"{total_subs} 个"
            if "paused" in subs.c:
                paused = session.scalar(select(func.count()).select_from(subs)
                                        .where(subs.c.paused.is_(True))) or 0
                line += f"（暂停 {paused} 个）" if paused else ""
            if "chat_id" in subs.c:
                chats = session.scalar(select(func.count(func.distinct(subs.c.chat_id)))) or 0
                line += f"，覆盖 {chats} 个聊天"
            reply.field("订阅", line)
        digests = _first(session, "digest_log", "digests_log", "digest_sends")
        if digests is not None:
            status_col = next((c for c in ("status", "result", "outcome", "state") if c in digests.c), None)
            # created_at, not sent_at: a failed digest has no sent_at but must be counted.
            time_col = next((c for c in ("created_at", "at", "sent_at") if c in digests.c), None)
            q = select(digests.c[status_col] if status_col else func.count())
            if time_col:
                q = q.where(digests.c[time_col] >= _since(days))
            if status_col:
                statuses = Counter(str(v).lower() for v in session.scalars(q))
                failed = sum(n for s, n in statuses.items() if s in _FAILED)
                sent = sum(n for s, n in statuses.items() if s in ("sent", "ok", "delivered", "done"))
                line = f"成功 {sent} 份，失败 {failed} 份"
                if statuses.get("retry") or statuses.get("pending"):
                    line += f"，待重试 {statuses.get('retry', 0) + statuses.get('pending', 0)} 份"
                reply.field("周报推送", line)
            else:
                reply.field("周报推送", f"{session.scalar(q) or 0} 份")
        from bot.retention import storage_lines

        for label, value in storage_lines(session):
            reply.field(label, value)
    return reply


def gaps_reply(sessions: sessionmaker[Session], tz: ZoneInfo, days: int, limit: int = 20) -> Reply:
    """Queries that found nothing in the last `days` days, most frequent first, with last time asked."""
    reply = Reply().title(f"未找到答案的查询（最近 {days} 天）")
    with sessions() as session:
        log = _table(session, "query_log")
        if log is None:
            return reply.line("暂无查询记录。")
        rows = session.execute(select(log.c.query, log.c.created_at)
                               .where(log.c.found.is_(False), log.c.created_at >= _since(days))).all()
    if not rows:
        return reply.line("没有未找到答案的查询。")
    counts: Counter[str] = Counter()
    last: dict[str, dt.datetime] = {}
    for query, at in rows:
        key = " ".join(query.split())
        counts[key] += 1
        at = _aware(at)
        last[key] = max(last.get(key, at), at)
    ranked = sorted(counts, key=lambda q: (-counts[q], -last[q].timestamp()))
    for query in ranked[:limit]:
        when = last[query].astimezone(tz).strftime("%m-%d %H:%M")
        reply.line(f"{counts[query]}×  {query[:40]}  （最近 {when}）")
    if len(ranked) > limit:
        reply.line(f"… 另有 {len(ranked) - limit} 条")
    reply.line("提示：可用 /alias 添加简称，或上传包含相关内容的规划文件。")
    return reply
