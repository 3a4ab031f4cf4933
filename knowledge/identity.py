"""When two names mean the same thing: one Traditional→Simplified conversion, one name key, one indicator key.

- `to_simplified(text)`: the one conversion, OpenCC's phrase-aware t2s (回覆 → 回复, 乾淨 → 干净,
  which a character table alone gets wrong). Text holding none of the characters t2s can change
  comes back as it is after one set test, so it is cheap on Simplified text. The search's
  matching form (`knowledge.normalize`) folds OpenCC's character table into its punctuation pass
  instead, because it runs on every indexed item and every query.
- `name_key(text)`: the identity of a name or title as people write it — width, case, script,
  list numbering, bracketed units and punctuation do not count. Used wherever a name is compared
  with or looked up in another: the change report (the same document, indicator, task across
  versions), an upload replacing a document, and the chat's and digests' look-ups of documents,
  terms, units and keywords.
- `indicator_key(name)`: the same indicator in several documents — the search's matching form of
  the name without qualifiers that do not make it another indicator (街道/全区…, 年均/平均, a
  trailing 累计/总额/额/数量…). The search groups hits by it and the answer cards use it, so a list
  groups exactly like the card it opens.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

from knowledge.normalize import normalize_name

# Brackets holding units or notes: "（亿元）", "(%)", "【约束性】" — not part of an item's identity.
_BRACKETED = re.compile(r"[（(【\[〔][^（）()【】\[\]〔〕]{0,12}[）)】\]〕]")
# Everything that is not a letter or a digit (punctuation, spaces, quotes, list markers' dots).
_NOISE = re.compile(r"[\W_]+", re.UNICODE)
# Leading list numbering such as "1.", "（三）", "一、", "第二条" — renumbering is not a change.
_LEADING_NUMBER = re.compile(r"^\s*(?:第?[一二三四五六七八九十百零〇\d]+[条项]?[、.．:：)）]|[（(][一二三四五六七八九十\d]+[）)])\s*")

# Qualifiers that do not make another indicator: 街道/全区 规上工业总产值, 年均增速, …累计/额/数量.
_INDICATOR_SUFFIXES = re.compile(r"(累计|总额|额|数量|总量|年均|规模)$")
_INDICATOR_PREFIXES = re.compile(r"^(街道|全区|全街|全镇|辖区|全市)")
_INDICATOR_QUALIFIERS = re.compile(r"年均|平均")


@functools.lru_cache(maxsize=1)
def _phrase_converter() -> Any:
    """OpenCC's phrase-aware Traditional→Simplified converter (built once; it loads dictionaries)."""
    import opencc

    return opencc.OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _changeable() -> frozenset[str]:
    """Every character t2s can replace: where a key of its phrase or character table differs from
    the value (all of a key whose value has another length). Text without one is left as it is."""
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    chars: set[str] = set()
    for name in ("TSPhrases.txt", "TSCharacters.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            value = values.split(" ")[0]
            if len(key) != len(value):
                chars.update(key)
            else:
                chars.update(k for k, v in zip(key, value, strict=True) if k != v)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    """`text` in Simplified Chinese (OpenCC t2s); text t2s would not change is returned as it is."""
    if _changeable().isdisjoint(text):
        return text
    return str(_phrase_converter().convert(text))


@functools.lru_cache(maxsize=65536)  # the same names and task texts are looked up again and again
def name_key(text: str) -> str:
    """The identity of a name or title: NFKC, Simplified, no numbering, no bracketed units, no punctuation."""
    text = to_simplified(unicodedata.normalize("NFKC", text or ""))
    text = _LEADING_NUMBER.sub("", text)
    text = _BRACKETED.sub("", text)
    return _NOISE.sub("", text).lower()


def indicator_key(name: str) -> str:
    """The key shared by every statement of the same indicator; "" when the name is too short to tell."""
    key = normalize_name(name)
    if len(key) < 2:
        return ""
    key = _INDICATOR_QUALIFIERS.sub("", _INDICATOR_PREFIXES.sub("", key)) or key
    while True:
        shorter = _INDICATOR_SUFFIXES.sub("", key)
        if shorter == key or len(shorter) < 2:
            return key
        key = shorter
