"""Button keys: callback data over Telegram's 64 bytes, kept under a random key bound to one chat.

A key is "~" plus 96 random bits (never a counter); it is looked up together with the chat that
presses it, so another chat's key, a forged key and a key older than the time to live all resolve
to nothing. The same data shown again in the same chat keeps its key (and its time to live restarts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlalchemy import BigInteger, Index, String, Text, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.callback_fields import new_key
from bot.storage.base import Base, UTCDateTime, utcnow


class ButtonKey(Base):
    """One long callback data of one chat, under its random key."""

    __tablename__ = "button_keys"
    __table_args__ = (Index("ux_button_keys_chat_digest", "chat_id", "digest", unique=True),)

    key: Mapped[str] = mapped_column(String(24), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of data: one key per (chat, data)
    data: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def _digest(data: str) -> str:
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


def keys_for(session: Session, chat_id: int, data: Sequence[str], now: dt.datetime | None = None) -> list[str]:
    """A key for each data in this chat: the existing one (its clock restarted) or a new random one.

    One statement per item, safe when two workers issue the same data at once (INSERT … ON CONFLICT
    on (chat_id, digest) keeps the first key and returns it).
    """
    now = now or utcnow()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    keys = []
    for item in data:
        stmt = insert(ButtonKey).values(key=new_key(), chat_id=chat_id, digest=_digest(item), data=item,
                                        created_at=now)
        upsert = stmt.on_conflict_do_update(index_elements=["chat_id", "digest"],
                                            set_={"created_at": now}).returning(ButtonKey.key)
        keys.append(str(session.execute(upsert).scalar_one()))
    return keys


def resolve(session: Session, chat_id: int, key: str, ttl: dt.timedelta, now: dt.datetime | None = None) -> str | None:
    """The data under `key` for this chat, unless it is another chat's, unknown or older than `ttl`."""
    cutoff = (now or utcnow()) - ttl
    row = session.scalars(select(ButtonKey).where(ButtonKey.key == key, ButtonKey.chat_id == chat_id,
                                                  ButtonKey.created_at >= cutoff)).first()
    return row.data if row is not None else None


def prune(session: Session, ttl: dt.timedelta, now: dt.datetime | None = None) -> int:
    """Delete the keys older than `ttl`; returns how many."""
    cutoff = (now or utcnow()) - ttl
    return int(session.execute(delete(ButtonKey).where(ButtonKey.created_at < cutoff)).rowcount or 0)  # type: ignore[attr-defined]
