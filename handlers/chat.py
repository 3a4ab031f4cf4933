"""Chat handlers: questions, browsing commands, buttons and inline mode (thin: service does the work)."""

from __future__ import annotations

import re
from typing import Any

from telegram import InlineQueryResultArticle, InputTextMessageContent, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.render import to_telegram
from handlers.common import allowed, deps, edit_or_send, send_reply, who

# (command, 中文说明) for the Telegram menu; app.py merges every module's list.
COMMANDS: list[tuple[str, str]] = [
    ("find", "查询指标、任务、章节或名词，如 /find 固投"),
    ("docs", "已载入的规划文件"),
    ("outline", "按目录浏览文件"),
    ("indicators", "指标列表，可加文件序号"),
    ("tasks", "任务与完成时限，可加关键词"),
    ("term", "名词解释"),
    ("help", "使用说明"),
    ("start", "开始使用"),
]
# Callback data owned by other modules; everything else is ours.
FOREIGN_CALLBACKS = r"^(?!dg:|adm:)"


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any chat command: run it through the service and send the reply."""
    message = update.effective_message
    if message is None or not message.text or not await allowed(update, context):
        return
    name = message.text.split()[0].lstrip("/").split("@")[0]
    arg = message.text.partition(" ")[2] if " " in message.text else ""
    await send_reply(update, context, deps(context).service.command(name, arg, who(update)))


async def on_private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text in a private chat is a question."""
    message = update.effective_message
    if message is None or not message.text or not await allowed(update, context):
        return
    await send_reply(update, context, deps(context).service.ask(message.text, who(update)))


def _mention_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The question in a group message addressed to the bot (mention or reply), else None."""
    message = update.effective_message
    if message is None or not message.text:
        return None
    username = context.bot.username or ""
    text = message.text
    mentioned = False
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
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


async def on_group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Group text: answer only when the bot is mentioned or replied to; stay silent otherwise."""
    query = _mention_query(update, context)
    if query is None or not await allowed(update, context):
        return
    service = deps(context).service
    reply = service.ask(query, who(update)) if query else service.command("help", "", who(update))
    await send_reply(update, context, reply)


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A pressed button: the service turns its data into the next reply."""
    query = update.callback_query
    if query is None or not await allowed(update, context):
        return
    await query.answer()
    reply = deps(context).service.callback(query.data or "", who(update))
    await edit_or_send(update, context, reply)


async def on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode (`@bot 词`): articles that insert a formatted answer with its source."""
    inline = update.inline_query
    if inline is None or not await allowed(update, context):
        return
    items = deps(context).service.inline(inline.query, who(update, "inline"))
    results = [
        InlineQueryResultArticle(
            id=item.id, title=item.title, description=item.description,
            input_message_content=InputTextMessageContent(to_telegram(item.reply)[0].text, parse_mode="HTML"),
        )
        for item in items
    ]
    await inline.answer(results, cache_time=30, is_personal=False)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the chat handlers to the application."""
    app.add_handler(CommandHandler([name for name, _ in COMMANDS], on_command))
    # Only new messages: an edited question would otherwise be answered twice.
    text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, on_private_text))
    app.add_handler(MessageHandler(text & filters.ChatType.GROUPS, on_group_text))
    app.add_handler(CallbackQueryHandler(on_callback, pattern=FOREIGN_CALLBACKS))
    app.add_handler(InlineQueryHandler(on_inline))


__all__ = ["COMMANDS", "register", "ChatType"]
