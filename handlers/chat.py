"""Chat handlers: free-text questions (private chats, group mentions) and inline mode (thin: the
answering service does the work). Commands and buttons come from the registry (handlers.commands)."""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineQueryResultArticle, InputTextMessageContent, MessageEntity, Update
from telegram.ext import Application, InlineQueryHandler, MessageHandler, filters

from bot.context import PlanContext
from bot.render import to_telegram
from handlers.common import send_reply, who


async def on_private_text(update: Update, context: PlanContext) -> None:
    """Free text in a private chat is a question."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await send_reply(update, context, context.services.ask(message.text, who(update)))


def _mention_query(update: Update, context: PlanContext) -> str | None:
    """The question in a group message addressed to the bot (mention or reply), else None."""
    message = update.effective_message
    if message is None or not message.text:
        return None
    username = context.bot.username or ""
    text = message.text
    mentioned = False
    try:
        entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    except UnicodeError:  # lone surrogates: no UTF-16 offsets to resolve; the text search below decides
        entities = {}
    for entity, value in entities.items():
        if (entity.type == MessageEntity.MENTION and value.lstrip("@").lower() == username.lower()) or (
                entity.user is not None and entity.user.id == context.bot.id):
            mentioned = True
    if not mentioned and username and re.search("@" + re.escape(username) + r"\b", text, re.IGNORECASE):
        mentioned = True
    replied = message.reply_to_message
    if not mentioned and not (replied and replied.from_user and replied.from_user.id == context.bot.id):
        return None
    if username:
        text = re.sub("@" + re.escape(username) + r"\b", " ", text, flags=re.IGNORECASE)
    return text.strip()


async def on_group_text(update: Update, context: PlanContext) -> None:
    """Group text: answer only when the bot is mentioned or replied to; stay silent otherwise."""
    query = _mention_query(update, context)
    if query is None:
        return
    services = context.services
    reply = services.ask(query, who(update)) if query else services.command("help", "", who(update))
    await send_reply(update, context, reply)


async def on_inline(update: Update, context: PlanContext) -> None:
    """Inline mode (`@bot 词`): articles that insert a formatted answer with its source."""
    inline = update.inline_query
    if inline is None:
        return
    items = context.services.answers.inline(inline.query, who(update, "inline"))
    results = [
        InlineQueryResultArticle(
            id=item.id, title=item.title, description=item.description,
            input_message_content=InputTextMessageContent(to_telegram(item.reply)[0].text, parse_mode="HTML"),
        )
        for item in items
    ]
    await inline.answer(results, cache_time=30, is_personal=False)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the question and inline handlers to the application."""
    # Only new messages: an edited question would otherwise be answered twice.
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, on_private_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS, on_group_text))
    app.add_handler(InlineQueryHandler(on_inline))
