"""Load benchmark: webhook workers on PostgreSQL behind a round-robin proxy, driven like Telegram would.

    python bench/bench_load.py [--scenarios base,kill,pdf] [--updates 5000] [--users 300] [--workers 3]

Everything runs on 127.0.0.1: the fake Bot API (tests/fakebot.py, a process), N `planbot run --webhook`
workers sharing one PostgreSQL schema (a database `planbot_bench` on the test server, so the workers'
advisory locks never meet other test runs'), and a small round-robin proxy. The driver plays Telegram:
300 users (private chats) send questions, commands and button presses in bursts — a burst every
--burst seconds gives every idle user a new update with probability --share — and each update is
re-sent (with backoff) until a worker acknowledges it with 200, as Telegram does. 300 digests are due
at start-up.

Scenarios: base; kill (worker 0 — it starts first, so it holds the digest lock — kill -9'd at 2% of
the run, while it is sending the digests, and restarted 2 s later); pdf (an admin uploads a 150-page PDF at 40% of the run and publishes it).
Per scenario it prints updates/s, latency p50/p95/p99 of users' updates (from first send to the
acknowledgement), errors, retries, memory per worker, and, from every Bot API call the workers made:
updates lost (never answered) or repeated (answered twice), button presses answered by another worker
than the one that sent the button, forged presses (another user's key, sequential or random keys) and
any answer that carried another user's question (a leak), digests sent, repeated or left waiting.
A benchmark: it measures and prints, it never fails on a figure.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import re
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_cluster import ROOT as _ROOT  # noqa: E402,F401
from bench.load_cluster import Cluster, RawHTTP, RoundRobinProxy  # noqa: E402
from bot.registry import ERROR_TEXT, EXPIRED  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"
BENCH_DB = "planbot_bench"
TODAY = dt.date(2024, 12, 20)  # a Friday with due tasks in the bundled plans
ADMIN = 900
BOT = {"id": 1, "is_bot": True, "first_name": "规划助手"}
COMMANDS = ["/tasks 改造", "/docs", "/indicators 1", "/due 30", "/outline 1", "/help", "/term", "/overdue"]
SUFFIXES = ["", "", "，具体的目标数字和文件出处分别是什么", "，请列出相关的任务和完成时限"]
MARK = re.compile(r"U(\d+)-\d+ ")
DESK_FLOWS = ("dk:n:", "dk:d:", "dk:x:", "dk:r:")  # 填报进展, 标记已完成, 申请延期, 撤销完成
DIGEST_MARK = "每周截止任务提醒 ·"  # a digest's heading (/help mentions 截止任务提醒 too)


@dataclass
class Sent:
    """One update the driver delivered: what, by whom, when sent first and acknowledged, attempts."""

    update_id: int
    user: int
    kind: str  # question, command, press, forged, upload, publish
    first: float = 0.0
    acked: float | None = None
    attempts: int = 0
    statuses: list[int] = field(default_factory=list)
    data: str = ""  # a press: the callback data
    button_source: str = ""  # a press: the worker that sent the button


@dataclass
class Driver:
    """Telegram, as the workers see it: updates delivered through the proxy until acknowledged."""

    port: int  # the proxy's
    api_port: int  # the fake Bot API's
    users: int
    rng: random.Random
    queries: list[str]
    sent: list[Sent] = field(default_factory=list)
    cpu: float = 0.0  # CPU seconds of this process during the run (driver and proxy)
    keys_seen: list[tuple[int, str]] = field(default_factory=list)  # (the user who got it, key)
    counter: int = 0
    busy: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.client = RawHTTP(timeout=180.0)

    def next_id(self) -> int:
        self.counter += 1
        return self.counter

    async def deliver(self, record: Sent, update: dict[str, Any], give_up: float = 240.0) -> None:
        """POST until a 200 (Telegram re-sends what was not acknowledged), backing off up to 5 s."""
        record.first = time.time()
        self.sent.append(record)
        delay = 0.5
        while time.time() - record.first < give_up:
            record.attempts += 1
            try:
                status, _ = await self.client.request(
                    self.port, "POST", "/telegram", json.dumps(update).encode(),
                    {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET})
                record.statuses.append(status)
                if status == 200:
                    record.acked = time.time()
                    return
            except ConnectionError:
                record.statuses.append(0)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def keyboard(self, chat: int) -> list[dict[str, Any]]:
        """The buttons the chat was last sent (from the fake API)."""
        _, body = await self.client.request(self.api_port, "GET", f"/__keyboard/{chat}")
        return list(json.loads(body)["buttons"])

    async def act(self, user: int) -> None:
        """The user's next update: a question, a command, one of their buttons, or a forged press."""
        self.busy.add(user)
        try:
            roll = self.rng.random()
            # Not the desk's progress buttons: they make the user's next text a progress note, which the
            # office shares on the task's card by design (it would read as a leak here, and not as a question).
            buttons = [b for b in (await self.keyboard(user) if roll < 0.35 else [])
                       if not b["data"].startswith(DESK_FLOWS)]
            self.keys_seen.extend((user, b["data"]) for b in buttons if b["data"].startswith("~"))
            if buttons and roll < 0.30:
                pages = [b for b in buttons if "▶" in b["label"] or "◀" in b["label"]]
                button = self.rng.choice(pages if pages and self.rng.random() < 0.6 else buttons)
                await self.press(user, button["data"], "press", button["source"])
            elif roll < 0.35:
                forged = self.rng.choice([f"~{self.rng.randrange(10)}", "~" + "".join(
                    self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
                    for _ in range(16))] + [key for owner, key in self.keys_seen[-300:] if owner != user])
                await self.press(user, forged, "forged")
            elif roll < 0.45:
                await self.message(user, self.rng.choice(COMMANDS), "command")
            else:
                n = self.next_id()
                text = f"U{user}-{n} {self.rng.choice(self.queries)}{self.rng.choice(SUFFIXES)}"
                await self.message(user, text, "question", update_id=n)
        finally:
            self.busy.discard(user)

    async def message(self, user: int, text: str, kind: str, update_id: int | None = None) -> None:
        uid = update_id or self.next_id()
        chat = {"id": user, "type": "private", "first_name": f"用户{user}"}
        msg: dict[str, Any] = {"message_id": uid, "date": int(time.time()), "chat": chat,
                               "from": {"id": user, "is_bot": False, "first_name": f"用户{user}"}, "text": text}
        if text.startswith("/"):
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        await self.deliver(Sent(uid, user, kind), {"update_id": uid, "message": msg})

    async def press(self, user: int, data: str, kind: str, source: str = "") -> None:
        uid = self.next_id()
        chat = {"id": user, "type": "private", "first_name": f"用户{user}"}
        query = {"id": f"cq{uid}", "from": {"id": user, "is_bot": False, "first_name": f"用户{user}"},
                 "chat_instance": f"ci{user}", "data": data,
                 "message": {"message_id": 10**7 + uid, "date": int(time.time()), "chat": chat, "from": BOT, "text": "…"}}
        await self.deliver(Sent(uid, user, kind, data=data, button_source=source),
                           {"update_id": uid, "callback_query": query})

    async def upload(self, file_id: str, name: str, size: int) -> None:
        """The admin sends a plan file, then presses 发布 on the report."""
        uid = self.next_id()
        chat = {"id": ADMIN, "type": "private", "first_name": "管理员"}
        msg = {"message_id": uid, "date": int(time.time()), "chat": chat,
               "from": {"id": ADMIN, "is_bot": False, "first_name": "管理员"},
               "document": {"file_id": file_id, "file_unique_id": "u" + file_id, "file_name": name, "file_size": size}}
        await self.deliver(Sent(uid, ADMIN, "upload"), {"update_id": uid, "message": msg})
        publish = [b for b in await self.keyboard(ADMIN) if b["label"] == "发布"]
        if publish:
            await self.press(ADMIN, publish[0]["data"], "publish")


SECRET = ""


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (nearest rank) of `values`."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def analyse(sent: list[Sent], calls: list[dict[str, Any]]) -> dict[str, Any]:
    """Lost, repeated, leaked, cross-worker presses and digests, from the workers' Bot API calls."""
    by_chat: dict[int, list[dict[str, Any]]] = {}
    answers_of_query: dict[str, list[dict[str, Any]]] = {}
    for call in calls:
        params = call["params"]
        if call["method"] == "answerCallbackQuery":
            answers_of_query.setdefault(str(params.get("callback_query_id")), []).append(call)
        elif call["method"] in ("sendMessage", "editMessageText") and "chat_id" in params:
            by_chat.setdefault(int(params["chat_id"]), []).append(call)
    digests: dict[int, int] = {}
    for chat, chat_calls in by_chat.items():
        digests[chat] = sum(1 for c in chat_calls if DIGEST_MARK in str(c["params"].get("text", "")))
    out = {"lost": 0, "repeated": 0, "leaks": 0, "handler_errors": 0, "presses": 0, "cross_worker": 0,
           "forged": 0, "forged_refused": 0}
    for record in sent:
        if record.acked is None:
            out["lost"] += 1
            continue
        window = [c for c in by_chat.get(record.user, []) if record.first - 0.05 <= c["at"] <= record.acked + 0.05
                  and DIGEST_MARK not in str(c["params"].get("text", ""))]
        texts = [str(c["params"].get("text", "")) for c in window]
        if any(ERROR_TEXT in t for t in texts):
            out["handler_errors"] += 1
        for text in texts:
            if any(int(m) != record.user for m in MARK.findall(text)):
                out["leaks"] += 1
        if record.kind in ("press", "forged", "publish"):
            answered = answers_of_query.get(f"cq{record.update_id}", [])
            if not answered:
                out["lost"] += 1
            elif len(answered) > 1:
                out["repeated"] += 1
            if record.kind == "press":
                out["presses"] += 1
                if answered and record.button_source and answered[0]["source"] != record.button_source:
                    out["cross_worker"] += 1
            if record.kind == "forged":
                out["forged"] += 1
                if any(EXPIRED in t for t in texts):
                    out["forged_refused"] += 1
        else:
            if not texts:
                out["lost"] += 1
            elif len(texts) != len(set(texts)):
                out["repeated"] += 1
    out["digests_sent_once"] = sum(1 for n in digests.values() if n == 1)
    out["digests_repeated"] = sum(1 for n in digests.values() if n > 1)
    return out


def seed(db_url: str, users: int) -> None:
    """Migrate the scenario's schema and subscribe every user's chat to a digest due at start-up."""
    from bot.storage import digests as store
    from bot.storage import make_engine, make_sessionmaker, migrate

    migrate(db_url)
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        for user in range(1, users + 1):
            sub = store.Subscription(chat_id=user, user_id=user, weekday=TODAY.weekday(), send_time=dt.time(0, 0),
                                     window_days=14, quiet=True, send_empty=True, paused=False,
                                     created_at=dt.datetime(2024, 12, 1, tzinfo=dt.UTC))
            sub.keyword_list = []
            session.add(sub)
    engine.dispose()


def digest_log_states(db_url: str) -> dict[str, int]:
    """digest_log rows by status at the end (pending ones wait for their lease to lapse)."""
    from sqlalchemy import func, select

    from bot.storage import digests as store
    from bot.storage import make_engine, make_sessionmaker

    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as session:
            rows = session.execute(select(store.DigestLog.status, func.count()).group_by(store.DigestLog.status)).all()
        return {status: count for status, count in rows}
    finally:
        engine.dispose()


def bench_database() -> str:
    """The benchmark's own database on the test server (created once)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": BENCH_DB}).scalar():
            conn.execute(text(f'CREATE DATABASE "{BENCH_DB}"'))
    engine.dispose()
    return f"{PG_SERVER}/{BENCH_DB}"


def make_pdf(path: Path) -> int:
    """A plan PDF of at least 150 pages (the bundled plans drawn by reportlab, repeated); its size."""
    from bench.bench_pdf import PDF_PLANS, _concatenated, page_count
    from tests import plan_variants

    data = _concatenated(PDF_PLANS, plan_variants.to_pdf, page_count)
    path.write_bytes(data)
    print(f"  (PDF: {page_count(data)} pages, {len(data) / 1e6:.1f} MB)")
    return len(data)


async def drive(args: argparse.Namespace, scenario: str, cluster: Cluster, proxy_port: int,
                pdf: tuple[str, int] | None) -> tuple[Driver, float]:
    """Play the bursts; kill/restart or upload on the way. Returns the driver and the run's seconds."""
    queries = [q["q"] for q in json.loads((ROOT / "bench/queries/realistic.json").read_text(encoding="utf-8"))]
    driver = Driver(proxy_port, cluster.api_port, args.users, random.Random(args.seed), queries)
    tasks: set[asyncio.Task[None]] = set()
    started, cpu_started = time.time(), time.process_time()
    issued, killed, uploaded = 0, False, False
    while issued < args.updates:
        idle = [u for u in range(1, args.users + 1) if u not in driver.busy]
        burst = [u for u in idle if driver.rng.random() < args.share][: args.updates - issued]
        for user in burst:
            task = asyncio.create_task(driver.act(user))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        issued += len(burst)
        if scenario == "kill" and not killed and issued >= args.updates * args.kill_at:
            killed = True
            cluster.kill(0)
            print(f"  kill -9 worker 0 after {issued} updates ({time.time() - started:.1f} s)")
            await asyncio.sleep(2.0)
            cluster.start_worker(0, wait=False)
        if scenario == "pdf" and not uploaded and pdf is not None and issued >= args.updates * 0.40:
            uploaded = True
            task = asyncio.create_task(driver.upload(pdf[0], "150页规划.pdf", pdf[1]))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            print(f"  the admin uploads the 150-page PDF after {issued} updates ({time.time() - started:.1f} s)")
        cluster.sample_memory()
        await asyncio.sleep(args.burst)
    while tasks:
        await asyncio.sleep(0.2)
    driver.client.close()
    driver.cpu = time.process_time() - cpu_started
    return driver, time.time() - started


def report(scenario: str, driver: Driver, seconds: float, figures: dict[str, Any], cluster: Cluster,
           digests: dict[str, int], proxy: RoundRobinProxy, base_p95: float | None) -> float:
    """Print one scenario's figures; returns its p95 (ms)."""
    users = [s for s in driver.sent if s.user != ADMIN and s.acked is not None]
    latency = [1000 * (s.acked - s.first) for s in users if s.acked is not None]
    p50, p95, p99 = (percentile(latency, q) for q in (0.50, 0.95, 0.99))
    upload = next((s for s in driver.sent if s.kind == "upload"), None)
    retried = sum(1 for s in driver.sent if s.attempts > 1)
    gave_up = sum(1 for s in driver.sent if s.acked is None)
    print(f"\n== {scenario}: {len(driver.sent)} updates from {driver.users} users through {cluster.workers} "
          f"webhook workers in {seconds:.1f} s")
    print(f"  updates/s: {len(driver.sent) / seconds:.1f}   latency p50/p95/p99: {p50:.0f} / {p95:.0f} / {p99:.0f} ms"
          + (f"   (p95 {p95 / base_p95:.2f}× the base run)" if base_p95 else ""))
    if upload is not None and upload.acked is not None:
        # Within the run (the machine's other load drifts between runs): users' updates sent while the
        # upload was downloaded, parsed, compared and reported, against the others.
        during = [1000 * (s.acked - s.first) for s in users if upload.first <= s.first <= upload.acked]
        outside = [1000 * (s.acked - s.first) for s in users if not upload.first <= s.first <= upload.acked]
        print(f"  the upload took {upload.acked - upload.first:.1f} s; p95 of the {len(during)} updates sent meanwhile "
              f"{percentile(during, 0.95):.0f} ms vs {percentile(outside, 0.95):.0f} ms for the others "
              f"({percentile(during, 0.95) / percentile(outside, 0.95):.2f}×)")
    print(f"  errors: {gave_up} never acknowledged, {figures['handler_errors']} answered with the error apology; "
          f"{retried} updates re-sent (503 busy / worker down), proxy skipped a down worker {proxy.skipped}×")
    print(f"  lost: {figures['lost']}   repeated: {figures['repeated']}   "
          f"answers carrying another user's question: {figures['leaks']}")
    print(f"  button presses: {figures['presses']}, answered by another worker than the one that sent the button: "
          f"{figures['cross_worker']} ({100 * figures['cross_worker'] / max(1, figures['presses']):.0f}%)")
    print(f"  forged presses (another user's key, sequential, random): {figures['forged']}, "
          f"answered '按钮已失效': {figures['forged_refused']}")
    print(f"  digests: {figures['digests_sent_once']} chats got theirs once, {figures['digests_repeated']} twice or more; "
          f"digest_log {digests}")
    memory = ", ".join(f"w{i} {cluster.resident.get(i, 0) / 1024:.0f} MB (peak {cluster.peaks.get(i, 0) / 1024:.0f})"
                       for i in sorted(cluster.procs))
    print(f"  memory per worker (resident at the end of the run, peak): {memory}")
    cpu = ", ".join(f"w{i} {cluster.cpu.get(i, 0):.0f} s" for i in sorted(cluster.procs))
    print(f"  CPU per worker process (since its start): {cpu}; the fake Bot API "
          f"{cluster.api_cpu:.0f} s; the driver and proxy {driver.cpu:.0f} s (machine: {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f})")
    return p95


async def run_scenario(args: argparse.Namespace, scenario: str, server_url: str, base_p95: float | None,
                       pdf: tuple[str, int, Path] | None) -> float:
    """One scenario in a fresh schema with fresh workers."""
    from sqlalchemy import create_engine, text

    global SECRET
    schema = f"load_{scenario}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(server_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    db_url = f"{server_url}?options=-csearch_path%3D{schema}"
    workdir = Path(tempfile.mkdtemp(prefix=f"planbot-load-{scenario}-"))
    seed(db_url, args.users)
    files = {"PDF150": pdf[2]} if pdf else {}
    cluster = Cluster(workdir, db_url, args.workers, env={"PLANBOT_TODAY": TODAY.isoformat(),
                                                        "PLANBOT_ADMIN_IDS": str(ADMIN)}, files=files)
    from bot.runner import webhook_secret
    from bot.settings import Settings

    SECRET = webhook_secret(Settings(_env_file=None, token=cluster.worker_env(0)["PLANBOT_TOKEN"]))
    proxy = RoundRobinProxy(cluster.ports)
    try:
        cluster.start_api()
        cluster.start_worker(0)  # first: it publishes version 1 and takes the digest lock
        for index in range(1, args.workers):
            cluster.start_worker(index, wait=False)
        for index in range(1, args.workers):
            cluster.wait_ready(index)
        await proxy.start()
        driver, seconds = await drive(args, scenario, cluster, proxy.port,
                                      (pdf[0], pdf[1]) if pdf and scenario == "pdf" else None)
        await asyncio.sleep(3)  # digests still going out, version polls
        digests = digest_log_states(db_url)
        cluster.sample_memory()
        calls = cluster.stop()
        figures = analyse(driver.sent, calls)
        return report(scenario, driver, seconds, figures, cluster, digests, proxy, base_p95)
    finally:
        await proxy.close()
        if cluster.api is not None and cluster.api.poll() is None:
            cluster.stop()
        if not args.keep:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        print(f"  (logs: {workdir})")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenarios", default="base,kill,pdf")
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--burst", type=float, default=1.0, help="seconds between bursts")
    parser.add_argument("--share", type=float, default=0.25, help="chance an idle user sends in a burst")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--kill-at", type=float, default=0.02,
                        help="share of the updates after which worker 0 is killed (early: while it sends digests)")
    parser.add_argument("--keep", action="store_true", help="keep the database schemas")
    args = parser.parse_args()
    server_url = bench_database()
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    pdf = None
    if "pdf" in scenarios:
        path = Path(tempfile.gettempdir()) / "planbot-load-150p.pdf"
        pdf = ("PDF150", make_pdf(path), path)
    base_p95 = None
    for scenario in scenarios:
        p95 = await run_scenario(args, scenario, server_url, base_p95, pdf)
        if scenario == "base":
            base_p95 = p95


if __name__ == "__main__":
    asyncio.run(main())
