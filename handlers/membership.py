"""The bot's own membership (Telegram's my_chat_member updates): greet a group that adds the bot,
pause a chat's subscriptions when the bot is removed or blocked (thin: bot.membership does the work)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import Application, ChatMemberHandler

from bot import membership
from bot.context import PlanContext
from handlers.common import send_reply

log = logging.getLogger(__name__)

_PRESENT = {ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER}


def _present(member: Any) -> bool:
    """Whether a chat member status means the bot is in the chat (a restricted member may still be)."""
    return member.status in _PRESENT or (member.status == ChatMember.RESTRICTED and getattr(member, "is_member", False))


async def on_my_chat_member(update: Update, context: PlanContext) -> None:
    """The bot was added to a chat, removed from it, or blocked/unblocked in a private chat."""
    change = update.my_chat_member
    if change is None:
        return
    chat, services = change.chat, context.services
    was, now = _present(change.old_chat_member), _present(change.new_chat_member)
    if was and not now:
        reason = membership.BLOCKED if chat.type == "private" else membership.REMOVED
        paused = await asyncio.to_thread(membership.pause_chat, services.sessions, chat.id, reason)
        log.info("left chat %s (%s): %d subscriptions paused", chat.id, reason, paused)
    elif now and not was and chat.type != "private":
        user = change.from_user
        decision = await asyncio.to_thread(services.access.decision, user.id if user else None, chat.id)
        try:
            if decision == "ok":
                paused = await asyncio.to_thread(membership.paused_by_removal, services.sessions, chat.id)
                await send_reply(update, context, membership.greeting(paused), quote=False)
            elif decision == "refuse":
                await context.bot.send_message(chat.id, services.access.refusal_text(None, chat.id))
        except TelegramError as exc:  # added and removed again at once, or no right to write
            log.info("could not greet chat %s: %s", chat.id, exc)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the my_chat_member handler."""
    app.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
