"""The webhook worker's HTTP server (tornado, PTB's own webhook dependency): Telegram's updates,
/healthz and /metrics on one port.

Why not PTB's `run_webhook`: its server answers Telegram 200 as soon as an update is queued, so a
worker killed with updates in its queue loses them (Telegram re-sends only what was not
acknowledged), and it has no room for other routes. Here an update is acknowledged only after it
was processed, and each update id is claimed in the database first (bot.storage.updates), so with
several workers behind a load balancer an update is processed by one of them, a re-send of a
finished update is acknowledged without processing it again, and an update whose worker died is
taken over. Updates go through the application's own update processor (one chat at a time, in order).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hmac
import json
import logging
import os
import socket
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from typing import Any

import tornado.web
from sqlalchemy import text
from telegram import Update

from bot import metrics
from bot.storage import updates as claims

log = logging.getLogger(__name__)

LEASE = dt.timedelta(seconds=30)  # a claim not renewed for this long belongs to a dead worker
RENEW_SECONDS = 10.0
RETRY_AFTER_SECONDS = 5  # what a "busy" answer asks Telegram (or the proxy) to wait
HEALTH_DB_TIMEOUT = 3.0
App = Any  # telegram.ext.Application (kept loose: PTB's generic parameters add nothing here)


def worker_name() -> str:
    """This worker's name in update claims: host, process id and a random suffix (unique per start)."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class UpdateIntake:
    """Claim, process, finish: one Telegram update through this worker, exactly once across workers."""

    def __init__(self, app: App, worker: str | None = None) -> None:
        self.app = app
        self.sessions = app.bot_data.services.sessions
        self.worker = worker or worker_name()
        self.in_flight = 0
        # Claims get threads of their own: in the shared pool they would queue behind searches, and a
        # "done" recorded late widens the window in which a worker killed after answering is answered
        # for again by the next one.
        self.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="claims")

    async def _db(self, fn: Callable[[int], Any], update_id: int) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self.executor, fn, update_id)

    async def take(self, update: Update) -> HTTPStatus:
        """Process the update unless it is done or in hand elsewhere; the HTTP status to answer with."""
        if self.sessions is not None:
            outcome = await self._db(self._claim, update.update_id)
            if outcome != "mine":
                metrics.DUPLICATES.labels(outcome).inc()
                return HTTPStatus.OK if outcome == "done" else HTTPStatus.SERVICE_UNAVAILABLE
        self.in_flight += 1
        try:
            # The application's update processor: concurrent across chats, in order within one chat.
            await self.app.update_processor.process_update(update, self.app.process_update(update))
        except asyncio.CancelledError:  # shutting down mid-update: let another worker take it at once
            if self.sessions is not None:
                await self._db(self._release, update.update_id)
            raise
        finally:
            self.in_flight -= 1
        if self.sessions is not None:
            await self._db(self._finish, update.update_id)
        return HTTPStatus.OK

    def _claim(self, update_id: int) -> claims.Claim:
        with self.sessions.begin() as session:
            return claims.claim(session, update_id, self.worker, LEASE)

    def _finish(self, update_id: int) -> None:
        with self.sessions.begin() as session:
            claims.finish(session, update_id, self.worker)

    def _release(self, update_id: int) -> None:
        with self.sessions.begin() as session:
            claims.release(session, update_id, self.worker)

    async def renew_forever(self) -> None:
        """Renew this worker's leases every few seconds while it lives (a task of the server)."""
        while True:
            await asyncio.sleep(RENEW_SECONDS)
            if self.sessions is None:
                continue
            try:
                await asyncio.get_running_loop().run_in_executor(self.executor, self._renew)
            except Exception:  # a database hiccup: the next round retries, the lease has slack
                log.exception("could not renew update leases")

    def _renew(self) -> None:
        with self.sessions.begin() as session:
            claims.renew(session, self.worker)


class TelegramUpdates(tornado.web.RequestHandler):
    """POST /<webhook_path>: one update from Telegram, answered after it was processed."""

    SUPPORTED_METHODS = ("POST",)  # type: ignore[assignment]

    def initialize(self, intake: UpdateIntake, secret: str | None) -> None:  # noqa: D102
        self.intake = intake
        self.secret = secret

    async def post(self) -> None:  # noqa: D102
        given = self.request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
        if self.secret and not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            raise tornado.web.HTTPError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE)
        try:
            update = Update.de_json(json.loads(self.request.body), self.intake.app.bot)
        except Exception as exc:  # not an update: Telegram would not send it, so never retry it
            log.warning("webhook: not an update (%s)", exc)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from exc
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        status = await self.intake.take(update)
        self.set_status(status)
        if status == HTTPStatus.SERVICE_UNAVAILABLE:
            self.set_header("Retry-After", str(RETRY_AFTER_SECONDS))
        self.finish()


class Health(tornado.web.RequestHandler):
    """GET /healthz: 200 with the worker's state when the application runs and the database answers."""

    def initialize(self, intake: UpdateIntake) -> None:  # noqa: D102
        self.intake = intake

    async def get(self) -> None:  # noqa: D102
        app = self.intake.app
        services = app.bot_data.services
        report: dict[str, Any] = {"mode": "webhook", "worker": self.intake.worker, "running": app.running,
                                  "kb_version": services.state.version, "in_flight": self.intake.in_flight,
                                  "database": "none"}
        healthy = bool(app.running)
        if services.sessions is not None:
            try:
                await asyncio.wait_for(asyncio.to_thread(_ping, services.sessions), HEALTH_DB_TIMEOUT)
                report["database"] = "ok"
            except Exception as exc:  # unreachable, timed out: unhealthy, and say why
                report["database"] = f"error: {type(exc).__name__}"
                healthy = False
        report["status"] = "ok" if healthy else "unhealthy"
        self.set_status(HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(report, ensure_ascii=False))


def _ping(sessions: Any) -> None:
    with sessions() as session:
        session.execute(text("SELECT 1"))


class Metrics(tornado.web.RequestHandler):
    """GET /metrics: Prometheus' text format."""

    def get(self) -> None:  # noqa: D102
        body, content_type = metrics.exposition()
        self.set_header("Content-Type", content_type)
        self.finish(body)


def web_app(intake: UpdateIntake, path: str, secret: str | None) -> tornado.web.Application:
    """The routes: POST /<path> (updates), GET /healthz, GET /metrics."""
    path = "/" + path.strip("/")
    return tornado.web.Application([
        (rf"{path}/?", TelegramUpdates, {"intake": intake, "secret": secret}),
        (r"/healthz", Health, {"intake": intake}),
        (r"/metrics", Metrics),
    ], log_function=lambda handler: None)  # per-request access lines are noise; metrics count them
