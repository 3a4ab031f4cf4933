"""Scheduled work: delivering deadline digests, polling for knowledge-base versions."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start every job on the application's JobQueue (called once, at start-up)."""
    from jobs import notices, scheduler, versions

    scheduler.start(app)
    versions.start(app)
    notices.start(app)
