"""The digest delivery log: claiming a due digest, recording each message as it goes out, retrying,
giving up — every step a compare-and-set on one digest_log row, so two workers, a restart or a
worker that lost its lock never send the same message twice on their own.

A row is PENDING from its claim until its outcome is written. Before each message the sender writes
which one is in flight (`inflight`); after Telegram confirms it, the message id and `parts_sent`.
So a row found PENDING after its owner died says exactly what was confirmed (never resent) and
which message may or may not have arrived (resent once, marked "（如已收到请忽略）": `resend_part`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.storage.digests import EXPIRED, FINAL, PENDING, RETRY, SENT, DigestLog

CHUNK = 400  # bound parameters per IN (old SQLite builds allow 999)


@dataclass(frozen=True)
class Due:
    """A digest to deliver now: its subscription and period, until when it may be retried, and
    whether it goes out late (its own day has passed: the message says so)."""

    subscription_id: int
    period: str  # ISO date of the scheduled day
    deadline: dt.datetime
    late: bool = False


def states(session: Session, pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], tuple[str, dt.datetime | None]]:
    """(status, next attempt) of the log rows of these (subscription, period) pairs that exist
    (columns only: the digest tick asks this for every subscription every minute)."""
    wanted = set(pairs)
    ids = sorted({sub for sub, _ in wanted})
    periods = sorted({period for _, period in wanted})
    found: dict[tuple[int, str], tuple[str, dt.datetime | None]] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(DigestLog.subscription_id, DigestLog.period, DigestLog.status, DigestLog.next_at).where(
            DigestLog.subscription_id.in_(ids[start:start + CHUNK]), DigestLog.period.in_(periods))
        for sub_id, period, status, next_at in session.execute(query):
            if (sub_id, period) in wanted:
                found[(sub_id, period)] = (status, _aware(next_at))
    return found


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """A timestamp read by a column query (no type processing on every backend) as aware UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)


def rows_for(session: Session, pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], DigestLog]:
    """The log rows of these (subscription, period) pairs that exist."""
    wanted = set(pairs)
    ids = sorted({sub for sub, _ in wanted})
    periods = sorted({period for _, period in wanted})
    found: dict[tuple[int, str], DigestLog] = {}
    for start in range(0, len(ids), CHUNK):
        query = select(DigestLog).where(DigestLog.subscription_id.in_(ids[start:start + CHUNK]),
                                        DigestLog.period.in_(periods))
        for row in session.scalars(query):
            if (row.subscription_id, row.period) in wanted:
                found[(row.subscription_id, row.period)] = row
    return found


def claim(session: Session, due: Due, owner: str, now: dt.datetime, *, orphans: bool,
          lease: dt.timedelta) -> int | None:
    """Claim one due digest; its row id, or None when it is done, held by a live claim, or waiting.

    A new digest is an insert under the unique (subscription, period) key, committed before anything
    is sent. An existing row is taken over with a compare-and-set: one waiting to retry once its
    time has come; one left PENDING when `orphans` (the caller holds the scheduler lock, so no one
    else is sending: its owner is gone) or after `lease` otherwise. A message that was in flight
    when its owner died is marked to be resent once with the note.
    """
    row = DigestLog(subscription_id=due.subscription_id, period=due.period, status=PENDING, attempts=1,
                    claimed_by=owner, claimed_at=now, deadline=due.deadline, late=due.late)
    session.add(row)
    try:
        session.commit()
        return row.id
    except IntegrityError:
        session.rollback()
    existing = session.scalar(select(DigestLog).where(DigestLog.subscription_id == due.subscription_id,
                                                      DigestLog.period == due.period))
    return None if existing is None else _take_over(session, existing, due, owner, now, orphans, lease)


def _take_over(session: Session, row: DigestLog, due: Due, owner: str, now: dt.datetime, orphans: bool,
               lease: dt.timedelta) -> int | None:
    """The compare-and-set that takes an existing row (see `claim`)."""
    if row.status in FINAL:
        return None
    if row.status == PENDING and not orphans and row.claimed_at is not None and now - row.claimed_at < lease:
        return None  # someone may still be sending it
    if row.status == RETRY and row.next_at is not None and row.next_at > now:
        return None
    values: dict[str, object] = {"status": PENDING, "claimed_by": owner, "claimed_at": now,
                                 "attempts": row.attempts + 1, "inflight": None, "next_at": None}
    if row.status == PENDING and row.inflight is not None:  # died mid-send: that message is uncertain
        values.update(resend_part=row.inflight, uncertain=row.uncertain + 1)
    if due.late and not row.late:  # its own day passed unsent: it goes out late, and says so
        values.update(late=True, deadline=due.deadline)
        if row.parts_sent == 0:
            values["parts"] = None  # rendered again, with the late mark
    taken = session.execute(update(DigestLog).where(DigestLog.id == row.id, DigestLog.status == row.status,
                                                    DigestLog.attempts == row.attempts).values(**values))
    session.commit()
    return row.id if taken.rowcount == 1 else None  # type: ignore[attr-defined]


def claim_many(session: Session, dues: list[Due], owner: str, now: dt.datetime, *, orphans: bool,
               lease: dt.timedelta) -> dict[int, int]:
    """Claim several due digests with one commit for the new ones; {subscription id: row id}.

    If another worker raced us to any new one, the batch is rolled back and each goes through
    `claim`, which settles every conflict on the unique key.
    """
    if not dues:
        return {}
    existing = rows_for(session, [(d.subscription_id, d.period) for d in dues])
    fresh = [DigestLog(subscription_id=d.subscription_id, period=d.period, status=PENDING, attempts=1,
                       claimed_by=owner, claimed_at=now, deadline=d.deadline, late=d.late)
             for d in dues if (d.subscription_id, d.period) not in existing]
    session.add_all(fresh)
    claimed: dict[int, int] = {}
    try:
        session.commit()
        claimed = {row.subscription_id: row.id for row in fresh}
        for period in sorted({row.period for row in fresh}):  # a newer period supersedes older unsent ones
            supersede(session, [row.subscription_id for row in fresh if row.period == period], period)
    except IntegrityError:
        session.rollback()
        existing = {}
    for due in dues:
        if due.subscription_id in claimed:
            continue
        row = existing.get((due.subscription_id, due.period))
        taken = (_take_over(session, row, due, owner, now, orphans, lease) if row is not None
                 else claim(session, due, owner, now, orphans=orphans, lease=lease))
        if taken is not None:
            claimed[due.subscription_id] = taken
    return claimed


def start_part(session: Session, row_id: int, owner: str, index: int, parts: list[dict] | None = None) -> bool:
    """Record that message `index` is about to be sent (and the rendered parts, the first time);
    False when the row is no longer this owner's claim (another worker took it over: stop)."""
    values: dict[str, object] = {"inflight": index}
    if parts is not None:
        values["parts"] = json.dumps(parts, ensure_ascii=False)
    done = session.execute(update(DigestLog).where(DigestLog.id == row_id, DigestLog.claimed_by == owner,
                                                   DigestLog.status == PENDING).values(**values))
    session.commit()
    return done.rowcount == 1  # type: ignore[attr-defined]


def part_sent(session: Session, row_id: int, index: int, message_ids: list[int], *, last: bool,
              now: dt.datetime) -> None:
    """Record that Telegram confirmed message `index` (the digest is sent with its last message)."""
    values: dict[str, object] = {"parts_sent": index + 1, "inflight": None, "message_ids": json.dumps(message_ids)}
    if last:
        values.update(status=SENT, sent_at=now, error=None, resend_part=None)
    session.execute(update(DigestLog).where(DigestLog.id == row_id).values(**values))
    session.commit()


def attachment_sent(session: Session, row_id: int, message_ids: list[int], error: str | None) -> None:
    """Record the attachment after a sent digest (its message id, or why it did not go out)."""
    session.execute(update(DigestLog).where(DigestLog.id == row_id)
                    .values(message_ids=json.dumps(message_ids), error=error))
    session.commit()


def release(session: Session, row_id: int, next_at: dt.datetime, error: str, *,
            uncertain_part: int | None = None) -> None:
    """Put a claimed digest back to wait for its next attempt at `next_at`; `uncertain_part`: the
    message whose send may have reached Telegram (it is resent once, with the note)."""
    values: dict[str, object] = {"status": RETRY, "next_at": next_at, "error": error[:2000], "inflight": None}
    if uncertain_part is not None:
        values.update(resend_part=uncertain_part, uncertain=DigestLog.uncertain + 1)
    session.execute(update(DigestLog).where(DigestLog.id == row_id).values(**values))
    session.commit()


def finish(session: Session, row_id: int, status: str, now: dt.datetime, error: str | None = None) -> None:
    """Record a final outcome (skipped, failed, expired) and commit at once."""
    values: dict[str, object] = {"status": status, "error": error, "inflight": None}
    if status == SENT:
        values["sent_at"] = now
    session.execute(update(DigestLog).where(DigestLog.id == row_id).values(**values))
    session.commit()


def expire(session: Session, row_ids: list[int], reason: str) -> None:
    """Give up on digests that can no longer go out (their late window passed)."""
    for start in range(0, len(row_ids), CHUNK):
        session.execute(update(DigestLog).where(DigestLog.id.in_(row_ids[start:start + CHUNK]),
                                                DigestLog.status.in_((PENDING, RETRY)))
                        .values(status=EXPIRED, error=reason, inflight=None))
    session.commit()


def supersede(session: Session, subscription_ids: list[int], before: str) -> None:
    """Expire the unfinished digests of earlier periods than `before` (a newer one is due instead)."""
    for start in range(0, len(subscription_ids), CHUNK):
        session.execute(update(DigestLog).where(DigestLog.subscription_id.in_(subscription_ids[start:start + CHUNK]),
                                                DigestLog.period < before,
                                                DigestLog.status.in_((PENDING, RETRY)))
                        .values(status=EXPIRED, error="superseded by a newer digest", inflight=None))
    session.commit()
