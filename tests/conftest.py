"""Shared fixtures: the bundled knowledge base (built once), databases (SQLite, PostgreSQL), the bot harness.

- `kb_state`: a KnowledgeState over the bundled plans, built once per session (treat as read-only;
  tests that swap must use `fresh_state`).
- `sqlite_url`: a migrated SQLite file in tmp_path; `pg_url`: a migrated, private PostgreSQL schema
  of the test's own (for migration tests; skipped when the server is unreachable, unless env CI is
  set: then it fails); `pg_db`: the session's migrated PostgreSQL schema, emptied for the test
  (TRUNCATE: ~20 ms instead of ~450 ms for a schema of its own).
- `db_url`: parametrised over both backends (SQLite file, `pg_db`); `sessions`: a sessionmaker on
  `db_url`, so every test that uses a database runs on SQLite and on PostgreSQL.
- `settings`: Settings that ignore the environment and .env (no token, open access, admin 900).
- `bot_harness`: a started `tests.harness.BotHarness` over `kb_state` and SQLite.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.kbstate import KnowledgeState
from bot.settings import Settings
from bot.storage import make_engine, make_sessionmaker, migrate
from knowledge.builder import BUNDLED_PLANS, build_bundled

PG_BASE_URL = os.environ.get("PLANBOT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ADMIN_ID = 900


@pytest.fixture(scope="session")
def bundled_kb():  # type: ignore[no-untyped-def]
    """The knowledge base of the bundled plans (built once per test session)."""
    return build_bundled()


@pytest.fixture(scope="session")
def kb_state(bundled_kb) -> KnowledgeState:  # type: ignore[no-untyped-def]
    """A shared KnowledgeState over the bundled plans (do not swap it)."""
    return KnowledgeState(bundled_kb)


@pytest.fixture
def fresh_state(bundled_kb) -> KnowledgeState:  # type: ignore[no-untyped-def]
    """A KnowledgeState of your own (swap freely)."""
    return KnowledgeState(bundled_kb)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings independent of the environment: no token, open access, SQLite in tmp_path."""
    return Settings(_env_file=None, token=None, admin_ids=[ADMIN_ID], database_url=f"sqlite:///{tmp_path}/bot.db",
                    plans_dir=BUNDLED_PLANS, access="open", api_base_url=None, api_file_url=None,
                    proxy_url=None)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty SQLite file, copied by each test (migrating once keeps tests fast)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A freshly migrated SQLite database file (a copy of the session's template)."""
    path = tmp_path / "planbot.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_BASE_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=2):
            return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    """Whether the test PostgreSQL server answers."""
    return _pg_available()


@pytest.fixture
def pg_url(pg_available: bool) -> Iterator[str]:
    """A migrated PostgreSQL schema of its own (dropped afterwards), as a SQLAlchemy URL."""
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_BASE_URL} is unreachable and CI is set")
        pytest.skip("PostgreSQL unreachable")
    from sqlalchemy import text

    schema = "t_" + uuid.uuid4().hex[:12]
    admin = make_engine(PG_BASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_BASE_URL}?options=-csearch_path%3D{schema}"
    try:
        migrate(url)
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def private_digest_lock() -> Iterator[None]:
    """A digest-scheduler advisory lock key of this test session's own: PostgreSQL advisory locks are
    database-wide, so another test run (or a benchmark) on the same server would otherwise hold "the"
    scheduler lock and make this run's digest tests find themselves locked out."""
    import random

    from jobs import delivery

    saved = delivery.ADVISORY_KEY
    delivery.ADVISORY_KEY = random.randrange(1 << 40, 1 << 62)
    yield
    delivery.ADVISORY_KEY = saved


@pytest.fixture(scope="session")
def pg_schema(pg_available: bool) -> Iterator[str]:
    """One migrated PostgreSQL schema for the whole test session (a URL); `pg_db` empties it per test."""
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_BASE_URL} is unreachable and CI is set")
        pytest.skip("PostgreSQL unreachable")
    from sqlalchemy import text

    schema = "s_" + uuid.uuid4().hex[:12]
    admin = make_engine(PG_BASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_BASE_URL}?options=-csearch_path%3D{schema}"
    try:
        migrate(url)
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def pg_db(pg_schema: str) -> str:
    """The session's PostgreSQL schema with every table emptied (identities restarted) for this test.

    DELETE, children first, and sequences restarted: ~20 ms on these small tables, where TRUNCATE takes
    ~250 ms (it makes new files for every table)."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from bot.storage import Base

    engine = make_engine(pg_schema)
    try:
        for attempt in range(3):
            try:
                with engine.begin() as conn:
                    # A test that left a transaction open would make this wait forever: fail instead.
                    conn.execute(text("SET LOCAL lock_timeout = '10s'"))
                    for table in reversed(Base.metadata.sorted_tables):
                        conn.execute(text(f'DELETE FROM "{table.name}"'))
                    for sequence in conn.execute(text("SELECT sequence_name FROM information_schema.sequences "
                                                      "WHERE sequence_schema = current_schema()")).scalars():
                        conn.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
                break
            except OperationalError as exc:
                # The previous test's bot may still be finishing a write to the same rows on a loaded
                # machine: PostgreSQL breaks the deadlock by aborting this emptying, which is then redone.
                if "deadlock" not in str(exc) or attempt == 2:
                    raise
    finally:
        engine.dispose()
    return pg_schema


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A migrated database URL, once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_db"
    return str(request.getfixturevalue(name))


@pytest.fixture
def sessions(db_url: str):  # type: ignore[no-untyped-def]
    """A sessionmaker on a migrated database: each test using it runs on SQLite and on PostgreSQL."""
    engine = make_engine(db_url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
async def bot_harness(settings: Settings, kb_state: KnowledgeState, sessions) -> AsyncIterator:  # type: ignore[no-untyped-def]
    """A ready BotHarness (real Application, fake Bot API) over the bundled plans and SQLite."""
    from tests.harness import BotHarness

    harness = await BotHarness.create(settings, kb_state, sessions)
    yield harness
    await harness.close()
