"""Delivering due digests: claim in digest_log, send with retries, record; pause on Forbidden.

Guarantees: each (subscription, period) is claimed under a unique key and committed BEFORE the
first message goes out, so a second worker or a restarted bot never sends it again; a claim
left pending by a crashed run is taken over once its lease runs out (the same day), so nothing
is skipped either. The one window left: a crash after Telegram accepted a message but before
the "sent" commit — that digest is sent again after the lease (there is no idempotency key in
the Bot API to close it).

One retry layer per failure: flood control (RetryAfter) is waited out by PTB's AIORateLimiter when
the sender goes through it (the bot's own sender does: `rate_limited=True`), and here only for a
sender without one (tests, benchmarks); network errors, which the rate limiter does not retry, are
retried here with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import uuid
import warnings
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import text, update
from sqlalchemy.orm import Session, sessionmaker
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.digest_render import render_digest
from bot.render import TelegramMessage, to_telegram
from bot.replies import Attachment
from bot.storage import digests as store
from bot.subscription_view import filters_of
from knowledge.digest.engine import DigestEngine
from knowledge.digest.schedule import delivery_day, due_period

log = logging.getLogger(__name__)

# pg_advisory_lock key of the digest scheduler (any fixed 64-bit number shared by all workers).
ADVISORY_KEY = 0x504C414E42 + 1

Sender = Callable[[int, TelegramMessage, bool], Awaitable[int]]
FileSender = Callable[[int, Attachment, bool], Awaitable[int]]
Attach = Callable[[store.Subscription], Attachment | None]  # the ledger a subscription asked for
Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], dt.datetime]


class SendFailed(Exception):
    """A digest could not be sent after the allowed retries."""


@dataclass
class RunReport:
    """What one run did, by subscription id."""

    sent: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # empty digest, subscriber chose not to get it
    failed: list[int] = field(default_factory=list)
    paused: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)  # already sent or claimed elsewhere
    locked_out: bool = False  # another worker holds the scheduler lock (PostgreSQL)


def _retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter's wait in seconds (PTB 22 gives an int or a timedelta and warns about the change)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


class DigestDeliverer:
    """Finds the digests due now and sends each one exactly once, whatever fails.

    `clock` gives the local time (settings.timezone), `sleep` waits (both injected so tests
    run on a fake clock), `send` sends one rendered message and returns its message id.
    `rate_limited`: the sender already waits out RetryAfter (PTB's AIORateLimiter), so a RetryAfter
    that still reaches here fails this attempt (a later tick retries) instead of being retried twice.
    """

    def __init__(self, sessions: sessionmaker[Session], engine: Callable[[], DigestEngine], send: Sender,
                 clock: Clock, sleep: Sleep = asyncio.sleep, owner: str | None = None,
                 lease: dt.timedelta = dt.timedelta(minutes=15), max_attempts: int = 3,
                 retries: int = 4, backoff: float = 2.0, max_wait: float = 120.0, concurrency: int = 32,
                 rate_limited: bool = False, attach: Attach | None = None, send_file: FileSender | None = None,
                 ) -> None:
        self.sessions = sessions
        self.engine = engine
        self.send = send
        self.clock = clock
        self.sleep = sleep
        self.owner = owner or f"digests-{uuid.uuid4().hex[:12]}"
        self.lease = lease
        self.max_attempts = max_attempts
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.concurrency = concurrency
        self.rate_limited = rate_limited
        self.attach = attach  # with send_file: the ledger (.xlsx) after the digest, for subscriptions asking
        self.send_file = send_file
        self._running = asyncio.Lock()

    def due_now(self, session: Session, now: dt.datetime) -> list[tuple[store.Subscription, dt.date]]:
        """Active subscriptions with a digest due at `now`, with the scheduled day of each.

        A period whose send time came before the subscription existed is not due: subscribing on
        a Monday at 10:00 starts with next Monday's digest, not an immediate one.
        """
        due = []
        # Only weekdays whose digest can go out today (their own day, or one moved here by a holiday).
        weekdays = [w for w in range(7) if due_period(w, dt.time(0, 0), now) is not None]
        for sub in store.active_subscriptions(session, weekdays):
            period = due_period(sub.weekday, sub.send_time, now)
            if period is None:
                continue
            send_at = dt.datetime.combine(delivery_day(period), sub.send_time, tzinfo=now.tzinfo)
            if sub.created_at is not None and sub.created_at > send_at:
                continue
            due.append((sub, period))
        return due

    async def run_due(self) -> RunReport:
        """Deliver every digest due now; a run already in progress makes this one a no-op.

        A producer claims due digests in batches of `concurrency` (one commit per batch, in a
        worker thread) at most two batches ahead of `concurrency` sending workers; the rate
        limiter paces the actual requests. Claiming only just ahead keeps claims fresh and
        leaves few pending rows behind if the process dies.
        """
        report = RunReport()
        if self._running.locked():
            return report
        async with self._running:
            with self._scheduler_lock() as mine:
                if not mine:
                    report.locked_out = True
                    return report
                await self._run(report)
        return report

    @contextlib.contextmanager
    def _scheduler_lock(self) -> Iterator[bool]:
        """On PostgreSQL, a session advisory lock: one worker runs the digests at a time (others skip
        the tick). Correctness does not depend on it — claims are unique — it only saves work.
        Other backends (SQLite: a single machine) always get True."""
        bind = self.sessions.kw.get("bind")
        if bind is None or bind.dialect.name != "postgresql":
            yield True
            return
        with bind.connect() as conn:
            mine = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar())
            conn.commit()
            try:
                yield mine
            finally:
                if mine:
                    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                    conn.commit()

    async def _run(self, report: RunReport) -> None:
        """One run: find what is due, claim it batch by batch, send it with `concurrency` workers."""
        now = self.clock()
        with self.sessions() as session:
            due = self.due_now(session, now)
            hidden = store.hidden_tasks(session, sorted({s.chat_id for s, _ in due}), now.date())
        queue: asyncio.Queue[tuple[store.Subscription, int] | None] = asyncio.Queue(self.concurrency)
        workers = min(self.concurrency, len(due))

        async def produce() -> None:
            for start in range(0, len(due), self.concurrency):
                batch = due[start:start + self.concurrency]
                claimed = await asyncio.to_thread(self._claim, batch)
                for sub, _ in batch:
                    if sub.id in claimed:
                        await queue.put((sub, claimed[sub.id]))
                    else:
                        report.held.append(sub.id)
            for _ in range(workers):
                await queue.put(None)

        async def work() -> None:
            while (job := await queue.get()) is not None:
                sub, row_id = job
                sub_id, outcome = await self._guarded(sub, row_id, now, hidden.get(sub.chat_id, set()))
                getattr(report, outcome).append(sub_id)

        await asyncio.gather(produce(), *(work() for _ in range(workers)))

    def _claim(self, batch: list[tuple[store.Subscription, dt.date]]) -> dict[int, int]:
        """Claim a batch of due digests (runs in a worker thread)."""
        with self.sessions() as session:
            return store.claim_many(session, [(s.id, p.isoformat()) for s, p in batch],
                                    self.owner, self.clock(), self.lease, self.max_attempts)

    async def _guarded(self, sub: store.Subscription, row_id: int, now: dt.datetime,
                       hidden: set[str]) -> tuple[int, str]:
        """`deliver`, with any unexpected error logged and recorded: one failure never stops the others."""
        try:
            return sub.id, await self.deliver(sub, row_id, now, hidden)
        except Exception as exc:
            log.exception("digest for subscription %s failed unexpectedly", sub.id)
            await self._finish(row_id, store.FAILED, error=f"{type(exc).__name__}: {exc}")
            return sub.id, "failed"

    async def _finish(self, row_id: int, status: str, error: str | None = None,
                      message_ids: list[int] | None = None, pause_reason: str | None = None,
                      subscription_id: int | None = None) -> None:
        """Record an outcome in a worker thread, so a slow commit (SQLite fsync) does not stall sending."""
        when = self.clock()

        def write() -> None:
            with self.sessions() as session:
                if pause_reason is not None and subscription_id is not None:
                    store.pause(session, subscription_id, pause_reason)
                store.finish(session, row_id, status, when, error=error, message_ids=message_ids)

        await asyncio.to_thread(write)

    async def deliver(self, sub: store.Subscription, row_id: int, now: dt.datetime, hidden: set[str]) -> str:
        """Build and send one claimed digest; returns "sent", "skipped", "failed" or "paused"."""
        engine = self.engine()
        digest = engine.compute(filters_of(sub), now.date(), sub.window_days, exclude=hidden)
        if digest.is_empty and not sub.send_empty:
            await self._finish(row_id, store.SKIPPED)
            return "skipped"
        reply = render_digest(engine, digest, heading="每周截止任务提醒", more_hint="，发送 /overdue 或 /due 查看更多")
        ids: list[int] = []
        chat_id = sub.chat_id
        try:
            for message in to_telegram(reply):
                message_id, chat_id = await self._send_one(sub, chat_id, message)
                ids.append(message_id)
        except Forbidden as exc:
            log.warning("subscription %s paused: %s", sub.id, exc)
            await self._finish(row_id, store.FAILED, error=str(exc), message_ids=ids,
                               pause_reason=f"机器人被屏蔽或移出群组：{exc.message}", subscription_id=sub.id)
            return "paused"
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                log.warning("subscription %s paused: %s", sub.id, exc)
                await self._finish(row_id, store.FAILED, error=str(exc), message_ids=ids,
                                   pause_reason=f"聊天不存在：{exc.message}", subscription_id=sub.id)
                return "paused"
            log.error("digest for subscription %s rejected: %s", sub.id, exc)
            await self._finish(row_id, store.FAILED, error=str(exc), message_ids=ids)
            return "failed"
        except SendFailed as exc:
            # Left "failed" with its attempt counted: a later tick retries it the same day.
            log.warning("digest for subscription %s not sent: %s", sub.id, exc)
            await self._finish(row_id, store.FAILED, error=str(exc), message_ids=ids)
            return "failed"
        attachment_error = await self._send_attachment(sub, chat_id, ids)
        await self._finish(row_id, store.SENT, message_ids=ids, error=attachment_error)
        return "sent"

    async def _send_attachment(self, sub: store.Subscription, chat_id: int, ids: list[int]) -> str | None:
        """Send the ledger the subscription asked for after its digest. The digest itself went out, so a
        failure here is recorded on the sent row, never retried (that would send the digest twice)."""
        if not getattr(sub, "ledger", False) or self.attach is None or self.send_file is None:
            return None
        try:
            attachment = await asyncio.to_thread(self.attach, sub)
            if attachment is not None:
                ids.append(await self.send_file(chat_id, attachment, sub.quiet))
        except Exception as exc:
            log.warning("ledger for subscription %s not sent: %s", sub.id, exc)
            return f"台账附件未发送：{type(exc).__name__}: {exc}"
        return None

    async def _send_one(self, sub: store.Subscription, chat_id: int,
                        message: TelegramMessage) -> tuple[int, int]:
        """Send one message, waiting out RetryAfter and backing off on network errors (bounded)."""
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                return await self.send(chat_id, message, sub.quiet), chat_id
            except RetryAfter as exc:
                last = exc
                if self.rate_limited:  # the rate limiter has waited and retried already
                    break
                wait = _retry_after_seconds(exc)
                if wait > self.max_wait:
                    break
                log.info("flood control for chat %s: waiting %.0f s", chat_id, wait)
                await self.sleep(wait + 0.5)
            except ChatMigrated as exc:
                # A group became a supergroup: follow it and keep the subscription.
                chat_id = exc.new_chat_id
                await asyncio.to_thread(self._move_chat, sub.id, chat_id)
                last = exc
            except (Forbidden, BadRequest):
                raise
            except NetworkError as exc:  # includes TimedOut
                last = exc
                if attempt < self.retries:
                    await self.sleep(self.backoff * 2 ** attempt)
            except TelegramError as exc:
                raise SendFailed(str(exc)) from exc
        raise SendFailed(f"重试 {self.retries} 次后仍失败：{last}")

    def _move_chat(self, subscription_id: int, chat_id: int) -> None:
        """Follow a group that became a supergroup (its chat id changed)."""
        with self.sessions() as session:
            session.execute(update(store.Subscription).where(store.Subscription.id == subscription_id)
                            .values(chat_id=chat_id))
            session.commit()
