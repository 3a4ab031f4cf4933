"""Warnings for the admins: what start-up (or a later reload) had to pass over — a version whose
sources are missing or damaged, a plan file that cannot be read — sent to every admin in private,
recorded in the audit log, and logged."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import PlanContext
from bot.storage import admin as store

log = logging.getLogger(__name__)

JOB_NAME = "admin-notices"
CHECK_SECONDS = 60
HEADING = "⚠️ 规划助手自检提示："


def admin_ids(services: Any) -> list[int]:
    """Every admin: the ids in the settings and those added with /admin add."""
    ids = list(dict.fromkeys(services.settings.admin_ids or []))
    if services.sessions is not None:
        with services.sessions() as session:
            ids += [a.user_id for a in session.scalars(select(store.AdminUser)) if a.user_id not in ids]
    return ids


def take_notices(services: Any) -> list[str]:
    """The warnings gathered since the last call (and forget them), audited once."""
    admin = services.admin
    if admin is None or not admin.versions.warnings:
        return []
    lines, admin.versions.warnings[:] = list(admin.versions.warnings), []
    with services.sessions.begin() as session:
        store.audit(session, None, "系统", "startup", "自检", "warning", "；".join(lines))
    return lines


async def send_notices(context: PlanContext) -> None:
    """Job: send the gathered warnings to every admin (a blocked admin only costs a log line)."""
    services = context.services
    lines = take_notices(services)
    if not lines:
        return
    text = "\n".join([HEADING, *(f"• {line}" for line in lines)])
    for admin_id in admin_ids(services):
        try:
            await context.bot.send_message(admin_id, text[:4000], parse_mode=None)
        except TelegramError as exc:
            log.warning("could not warn admin %s: %s", admin_id, exc)


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Send what start-up found at once, then check for new warnings every minute."""
    if app.bot_data.services.admin is not None and app.job_queue is not None:
        app.job_queue.run_once(send_notices, when=0, name=JOB_NAME, job_kwargs={"misfire_grace_time": None})
        app.job_queue.run_repeating(send_notices, interval=CHECK_SECONDS, first=CHECK_SECONDS, name=JOB_NAME)
