"""The composition root: settings, storage, the knowledge state, the services and the Telegram
application, built in one place; the only module of `bot/` that wires in `handlers/` and `jobs/`.

`assemble()` is used by `planbot run`, the console (`planbot console`, `ask`, `reload`, `import`)
and the tests (tests/harness.py).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

import handlers
import jobs
from bot.commands import menu
from bot.context import CONTEXT_TYPES
from bot.kbstate import KnowledgeState
from bot.registry import DB_BUSY
from bot.services import BotServices
from bot.settings import Settings, get_settings
from bot.storage import base as storage_base
from bot.storage import make_engine, make_sessionmaker, migrate

log = logging.getLogger(__name__)

ERROR_TEXT = "抱歉，处理您的请求时出错了，请稍后再试。"
# PTB refuses to build without a token; tests and the fake Bot API server accept this one.
PLACEHOLDER_TOKEN = "123456:PLANBOT-NO-TOKEN"

App = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class Assembly:
    """What `assemble` built: the settings, the services, the database engine (if opened here), the app."""

    settings: Settings
    services: BotServices
    engine: Engine | None = None
    application: App | None = None

    def serve_live_version(self) -> None:
        """Serve the database's live knowledge-base version (publishing the plans folder as version 1
        when there is none) and apply the stored aliases; the Telegram app does this at start-up."""
        if self.services.admin is not None:
            self.services.admin.start()

    def close(self) -> None:
        """Release the database connections opened here."""
        if self.engine is not None:
            self.engine.dispose()


def assemble(settings: Settings | None = None, *, state: KnowledgeState | None = None,
             sessions: sessionmaker[Session] | None = None, database: bool = True, telegram: bool = True,
             request: BaseRequest | None = None, rate_limiter: bool = True) -> Assembly:
    """Build everything the bot needs.

    settings: the environment's by default. sessions: a database of the caller's; otherwise, with
    `database`, the settings' database is migrated and opened. state: the plans folder's knowledge
    base by default. telegram: also build the Telegram application (`request` replaces its HTTP
    layer in tests; `rate_limiter=False` leaves out PTB's AIORateLimiter).
    """
    settings = settings or get_settings()
    engine = None
    if sessions is None and database:
        migrate(settings.database_url)
        engine = make_engine(settings.database_url, busy_ms=settings.db_busy_ms)
        sessions = make_sessionmaker(engine)
    storage_base.BUSY_RETRY_SECONDS = settings.db_retry_seconds
    if state is None:
        state = KnowledgeState.from_plans(settings.plans_dir, limits=settings.build_limits().read)
    services = BotServices.create(settings, state, sessions)
    application = build_application(services, request=request, rate_limiter=rate_limiter) if telegram else None
    return Assembly(settings, services, engine, application)


def build_application(services: BotServices, *, request: BaseRequest | None = None,
                      rate_limiter: bool = True) -> App:
    """The PTB Application over `services`, with every handler registered and the jobs started at start-up."""
    settings = services.settings
    builder = (
        ApplicationBuilder()
        .token(settings.token or PLACEHOLDER_TOKEN)
        .defaults(Defaults(parse_mode="HTML", tzinfo=ZoneInfo(settings.timezone),
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .context_types(CONTEXT_TYPES)
        .post_init(_post_init)
    )
    if rate_limiter:
        # The one layer that waits out flood control (RetryAfter) for replies and digests alike.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_file_url:
        builder = builder.base_file_url(settings.api_file_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    elif settings.proxy_url:
        builder = builder.proxy(settings.proxy_url).get_updates_proxy(settings.proxy_url)
    app: App = builder.build()
    app.bot_data.services = services
    handlers.register(app)
    app.add_error_handler(error_handler)
    return app


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception and tell the user, in Chinese, that something went wrong."""
    log.error("update %r failed", getattr(update, "update_id", update), exc_info=context.error)
    text = DB_BUSY if context.error is not None and storage_base.is_busy(context.error) else ERROR_TEXT
    if isinstance(update, Update):
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text[:200], show_alert=False)
            if update.effective_chat is not None and update.inline_query is None:
                await context.bot.send_message(update.effective_chat.id, text)
        except Exception:  # the apology itself may fail (blocked bot, network): only log
            log.exception("could not send the error message")


async def _post_init(app: App) -> None:
    """Set the command menu (Chinese descriptions), learn the bot's username, serve the live
    knowledge-base version, start the jobs."""
    services: BotServices = app.bot_data.services
    await app.bot.set_my_commands([BotCommand(name, desc) for name, desc in menu()])
    services.bot_username = app.bot.username
    if services.admin is not None:
        await asyncio.to_thread(services.admin.start)
    jobs.start(app)
