"""Knowledge-base refresh: every worker polls for a version published elsewhere and swaps it in."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.ext import Application

from bot.context import PlanContext

log = logging.getLogger(__name__)

POLL_SECONDS = 30
JOB_NAME = "kb-version-poll"


async def poll_versions(context: PlanContext) -> None:
    """Job: reload when another worker (or the CLI) published a newer version."""
    admin = context.services.admin
    if admin is None:
        return
    try:
        await asyncio.to_thread(admin.versions.poll)
    except Exception:  # a DB hiccup must not kill the job; the next run retries
        log.exception("version poll failed")


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Schedule the poll (with a database and a job queue)."""
    if app.bot_data.services.admin is not None and app.job_queue is not None:
        app.job_queue.run_repeating(poll_versions, interval=POLL_SECONDS, first=POLL_SECONDS, name=JOB_NAME)
