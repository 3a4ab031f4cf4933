"""The one access policy: who may use the bot (settings + database allowlist) and who is an admin.

One guard (handlers.access, the earliest handler group) asks `decision` for every update and stops
the ones refused; nothing else checks whether a user may talk to the bot. Admin rights (settings'
admin ids plus those added with /admin add) are asked here too, by the command registry.
"""

from __future__ import annotations

import logging
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.settings import Settings
from bot.storage import admin as store

log = logging.getLogger(__name__)

Decision = Literal["ok", "refuse", "silent"]
ACCESS_REFUSAL = "抱歉，您还没有使用权限，请联系管理员开通。"
GROUP_REFUSAL = "抱歉，本群尚未开通使用权限，请联系管理员开通（群 ID：{id}）。"


class AccessPolicy:
    """Settings (access mode, allowed and admin ids) plus, with a database, its allowlist and admins."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session] | None = None) -> None:
        self.settings = settings
        self.sessions = sessions

    def is_admin(self, user_id: int | None) -> bool:
        """Admins are the ids in settings plus those added with /admin add."""
        if user_id is None:
            return False
        if user_id in set(self.settings.admin_ids or []):
            return True
        if self.sessions is None:
            return False
        with self.sessions() as session:
            return session.get(store.AdminUser, user_id) is not None

    def decision(self, user_id: int | None, chat_id: int | None) -> Decision:
        """"ok", "refuse" (send the one polite refusal) or "silent" (stop without a word).

        Open mode lets everyone in. In allowlist mode a person or a group is refused once: a stranger
        told off in private is not told again in a group, and a group that was told is not told again
        for each member. Without a database there is no memory: refused in private, silent in groups.
        """
        if self.settings.access != "allowlist":
            return "ok"
        configured = set(self.settings.allowed_ids or [])
        ids = list(dict.fromkeys(i for i in (user_id, chat_id) if i is not None))
        if any(i in configured for i in ids) or self.is_admin(user_id):
            return "ok"
        if self.sessions is None:
            return "refuse" if chat_id is None or chat_id == user_id else "silent"
        with self.sessions() as session:
            if any(session.get(store.AccessEntry, i) is not None for i in ids):
                return "ok"
        if not ids:
            return "silent"
        try:
            decision = self._remember_refusal(ids)
        except SQLAlchemyError as exc:  # a busy database must not break the guard: refuse, politely
            log.warning("could not record the refusal of %s: %s", ids, exc)
            decision = "refuse" if chat_id is None or chat_id == user_id else "silent"
        log.info("access refused: user %s chat %s (%s)", user_id, chat_id, decision)
        return decision

    def _remember_refusal(self, ids: list[int]) -> Decision:
        """Count a refusal per id: "refuse" the first time, "silent" after."""
        assert self.sessions is not None
        decision: Decision = "refuse"
        with self.sessions.begin() as session:
            for key in ids:
                row = session.get(store.AccessRefusal, key)
                if row is None:
                    session.add(store.AccessRefusal(id=key, count=1))
                else:
                    decision = "silent"
                    row.count += 1
                    row.last_at = store.utcnow()
        return decision

    @staticmethod
    def refusal_text(user_id: int | None, chat_id: int | None) -> str:
        """The polite refusal: in a group it names the group id an admin needs for /allow."""
        if chat_id is not None and chat_id < 0:
            return GROUP_REFUSAL.format(id=chat_id)
        return ACCESS_REFUSAL

    def recent_refusals(self, limit: int = 10) -> list[store.AccessRefusal]:
        """Who was refused lately (for /allow), most recent first."""
        if self.sessions is None:
            return []
        with self.sessions() as session:
            return list(session.scalars(select(store.AccessRefusal)
                                        .order_by(store.AccessRefusal.last_at.desc()).limit(limit)))
