"""The query log, written off the answer path: the bot answers first, and a background thread records
the question (and touches the user and chat rows), retrying while the database is busy.

Without the thread (console, CLI, tests) `record` writes at once. The queue is bounded: if the database
stays unwritable for long, the oldest entries are dropped with a warning — the log is for insight,
never worth a delayed or failed answer.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from bot.storage.base import retry_on_busy
from bot.who import Who

log = logging.getLogger(__name__)

MAX_PENDING = 10_000


@dataclass(frozen=True)
class LoggedQuery:
    """One question to record."""

    who: Who
    query: str
    found: bool
    hits: int


class QueryLog:
    """Records questions in `query_log`; `start()` moves the writes to a background thread."""

    def __init__(self, sessions: sessionmaker[Session] | None) -> None:
        self.sessions = sessions
        self._queue: queue.Queue[LoggedQuery] = queue.Queue(MAX_PENDING)
        self._thread: threading.Thread | None = None
        self.dropped = 0

    @property
    def background(self) -> bool:
        """Whether writes happen in the background thread."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> QueryLog:
        """Write in a background thread from now on (idempotent)."""
        if self.sessions is not None and not self.background:
            self._thread = threading.Thread(target=self._drain, name="planbot-query-log", daemon=True)
            self._thread.start()
        return self

    def record(self, entry: LoggedQuery) -> None:
        """Record a question: queued for the background thread, or written now (never raises)."""
        if self.sessions is None:
            return
        if not self.background:
            self._write([entry])
            return
        try:
            self._queue.put_nowait(entry)
        except queue.Full:
            self.dropped += 1
            log.warning("query log queue full: %d entries dropped so far", self.dropped)

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until everything queued is written (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        while self.background and self._queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.005)

    def _drain(self) -> None:
        """The background thread: write what is queued, in batches of up to 200."""
        while True:
            batch = [self._queue.get()]
            while len(batch) < 200:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._write(batch)
            finally:
                for _ in batch:
                    self._queue.task_done()

    def _write(self, entries: list[LoggedQuery]) -> None:
        """Write entries in one transaction, retried while the database is busy; never raises."""
        from bot.storage.chat import log_query, touch_chat, touch_user

        assert self.sessions is not None
        sessions = self.sessions

        def write() -> None:
            with sessions.begin() as session:
                for e in entries:
                    if e.who.user_id is not None:
                        touch_user(session, e.who.user_id, e.who.username, e.who.full_name)
                        session.flush()
                    if e.who.chat_id is not None:
                        touch_chat(session, e.who.chat_id, e.who.chat_type, e.who.chat_title)
                        session.flush()
                    log_query(session, e.query, e.found, e.hits, e.who.user_id, e.who.chat_id, e.who.source)

        try:
            retry_on_busy(write)
        except Exception:  # the answer matters more than the log line
            log.exception("could not log %d queries", len(entries))
