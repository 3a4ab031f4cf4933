"""Admin uploads (thin): a plan file sent in a private chat is checked, downloaded, parsed and reported
with 发布 / 取消. The admin commands and buttons come from the registry (handlers.commands)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, MessageHandler, filters

from bot.context import PlanContext
from bot.replies import Reply
from bot.who import Actor
from handlers.common import finish, progress_message, send_reply, who


async def on_document(update: Update, context: PlanContext) -> None:
    """A document sent in a private chat: an admin's plan upload (refused for others)."""
    message = update.effective_message
    admin = context.services.admin
    if message is None or message.document is None or admin is None:
        return
    actor, doc = Actor.of(who(update)), message.document
    name = doc.file_name or ""
    refusal = admin.precheck_upload(actor, name, doc.file_size)
    if refusal is not None:
        await send_reply(update, context, refusal, quote=False)
        return
    sent, progress = await progress_message(update, f"已收到 {name}，正在下载 …")
    try:
        data = bytes(await (await doc.get_file()).download_as_bytearray())
    except TelegramError as exc:
        admin.audit(actor, "upload", name, "error", f"download: {exc}")
        await finish(update, context, sent, Reply().line("❌ 文件下载失败（Telegram 限制机器人下载 20 MB 以内的文件），"
                                                          "知识库未作任何改动。"))
        return
    await finish(update, context, sent, await admin.prepare_upload(actor, name, data, progress))


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the upload handler (only with a database: versions are stored there)."""
    if app.bot_data.services.admin is not None:
        app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
