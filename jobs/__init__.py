"""Scheduled work: delivering deadline digests, polling for knowledge-base versions, warning admins,
retention."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start every job on the application's JobQueue (called once, at start-up)."""
    from jobs import notices, retention, scheduler, versions

    app.bot_data.services.answers.querylog.start()  # questions are logged off the answer path
    scheduler.start(app)
    versions.start(app)
    notices.start(app)
    retention.start(app)
