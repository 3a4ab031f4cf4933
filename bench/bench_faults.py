"""Benchmark: PlanBot under attack, careless admins and bad networks — what survives.

    python bench/bench_faults.py [--chats 40] [--hostile all|sample] [--skip-slow]

Per fault it prints: tried, survived (no exception reached the error handler, no traceback, the bot
kept serving or refused cleanly), digests lost, digests repeated, data damaged — and notes (peak
memory of the worst uploads against the configured limit, how fast a killed process was resumed).
Targets (issue 13): 0 crashes reaching the error handler, 0 digests lost, at most one repeat per
timed-out (uncertain) send, 0 damage; the worst upload's peak memory below the configured limit.

Faults: ~7,000 hostile inputs (every payload × every command, button prefix, inline, free text);
45 bad uploads through the admin upload flow (tests/test_bad_uploads.py's cases, the build's memory
and time limits); the probe's worst uploads (1,000,000-paragraph .docx, 19 MiB text) for peak memory;
corrupt state at start-up; the digest faults of tests/digest_scenarios.py on a fake clock (network
outages, RetryAfter 600 s, timeout after acceptance, restarts, clock jumps, two workers on
PostgreSQL when it answers); a real kill -9 of a process mid-send; SQLite's write lock held 6 s.
It measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MIB = 1024 * 1024


@dataclass
class Row:
    """One fault's figures ("-" where a figure does not apply)."""

    fault: str
    tried: int
    survived: int
    lost: int | str = "-"
    repeated: int | str = "-"
    damaged: int | str = 0
    note: str = ""


def settings_for(folder: Path, **kw: object):  # type: ignore[no-untyped-def]
    """Settings on a fresh SQLite database in `folder` (admin 900), environment ignored."""
    from bot.settings import Settings
    from bot.storage import migrate
    from knowledge.builder import BUNDLED_PLANS

    url = f"sqlite:///{folder}/bot.db"
    migrate(url)
    return Settings(_env_file=None, token=None, admin_ids=[900], database_url=url, plans_dir=BUNDLED_PLANS, **kw)


async def harness(folder: Path, **kw: object):  # type: ignore[no-untyped-def]
    """The real Application over a fake Bot API (tests/harness.py) on a fresh database."""
    from bot.kbstate import KnowledgeState
    from bot.storage import make_engine, make_sessionmaker
    from knowledge.builder import build_bundled
    from tests.harness import BotHarness

    settings = settings_for(folder, **kw)
    sessions = make_sessionmaker(make_engine(settings.database_url, busy_ms=settings.db_busy_ms))
    return await BotHarness.create(settings, KnowledgeState(build_bundled()), sessions)


def unsafe_text_rows(sessions) -> int:  # type: ignore[no-untyped-def]
    """Stored user text holding what input normalisation must drop (surrogates, controls, bidi)."""
    from sqlalchemy import select

    from bot.storage import admin as a
    from bot.storage import chat as c
    from bot.storage import digests as d

    columns = [d.Subscription.keywords, d.Subscription.doc, d.Subscription.unit, a.Alias.abbr, a.Alias.full,
               c.QueryLog.query, a.AuditEntry.detail]
    bad = 0
    with sessions() as session:
        for column in columns:
            for value in session.scalars(select(column)):
                bad += any(unicodedata.category(ch) in ("Cs", "Cf") or (unicodedata.category(ch) == "Cc"
                                                                         and ch not in "\n\t") for ch in value or "")
    return bad


def integrity(url: str) -> bool:
    """SQLite's integrity_check says ok."""
    with contextlib.closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]


# ----- hostile inputs ----------------------------------------------------------------------------------

async def hostile_inputs(folder: Path, everything: bool) -> Row:
    """Every payload against every target (or the test suite's sample)."""
    from tests.harness import ADMIN_USER, DEFAULT_USER
    from tests.hostile import inputs

    h = await harness(folder)
    live = h.services.state.active
    tried = crashed = 0
    for item in inputs(None if everything else 8):
        tried += 1
        user = ADMIN_USER if item.kind == "admin_command" else DEFAULT_USER
        before = len(h.errors)
        if item.kind == "button":
            await h.press(item.text, user=user, expect_error=True)
        elif item.kind == "inline":
            await h.inline(item.text, user=user, expect_error=True)
        elif item.kind == "group_text":
            await h.text(item.text, chat_type="supergroup", user=user, expect_error=True)
        else:
            await h.text(item.text, user=user, expect_error=True)
        crashed += len(h.errors) > before
    damaged = unsafe_text_rows(h.services.sessions) + (h.services.state.active is not live)
    damaged += not integrity(h.services.settings.database_url)
    await h.close()
    return Row("hostile inputs (commands, buttons, inline, text)", tried, tried - crashed, damaged=damaged,
               note="admins' own commands may change data on purpose; damage = live knowledge base changed, "
                    "unsafe characters stored, or integrity_check failing")


# ----- bad uploads ------------------------------------------------------------------------------------

async def bad_uploads(folder: Path) -> Row:
    """The reader-level bad uploads, then the build's memory and time limits, through the admin flow."""
    from sqlalchemy import func, select

    from bot.storage import admin as store
    from knowledge.limits import ReadLimits
    from tests.harness import ADMIN_USER
    from tests.test_bad_uploads import CASES
    from tests.test_upload_faults import CUSTOM, LINE_PLAN

    h = await harness(folder)
    settings = h.services.settings

    def stored() -> tuple[int, ...]:
        with h.services.sessions() as session:
            return tuple(session.scalar(select(func.count()).select_from(t)) or 0
                         for t in (store.KbSource, store.KbVersion, store.KbParseCache)) + (
                session.scalar(select(func.count()).where(store.KbDraft.status == "open")) or 0,)

    cases = [(c[0], c[1], c[4], {}) for c in CASES]
    cases += [("build memory limit 8 MB", lambda: ("big.txt", LINE_PLAN), ReadLimits(), {"build_memory_mb": 8}),
              ("build time limit 0.2 s", lambda: ("big.txt", LINE_PLAN), ReadLimits(), {"build_timeout_seconds": 0.2})]
    tried = survived = damaged = 0
    for n, (_case, make, limits, extra) in enumerate(cases):
        defaults = ReadLimits()
        for field_name, setting in CUSTOM.items():
            value = getattr(limits, field_name)
            setattr(settings, setting, value if value != getattr(defaults, field_name)
                    else type(settings).model_fields[setting].default)
        for key in ("build_memory_mb", "build_timeout_seconds"):
            setattr(settings, key, extra.get(key, type(settings).model_fields[key].default))
        h.services.admin.max_bytes = settings.max_upload_bytes  # type: ignore[union-attr]
        name, data = make()
        before, live = stored(), h.services.state.active
        errors = len(h.errors)
        calls = await h.send(h.document_update(f"B{n}", name, data, user=ADMIN_USER), expect_error=True)
        tried += 1
        final = (h.texts(calls) or [""])[-1]
        if len(h.errors) == errors and ("知识库未作任何改动" in final or "上传文件" in final):
            survived += 1
        if [label for label, _ in h.last_buttons()].count("取消"):
            await h.press_label("取消", user=ADMIN_USER)
        damaged += stored() != before or h.services.state.active is not live
    await h.close()
    return Row("bad uploads through the admin flow", tried, survived, damaged=damaged,
               note="refused with the reader's message, or a draft that was cancelled; damage = anything stored or live changed")


def worst_uploads() -> Row:
    """The probe's worst uploads, parsed in the limited child process: peak memory against the cap."""
    from bot.settings import Settings
    from knowledge.errors import PlanError
    from knowledge.isolated_build import LAST_BUILD, build_isolated

    settings = Settings(_env_file=None)
    limits = settings.build_limits()
    body = "".join(f"<w:p><w:r><w:t>{i}</w:t></w:r></w:p>" for i in range(1_000_000))
    files = [("百万段落.docx", docx_with_body(body)), ("19MiB.txt", ("规划" * (19 * MIB // 6)).encode()),
             ("大计划.txt", ("某区2026年重点工作任务\n一、重点任务\n" + "".join(
                 f"{i}.推进老旧小区改造，完成改造120个，2026年底前完成。责任单位：区住建局。\n"
                 for i in range(1, 20_001))).encode())]
    notes, survived = [], 0
    for name, data in files:
        started = time.perf_counter()
        try:
            kb = build_isolated([(name, data)], limits)
            outcome = f"{len(kb.tasks)} tasks"
        except PlanError as exc:
            outcome = exc.message[:28]
        took = time.perf_counter() - started
        growth = LAST_BUILD.get("peak_rss", 0)
        below = LAST_BUILD.get("peak_vm", 0) < LAST_BUILD.get("cap", 0) or not LAST_BUILD.get("cap")
        survived += below and took < limits.seconds + 5
        notes.append(f"{name} {len(data) / MIB:.1f} MB: {took:.1f} s, peak RSS {growth / MIB:.0f} MB, "
                     f"peak VM {LAST_BUILD.get('peak_vm', 0) / MIB:.0f} / cap {LAST_BUILD.get('cap', 0) / MIB:.0f} MB "
                     f"({outcome})")
    return Row(f"worst uploads (limit {settings.build_memory_mb} MB, {settings.build_timeout_seconds:g} s)",
               len(files), survived, note="; ".join(notes))


def docx_with_body(body: str) -> bytes:
    """A .docx whose document.xml body is `body`."""
    from tests.test_bad_uploads import docx_with_body as make

    return make(body)


# ----- corrupt start-ups ------------------------------------------------------------------------------

def startups(folder: Path) -> Row:
    """Damaged state (cache row, source row, source bytes, file list, plan file, database file), then start."""
    from bot import cli
    from bot.kbstate import KnowledgeState
    from bot.settings import get_settings
    from bot.storage import make_engine, make_sessionmaker, migrate
    from bot.versions import Versions
    from knowledge.builder import BUNDLED_PLANS
    from knowledge.models import KnowledgeBase

    base = folder / "base"
    plans = base / "plans"
    shutil.copytree(BUNDLED_PLANS, plans)
    url = f"sqlite:///{base}/bot.db"
    migrate(url)
    engine = make_engine(url)
    versions = Versions(make_sessionmaker(engine), KnowledgeState(KnowledgeBase(), version=0), plans)
    versions.start()
    last = sorted(plans.iterdir())[-1]
    last.write_text(last.read_text(encoding="utf-8") + "\n（九）新增任务，2026年底前完成。\n", encoding="utf-8")
    refs, blobs = versions.reload_candidate()
    versions.publish(versions.make_draft("reload", refs, versions.build(refs, blobs), author_id=1,
                                         author_name="a", blobs=blobs).id, 1, "a")
    engine.dispose()
    with sqlite3.connect(base / "bot.db") as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damages = {
        "garbled parse-cache rows": "UPDATE kb_parse_cache SET kb_json = 'garbled'",
        "missing source row": "DELETE FROM kb_sources WHERE sha256 = (SELECT sha256 FROM kb_sources ORDER BY created_at DESC LIMIT 1)",
        "garbled source bytes": "UPDATE kb_sources SET data = X'00' WHERE sha256 = (SELECT sha256 FROM kb_sources ORDER BY created_at DESC LIMIT 1)",
        "garbled file list": "UPDATE kb_versions SET sources_json = '[{' WHERE number = 2",
        "unreadable plan file": None, "0-byte database": None, "garbage database": None,
        "truncated database": None, "foreign database": None,
    }
    survived, notes = 0, []
    for n, (name, sql) in enumerate(damages.items()):
        case = folder / f"case{n}"
        shutil.copytree(base, case)
        db = case / "bot.db"
        if sql:
            with sqlite3.connect(db) as conn:
                conn.execute(sql)
                conn.execute("DELETE FROM kb_parse_cache") if "cache" not in name else None
        elif name == "unreadable plan file":
            (case / "plans" / "乱码.txt").write_bytes(os.urandom(4000))
        elif name == "0-byte database":
            db.write_bytes(b"")
        elif name == "garbage database":
            db.write_bytes(os.urandom(8192))
        elif name == "truncated database":
            db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
        else:
            db.unlink()
            with sqlite3.connect(db) as conn:
                conn.execute("CREATE TABLE invoices (id INTEGER)")
        before = db.read_bytes()
        os.environ.update(PLANBOT_DATABASE_URL=f"sqlite:///{db}", PLANBOT_PLANS_DIR=str(case / "plans"))
        os.environ.pop("PLANBOT_TOKEN", None)
        get_settings.cache_clear()
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            try:
                code = cli.main(["ask", "/version"])
            except BaseException as exc:  # noqa: BLE001 - a crash is what is counted here
                code = f"crash {type(exc).__name__}"
        refused = code == 4 and db.read_bytes() == before
        ok = code == 0 or refused
        survived += ok
        notes.append(f"{name}: {'served' if code == 0 else 'refused, file untouched' if refused else code}")
    get_settings.cache_clear()
    return Row("corrupt state at start-up", len(damages), survived, note="; ".join(notes))


# ----- digests ------------------------------------------------------------------------------------------

async def digest_faults(folder: Path, chats: int) -> list[Row]:
    """tests/digest_scenarios.py with `chats` subscriptions each (PostgreSQL two-worker case when it answers)."""
    from bot.storage import migrate
    from tests import digest_scenarios as sc

    template = folder / "template.db"
    migrate(f"sqlite:///{template}")
    rows = []
    scenarios = list(sc.SCENARIOS)
    pg = _pg_url()
    if pg is not None:
        scenarios.append(("two workers on PostgreSQL, one killed", sc.two_workers_one_killed))
    for n, (name, scenario) in enumerate(scenarios):
        case = folder / f"digests{n}"
        case.mkdir()
        url = pg() if name.startswith("two workers") and pg is not None else sc.sqlite_world_url(case, template)
        outcome = await scenario(url, chats)
        note = f"uncertain sends {outcome.uncertain}, noted copies {outcome.noted}, late {outcome.late}, early {outcome.early}"
        note += "".join(f"; {x}" for x in outcome.notes)
        rows.append(Row(f"digests: {outcome.name}", outcome.expected, outcome.delivered, outcome.lost,
                        outcome.repeats, note=note))
    return rows


def _pg_url():  # type: ignore[no-untyped-def]
    """A maker of fresh PostgreSQL schemas (migrated), or None when the server does not answer."""
    base = os.environ.get("PLANBOT_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    try:
        import psycopg

        with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=2):
            pass
    except Exception:
        return None
    import uuid

    from sqlalchemy import text

    from bot.storage import make_engine, migrate

    def fresh() -> str:
        schema = "bench_" + uuid.uuid4().hex[:10]
        engine = make_engine(base)
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        url = f"{base}?options=-csearch_path%3D{schema}"
        migrate(url)
        return url

    return fresh


# ----- kill -9 --------------------------------------------------------------------------------------

CHILD_FLAG = "--child-deliver"


def child_deliver(url: str, out: str) -> None:
    """In a child process: deliver what is due now, each send taking 20 ms, delivered lines appended to `out`."""
    from zoneinfo import ZoneInfo

    from bot.storage import make_engine, make_sessionmaker
    from jobs.delivery import DigestDeliverer
    from knowledge.digest.engine import DigestEngine
    from tests.digest_fixtures import StubIndex, sample_kb

    kb = sample_kb()
    engine = DigestEngine(kb, StubIndex(kb))

    async def send(chat_id: int, message, quiet: bool) -> int:  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.02)
        with open(out, "a", encoding="utf-8") as handle:  # delivered: Telegram has it
            handle.write(f"{chat_id}\t{int(message.text.startswith('（如已收到请忽略）'))}\t{time.time():.3f}\n")
            handle.flush()
            os.fsync(handle.fileno())
        return chat_id

    deliverer = DigestDeliverer(make_sessionmaker(make_engine(url)), lambda: engine, send,
                                lambda: dt.datetime.now(ZoneInfo("Asia/Shanghai")), concurrency=4)
    asyncio.run(deliverer.run_due())


def kill9(folder: Path, chats: int) -> Row:
    """A real process killed with SIGKILL mid-send, then a new one: resumed at once, nothing repeated but
    the message in flight (resent once, noted)."""
    from zoneinfo import ZoneInfo

    from bot.storage import digests as store
    from bot.storage import make_engine, make_sessionmaker, migrate

    url = f"sqlite:///{folder}/kill.db"
    migrate(url)
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
    sessions = make_sessionmaker(make_engine(url))
    with sessions() as session:
        for chat in range(1, chats + 1):
            sub = store.Subscription(chat_id=chat, weekday=now.weekday(), send_time=(now - dt.timedelta(minutes=5)).time(),
                                     window_days=14, quiet=False, send_empty=True, paused=False,
                                     created_at=now - dt.timedelta(days=30), updated_at=now - dt.timedelta(days=30))
            sub.keyword_list = []
            session.add(sub)
        session.commit()
    if (now - dt.timedelta(minutes=5)).date() != now.date():
        return Row("kill -9 mid-send (real process)", 0, 0, note="skipped: too close to midnight")
    out = folder / "delivered.txt"
    out.touch()
    command = [sys.executable, __file__, CHILD_FLAG, url, str(out)]
    child = subprocess.Popen(command, cwd=ROOT)
    target = max(2, chats // 3)
    deadline = time.time() + 60
    while len(out.read_text().splitlines()) < target and time.time() < deadline and child.poll() is None:
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    killed_at = time.time()
    before = len(out.read_text().splitlines())
    subprocess.run(command, cwd=ROOT, check=False, timeout=120)
    lines = [line.split("\t") for line in out.read_text().splitlines()]
    after = lines[before:]
    resumed = float(after[0][2]) - killed_at if after else float("nan")
    per_chat: dict[str, int] = {}
    for chat, _noted, _at in lines:
        per_chat[chat] = per_chat.get(chat, 0) + 1
    delivered = sum(1 for chat in range(1, chats + 1) if per_chat.get(str(chat)))
    repeats = sum(n - 1 for n in per_chat.values() if n > 1)
    noted = sum(int(x[1]) for x in lines)
    with sessions() as session:
        uncertain = sum(r.uncertain for r in session.query(store.DigestLog))
    return Row("kill -9 mid-send (real process)", chats, delivered, chats - delivered, repeats,
               note=f"killed after {before} deliveries; new process's first send {resumed:.1f} s after the kill "
                    f"(start-up included); sends in flight at the kill (uncertain) {uncertain}, resent with the note {noted}")


# ----- database lock ---------------------------------------------------------------------------------

async def db_lock(folder: Path, seconds: float = 6.0) -> Row:
    """Another writer holds SQLite's lock for `seconds` while users subscribe and ask (default settings)."""
    h = await harness(folder)
    h.wait_for_logs = False
    path = h.services.settings.database_url.removeprefix("sqlite:///")
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        release.wait(seconds)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    taken.wait(5)
    users = [{"id": 600 + k, "is_bot": False, "first_name": f"用户{k}"} for k in range(5)]
    started = time.perf_counter()
    subscribing = [asyncio.create_task(h.command("/subscribe 老旧小区", user=u, expect_error=True)) for u in users]
    latencies = []
    for k in range(10):
        asked = time.perf_counter()
        await h.text("规上工业总产值目标", user=users[k % 5], expect_error=True)
        latencies.append(time.perf_counter() - asked)
        await asyncio.sleep(0.3)
    results = [h.texts(await task) for task in subscribing]
    waited = time.perf_counter() - started
    holder.join()
    h.services.answers.querylog.flush(10)
    ok = sum(1 for texts in results if texts and "已订阅" in texts[-1])
    from sqlalchemy import func, select

    from bot.storage import chat as c

    with h.services.sessions() as session:
        logged = session.scalar(select(func.count()).select_from(c.QueryLog)) or 0
    tried = len(users) + len(latencies)
    survived = ok + sum(1 for x in latencies if x < 1.0) if not h.errors else 0
    await h.close()
    return Row(f"SQLite write lock held {seconds:g} s", tried, survived, damaged=0 if logged == 10 else 10 - logged,
               note=f"5 /subscribe done after {waited:.1f} s, none failed: {ok}/5; 10 questions answered in "
                    f"max {max(latencies) * 1000:.0f} ms; query log rows written after the lock: {logged}/10")


# ----- main ---------------------------------------------------------------------------------------------

def print_table(rows: list[Row]) -> None:
    """The figures, one line per fault, then the notes."""
    head = f"{'fault':<52} {'tried':>6} {'survived':>8} {'lost':>5} {'repeated':>8} {'damaged':>7}"
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r.fault:<52} {r.tried:>6} {r.survived:>8} {r.lost!s:>5} {r.repeated!s:>8} {r.damaged!s:>7}")
    print()
    for r in rows:
        if r.note:
            print(f"- {r.fault}: {r.note}")


async def run_async(folder: Path, args: argparse.Namespace) -> list[Row]:
    """The faults that run on the event loop."""
    rows = [await hostile_inputs(folder / "hostile", args.hostile == "all")]
    rows.append(await bad_uploads(folder / "uploads"))
    rows += await digest_faults(folder / "digests", args.chats)
    if not args.skip_slow:
        rows.append(await db_lock(folder / "lock"))
    return rows


def main() -> None:
    """Run every fault and print the table."""
    if len(sys.argv) == 4 and sys.argv[1] == CHILD_FLAG:
        child_deliver(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=40, help="subscriptions per digest scenario")
    parser.add_argument("--hostile", choices=["all", "sample"], default="all")
    parser.add_argument("--skip-slow", action="store_true", help="leave out the worst uploads, kill -9 and the 6 s lock")
    args = parser.parse_args()
    import logging

    logging.disable(logging.CRITICAL)  # the faults log loudly on purpose
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for sub in ("hostile", "uploads", "digests", "lock", "startups", "kill"):
            (folder / sub).mkdir()
        started = time.perf_counter()
        rows = asyncio.run(run_async(folder, args))
        rows.append(startups(folder / "startups"))
        if not args.skip_slow:
            rows.append(worst_uploads())
            rows.append(kill9(folder / "kill", args.chats))
    print_table(rows)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":  # multiprocessing (the isolated build) re-imports this module: keep the guard
    main()
