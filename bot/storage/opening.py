"""Opening the database at start-up: a database that is not a valid PlanBot database is refused with a
clear message and never silently replaced; an empty one is initialised only when it is new.

How "new" is told apart (SQLite): a database file that does not exist is new, and is created
atomically — migrated under a temporary name, then linked into place — so the bot never leaves a
half-made or 0-byte database file of its own. A database file that exists is therefore never
"new": a 0-byte file (truncated, emptied, or made by something else) is refused, like a file that
is not SQLite, one shorter than its header says (truncated), one failing SQLite's quick_check,
or a SQLite database holding other tables but no PlanBot schema version. An operator who knows an
existing empty file is a new install deletes it (or runs `planbot migrate --init-empty`).
On PostgreSQL a schema without tables is new; one with tables but no PlanBot schema version is refused.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

SQLITE_MAGIC = b"SQLite format 3\x00"
PLANBOT_MARK = "alembic_version"


class DatabaseRefused(Exception):
    """The database cannot be used as it is; `message` (Chinese) says why and what to do."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL, or None for memory and other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def check_sqlite_file(path: Path, *, allow_empty: bool = False) -> None:
    """Refuse a SQLite database file that exists but cannot be trusted (see the module docstring)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"无法读取数据库文件 {path}（{exc.strerror or exc}），请检查文件权限。") from exc
    if size == 0:
        wal = path.with_name(path.name + "-wal")
        if allow_empty and not (wal.exists() and wal.stat().st_size):
            return
        raise DatabaseRefused(
            f"数据库文件 {path} 已存在但为空（0 字节），可能已被截断或清空。为免丢失数据，机器人不会把它当作新数据库"
            "初始化。如能找回备份请先恢复；若确为全新安装，请删除该文件后重新启动（或运行 planbot migrate --init-empty）。")
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(f"文件 {path} 不是 SQLite 数据库（文件头不符），机器人不会覆盖它。"
                              "请检查 DATABASE_URL / PLANBOT_DATABASE_URL 是否指向了正确的文件。")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if len(header) < 100 or (pages and page_size * pages > size):
        raise DatabaseRefused(f"数据库文件 {path} 不完整（应有 {page_size * pages} 字节，实有 {size} 字节），"
                              "可能在复制或写入时被截断。请从备份恢复，机器人不会覆盖它。")
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            verdict = [row[0] for row in conn.execute("PRAGMA quick_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"数据库文件 {path} 已损坏，无法打开（{exc}）。请从备份恢复，机器人不会覆盖它。") from exc
    if verdict != ["ok"]:
        raise DatabaseRefused(f"数据库文件 {path} 已损坏（完整性检查：{'；'.join(verdict[:3])}）。"
                              "请从备份恢复，机器人不会覆盖它。")
    _check_ours(tables, str(path))


def _check_ours(tables: set[str], where: str) -> None:
    """Refuse a database that holds tables but not PlanBot's schema version."""
    if tables and PLANBOT_MARK not in tables:
        shown = "、".join(sorted(tables)[:5])
        raise DatabaseRefused(f"数据库 {where} 中已有其他表（{shown}），但不是规划助手的数据库，机器人不会在其中建表。"
                              "请为规划助手使用单独的数据库。")


def check_server_database(url: str) -> None:
    """PostgreSQL and other servers: reachable, and either empty or PlanBot's."""
    from bot.storage.base import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc  # (a DBAPIError carries the driver's error)
        raise DatabaseRefused(f"无法连接数据库（{type(cause).__name__}：{str(cause)[:200]}），"
                              "请检查 DATABASE_URL 和数据库服务。") from exc
    finally:
        engine.dispose()
    _check_ours(tables, make_url(url).render_as_string(hide_password=True))


def create_sqlite_atomically(path: Path, build: object) -> bool:
    """Create a new database at `path`: `build(url)` migrates a temporary file, which is then linked
    into place (never over an existing file). False when another process created `path` first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.new-{uuid.uuid4().hex[:8]}")
    try:
        build(f"sqlite:///{temporary}")  # type: ignore[operator]
        try:
            os.link(temporary, path)  # fails if the file appeared meanwhile: never replaced
        except FileExistsError:
            return False
        return True
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-wal"),
                         temporary.with_name(temporary.name + "-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
