"""Callback data as small typed records, and the one codec that turns them into button data and back.

Each record type owns a prefix ("q", "i", "dg" …) and writes its fields after it, separated by ":"
("q:2:固投", "sf:S001-3:0", "dg:wd:4:2"): the data means the same on every worker and after a
restart. Telegram allows 64 bytes; a record that does not fit (a long question or keyword) is kept
in an `OverflowStore` under a short key ("~N"). The store in use today is `MemoryOverflow`, one per
application; it can be replaced by a database table without touching the records or their handlers.
Decoding never raises: unknown, malformed or expired data decodes to None.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from bot.replies import MAX_CALLBACK_BYTES

OVERFLOW_MARK = "~"


class Record:
    """A button's meaning: PREFIX plus the fields `payload()` writes and `parse()` reads back."""

    PREFIX: ClassVar[str]
    RECORDS: ClassVar[dict[str, type[Record]]] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        prefix = cls.__dict__.get("PREFIX")
        if prefix is not None:  # abstract bases have no prefix of their own
            if prefix in Record.RECORDS:
                raise ValueError(f"callback prefix {prefix!r} used twice")
            Record.RECORDS[prefix] = cls

    def payload(self) -> str:
        """The fields as text (after "PREFIX:")."""
        return ""

    @classmethod
    def parse(cls, payload: str) -> Record:
        """The record from its payload; raises ValueError or IndexError when malformed."""
        return cls()

    def data(self) -> str:
        """"PREFIX:payload" (may exceed 64 bytes: the codec decides)."""
        return f"{self.PREFIX}:{self.payload()}"


class OverflowStore(Protocol):
    """Where callback data longer than 64 bytes is kept under a short key."""

    def key_for(self, data: str) -> str: ...  # noqa: D102

    def resolve(self, key: str) -> str | None: ...  # noqa: D102


@dataclass
class MemoryOverflow:
    """Long callback data kept in this process under "~N" keys (lost on restart: the button expires)."""

    by_data: dict[str, str] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)

    def key_for(self, data: str) -> str:
        """The key of `data` (the same data keeps its key)."""
        if data not in self.by_data:
            key = f"{OVERFLOW_MARK}{len(self.by_data)}"
            self.by_data[data], self.by_key[key] = key, data
        return self.by_data[data]

    def resolve(self, key: str) -> str | None:
        """The data a key stands for, or None when unknown."""
        return self.by_key.get(key)


class CallbackCodec:
    """Records to button data and back; data over 64 bytes goes through the overflow store."""

    def __init__(self, overflow: OverflowStore | None = None) -> None:
        self.overflow = overflow

    def encode(self, record: Record) -> str:
        """The button data of a record; raises ValueError when it is too long and there is no store."""
        data = record.data()
        if len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
            return data
        if self.overflow is None:
            raise ValueError(f"callback data longer than {MAX_CALLBACK_BYTES} bytes: {data!r}")
        return self.overflow.key_for(data)

    def decode(self, data: str) -> Record | None:
        """The record behind button data; None when unknown, malformed or an expired overflow key."""
        if data.startswith(OVERFLOW_MARK):
            resolved = self.overflow.resolve(data) if self.overflow is not None else None
            if resolved is None:
                return None
            data = resolved
        prefix, _, payload = data.partition(":")
        kind = Record.RECORDS.get(prefix)
        if kind is None:
            return None
        try:
            return kind.parse(payload)
        except (ValueError, IndexError):
            return None


def prefixes(records: Iterable[type[Record]] | None = None) -> list[str]:
    """The prefixes of these record types (all registered ones by default)."""
    return [r.PREFIX for r in (records if records is not None else Record.RECORDS.values())]


# ----- the chat's records -----------------------------------------------------------------------

@dataclass(frozen=True)
class ResultsPage(Record):
    """Page `page` (from 1) of the results for `query`."""

    PREFIX: ClassVar[str] = "q"
    page: int
    query: str

    def payload(self) -> str:  # noqa: D102
        return f"{self.page}:{self.query}"

    @classmethod
    def parse(cls, payload: str) -> ResultsPage:  # noqa: D102
        page, _, query = payload.partition(":")
        return cls(int(page), query)


@dataclass(frozen=True)
class Ask(Record):
    """Ask `text` as a question (a "did you mean" suggestion)."""

    PREFIX: ClassVar[str] = "a"
    text: str

    def payload(self) -> str:  # noqa: D102
        return self.text

    @classmethod
    def parse(cls, payload: str) -> Ask:  # noqa: D102
        return cls(payload)


@dataclass(frozen=True)
class OpenItem(Record):
    """Open one item's card; the subclass (its prefix) says which kind."""

    KIND: ClassVar[str]
    id: str

    def payload(self) -> str:  # noqa: D102
        return self.id

    @classmethod
    def parse(cls, payload: str) -> OpenItem:  # noqa: D102
        return cls(payload)


@dataclass(frozen=True)
class OpenIndicator(OpenItem):
    """An indicator's card (with the same indicator in other documents)."""

    PREFIX: ClassVar[str] = "i"
    KIND: ClassVar[str] = "indicator"


@dataclass(frozen=True)
class OpenTask(OpenItem):
    """A task's card."""

    PREFIX: ClassVar[str] = "t"
    KIND: ClassVar[str] = "task"


@dataclass(frozen=True)
class OpenSection(OpenItem):
    """A section's card."""

    PREFIX: ClassVar[str] = "s"
    KIND: ClassVar[str] = "section"


@dataclass(frozen=True)
class OpenTerm(OpenItem):
    """A glossary term's card."""

    PREFIX: ClassVar[str] = "g"
    KIND: ClassVar[str] = "term"


OPEN_BY_KIND: dict[str, type[OpenItem]] = {r.KIND: r for r in (OpenIndicator, OpenTask, OpenSection, OpenTerm)}


@dataclass(frozen=True)
class OpenIndicatorGroup(Record):
    """One indicator as several documents state it (ids in the order shown)."""

    PREFIX: ClassVar[str] = "ig"
    ids: tuple[str, ...]

    def payload(self) -> str:  # noqa: D102
        return ",".join(self.ids)

    @classmethod
    def parse(cls, payload: str) -> OpenIndicatorGroup:  # noqa: D102
        return cls(tuple(payload.split(",")))


@dataclass(frozen=True)
class ReadSection(Record):
    """Page `page` (from 0) of a section's whole text."""

    PREFIX: ClassVar[str] = "sf"
    section_id: str
    page: int

    def payload(self) -> str:  # noqa: D102
        return f"{self.section_id}:{self.page}"

    @classmethod
    def parse(cls, payload: str) -> ReadSection:  # noqa: D102
        section_id, _, page = payload.rpartition(":")
        return cls(section_id, int(page))


@dataclass(frozen=True)
class OutlineRoot(Record):
    """The list of documents to browse."""

    PREFIX: ClassVar[str] = "o"


@dataclass(frozen=True)
class OutlineDocument(Record):
    """A document's top-level sections (index from 0; -1 is the document list with counts)."""

    PREFIX: ClassVar[str] = "od"
    index: int

    def payload(self) -> str:  # noqa: D102
        return str(self.index)

    @classmethod
    def parse(cls, payload: str) -> OutlineDocument:  # noqa: D102
        return cls(int(payload))


@dataclass(frozen=True)
class OutlineSection(Record):
    """A section's sub-sections."""

    PREFIX: ClassVar[str] = "os"
    section_id: str

    def payload(self) -> str:  # noqa: D102
        return self.section_id

    @classmethod
    def parse(cls, payload: str) -> OutlineSection:  # noqa: D102
        return cls(payload)


@dataclass(frozen=True)
class IndicatorPage(Record):
    """Page `page` (from 0) of the indicators of document `doc` (index), or of all when None."""

    PREFIX: ClassVar[str] = "il"
    doc: int | None
    page: int

    def payload(self) -> str:  # noqa: D102
        return f"{'' if self.doc is None else self.doc}:{self.page}"

    @classmethod
    def parse(cls, payload: str) -> IndicatorPage:  # noqa: D102
        doc, _, page = payload.partition(":")
        return cls(int(doc) if doc else None, int(page))


@dataclass(frozen=True)
class IndicatorSearchPage(Record):
    """Page `page` (from 0) of the indicators whose name holds `keyword`."""

    PREFIX: ClassVar[str] = "ik"
    page: int
    keyword: str

    def payload(self) -> str:  # noqa: D102
        return f"{self.page}:{self.keyword}"

    @classmethod
    def parse(cls, payload: str) -> IndicatorSearchPage:  # noqa: D102
        page, _, keyword = payload.partition(":")
        return cls(int(page), keyword)


@dataclass(frozen=True)
class TaskPage(Record):
    """Page `page` (from 0) of the tasks holding `keyword` (all when empty)."""

    PREFIX: ClassVar[str] = "tl"
    page: int
    keyword: str

    def payload(self) -> str:  # noqa: D102
        return f"{self.page}:{self.keyword}"

    @classmethod
    def parse(cls, payload: str) -> TaskPage:  # noqa: D102
        page, _, keyword = payload.partition(":")
        return cls(int(page), keyword)


# ----- digests and admin ------------------------------------------------------------------------

# Digest buttons anyone may press (they only show); the others change the chat's subscriptions.
DIGEST_VIEWS = frozenset({"card", "ls", "pv"})


@dataclass(frozen=True)
class DigestAction(Record):
    """A digest button: an action (done, snz, card, ls, set, pv, rm, wd, tm, win, q, e, p) and its arguments."""

    PREFIX: ClassVar[str] = "dg"
    action: str
    args: tuple[str, ...] = ()

    def payload(self) -> str:  # noqa: D102
        return ":".join((self.action, *self.args))

    @classmethod
    def parse(cls, payload: str) -> DigestAction:  # noqa: D102
        action, *args = payload.split(":")
        return cls(action, tuple(args))

    @property
    def changes(self) -> bool:
        """Whether pressing it changes the chat's subscriptions or marks (group admins only)."""
        return self.action not in DIGEST_VIEWS


@dataclass(frozen=True)
class DraftAction(Record):
    """发布 (pub) or 取消 (can) of a knowledge-base draft."""

    PREFIX: ClassVar[str] = "adm"
    verb: str
    draft_id: str

    def payload(self) -> str:  # noqa: D102
        return f"{self.verb}:{self.draft_id}"

    @classmethod
    def parse(cls, payload: str) -> DraftAction:  # noqa: D102
        verb, _, draft_id = payload.partition(":")
        return cls(verb, draft_id)


PLAIN = CallbackCodec()  # for records that always fit (ids, numbers): no overflow store needed
