"""Sending one message of a digest, and what each failure means for it.

- delivered: Telegram confirmed it (its message id);
- RetryAfter: not delivered; waited out here when short (and when no rate limiter waited already),
  otherwise the digest waits exactly that long (`RetryLater`) — any length is honoured;
- a network error that certainly did not reach Telegram (connection refused or reset before the
  request, a connect or pool timeout): retried here a few times with backoff, then `RetryLater`;
- a read or write timeout: Telegram may have accepted the message — `Uncertain`: the digest is
  retried and that message resent once with "（如已收到请忽略）" (at most one repeat per timeout);
- the chat moved (ChatMigrated): followed; Forbidden and BadRequest are final (the caller pauses or fails).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.render import TelegramMessage
from bot.replies import Button

log = logging.getLogger(__name__)

NOTE = "（如已收到请忽略）"
NOTE_ROOM = 40  # UTF-16 units kept free in every part for the note

Sender = Callable[[int, TelegramMessage, bool], Awaitable[int]]
Sleep = Callable[[float], Awaitable[None]]


class RetryLater(Exception):
    """The message was not delivered; try the digest again in `seconds`."""

    def __init__(self, seconds: float, reason: str) -> None:
        self.seconds = seconds
        self.reason = reason
        super().__init__(reason)


class Uncertain(Exception):
    """The send timed out after the request went out: Telegram may have delivered the message."""


class ChatMoved(Exception):
    """The group became a supergroup: the subscription follows it to `chat_id`."""

    def __init__(self, chat_id: int) -> None:
        self.chat_id = chat_id
        super().__init__(chat_id)


def retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter's wait in seconds (PTB 22 gives an int or a timedelta and warns about the change)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def maybe_delivered(exc: TimedOut) -> bool:
    """Whether a timed-out request may have reached Telegram: not for a connect or pool timeout
    (the request never left), yes for a read or write timeout."""
    if "pool timeout" in str(exc).lower():
        return False
    try:
        import httpx
    except ImportError:  # pragma: no cover - PTB depends on httpx
        return True
    return not isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout | httpx.ConnectError)


def encode_part(message: TelegramMessage) -> dict[str, Any]:
    """A rendered message as stored in digest_log.parts."""
    return {"text": message.text,
            "buttons": [[{"label": b.label, "data": b.data, "url": b.url} for b in row] for row in message.buttons]}


def decode_part(part: dict[str, Any], note: bool = False) -> TelegramMessage:
    """A stored message back, with the note in front when it is a resend of an uncertain send."""
    buttons = [[Button(b["label"], b.get("data", ""), b.get("url")) for b in row] for row in part.get("buttons", [])]
    text = str(part["text"])
    return TelegramMessage(f"{NOTE}\n{text}" if note else text, buttons)


@dataclass
class MessageSender:
    """Sends one message with the in-place retries above; raises RetryLater, Uncertain, ChatMoved,
    Forbidden or BadRequest for the caller to decide."""

    send: Sender
    sleep: Sleep = asyncio.sleep
    rate_limited: bool = False  # the sender already waits out RetryAfter (PTB's AIORateLimiter)
    max_wait: float = 60.0  # a longer RetryAfter is not slept here: the digest waits for its next attempt
    retries: int = 2  # quick in-place retries of a network error that certainly did not deliver
    backoff: float = 1.0

    async def __call__(self, chat_id: int, message: TelegramMessage, quiet: bool) -> int:
        """The message id Telegram gave the message."""
        for attempt in range(self.retries + 1):
            try:
                return await self.send(chat_id, message, quiet)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                if self.rate_limited or wait > self.max_wait:
                    raise RetryLater(wait + 1, f"RetryAfter {wait:g}s") from exc
                log.info("flood control for chat %s: waiting %.0f s", chat_id, wait)
                await self.sleep(wait + 0.5)
            except ChatMigrated as exc:
                raise ChatMoved(exc.new_chat_id) from exc
            except (Forbidden, BadRequest):
                raise
            except TimedOut as exc:
                if maybe_delivered(exc):
                    raise Uncertain(str(exc)) from exc
                if attempt == self.retries:
                    raise RetryLater(0, f"TimedOut: {exc}") from exc
                await self.sleep(self.backoff * 2 ** attempt)
            except NetworkError as exc:
                if attempt == self.retries:
                    raise RetryLater(0, f"NetworkError: {exc}") from exc
                await self.sleep(self.backoff * 2 ** attempt)
            except TelegramError as exc:
                raise RetryLater(0, f"{type(exc).__name__}: {exc}") from exc
        raise RetryLater(0, "flood control")  # only after RetryAfter on every attempt
