"""The typed application data of the Telegram application: `context.services` in every handler and job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

if TYPE_CHECKING:
    from bot.services import BotServices


class AppData:
    """PTB's `bot_data`: the services, set once by the composition root (bot.app)."""

    services: BotServices


class PlanContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], AppData]):
    """The callback context of PlanBot's handlers and jobs."""

    @property
    def services(self) -> BotServices:
        """The application's services."""
        return self.bot_data.services


CONTEXT_TYPES = ContextTypes(context=PlanContext, bot_data=AppData)
