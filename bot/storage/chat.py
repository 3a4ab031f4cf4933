"""Chat tables: the users and chats the bot has seen, and the log of every question asked."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from bot.storage.base import Base, UTCDateTime, utcnow


class User(Base):
    """A Telegram user (or the console user, id 0) who talked to the bot."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    username: Mapped[str | None] = mapped_column(String(64))
    full_name: Mapped[str | None] = mapped_column(String(256))
    language: Mapped[str | None] = mapped_column(String(16))
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Chat(Base):
    """A private chat, group or channel the bot was used in."""

    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(256))
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow)


class QueryLog(Base):
    """One question: what was asked, by whom, where, and whether anything was found."""

    __tablename__ = "query_log"
    __table_args__ = (Index("ix_query_log_found_at", "found", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    query: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="SET NULL"))
    chat_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("chats.id", ondelete="SET NULL"))
    found: Mapped[bool] = mapped_column(Boolean)
    hits: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(16), default="chat")  # chat | inline | console
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


def touch_user(session: Session, user_id: int, username: str | None = None,
               full_name: str | None = None, language: str | None = None) -> User:
    """Insert or refresh a user row (last_seen = now)."""
    user = session.get(User, user_id)
    if user is None:
        user = User(id=user_id)
        session.add(user)
    user.username, user.full_name, user.language = username, full_name, language
    user.last_seen = utcnow()
    return user


def touch_chat(session: Session, chat_id: int, type_: str, title: str | None = None) -> Chat:
    """Insert or refresh a chat row (last_seen = now)."""
    chat = session.get(Chat, chat_id)
    if chat is None:
        chat = Chat(id=chat_id, type=type_)
        session.add(chat)
    chat.type, chat.title = type_, title
    chat.last_seen = utcnow()
    return chat


def log_query(session: Session, query: str, found: bool, hits: int, user_id: int | None = None,
              chat_id: int | None = None, source: str = "chat") -> QueryLog:
    """Record one question in the query log."""
    row = QueryLog(query=query, found=found, hits=hits, user_id=user_id, chat_id=chat_id, source=source)
    session.add(row)
    return row


def unanswered(session: Session, limit: int = 20) -> list[QueryLog]:
    """The most recent questions that found nothing, newest first."""
    stmt = select(QueryLog).where(QueryLog.found.is_(False)).order_by(QueryLog.id.desc()).limit(limit)
    return list(session.scalars(stmt))
