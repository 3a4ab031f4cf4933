"""Digest tables on SQLite and PostgreSQL: the unique claim, batch claims, marks, the migration."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect

from bot.storage import delivery_log as log_store
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


def _row(session, sub: int, period: str) -> store.DigestLog:  # type: ignore[no-untyped-def]
    session.expire_all()
    return log_store.rows_for(session, [(sub, period)])[(sub, period)]


def test_claims_are_unique_per_subscription_and_period(db_url: str) -> None:
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    day, until = "2024-12-16", NOW + dt.timedelta(hours=15)
    try:
        with sessions() as session:
            a, b, c = (_sub(session, chat) for chat in (1, 2, 3))
            due = log_store.Due(a, day, until)
            row_id = log_store.claim(session, due, "w1", NOW, orphans=False, lease=LEASE)
            assert row_id is not None and _row(session, a, day).status == store.PENDING
            assert log_store.claim(session, due, "w2", NOW, orphans=False, lease=LEASE) is None  # live claim
            # Its message 0 was in flight when w1 died: taken over after the lease (or at once by
            # the holder of the scheduler lock), that message marked for a noted resend.
            assert log_store.start_part(session, row_id, "w1", 0, [{"text": "x", "buttons": []}])
            assert log_store.claim(session, due, "w2", NOW, orphans=True, lease=LEASE) == row_id
            taken = _row(session, a, day)
            assert taken.claimed_by == "w2" and taken.attempts == 2 and taken.resend_part == 0
            assert taken.uncertain == 1 and taken.inflight is None
            assert not log_store.start_part(session, row_id, "w1", 0)  # w1 lost its claim: it must stop
            log_store.part_sent(session, row_id, 0, [7], last=True, now=NOW)
            assert log_store.claim(session, due, "w3", NOW + LEASE * 2, orphans=True, lease=LEASE) is None
            sent = _row(session, a, day)
            assert sent.status == store.SENT and sent.message_ids == "[7]" and sent.sent_at is not None
            # Batch claim: one row exists (sent), two are new.
            dues = [log_store.Due(s, day, until) for s in (a, b, c)]
            claimed = log_store.claim_many(session, dues, "w4", NOW, orphans=False, lease=LEASE)
            assert set(claimed) == {b, c}
            # Waiting to retry: not before its time; a newer period supersedes it.
            log_store.release(session, claimed[b], NOW + dt.timedelta(minutes=5), "NetworkError")
            assert log_store.claim_many(session, [log_store.Due(b, day, until)], "w5", NOW,
                                        orphans=True, lease=LEASE) == {}
            assert log_store.claim_many(session, [log_store.Due(b, day, until)], "w5",
                                        NOW + dt.timedelta(minutes=6), orphans=True, lease=LEASE).keys() == {b}
            later = log_store.Due(b, "2024-12-23", until + dt.timedelta(days=7))
            assert log_store.claim_many(session, [later], "w6", NOW, orphans=True, lease=LEASE).keys() == {b}
            assert _row(session, b, day).status == store.EXPIRED
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


def test_migrations_match_the_models(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.storage import Base

    url = f"sqlite:///{tmp_path}/full.db"
    migrate(url)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        # Only column-type noise SQLite cannot tell apart is tolerated; no table, column or index missing.
        kinds = {d[0] if isinstance(d, tuple) else d[0][0] for d in diffs}
        assert not kinds & {"add_table", "remove_table", "add_column", "remove_column"}, diffs
    finally:
        engine.dispose()
