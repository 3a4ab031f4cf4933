"""Text normalisation shared by the search index and queries: width, case, punctuation, units, script."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path


def _t2s_table() -> dict[int, str]:
    """Traditional → Simplified, character by character, from OpenCC's table (Apache-2.0).

    Whole-phrase conversion (opencc.OpenCC("t2s")) costs ~50 µs per line, too slow for indexing
    large knowledge bases; single characters cover what staff type.
    """
    try:
        import opencc
    except ImportError:  # pragma: no cover - optional: the search still works without it
        return {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table: dict[int, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 2 and len(parts[0]) == 1:
                target = parts[1].split(" ")[0]
                if len(target) == 1:
                    table[ord(parts[0])] = target
    return table


def _dropped_table() -> dict[int, None]:
    """Punctuation, symbols, quotes, spaces and control characters: no meaning for matching."""
    return {cp: None for cp in range(0x10000)
            if unicodedata.category(chr(cp))[0] in ("P", "S", "Z", "C")}


_T2S_TABLE = _t2s_table()
_DROP_TABLE = _dropped_table()
# One pass does both: drop punctuation, map Traditional to Simplified (the character table of
# knowledge.identity.to_simplified, folded in here because this runs on every indexed item).
_FOLD_TABLE: dict[int, str | None] = {**_T2S_TABLE, **_DROP_TABLE}

# Short bracketed segments are units or clarifications ("（亿元）", "(%)", "（个）"); staff never type them.
_BRACKETED = re.compile(r"[（(\[【〔][^（()）\[\]【】〔〕]{0,12}[)）\]】〕]")
# "PM2.5" / "pm 2.5" / "PM25": a decimal point right after letters+digits is part of a code name.
_CODE_DECIMAL = re.compile(r"([a-z]+\s*\d+)\.(\d+)")
_SPACE_IN_CODE = re.compile(r"(?<=[a-z])\s+(?=\d)")
# Outside the BMP only the CJK extensions (U+20000–U+3FFFF) are text; the rest is emoji and symbols.
_ASTRAL_NON_CJK = re.compile("[\U00010000-\U0001FFFF\U00040000-\U0010FFFF]")
_HAS_LETTER_DIGIT = re.compile(r"[a-z]\s*\d")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_ASCII_LETTERS = re.compile(r"^[a-z\s'’]+$")


# Roman numerals of a class (after NFKC and lower-casing: Ⅲ → iii), read as the Chinese numeral.
_ROMAN = {"i": "一", "ii": "二", "iii": "三", "iv": "四", "v": "五"}
_ROMAN_CLASS = re.compile(r"(?<![a-z])(iii|ii|iv|v|i)类")


def _join_code(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2)


@functools.lru_cache(maxsize=65536)
def normalize(text: str, *, keep_brackets: bool = False) -> str:
    """The matching form of `text`: half-width, lower case, Simplified, no punctuation/spaces/units."""
    s = unicodedata.normalize("NFKC", text).lower()
    # The regular expressions only matter for brackets and letter codes: skip them otherwise,
    # which keeps indexing tens of thousands of items fast.
    if not keep_brackets and ("(" in s or "[" in s or "【" in s or "〔" in s):
        # A bracketed segment that is the whole text is content, not a unit: keep it.
        stripped = _BRACKETED.sub("", s)
        if stripped.strip():
            s = stripped
    if _HAS_LETTER_DIGIT.search(s):
        s = _SPACE_IN_CODE.sub("", s)
        s = _CODE_DECIMAL.sub(_join_code, s)
    s = s.translate(_FOLD_TABLE)
    if "类" in s:
        # 劣V类水体, III类水体: the classes of water (and of noise areas) are said 劣五类, 三类 in a chat
        s = _ROMAN_CLASS.sub(lambda m: _ROMAN[m.group(1)] + "类", s)
    return _ASTRAL_NON_CJK.sub("", s) if not s.isascii() else s


# A bracketed word that is not a unit is another name of the item (新增纳统产值(营收)): staff type it.
_BRACKETED_WORD = re.compile(r"[（(【〔]([\u4e00-\u9fff]{2,8})[)）】〕]")
# PM2.5基期数值（2020年）: a year the asker adds in brackets is the year asked (not a document number's year,
# 工信部联政法〔2021〕70号, 津政发（2021）3号: a number follows it).
_BRACKETED_YEAR = re.compile(r"[（(]((?:19|20)\d{2}年?度?)[)）](?![\d一二三四五六七八九十〇零]|号)")
_PART_NUMBERED = re.compile(r"第[一二三四五六七八九十百\d]{1,4}(?:章|节|部分|条|项|篇)$")
_UNIT_CHARS = re.compile(r"[元亿万个家人户米吨次场项座套辆台%度率支处所条部]|预期性|约束性|单位")


def normalize_name(text: str) -> str:
    """The matching form of an item's name: like `normalize`, but a bracketed word that is not a
    unit or an attribute (营收 in 新增纳统产值(营收)) is kept as part of the name."""
    if "(" not in text and "（" not in text and "【" not in text and "〔" not in text:
        return normalize(text)
    kept = _BRACKETED_WORD.sub(lambda m: "" if _UNIT_CHARS.search(m.group(1)) else m.group(1), text)
    return normalize(kept)


def bracketed_words(text: str) -> list[str]:
    """The bracketed words of a text that are no unit or attribute (工青妇 in 1(党建)+3(工青妇)): the words
    `normalize` drops with its brackets and `normalize_name` keeps."""
    return [w for w in _BRACKETED_WORD.findall(text) if not _UNIT_CHARS.search(w)]


def unbracket_words(text: str) -> str:
    """A question with a bracketed word that is no unit said as a word of it (花园里综合体（会展湾）哪年营业:
    the name the asker adds in brackets is what to match; normalising would drop it as a unit)."""
    if "(" not in text and "（" not in text and "【" not in text and "〔" not in text:
        return text
    text = _BRACKETED_YEAR.sub(lambda m: f"，{m.group(1)}{'' if '年' in m.group(1) else '年'}，", text)

    def said(m: re.Match[str]) -> str:
        # (第四章（经济发展动能）: the title of a part named by its number only says which part it is)
        if _UNIT_CHARS.search(m.group(1)) or _PART_NUMBERED.search(text, 0, m.start()):
            return m.group(0)
        return f"，{m.group(1)}，"

    return _BRACKETED_WORD.sub(said, text)


def is_ascii_query(text: str) -> bool:
    """True when the text is letters only (after width folding): a pinyin query such as "guishang"."""
    s = unicodedata.normalize("NFKC", text).lower().strip()
    return bool(s) and bool(_ASCII_LETTERS.match(s))


def has_cjk(text: str) -> bool:
    """True when the text contains at least one Chinese character."""
    return bool(_HAS_CJK.search(text))
