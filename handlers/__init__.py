"""Telegram handlers: thin front ends over the service layer."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add every handler: the access guard first, then the registry's commands and buttons, questions,
    inline mode and uploads; the text completing a progress report goes first."""
    from handlers import access, admin, chat, commands, desk

    access.register(app)
    desk.register(app)
    commands.register(app)
    chat.register(app)
    admin.register(app)
