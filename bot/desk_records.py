"""Button records of the supervision desk (督办): progress on a task, an admin's decision on an
extension, the board's lists and chart, an indicator's chart. The one codec is bot.callback_data's;
importing this module registers the records' prefixes with it (bot.commands does)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.callback_data import Record


@dataclass(frozen=True)
class DeskAction(Record):
    """A task's desk button: n 填报进展, d 标记已完成, x 申请延期, r 撤销完成, h 进展记录 (task id), c 取消."""

    PREFIX: ClassVar[str] = "dk"
    verb: str
    task_id: str = ""

    def payload(self) -> str:  # noqa: D102
        return f"{self.verb}:{self.task_id}"

    @classmethod
    def parse(cls, payload: str) -> DeskAction:  # noqa: D102
        verb, _, task_id = payload.partition(":")
        if verb not in ("n", "d", "x", "r", "h", "c"):
            raise ValueError(verb)
        return cls(verb, task_id)


@dataclass(frozen=True)
class ExtensionDecision(Record):
    """An admin's 批准 (a) or 驳回 (r) of the extension request `note_id`."""

    PREFIX: ClassVar[str] = "dkx"
    verb: str
    note_id: int

    def payload(self) -> str:  # noqa: D102
        return f"{self.verb}:{self.note_id}"

    @classmethod
    def parse(cls, payload: str) -> ExtensionDecision:  # noqa: D102
        verb, _, note_id = payload.partition(":")
        if verb not in ("a", "r"):
            raise ValueError(verb)
        return cls(verb, int(note_id))


@dataclass(frozen=True)
class BoardList(Record):
    """The board's list of one plan (dim "p", key: document index) or lead unit (dim "u", key: its
    name), for a status code (u unfinished, o overdue, s soon, n normal, d done, a all), page from 0."""

    PREFIX: ClassVar[str] = "dkb"
    dim: str
    status: str
    page: int
    key: str

    def payload(self) -> str:  # noqa: D102
        return f"{self.dim}:{self.status}:{self.page}:{self.key}"

    @classmethod
    def parse(cls, payload: str) -> BoardList:  # noqa: D102
        dim, status, page, key = payload.split(":", 3)
        if dim not in ("p", "u"):
            raise ValueError(dim)
        return cls(dim, status, int(page), key)


@dataclass(frozen=True)
class BoardChart(Record):
    """The board as a PNG chart."""

    PREFIX: ClassVar[str] = "dkc"


@dataclass(frozen=True)
class IndicatorChart(Record):
    """The chart (PNG) of an indicator's trajectory."""

    PREFIX: ClassVar[str] = "dki"
    id: str

    def payload(self) -> str:  # noqa: D102
        return self.id

    @classmethod
    def parse(cls, payload: str) -> IndicatorChart:  # noqa: D102
        return cls(payload)
