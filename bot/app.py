"""The Telegram application: defaults, rate limiter, proxy, handlers, error handler, command menu."""

from __future__ import annotations

import logging
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.deps import DEPS_KEY, Deps
from bot.kbstate import KnowledgeState
from bot.service import PlanService
from bot.settings import Settings

log = logging.getLogger(__name__)

ERROR_TEXT = "抱歉，处理您的请求时出错了，请稍后再试。"
# PTB refuses to build without a token; tests and the fake Bot API server accept this one.
PLACEHOLDER_TOKEN = "123456:PLANBOT-NO-TOKEN"


def handler_modules() -> list[ModuleType]:
    """The handler modules; each exposes `register(app)` and `COMMANDS` [(name, 中文说明)].

    A module may also expose `async post_init(app)` (run at start-up, after the menu is set).
    """
    from handlers import admin, chat, digest  # imported here: handlers import bot, not the reverse

    return [chat, digest, admin]


def all_commands(modules: list[ModuleType] | None = None) -> list[tuple[str, str]]:
    """Every public command with its Chinese description, in menu order, without duplicates."""
    seen: dict[str, str] = {}
    for module in modules if modules is not None else handler_modules():
        for name, desc in getattr(module, "COMMANDS", []):
            seen.setdefault(name, desc)
    return list(seen.items())


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception and tell the user, in Chinese, that something went wrong."""
    log.error("update %r failed", getattr(update, "update_id", update), exc_info=context.error)
    if isinstance(update, Update):
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(ERROR_TEXT[:200], show_alert=False)
            if update.effective_chat is not None and update.inline_query is None:
                await context.bot.send_message(update.effective_chat.id, ERROR_TEXT)
        except Exception:  # the apology itself may fail (blocked bot, network): only log
            log.exception("could not send the error message")


def build_application(settings: Settings, state: KnowledgeState,
                      sessions: sessionmaker[Session] | None = None, *,
                      request: BaseRequest | None = None, rate_limiter: bool = True,
                      modules: list[ModuleType] | None = None) -> Application[Any, Any, Any, Any, Any, Any]:
    """The PTB Application with every handler registered (`request` replaces HTTP, for tests)."""
    tz = ZoneInfo(settings.timezone)
    builder = (
        ApplicationBuilder()
        .token(settings.token or PLACEHOLDER_TOKEN)
        .defaults(Defaults(parse_mode="HTML", tzinfo=tz,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(_post_init)
    )
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_file_url:
        builder = builder.base_file_url(settings.api_file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    elif settings.proxy_url:
        builder = builder.proxy(settings.proxy_url).get_updates_proxy(settings.proxy_url)
    app = builder.build()
    app.bot_data[DEPS_KEY] = Deps(settings=settings, state=state, sessions=sessions,
                                  service=PlanService(state, sessions))
    mods = modules if modules is not None else handler_modules()
    app.bot_data["modules"] = mods
    for module in mods:
        module.register(app)
    app.add_error_handler(error_handler)
    return app


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Set the command menu (Chinese descriptions), learn the bot's username, run module hooks."""
    mods: list[ModuleType] = app.bot_data.get("modules", [])
    await app.bot.set_my_commands([BotCommand(name, desc) for name, desc in all_commands(mods)])
    deps: Deps = app.bot_data[DEPS_KEY]
    deps.service.bot_username = app.bot.username
    for module in mods:
        hook = getattr(module, "post_init", None)
        if hook is not None:
            await hook(app)
