"""The error handler: log the failure, apologise to the user, and report it to the admins' error chat
(PLANBOT_ERROR_CHAT_ID) with the update's id and the traceback, as the PTB team's own rules-bot does.

A crash is never an answer: the user gets an apology (never "not found"), the query log does not
record it as a gap, and the admins see it. The same failure repeating (one bug hit by every update)
is reported once a minute with a count, so the error chat is not flooded.
"""

from __future__ import annotations

import html
import logging
import time
import traceback
import weakref
from dataclasses import dataclass, field

from telegram import Update
from telegram.error import TelegramError

from bot import metrics
from bot.context import PlanContext
from bot.registry import DB_BUSY, ERROR_TEXT
from bot.storage.base import is_busy

log = logging.getLogger(__name__)

REPORT_EVERY_SECONDS = 60.0
TRACEBACK_CHARS = 3000  # the report stays under Telegram's 4096 characters


@dataclass
class ReportThrottle:
    """At most one report per failure site (exception type and innermost frame) per interval."""

    interval: float = REPORT_EVERY_SECONDS
    last: dict[str, float] = field(default_factory=dict)
    suppressed: dict[str, int] = field(default_factory=dict)

    def admit(self, error: BaseException, now: float | None = None) -> tuple[bool, int]:
        """Whether to report this error now, and how many of its kind were held back since the last."""
        now = time.monotonic() if now is None else now
        frames = traceback.extract_tb(error.__traceback__)
        site = f"{type(error).__name__}@{frames[-1].filename}:{frames[-1].lineno}" if frames else type(error).__name__
        if now - self.last.get(site, -self.interval) < self.interval:
            self.suppressed[site] = self.suppressed.get(site, 0) + 1
            return False, 0
        self.last[site] = now
        return True, self.suppressed.pop(site, 0)


# One throttle per application (a worker has one; tests build many).
THROTTLES: weakref.WeakKeyDictionary[object, ReportThrottle] = weakref.WeakKeyDictionary()


def report_text(update: object, error: BaseException, held_back: int = 0) -> str:
    """The error chat's message (HTML): the update id, who and where, the traceback's tail."""
    update_id = getattr(update, "update_id", None)
    lines = [f"⚠️ <b>处理更新 {update_id if update_id is not None else '（无）'} 时出错</b>"]
    if isinstance(update, Update):
        user, chat = update.effective_user, update.effective_chat
        lines.append(f"用户 {user.id if user else '-'} · 聊天 {chat.id if chat else '-'}")
    if held_back:
        lines.append(f"（此前一分钟内同样的错误另有 {held_back} 次，未逐条报告）")
    trace = "".join(traceback.format_exception(error))[-TRACEBACK_CHARS:]
    lines.append(f"<pre>{html.escape(trace)}</pre>")
    return "\n".join(lines)


async def error_handler(update: object, context: PlanContext) -> None:
    """Log the exception, apologise in Chinese, and report it to the error chat when one is set."""
    error = context.error
    metrics.ERRORS.inc()
    log.error("update %s failed", getattr(update, "update_id", update), exc_info=error)
    text = DB_BUSY if error is not None and is_busy(error) else ERROR_TEXT
    if isinstance(update, Update):
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(text[:200], show_alert=False)
            if update.effective_chat is not None and update.inline_query is None:
                await context.bot.send_message(update.effective_chat.id, text)
        except Exception:  # the apology itself may fail (blocked bot, network): only log
            log.exception("could not send the error message")
    chat_id = context.bot_data.services.settings.error_chat_id
    if chat_id is None or error is None:
        return
    admit, held_back = THROTTLES.setdefault(context.application, ReportThrottle()).admit(error)
    if not admit:
        return
    try:
        await context.bot.send_message(chat_id, report_text(update, error, held_back), parse_mode="HTML")
    except TelegramError:
        log.exception("could not report the error to chat %s", chat_id)
