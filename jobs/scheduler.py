"""Wiring the weekly digests into PTB's JobQueue: a Telegram sender and the tick job.

One repeating job (every minute, plus one run at start-up) asks the database which digests are
due; the subscriptions table *is* the schedule. So there is no per-subscription APScheduler
state to persist or keep in sync (APScheduler's persistent job stores fail with PTB), a new or
changed subscription needs no rescheduling, a holiday move is just arithmetic, and a digest
missed while the bot was down goes out at the first tick after start-up (late, marked, if its day passed).
(Because of this, PTB's run_daily and its 0 = Sunday day numbering are not used: weekdays are
Python's 0 = Monday throughout.)
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot, InputFile
from telegram.ext import Application, ContextTypes, Job

from bot.outgoing import keyboard
from bot.render import CAPTION_LIMIT, TelegramMessage, clean
from bot.replies import Attachment
from bot.settings import local_clock
from bot.subscription_view import filters_of
from jobs.delivery import DigestDeliverer, FileSender
from jobs.sending import Sender

log = logging.getLogger(__name__)

TICK_SECONDS = 60
JOB_NAME = "digest-tick"


def telegram_sender(bot: Bot) -> Sender:
    """A Sender posting one HTML message through `bot` (buttons as an inline keyboard)."""

    async def send(chat_id: int, message: TelegramMessage, quiet: bool) -> int:
        sent = await bot.send_message(chat_id, message.text, parse_mode="HTML",
                                      reply_markup=keyboard(message.buttons), disable_notification=quiet)
        return sent.message_id

    return send


def telegram_file_sender(bot: Bot) -> FileSender:
    """A FileSender posting one document (the ledger attached to a digest) through `bot`."""

    async def send(chat_id: int, attachment: Attachment, quiet: bool) -> int:
        sent = await bot.send_document(chat_id, InputFile(attachment.data, filename=attachment.filename),
                                       caption=clean(attachment.caption)[:CAPTION_LIMIT] or None,
                                       parse_mode=None, disable_notification=quiet)
        return sent.message_id

    return send


async def _tick(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job callback: deliver whatever is due now."""
    deliverer: DigestDeliverer = context.job.data  # type: ignore[union-attr,assignment]
    report = await deliverer.run_due()
    if report.sent or report.failed or report.paused:
        log.info("digests: %d sent, %d skipped, %d failed, %d paused", len(report.sent),
                 len(report.skipped), len(report.failed), len(report.paused))


def start_digest_job(app: Application[Any, Any, Any, Any, Any, Any], deliverer: DigestDeliverer,
                     interval: float = TICK_SECONDS) -> Job[Any]:
    """Schedule the tick on the application's JobQueue: once at start-up, then every `interval` seconds.

    The start-up run is a separate run_once: an interval trigger whose start lies in the past
    (post_init runs before the scheduler starts) skips ahead to its next slot, which would delay
    the catch-up of a digest missed while the bot was down. No misfire limit: it must run, once.
    """
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for digests")
    for old in app.job_queue.get_jobs_by_name(JOB_NAME):
        old.schedule_removal()
    once = {"misfire_grace_time": None}
    app.job_queue.run_once(_tick, when=0, name=JOB_NAME, data=deliverer, job_kwargs=once)
    return app.job_queue.run_repeating(_tick, interval=interval, first=interval, name=JOB_NAME, data=deliverer,
                                       job_kwargs={"misfire_grace_time": None, "coalesce": True})


def start(app: Application[Any, Any, Any, Any, Any, Any]) -> DigestDeliverer | None:
    """At start-up: a deliverer over the application's services, its tick scheduled (needs a database)."""
    services = app.bot_data.services
    if services.sessions is None or app.job_queue is None:
        log.warning("digests disabled: no database or no job queue")
        return None
    settings = services.settings
    deliverer = DigestDeliverer(services.sessions, services.digests.engine, telegram_sender(app.bot),
                                local_clock(settings), rate_limited=app.bot.rate_limiter is not None,
                                deadline_hours=settings.digest_deadline_hours, late=settings.digest_late,
                                attach=lambda sub: services.ledger.attachment(filters_of(sub)),
                                send_file=telegram_file_sender(app.bot))
    start_digest_job(app, deliverer)
    return deliverer
