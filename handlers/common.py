"""Shared Telegram plumbing for handlers: who is asking, a group's admins, sending and editing a `Reply`."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import SQLAlchemyError
from telegram import InputFile, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, TelegramError

from bot.callback_fields import fits
from bot.context import PlanContext
from bot.outgoing import keyboard
from bot.render import CAPTION_LIMIT, TelegramMessage, clean, to_telegram
from bot.replies import Reply
from bot.who import Who

log = logging.getLogger(__name__)

KEY_STORE_SECONDS = 1.0  # storing long buttons' keys may not hold an answer up longer than this

_ADMIN_STATUSES = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


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


def group_admin_check(update: Update, context: PlanContext) -> Callable[[], Awaitable[bool]]:
    """Asks Telegram (getChatMember) whether the user administers the group; private chats: yes."""

    async def check() -> bool:
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return False
        if chat.type == ChatType.PRIVATE:
            return True
        try:
            member = await context.bot.get_chat_member(chat.id, user.id)
        except TelegramError as exc:
            log.info("getChatMember failed in %s: %s", chat.id, exc)
            return False
        return member.status in _ADMIN_STATUSES

    return check


async def telegram_messages(context: PlanContext, chat_id: int, reply: Reply) -> list[TelegramMessage]:
    """The reply as Telegram messages; button data over 64 bytes is replaced by keys bound to this
    chat (stored off the event loop, in one transaction per reply). If the keys cannot be stored at
    once (the database busy or down), the answer goes out on time without those buttons."""
    messages = to_telegram(reply)
    long = [b.data for m in messages for row in m.buttons for b in row if b.url is None and not fits(b.data)]
    if not long:
        return messages
    try:
        stored = await asyncio.wait_for(asyncio.to_thread(context.services.codec.shorten, chat_id, long),
                                        KEY_STORE_SECONDS)
        keys = dict(zip(long, stored, strict=True))
    except (TimeoutError, SQLAlchemyError) as exc:
        log.warning("button keys not stored in time (%s): %d buttons left out", type(exc).__name__, len(long))
        keys = {}
    for message in messages:
        message.buttons = [row for row in (
            [dataclasses.replace(b, data=keys[b.data]) if b.data in keys else b
             for b in row if b.url is not None or fits(b.data) or b.data in keys]
            for row in message.buttons) if row]
    return messages


async def send_reply(update: Update, context: PlanContext, reply: Reply,
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
    # A reply that is only a file (a chart) sends no text message ("（空）").
    only_file = not (reply.blocks or reply.buttons) and (reply.photo is not None or reply.document is not None)
    for n, msg in enumerate([] if only_file else await telegram_messages(context, chat.id, reply)):
        sent.append(await _send_one(context, chat.id, msg, reply_to=source if quote and n == 0 else None))
    if reply.document is not None:
        doc = reply.document
        sent.append(await context.bot.send_document(
            chat.id, InputFile(doc.data, filename=doc.filename),
            caption=clean(doc.caption)[:CAPTION_LIMIT] or None, parse_mode=None))
    if reply.photo is not None:
        photo = reply.photo
        sent.append(await context.bot.send_photo(
            chat.id, InputFile(photo.data, filename=photo.filename),
            caption=clean(photo.caption)[:CAPTION_LIMIT] or None, parse_mode=None))
    await send_notices(context, reply)
    return sent


async def send_notices(context: PlanContext, reply: Reply) -> None:
    """Send a reply's messages for other chats (an admin may never have opened a chat with the bot:
    a failure is logged, it does not fail the reply)."""
    for notice in reply.notices:
        try:
            for msg in await telegram_messages(context, notice.chat_id, notice.reply):
                await context.bot.send_message(notice.chat_id, msg.text, reply_markup=keyboard(msg.buttons))
        except TelegramError as exc:
            log.info("could not notify %s: %s", notice.chat_id, exc)
    reply.notices = []  # sent once, whichever path sends the reply


async def _send_one(context: PlanContext, chat_id: int, msg: TelegramMessage, reply_to: Message | None) -> Message:
    if reply_to is not None:
        return await reply_to.reply_text(msg.text, reply_markup=keyboard(msg.buttons), do_quote=True)
    return await context.bot.send_message(chat_id, msg.text, reply_markup=keyboard(msg.buttons))


async def edit_or_send(update: Update, context: PlanContext, reply: Reply) -> None:
    """After a button press: edit the pressed message when the reply asks for it, else send anew."""
    query = update.callback_query
    chat = update.effective_chat
    messages = await telegram_messages(context, chat.id, reply) if chat is not None else to_telegram(reply)
    if (reply.replace and query is not None and isinstance(query.message, Message)
            and len(messages) == 1 and reply.document is None and reply.photo is None):
        try:
            await query.message.edit_text(messages[0].text, reply_markup=keyboard(messages[0].buttons))
            await send_notices(context, reply)
            return
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return  # the same page pressed again
            log.info("edit failed (%s); sending a new message", exc)
    await send_reply(update, context, reply, quote=False)


Edit = Callable[[str], Awaitable[None]]


async def progress_message(update: Update, text: str) -> tuple[Message | None, Edit]:
    """Send a progress message; return it and an async callback that edits it."""
    message = update.effective_message
    sent = await message.reply_text(text) if message is not None else None

    async def progress(new_text: str) -> None:
        if sent is None:
            return
        with contextlib.suppress(BadRequest):  # "not modified" or deleted: progress is best effort
            await sent.edit_text(new_text)

    return sent, progress


async def finish(update: Update, context: PlanContext, progress_msg: Message | None, reply: Reply) -> None:
    """Replace the progress message by the final reply when it fits in one message, else send it."""
    chat = update.effective_chat
    messages = await telegram_messages(context, chat.id, reply) if chat is not None else to_telegram(reply)
    if progress_msg is not None and len(messages) == 1 and reply.document is None and reply.photo is None:
        try:
            await progress_msg.edit_text(messages[0].text, reply_markup=keyboard(messages[0].buttons))
            await send_notices(context, reply)
            return
        except BadRequest as exc:
            log.info("could not edit the progress message (%s)", exc)
    elif progress_msg is not None:
        with contextlib.suppress(BadRequest):
            await progress_msg.edit_text("处理完成，报告见下方。")
    await send_reply(update, context, reply, quote=False)
