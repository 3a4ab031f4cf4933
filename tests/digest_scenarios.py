"""Digest delivery under network and clock faults, on a fake clock: each scenario runs the real
DigestDeliverer minute by minute over a stretch of days against a fake sender that fails as told,
then counts what arrived. tests/test_digest_faults.py holds the targets; bench/bench_faults.py prints
the same figures.

Counted per scenario: digests expected (subscriptions × periods whose send time fell in the run),
delivered (arrived at least once), lost (never arrived), repeats (extra copies that arrived),
noted (copies carrying "（如已收到请忽略）"), uncertain (sends whose outcome was unknown), late.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from telegram.error import RetryAfter

from bot.storage import digests as store
from bot.storage import make_engine, make_sessionmaker, migrate
from jobs.delivery import DigestDeliverer
from jobs.sending import NOTE
from knowledge.digest.engine import DigestEngine
from tests.digest_fixtures import FakeClock, FakeSender, StubIndex, sample_kb

TZ = ZoneInfo("Asia/Shanghai")
MONDAY = dt.datetime(2024, 12, 16, 0, 0, tzinfo=TZ)  # an ordinary working Monday
CHATS = list(range(1, 11))
MINUTE = dt.timedelta(minutes=1)


@dataclass
class Outcome:
    """What a scenario delivered."""

    name: str
    expected: int = 0
    delivered: int = 0
    repeats: int = 0
    noted: int = 0
    uncertain: int = 0
    late: int = 0
    early: int = 0  # arrived (in real time) before the send time of its period
    ticks: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        """Digests that never arrived."""
        return self.expected - self.delivered


@dataclass
class World:
    """One database, a fake clock, a fake sender, and a way to make deliverers (workers)."""

    sessions: sessionmaker[Session]
    clock: FakeClock
    sender: FakeSender
    engine: DigestEngine
    chats: list[int]

    def worker(self, **kw: object) -> DigestDeliverer:
        """A deliverer (a worker process) on this world."""
        return DigestDeliverer(self.sessions, lambda: self.engine, self.sender, self.clock.now, self.clock.sleep,
                               monotonic=self.clock.mono, **kw)  # type: ignore[arg-type]

    async def ticks(self, worker: DigestDeliverer, until: dt.datetime, step: dt.timedelta = MINUTE,
                    outcome: Outcome | None = None) -> None:
        """Run the minute tick until the wall clock reaches `until` (time passes between ticks)."""
        while self.clock.now() < until:
            await worker.run_due()
            if outcome is not None:
                outcome.ticks += 1
            self.clock.current += step


def make_world(url: str, start: dt.datetime = MONDAY, chats: int = len(CHATS)) -> World:
    """Subscriptions (Monday 09:00, made just before `start`) on a migrated database."""
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    with sessions() as session:
        for chat in range(1, chats + 1):
            created = start - MINUTE
            sub = store.Subscription(chat_id=chat, user_id=chat, weekday=0, send_time=dt.time(9, 0), window_days=14,
                                     quiet=False, send_empty=True, paused=False, created_at=created, updated_at=created)
            sub.keyword_list = []
            session.add(sub)
        session.commit()
    clock = FakeClock(start)
    kb = sample_kb()
    return World(sessions, clock, FakeSender(clock), DigestEngine(kb, StubIndex(kb)), list(range(1, chats + 1)))


def count(world: World, outcome: Outcome, periods: list[dt.date]) -> Outcome:
    """Fill the outcome from what the fake sender delivered and the log recorded."""
    arrived: Counter[tuple[int, str]] = Counter()
    for (chat, text, _quiet, _when), real in zip(world.sender.sent, world.sender.real_times, strict=True):
        period = _period_of(text, periods)
        arrived[(chat, period)] += 1
        if period != "?" and real < dt.datetime.combine(dt.date.fromisoformat(period), dt.time(9, 0), tzinfo=TZ):
            outcome.early += 1
        outcome.noted += text.startswith(NOTE)
        outcome.late += "补发" in text
    outcome.expected = len(world.chats) * len(periods)
    outcome.delivered = sum(1 for chat in world.chats for p in periods if arrived[(chat, p.isoformat())])
    outcome.repeats = sum(n - 1 for n in arrived.values() if n > 1)
    with world.sessions() as session:
        outcome.uncertain = sum(r.uncertain for r in session.scalars(select(store.DigestLog)))
    return outcome


def _period_of(text: str, periods: list[dt.date]) -> str:
    """Which period a delivered digest belongs to, from its heading line: the late mark's date
    ("原定 M月D日"), else the day it went out (the latest period on or before it)."""
    heading = text.removeprefix(NOTE).lstrip("\n").split("\n", 1)[0]
    for day in periods:
        if f"原定 {day.month}月{day.day}日" in heading:
            return day.isoformat()
    for day in sorted(periods, reverse=True):
        if any((day + dt.timedelta(days=k)).isoformat() in heading for k in range(7)):
            return day.isoformat()
    return "?"


# ----- the scenarios --------------------------------------------------------------------------------

async def outage(url: str, minutes: int, chats: int = len(CHATS)) -> Outcome:
    """Telegram unreachable from the send time for `minutes`."""
    world = make_world(url, chats=chats)
    outcome = Outcome(f"network outage {minutes // 60} h" if minutes >= 60 else f"network outage {minutes} min")
    world.sender.down_until = MONDAY.replace(hour=9) + dt.timedelta(minutes=minutes)
    world.clock.set(MONDAY.date(), 8, 55)
    await world.ticks(world.worker(), world.sender.down_until + dt.timedelta(hours=1), outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


async def outage_past_the_day(url: str, chats: int = len(CHATS)) -> Outcome:
    """Telegram unreachable from Monday 09:00 to Tuesday 10:00: Monday's digest goes out late, once."""
    world = make_world(url, chats=chats)
    outcome = Outcome("outage past the digest's day")
    world.sender.down_until = MONDAY + dt.timedelta(days=1, hours=10)
    world.clock.set(MONDAY.date(), 8, 55)
    await world.ticks(world.worker(), MONDAY + dt.timedelta(days=1, hours=12), step=15 * MINUTE, outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


async def retry_after(url: str, seconds: int = 600, chats: int = len(CHATS)) -> Outcome:
    """Flood control: Telegram asks every chat to wait `seconds` once."""
    world = make_world(url, chats=chats)
    outcome = Outcome(f"RetryAfter {seconds} s")
    for chat in world.chats:
        world.sender.errors[chat] = [RetryAfter(seconds)]
    world.clock.set(MONDAY.date(), 8, 55)
    await world.ticks(world.worker(), MONDAY.replace(hour=10, minute=30), outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


async def timeout_after_acceptance(url: str, chats: int = len(CHATS)) -> Outcome:
    """Telegram accepts the message but the answer never comes back (half the chats)."""
    world = make_world(url, chats=chats)
    outcome = Outcome("timeout after acceptance")
    for chat in world.chats[::2]:
        world.sender.accepted_then_timeout[chat] = 1
    world.clock.set(MONDAY.date(), 8, 55)
    await world.ticks(world.worker(), MONDAY.replace(hour=10), outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


async def killed_mid_send(url: str, chats: int = len(CHATS)) -> Outcome:
    """The process dies while a message is in flight; a new one starts a minute later."""
    world = make_world(url, chats=chats)
    outcome = Outcome("process killed mid-send")
    world.clock.set(MONDAY.date(), 9, 0)
    world.sender.hang_on.add(world.chats[len(world.chats) // 2])
    run = asyncio.create_task(world.worker(concurrency=1).run_due())
    await asyncio.wait_for(world.sender.hanging.wait(), 5)
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    world.sender.hang_on.clear()
    world.clock.current += MINUTE
    restarted = world.worker()
    await restarted.run_due()
    outcome.notes.append(f"resumed after {MINUTE.seconds // 60} min: {len(world.sender.per_chat())}/{len(world.chats)} chats served")
    await world.ticks(restarted, MONDAY.replace(hour=10), outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


async def clock_jump_forward_and_back(url: str, chats: int = len(CHATS)) -> Outcome:
    """Monday 10:00 (this week's sent) the clock jumps a week ahead for 5 minutes, then back."""
    world = make_world(url, chats=chats)
    outcome = Outcome("clock jump +7 days and back")
    worker = world.worker()
    world.clock.set(MONDAY.date(), 8, 55)
    await world.ticks(worker, MONDAY.replace(hour=10), outcome=outcome)
    world.clock.jump(dt.timedelta(days=7))
    await world.ticks(worker, world.clock.now() + 5 * MINUTE, outcome=outcome)
    world.clock.jump(-dt.timedelta(days=7))
    await world.ticks(worker, MONDAY + dt.timedelta(days=7, hours=10), step=30 * MINUTE, outcome=outcome)
    return count(world, outcome, [MONDAY.date(), MONDAY.date() + dt.timedelta(days=7)])


async def clock_jump_back(url: str, chats: int = len(CHATS)) -> Outcome:
    """Tuesday 09:00 the clock is set back a day (to Monday 09:00) and stays there."""
    world = make_world(url, chats=chats)
    outcome = Outcome("clock jump -1 day")
    worker = world.worker()
    world.clock.set(MONDAY.date(), 8, 55)
    await world.ticks(worker, MONDAY + dt.timedelta(days=1, hours=9), step=10 * MINUTE, outcome=outcome)
    world.clock.jump(-dt.timedelta(days=1))
    await world.ticks(worker, MONDAY + dt.timedelta(days=7, hours=10), step=30 * MINUTE, outcome=outcome)
    return count(world, outcome, [MONDAY.date(), MONDAY.date() + dt.timedelta(days=7)])


async def bot_down_over_send_time(url: str, chats: int = len(CHATS)) -> Outcome:
    """The bot is down all Monday and starts Tuesday 08:00: Monday's digest goes out late, once."""
    world = make_world(url, chats=chats)
    outcome = Outcome("bot down over the send time")
    world.clock.set(MONDAY.date() + dt.timedelta(days=1), 8, 0)
    await world.ticks(world.worker(), MONDAY + dt.timedelta(days=1, hours=12), outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


async def two_workers_one_killed(url: str, chats: int = len(CHATS)) -> Outcome:
    """Two workers (PostgreSQL: one runs, the other is locked out); the running one dies mid-send."""
    world = make_world(url, chats=chats)
    outcome = Outcome("two workers, one killed mid-send")
    a, b = world.worker(concurrency=1), world.worker()
    world.clock.set(MONDAY.date(), 9, 0)
    world.sender.hang_on.add(world.chats[len(world.chats) // 2])
    run = asyncio.create_task(a.run_due())
    await asyncio.wait_for(world.sender.hanging.wait(), 5)
    locked_out = (await b.run_due()).locked_out
    outcome.notes.append("second worker locked out while the first runs" if locked_out else "no lock")
    run.cancel()
    await asyncio.gather(run, return_exceptions=True)
    world.sender.hang_on.clear()
    world.clock.current += MINUTE
    await world.ticks(b, MONDAY.replace(hour=10), outcome=outcome)
    return count(world, outcome, [MONDAY.date()])


Scenario = Callable[[str, int], Awaitable[Outcome]]
SCENARIOS: list[tuple[str, Scenario]] = [
    ("outage 10 min", lambda url, n: outage(url, 10, n)),
    ("outage 2 h", lambda url, n: outage(url, 120, n)),
    ("outage past the day", outage_past_the_day),
    ("RetryAfter 600 s", lambda url, n: retry_after(url, 600, n)),
    ("timeout after acceptance", timeout_after_acceptance),
    ("killed mid-send", killed_mid_send),
    ("clock +7 days and back", clock_jump_forward_and_back),
    ("clock -1 day", clock_jump_back),
    ("bot down over send time", bot_down_over_send_time),
]


def sqlite_world_url(folder: Path, template: Path | None = None) -> str:
    """A migrated SQLite database in `folder` (copied from `template` when given: faster)."""
    path = folder / "digests.db"
    if template is not None:
        shutil.copy(template, path)
    else:
        migrate(f"sqlite:///{path}")
    return f"sqlite:///{path}"
