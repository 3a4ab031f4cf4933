"""Digests that survive the network and the clock (tests/digest_scenarios.py, on a fake clock):
0 lost, at most one repeat per send whose outcome was unknown (and that repeat carries the note),
late digests marked, nothing twice otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage import migrate
from tests import digest_scenarios as sc

CHATS = 4  # subscriptions per scenario here (bench/bench_faults.py runs more)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("digest-faults") / "template.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.mark.parametrize(("name", "scenario"), sc.SCENARIOS, ids=[n for n, _ in sc.SCENARIOS])
async def test_digest_fault(name: str, scenario: sc.Scenario, tmp_path: Path, template: Path) -> None:
    outcome = await scenario(sc.sqlite_world_url(tmp_path, template), CHATS)
    assert outcome.lost == 0 and outcome.early == 0, outcome
    assert outcome.repeats <= outcome.uncertain, outcome  # a repeat only where a send was uncertain
    assert outcome.repeats <= outcome.noted, outcome  # … and every repeat says so
    if name in ("outage past the day", "bot down over send time"):
        assert outcome.late == outcome.expected and outcome.repeats == 0, outcome
    if name.startswith("clock") or name.startswith("outage") or name.startswith("RetryAfter"):
        assert outcome.repeats == 0 and outcome.noted == 0, outcome


async def test_timeout_after_acceptance_repeats_once_with_the_note(tmp_path: Path, template: Path) -> None:
    outcome = await sc.timeout_after_acceptance(sc.sqlite_world_url(tmp_path, template), CHATS)
    assert outcome.lost == 0 and outcome.repeats == outcome.uncertain == outcome.noted == len(range(1, CHATS + 1)[::2])


async def test_late_sending_off_gives_up_after_the_day(tmp_path: Path, template: Path) -> None:
    world = sc.make_world(sc.sqlite_world_url(tmp_path, template), chats=CHATS)
    world.sender.down_until = sc.MONDAY + sc.dt.timedelta(days=1, hours=10)
    world.clock.set(sc.MONDAY.date(), 8, 55)
    worker = world.worker(late=False)
    await world.ticks(worker, sc.MONDAY + sc.dt.timedelta(days=1, hours=12), step=30 * sc.MINUTE)
    assert world.sender.sent == []
    with world.sessions() as session:
        statuses = {r.status for r in session.query(sc.store.DigestLog)}
    assert statuses == {"expired"}


@pytest.mark.postgres
async def test_two_workers_on_postgres_one_killed(pg_url: str) -> None:
    outcome = await sc.two_workers_one_killed(pg_url, CHATS)
    assert outcome.lost == 0 and outcome.repeats <= outcome.uncertain, outcome
    assert "locked out" in outcome.notes[0]


async def test_without_the_trusted_clock_a_jump_would_send_early(tmp_path: Path, template: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The scenario can tell: with jumps followed at once, next week's digest goes out a week early.
    import datetime as dt

    from jobs import clock

    original = clock.TrustedClock.__init__

    def follow_at_once(self, wall, monotonic, tolerance=dt.timedelta(minutes=2), settle=dt.timedelta(0)):  # type: ignore[no-untyped-def]
        original(self, wall, monotonic, tolerance, dt.timedelta(0))

    monkeypatch.setattr(clock.TrustedClock, "__init__", follow_at_once)
    outcome = await sc.clock_jump_forward_and_back(sc.sqlite_world_url(tmp_path, template), CHATS)
    assert outcome.early > 0
