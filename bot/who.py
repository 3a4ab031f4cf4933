"""Who is asking, and where: the caller every service and command sees, from Telegram or the console."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Who:
    """Who is asking, and where (ids are None in the console and in tests that do not care)."""

    user_id: int | None = None
    chat_id: int | None = None
    chat_type: str = "private"
    username: str | None = None
    full_name: str | None = None
    chat_title: str | None = None
    source: str = "chat"  # chat | inline | console

    @property
    def in_group(self) -> bool:
        """Whether the question comes from a group (or supergroup / channel) rather than a private chat."""
        return self.chat_type != "private"

    @property
    def is_console(self) -> bool:
        """The local console: whoever runs the bot, with its owner's rights."""
        return self.source == "console"


CLI_NAME = "命令行"


@dataclass(frozen=True)
class Actor:
    """Who is acting on the knowledge base: Telegram user id (None for the CLI) and a display name."""

    id: int | None
    name: str | None = None

    @property
    def label(self) -> str:
        """How the actor appears in lists and the audit log."""
        if self.id is None:
            return self.name or CLI_NAME
        return f"{self.name}（{self.id}）" if self.name else str(self.id)

    @classmethod
    def of(cls, who: Who) -> Actor:
        """The actor behind a caller: the console acts with the CLI's rights, a chat user as themself."""
        if who.is_console:
            return cls(None, CLI_NAME)
        # Actor(None, …) is reserved for the local CLI/console; a caller without a user is nobody.
        return cls(who.user_id, who.full_name) if who.user_id is not None else cls(-1, "未知")
