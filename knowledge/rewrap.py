"""Hard-wrapped text: lines broken at a fixed width (text copied out of a PDF), rejoined.

A .txt taken from a PDF, or a PDF whose lines the reader could not rejoin, breaks every line
near the page width — inside numbers and headings (增长6.5%⏎左右) — and carries the page
numbers (— 1 —) as lines of their own. Such a document is recognised by the shape of its
lines, not by any word: most of its long lines end within a few characters of one width
without sentence punctuation, and hardly any line is wider than that width. Its lines are
then joined back into paragraphs before structure runs: a line that reaches the width goes
on in the next one, unless it ends a sentence and the next line opens a numbered item or is
indented (when only paragraphs' first lines are).
Every paragraph keeps where each of its parts came from (source line and offset), so an item
found in it is cited at its first source line. Documents whose lines are real paragraphs are
left exactly as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# The wrap width is looked for among lines at least this wide (display columns: a Han
# character counts 2) and at most this wide (a page holds about 100 Han characters).
_MIN_WIDTH = 30
_MAX_WIDTH = 200
# A line reaches the width when it is at most this many columns short of it.
_SLACK = 6
# A line ending without sentence punctuation this close to the width goes on as well (CJK
# wrapping moves an unbreakable run — 1680个；, “…” — to the next line and leaves a gap).
_NEAR_SHARE = 0.7
# How much of the document must look wrapped, and how little may be wider than the width.
_MIN_WRAPPED = 10
_WRAPPED_SHARE = 0.3
_WIDER_SHARE = 0.02
# Blank lines between most lines are the copy's spacing, not paragraph breaks.
_BLANK_NOISE = 0.6

_SENTENCE_END = tuple("。！？；：!?;:…")
# A numbered item opening a line: 第一章, 一、, （一）, 1．/1、 (not 1.5), (1), ①, 一是.
_MARKER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[一二三四五六七八九十]+[、．]|"
    r"[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[．.、](?!\d)|[①-⑳]|[一二三四五六七八九十]是)"
)
# A page number on a line of its own: — 1 —, - 1 -, — 23 (the last one cut), 第1页, 第 1 页 共 12 页, 1/12.
_PUNCTUATION_END = re.compile(r"[^\w%％]$")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|[-—–－]+\s+\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
                          r"\d{1,4}\s*/\s*\d{1,4})$")
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
# A row of a table laid out in columns (序号  任务  责任单位): runs of blanks between cells. Such a
# line is never joined to another.
_COLUMNS = re.compile(r"\S(?:[ \u3000]{2,}|\t)\S")


# East Asian wide and full-width characters (Unicode's W and F classes, the ranges text uses).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
                   "\U00020000-\U0003fffd]")


def width(text: str) -> int:
    """Display columns of a text: Han characters and full-width forms count 2, others 1."""
    return 2 * len(text) - len(_WIDE.sub("", text))


@dataclass(frozen=True)
class Joined:
    """A paragraph rejoined from source lines: its text and where each part came from,
    as (position in text, source line, offset in that line)."""

    text: str
    parts: tuple[tuple[int, int, int], ...]

    def origin(self, position: int) -> tuple[int, int]:
        """The source line and offset of a position in the text."""
        at, line, offset = self.parts[0]
        for start, ln, off in self.parts:
            if start > position:
                break
            at, line, offset = start, ln, off
        return line, offset + position - at


def wrap_width(lines: list[str]) -> int | None:
    """The width a document's lines were broken at, or None when its lines are real lines."""
    texts = [t for t in (line.strip() for line in lines) if t]
    # Cheap first look: wrapped lines are many and end without sentence punctuation.
    # (a wrapped line has at least (_MIN_WIDTH - _SLACK) / 2 characters; page numbers count here)
    open_ended = sum(1 for t in texts if (_MIN_WIDTH - _SLACK) // 2 <= len(t) <= _MAX_WIDTH
                     and not t.endswith(_SENTENCE_END))
    if open_ended < max(_MIN_WRAPPED, 0.8 * _WRAPPED_SHARE * len(texts)):
        return None
    texts = [t for t in texts if not _PAGE_NUMBER.match(t)]
    # A line of more than _MAX_WIDTH characters is wider than any page: no need to measure it.
    widths = [width(t) if len(t) <= _MAX_WIDTH else 2 * len(t) for t in texts]
    long = [w for w in widths if _MIN_WIDTH <= w <= _MAX_WIDTH]
    if len(long) < _MIN_WRAPPED:
        return None
    bucket, _count = Counter(w // 4 for w in long).most_common(1)[0]
    edge = max(w for w in long if w // 4 == bucket)
    wrapped = sum(1 for t, w in zip(texts, widths, strict=True)
                  if edge - _SLACK <= w <= edge + 1 and not t.endswith(_SENTENCE_END) and not _COLUMNS.search(t))
    wider = sum(1 for w in widths if w > edge + _SLACK)
    if wrapped < _MIN_WRAPPED or wrapped < _WRAPPED_SHARE * len(widths) or wider > _WIDER_SHARE * len(widths):
        return None
    return edge


def _goes_on(text: str, edge: int) -> bool:
    """Whether a line runs on into the next one (it reaches, or nearly reaches, the width)."""
    w = width(text)
    return w >= edge - _SLACK or (w >= _NEAR_SHARE * edge and not text.endswith(_SENTENCE_END))


# A paragraph's first line indented by two characters (　　 or spaces); fewer than this share of
# lines indented means the indents mark paragraphs.
_INDENT = 2
_INDENT_SHARE = 0.5


def _indent(raw: str) -> int:
    """Leading blank characters, an ideographic space counting as two."""
    lead = raw[: len(raw) - len(raw.lstrip())]
    return len(lead) + lead.count("\u3000")


def rejoin(lines: list[str]) -> list[Joined] | None:
    """The paragraphs of a hard-wrapped document (page numbers dropped), or None when the
    document's lines are real lines."""
    edge = wrap_width(lines)
    if edge is None:
        return None
    nonblank = [k for k, t in enumerate(lines) if t.strip()]
    gaps = sum(1 for a, b in zip(nonblank, nonblank[1:], strict=False) if b > a + 1)
    blanks_break = gaps < _BLANK_NOISE * max(len(nonblank) - 1, 1)
    # An indent opens a paragraph when only some lines have one (the first lines of paragraphs).
    indented = sum(1 for k in nonblank if _indent(lines[k]) >= _INDENT)
    indent_breaks = 0 < indented < _INDENT_SHARE * len(nonblank)
    out: list[Joined] = []
    text, parts = "", []
    open_line = False  # the paragraph so far runs on into the next line
    last = -1
    for k in nonblank:
        raw = lines[k]
        stripped = raw.strip()
        if _PAGE_NUMBER.match(stripped) or (open_line and _BARE_NUMBER.match(stripped)):
            last = k  # a page number, also one a page break leaves inside a paragraph: no break
            continue
        lead = len(raw) - len(raw.lstrip())
        starts_item = bool(_MARKER.match(stripped)) or bool(_COLUMNS.search(stripped))
        joins = open_line and not (blanks_break and k > last + 1) and not (
            starts_item and text.endswith(_SENTENCE_END)) and not (
            indent_breaks and _indent(raw) >= _INDENT and text.endswith(_SENTENCE_END))
        if joins:
            parts.append((len(text), k + 1, lead))
            text += stripped
        else:
            if text:
                out.append(Joined(text, tuple(parts)))
            text, parts = stripped, [(0, k + 1, lead)]
        # A line inside a paragraph that ends on no punctuation at all is cut mid-sentence
        # (全市PM2.5⏎平均浓度…: a line the PDF set short), so the paragraph goes on.
        open_line = not _COLUMNS.search(stripped) and (
            _goes_on(stripped, edge) or (joins and not _PUNCTUATION_END.search(stripped)))
        last = k
    if text:
        out.append(Joined(text, tuple(parts)))
    return out
