"""Callback data as small typed records, and the one codec that turns them into button data and back.

Each record type owns a prefix ("q", "i", "dg" …) and writes its fields after it, separated by ":"
("q:2:固投", "sf:S001-3:0", "dg:wd:4:2"): the data is self-contained, so it means the same on every
worker and after a restart. Telegram allows 64 bytes; a record that does not fit (a long question or
keyword) is stored, at the Telegram edge, under a random key bound to the chat that got the button
(`OverflowStore`: a database table — `bot.storage.buttons` — and, only without a database, a bounded
in-process map). Never a counter: a key cannot be guessed, and another chat's key resolves to nothing.

Decoding never raises: unknown, malformed, out-of-range, expired or another chat's data decodes to
None, and the caller answers with `registry.expired()` (nothing is changed).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from bot.callback_fields import (
    MAX_DATA_CHARS,
    MAX_GROUP,
    MAX_PAGE,
    MAX_TEXT_CHARS,
    OVERFLOW_KEY,
    OVERFLOW_MARK,
    bounded_int,
    fits,
    ident,
    words,
)
from bot.replies import MAX_CALLBACK_BYTES


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
        """The record from its payload; raises ValueError or IndexError when malformed or out of range."""
        if payload:
            raise ValueError("this record has no fields")
        return cls()

    def data(self) -> str:
        """"PREFIX:payload" (may exceed 64 bytes: the Telegram edge stores it under a key)."""
        return f"{self.PREFIX}:{self.payload()}"


class OverflowStore(Protocol):
    """Where callback data longer than 64 bytes is kept, under random keys bound to one chat."""

    def keys_for(self, chat_id: int, data: Sequence[str]) -> list[str]:
        """A key for each data (the same data in the same chat may keep its key)."""
        ...

    def resolve(self, chat_id: int, key: str) -> str | None:
        """The data behind `key` if this chat was given it and it has not expired, else None."""
        ...


class CallbackCodec:
    """Records to button data and back. `encode` gives the whole data (any length); `shorten` (the
    Telegram edge) replaces data over 64 bytes by keys of the chat's, and `expand` undoes it."""

    def __init__(self, overflow: OverflowStore | None = None) -> None:
        self.overflow = overflow

    @staticmethod
    def encode(record: Record) -> str:
        """The self-contained button data of a record (may be longer than 64 bytes)."""
        return record.data()

    @staticmethod
    def decode(data: str) -> Record | None:
        """The record behind self-contained data; None when unknown, malformed or out of range
        (an overflow key is not self-contained: use `expand` with the chat)."""
        if not data or len(data) > MAX_DATA_CHARS:
            return None
        prefix, _, payload = data.partition(":")
        kind = Record.RECORDS.get(prefix)
        if kind is None:
            return None
        try:
            return kind.parse(payload)
        except (ValueError, LookupError):
            return None

    def shorten(self, chat_id: int, data: Sequence[str]) -> list[str]:
        """`data` with every item over 64 bytes replaced by a key bound to `chat_id` (one store call)."""
        long = [d for d in dict.fromkeys(data) if not fits(d)]
        if not long:
            return list(data)
        if self.overflow is None:
            raise ValueError(f"callback data longer than {MAX_CALLBACK_BYTES} bytes: {long[0]!r}")
        keys = dict(zip(long, self.overflow.keys_for(chat_id, long), strict=True))
        return [keys.get(d, d) for d in data]

    def expand(self, chat_id: int | None, data: str) -> Record | None:
        """The record behind button data pressed in `chat_id`: self-contained data is decoded; a key
        is looked up for this chat (unknown, expired, forged or another chat's key: None)."""
        if not data.startswith(OVERFLOW_MARK):
            return self.decode(data)
        if chat_id is None or self.overflow is None or not OVERFLOW_KEY.fullmatch(data):
            return None
        resolved = self.overflow.resolve(chat_id, data)
        return self.decode(resolved) if resolved is not None else None


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
        return cls(bounded_int(page, 1, MAX_PAGE), words(query))


@dataclass(frozen=True)
class Ask(Record):
    """Ask `text` as a question (a "did you mean" suggestion)."""

    PREFIX: ClassVar[str] = "a"
    text: str

    def payload(self) -> str:  # noqa: D102
        return self.text

    @classmethod
    def parse(cls, payload: str) -> Ask:  # noqa: D102
        return cls(words(payload))


@dataclass(frozen=True)
class OpenItem(Record):
    """Open one item's card; the subclass (its prefix) says which kind."""

    KIND: ClassVar[str]
    id: str

    def payload(self) -> str:  # noqa: D102
        return self.id

    @classmethod
    def parse(cls, payload: str) -> OpenItem:  # noqa: D102
        return cls(ident(payload))


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


@dataclass(frozen=True)
class OpenPassage(OpenItem):
    """A passage's card (a few sentences of a plan, quoted with their source)."""

    PREFIX: ClassVar[str] = "p"
    KIND: ClassVar[str] = "passage"


OPEN_BY_KIND: dict[str, type[OpenItem]] = {r.KIND: r for r in (OpenIndicator, OpenTask, OpenSection, OpenTerm,
                                                                OpenPassage)}


MAX_MARKS = 8  # query words a paragraph button carries, to bold in the whole paragraph
MARK_SEPARATOR = "|"


@dataclass(frozen=True)
class ReadParagraph(Record):
    """The whole paragraph a passage was cut from, with the query's words (`marks`) in bold.

    The marks make the data as long as the question: over 64 bytes it is kept under a key bound to
    the chat that got the button, as every long button is.
    """

    PREFIX: ClassVar[str] = "pp"
    passage_id: str
    marks: tuple[str, ...] = ()

    def payload(self) -> str:  # noqa: D102
        return f"{self.passage_id}:{MARK_SEPARATOR.join(self.marks)}"

    @classmethod
    def parse(cls, payload: str) -> ReadParagraph:  # noqa: D102
        passage_id, sep, marks = payload.partition(":")
        if not sep:
            raise ValueError("no marks field")
        parts = tuple(m for m in words(marks, empty=True).split(MARK_SEPARATOR) if m)
        if len(parts) > MAX_MARKS:
            raise ValueError("too many marks")
        return cls(ident(passage_id), parts)

    @classmethod
    def of(cls, passage_id: str, marks: Iterable[str]) -> ReadParagraph:
        """The record for a passage and the words to bold (empty or unsafe ones dropped, at most MAX_MARKS)."""
        kept: list[str] = []
        for mark in marks:
            if mark and MARK_SEPARATOR not in mark and mark not in kept:
                try:
                    words(mark)
                except ValueError:
                    continue
                kept.append(mark)
        while kept and len(MARK_SEPARATOR.join(kept)) > MAX_TEXT_CHARS:
            kept.pop()
        return cls(passage_id, tuple(kept[:MAX_MARKS]))


@dataclass(frozen=True)
class OpenIndicatorGroup(Record):
    """One indicator as several documents state it (ids in the order shown)."""

    PREFIX: ClassVar[str] = "ig"
    ids: tuple[str, ...]

    def payload(self) -> str:  # noqa: D102
        return ",".join(self.ids)

    @classmethod
    def parse(cls, payload: str) -> OpenIndicatorGroup:  # noqa: D102
        ids = payload.split(",")
        if len(ids) > MAX_GROUP:
            raise ValueError("too many ids")
        return cls(tuple(ident(i) for i in ids))


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
        return cls(ident(section_id), bounded_int(page, 0, MAX_PAGE))


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
        return cls(bounded_int(payload, -1, MAX_PAGE))


@dataclass(frozen=True)
class OutlineSection(Record):
    """A section's sub-sections."""

    PREFIX: ClassVar[str] = "os"
    section_id: str

    def payload(self) -> str:  # noqa: D102
        return self.section_id

    @classmethod
    def parse(cls, payload: str) -> OutlineSection:  # noqa: D102
        return cls(ident(payload))


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
        return cls(bounded_int(doc, 0, MAX_PAGE) if doc else None, bounded_int(page, 0, MAX_PAGE))


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
        return cls(bounded_int(page, 0, MAX_PAGE), words(keyword))


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
        return cls(bounded_int(page, 0, MAX_PAGE), words(keyword, empty=True))


# ----- digests and admin ------------------------------------------------------------------------

# Digest buttons anyone may press (they only show); the others change the chat's subscriptions.
DIGEST_VIEWS = frozenset({"card", "ls", "pv"})


def _subscription_id(text: str) -> None:
    bounded_int(text, 1, 999_999_999)


def _hhmm(text: str) -> None:
    if len(text) != 4:
        raise ValueError("time is HHMM")
    bounded_int(text[:2], 0, 23)
    bounded_int(text[2:], 0, 59)


# Each digest action and the checks of its arguments: anything else is refused before it is run.
DIGEST_ARGS: dict[str, tuple[Callable[[str], object], ...]] = {
    "done": (ident,), "snz": (ident,), "card": (ident,), "ls": (),
    "set": (_subscription_id,), "pv": (_subscription_id,), "rm": (_subscription_id,),
    "q": (_subscription_id,), "e": (_subscription_id,), "p": (_subscription_id,), "lg": (_subscription_id,),
    "wd": (_subscription_id, lambda d: bounded_int(d, 0, 6)), "tm": (_subscription_id, _hhmm),
    "win": (_subscription_id, lambda d: bounded_int(d, 1, 365)),
}


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
        checks = DIGEST_ARGS[action]  # KeyError (a LookupError) for an unknown action: refused below
        if len(args) != len(checks):
            raise ValueError(f"{action} takes {len(checks)} arguments")
        for check, arg in zip(checks, args, strict=True):
            check(arg)
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
        if not re.fullmatch("[a-z0-9]{1,8}", verb):
            raise ValueError(f"not a verb: {verb!r}")
        return cls(verb, ident(draft_id))


PLAIN = CallbackCodec()  # for records that always fit (ids, numbers): no overflow store needed
