"""Shared Telegram plumbing for handlers: who is asking, access check, sending a `Reply`."""

from __future__ import annotations

import logging

from telegram import InputFile, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.deps import Deps, get_deps
from bot.outgoing import keyboard
from bot.render import CAPTION_LIMIT, TelegramMessage, clean, to_telegram
from bot.replies import Reply
from bot.service import Who

log = logging.getLogger(__name__)

NO_ACCESS_TEXT = "抱歉，您还没有使用权限，请联系管理员开通。"


def deps(context: ContextTypes.DEFAULT_TYPE) -> Deps:
    """The application's Deps (settings, state, sessions, services)."""
    return get_deps(context.bot_data)


def who(update: Update, source: str = "chat") -> Who:
    """The asking user and chat of an update."""
    user, chat = update.effective_user, update.effective_chat
    return Who(
        user_id=user.id if user else None,
        chat_id=chat.id if chat else None,
        chat_type=chat.type if chat else "private",
        username=user.username if user else None,
        full_name=user.full_name if user else None,
        chat_title=chat.title if chat else None,
        source=source,
    )


async def allowed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Whether the user may use the bot; if not, say so (once per message) and return False."""
    settings = deps(context).settings
    user = update.effective_user
    if deps(context).extra.get("access_guard") or settings.may_use(user.id if user else None):  # admin guard decided
        return True
    if update.callback_query is not None:
        await update.callback_query.answer(NO_ACCESS_TEXT, show_alert=True)
    elif update.inline_query is not None:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.effective_chat is not None and update.effective_chat.type == "private":
        await context.bot.send_message(update.effective_chat.id, NO_ACCESS_TEXT)
    return False


async def send_reply(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply,
                     *, quote: bool | None = None) -> list[Message]:
    """Send a Reply to the update's chat: HTML messages split under 4096, buttons on the last one.

    In groups the first message quotes the question, so answers stay attached to their asker.
    """
    chat = update.effective_chat
    if chat is None:
        return []
    if quote is None:
        quote = chat.type != "private"
    source = update.effective_message
    sent: list[Message] = []
    for n, msg in enumerate(to_telegram(reply)):
        sent.append(await _send_one(context, chat.id, msg, reply_to=source if quote and n == 0 else None))
    if reply.document is not None:
        doc = reply.document
        sent.append(await context.bot.send_document(
            chat.id, InputFile(doc.data, filename=doc.filename),
            caption=clean(doc.caption)[:CAPTION_LIMIT] or None, parse_mode=None))
    return sent


async def _send_one(context: ContextTypes.DEFAULT_TYPE, chat_id: int, msg: TelegramMessage,
                    reply_to: Message | None) -> Message:
    if reply_to is not None:
        return await reply_to.reply_text(msg.text, reply_markup=keyboard(msg.buttons), do_quote=True)
    return await context.bot.send_message(chat_id, msg.text, reply_markup=keyboard(msg.buttons))


async def edit_or_send(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """After a button press: edit the pressed message when the reply asks for it, else send anew."""
    query = update.callback_query
    messages = to_telegram(reply)
    if (reply.replace and query is not None and isinstance(query.message, Message)
            and len(messages) == 1 and reply.document is None):
        try:
            await query.message.edit_text(messages[0].text, reply_markup=keyboard(messages[0].buttons))
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return  # the same page pressed again
            log.info("edit failed (%s); sending a new message", exc)
    await send_reply(update, context, reply, quote=False)
