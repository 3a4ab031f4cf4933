"""Digest tables: subscriptions, task marks (done / snoozed) and the delivery log (one row per period)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.storage.base import Base, UTCDateTime, utcnow

# Weekdays are stored as Python's date.weekday(): 0 = Monday … 6 = Sunday.
# (PTB's run_daily counts 0 = Sunday; nothing here uses run_daily, see jobs/scheduler.py.)
MONDAY = 0
DEFAULT_TIME = dt.time(9, 0)
DEFAULT_WINDOW = 14

# digest_log.status values: claimed and being sent; delivered; refused for good (blocked, bad request);
# empty and not wanted; waiting for its next attempt (next_at); given up (its period was superseded,
# or its late window passed). See bot.storage.delivery_log.
PENDING, SENT, FAILED, SKIPPED, RETRY, EXPIRED = "pending", "sent", "failed", "skipped", "retry", "expired"
FINAL = (SENT, SKIPPED, FAILED, EXPIRED)
DONE, SNOOZED = "done", "snoozed"


class Subscription(Base):
    """A weekly digest for one chat (a user's private chat or a group), with its filters."""

    __tablename__ = "digest_subscriptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)  # who subscribed
    keywords: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings
    doc: Mapped[str | None] = mapped_column(String(256))
    unit: Mapped[str | None] = mapped_column(String(256))
    weekday: Mapped[int] = mapped_column(Integer, default=MONDAY)  # 0 = Monday … 6 = Sunday
    send_time: Mapped[dt.time] = mapped_column(Time, default=DEFAULT_TIME)  # local time (settings.timezone)
    window_days: Mapped[int] = mapped_column(Integer, default=DEFAULT_WINDOW)
    quiet: Mapped[bool] = mapped_column(Boolean, default=False)  # disable_notification
    send_empty: Mapped[bool] = mapped_column(Boolean, default=True)  # one short line when nothing is due
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    ledger: Mapped[bool] = mapped_column(Boolean, default=False)  # attach the ledger (.xlsx) to the digest
    pause_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    @property
    def keyword_list(self) -> list[str]:
        """The keywords as a list."""
        return list(json.loads(self.keywords or "[]"))

    @keyword_list.setter
    def keyword_list(self, values: list[str]) -> None:
        self.keywords = json.dumps(list(values), ensure_ascii=False)


class TaskMark(Base):
    """A task marked done (hidden for good) or snoozed (hidden until a date) in one chat."""

    __tablename__ = "digest_task_marks"
    __table_args__ = (UniqueConstraint("chat_id", "task_id", name="uq_digest_task_marks_chat_task"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    task_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))  # done | snoozed
    until: Mapped[dt.date | None] = mapped_column(Date)  # snoozed: hidden before this day
    marked_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class DigestLog(Base):
    """One scheduled digest (subscription, period): claimed (pending) before anything is sent, its
    messages recorded one by one, then sent, skipped, failed, waiting to retry, or expired."""

    __tablename__ = "digest_log"
    __table_args__ = (UniqueConstraint("subscription_id", "period", name="uq_digest_log_subscription_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("digest_subscriptions.id", ondelete="CASCADE"), index=True)
    period: Mapped[str] = mapped_column(String(16))  # ISO date of the scheduled (nominal) day
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    message_ids: Mapped[str | None] = mapped_column(Text)  # JSON list
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    next_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # a RETRY row: not before this
    deadline: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # retried until this moment
    late: Mapped[bool] = mapped_column(Boolean, default=False)  # sent after its day, marked as late
    parts: Mapped[str | None] = mapped_column(Text)  # the rendered messages (JSON), fixed at first send
    parts_sent: Mapped[int] = mapped_column(Integer, default=0)  # messages confirmed by Telegram
    inflight: Mapped[int | None] = mapped_column(Integer)  # the message being sent right now
    resend_part: Mapped[int | None] = mapped_column(Integer)  # sent again with "（如已收到请忽略）"
    uncertain: Mapped[int] = mapped_column(Integer, default=0)  # sends whose outcome is unknown


# --- subscriptions ---------------------------------------------------------------------------

def chat_subscriptions(session: Session, chat_id: int) -> list[Subscription]:
    """A chat's subscriptions, oldest first."""
    return list(session.scalars(select(Subscription).where(Subscription.chat_id == chat_id)
                                .order_by(Subscription.id)))


def active_subscriptions(session: Session, weekdays: list[int] | None = None) -> list[Subscription]:
    """Every subscription that is not paused (only those scheduled on `weekdays`, if given)."""
    query = select(Subscription).where(Subscription.paused.is_(False))
    if weekdays is not None:
        query = query.where(Subscription.weekday.in_(weekdays))
    return list(session.scalars(query.order_by(Subscription.id)))


def same_filters(session: Session, chat_id: int, keywords: list[str], doc: str | None,
                 unit: str | None) -> Subscription | None:
    """The chat's subscription with exactly these filters, if any (re-subscribing updates it)."""
    for sub in chat_subscriptions(session, chat_id):
        if sorted(sub.keyword_list) == sorted(keywords) and sub.doc == doc and sub.unit == unit:
            return sub
    return None


def pause(session: Session, subscription_id: int, reason: str) -> None:
    """Pause a subscription (e.g. the bot was blocked) and keep the reason."""
    session.execute(update(Subscription).where(Subscription.id == subscription_id)
                    .values(paused=True, pause_reason=reason, updated_at=utcnow()))


def delete_subscription(session: Session, subscription: Subscription) -> None:
    """Remove a subscription and its log rows."""
    session.execute(delete(DigestLog).where(DigestLog.subscription_id == subscription.id))
    session.delete(subscription)


# --- task marks --------------------------------------------------------------------------------

def set_mark(session: Session, chat_id: int, task_id: str, status: str, until: dt.date | None,
             user_id: int | None) -> TaskMark:
    """Mark a task done or snoozed (until a day) in a chat; a later mark replaces an earlier one."""
    mark = session.scalar(select(TaskMark).where(TaskMark.chat_id == chat_id, TaskMark.task_id == task_id))
    if mark is None:
        mark = TaskMark(chat_id=chat_id, task_id=task_id)
        session.add(mark)
    mark.status, mark.until, mark.marked_by = status, until, user_id
    return mark


def hidden_tasks(session: Session, chat_ids: list[int], today: dt.date) -> dict[int, set[str]]:
    """Per chat, the task ids done or still snoozed on `today` (excluded from digests)."""
    hidden: dict[int, set[str]] = {c: set() for c in chat_ids}
    if not chat_ids:
        return hidden
    # In chunks: old SQLite builds allow at most 999 bound parameters per statement.
    for start in range(0, len(chat_ids), 500):
        rows = session.execute(select(TaskMark.chat_id, TaskMark.task_id, TaskMark.status, TaskMark.until)
                               .where(TaskMark.chat_id.in_(chat_ids[start:start + 500])))
        for chat_id, task_id, status, until in rows:
            if status == DONE or (status == SNOOZED and until is not None and until > today):
                hidden[chat_id].add(task_id)
    return hidden
