"""Fixtures for the admin tests: a migrated SQLite DB, a plans folder copy, Versions, AdminService
(`bundled_kb` comes from tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.admin_service import AdminService
from bot.kbstate import KnowledgeState
from bot.settings import Settings
from bot.storage.base import make_engine, make_sessionmaker, migrate
from bot.versions import Versions
from knowledge.builder import BUNDLED_PLANS
from knowledge.models import KnowledgeBase
from tests.admin.helpers import ADMIN, FakeLexicon


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty SQLite file, copied by each test (migrating once keeps tests fast)."""
    path = tmp_path_factory.mktemp("dbtemplate") / "template.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled plans folder."""
    target = tmp_path / "plans"
    shutil.copytree(BUNDLED_PLANS, target)
    return target


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, migrated_template: Path) -> str:
    """A fresh migrated database for one test: every admin test runs on SQLite and on PostgreSQL."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_db"))
    path = tmp_path / "planbot.db"
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def settings(plans_dir: Path, db_url: str) -> Settings:
    """Settings with one configured admin and the copied plans folder."""
    return Settings(token=None, admin_ids=[ADMIN.id], plans_dir=plans_dir, database_url=db_url,
                    max_upload_bytes=2 * 1024 * 1024, _env_file=None)


@pytest.fixture
def world(settings: Settings, bundled_kb: KnowledgeBase):  # type: ignore[no-untyped-def]
    """(state, versions, admin service), started: version 1 published from the plans folder."""
    engine = make_engine(settings.database_url)
    sessions = make_sessionmaker(engine)
    state = KnowledgeState(bundled_kb.model_copy(deep=True), version=0)
    versions = Versions(sessions, state, settings.plans_dir, settings.max_upload_bytes)
    versions.start()
    service = AdminService(settings, sessions, versions, FakeLexicon())
    yield state, versions, service
    engine.dispose()
