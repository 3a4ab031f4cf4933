"""The text that completes a progress report (thin): before questions are answered, a user's text in a
chat where they started 📝 填报进展 goes to the desk service; other texts pass on untouched."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, MessageHandler, filters

from bot.context import PlanContext
from bot.inputs import clean_text
from handlers.common import send_reply, who

# After the access guard (-100), before the question handlers (group 0).
DESK_GROUP = -10


async def on_report_text(update: Update, context: PlanContext) -> None:
    """Complete the user's waiting report with this text, and stop it being taken as a question."""
    message = update.effective_message
    if message is None or not message.text:
        return
    username = context.bot.username
    if username and f"@{username}".lower() in message.text.lower():
        return  # a question to the bot (@bot 固投), not the report
    reply = context.services.desk.receive(who(update), clean_text(message.text))  # as stored and shown later
    if reply is None:
        return
    await send_reply(update, context, reply)
    raise ApplicationHandlerStop


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the report handler (only with a database: reports in the making are stored there)."""
    if app.bot_data.services.sessions is not None:
        text = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
        app.add_handler(MessageHandler(text, on_report_text), group=DESK_GROUP)
