"""Word automatic numbering: the labels (一、 （二） 3. ①) Word shows but does not store in the text.

A heading numbered by a Word list ("一、" from numbering.xml) has only "总体要求" in its text;
without the label the structure parser would not see a heading. This renders the labels the
way Word does for the common formats used in Chinese government documents.
"""

from __future__ import annotations

import re
from typing import Any

import cn2an
from docx.oxml.ns import qn

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEVEL_REF = re.compile(r"%([1-9])")


def format_number(n: int, fmt: str) -> str:
    """`n` in a Word numFmt (decimal, chineseCounting, decimalEnclosedCircle, upperRoman …)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):
        return str(cn2an.an2cn(n))
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return str(cn2an.an2cn(n, "up"))
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", n
        for value, symbol in _ROMAN:
            while rest >= value:
                out, rest = out + symbol, rest - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    return str(n)


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


class DocxNumbering:
    """Counters of a document's Word lists; `label(p)` gives each numbered paragraph its label."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # abstractNumId → ilvl → (start, fmt, text)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        self.style_num: dict[str, tuple[str, int]] = {}  # styleId → (numId, ilvl)
        self.counts: dict[str, list[int]] = {}
        self.started: set[str] = set()
        root = _numbering_root(document)
        if root is not None:
            self._read_numbering(root)
        self._read_styles(document)

    def _read_numbering(self, root: Any) -> None:
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, tuple[int, str, str]] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(_val(lvl, "w:start") or "1")
                levels[ilvl] = (start, _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "")
            self.levels[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            overrides: dict[int, int] = {}
            for override in num.findall(qn("w:lvlOverride")):
                restart = _val(override, "w:startOverride")
                if restart is not None:
                    overrides[int(override.get(qn("w:ilvl"), "0"))] = int(restart)
            self.nums[num.get(qn("w:numId"), "")] = (_val(num, "w:abstractNumId") or "", overrides)

    def _read_styles(self, document: Any) -> None:
        try:
            styles = document.styles.element
        except Exception:  # a document without a styles part has no style numbering
            return
        direct: dict[str, tuple[str | None, int | None, str | None]] = {}
        for style in styles.findall(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
            level = _val(numpr, "w:ilvl")
            direct[style.get(qn("w:styleId"), "")] = (_val(numpr, "w:numId"), int(level) if level else None,
                                                      _val(style, "w:basedOn"))
        for style_id in direct:
            seen: set[str] = set()
            current: str | None = style_id
            while current and current in direct and current not in seen:
                seen.add(current)
                style_num_id, style_level, based_on = direct[current]
                if style_num_id is not None:
                    self.style_num[style_id] = (style_num_id, style_level or 0)
                    break
                current = based_on

    def label(self, p: Any) -> str:
        """The label Word shows before paragraph `p` (a w:p element), advancing the counters."""
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = _val(numpr, "w:numId")
        ilvl_text = _val(numpr, "w:ilvl")
        if num_id is None:
            style_id = _val(ppr, "w:pStyle") if ppr is not None else None
            if style_id is None or style_id not in self.style_num:
                return ""
            num_id, style_ilvl = self.style_num[style_id]
            ilvl = int(ilvl_text) if ilvl_text else style_ilvl
        else:
            ilvl = int(ilvl_text) if ilvl_text else 0
        if num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counts.setdefault(abstract_id, [0] * 10)
        if num_id not in self.started and overrides:
            # A list instance with a start override restarts its numbering.
            for level, start in overrides.items():
                if level < len(counts):
                    counts[level] = start - 1
        self.started.add(num_id)
        start, fmt, text = levels[ilvl]
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else start
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        if fmt in ("bullet", "none"):
            return ""

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_start, level_fmt, _ = levels.get(level, (1, "decimal", ""))
            return format_number(counts[level] or level_start, level_fmt)

        return _LEVEL_REF.sub(render, text)


def _numbering_root(document: Any) -> Any:
    """The numbering part's root element, or None (reading must not create one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        return None


def with_label(label: str, text: str, alone: bool = False) -> str:
    """The paragraph text with its list label in front, spaced the way a reader expects; with
    `alone` (a table cell), an empty paragraph shows its bare number (1. → 1), as 序号 cells do."""
    if not label:
        return text
    if not text.strip():
        return label.strip().rstrip("、.．:：") if alone else text
    if label[-1] in "、.．)）:：" or label[-1].isspace():
        return label + text.lstrip()
    return f"{label} {text.lstrip()}"
