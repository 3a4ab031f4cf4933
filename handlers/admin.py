"""Admin handlers (thin): uploads, /reload, /versions, /rollback, /remove, /admin, /alias, /unalias,
/allow, /deny, /stats, /gaps, /audit, the 发布/取消 buttons, and the access guard (earliest group)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from telegram import Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.admin_service import CALLBACK_PREFIX, Actor, AdminService
from bot.outgoing import keyboard
from bot.render import to_telegram
from bot.replies import Reply
from bot.versions import Versions
from handlers.common import deps, edit_or_send, send_reply

log = logging.getLogger(__name__)

# Admin commands are not in the public menu (COMMANDS): /admin lists them for admins.
COMMANDS: list[tuple[str, str]] = []
SERVICE_KEY = "admin"
POLL_SECONDS = 30
# The access guard's own group, before every other: a TypeHandler matches every update, so it would
# shadow any other handler sharing its group (only one handler per group runs).
GUARD_GROUP = -100


def service(context: ContextTypes.DEFAULT_TYPE) -> AdminService:
    """The admin service stored in the application's deps."""
    return deps(context).extra[SERVICE_KEY]  # type: ignore[no-any-return]


def actor_of(update: Update) -> Actor:
    """The acting Telegram user."""
    user = update.effective_user
    # Actor(None, …) is reserved for the local CLI/console; an update without a user is nobody.
    return Actor(user.id, user.full_name) if user else Actor(-1, "未知")


async def guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Earliest group: in allowlist mode, stop every update from someone not listed (one polite refusal)."""
    if not (update.message or update.edited_message or update.callback_query or update.inline_query):
        return  # membership changes and the like carry no request
    user, chat = update.effective_user, update.effective_chat
    svc = service(context)
    decision = svc.access_decision(user.id if user else None, chat.id if chat else None)
    if decision == "ok":
        return
    if decision == "refuse":
        text = svc.refusal_text(user.id if user else None, chat.id if chat else None)
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


def _args(context: ContextTypes.DEFAULT_TYPE) -> list[str]:
    """The command's arguments."""
    return list(context.args or [])


async def _progress_message(update: Update, text: str) -> tuple[Message | None, Any]:
    """Send a progress message; return it and an async callback that edits it."""
    message = update.effective_message
    sent = await message.reply_text(text) if message is not None else None

    async def progress(new_text: str) -> None:
        if sent is None:
            return
        with contextlib.suppress(BadRequest):  # "not modified" or deleted: progress is best effort
            await sent.edit_text(new_text)

    return sent, progress


async def _finish(update: Update, context: ContextTypes.DEFAULT_TYPE, progress_msg: Message | None,
                  reply: Reply) -> None:
    """Replace the progress message by the final reply when it fits in one message, else send it."""
    messages = to_telegram(reply)
    if progress_msg is not None and len(messages) == 1 and reply.document is None:
        try:
            await progress_msg.edit_text(messages[0].text, reply_markup=keyboard(messages[0].buttons))
            return
        except BadRequest as exc:
            log.info("could not edit the progress message (%s)", exc)
    elif progress_msg is not None:
        with contextlib.suppress(BadRequest):
            await progress_msg.edit_text("处理完成，报告见下方。")
    await send_reply(update, context, reply, quote=False)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A document sent in a private chat: an admin's plan upload (refused for others)."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    svc, actor, doc = service(context), actor_of(update), message.document
    name = doc.file_name or ""
    refusal = svc.precheck_upload(actor, name, doc.file_size)
    if refusal is not None:
        await send_reply(update, context, refusal, quote=False)
        return
    sent, progress = await _progress_message(update, f"已收到 {name}，正在下载 …")
    try:
        data = bytes(await (await doc.get_file()).download_as_bytearray())
    except TelegramError as exc:
        svc.audit(actor, "upload", name, "error", f"download: {exc}")
        await _finish(update, context, sent, Reply().line("❌ 文件下载失败（Telegram 限制机器人下载 20 MB 以内的文件），"
                                                           "知识库未作任何改动。"))
        return
    await _finish(update, context, sent, await svc.prepare_upload(actor, name, data, progress))


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload: rebuild from the plans folder and stored uploads; report; confirm."""
    svc, actor = service(context), actor_of(update)
    if not svc.is_admin(actor.id):
        await send_reply(update, context, svc.refuse(actor, "reload"))
        return
    sent, progress = await _progress_message(update, "正在重新加载 …")
    await _finish(update, context, sent, await svc.prepare_reload(actor, progress))


async def on_versions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/versions: the published versions."""
    svc = service(context)
    await send_reply(update, context, await asyncio.to_thread(svc.list_versions, actor_of(update)))


async def on_rollback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/rollback N: the change report of going back to version N, with 发布/取消."""
    svc = service(context)
    await send_reply(update, context, await svc.prepare_rollback(actor_of(update), " ".join(_args(context))))


async def on_remove(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/remove 文档: the change report of withdrawing a document, with 发布/取消."""
    svc = service(context)
    await send_reply(update, context, await svc.prepare_remove(actor_of(update), " ".join(_args(context))))


def _simple(method: str):  # type: ignore[no-untyped-def]
    """A handler calling AdminService.<method>(actor, args) and sending the reply."""

    async def handle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Run the admin command through the service and send its reply."""
        svc = service(context)
        reply = getattr(svc, method)(actor_of(update), _args(context))
        await send_reply(update, context, reply)

    handle.__doc__ = f"/{method}: AdminService.{method}, thin."
    return handle


async def on_stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stats: usage statistics."""
    svc = service(context)
    await send_reply(update, context, await asyncio.to_thread(svc.stats, actor_of(update)))


async def on_gaps(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/gaps: recent queries that found nothing."""
    svc = service(context)
    await send_reply(update, context, await asyncio.to_thread(svc.gaps, actor_of(update)))


async def on_audit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/audit: the latest admin actions."""
    svc = service(context)
    await send_reply(update, context, svc.audit_log(actor_of(update)))


async def on_callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The 发布 / 取消 buttons of a change report."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    reply = await service(context).on_callback(actor_of(update), query.data or "")
    await edit_or_send(update, context, reply)


async def poll_versions(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: reload when another worker (or the CLI) published a newer version."""
    versions: Versions = service(context).versions
    try:
        await asyncio.to_thread(versions.poll)
    except Exception:  # a DB hiccup must not kill the job; the next run retries
        log.exception("version poll failed")


def find_lexicon() -> object | None:
    """The search's runtime abbreviation lexicon (add/remove/entries), when the search module has one."""
    try:
        from knowledge import lexicon as module
    except ImportError:
        return None
    for name in ("default_lexicon", "get_lexicon", "shared_lexicon"):
        getter = getattr(module, name, None)
        if callable(getter):
            return getter()
    return getattr(module, "LEXICON", None)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Create the admin service, add the access guard (earliest group) and the admin handlers."""
    d = deps_of_app(app)
    if d.sessions is None:
        log.warning("no database: admin commands and the access list are disabled")
        return
    versions = Versions(d.sessions, d.state, d.settings.plans_dir, d.settings.max_upload_bytes)
    d.extra[SERVICE_KEY] = AdminService(d.settings, d.sessions, versions, find_lexicon(), d.settings.timezone)
    d.extra["access_guard"] = True  # handlers.common.allowed defers to the guard below
    app.add_handler(TypeHandler(Update, guard), group=GUARD_GROUP)
    app.add_handler(MessageHandler(filters.Document.ALL & filters.ChatType.PRIVATE, on_document))
    app.add_handler(CommandHandler("reload", on_reload))
    app.add_handler(CommandHandler("versions", on_versions))
    app.add_handler(CommandHandler("rollback", on_rollback))
    app.add_handler(CommandHandler("remove", on_remove))
    for name in ("admin", "alias", "unalias", "allow", "deny"):
        method = "admin_command" if name == "admin" else name
        app.add_handler(CommandHandler(name, _simple(method)))
    app.add_handler(CommandHandler("stats", on_stats))
    app.add_handler(CommandHandler("gaps", on_gaps))
    app.add_handler(CommandHandler("audit", on_audit))
    app.add_handler(CallbackQueryHandler(on_callback, pattern="^" + CALLBACK_PREFIX))


def deps_of_app(app: Application[Any, Any, Any, Any, Any, Any]):  # type: ignore[no-untyped-def]
    """The Deps stored in the application."""
    from bot.deps import get_deps

    return get_deps(app.bot_data)


async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start-up: serve the DB's live version (or publish the plans folder as version 1), apply stored
    aliases, and poll for versions published elsewhere."""
    d = deps_of_app(app)
    svc: AdminService | None = d.extra.get(SERVICE_KEY)
    if svc is None:
        return
    await asyncio.to_thread(svc.versions.start)
    svc.apply_stored_aliases()
    if app.job_queue is not None:
        app.job_queue.run_repeating(poll_versions, interval=POLL_SECONDS, first=POLL_SECONDS,
                                    name="kb-version-poll")


def console_setup(routes: Any, d: Any) -> None:
    """The console (a local terminal, run by whoever runs the bot) gets the admin commands with the
    CLI's rights, serves the DB's live version, and applies stored aliases; /import PATH uploads."""
    from pathlib import Path

    from bot.admin_service import CLI_NAME

    if d.sessions is None:
        return
    versions = Versions(d.sessions, d.state, d.settings.plans_dir, d.settings.max_upload_bytes)
    svc = AdminService(d.settings, d.sessions, versions, find_lexicon(), d.settings.timezone)
    d.extra[SERVICE_KEY] = svc
    versions.start()
    svc.apply_stored_aliases()
    actor = Actor(None, CLI_NAME)

    def split(arg: str) -> list[str]:
        return arg.split()

    def import_file(arg: str) -> Reply:
        path = Path(arg.strip()).expanduser()
        if not path.is_file():
            return Reply().line(f"找不到文件：{arg}。用法：/import 文件路径")
        refusal = svc.precheck_upload(actor, path.name, path.stat().st_size)
        return refusal or asyncio.run(svc.prepare_upload(actor, path.name, path.read_bytes()))

    routes.commands.update({
        "reload": lambda arg, who: asyncio.run(svc.prepare_reload(actor)),
        "import": lambda arg, who: import_file(arg),
        "versions": lambda arg, who: svc.list_versions(actor),
        "rollback": lambda arg, who: asyncio.run(svc.prepare_rollback(actor, arg)),
        "remove": lambda arg, who: asyncio.run(svc.prepare_remove(actor, arg)),
        "admin": lambda arg, who: svc.admin_command(actor, split(arg)),
        "alias": lambda arg, who: svc.alias(actor, split(arg)),
        "unalias": lambda arg, who: svc.unalias(actor, split(arg)),
        "allow": lambda arg, who: svc.allow(actor, split(arg)),
        "deny": lambda arg, who: svc.deny(actor, split(arg)),
        "stats": lambda arg, who: svc.stats(actor),
        "gaps": lambda arg, who: svc.gaps(actor),
        "audit": lambda arg, who: svc.audit_log(actor),
    })
    routes.callbacks[CALLBACK_PREFIX.rstrip(":")] = lambda data, who: asyncio.run(svc.on_callback(actor, data))
