"""The weekly job on a fake clock: a week of schedule, a holiday, restarts, blocked users, flood control."""

from __future__ import annotations

import asyncio
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.storage import digests as store
from jobs.delivery import DigestDeliverer
from knowledge.digest.engine import DigestEngine
from tests.digest_fixtures import FakeClock, FakeSender, StubIndex, sample_kb

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def engine() -> DigestEngine:
    kb = sample_kb()
    return DigestEngine(kb, StubIndex(kb))


def add_sub(sessions, chat_id: int, weekday: int = 0, at: dt.time = dt.time(9, 0), **kw) -> int:  # type: ignore[no-untyped-def]
    with sessions() as session:
        created = kw.pop("created_at", dt.datetime(2024, 1, 1, tzinfo=TZ))
        sub = store.Subscription(chat_id=chat_id, user_id=chat_id, weekday=weekday, send_time=at,
                                 window_days=kw.pop("window_days", 14), quiet=kw.pop("quiet", False),
                                 send_empty=kw.pop("send_empty", True), paused=False,
                                 created_at=created, updated_at=created)
        sub.keyword_list = kw.pop("keywords", [])
        session.add(sub)
        session.commit()
        return sub.id


def deliverer(sessions, engine, sender, clock, **kw) -> DigestDeliverer:  # type: ignore[no-untyped-def]
    return DigestDeliverer(sessions, lambda: engine, sender, clock.now, clock.sleep, monotonic=clock.mono, **kw)


def logs(sessions) -> list[store.DigestLog]:  # type: ignore[no-untyped-def]
    with sessions() as session:
        return list(session.scalars(select(store.DigestLog).order_by(store.DigestLog.id)))


async def run_ticks(d: DigestDeliverer, clock: FakeClock, start: dt.datetime, end: dt.datetime,
                    step: dt.timedelta) -> None:
    clock.current = start
    while clock.current <= end:
        await d.run_due()
        clock.current += step


async def test_a_week_of_schedule_sends_each_digest_once_on_its_day(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, tzinfo=TZ))  # Monday
    sender = FakeSender(clock)
    for weekday in range(7):  # subscribed just before: last week's digests are not theirs
        add_sub(sessions, 100 + weekday, weekday, dt.time(8 + weekday, 30), created_at=clock.now())
    d = deliverer(sessions, engine, sender, clock)
    await run_ticks(d, clock, dt.datetime(2024, 12, 16, tzinfo=TZ), dt.datetime(2024, 12, 22, 23, 59, tzinfo=TZ),
                    dt.timedelta(minutes=20))
    assert sender.per_chat() == {100 + w: 1 for w in range(7)}
    for chat, _text, _quiet, when in sender.sent:
        weekday = chat - 100
        assert when.date() == dt.date(2024, 12, 16) + dt.timedelta(days=weekday)
        assert dt.time(8 + weekday, 30) <= when.time() < dt.time(8 + weekday, 50)
    assert [row.status for row in logs(sessions)] == ["sent"] * 7
    assert {row.period for row in logs(sessions)} == {f"2024-12-{16 + w}" for w in range(7)}
    # The next Monday starts a new period.
    await run_ticks(d, clock, dt.datetime(2024, 12, 23, 9, 0, tzinfo=TZ), dt.datetime(2024, 12, 23, 10, 0, tzinfo=TZ),
                    dt.timedelta(minutes=20))
    assert sender.per_chat()[100] == 2


async def test_holiday_moves_the_digest_to_the_next_working_day(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 9, 30, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1, weekday=0, created_at=clock.now())  # Monday 09:00; Monday 7 Oct 2024 is a holiday
    d = deliverer(sessions, engine, sender, clock)
    await run_ticks(d, clock, dt.datetime(2024, 9, 30, tzinfo=TZ), dt.datetime(2024, 10, 9, 23, 0, tzinfo=TZ),
                    dt.timedelta(hours=1))
    assert [when.date() for *_, when in sender.sent] == [dt.date(2024, 9, 30), dt.date(2024, 10, 8)]
    assert [row.period for row in logs(sessions)] == ["2024-09-30", "2024-10-07"]


async def test_missed_digest_goes_out_at_start_up_late_once_and_marked(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 15, 0, tzinfo=TZ))  # bot was down at 09:00
    sender = FakeSender(clock)
    add_sub(sessions, 1, weekday=0)
    add_sub(sessions, 2, weekday=6)  # Sunday's digest: missed yesterday, sent a day late, marked
    d = deliverer(sessions, engine, sender, clock)
    report = await d.run_due()
    assert sorted(report.sent) == [1, 2] and report.late == [2] and sender.per_chat() == {1: 1, 2: 1}
    texts = {chat: text for chat, text, *_ in sender.sent}
    assert "补发：原定 12月15日周日 09:00" in texts[2] and "补发" not in texts[1]
    for _ in range(3):  # never twice
        clock.current += dt.timedelta(hours=6)
        assert (await d.run_due()).sent == []
    assert sender.per_chat() == {1: 1, 2: 1}


async def test_a_new_subscription_starts_with_the_next_period(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 10, 0, tzinfo=TZ))  # Monday 10:00, after the 09:00 slot
    sender = FakeSender(clock)
    add_sub(sessions, 1, created_at=clock.now())
    assert (await deliverer(sessions, engine, sender, clock).run_due()).sent == []
    clock.set(dt.date(2024, 12, 23), 9, 0)
    assert (await deliverer(sessions, engine, sender, clock).run_due()).sent == [1]


async def test_restart_in_the_middle_of_a_run_resumes_at_once_without_repeating(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    chats = list(range(1, 7))
    for chat in chats:
        add_sub(sessions, chat)
    sender.hang_on.add(3)
    first = deliverer(sessions, engine, sender, clock, concurrency=1)
    run = asyncio.create_task(first.run_due())
    await asyncio.wait_for(sender.hanging.wait(), 5)
    run.cancel()  # the process is killed while sending chat 3's digest
    with pytest.raises(asyncio.CancelledError):
        await run
    assert sender.per_chat() == {1: 1, 2: 1}
    sender.hang_on.clear()

    # Restart one minute later: the scheduler lock is free, so the dead run's claims are resumed at
    # once (no lease to wait out); chat 3's message was in flight: resent once, with the note.
    clock.current += dt.timedelta(minutes=1)
    second = deliverer(sessions, engine, sender, clock)
    report = await second.run_due()
    assert sorted(report.sent) == [3, 4, 5, 6] and report.held == []
    assert sender.per_chat() == {chat: 1 for chat in chats}
    noted = [chat for chat, text, *_ in sender.sent if text.startswith("（如已收到请忽略）")]
    assert noted == [3]
    clock.current += dt.timedelta(minutes=30)
    assert (await second.run_due()).sent == []
    assert all(row.status == "sent" for row in logs(sessions))
    row3 = next(r for r in logs(sessions) if r.subscription_id == 3)
    assert row3.attempts == 2 and row3.uncertain == 1


async def test_two_workers_at_once_send_each_digest_once(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 5, tzinfo=TZ))
    sender = FakeSender(clock)
    for chat in range(1, 21):
        add_sub(sessions, chat)
    a, b = deliverer(sessions, engine, sender, clock), deliverer(sessions, engine, sender, clock)
    await asyncio.gather(a.run_due(), b.run_due())
    assert sender.per_chat() == {chat: 1 for chat in range(1, 21)}


async def test_blocked_user_is_paused_and_others_still_served(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    for chat in (1, 2, 3):
        add_sub(sessions, chat)
    sender.always[2] = Forbidden("Forbidden: bot was blocked by the user")
    report = await deliverer(sessions, engine, sender, clock).run_due()
    assert sorted(report.sent) == [1, 3] and report.paused == [2]
    with sessions() as session:
        sub = session.get(store.Subscription, 2)
        assert sub is not None and sub.paused and "屏蔽" in (sub.pause_reason or "")
    row = next(r for r in logs(sessions) if r.subscription_id == 2)
    assert row.status == "failed" and "blocked" in (row.error or "")
    # Paused subscriptions are not tried again.
    calls = sender.calls
    clock.current += dt.timedelta(minutes=10)
    await deliverer(sessions, engine, sender, clock).run_due()
    assert sender.calls == calls


async def test_chat_not_found_pauses_other_bad_requests_do_not(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1)
    add_sub(sessions, 2)
    sender.always[1] = BadRequest("Bad Request: chat not found")
    sender.always[2] = BadRequest("Bad Request: can't parse entities")
    report = await deliverer(sessions, engine, sender, clock).run_due()
    assert report.paused == [1] and report.failed == [2]


async def test_retry_after_waits_then_sends(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1)
    add_sub(sessions, 2)
    sender.errors[1] = [RetryAfter(30), RetryAfter(dt.timedelta(seconds=5))]
    report = await deliverer(sessions, engine, sender, clock).run_due()
    assert sorted(report.sent) == [1, 2]
    assert clock.slept == [30.5, 5.5]  # waited exactly what Telegram asked (no real sleeping)
    assert sender.per_chat() == {1: 1, 2: 1}


async def test_network_errors_back_off_then_retry_later(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1)
    add_sub(sessions, 2)
    sender.errors[1] = [NetworkError("connection reset"), NetworkError("connection reset")]
    sender.always[2] = NetworkError("proxy down")
    d = deliverer(sessions, engine, sender, clock, retries=3, backoff=2.0)
    report = await d.run_due()
    assert report.sent == [1] and report.retrying == [2]
    assert clock.slept[:2] == [2.0, 4.0]  # exponential backoff in place, bounded by `retries`
    row = next(r for r in logs(sessions) if r.subscription_id == 2)
    assert row.status == "retry" and row.next_at is not None
    # Not before its next attempt time; then it goes out.
    del sender.always[2]
    assert (await d.run_due()).sent == []
    clock.current = row.next_at.astimezone(TZ)
    assert (await d.run_due()).sent == [2]
    assert sender.per_chat() == {1: 1, 2: 1}


async def test_empty_digest_sent_as_one_line_or_skipped_and_quiet_flag(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1, keywords=["不存在的词"], send_empty=True, quiet=True)
    add_sub(sessions, 2, keywords=["不存在的词"], send_empty=False)
    add_sub(sessions, 3, keywords=["消防"])
    report = await deliverer(sessions, engine, sender, clock).run_due()
    assert sorted(report.sent) == [1, 3] and report.skipped == [2]
    by_chat = {chat: (text, quiet) for chat, text, quiet, _ in sender.sent}
    assert "没有到期或逾期的任务" in by_chat[1][0] and "\n" not in by_chat[1][0] and by_chat[1][1] is True
    assert "开展消防安全隐患排查" in by_chat[3][0] and by_chat[3][1] is False
    clock.current += dt.timedelta(minutes=5)
    assert (await deliverer(sessions, engine, sender, clock).run_due()).skipped == []


async def test_done_and_snoozed_tasks_are_left_out(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1, keywords=["消防"])
    with sessions() as session:
        store.set_mark(session, 1, "T1", store.DONE, None, 1)
        store.set_mark(session, 1, "T8", store.SNOOZED, dt.date(2024, 12, 20), 1)
        session.commit()
    await deliverer(sessions, engine, sender, clock).run_due()
    assert "没有到期或逾期的任务" in sender.sent[0][1]


@pytest.mark.postgres
async def test_postgres_advisory_lock_lets_one_worker_run(pg_url: str, engine) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from bot.storage import make_engine, make_sessionmaker
    from jobs.delivery import ADVISORY_KEY

    db = make_engine(pg_url)
    sessions = make_sessionmaker(db)
    try:
        clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
        sender = FakeSender(clock)
        add_sub(sessions, 1)
        with db.connect() as other:  # another worker holds the scheduler lock
            assert other.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
            report = await deliverer(sessions, engine, sender, clock).run_due()
            assert report.locked_out and sender.sent == []
            other.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
        report = await deliverer(sessions, engine, sender, clock).run_due()
        assert report.sent == [1] and not report.locked_out
    finally:
        db.dispose()


async def test_a_run_stopped_while_claiming_lets_the_claim_land_before_it_gives_up(sessions, engine) -> None:  # type: ignore[no-untyped-def]
    """A run cancelled while its claim is being written waits for that write: the claim is in the log when the
    run has stopped, so the run that starts next resumes it at once instead of missing it (it would otherwise
    land behind that run's back)."""
    import threading

    clock = FakeClock(dt.datetime(2024, 12, 16, 9, 0, tzinfo=TZ))
    sender = FakeSender(clock)
    add_sub(sessions, 1)
    first = deliverer(sessions, engine, sender, clock, concurrency=1)
    entered, release = threading.Event(), threading.Event()
    claim = first._claim

    def slow_claim(*args, **kwargs):  # type: ignore[no-untyped-def]
        entered.set()
        release.wait(5)
        return claim(*args, **kwargs)

    first._claim = slow_claim  # type: ignore[method-assign]
    run = asyncio.create_task(first.run_due())
    await asyncio.to_thread(entered.wait, 5)
    run.cancel()
    asyncio.get_running_loop().call_later(0.05, release.set)
    with pytest.raises(asyncio.CancelledError):
        await run
    assert [row.claimed_by for row in logs(sessions)] == [first.owner]
    report = await deliverer(sessions, engine, sender, clock).run_due()
    assert report.sent == [1] and sender.per_chat() == {1: 1}
