"""Start no matter what: corrupt local state never stops the bot from starting, and a database that
cannot be trusted is refused with a clear message and left untouched.

A database with two published versions is damaged one way at a time (a parse-cache row, a source
row, a source's bytes, a version's file list, a plan file), then a new process starts on it: it
serves the newest version that verifies and warns the admins; `planbot ask` answers."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot import cli
from bot.kbstate import KnowledgeState
from bot.settings import get_settings
from bot.storage import admin as store
from bot.storage import make_engine, make_sessionmaker, migrate
from bot.storage.opening import DatabaseRefused
from bot.versions import Versions
from jobs.notices import take_notices
from knowledge.builder import BUNDLED_PLANS
from knowledge.models import KnowledgeBase

EXTRA = "\n（九）新增一项测试任务，2026年底前完成。\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A database whose version 1 is the plans folder and version 2 adds a line to the last plan,
    and that plans folder (built once; each test gets copies)."""
    folder = tmp_path_factory.mktemp("two-versions")
    plans = folder / "plans"
    shutil.copytree(BUNDLED_PLANS, plans)
    url = f"sqlite:///{folder}/bot.db"
    migrate(url)
    engine = make_engine(url)
    versions = Versions(make_sessionmaker(engine), KnowledgeState(KnowledgeBase(), version=0), plans)
    assert versions.start() == 1
    last = sorted(plans.iterdir())[-1]
    last.write_text(last.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    refs, blobs = versions.reload_candidate()
    draft = versions.make_draft("reload", refs, versions.build(refs, blobs), author_id=1, author_name="a", blobs=blobs)
    assert versions.publish(draft.id, 1, "a") == 2
    engine.dispose()
    with sqlite3.connect(folder / "bot.db") as conn:  # one self-contained file to copy
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return folder / "bot.db", plans


@pytest.fixture
def plans(tmp_path: Path, built: tuple[Path, Path]) -> Path:
    target = tmp_path / "plans"
    shutil.copytree(built[1], target)
    return target


@pytest.fixture
def two_versions(tmp_path: Path, built: tuple[Path, Path]) -> str:
    shutil.copy(built[0], tmp_path / "bot.db")
    return f"sqlite:///{tmp_path}/bot.db"


def restart(url: str, plans: Path, *, folder: bool = True) -> tuple[Versions, int]:
    """A new process on the same database and plans folder: (its versions, the version it serves);
    `folder=False` starts from nothing (as `planbot reload` does), so every source is loaded from the DB."""
    sessions = make_sessionmaker(make_engine(url))
    state = KnowledgeState.from_plans(plans, version=0) if folder else KnowledgeState(KnowledgeBase(), version=0)
    versions = Versions(sessions, state, plans)
    return versions, versions.start()


def has_extra(kb: KnowledgeBase) -> bool:
    return any("新增一项测试任务" in line for lines in kb.texts.values() for line in lines)


def newest_sources(url: str) -> list[dict[str, str]]:
    sessions = make_sessionmaker(make_engine(url))
    with sessions() as session:
        return store.latest_version(session).sources()  # type: ignore[union-attr]


def execute(url: str, sql: str, *params: object) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute(sql, params)


def test_intact_database_serves_the_newest_version(two_versions: str, plans: Path) -> None:
    versions, number = restart(two_versions, plans)
    assert number == 2 and not versions.warnings


def test_corrupt_parse_cache_row_is_dropped_and_reparsed(two_versions: str, plans: Path) -> None:
    execute(two_versions, "UPDATE kb_parse_cache SET kb_json = '{\"documents\": [garbled'")
    versions, number = restart(two_versions, plans, folder=False)
    assert number == 2 and not versions.warnings
    assert has_extra(versions.state.kb)
    live = {s["sha256"] for s in newest_sources(two_versions)}
    with versions.sessions() as session:
        rows = [row for row in session.query(store.KbParseCache) if row.sha256 in live]
    assert len(rows) == 5 and all("garbled" not in row.kb_json for row in rows)


@pytest.mark.parametrize("damage", ["missing source row", "garbled bytes", "garbled file list", "file list of wrong shape"])
def test_damaged_newest_version_falls_back_with_a_warning(two_versions: str, plans: Path, damage: str) -> None:
    changed = next(s for s in newest_sources(two_versions) if s["name"] == sorted(os.listdir(plans))[-1])
    if damage == "missing source row":
        execute(two_versions, "DELETE FROM kb_sources WHERE sha256 = ?", changed["sha256"])
    elif damage == "garbled bytes":
        execute(two_versions, "UPDATE kb_sources SET data = ? WHERE sha256 = ?", b"garbled", changed["sha256"])
    elif damage == "garbled file list":
        execute(two_versions, "UPDATE kb_versions SET sources_json = '[{\"name\": ' WHERE number = 2")
    else:
        execute(two_versions, "UPDATE kb_versions SET sources_json = '{\"a\": 1}' WHERE number = 2")
    execute(two_versions, "DELETE FROM kb_parse_cache")  # a new builder: everything must be re-parsed
    versions, number = restart(two_versions, plans)
    assert number == 1
    assert versions.state.version == 1 and len(versions.state.kb.documents) == 5
    assert not has_extra(versions.state.kb)
    text = "\n".join(versions.warnings)
    assert "版本 2 无法载入" in text and "已改用版本 1" in text
    assert versions.poll() is False  # the broken head is not retried every poll


def test_no_version_verifies_keeps_serving_the_plans_folder(two_versions: str, plans: Path) -> None:
    execute(two_versions, "DELETE FROM kb_sources")
    execute(two_versions, "DELETE FROM kb_parse_cache")
    versions, number = restart(two_versions, plans)
    assert len(versions.state.kb.documents) == 5
    assert "没有可用的已发布版本" in "\n".join(versions.warnings)


def test_unreadable_plan_files_are_skipped_at_first_start(tmp_path: Path, plans: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    (plans / "乱码.txt").write_bytes(os.urandom(3000))
    (plans / "无权限.txt").write_text("一、总则", encoding="utf-8")
    original = Path.read_bytes

    def read_bytes(path: Path) -> bytes:  # as when the file's permissions shut the bot out
        if path.name == "无权限.txt":
            raise PermissionError(13, "Permission denied")
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    url = f"sqlite:///{tmp_path}/new.db"
    migrate(url)
    versions, number = restart(url, plans)
    assert number == 1 and len(versions.state.kb.documents) == 5
    text = "\n".join(versions.warnings)
    assert "乱码.txt" in text and "无权限.txt" in text and "已跳过" in text
    assert len(KnowledgeState.from_plans(plans).skipped) == 2


def test_admins_are_warned_once_and_it_is_audited(two_versions: str, plans: Path) -> None:
    execute(two_versions, "DELETE FROM kb_parse_cache")
    execute(two_versions, "UPDATE kb_sources SET data = ? WHERE sha256 = ?", b"x",
            newest_sources(two_versions)[-1]["sha256"])
    versions, _ = restart(two_versions, plans)

    class Services:
        admin = type("A", (), {"versions": versions})()
        sessions = versions.sessions

    lines = take_notices(Services)
    assert lines and "版本 2" in lines[0] and take_notices(Services) == []
    with versions.sessions() as session:
        assert session.query(store.AuditEntry).filter_by(action="startup").count() == 1


# ----- the database file itself ------------------------------------------------------------------

def _cli(monkeypatch: pytest.MonkeyPatch, url: str, plans: Path, *argv: str) -> int:
    monkeypatch.setenv("PLANBOT_DATABASE_URL", url)
    monkeypatch.setenv("PLANBOT_PLANS_DIR", str(plans))
    monkeypatch.delenv("PLANBOT_TOKEN", raising=False)
    get_settings.cache_clear()
    try:
        return cli.main(list(argv))
    finally:
        get_settings.cache_clear()


def test_planbot_ask_answers_on_a_damaged_database(two_versions: str, plans: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    execute(two_versions, "UPDATE kb_versions SET sources_json = 'garbled' WHERE number = 2")
    execute(two_versions, "UPDATE kb_parse_cache SET kb_json = 'garbled'")
    (plans / "坏文件.txt").write_bytes(os.urandom(2000))
    assert _cli(monkeypatch, two_versions, plans, "ask", "/version") == 0
    assert "1" in capsys.readouterr().out


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")


@pytest.mark.parametrize(("make", "words"), [
    (lambda p: p.write_bytes(b""), "0 字节"),
    (lambda p: p.write_bytes(os.urandom(8192)), "不是 SQLite"),
    (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x10\x00" + bytes(10) + b"\x00\x00\x00\x09"
                             + bytes(4) + b"\x00\x00\x00\x20" + bytes(4000)), "不完整"),
    (_foreign_sqlite, "不是规划助手的数据库"),
], ids=["0 bytes", "garbage", "truncated", "foreign tables"])
def test_untrustworthy_database_is_refused_and_left_alone(tmp_path: Path, plans: Path, make, words: str,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bot.db"
    make(path)
    before = path.read_bytes()
    assert _cli(monkeypatch, f"sqlite:///{path}", plans, "ask", "固投") == 4
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert path.read_bytes() == before
    with pytest.raises(DatabaseRefused):
        migrate(f"sqlite:///{path}")


def test_truncated_real_database_is_refused(two_versions: str, plans: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(two_versions.removeprefix("sqlite:///"))
    make_engine(two_versions).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _cli(monkeypatch, two_versions, plans, "ask", "固投") == 4
    assert "不完整" in capsys.readouterr().err


def test_new_database_is_created_and_an_empty_file_only_on_request(tmp_path: Path, plans: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = tmp_path / "sub" / "fresh.db"
    assert _cli(monkeypatch, f"sqlite:///{fresh}", plans, "ask", "/version") == 0
    assert fresh.stat().st_size > 0 and not list(fresh.parent.glob(".fresh.db.new-*"))
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert _cli(monkeypatch, f"sqlite:///{empty}", plans, "migrate") == 4
    assert _cli(monkeypatch, f"sqlite:///{empty}", plans, "migrate", "--init-empty") == 0
    assert empty.stat().st_size > 0
    assert _cli(monkeypatch, f"sqlite:///{empty}", plans, "ask", "/version") == 0


def test_postgres_schema_with_foreign_tables_is_refused(pg_url: str) -> None:
    from sqlalchemy import text

    engine = make_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()
    with pytest.raises(DatabaseRefused) as info:
        migrate(pg_url)
    assert "不是规划助手的数据库" in info.value.message
