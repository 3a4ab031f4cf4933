"""Delivering due digests: claim in digest_log, send with retries, record; pause on Forbidden.

Guarantees: each (subscription, period) is claimed under a unique key and committed BEFORE the
first message goes out, so a second worker or a restarted bot never sends it again; a claim
left pending by a crashed run is taken over once its lease runs out (the same day), so nothing
is skipped either. The one window left: a crash after Telegram accepted a message but before
the "sent" commit — that digest is sent again after the lease (there is no idempotency key in
the Bot API to close it).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.render import TelegramMessage, to_telegram
from bot.storage import digests as store
from jobs.digest import DigestEngine, DigestFilters, render_digest
from jobs.schedule import due_period

log = logging.getLogger(__name__)

Sender = Callable[[int, TelegramMessage, bool], Awaitable[int]]
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


def filters_of(sub: store.Subscription) -> DigestFilters:
    """The digest filters stored on a subscription."""
    return DigestFilters(tuple(sub.keyword_list), sub.doc, sub.unit)


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
    """

    def __init__(self, sessions: sessionmaker[Session], engine: Callable[[], DigestEngine], send: Sender,
                 clock: Clock, sleep: Sleep = asyncio.sleep, owner: str | None = None,
                 lease: dt.timedelta = dt.timedelta(minutes=5), max_attempts: int = 3,
                 retries: int = 4, backoff: float = 2.0, max_wait: float = 300.0, concurrency: int = 16) -> None:
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
        self._running = asyncio.Lock()

    def due_now(self, session: Session, now: dt.datetime) -> list[tuple[store.Subscription, dt.date]]:
        """Active subscriptions with a digest due at `now`, with the scheduled day of each."""
        due = []
        for sub in store.active_subscriptions(session):
            period = due_period(sub.weekday, sub.send_time, now)
            if period is not None:
                due.append((sub, period))
        return due

    async def run_due(self) -> RunReport:
        """Deliver every digest due now; a run already in progress makes this one a no-op."""
        report = RunReport()
        if self._running.locked():
            return report
        async with self._running:
            now = self.clock()
            with self.sessions() as session:
                due = self.due_now(session, now)
                hidden = store.hidden_tasks(session, sorted({s.chat_id for s, _ in due}), now.date())
            gate = asyncio.Semaphore(self.concurrency)

            async def one(sub: store.Subscription, period: dt.date) -> None:
                async with gate:
                    try:
                        outcome = await self.deliver(sub, period, now, hidden.get(sub.chat_id, set()))
                    except Exception:  # one subscriber's failure never stops the others
                        log.exception("digest %s for %s failed unexpectedly", period, sub.id)
                        outcome = "failed"
                    getattr(report, outcome).append(sub.id)

            await asyncio.gather(*(one(sub, period) for sub, period in due))
        return report

    async def deliver(self, sub: store.Subscription, period: dt.date, now: dt.datetime,
                      hidden: set[str]) -> str:
        """Claim, build and send one digest; returns "sent", "skipped", "failed", "paused" or "held"."""
        with self.sessions() as session:
            row = store.claim(session, sub.id, period.isoformat(), self.owner, now, self.lease, self.max_attempts)
            if row is None:
                return "held"
            engine = self.engine()
            digest = engine.compute(filters_of(sub), now.date(), sub.window_days, exclude=hidden)
            if digest.is_empty and not sub.send_empty:
                store.finish(session, row, store.SKIPPED, self.clock())
                return "skipped"
            reply = render_digest(engine, digest, heading="每周截止任务提醒")
            chat_id = sub.chat_id
            ids: list[int] = []
            try:
                for message in to_telegram(reply):
                    message_id, chat_id = await self._send_one(session, sub, chat_id, message)
                    ids.append(message_id)
            except Forbidden as exc:
                reason = f"机器人被屏蔽或移出群组：{exc.message}"
                store.finish(session, row, store.FAILED, self.clock(), error=str(exc), message_ids=ids)
                store.pause(session, sub.id, reason)
                session.commit()
                log.warning("subscription %s paused: %s", sub.id, exc)
                return "paused"
            except BadRequest as exc:
                store.finish(session, row, store.FAILED, self.clock(), error=str(exc), message_ids=ids)
                if "chat not found" in exc.message.lower():
                    store.pause(session, sub.id, f"聊天不存在：{exc.message}")
                    session.commit()
                    log.warning("subscription %s paused: %s", sub.id, exc)
                    return "paused"
                log.error("digest %s for subscription %s rejected: %s", period, sub.id, exc)
                return "failed"
            except SendFailed as exc:
                # Left "failed" with its attempt counted: a later tick retries it the same day.
                store.finish(session, row, store.FAILED, self.clock(), error=str(exc), message_ids=ids)
                log.warning("digest %s for subscription %s not sent: %s", period, sub.id, exc)
                return "failed"
            store.finish(session, row, store.SENT, self.clock(), message_ids=ids)
            return "sent"

    async def _send_one(self, session: Session, sub: store.Subscription, chat_id: int,
                        message: TelegramMessage) -> tuple[int, int]:
        """Send one message, waiting out RetryAfter and backing off on network errors (bounded)."""
        last: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                return await self.send(chat_id, message, sub.quiet), chat_id
            except RetryAfter as exc:
                last = exc
                wait = _retry_after_seconds(exc)
                if wait > self.max_wait:
                    break
                log.info("flood control for chat %s: waiting %.0f s", chat_id, wait)
                await self.sleep(wait + 0.5)
            except ChatMigrated as exc:
                # A group became a supergroup: follow it and keep the subscription.
                chat_id = exc.new_chat_id
                sub.chat_id = chat_id
                session.merge(sub)
                session.commit()
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
