"""Constants and fakes shared by the admin tests."""

from __future__ import annotations

from bot.admin_service import Actor

ADMIN = Actor(1001, "管理员甲")
STRANGER = Actor(2002, "路人")


class FakeLexicon:
    """The runtime API of knowledge.lexicon.Lexicon the admin service relies on."""

    def __init__(self) -> None:
        self.table: dict[str, str] = {"规上": "规模以上"}

    def add(self, abbr: str, full: str) -> None:
        self.table[abbr] = full

    def remove(self, abbr: str) -> None:
        del self.table[abbr]

    def entries(self) -> list[tuple[str, str]]:
        return sorted(self.table.items())
