"""Webhook mode: the worker's HTTP server (updates after the secret check, /healthz, /metrics), each
update processed once across workers on one database, a dead worker's update taken over, and
`planbot run --webhook` as a process."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import assemble
from bot.runner import heartbeat_health, serve_webhook, webhook_secret
from bot.settings import Settings
from bot.storage import updates as claims
from tests.fakebot import FakeBotAPI, FakeBotServer, wait_for
from tests.harness import FakeRequest

ROOT = Path(__file__).resolve().parent.parent
USER = {"id": 777, "is_bot": False, "first_name": "王"}
CHAT = {"id": 777, "type": "private", "first_name": "王"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def question(update_id: int, text: str = "固投") -> dict[str, Any]:
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()), "chat": CHAT,
                                                "from": USER, "text": text}}


class Worker:
    """One webhook worker (the real application and server) in this process, over a fake Bot API."""

    def __init__(self, settings: Settings, kb_state: Any, sessions: Any, api: FakeBotAPI) -> None:
        self.settings = settings.model_copy(update={
            "token": "123456:TEST", "webhook_url": "https://bot.example.org/telegram", "webhook_listen": "127.0.0.1",
            "webhook_port": free_port()})
        self.app = assemble(self.settings, state=kb_state, sessions=sessions, database=False,
                            request=FakeRequest(api), rate_limiter=False).application
        self.stop, self.ready = asyncio.Event(), asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.url = f"http://127.0.0.1:{self.settings.webhook_port}"
        self.secret = webhook_secret(self.settings)

    async def __aenter__(self) -> Worker:
        self.task = asyncio.create_task(serve_webhook(self.app, self.settings, stop=self.stop, ready=self.ready))
        await asyncio.wait_for(self.ready.wait(), 15)
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.stop.set()
        assert self.task is not None
        await asyncio.wait_for(self.task, 30)

    async def post(self, client: httpx.AsyncClient, update: dict[str, Any], secret: str | None = "",
                   content_type: str = "application/json") -> httpx.Response:
        headers = {"Content-Type": content_type}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret or self.secret
        return await client.post(f"{self.url}/telegram", content=json.dumps(update), headers=headers)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=20) as c:
        yield c


async def test_webhook_worker_checks_answers_once_and_reports_health(settings, kb_state, sessions, client) -> None:  # type: ignore[no-untyped-def]
    api = FakeBotAPI()
    async with Worker(settings, kb_state, sessions, api) as worker:
        [hook] = api.calls_of("setWebhook")
        assert hook.params["url"] == "https://bot.example.org/telegram" and hook.params["secret_token"] == worker.secret
        assert (await worker.post(client, question(1), secret=None)).status_code == 403
        assert (await worker.post(client, question(1), secret="wrong")).status_code == 403
        assert (await worker.post(client, question(1), content_type="text/plain")).status_code == 415
        bad = await client.post(f"{worker.url}/telegram", content=b"{not json",
                                headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": worker.secret})
        assert bad.status_code == 400
        assert api.calls_of("sendMessage") == []
        assert (await worker.post(client, question(2))).status_code == 200
        assert len(api.calls_of("sendMessage")) == 1  # answered before the 200
        assert (await worker.post(client, question(2))).status_code == 200  # Telegram re-sends: done, not again
        assert len(api.calls_of("sendMessage")) == 1
        health = await client.get(f"{worker.url}/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok" and health.json()["database"] == "ok"
        text = (await client.get(f"{worker.url}/metrics")).text
        assert "planbot_updates_total" in text and 'planbot_webhook_duplicates_total{state="done"}' in text


async def test_two_workers_process_an_update_once(settings, kb_state, sessions, client) -> None:  # type: ignore[no-untyped-def]
    api = FakeBotAPI()
    async with Worker(settings, kb_state, sessions, api) as a, Worker(settings, kb_state, sessions, api) as b:
        for update_id in range(10, 20):
            update = question(update_id)
            first, second = await asyncio.gather(a.post(client, update), b.post(client, update))
            assert {first.status_code, second.status_code} <= {200, 503}
            assert 200 in (first.status_code, second.status_code)
        assert len(api.calls_of("sendMessage")) == 10


async def test_an_update_of_a_dead_worker_is_taken_over_a_live_ones_is_busy(settings, kb_state, sessions, client) -> None:  # type: ignore[no-untyped-def]
    api = FakeBotAPI()
    now = dt.datetime.now(dt.UTC)
    with sessions.begin() as session:
        claims.claim(session, 30, "dead-worker", claims_lease(), now=now - dt.timedelta(minutes=5))
        claims.claim(session, 31, "live-worker", claims_lease(), now=now)
    async with Worker(settings, kb_state, sessions, api) as worker:
        assert (await worker.post(client, question(30))).status_code == 200
        assert len(api.calls_of("sendMessage")) == 1  # the dead worker's update was answered
        busy = await worker.post(client, question(31))
        assert busy.status_code == 503 and busy.headers["Retry-After"]
        assert len(api.calls_of("sendMessage")) == 1


def claims_lease() -> dt.timedelta:
    from bot.webserver import LEASE

    return LEASE


def test_heartbeat_health(tmp_path: Path) -> None:
    path = tmp_path / "heartbeat.json"
    assert not heartbeat_health(path)[0]
    path.write_text(json.dumps({"time": 1000.0, "pid": 1, "kb_version": 3}))
    assert heartbeat_health(path, now=1030.0)[0]
    healthy, seen = heartbeat_health(path, now=1200.0)
    assert not healthy and "已停止更新" in seen


@pytest.mark.slow
def test_planbot_run_webhook_as_a_process(tmp_path: Path) -> None:
    port = free_port()
    with FakeBotServer() as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
        env.update(PLANBOT_TOKEN="123456:TEST-TOKEN", PLANBOT_API_BASE_URL=server.base_url,
                   PLANBOT_API_FILE_URL=server.file_url, PLANBOT_DATA_DIR=str(tmp_path / "data"),
                   PLANBOT_WEBHOOK_URL="https://bot.example.org/telegram", PLANBOT_WEBHOOK_PORT=str(port),
                   PLANBOT_WEBHOOK_LISTEN="127.0.0.1", PLANBOT_LOG_FORMAT="json", PYTHONPATH=str(ROOT))
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run", "--webhook"], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            assert wait_for(lambda: bool(server.api.calls_of("setWebhook")), 60), "no setWebhook"
            secret = server.api.calls_of("setWebhook")[0].params["secret_token"]
            response = httpx.post(f"http://127.0.0.1:{port}/telegram", content=json.dumps(question(1)),
                                  headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
            assert response.status_code == 200 and len(server.api.calls_of("sendMessage")) == 1
            health = subprocess.run([sys.executable, "-m", "bot", "health"], env=env, capture_output=True, text=True,
                                    timeout=30)
            assert health.returncode == 0 and '"status": "ok"' in health.stdout
        finally:
            proc.send_signal(signal.SIGTERM)
            output = proc.communicate(timeout=30)[0]
        assert proc.returncode == 0, output[-2000:]
        lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        assert lines and all({"time", "level", "logger", "message"} <= set(line) for line in lines)
        assert (tmp_path / "data" / "planbot.db").exists()
