"""Passages: every paragraph of running text cut into one to a few sentences, each with its source.

Typed items (indicators, tasks, sections, terms) cover what the extractors recognise; passages
cover everything else a plan says (project names, slogans, places inside paragraphs), so the
search can answer from any sentence and quote it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from knowledge.models import Document, Passage, Section

# A passage is cut after a sentence end; sentences are packed until a passage holds about
# PACK_CHARS characters, and never more than MAX_CHARS (a longer sentence is cut at a comma).
PACK_CHARS = 90
MAX_CHARS = 300
_SENTENCE_END = re.compile(r"[。；！？;!?]+[”’」）)]*")
# A numbered clause inside a line starts a new sentence: （一） (1) 1． ① 一是 二是 …
_CLAUSE = re.compile(r"(?<=[，,：:\s])(?=(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳]|"
                     r"[一二三四五六七八九十]是))")
_COMMA = re.compile(r"[，,、]")
# A line with fewer Chinese characters than this is a table cell or a number, not running text.
MIN_HAN = 4
_OPENS_LIST = ("：", ":")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Spaces and punctuation, left out when a line is compared with the title.
_MARKS = re.compile(r"[\s\W_]+")


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) of a line, cut after sentence ends and before numbered clauses."""
    cuts = {0, len(text)}
    cuts.update(m.end() for m in _SENTENCE_END.finditer(text))
    cuts.update(m.start() for m in _CLAUSE.finditer(text))
    bounds = sorted(cuts)
    out: list[tuple[int, str]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        piece = text[start:end]
        if piece.strip():
            out.extend(_cut_long(start, piece))
    return out


def _cut_long(offset: int, piece: str) -> list[tuple[int, str]]:
    """A sentence longer than MAX_CHARS, cut at the last comma before the limit (or at the limit)."""
    out: list[tuple[int, str]] = []
    while len(piece) > MAX_CHARS:
        commas = [m.end() for m in _COMMA.finditer(piece, 0, MAX_CHARS)]
        cut = commas[-1] if commas and commas[-1] > MAX_CHARS // 3 else MAX_CHARS
        out.append((offset, piece[:cut]))
        offset, piece = offset + cut, piece[cut:]
    out.append((offset, piece))
    return out


def pack(line: str) -> list[tuple[int, str]]:
    """(offset, text) of the passages of one line: sentences packed to about PACK_CHARS."""
    out: list[tuple[int, str]] = []
    start, buf = 0, ""
    for offset, sentence in sentences(line):
        if buf and (len(buf) >= PACK_CHARS or len(buf) + len(sentence) > MAX_CHARS):
            out.append((start, buf))
            buf = ""
        if not buf:
            start = offset
        buf += sentence
    if buf.strip():
        out.append((start, buf))
    # Leading blanks are not part of the passage; its offset moves with them.
    return [(o + len(t) - len(t.lstrip()), t.strip()) for o, t in out if t.strip()]


def _is_heading_line(text: str, section: Section | None) -> bool:
    """A line that is only a heading (its title and little more): the section already covers it."""
    return section is not None and len(text) <= len(section.title) + len(section.number or "") + 6


def _bare(text: str) -> str:
    return _MARKS.sub("", text)


def extract_passages(doc_id: str, file: str, lines: list[tuple[int, str]],
                     sections: list[Section], title: str = "") -> list[Passage]:
    """The passages of one document from its (line number, text) content lines and its sections;
    a line that only repeats the document's title says nothing and is no passage."""
    title = _bare(title)
    ordered = sorted(sections, key=lambda s: (s.line, s.offset))
    starts = [s.line for s in ordered]
    heading_at = {s.line: s for s in ordered if s.offset == 0}
    out: list[Passage] = []
    # A passage ending in a colon (应符合下列规定：) introduces the lines after it: they are added
    # to it (and keep their own passages) while it stays within MAX_CHARS.
    opener: Passage | None = None
    for number, text in lines:
        if opener is not None:
            # The items may be headings of their own ((一) …): they still belong to the list.
            if len(opener.text) + len(text) <= MAX_CHARS:
                opener.text += text
            else:
                opener = None
        if _is_heading_line(text, heading_at.get(number)):
            continue
        if len(_HAN.findall(text)) < MIN_HAN or (title and _bare(text) == title):
            continue
        k = bisect_right(starts, number) - 1
        section = ordered[k].id if k >= 0 else None
        for offset, piece in pack(text):
            out.append(Passage(id=f"P{doc_id[1:]}-{len(out) + 1}", doc=file, section=section,
                               line=number, text=piece, offset=offset, para=number))
        if out and out[-1].line == number and out[-1].text.endswith(_OPENS_LIST):
            opener = out[-1]
    return out


def date_passage(doc: Document, lines: list[str], made: list[Passage]) -> list[Passage]:
    """The line a document's date is written on (发布日期: 2021-08-27, 2024年1月10日在…会议上) as a
    passage of its own when no passage holds it (a web page's header line is no running text): so
    "这份规划哪天发布的" is answered from a line of the document, with its source."""
    if not doc.date_line or not 0 < doc.date_line <= len(lines) or any(p.line == doc.date_line for p in made):
        return []
    said = " ".join(lines[doc.date_line - 1].split())
    return [Passage(id=f"P{doc.id[1:]}-date", doc=doc.file, line=doc.date_line, text=said, para=doc.date_line)] \
        if said else []
