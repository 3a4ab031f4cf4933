"""Admin tables: knowledge-base versions and their source files, drafts, admins, access list, aliases, audit log."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import BigInteger, Integer, LargeBinary, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.storage.base import Base, UTCDateTime, utcnow


class KbSource(Base):
    """A plan file's bytes, stored once per content (sha256), so any worker can rebuild any version."""

    __tablename__ = "kb_sources"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class KbParseCache(Base):
    """The parsed knowledge base of one source under one builder fingerprint (saves re-parsing)."""

    __tablename__ = "kb_parse_cache"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    kb_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class KbVersion(Base):
    """A published knowledge base: number, author, time, note, and the sources it is built from.

    The highest number is the live version; workers poll it to know when to reload.
    """

    __tablename__ = "kb_versions"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    action: Mapped[str] = mapped_column(String(16))  # initial | upload | reload | rollback | remove | import
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    author_name: Mapped[str | None] = mapped_column(String(256))
    note: Mapped[str] = mapped_column(Text, default="")
    sources_json: Mapped[str] = mapped_column(Text)  # [{"name", "sha256", "origin"}]
    summary: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def sources(self) -> list[dict[str, str]]:
        """The source references of this version."""
        return list(json.loads(self.sources_json))


class KbDraft(Base):
    """An unpublished candidate version: parsed and reported, waiting for 发布 or 取消."""

    __tablename__ = "kb_drafts"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    base_version: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(BigInteger)
    author_name: Mapped[str | None] = mapped_column(String(256))
    note: Mapped[str] = mapped_column(Text, default="")
    sources_json: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | published | cancelled | expired
    # Why publishing needs a second confirmation (no documents, more than half removed), or None.
    guard: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def sources(self) -> list[dict[str, str]]:
        """The source references of this draft."""
        return list(json.loads(self.sources_json))


class AdminUser(Base):
    """An admin added at run time with /admin add (admins from settings are not stored)."""

    __tablename__ = "admin_users"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AccessEntry(Base):
    """A user or chat id allowed to use the bot in allowlist mode."""

    __tablename__ = "access_list"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AccessRefusal(Base):
    """A user or chat that was refused: refused politely once, then silently (count kept)."""

    __tablename__ = "access_refusals"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    count: Mapped[int] = mapped_column(Integer, default=1)
    first_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Alias(Base):
    """An abbreviation added by an admin (规上 → 规模以上), on top of the shipped lexicon."""

    __tablename__ = "aliases"

    abbr: Mapped[str] = mapped_column(String(64), primary_key=True)
    full: Mapped[str] = mapped_column(String(256))
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditEntry(Base):
    """One admin action: who, when, what, and the result."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int | None] = mapped_column(BigInteger)
    actor_name: Mapped[str | None] = mapped_column(String(256))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(16))  # ok | refused | rejected | error | cancelled
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


# --- queries -------------------------------------------------------------------------------------

def latest_version_number(session: Session) -> int:
    """The live version's number (0 when nothing was published): the cheap poll for other workers."""
    return int(session.scalar(select(func.max(KbVersion.number))) or 0)


def latest_version(session: Session) -> KbVersion | None:
    """The live version row, if any."""
    return session.scalars(select(KbVersion).order_by(KbVersion.number.desc()).limit(1)).first()


def list_versions(session: Session, limit: int = 20) -> list[KbVersion]:
    """The most recent versions, newest first."""
    return list(session.scalars(select(KbVersion).order_by(KbVersion.number.desc()).limit(limit)))


def store_source(session: Session, data: bytes, sha256: str) -> None:
    """Store a source's bytes unless the same content is already stored."""
    if session.get(KbSource, sha256) is None:
        session.add(KbSource(sha256=sha256, size=len(data), data=data))


def source_bytes(session: Session, sha256: str) -> bytes | None:
    """The stored bytes of a source, if present."""
    row = session.get(KbSource, sha256)
    return None if row is None else bytes(row.data)


def drop_orphan_sources(session: Session) -> int:
    """Delete sources no version and no open draft refers to; return how many were deleted."""
    used: set[str] = set()
    for text in session.scalars(select(KbVersion.sources_json)):
        used |= {s["sha256"] for s in json.loads(text)}
    for text in session.scalars(select(KbDraft.sources_json).where(KbDraft.status == "open")):
        used |= {s["sha256"] for s in json.loads(text)}
    orphans = [sha for sha in session.scalars(select(KbSource.sha256)) if sha not in used]
    if orphans:
        session.execute(delete(KbSource).where(KbSource.sha256.in_(orphans)))
        session.execute(delete(KbParseCache).where(KbParseCache.sha256.in_(orphans)))
    return len(orphans)


def audit(session: Session, actor_id: int | None, actor_name: str | None, action: str,
          detail: str, result: str, message: str = "") -> AuditEntry:
    """Append one line to the audit log."""
    entry = AuditEntry(actor_id=actor_id, actor_name=actor_name, action=action, detail=detail[:2000],
                       result=result, message=message[:2000])
    session.add(entry)
    return entry


def recent_audit(session: Session, limit: int = 20) -> list[AuditEntry]:
    """The latest audit entries, newest first."""
    return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
