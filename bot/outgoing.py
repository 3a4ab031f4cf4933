"""Sending to Telegram: the one inline-keyboard builder, used by the chat handlers and the digest job."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callback_fields import fits
from bot.render import clean
from bot.replies import Button


def keyboard(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Reply buttons as an inline keyboard (None when there are none); labels cut to 64 characters.

    Callback data must fit Telegram's 64 bytes by now (handlers.common.telegram_messages stores
    longer data under keys): longer data here is a programming error, raised rather than sent."""
    if not buttons:
        return None
    too_long = [b.data for row in buttons for b in row if b.url is None and not fits(b.data)]
    if too_long:
        raise ValueError(f"callback data longer than 64 bytes reached the keyboard: {too_long[0]!r}")
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(clean(b.label)[:64], url=b.url) if b.url
         else InlineKeyboardButton(clean(b.label)[:64], callback_data=b.data) for b in row]
        for row in buttons
    ])
