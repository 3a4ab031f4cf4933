"""Input at the edge: every command argument, button's data and question is normalised here, once,
before any service sees it; numbers and ids are parsed only through `bounded_int` / `parse_id`.

`normalise`: NFKC (full-width letters and digits, superscripts ², ①, ideographic spaces → their
plain forms), every remaining Unicode digit (Arabic-Indic ٣ …) → its ASCII digit, and dropped:
lone surrogates, control characters (NUL, ESC, DEL, C1), format characters (bidirectional
embeddings, overrides and isolates, zero-width characters, BOM); whitespace runs become one space.
So `str.isdigit()` after normalisation means ASCII digits, and `int()` of them cannot fail.

The registry (bot.registry) applies it to every command argument and button press; the answering
service to every question and inline query. A service that needs a number calls `bounded_int`,
which raises `BadInput` with a Chinese message naming what was wrong; the registry answers it.
"""

from __future__ import annotations

import re
import unicodedata

MAX_ARG_CHARS = 500  # a command argument longer than this is refused (a question is cut instead)
MAX_ID_DIGITS = 18  # Telegram ids have at most 16 digits; 18 still fits a 64-bit column
_DIGIT_RUN = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


class BadInput(ValueError):
    """An argument that cannot be used; `message` (Chinese) says what was wrong."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _keep(ch: str) -> str:
    """The character as kept: "" for surrogates, controls and format characters, digits as ASCII."""
    category = unicodedata.category(ch)
    if category in ("Cs", "Cf"):
        return ""
    if category == "Cc":
        return " " if ch in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85" else ""
    if ch.isdigit() and not ("0" <= ch <= "9"):
        value = unicodedata.digit(ch, None)
        return str(value) if value is not None else ""
    return ch


def normalise(text: str | None, *, limit: int | None = None) -> str:
    """`text` NFKC-normalised, digits made ASCII, surrogates/controls/format characters dropped,
    whitespace collapsed and stripped; cut to `limit` characters when given."""
    if not text:
        return ""
    # Surrogates cannot go through NFKC's encoder-free path reliably on every build: drop them first.
    text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_keep(ch) for ch in text)
    text = _SPACES.sub(" ", text).strip()
    return text[:limit] if limit is not None else text


def clean_text(text: str | None) -> str:
    """Free text to store as written (a progress report, a note): surrogates, control characters
    (but line breaks and tabs) and format characters dropped, nothing else changed — no NFKC, so the
    writer's full-width punctuation stays."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cs", "Cc", "Cf")).strip()


def check_argument(text: str) -> None:
    """Raise BadInput when a (normalised) command argument is longer than MAX_ARG_CHARS."""
    if len(text) > MAX_ARG_CHARS:
        raise BadInput(f"输入过长（{len(text)} 字），最多 {MAX_ARG_CHARS} 字，请缩短后再试。")


def bounded_int(text: str, low: int, high: int, what: str = "数字") -> int:
    """The integer `text` holds (ASCII digits, optional sign), within [low, high]; else BadInput
    naming `what`, the range and what was given."""
    value = text.strip()
    shown = value if len(value) <= 24 else value[:20] + "…"
    digits = value.lstrip("+-")
    if not (digits.isascii() and digits.isdigit()) or value.count("-") + value.count("+") > 1:
        raise BadInput(f"{what}应为 {low} 到 {high} 之间的整数，收到“{shown}”。")
    if len(digits.lstrip("0")) > MAX_ID_DIGITS:
        raise BadInput(f"{what}“{shown}”过长（最多 {MAX_ID_DIGITS} 位），应在 {low} 到 {high} 之间。")
    number = int(value)
    if not low <= number <= high:
        raise BadInput(f"{what}应在 {low} 到 {high} 之间，收到 {number}。")
    return number


def parse_id(text: str, *, negative: bool = False) -> int | None:
    """A Telegram user/chat id or a row id: ASCII digits (a leading "-" when `negative` is allowed),
    at most MAX_ID_DIGITS of them; None otherwise."""
    value = text.strip()
    digits = value[1:] if negative and value.startswith("-") else value
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_ID_DIGITS:
        return None
    return int(value)


def has_overlong_number(text: str) -> bool:
    """Whether `text` holds a run of more than MAX_ID_DIGITS digits (no id or page is that long)."""
    return any(len(run.lstrip("0")) > MAX_ID_DIGITS for run in _DIGIT_RUN.findall(text))


def clean_button_data(data: str) -> str | None:
    """Button data as accepted: None when it holds what no button of ours carries (surrogates,
    control or format characters, an over-long number); the data unchanged otherwise."""
    if any(unicodedata.category(ch) in ("Cs", "Cc", "Cf") for ch in data) or has_overlong_number(data):
        return None
    return data
