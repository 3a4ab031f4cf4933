"""The two overflow stores of callback data over 64 bytes (see `bot.callback_data.OverflowStore`).

`DatabaseOverflow` is the one a bot with a database uses: every worker and every restart sees the
same keys. `MemoryOverflow` is only for running without a database (the console, DB-less tests).
Both issue random keys bound to one chat; neither ever hands a chat another chat's data.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Sequence

from sqlalchemy.orm import Session, sessionmaker

from bot.callback_fields import new_key
from bot.storage import buttons as store

DEFAULT_TTL = dt.timedelta(days=30)


class DatabaseOverflow:
    """Keys in the `button_keys` table, bound to a chat, valid for `ttl` after they were last shown."""

    def __init__(self, sessions: sessionmaker[Session], ttl: dt.timedelta = DEFAULT_TTL) -> None:
        self.sessions = sessions
        self.ttl = ttl

    def keys_for(self, chat_id: int, data: Sequence[str]) -> list[str]:
        """A key for each data, in one transaction."""
        with self.sessions.begin() as session:
            return store.keys_for(session, chat_id, data)

    def resolve(self, chat_id: int, key: str) -> str | None:
        """The data of this chat's key, or None (unknown, expired, another chat's)."""
        with self.sessions() as session:
            return store.resolve(session, chat_id, key, self.ttl)

    def prune(self) -> int:
        """Delete expired keys; returns how many."""
        with self.sessions.begin() as session:
            return store.prune(session, self.ttl)


class MemoryOverflow:
    """Without a database only: random keys bound to a chat in this process; beyond `capacity` the
    oldest are forgotten (their buttons then say they have expired)."""

    def __init__(self, capacity: int = 10_000) -> None:
        self.capacity = capacity
        self._by_key: OrderedDict[str, tuple[int, str]] = OrderedDict()
        self._lock = threading.Lock()

    def keys_for(self, chat_id: int, data: Sequence[str]) -> list[str]:
        """A new random key for each data."""
        keys = []
        with self._lock:
            for item in data:
                key = new_key()
                self._by_key[key] = (chat_id, item)
                keys.append(key)
            while len(self._by_key) > self.capacity:
                self._by_key.popitem(last=False)
        return keys

    def resolve(self, chat_id: int, key: str) -> str | None:
        """The data of this chat's key, or None."""
        with self._lock:
            entry = self._by_key.get(key)
        return entry[1] if entry is not None and entry[0] == chat_id else None
