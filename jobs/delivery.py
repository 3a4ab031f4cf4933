"""Delivering due digests: find what is due, claim it in digest_log, send it message by message, record.

The guarantee (README, "Digests that survive the network"): every digest is delivered at least once
— retried with backoff until it is sent or its day ends (`deadline_hours`), then, if it still did not
go out, sent late once, marked as late, until the next period supersedes it — and repeated at most
once per send whose outcome is unknown (a timeout after the request went out, or a process killed
mid-send), that repeat carrying "（如已收到请忽略）". Never twice otherwise: each (subscription,
period) is claimed under a unique key before anything is sent, and each confirmed message is
recorded before the next one goes out (bot.storage.delivery_log).

Whoever holds the scheduler lock (a PostgreSQL advisory lock; on a SQLite file, an flock beside it)
is the only one sending, so a claim left PENDING by someone else belongs to a dead process: it is
resumed at once, from its first unconfirmed message (without the lock: after `lease`).
The clock is checked against a monotonic one (jobs.clock): a jump forward or back is not followed
until it has held for a while, so a clock set a week ahead and back sends nothing early and loses nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import text, update
from sqlalchemy.orm import Session, sessionmaker
from telegram.error import BadRequest, Forbidden

from bot.digest_render import render_digest
from bot.render import TELEGRAM_LIMIT, TelegramMessage, to_telegram
from bot.replies import Attachment
from bot.storage import delivery_log as log_store
from bot.storage import digests as store
from bot.subscription_view import filters_of
from jobs.clock import TrustedClock
from jobs.sending import (
    NOTE_ROOM,
    ChatMoved,
    MessageSender,
    RetryLater,
    Sender,
    Sleep,
    Uncertain,
    decode_part,
    encode_part,
)
from knowledge.digest.engine import DigestEngine
from knowledge.digest.schedule import WEEKDAY_NAMES, latest_period, next_delivery, on_time_until

log = logging.getLogger(__name__)

# pg_advisory_lock key of the digest scheduler (any fixed 64-bit number shared by all workers).
ADVISORY_KEY = 0x504C414E42 + 1
HEADING = "每周截止任务提醒"
Clock = Callable[[], dt.datetime]
FileSender = Callable[[int, Attachment, bool], Awaitable[int]]
Attach = Callable[[store.Subscription], Attachment | None]  # the ledger a subscription asked for


@dataclass
class RunReport:
    """What one run did, by subscription id."""

    sent: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # empty digest, subscriber chose not to get it
    failed: list[int] = field(default_factory=list)  # refused for good (a bad request)
    paused: list[int] = field(default_factory=list)  # blocked, removed, chat gone
    retrying: list[int] = field(default_factory=list)  # not sent this time: waits for its next attempt
    held: list[int] = field(default_factory=list)  # claimed elsewhere, or waiting for its retry time
    late: list[int] = field(default_factory=list)  # of `sent`: went out after its own day, marked late
    expired: int = 0  # digests given up (their late window passed)
    locked_out: bool = False  # another worker holds the scheduler lock


class DigestDeliverer:
    """Finds the digests due now and sends each one, whatever fails (see the module docstring).

    `clock` gives the local time (settings.timezone), `sleep` waits and `monotonic` measures elapsed
    time (all injected so tests run on a fake clock), `send` sends one message and returns its id.
    `rate_limited`: the sender already waits out RetryAfter (PTB's AIORateLimiter).
    """

    def __init__(self, sessions: sessionmaker[Session], engine: Callable[[], DigestEngine], send: Sender,
                 clock: Clock, sleep: Sleep = asyncio.sleep, owner: str | None = None,
                 lease: dt.timedelta = dt.timedelta(minutes=15), concurrency: int = 32,
                 rate_limited: bool = False, *, monotonic: Callable[[], float] = time.monotonic,
                 deadline_hours: float = 0.0, late: bool = True, retries: int = 2, backoff: float = 1.0,
                 max_wait: float = 60.0, retry_base: float = 30.0, retry_max: float = 300.0,
                 attach: Attach | None = None, send_file: FileSender | None = None) -> None:
        self.sessions = sessions
        self.engine = engine
        self.clock = TrustedClock(clock, monotonic)
        self.sleep = sleep
        self.owner = owner or f"digests-{uuid.uuid4().hex[:12]}"
        self.lease = lease
        self.concurrency = concurrency
        self.deadline_hours = deadline_hours
        self.late = late
        self.retry_base = retry_base
        self.retry_max = retry_max
        self.sender = MessageSender(send, sleep, rate_limited, max_wait, retries, backoff)
        self.attach = attach  # with send_file: the ledger (.xlsx) after the digest, for subscriptions asking
        self.send_file = send_file
        self._running = asyncio.Lock()

    def now(self) -> dt.datetime:
        """The time the job acts on (the wall clock, unless it just jumped: jobs.clock)."""
        return self.clock.now()

    # --- what is due ----------------------------------------------------------------------------

    def due_now(self, session: Session, now: dt.datetime) -> tuple[list[tuple[store.Subscription, log_store.Due]], list[int]]:
        """The digests to deliver now, and the log rows to give up on.

        Per active subscription: its latest period whose send time has come (a subscription made
        after that moment starts with the next one). On time until the end of its delivery day
        (or `deadline_hours`); after that, if it did not go out, late until the next period's send
        time; a row that is still unsent then is given up.
        """
        plan = {}
        periods: dict[tuple[int, dt.time], tuple[dt.date, dt.datetime, dt.datetime] | None] = {}
        for sub in store.active_subscriptions(session):
            key = (sub.weekday, sub.send_time)
            if key not in periods:
                found = latest_period(sub.weekday, sub.send_time, now)
                periods[key] = None if found is None else (*found, next_delivery(sub.weekday, sub.send_time, found[1]))
            if periods[key] is None:
                continue
            period, moment, following = periods[key]  # type: ignore[misc]
            if sub.created_at is not None and sub.created_at > moment:
                continue
            plan[sub.id] = (sub, period.isoformat(), min(on_time_until(moment, self.deadline_hours), following),
                            following)
        known = log_store.states(session, [(sid, p[1]) for sid, p in plan.items()])
        due, stale = [], []
        for sid, (sub, period, on_time, following) in plan.items():
            status, next_at = known.get((sid, period), (None, None))
            if status in store.FINAL or (status == store.RETRY and next_at is not None and next_at > now):
                continue
            if now < on_time:
                due.append((sub, log_store.Due(sid, period, on_time)))
            elif self.late and now < following and (sub.updated_at is None or sub.updated_at <= on_time):
                # Missed (bot down, clock jump, a long outage): sent late once, unless the subscription
                # was changed since (a new weekday or time starts with its next period).
                due.append((sub, log_store.Due(sid, period, following, late=True)))
            elif status is not None:
                stale.append((sid, period))
        stale_ids = [row.id for row in log_store.rows_for(session, stale).values()] if stale else []
        return due, stale_ids

    # --- one run ------------------------------------------------------------------------------

    async def run_due(self) -> RunReport:
        """Deliver every digest due now; a run already in progress makes this one a no-op."""
        report = RunReport()
        if self._running.locked():
            return report
        async with self._running:
            with self._scheduler_lock() as mine:
                if mine is False:
                    report.locked_out = True
                    return report
                await self._run(report, orphans=mine is True)
        return report

    @contextlib.contextmanager
    def _scheduler_lock(self) -> Iterator[bool | None]:
        """True: this worker is the only one sending (PostgreSQL advisory lock, or an flock beside a
        SQLite file); False: another one is; None: no lock to take (claims then rely on the lease)."""
        bind = self.sessions.kw.get("bind")
        if bind is not None and bind.dialect.name == "postgresql":
            with bind.connect() as conn:
                mine: bool | None = bool(conn.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                                      {"key": ADVISORY_KEY}).scalar())
                conn.commit()
                try:
                    yield mine
                finally:
                    if mine:
                        conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
                        conn.commit()
            return
        database = bind.url.database if bind is not None and bind.dialect.name == "sqlite" else None
        if not database or database == ":memory:":
            yield None
            return
        with _file_lock(f"{database}.digest-lock") as mine:
            yield mine

    async def _run(self, report: RunReport, orphans: bool) -> None:
        """Find what is due, claim it batch by batch, send it with `concurrency` workers."""
        now = self.now()
        with self.sessions() as session:
            due, stale = self.due_now(session, now)
            hidden = store.hidden_tasks(session, sorted({s.chat_id for s, _ in due}), now.date())
        if stale:
            await asyncio.to_thread(self._write, log_store.expire, stale, "its late window passed unsent")
            report.expired = len(stale)
            log.warning("%d digests given up: not sent before their next period", len(stale))
        queue: asyncio.Queue[tuple[store.Subscription, int] | None] = asyncio.Queue(self.concurrency)
        workers = min(self.concurrency, len(due))

        async def produce() -> None:
            for start in range(0, len(due), self.concurrency):
                batch = due[start:start + self.concurrency]
                claimed = await _landed(asyncio.to_thread(self._claim, [d for _, d in batch], orphans))
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
                outcome, late = await self._guarded(sub, row_id, hidden.get(sub.chat_id, set()))
                getattr(report, outcome).append(sub.id)
                if late and outcome == "sent":
                    report.late.append(sub.id)

        producer = asyncio.ensure_future(produce())
        try:
            await asyncio.gather(producer, *(work() for _ in range(workers)))
        except asyncio.CancelledError:
            # (gather gives up as soon as one part is cancelled: the producer's claim in flight lands first)
            await asyncio.wait([producer])
            raise

    def _claim(self, dues: list[log_store.Due], orphans: bool) -> dict[int, int]:
        """Claim a batch of due digests (runs in a worker thread)."""
        with self.sessions() as session:
            return log_store.claim_many(session, dues, self.owner, self.now(), orphans=orphans, lease=self.lease)

    def _write(self, fn: Callable[..., object], *args: object, **kwargs: object) -> object:
        """Run one delivery-log write in its own session (from a worker thread)."""
        with self.sessions() as session:
            return fn(session, *args, **kwargs)

    async def _guarded(self, sub: store.Subscription, row_id: int, hidden: set[str]) -> tuple[str, bool]:
        """`deliver`; an unexpected error is logged and the digest retried later: one never stops the others."""
        try:
            return await self.deliver(sub, row_id, hidden)
        except Exception as exc:
            log.exception("digest for subscription %s failed unexpectedly", sub.id)
            await self._release(row_id, 1, f"{type(exc).__name__}: {exc}")
            return "retrying", False

    # --- one digest ---------------------------------------------------------------------------

    async def deliver(self, sub: store.Subscription, row_id: int, hidden: set[str]) -> tuple[str, bool]:
        """Send one claimed digest from its first unconfirmed message; (outcome, went out late)."""
        row = await asyncio.to_thread(self._write, lambda s: s.get(store.DigestLog, row_id))
        assert isinstance(row, store.DigestLog)
        parts = json.loads(row.parts) if row.parts else None
        fresh = parts is None
        if parts is None:
            parts = self._render(sub, row, hidden)
            if parts is None:
                await asyncio.to_thread(self._write, log_store.finish, row_id, store.SKIPPED, self.now())
                return "skipped", row.late
        ids: list[int] = json.loads(row.message_ids or "[]")[: row.parts_sent]
        chat_id = sub.chat_id
        for index in range(row.parts_sent, len(parts)):
            mine = await asyncio.to_thread(self._write, log_store.start_part, row_id, self.owner, index,
                                           parts if fresh and index == row.parts_sent else None)
            if not mine:  # another worker took this digest over: it continues from the log
                return "held", row.late
            message = decode_part(parts[index], note=index == row.resend_part)
            try:
                message_id, chat_id = await self._send_following(sub, chat_id, message)
                ids.append(message_id)
            except Forbidden as exc:
                return await self._pause(sub, row_id, f"机器人被屏蔽或移出群组：{exc.message}", str(exc)), row.late
            except BadRequest as exc:
                if "chat not found" in exc.message.lower():
                    return await self._pause(sub, row_id, f"聊天不存在：{exc.message}", str(exc)), row.late
                log.error("digest for subscription %s rejected: %s", sub.id, exc)
                await asyncio.to_thread(self._write, log_store.finish, row_id, store.FAILED, self.now(), str(exc))
                return "failed", row.late
            except Uncertain as exc:
                log.warning("digest %s message %d may or may not have arrived (%s): resent once, noted",
                            sub.id, index, exc)
                await self._release(row_id, row.attempts, f"TimedOut: {exc}", uncertain_part=index)
                return "retrying", row.late
            except RetryLater as exc:
                await self._release(row_id, row.attempts, exc.reason, wait=exc.seconds)
                return "retrying", row.late
            await asyncio.to_thread(self._write, log_store.part_sent, row_id, index, ids,
                                    last=index == len(parts) - 1, now=self.now())
        await self._send_attachment(sub, chat_id, row_id, ids)
        return "sent", row.late

    async def _send_attachment(self, sub: store.Subscription, chat_id: int, row_id: int, ids: list[int]) -> None:
        """Send the ledger the subscription asked for after its digest. The digest itself went out (the
        row is sent), so a failure here is recorded on the row, never retried (at most once)."""
        if not getattr(sub, "ledger", False) or self.attach is None or self.send_file is None:
            return
        error = None
        try:
            attachment = await asyncio.to_thread(self.attach, sub)
            if attachment is not None:
                ids.append(await self.send_file(chat_id, attachment, sub.quiet))
        except Exception as exc:
            log.warning("ledger for subscription %s not sent: %s", sub.id, exc)
            error = f"台账附件未发送：{type(exc).__name__}: {exc}"
        await asyncio.to_thread(self._write, log_store.attachment_sent, row_id, ids, error)

    async def _send_following(self, sub: store.Subscription, chat_id: int,
                              message: TelegramMessage) -> tuple[int, int]:
        """Send one message (the sender retries in place what it can), following a group that became
        a supergroup; (message id, the chat it went to)."""
        for _ in range(3):
            try:
                return await self.sender(chat_id, message, sub.quiet), chat_id
            except ChatMoved as moved:
                chat_id = moved.chat_id
                await asyncio.to_thread(self._move_chat, sub.id, chat_id)
        raise RetryLater(0, "the chat kept moving")

    def _render(self, sub: store.Subscription, row: store.DigestLog, hidden: set[str]) -> list[dict] | None:
        """The digest's messages as stored parts (None: empty, and the subscriber wants no message)."""
        engine = self.engine()
        today = self.now().date()
        digest = engine.compute(filters_of(sub), today, sub.window_days, exclude=hidden)
        if digest.is_empty and not sub.send_empty:
            return None
        heading = HEADING
        if row.late:
            day = dt.date.fromisoformat(row.period)
            heading += f"（补发：原定 {day.month}月{day.day}日{WEEKDAY_NAMES[day.weekday()]} {sub.send_time:%H:%M}）"
        reply = render_digest(engine, digest, heading=heading, more_hint="，发送 /overdue 或 /due 查看更多")
        return [encode_part(m) for m in to_telegram(reply, limit=TELEGRAM_LIMIT - NOTE_ROOM)]

    async def _release(self, row_id: int, attempts: int, reason: str, *, wait: float = 0.0,
                       uncertain_part: int | None = None) -> None:
        """Put the digest back to wait: `wait` seconds when Telegram asked for it, else backoff."""
        delay = max(wait, min(self.retry_max, self.retry_base * 2 ** max(attempts - 1, 0)))
        next_at = self.now() + dt.timedelta(seconds=delay)
        await asyncio.to_thread(self._write, log_store.release, row_id, next_at, reason,
                                uncertain_part=uncertain_part)

    async def _pause(self, sub: store.Subscription, row_id: int, reason: str, error: str) -> str:
        """Pause a subscription the bot can no longer reach, and record the digest as failed."""
        log.warning("subscription %s paused: %s", sub.id, error)

        def write(session: Session) -> None:
            store.pause(session, sub.id, reason)
            log_store.finish(session, row_id, store.FAILED, self.now(), error)

        await asyncio.to_thread(self._write, write)
        return "paused"

    def _move_chat(self, subscription_id: int, chat_id: int) -> None:
        """Follow a group that became a supergroup (its chat id changed)."""
        with self.sessions() as session:
            session.execute(update(store.Subscription).where(store.Subscription.id == subscription_id)
                            .values(chat_id=chat_id))
            session.commit()


@contextlib.contextmanager
def _file_lock(path: str) -> Iterator[bool | None]:
    """A non-blocking exclusive flock on `path` (released by the kernel if the process dies)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Windows: no lock, the lease decides
        yield None
        return
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


_T = TypeVar("_T")


async def _landed(call: Awaitable[_T]) -> _T:
    """Await a write running in a worker thread; cancelled, let it land before giving up: a run stopped while
    claiming must not commit its claim behind the back of the run that starts next (which would then not see
    that digest as due until the one after)."""
    task = asyncio.ensure_future(call)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise
