"""Retention: drafts expire after their lifetime (with the sources only they used), logs are pruned by
age (the audit log kept longest), published versions are never touched; /stats shows the database size."""

from __future__ import annotations

import asyncio
import datetime as dt

from sqlalchemy import func, select, update

from bot.retention import prune
from bot.storage import admin as admin_store
from bot.storage import chat as chat_store
from bot.storage import digests as digest_store
from tests.admin.helpers import ADMIN

NOW = admin_store.utcnow()


def _count(sessions, table, *where) -> int:  # type: ignore[no-untyped-def]
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table).where(*where)) or 0


def _age(sessions, table, column, days: float) -> None:  # type: ignore[no-untyped-def]
    with sessions.begin() as session:
        session.execute(update(table).values({column: NOW - dt.timedelta(days=days)}))


def test_old_drafts_expire_with_their_sources(world, plans_dir) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    path = sorted(plans_dir.iterdir())[-1]
    path.write_text(path.read_text(encoding="utf-8") + "\n新增一行。\n", encoding="utf-8")
    asyncio.run(service.prepare_reload(ADMIN))
    sessions = versions.sessions
    assert _count(sessions, admin_store.KbSource) == 6
    assert prune(sessions, service.settings)["drafts"] == 0  # young: kept
    _age(sessions, admin_store.KbDraft, "created_at", 2)
    done = prune(sessions, service.settings)
    assert done["drafts"] == 1 and done["sources"] == 1
    assert _count(sessions, admin_store.KbDraft, admin_store.KbDraft.status == "expired") == 1
    assert _count(sessions, admin_store.KbSource) == 5 and versions.db_version() == 1  # the version's stay


def test_logs_pruned_by_age_audit_kept_longest(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    sessions = versions.sessions
    with sessions.begin() as session:
        session.add(chat_store.QueryLog(query="旧问题", found=False, hits=0))
        session.add(admin_store.AccessRefusal(id=42, count=1))
        admin_store.audit(session, 1, "a", "alias", "x", "ok")
        sub = digest_store.Subscription(chat_id=1, weekday=0, send_time=dt.time(9), window_days=14, quiet=False,
                                        send_empty=True, paused=False)
        session.add(sub)
        session.flush()
        session.add(digest_store.DigestLog(subscription_id=sub.id, period="2020-01-06", status="sent", attempts=1))
        session.add(digest_store.DigestLog(subscription_id=sub.id, period="2020-01-13", status="retry", attempts=1))
    for table, column in ((chat_store.QueryLog, "created_at"), (admin_store.AccessRefusal, "last_at"),
                          (admin_store.AuditEntry, "created_at"), (digest_store.DigestLog, "created_at")):
        _age(sessions, table, column, 400)
    done = prune(sessions, service.settings)
    assert done["query_log"] == 1 and done["access_refusals"] == 1 and done["digest_log"] == 1
    assert done["audit_log"] == 0  # 400 days: still kept (730 by default)
    assert _count(sessions, digest_store.DigestLog) == 1  # an unfinished row is not pruned
    _age(sessions, admin_store.AuditEntry, "created_at", 800)
    assert prune(sessions, service.settings)["audit_log"] >= 1


def test_stats_shows_the_database_size(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    text = service.stats(ADMIN).plain_text()
    assert "数据库大小：" in text and ("MB" in text or "KB" in text) and "未发布草稿 0 个" in text


def test_database_size_on_postgres(pg_url: str) -> None:
    from bot.retention import database_size, storage_lines
    from bot.storage import make_engine, make_sessionmaker

    engine = make_engine(pg_url)
    try:
        with make_sessionmaker(engine)() as session:
            size = database_size(session)
            assert size is not None and size[0] > 0
            assert storage_lines(session)[0][0] == "数据库大小"
    finally:
        engine.dispose()
