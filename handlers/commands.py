"""Telegram handlers generated from the command registry: one per command, one per kind of button."""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callback_data import Record
from bot.commands import BUTTONS, COMMANDS, ROUTES, available
from bot.context import PlanContext
from bot.registry import (
    ButtonRoute,
    Command,
    Request,
    execute,
    expired,
    misplaced,
    permitted,
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

    handle.__doc__ = f"/{command.name}: {command.description}"
    return handle


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


def button_handler(route: ButtonRoute) -> Handler:
    """The handler of one kind of button (one callback prefix)."""

    async def handle(update: Update, context: PlanContext) -> None:
        """Decode the pressed button's data and run its route."""
        query = update.callback_query
        record = context.services.codec.decode(query.data or "") if query is not None else None
        await _press(update, context, route if isinstance(record, route.record) else None, record)

    handle.__doc__ = f"Buttons {route.record.PREFIX}: — {route.record.__doc__}"
    return handle


async def on_other_button(update: Update, context: PlanContext) -> None:
    """Any other button: long data kept under an overflow key, or data that is unknown or expired."""
    query = update.callback_query
    record = context.services.codec.decode(query.data or "") if query is not None else None
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
