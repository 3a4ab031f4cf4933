"""Supervision-desk tables: the office's progress notes on tasks, and a user's progress report in the making.

Notes are the office's, not a chat's: keyed by the document file and the task's stable key
(`knowledge.desk.office.task_keys`), so they survive rebuilds and are the same in every chat.
A report in the making (`desk_pending`) lives here rather than in a process, so the text that
completes it may reach any worker, before or after a restart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.storage.base import Base, UTCDateTime, utcnow
from knowledge.desk.office import Note


class TaskNote(Base):
    """One note of the office on a task: progress, completion, reopening, or an extension request."""

    __tablename__ = "desk_notes"
    __table_args__ = (Index("ix_desk_notes_task", "doc", "task_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc: Mapped[str] = mapped_column(String(255))  # the document's file
    task_key: Mapped[str] = mapped_column(String(255))
    task_title: Mapped[str] = mapped_column(Text, default="")  # as it was when the note was written
    kind: Mapped[str] = mapped_column(String(16))  # note | done | reopen | extension
    text: Mapped[str] = mapped_column(Text, default="")
    new_deadline: Mapped[dt.date | None] = mapped_column(Date)  # extension: the date asked for
    status: Mapped[str | None] = mapped_column(String(16))  # extension: pending | approved | rejected
    decided_by: Mapped[int | None] = mapped_column(BigInteger)
    decided_name: Mapped[str | None] = mapped_column(String(256))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    user_name: Mapped[str | None] = mapped_column(String(256))
    chat_id: Mapped[int | None] = mapped_column(BigInteger)  # where it was written (told of the decision)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)

    def as_note(self) -> Note:
        """The domain's view of this row."""
        return Note(self.id, self.kind, self.text, self.user_name or str(self.user_id or ""), self.created_at,
                    self.new_deadline, self.status, self.decided_name, self.decided_at)


class PendingInput(Base):
    """A progress report one user started in one chat: the next text they send there completes it."""

    __tablename__ = "desk_pending"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    doc: Mapped[str] = mapped_column(String(255))
    task_key: Mapped[str] = mapped_column(String(255))
    task_id: Mapped[str] = mapped_column(String(128))  # in the version it was started on (for display)
    mode: Mapped[str] = mapped_column(String(16))  # note | done | extension
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


def all_notes(session: Session) -> dict[tuple[str, str], list[Note]]:
    """Every note, grouped by (document, task key), oldest first."""
    grouped: dict[tuple[str, str], list[Note]] = defaultdict(list)
    for row in session.scalars(select(TaskNote).order_by(TaskNote.id)):
        grouped[(row.doc, row.task_key)].append(row.as_note())
    return dict(grouped)


def task_notes(session: Session, doc: str, task_key: str) -> list[TaskNote]:
    """One task's notes, oldest first."""
    return list(session.scalars(select(TaskNote).where(TaskNote.doc == doc, TaskNote.task_key == task_key)
                                .order_by(TaskNote.id)))


def latest_note_id(session: Session) -> int:
    """The id of the newest note (0 when none): a cheap sign that the office's view changed."""
    return int(session.scalar(select(TaskNote.id).order_by(TaskNote.id.desc()).limit(1)) or 0)


def pending(session: Session, chat_id: int, user_id: int) -> PendingInput | None:
    """The report a user is writing in a chat, if any (expired ones included: the caller decides)."""
    return session.get(PendingInput, (chat_id, user_id))


def drop_pending(session: Session, chat_id: int, user_id: int) -> bool:
    """Forget a report in the making; True when there was one."""
    result = session.execute(delete(PendingInput).where(PendingInput.chat_id == chat_id,
                                                        PendingInput.user_id == user_id))
    return bool(getattr(result, "rowcount", 0))


def drop_expired(session: Session, now: dt.datetime) -> int:
    """Forget every report in the making whose time ran out; returns how many."""
    result = session.execute(delete(PendingInput).where(PendingInput.expires_at < now))
    return int(getattr(result, "rowcount", 0) or 0)
