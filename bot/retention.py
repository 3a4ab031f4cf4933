"""Retention: what the database keeps, and for how long (settings; run daily by jobs.retention).

- drafts never published or cancelled expire after `draft_ttl_hours` (default 24 h), and the source
  files only they used are deleted with them;
- query_log after `query_log_days`, access_refusals after `access_refusals_days`, finished digest_log
  rows after `digest_log_days`, audit_log after `audit_log_days` (kept longest: 2 years by default);
- parse-cache rows made by older code (another builder fingerprint) after a week;
- the stored messages of a finished digest once it is two days old.
Published versions and their sources are never pruned (rollback needs them).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import delete, func, inspect, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from bot.storage import admin as admin_store
from bot.storage import chat as chat_store
from bot.storage import digests as digest_store
from bot.storage.base import retry_on_busy
from bot.version_sources import builder_fingerprint

log = logging.getLogger(__name__)


def prune(sessions: sessionmaker[Session], settings: Settings, now: dt.datetime | None = None) -> dict[str, int]:
    """Expire old drafts and delete old log rows; {what: how many} (each step its own transaction)."""
    now = now or admin_store.utcnow()
    done: dict[str, int] = {}

    def step(name: str, work) -> None:  # type: ignore[no-untyped-def]
        def run() -> int:
            with sessions.begin() as session:
                return int(work(session) or 0)

        done[name] = retry_on_busy(run)

    def drafts(session: Session) -> int:
        cutoff = now - dt.timedelta(hours=settings.draft_ttl_hours)
        expired = session.execute(update(admin_store.KbDraft).where(
            admin_store.KbDraft.status == "open", admin_store.KbDraft.created_at < cutoff).values(status="expired"))
        session.flush()
        dropped = admin_store.drop_orphan_sources(session)
        done["sources"] = dropped
        return expired.rowcount  # type: ignore[attr-defined,no-any-return]

    def older(table, column, days: float, *extra) -> object:  # type: ignore[no-untyped-def]
        return lambda session: session.execute(
            delete(table).where(column < now - dt.timedelta(days=days), *extra)).rowcount

    step("drafts", drafts)
    step("query_log", older(chat_store.QueryLog, chat_store.QueryLog.created_at, settings.query_log_days))
    step("access_refusals", older(admin_store.AccessRefusal, admin_store.AccessRefusal.last_at,
                                  settings.access_refusals_days))
    step("digest_log", older(digest_store.DigestLog, digest_store.DigestLog.created_at, settings.digest_log_days,
                             digest_store.DigestLog.status.in_(digest_store.FINAL)))
    step("audit_log", older(admin_store.AuditEntry, admin_store.AuditEntry.created_at, settings.audit_log_days))
    step("parse_cache", older(admin_store.KbParseCache, admin_store.KbParseCache.created_at, 7,
                              admin_store.KbParseCache.fingerprint != builder_fingerprint()))
    step("digest_parts", lambda session: session.execute(update(digest_store.DigestLog).where(
        digest_store.DigestLog.status.in_(digest_store.FINAL), digest_store.DigestLog.parts.is_not(None),
        digest_store.DigestLog.created_at < now - dt.timedelta(days=2)).values(parts=None)).rowcount)
    pruned = {k: v for k, v in done.items() if v}
    if pruned:
        with sessions.begin() as session:
            admin_store.audit(session, None, "系统", "retention", "定期清理", "ok",
                              "，".join(f"{k} {v}" for k, v in pruned.items()))
        log.info("retention: %s", pruned)
    return done


def database_size(session: Session) -> tuple[int, int] | None:
    """(bytes the database takes, bytes free inside it that VACUUM would return), if the backend tells."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        pages = session.execute(text("PRAGMA page_count")).scalar() or 0
        size = session.execute(text("PRAGMA page_size")).scalar() or 0
        free = session.execute(text("PRAGMA freelist_count")).scalar() or 0
        return int(pages) * int(size), int(free) * int(size)
    if dialect == "postgresql":
        tables = [t.name for t in admin_store.Base.metadata.sorted_tables]
        total = session.execute(text("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                                     "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                     "WHERE c.relname = ANY(:names) AND n.nspname = current_schema()"),
                                {"names": tables}).scalar()
        return int(total or 0), 0
    return None


def size_text(n: int) -> str:
    """Bytes as 12.3 MB / 456 KB."""
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n / 1024:.0f} KB"


def storage_lines(session: Session) -> list[tuple[str, str]]:
    """The /stats lines about storage: database size, and the rows that grow with use."""
    lines = []
    size = database_size(session)
    if size is not None:
        used, free = size
        lines.append(("数据库大小", size_text(used) + (f"（其中可回收 {size_text(free)}）" if free else "")))
    present = set(inspect(session.get_bind()).get_table_names())
    parts = []
    if admin_store.KbDraft.__tablename__ in present:
        drafts = session.scalar(select(func.count()).where(admin_store.KbDraft.status == "open")) or 0
        parts.append(f"未发布草稿 {drafts} 个")
    counts = {"查询记录": chat_store.QueryLog, "操作记录": admin_store.AuditEntry, "周报记录": digest_store.DigestLog}
    parts += [f"{label} {session.scalar(select(func.count()).select_from(table)) or 0} 条"
              for label, table in counts.items() if table.__tablename__ in present]
    if parts:
        lines.append(("存储", "，".join(parts)))
    return lines
