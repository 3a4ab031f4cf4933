"""Admin uploads (thin): a plan file sent in a private chat is checked, downloaded, parsed and reported
with 发布 / 取消. The admin commands and buttons come from the registry (handlers.commands)."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
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
    except (TelegramError, OSError, RuntimeError) as exc:  # RuntimeError: a file without a download path
        admin.audit(actor, "upload", name, "error", f"download: {type(exc).__name__}: {exc}")
        await finish(update, context, sent, Reply().line(f"❌ {download_failure(exc)}").line("知识库未作任何改动。"))
        return
    await finish(update, context, sent, await admin.prepare_upload(actor, name, data, progress))


def download_failure(exc: Exception) -> str:
    """What went wrong fetching an uploaded file from Telegram, in Chinese (each cause its own message)."""
    text = str(getattr(exc, "message", exc))
    if isinstance(exc, BadRequest) and "too big" in text.lower():
        return "文件超过 Telegram 允许机器人下载的上限（20 MB），请压缩或拆分后再发送。"
    if isinstance(exc, BadRequest):
        return f"Telegram 暂时无法提供这个文件（{text}），请重新发送一次。"
    if isinstance(exc, RetryAfter):
        return "Telegram 限制了请求频率，文件未能下载，请稍后重新发送。"
    if isinstance(exc, TimedOut):
        return "从 Telegram 下载文件超时，请稍后重新发送（网络较慢时可先压缩文件）。"
    if isinstance(exc, NetworkError | OSError):
        return f"从 Telegram 下载文件时网络出错（{text[:80]}），请稍后重新发送。"
    return f"Telegram 未能提供这个文件（{text[:80]}），请稍后重新发送。"


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the upload handler (only with a database: versions are stored there)."""
    if app.bot_data.services.admin is not None:
        app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
