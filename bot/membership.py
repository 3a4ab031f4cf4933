"""The bot joining and leaving chats: a greeting for a group that adds it, and its subscriptions
paused when it is removed (or blocked in a private chat) — before a digest fails on it."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.replies import Reply, Span
from bot.storage import digests as store
from bot.storage.base import utcnow

REMOVED = "机器人已被移出群组"
BLOCKED = "用户已停用机器人"


def pause_chat(sessions: sessionmaker[Session] | None, chat_id: int, reason: str) -> int:
    """Pause every active subscription of the chat, keeping the reason; returns how many."""
    if sessions is None:
        return 0
    with sessions.begin() as session:
        return int(session.execute(
            update(store.Subscription)
            .where(store.Subscription.chat_id == chat_id, store.Subscription.paused.is_(False))
            .values(paused=True, pause_reason=reason, updated_at=utcnow())).rowcount or 0)  # type: ignore[attr-defined]


def paused_by_removal(sessions: sessionmaker[Session] | None, chat_id: int) -> int:
    """How many of the chat's subscriptions wait paused because the bot was removed."""
    if sessions is None:
        return 0
    with sessions() as session:
        return len(session.scalars(select(store.Subscription.id).where(
            store.Subscription.chat_id == chat_id, store.Subscription.paused.is_(True),
            store.Subscription.pause_reason.in_((REMOVED, BLOCKED)))).all())


def greeting(paused: int = 0) -> Reply:
    """What the bot says to a group that adds it."""
    r = Reply().title("大家好，我是规划助手。")
    r.line("我可以查询规划文件中的指标、任务、章节和名词解释，答案都注明出处。")
    r.line("在群里提问请用 ", Span("/find 关键词", "code"), " 或 @我；群管理员可用 ",
           Span("/subscribe 关键词", "code"), " 订阅每周截止任务提醒。")
    r.line("发送 /help 查看全部命令。")
    if paused:
        r.blank().line(f"本群有 {paused} 条订阅在机器人被移出时暂停了，群管理员可用 /subscriptions 恢复。")
    return r
