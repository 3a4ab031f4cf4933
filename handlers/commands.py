"""Telegram handlers generated from the command registry: one per command, one per kind of button."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callback_data import Record
from bot.callback_fields import OVERFLOW_MARK
from bot.commands import BUTTONS, BY_NAME, COMMANDS, ROUTES, available
from bot.context import PlanContext
from bot.registry import (
    ButtonRoute,
    Command,
    Request,
    execute,
    expired,
    misplaced,
    permitted,
    redirected,
    refusal,
    run_button,
)
from bot.render import clean
from bot.replies import Reply
from handlers.common import edit_or_send, finish, group_admin_check, progress_message, send_reply, who

Handler = Callable[[Update, PlanContext], Coroutine[Any, Any, None]]


def command_handler(command: Command) -> Handler:
    """The handler of one registry command: check who may use it, run it, send what it returns."""

    async def handle(update: Update, context: PlanContext) -> None:
        """Run the command through the service layer and send its reply (thin: the registry decides)."""
        message = update.effective_message
        if message is None or update.effective_chat is None:
            return
        services = context.services
        req = Request(services, who(update), clean((message.text or "").partition(" ")[2]).strip())
        # A /start deep link runs the command it names (with that command's own checks).
        await _run_command(update, context, redirected(command, req, BY_NAME), req)

    handle.__doc__ = f"/{command.name}: {command.description}"
    return handle


async def _run_command(update: Update, context: PlanContext, command: Command, req: Request) -> None:
    """Check where and by whom the command may be used, run it, send its reply (with progress if it has one)."""
    services = context.services
    wrong_place = misplaced(command, req.who)
    if wrong_place is not None:
        await send_reply(update, context, wrong_place)
        return
    if not await permitted(services, command.access, req.who, group_admin_check(update, context)):
        await send_reply(update, context, refusal(services, command.access, command.name, req))
        return
    if command.progress is None:
        await send_reply(update, context, await execute(command, req))
        return
    sent, req.progress = await progress_message(update, command.progress)
    await finish(update, context, sent, await execute(command, req))


async def _press(update: Update, context: PlanContext, route: ButtonRoute | None, record: Record | None) -> None:
    """Answer a pressed button with its route's reply (or "expired" when the data means nothing now)."""
    query = update.callback_query
    if query is None:
        return
    if route is None or record is None:
        await query.answer()
        await edit_or_send(update, context, expired())
        return
    if not route.toast:
        await query.answer()
    req = Request(context.services, who(update), query.data or "")
    reply: Reply = await run_button(route, record, req, group_admin_check(update, context))
    if route.toast:
        await query.answer(reply.toast[:200] or None)
    if reply.blocks or reply.buttons or reply.photo or reply.document or reply.notices:
        await edit_or_send(update, context, reply)


async def pressed_record(update: Update, context: PlanContext) -> Record | None:
    """The record behind the pressed button: self-contained data decoded here, a key looked up (off the
    event loop) for the chat it is pressed in; None for anything unknown, invalid or another chat's."""
    query = update.callback_query
    if query is None:
        return None
    data = query.data or ""
    codec = context.services.codec
    if not data.startswith(OVERFLOW_MARK):
        return codec.decode(data)
    chat = update.effective_chat
    return await asyncio.to_thread(codec.expand, chat.id if chat is not None else None, data)


def button_handler(route: ButtonRoute) -> Handler:
    """The handler of one kind of button (one callback prefix)."""

    async def handle(update: Update, context: PlanContext) -> None:
        """Decode the pressed button's data and run its route."""
        record = await pressed_record(update, context)
        await _press(update, context, route if isinstance(record, route.record) else None, record)

    handle.__doc__ = f"Buttons {route.record.PREFIX}: — {route.record.__doc__}"
    return handle


async def on_other_button(update: Update, context: PlanContext) -> None:
    """Any other button: long data kept under an overflow key, or data that is unknown or expired."""
    record = await pressed_record(update, context)
    await _press(update, context, ROUTES.get(type(record)) if record is not None else None, record)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add a handler for every registry command offered in Telegram and for every kind of button."""
    services = app.bot_data.services
    for command in COMMANDS:
        if command.telegram and available(command, services):
            app.add_handler(CommandHandler(command.name, command_handler(command)))
    for route in BUTTONS:
        app.add_handler(CallbackQueryHandler(button_handler(route), pattern=f"^{re.escape(route.record.PREFIX)}:"))
    app.add_handler(CallbackQueryHandler(on_other_button))
