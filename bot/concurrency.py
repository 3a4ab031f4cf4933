"""Updates processed concurrently, one chat's updates in order: PTB's update processor for PlanBot.

PTB runs every update as its own task (`concurrent_updates`); this processor lets updates of
different chats run side by side while the updates of one chat run one after another, in the
order they arrived (asyncio.Lock is FIFO). So a question never waits for another chat's upload,
and an admin's upload, report and 发布 stay in order. The same processor takes the webhook
server's updates (bot.webserver), and measures every update (bot.metrics).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot import metrics

# Updates in flight at once in one worker; the work itself runs in asyncio's thread pool, so this only
# bounds memory. Updates waiting for their chat's turn hold a slot too: keep it well above the chats
# expected to be busy at the same moment.
MAX_CONCURRENT_UPDATES = 256


def chat_key(update: object) -> int | None:
    """The chat whose order an update must keep (None: inline queries and the like, no order)."""
    if isinstance(update, Update) and update.inline_query is None and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within a chat, and every update counted and timed."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}  # tasks holding or waiting for each chat's lock

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the update's coroutine after the earlier updates of its chat."""
        started = time.perf_counter()
        try:
            key = chat_key(update)
            if key is None:
                await coroutine
                return
            lock = self._locks.setdefault(key, asyncio.Lock())
            self._users[key] = self._users.get(key, 0) + 1
            try:
                async with lock:
                    await coroutine
            finally:
                self._users[key] -= 1
                if not self._users[key]:  # forget idle chats: the map stays as small as the busy ones
                    del self._users[key], self._locks[key]
        finally:
            metrics.UPDATES.labels(metrics.update_kind(update)).inc()
            metrics.UPDATE_SECONDS.observe(time.perf_counter() - started)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def busy_chats(self) -> int:
        """How many chats have an update in flight or waiting."""
        return len(self._locks)
