"""What every admin action shares: the actor's rights (CLI or admin), the audit log, the refusal."""

from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.access import AccessPolicy
from bot.replies import Reply
from bot.settings import Settings
from bot.storage import admin as store
from bot.storage.base import retry_on_busy
from bot.who import CLI_NAME, Actor

log = logging.getLogger(__name__)

NOT_ADMIN = "抱歉，此命令仅限管理员使用。"


class AuditedAdmin:
    """The base of the admin services: settings, database, access policy; checks and audit."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session], access: AccessPolicy | None = None) -> None:
        self.settings = settings
        self.sessions = sessions
        self.access = access if access is not None else AccessPolicy(settings, sessions)

    def is_admin(self, user_id: int | None) -> bool:
        """Admins are the ids in settings plus those added with /admin add (the access policy's rule)."""
        return self.access.is_admin(user_id)

    def audit(self, actor: Actor, action: str, detail: str, result: str, message: str = "") -> None:
        """Record an admin action (who, when, what, result); a busy database is waited out a little,
        and an audit line that still cannot be written is logged instead of failing the action."""

        def write() -> None:
            with self.sessions.begin() as session:
                store.audit(session, actor.id, actor.name, action, detail, result, message)

        log.info("admin %s %s %s → %s %s", actor.label, action, detail, result, message)
        try:
            retry_on_busy(write, seconds=min(5.0, self.settings.db_retry_seconds))
        except SQLAlchemyError:
            log.exception("audit line not written: %s %s %s %s", actor.label, action, detail, result)

    def refuse(self, actor: Actor, action: str, detail: str = "") -> Reply:
        """The refusal a non-admin gets (and the audit line that records it)."""
        self.audit(actor, action, detail, "refused", "not an admin")
        return Reply().line(NOT_ADMIN)

    def _allowed(self, actor: Actor) -> bool:
        """The CLI (actor id None) acts with the machine owner's rights; chat users must be admins."""
        return (actor.id is None and actor.name == CLI_NAME) or self.is_admin(actor.id)
