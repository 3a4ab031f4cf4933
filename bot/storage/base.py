"""SQLAlchemy 2 base class, engine and session factories, and migrations to the latest schema."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, sessionmaker
from sqlalchemy.types import TypeDecorator

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
log = logging.getLogger(__name__)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite drops tzinfo on its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        """Store as UTC; naive values are taken to be UTC already."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: object) -> dt.datetime | None:
        """Give back an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC (default for timestamp columns)."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    """The declarative base of every PlanBot table (chat, digests, admin)."""


def _sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for memory/other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def make_engine(url: str, *, busy_ms: int = 5000, **kwargs: object) -> Engine:
    """An engine for `url`; for SQLite files the parent folder is created and foreign keys enforced.
    `busy_ms`: how long one SQLite statement waits for another writer's lock before failing (a
    write that still fails is retried by `retry_on_busy` and the command registry)."""
    path = _sqlite_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True, **kwargs)  # type: ignore[arg-type]
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # SQLite ignores foreign keys unless asked, and waits instead of failing on a busy file.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
            if path is not None:
                # WAL: readers never block the writer, and a commit costs no full fsync.
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


# How long a write waits, in all, for a busy database before it gives up (set from the settings).
BUSY_RETRY_SECONDS = 30.0
_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy", "could not obtain lock",
               "lock timeout", "deadlock detected", "could not serialize")
T = TypeVar("T")


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means "another writer holds the lock" (worth retrying), not a fault."""
    if not isinstance(exc, OperationalError | DBAPIError):
        return False
    text = str(getattr(exc, "orig", exc) or exc).lower()
    return any(word in text for word in _BUSY_WORDS)


def retry_on_busy(fn: Callable[[], T], *, seconds: float | None = None,
                  sleep: Callable[[float], None] = time.sleep) -> T:
    """Run `fn` (one whole unit of work: it opens and commits its own session), again after a
    short pause while the database is busy, for up to `seconds` (BUSY_RETRY_SECONDS); then the
    last error is raised. For worker threads and the CLI: it sleeps."""
    limit = BUSY_RETRY_SECONDS if seconds is None else seconds
    started, pause = time.monotonic(), 0.05
    while True:
        try:
            return fn()
        except DBAPIError as exc:
            if not is_busy(exc) or time.monotonic() - started + pause > limit:
                raise
            log.warning("database busy (%s): retrying in %.2f s", str(exc.orig)[:80], pause)
            sleep(pause)
            pause = min(pause * 2, 2.0)


def busy_retried(method: Callable[..., T]) -> Callable[..., T]:
    """Decorate a method that is one unit of work so a busy database retries it (`retry_on_busy`)."""

    @functools.wraps(method)
    def wrapper(*args: object, **kwargs: object) -> T:
        return retry_on_busy(lambda: method(*args, **kwargs))

    return wrapper


def make_sessionmaker(engine: Engine) -> sessionmaker:  # type: ignore[type-arg]
    """A session factory bound to `engine` (objects stay readable after commit)."""
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


def alembic_config(url: str):  # type: ignore[no-untyped-def]
    """An Alembic Config pointing at bot/migrations and at `url` (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # ConfigParser interpolation: a literal % in passwords must be doubled.
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(url: str, revision: str = "head", *, init_empty: bool = False) -> None:
    """Upgrade the database at `url` to `revision` (default: the latest), creating it if it is new.

    A database that is not a valid PlanBot database raises DatabaseRefused (bot.storage.opening):
    it is never silently replaced. A SQLite file that does not exist is created atomically; an
    existing 0-byte file is refused unless `init_empty` (the operator says it is a new install).
    """
    from alembic import command

    from bot.storage.opening import (
        check_server_database,
        check_sqlite_file,
        create_sqlite_atomically,
        sqlite_path,
    )

    def upgrade(target: str) -> None:
        command.upgrade(alembic_config(target), revision)

    path = sqlite_path(url)
    if path is not None:
        if not path.exists() and create_sqlite_atomically(path, upgrade):
            return
        check_sqlite_file(path, allow_empty=init_empty)
    elif make_url(url).get_backend_name() != "sqlite":
        check_server_database(url)
    upgrade(url)
