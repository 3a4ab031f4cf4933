"""Housekeeping jobs: expired button keys and old update claims pruned; the polling heartbeat.

The heartbeat is how `planbot health` (and a container's HEALTHCHECK) sees that a polling bot is
alive: its job queue rewrites a small JSON file every 15 seconds. Webhook workers answer /healthz.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.button_keys import DatabaseOverflow
from bot.context import PlanContext
from bot.storage import updates as claims

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
PRUNE_SECONDS = 3600
CLAIMS_KEPT = dt.timedelta(days=2)  # Telegram re-sends an update for 24 hours at most


def write_heartbeat(path: Path, payload: dict[str, Any]) -> None:
    """Replace the heartbeat file atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, path)


async def heartbeat(context: PlanContext) -> None:
    """Job: the polling bot is alive (time, pid, knowledge-base version)."""
    services = context.services
    payload = {"time": time.time(), "pid": os.getpid(), "mode": services.mode, "kb_version": services.state.version,
               "running": context.application.running}
    try:
        await asyncio.to_thread(write_heartbeat, services.settings.heartbeat_file, payload)
    except OSError:
        log.exception("could not write the heartbeat file")


async def prune(context: PlanContext) -> None:
    """Job: drop expired button keys and update claims nobody will ask about again."""
    services = context.services
    sessions = services.sessions
    if sessions is None:
        return

    def work() -> tuple[int, int]:
        keys = services.codec.overflow.prune() if isinstance(services.codec.overflow, DatabaseOverflow) else 0
        with sessions.begin() as session:
            return keys, claims.prune(session, CLAIMS_KEPT)

    try:
        keys, updates = await asyncio.to_thread(work)
    except Exception:  # a database hiccup: the next run retries
        log.exception("housekeeping failed")
        return
    if keys or updates:
        log.info("housekeeping: %d expired button keys and %d old update claims removed", keys, updates)


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Schedule the prune (with a database) and, in polling mode, the heartbeat."""
    if app.job_queue is None:
        return
    services = app.bot_data.services
    if services.sessions is not None:
        app.job_queue.run_repeating(prune, interval=PRUNE_SECONDS, first=60, name="housekeeping")
    if services.mode == "polling":
        app.job_queue.run_repeating(heartbeat, interval=HEARTBEAT_SECONDS, first=0, name="heartbeat")
