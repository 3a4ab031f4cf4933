"""Telegram handlers for deadline digests: /subscribe, /subscriptions, /unsubscribe, /due, /overdue,
/digest, /ics and the "dg:" buttons. Thin: read the update, call DigestService, send its Reply."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.digest_service import DigestService
from bot.settings import local_clock
from handlers.common import allowed, deps, edit_or_send, send_reply
from jobs.delivery import DigestDeliverer
from jobs.scheduler import start_digest_job, telegram_sender

log = logging.getLogger(__name__)

SERVICE_KEY = "digests"
COMMANDS: list[tuple[str, str]] = [
    ("subscribe", "订阅每周截止任务提醒（可加关键词、文件、单位）"),
    ("subscriptions", "查看和修改本聊天的订阅"),
    ("unsubscribe", "退订"),
    ("due", "近期到期的任务，如 /due 30"),
    ("overdue", "已逾期的任务"),
    ("digest", "预览下一期周报"),
    ("ics", "导出截止日期日历文件（.ics）"),
]
_ADMIN_STATUSES = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}


def service(context: ContextTypes.DEFAULT_TYPE) -> DigestService:
    """The application's DigestService (created on first use)."""
    d = deps(context)
    if SERVICE_KEY not in d.extra:
        d.extra[SERVICE_KEY] = DigestService(d.state, d.sessions, local_clock(d.settings))
    return d.extra[SERVICE_KEY]  # type: ignore[no-any-return]


async def can_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats: yes. Groups: only the group's administrators (asked with getChatMember)."""
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


def _args(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or [])


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe [关键词…] [选项…]: subscribe this chat (group admins only in groups)."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    user = update.effective_user
    reply = service(context).subscribe(update.effective_chat.id, user.id if user else None, _args(context),
                                       await can_manage(update, context))
    await send_reply(update, context, reply)


async def on_subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscriptions: list this chat's subscriptions with buttons."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    await send_reply(update, context, service(context).list_subscriptions(update.effective_chat.id))


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe [编号|全部]: remove subscriptions of this chat."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    reply = service(context).unsubscribe(update.effective_chat.id, _args(context), await can_manage(update, context))
    await send_reply(update, context, reply)


async def on_due(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/due [天数] [关键词…]: tasks due soon."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    await send_reply(update, context, service(context).due(update.effective_chat.id, _args(context)))


async def on_overdue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/overdue [关键词…]: overdue tasks."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    await send_reply(update, context, service(context).overdue(update.effective_chat.id, _args(context)))


async def on_digest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/digest: preview this chat's next digest now."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    await send_reply(update, context, service(context).preview(update.effective_chat.id))


async def on_ics(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ics: send the .ics calendar of the subscribed deadlines."""
    if not await allowed(update, context) or update.effective_chat is None:
        return
    await send_reply(update, context, service(context).ics(update.effective_chat.id))


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A "dg:" button: 已完成 / 推迟一周 / 详情 on items, settings and removal on subscriptions."""
    query = update.callback_query
    if query is None or update.effective_chat is None or not await allowed(update, context):
        return
    data = query.data or ""
    manage = True
    if not data.startswith(("dg:card:", "dg:ls", "dg:pv:")):
        manage = await can_manage(update, context)
    user = update.effective_user
    reply, toast = service(context).on_button(update.effective_chat.id, user.id if user else None, data, manage)
    await query.answer(toast[:200] or None)
    if reply.blocks or reply.buttons:
        await edit_or_send(update, context, reply)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the digest handlers to the application."""
    app.add_handler(CommandHandler("subscribe", on_subscribe))
    app.add_handler(CommandHandler("subscriptions", on_subscriptions))
    app.add_handler(CommandHandler("unsubscribe", on_unsubscribe))
    app.add_handler(CommandHandler("due", on_due))
    app.add_handler(CommandHandler("overdue", on_overdue))
    app.add_handler(CommandHandler("digest", on_digest))
    app.add_handler(CommandHandler("ics", on_ics))
    app.add_handler(CallbackQueryHandler(on_button, pattern=r"^dg:"))


async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At start-up: create the digest deliverer and schedule its tick (needs a database)."""
    d = app.bot_data["deps"]
    if d.sessions is None or app.job_queue is None:
        log.warning("digests disabled: no database or no job queue")
        return
    svc = d.extra.setdefault(SERVICE_KEY, DigestService(d.state, d.sessions, local_clock(d.settings)))
    deliverer = DigestDeliverer(d.sessions, svc.engine, telegram_sender(app.bot), local_clock(d.settings))
    d.extra["digest_deliverer"] = deliverer
    start_digest_job(app, deliverer)


def console_setup(routes: Any, deps: Any) -> None:
    """The same digest commands and buttons in the console chat (the console user manages its chat)."""
    svc = DigestService(deps.state, deps.sessions, local_clock(deps.settings))

    def chat(who: Any) -> int:
        """The console's chat id (0 when the console has none)."""
        return int(who.chat_id or 0)

    routes.commands["subscribe"] = lambda arg, who: svc.subscribe(chat(who), who.user_id, arg, True)
    routes.commands["subscriptions"] = lambda arg, who: svc.list_subscriptions(chat(who))
    routes.commands["unsubscribe"] = lambda arg, who: svc.unsubscribe(chat(who), arg, True)
    routes.commands["due"] = lambda arg, who: svc.due(chat(who), arg)
    routes.commands["overdue"] = lambda arg, who: svc.overdue(chat(who), arg)
    routes.commands["digest"] = lambda arg, who: svc.preview(chat(who))
    routes.commands["ics"] = lambda arg, who: svc.ics(chat(who))

    def button(data: str, who: Any) -> Any:
        """A digest button pressed in the console: the reply, or the toast as a line."""
        reply, toast = svc.on_button(chat(who), who.user_id, data, True)
        return reply if (reply.blocks or reply.buttons) else reply.line(toast)

    routes.callbacks["dg"] = button
