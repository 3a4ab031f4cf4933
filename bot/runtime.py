"""Start-up shared by `planbot run`, `console` and `ask`: migrate, open the DB, load the knowledge base."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine

from bot.console import ConsoleRoutes
from bot.deps import Deps
from bot.kbstate import KnowledgeState
from bot.service import PlanService
from bot.settings import Settings
from bot.storage import make_engine, make_sessionmaker, migrate

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    """The opened database and the loaded knowledge base."""

    settings: Settings
    engine: Engine
    deps: Deps

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def load_state(settings: Settings) -> KnowledgeState:
    """The knowledge base to serve: the plans folder (the admin module may add DB snapshots)."""
    return KnowledgeState.from_plans(settings.plans_dir)


def open_runtime(settings: Settings) -> Runtime:
    """Migrate the database to the latest schema, then load the knowledge base."""
    migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    state = load_state(settings)
    deps = Deps(settings=settings, state=state, sessions=sessions, service=PlanService(state, sessions))
    return Runtime(settings=settings, engine=engine, deps=deps)


def console_routes(deps: Deps) -> ConsoleRoutes:
    """Console routes of every handler module (modules may expose `console_setup(routes, deps)`)."""
    from bot.app import handler_modules

    routes = ConsoleRoutes(service=deps.service)
    for module in handler_modules():
        setup = getattr(module, "console_setup", None)
        if setup is not None:
            setup(routes, deps)
    return routes
