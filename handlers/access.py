"""The access guard: the earliest handler group applies the one access policy to every update."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.context import PlanContext

log = logging.getLogger(__name__)

# The guard's own group, before every other: a TypeHandler matches every update, so it would
# shadow any other handler sharing its group (only one handler per group runs).
GUARD_GROUP = -100


async def guard(update: Update, context: PlanContext) -> None:
    """Stop every update from someone the policy does not admit (one polite refusal, then silence)."""
    if not (update.message or update.edited_message or update.callback_query or update.inline_query):
        return  # membership changes and the like carry no request
    user, chat = update.effective_user, update.effective_chat
    policy = context.services.access
    decision = policy.decision(user.id if user else None, chat.id if chat else None)
    if decision == "ok":
        return
    if decision == "refuse":
        text = policy.refusal_text(user.id if user else None, chat.id if chat else None)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text[:200], show_alert=True)
            elif update.inline_query is not None:
                await update.inline_query.answer([], cache_time=0, is_personal=True)
            elif chat is not None:
                await context.bot.send_message(chat.id, text)
        except TelegramError:
            log.info("could not send the access refusal to %s", chat.id if chat else None)
    elif update.inline_query is not None:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    raise ApplicationHandlerStop


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the guard in the earliest group."""
    app.add_handler(TypeHandler(Update, guard), group=GUARD_GROUP)
