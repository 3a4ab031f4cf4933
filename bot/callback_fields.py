"""The fields of callback data, checked: bounded integers, item ids, short texts; the overflow key format."""

from __future__ import annotations

import re
import secrets

from bot.replies import MAX_CALLBACK_BYTES

OVERFLOW_MARK = "~"
# "~" + 16 characters of base64url: 96 random bits (secrets.token_urlsafe(12)).
OVERFLOW_KEY = re.compile(r"~[A-Za-z0-9_-]{16}")
MAX_DATA_CHARS = 1024  # no record is longer (a question is cut at 200 characters before searching)
MAX_TEXT_CHARS = 200  # a query or keyword carried by a button
MAX_PAGE = 100_000
MAX_GROUP = 20  # indicator ids in one group button
_IDENT = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
_INT = re.compile(r"-?[0-9]{1,9}")  # below 2^31: a PostgreSQL integer
# Control characters (but tab and newline) and lone surrogates never come from a button the bot made.
_UNSAFE_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def fits(data: str) -> bool:
    """Whether Telegram takes this callback data as it is (at most 64 bytes of UTF-8)."""
    return len(data.encode("utf-8", "surrogatepass")) <= MAX_CALLBACK_BYTES


def bounded_int(text: str, low: int, high: int) -> int:
    """An ASCII integer within [low, high]; raises ValueError otherwise (superscripts, 2^64, "")."""
    if not _INT.fullmatch(text):
        raise ValueError(f"not a small integer: {text!r}")
    value = int(text)
    if not low <= value <= high:
        raise ValueError(f"{value} outside [{low}, {high}]")
    return value


def ident(text: str) -> str:
    """An item id (letters, digits, "-", "_", "."; at most 40); raises ValueError otherwise."""
    if not _IDENT.fullmatch(text):
        raise ValueError(f"not an id: {text!r}")
    return text


def words(text: str, *, empty: bool = False) -> str:
    """A query or keyword: at most 200 characters, no control characters; raises ValueError otherwise."""
    if (not text and not empty) or len(text) > MAX_TEXT_CHARS or _UNSAFE_TEXT.search(text):
        raise ValueError(f"not a query: {text!r}")
    return text


def new_key() -> str:
    """A fresh overflow key: "~" and 96 random bits (unguessable, never sequential)."""
    return OVERFLOW_MARK + secrets.token_urlsafe(12)
