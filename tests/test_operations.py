"""Operations: migrations (up, down, concurrent, the stock alembic command), the default database path,
JSON-lines logs, metrics."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot import logs, metrics
from bot.settings import Settings
from bot.storage import Base, make_engine, migrate
from bot.storage.base import current_revision, downgrade

ROOT = Path(__file__).resolve().parent.parent


def _chain() -> tuple[str, str]:
    """(the head revision, the one before it), read from the migrations (robust to the chain's order)."""
    from alembic.script import ScriptDirectory

    from bot.storage.base import MIGRATIONS_DIR, alembic_config

    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert MIGRATIONS_DIR.is_dir()
    head = script.get_current_head()
    assert head is not None
    previous = script.get_revision(head).down_revision
    assert isinstance(previous, str)
    return head, previous


HEAD, BEFORE_HEAD = _chain()


def _before(revision: str) -> str:
    from alembic.script import ScriptDirectory

    from bot.storage.base import alembic_config

    down = ScriptDirectory.from_config(alembic_config("sqlite://")).get_revision(revision).down_revision
    assert isinstance(down, str)
    return down


BEFORE_PROD = _before("0006_prod")


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_migrations_match_the_models_and_go_down_and_up(backend: str, request: pytest.FixtureRequest,
                                                       tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/m.db" if backend == "sqlite" else str(request.getfixturevalue("pg_url"))
    migrate(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            diffs = [d for d in compare_metadata(MigrationContext.configure(conn), Base.metadata)
                     if d[0] not in ("remove_index",)]  # SQLite reflects some indexes differently
            assert [d for d in diffs if d[0] in ("add_table", "remove_table", "add_column", "remove_column")] == []
        assert current_revision(url) == HEAD
        downgrade(url, BEFORE_HEAD)
        assert current_revision(url) == BEFORE_HEAD
        downgrade(url, BEFORE_PROD)  # below this branch's migration: its tables are gone
        assert not {"button_keys", "update_claims"} & set(inspect(engine).get_table_names())
        downgrade(url, "base")
        assert current_revision(url) is None
        migrate(url)
        assert current_revision(url) == HEAD and set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_workers_starting_together_migrate_a_new_database_once(pg_available: bool) -> None:
    if not pg_available:
        pytest.skip("PostgreSQL unreachable")
    import uuid

    from sqlalchemy import text

    from tests.conftest import PG_BASE_URL

    schema = "m_" + uuid.uuid4().hex[:10]
    admin = make_engine(PG_BASE_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{PG_BASE_URL}?options=-csearch_path%3D{schema}"
    errors: list[BaseException] = []

    def start() -> None:
        try:
            migrate(url)
        except BaseException as exc:  # noqa: BLE001 (collected for the assertion)
            errors.append(exc)

    try:
        threads = [threading.Thread(target=start) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == [] and current_revision(url) == HEAD
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.mark.slow
def test_the_stock_alembic_command_works_with_alembic_ini(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
    env["PLANBOT_DATA_DIR"] = str(tmp_path)
    alembic = [sys.executable, "-m", "alembic", "-c", str(ROOT / "alembic.ini")]
    up = subprocess.run([*alembic, "upgrade", "head"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert up.returncode == 0, up.stderr
    assert current_revision(f"sqlite:///{tmp_path}/planbot.db") == HEAD
    down = subprocess.run([*alembic, "downgrade", BEFORE_HEAD], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert down.returncode == 0, down.stderr
    assert current_revision(f"sqlite:///{tmp_path}/planbot.db") == BEFORE_HEAD


def test_the_default_database_is_absolute_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANBOT_DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    default = Settings(_env_file=None)
    assert default.database_url.startswith("sqlite:////") and default.database_url.endswith("/data/planbot.db")
    assert Path(default.database_url.removeprefix("sqlite:///")).is_absolute()
    assert str(tmp_path) not in default.database_url  # not the working directory
    chosen = Settings(_env_file=None, data_dir=tmp_path / "d")
    assert chosen.database_url == f"sqlite:///{tmp_path / 'd' / 'planbot.db'}"
    assert chosen.heartbeat_file == tmp_path / "d" / "heartbeat.json"
    relative = Settings(_env_file=None, data_dir="rel")
    assert relative.data_dir == tmp_path / "rel"


def test_json_lines_logs() -> None:
    stream = io.StringIO()
    logs.configure("json", stream=stream)
    try:
        log = logging.getLogger("planbot.test")
        log.info("你好 %s", "世界", extra={"update_id": 42})
        try:
            raise ValueError("坏了")
        except ValueError:
            log.exception("失败")
        logging.getLogger("apscheduler.executors.default").info("Running job (chatter)")
        lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        logs.configure("text")
    assert lines[0]["message"] == "你好 世界" and lines[0]["update_id"] == 42 and lines[0]["level"] == "INFO"
    assert "ValueError: 坏了" in lines[1]["exception"]
    assert len(lines) == 2  # the scheduler's per-run chatter is below WARNING


def test_metrics_exposition_names_every_family() -> None:
    metrics.answered(True)
    metrics.answered(False)
    body, content_type = metrics.exposition()
    text = body.decode()
    for name in ("planbot_updates_total", "planbot_update_seconds_bucket", "planbot_answers_total",
                 "planbot_errors_total", "planbot_digests_total"):
        assert name in text or name.replace("_total", "") in text, name
    assert 'planbot_answers_total{result="not_found"}' in text and content_type.startswith("text/plain")
