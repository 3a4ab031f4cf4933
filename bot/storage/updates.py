"""Webhook update claims: each Telegram update is processed by one worker, and again only if that
worker died before finishing it.

Telegram re-sends an update until a webhook answers 200, so a worker answers only after processing.
Before processing, the worker claims the update id; another worker (Telegram's re-send after a
timeout, or the proxy's retry) then sees "busy" — answered 503, Telegram tries again later — or
"done" — answered 200 without processing. A claim is a lease: the claiming worker renews its leases
while it lives (`renew`), so a claim of a worker killed mid-update lapses and the re-sent update is
taken over instead of lost.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from sqlalchemy import BigInteger, String, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.storage.base import Base, UTCDateTime, utcnow

WORKING, DONE = "working", "done"
Claim = Literal["mine", "busy", "done"]


class UpdateClaim(Base):
    """One update id: who works on it (or finished it), and when that was last confirmed."""

    __tablename__ = "update_claims"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(8))
    worker: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def claim(session: Session, update_id: int, worker: str, lease: dt.timedelta,
          now: dt.datetime | None = None) -> Claim:
    """Claim `update_id` for `worker`: "mine" (process it), "busy" (a live worker has it) or "done"."""
    now = now or utcnow()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    # RETURNING rather than rowcount: psycopg reports -1 for INSERT … ON CONFLICT DO NOTHING.
    stmt = insert(UpdateClaim).values(update_id=update_id, state=WORKING, worker=worker, updated_at=now)
    inserted = session.execute(stmt.on_conflict_do_nothing(index_elements=["update_id"])
                               .returning(UpdateClaim.update_id)).first()
    if inserted is not None:
        return "mine"
    # Taken before: take it over only if its lease lapsed (the claiming worker died).
    taken = session.execute(update(UpdateClaim)
                            .where(UpdateClaim.update_id == update_id, UpdateClaim.state == WORKING,
                                   UpdateClaim.updated_at < now - lease)
                            .values(worker=worker, updated_at=now).returning(UpdateClaim.update_id)).first()
    if taken is not None:
        return "mine"
    row = session.get(UpdateClaim, update_id)
    return "done" if row is not None and row.state == DONE else "busy"


def finish(session: Session, update_id: int, worker: str, now: dt.datetime | None = None) -> None:
    """Mark an update processed."""
    session.execute(update(UpdateClaim).where(UpdateClaim.update_id == update_id)
                    .values(state=DONE, worker=worker, updated_at=now or utcnow()))


def release(session: Session, update_id: int, worker: str) -> None:
    """Give a claim back unprocessed (the worker is shutting down): the re-sent update is taken at once."""
    session.execute(delete(UpdateClaim).where(UpdateClaim.update_id == update_id, UpdateClaim.worker == worker,
                                              UpdateClaim.state == WORKING))


def renew(session: Session, worker: str, now: dt.datetime | None = None) -> int:
    """Renew the leases of the updates `worker` is processing; returns how many."""
    return int(session.execute(update(UpdateClaim)
                               .where(UpdateClaim.worker == worker, UpdateClaim.state == WORKING)
                               .values(updated_at=now or utcnow())).rowcount or 0)  # type: ignore[attr-defined]


def prune(session: Session, older_than: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Forget finished updates older than `older_than` (Telegram re-sends for 24 hours at most)."""
    cutoff = (now or utcnow()) - older_than
    return int(session.execute(delete(UpdateClaim)
                               .where(UpdateClaim.state == DONE, UpdateClaim.updated_at < cutoff)).rowcount or 0)  # type: ignore[attr-defined]
