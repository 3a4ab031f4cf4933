"""Text normalisation shared by the search index and queries: width, case, punctuation, units, script."""

from __future__ import annotations

import functools
import re
import unicodedata

try:  # opencc-python-reimplemented (Apache-2.0): Traditional → Simplified, pure Python.
    from opencc import OpenCC

    _T2S: OpenCC | None = OpenCC("t2s")
except Exception:  # pragma: no cover - optional dependency; the search still works without it
    _T2S = None

# Short bracketed segments are units or clarifications ("（亿元）", "(%)", "（个）"); staff never type them.
_BRACKETED = re.compile(r"[（(\[【〔][^（()）\[\]【】〔〕]{0,12}[)）\]】〕]")
# "PM2.5" / "pm 2.5" / "PM25": a decimal point right after letters+digits is part of a code name.
_CODE_DECIMAL = re.compile(r"([a-z]+\s*\d+)\.(\d+)")
_SPACE_IN_CODE = re.compile(r"(?<=[a-z])\s+(?=\d)")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_LETTERS = re.compile(r"^[a-z\s'’]+$")


def _is_dropped(ch: str) -> bool:
    """Punctuation, symbols, quotes and whitespace carry no meaning for matching."""
    if ch.isspace():
        return True
    cat = unicodedata.category(ch)
    # Keep "%" out as well: a unit, never typed in a name query.
    return cat[0] in ("P", "S", "Z", "C")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters converted to Simplified (identity when OpenCC is missing)."""
    if _T2S is None or not _HAS_CJK.search(text):
        return text
    return _T2S.convert(text)


@functools.lru_cache(maxsize=65536)
def normalize(text: str, *, keep_brackets: bool = False) -> str:
    """The matching form of `text`: half-width, lower case, Simplified, no punctuation/spaces/units."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = to_simplified(s)
    if not keep_brackets:
        # A bracketed segment that is the whole text is content, not a unit: keep it.
        stripped = _BRACKETED.sub("", s)
        if stripped.strip():
            s = stripped
    s = _SPACE_IN_CODE.sub("", s)
    s = _CODE_DECIMAL.sub(r"\1\2", s)
    return "".join(ch for ch in s if not _is_dropped(ch))


def is_ascii_query(text: str) -> bool:
    """True when the text is letters only (after width folding): a pinyin query such as "guishang"."""
    s = unicodedata.normalize("NFKC", text).lower().strip()
    return bool(s) and bool(_ASCII_LETTERS.match(s))


def has_cjk(text: str) -> bool:
    """True when the text contains at least one Chinese character."""
    return bool(_HAS_CJK.search(text))
