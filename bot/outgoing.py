"""Sending to Telegram: the one inline-keyboard builder, used by the chat handlers and the digest job."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render import clean
from bot.replies import Button


def keyboard(buttons: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Reply buttons as an inline keyboard (None when there are none); labels cut to 64 characters."""
    if not buttons:
        return None
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(clean(b.label)[:64], url=b.url) if b.url
         else InlineKeyboardButton(clean(b.label)[:64], callback_data=b.data) for b in row]
        for row in buttons
    ])
