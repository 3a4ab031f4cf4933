"""Digest tables on SQLite and PostgreSQL: the unique claim, batch claims, marks, the migration."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect

from bot.storage import digests as store
from bot.storage import make_engine, make_sessionmaker, migrate

NOW = dt.datetime(2024, 12, 16, 1, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=15)


def _sub(session, chat_id: int) -> int:  # type: ignore[no-untyped-def]
    sub = store.Subscription(chat_id=chat_id, user_id=chat_id, weekday=0, send_time=dt.time(9, 0),
                             window_days=14, quiet=False, send_empty=True, paused=False)
    sub.keyword_list = ["消防"]
    session.add(sub)
    session.commit()
    return sub.id


def test_claims_are_unique_per_subscription_and_period(db_url: str) -> None:
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as session:
            a, b, c = (_sub(session, chat) for chat in (1, 2, 3))
            row = store.claim(session, a, "2024-12-16", "w1", NOW, LEASE, 3)
            assert row is not None and row.status == store.PENDING
            assert store.claim(session, a, "2024-12-16", "w2", NOW, LEASE, 3) is None  # live claim
            # A stale claim is taken over once, by one worker.
            later = NOW + LEASE + dt.timedelta(seconds=1)
            taken = store.claim(session, a, "2024-12-16", "w2", later, LEASE, 3)
            assert taken is not None and taken.claimed_by == "w2" and taken.attempts == 2
            store.finish(session, taken.id, store.SENT, later, message_ids=[7])
            assert store.claim(session, a, "2024-12-16", "w3", later + LEASE * 2, LEASE, 3) is None
            # Batch claim: one row exists (sent), two are new.
            claimed = store.claim_many(session, [(a, "2024-12-16"), (b, "2024-12-16"), (c, "2024-12-16")],
                                       "w4", later, LEASE, 3)
            assert set(claimed) == {b, c}
            assert store.claim_many(session, [(b, "2024-12-16")], "w5", later, LEASE, 3) == {}
            assert store.claim_many(session, [(b, "2024-12-23")], "w5", later, LEASE, 3).keys() == {b}
            sent = store.log_row(session, a, "2024-12-16")
            assert sent is not None and sent.message_ids == "[7]" and sent.sent_at is not None
    finally:
        engine.dispose()


def test_marks_hide_done_and_snoozed_tasks(db_url: str) -> None:
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as session:
            store.set_mark(session, 1, "T1", store.DONE, None, 1)
            store.set_mark(session, 1, "T2", store.SNOOZED, dt.date(2024, 12, 27), 1)
            store.set_mark(session, 2, "T1", store.SNOOZED, dt.date(2024, 12, 1), 2)  # expired
            session.commit()
            store.set_mark(session, 1, "T2", store.SNOOZED, dt.date(2024, 12, 30), 1)  # replaces
            session.commit()
            hidden = store.hidden_tasks(session, [1, 2], dt.date(2024, 12, 20))
            assert hidden == {1: {"T1", "T2"}, 2: set()}
            assert store.hidden_tasks(session, [1], dt.date(2024, 12, 30)) == {1: {"T1"}}
    finally:
        engine.dispose()


def test_migration_0002_up_and_down(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path}/m.db"
    migrate(url, "0002_digests")
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"digest_subscriptions", "digest_task_marks", "digest_log"} <= tables
        uniques = {u["name"] for u in inspect(engine).get_unique_constraints("digest_log")}
        assert "uq_digest_log_subscription_period" in uniques
    finally:
        engine.dispose()
    from alembic import command

    from bot.storage.base import alembic_config

    command.downgrade(alembic_config(url), "0001_chat")
    engine = make_engine(url)
    try:
        assert "digest_log" not in set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
