"""Storage: migrations and the chat tables on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, select

from bot.storage import Base, make_engine, make_sessionmaker, migrate
from bot.storage.chat import QueryLog, User, log_query, touch_chat, touch_user, unanswered


def test_migrations_create_every_model_table(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"users", "chats", "query_log", "alembic_version"} <= tables
        # Every ORM table (chat, digests, admin) has a migration.
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()


def test_migrate_is_idempotent(db_url: str) -> None:
    migrate(db_url)
    migrate(db_url)


def test_query_log_round_trip(db_url: str) -> None:
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions.begin() as s:
            touch_user(s, 42, "li", "李四")
            touch_chat(s, -100, "supergroup", "工作群")
            log_query(s, "固投", True, 3, 42, -100)
            log_query(s, "不存在的东西", False, 0, 42, -100)
        with sessions.begin() as s:
            touch_user(s, 42, "li2", "李四")  # refresh, not a duplicate
        with sessions() as s:
            assert s.scalars(select(User)).one().username == "li2"
            rows = s.scalars(select(QueryLog).order_by(QueryLog.id)).all()
            assert [(r.query, r.found, r.hits) for r in rows] == [("固投", True, 3), ("不存在的东西", False, 0)]
            assert rows[0].created_at.tzinfo is not None
            assert abs(rows[0].created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
            assert [q.query for q in unanswered(s)] == ["不存在的东西"]
    finally:
        engine.dispose()


def test_sqlite_parent_folder_is_created(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/deep/er/planbot.db"
    migrate(url)
    assert (tmp_path / "deep" / "er" / "planbot.db").exists()


async def test_questions_are_logged_with_user_and_chat(bot_harness, sessions) -> None:  # type: ignore[no-untyped-def]
    await bot_harness.text("完全无关的问题ZZZ")
    await bot_harness.text("@planbot_test 固投", chat_type="supergroup")
    with sessions() as s:
        rows = s.scalars(select(QueryLog).order_by(QueryLog.id)).all()
        assert [r.query for r in rows] == ["完全无关的问题ZZZ", "固投"]
        assert rows[0].user_id == 501 and rows[0].chat_id == 501 and rows[0].source == "chat"
        assert rows[1].chat_id < 0
        assert s.get(User, 501).full_name == "张 三"
