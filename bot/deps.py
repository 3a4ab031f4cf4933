"""What every handler needs, stored once in `application.bot_data["deps"]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.kbstate import KnowledgeState
from bot.service import PlanService
from bot.settings import Settings

DEPS_KEY = "deps"


@dataclass
class Deps:
    """Settings, the knowledge state, the DB session factory and the services.

    Other modules keep their own services in `extra` (e.g. extra["digests"], extra["admin"]).
    """

    settings: Settings
    state: KnowledgeState
    sessions: sessionmaker[Session] | None
    service: PlanService
    extra: dict[str, Any] = field(default_factory=dict)


def get_deps(bot_data: Any) -> Deps:
    """The Deps of an application, from `context.bot_data` or `application.bot_data`."""
    return bot_data[DEPS_KEY]  # type: ignore[no-any-return]
