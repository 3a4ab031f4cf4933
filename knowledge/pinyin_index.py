"""Pinyin forms of item names, so that pure-ASCII queries (guishang, gdzctz, shiyelv) find them."""

from __future__ import annotations

import functools
import re

from pypinyin import Style, lazy_pinyin

_LETTERS = re.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=262144)
def pinyin_forms(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of `text` with no separators, e.g. 失业率 → ("shiyelv", "syl").

    Non-Chinese characters are kept as they are (lower-cased letters and digits), so PM25 stays pm25.
    """
    syllables = lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: list(s), v_to_u=False)
    full: list[str] = []
    initials: list[str] = []
    for syl in syllables:
        syl = _LETTERS.sub("", syl.lower())
        if not syl:
            continue
        full.append(syl)
        initials.append(syl[0])
    return "".join(full), "".join(initials)


def query_pinyin(query: str) -> str:
    """A pinyin query reduced to its letters: "Gui Shang" → "guishang"."""
    return _LETTERS.sub("", query.lower())
