"""Retention, daily: old drafts expire and old log rows are deleted (bot.retention says what and why)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.ext import Application

from bot.context import PlanContext
from bot.retention import prune

log = logging.getLogger(__name__)

JOB_NAME = "retention"
EVERY_SECONDS = 6 * 3600  # drafts expire within a quarter of a day of their lifetime


async def run_retention(context: PlanContext) -> None:
    """Job: prune in a worker thread; a failure is logged and the next run tries again."""
    services = context.services
    if services.sessions is None:
        return
    try:
        await asyncio.to_thread(prune, services.sessions, services.settings)
    except Exception:
        log.exception("retention failed")


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Prune a minute after start-up, then every six hours (with a database and a job queue)."""
    if app.bot_data.services.sessions is not None and app.job_queue is not None:
        app.job_queue.run_repeating(run_retention, interval=EVERY_SECONDS, first=60, name=JOB_NAME)
