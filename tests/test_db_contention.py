"""The database under contention: another process holds SQLite's write lock. Writes are retried (the
event loop stays free), questions are answered at once (the query log is written off the answer path,
after the lock is released), and only a lock held past the retry budget gets a specific message."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from bot.kbstate import KnowledgeState
from bot.registry import DB_BUSY
from bot.settings import Settings
from bot.storage import chat as chat_store
from bot.storage import digests as digest_store
from bot.storage import make_engine, make_sessionmaker
from bot.storage.base import is_busy, retry_on_busy
from knowledge.own_words import warm as warm_words
from tests.harness import BotHarness

HOLD = 0.6  # seconds the other writer holds the lock (the suite's only real waiting, kept short)


@contextlib.contextmanager
def write_lock(path: str, seconds: float) -> Iterator[threading.Event]:
    """Another process's long write transaction: SQLite's write lock held for `seconds`."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        release.wait(seconds)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    taken.wait(5)
    try:
        yield release
    finally:
        thread.join(seconds + 5)


@pytest.fixture
async def h(sqlite_url: str, kb_state: KnowledgeState, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings = Settings(_env_file=None, token=None, admin_ids=[900], database_url=sqlite_url, db_busy_ms=50,
                        db_retry_seconds=5)
    engine = make_engine(sqlite_url, busy_ms=settings.db_busy_ms)
    harness = await BotHarness.create(settings, kb_state, make_sessionmaker(engine))
    yield harness
    await harness.close()
    engine.dispose()


def _count(h: BotHarness, table) -> int:  # type: ignore[no-untyped-def]
    with h.services.sessions() as session:  # type: ignore[misc]
        return session.scalar(select(func.count()).select_from(table)) or 0


async def test_writes_wait_out_the_lock_and_questions_are_not_delayed(h: BotHarness, sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    h.wait_for_logs = False  # measure the answer as the user gets it
    # (the first question of a process loads jieba's dictionary, a second or so: loaded before the lock, so
    # the lock outlasts the question when this test runs alone as when the suite has warmed it)
    warm_words()
    with write_lock(path, HOLD):
        started = time.perf_counter()
        subscribe = asyncio.create_task(h.command("/subscribe 老旧小区"))
        await asyncio.sleep(0.05)
        asked = time.perf_counter()
        answer = h.texts(await h.text("规上工业总产值目标"))
        question_took = time.perf_counter() - asked
        assert not subscribe.done()  # still waiting for the lock …
        texts = h.texts(await subscribe)  # … and it went through once the lock was released
    assert "已订阅" in texts[-1], texts
    assert time.perf_counter() - started >= HOLD * 0.8
    assert answer and "规模以上工业总产值" in answer[0]
    assert question_took < HOLD / 2, question_took  # the query log did not hold the answer up
    h.services.answers.querylog.flush()
    assert _count(h, chat_store.QueryLog) == 1 and _count(h, digest_store.Subscription) == 1
    assert h.errors == []


async def test_a_lock_held_past_the_retry_budget_gets_a_clear_message(h: BotHarness, sqlite_url: str) -> None:
    h.services.settings.db_retry_seconds = 0.3
    # (the lock is held until the command has answered, however long a loaded machine takes to reach
    # the write: a fixed hold could end before it, and the write would then succeed)
    with write_lock(sqlite_url.removeprefix("sqlite:///"), 30) as release:
        texts = h.texts(await h.command("/subscribe 老旧小区"))
        release.set()
    assert texts == [DB_BUSY]
    assert _count(h, digest_store.Subscription) == 0 and h.errors == []


def test_retry_on_busy_gives_up_only_on_busy_errors(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, busy_ms=10)
    sessions = make_sessionmaker(engine)
    calls = []

    def write() -> None:
        calls.append(1)
        with sessions.begin() as session:
            session.add(chat_store.User(id=len(calls)))

    path = sqlite_url.removeprefix("sqlite:///")
    try:
        # (the lock is released by the write that found it held, and held until then however long a loaded
        # machine takes to reach the write: a fixed hold could end first, and the first write succeed)
        with write_lock(path, 30) as release:
            def write_then_release() -> None:
                try:
                    write()
                except DBAPIError:
                    release.set()
                    raise
            retry_on_busy(write_then_release, seconds=5)  # waits the lock out
        assert len(calls) > 1
        with write_lock(path, 30) as release, pytest.raises(Exception) as info:
            try:
                retry_on_busy(write, seconds=0.1)
            finally:
                release.set()
        assert is_busy(info.value)
        with pytest.raises(ZeroDivisionError):
            retry_on_busy(lambda: 1 / 0)
    finally:
        engine.dispose()
