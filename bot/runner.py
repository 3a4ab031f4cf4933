"""Running the Telegram application: long polling (one machine) or a webhook worker (several behind a
load balancer, one PostgreSQL), and the health check of either.

Polling: PTB's `run_polling`, a heartbeat file (jobs.housekeeping) and, with PLANBOT_METRICS_PORT,
/metrics on that port. Webhook: bot.webserver on PLANBOT_WEBHOOK_LISTEN:PLANBOT_WEBHOOK_PORT (updates,
/healthz, /metrics), the webhook registered at start-up with its secret token; SIGTERM stops taking
updates, lets those in hand finish, then stops the application.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import signal
import time
import urllib.request
from http import HTTPStatus
from pathlib import Path
from typing import Any

from bot.settings import Settings

log = logging.getLogger(__name__)

DRAIN_SECONDS = 25.0  # on SIGTERM, how long updates in hand may take to finish
HEARTBEAT_STALE_SECONDS = 90.0  # the heartbeat is rewritten every 15 s


def webhook_secret(settings: Settings) -> str:
    """The secret token Telegram sends with each update: PLANBOT_WEBHOOK_SECRET, else one derived from
    the bot token (the same on every worker, unguessable without the token)."""
    if settings.webhook_secret:
        return settings.webhook_secret
    return hashlib.sha256(f"planbot-webhook:{settings.token}".encode()).hexdigest()[:48]


def run_polling(app: Any, settings: Settings) -> None:
    """Long polling until SIGINT/SIGTERM (PTB's run_polling); metrics on PLANBOT_METRICS_PORT if set."""
    from telegram import Update

    app.bot_data.services.mode = "polling"
    if settings.metrics_port:
        from prometheus_client import start_http_server

        start_http_server(settings.metrics_port)
    app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)


def run_webhook(app: Any, settings: Settings) -> None:
    """Serve as a webhook worker until SIGINT/SIGTERM."""
    asyncio.run(serve_webhook(app, settings))


async def serve_webhook(app: Any, settings: Settings, *, stop: asyncio.Event | None = None,
                        ready: asyncio.Event | None = None) -> None:
    """Start the application and the HTTP server, register the webhook, serve until `stop` (or a signal)."""
    from telegram import Update
    from tornado.httpserver import HTTPServer

    from bot.webserver import UpdateIntake, web_app

    app.bot_data.services.mode = "webhook"
    intake = UpdateIntake(app)
    secret = webhook_secret(settings)
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()  # the job queue (digests run on the worker holding the advisory lock)
    server = HTTPServer(web_app(intake, settings.webhook_path, secret), xheaders=True)
    server.listen(settings.webhook_port, address=settings.webhook_listen)
    renewing = asyncio.create_task(intake.renew_forever())
    if settings.webhook_register and settings.webhook_url:
        await app.bot.set_webhook(settings.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES,
                                  drop_pending_updates=False)
    log.info("webhook worker %s listening on %s:%d/%s", intake.worker, settings.webhook_listen,
             settings.webhook_port, settings.webhook_path.strip("/"))
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        server.stop()  # no new connections; the updates in hand finish (the proxy sends others elsewhere)
        deadline = time.monotonic() + DRAIN_SECONDS
        while intake.in_flight and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await server.close_all_connections()
        renewing.cancel()
        intake.executor.shutdown(wait=False)
        await app.stop()
        if app.post_stop:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)


def health(settings: Settings, url: str | None = None) -> tuple[bool, str]:
    """(healthy, what was seen): a webhook worker's /healthz when webhook mode is configured (or `url`
    is given), else the polling heartbeat file's age."""
    if url or settings.webhook_url:
        host = "127.0.0.1" if settings.webhook_listen in ("0.0.0.0", "::", "") else settings.webhook_listen
        target = url or f"http://{host}:{settings.webhook_port}/healthz"
        try:
            with urllib.request.urlopen(target, timeout=5) as response:  # noqa: S310 (a local URL)
                return response.status == HTTPStatus.OK, response.read().decode("utf-8", "replace")
        except Exception as exc:  # refused, timed out, 503: unhealthy
            return False, f"{target}: {exc}"
    return heartbeat_health(settings.heartbeat_file)


def heartbeat_health(path: Path, now: float | None = None) -> tuple[bool, str]:
    """Whether the heartbeat file was written within the last 90 seconds."""
    try:
        beat = json.loads(path.read_text(encoding="utf-8"))
        age = (time.time() if now is None else now) - float(beat["time"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return False, f"没有有效的心跳文件 {path}（{type(exc).__name__}）：机器人是否在以长轮询模式运行？"
    healthy = age <= HEARTBEAT_STALE_SECONDS
    state = "正常" if healthy else "已停止更新"
    return healthy, f"心跳{state}：{age:.0f} 秒前，进程 {beat.get('pid')}，知识库版本 {beat.get('kb_version')}"
