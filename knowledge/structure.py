"""Structure: the heading tree from the numbering plans use.

Numbering styles recognised: 第一部分/第一篇, 第一章, 第一节, 第一条 with a caption (第一条【宗旨】,
第一条（目的）; an article whose text follows its number is no heading) (Chinese or Arabic numerals),
一、, （一）, 1. / 1、, （1）, ①, plus 专栏N boxes, unnumbered headings (前言, 名词解释 …) and
attachment markers (附件, 附录, 附表). Levels are not fixed per style: a style's rank is the
order in which it first appears in the document (only 部分/篇 > 章 > 节 is fixed, because the
words say so), and a heading's level is its depth among the open headings of higher rank.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from knowledge.doctext import DocText
from knowledge.models import Document, Section
from knowledge.wordlists import alternation

_CN = "零〇一二三四五六七八九十百两"
_NUM = rf"(?:[{_CN}]+|\d{{1,3}})"

# Styles in the order of the 第… family; other styles rank by first appearance.
_DI_FAMILY = ("part", "chapter", "section", "article")

# (style, pattern): group "num" is the number as written, group "rest" the text after it.
_NUMBERED: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^(?P<num>第\s*{_NUM}\s*(?:部分|篇))\s*[:：、.．]?\s*(?P<rest>.*)$")),
    ("chapter", re.compile(rf"^(?P<num>第\s*{_NUM}\s*章)\s*[:：、.．]?\s*(?P<rest>.*)$")),
    ("section", re.compile(rf"^(?P<num>第\s*{_NUM}\s*节)\s*[:：、.．]?\s*(?P<rest>.*)$")),
    ("article", re.compile(rf"^(?P<num>第\s*{_NUM}\s*条)\s*(?P<rest>.*)$")),
    ("cn_list", re.compile(rf"^(?P<num>[{_CN}]{{1,3}}\s*[、．.])\s*(?P<rest>.*)$")),
    ("paren_cn", re.compile(rf"^(?P<num>[（(]\s*[{_CN}]{{1,3}}\s*[)）])\s*[、.．]?\s*(?P<rest>.*)$")),
    ("arabic", re.compile(r"^(?P<num>\d{1,2}\s*(?:[.．](?!\d)|、))\s*(?P<rest>.*)$")),
    ("paren_arabic", re.compile(r"^(?P<num>[（(]\s*\d{1,2}\s*[)）])\s*(?P<rest>.*)$")),
    ("circled", re.compile(r"^(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(?P<rest>.*)$")),
]

# A box (专栏3 …): sits inside whatever section is open, outside the numbering hierarchy.
_BOX = re.compile(rf"^(?P<num>专栏\s*{_NUM}?)\s*[:：、.．]?\s*(?P<rest>.*)$")

# Unnumbered headings: words that head a part of a plan on a line of their own.
_UNNUMBERED = re.compile(
    r"^(?:附\s*[:：]?\s*)?(?P<word>前\s*言|序\s*言|引\s*言|导\s*言|绪\s*论|总\s*则|结\s*束\s*语|结\s*语|"
    r"后\s*记|名\s*词\s*解\s*释|名\s*词\s*注\s*释|术\s*语\s*解\s*释|注\s*释|注\s*解|编\s*制\s*说\s*明)"
    r"\s*[:：]?$"
)
# Decoration around a heading of its own: ※名词解释※, 【名词解释】, ——名词解释——, ★ 注释 ★.
_DECORATION = "※★☆◆◇■□●○▲△▼◎【】〖〗[]〔〕—－-=*#＊·•"
_DECORATION_START = frozenset(_DECORATION)
_DECORATED = re.compile(rf"^[{re.escape(_DECORATION)}\s]+|[{re.escape(_DECORATION)}\s]+$")


def undecorated(text: str) -> str:
    """A short heading line without the symbols around it (※名词解释※ → 名词解释)."""
    return _DECORATED.sub("", text.strip())


# Attachment markers start a new part with its own numbering (附件, 附件2：…, 附录一).
_ATTACHMENT = re.compile(rf"^(?P<num>(?:附\s*件|附\s*录|附\s*表)\s*{_NUM}?)\s*[:：]?\s*(?P<rest>.*)$")

# A table of contents: its heading, and entries that end in leader dots and/or a page number.
_TOC_HEADING = re.compile(r"^目\s*录\s*[:：]?$")
_TOC_PAGE = re.compile(r"(?:[.．…·]{2,}\s*|\s{2,}|\t)\d{1,3}$|[.．…·]{3,}$")
_TOC_END = frozenset("0123456789.．…·")

_SENTENCE_END = re.compile(r"[。；;！!？?]")
_CLAUSE = re.compile(r"[，,：:]")

# Length limits for a heading's title, by style (a longer line is prose, not a heading).
_MAX_TITLE = {"part": 40, "chapter": 40, "section": 40, "article": 40, "cn_list": 60, "paren_cn": 60,
              "arabic": 25, "paren_arabic": 25, "circled": 25}
# Styles whose heading may run on into body text on the same line: （一）加强领导。正文……
_INLINE_OK = {"part", "chapter", "section", "cn_list", "paren_cn"}
_MAX_INLINE_TITLE = 40  # 坚持稳中求进，经济运行回升向好。… is a heading with its body
_MAX_COLON_LEAD = 20


@dataclass
class _Heading:
    line: int
    style: str  # a numbering style, "box", "unnumbered" or "attachment"
    number: str | None
    title: str


def _clean_title(text: str) -> str:
    """A title without surrounding blanks, a trailing colon, or runs of spaces."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.rstrip(":：").strip()


# An article's caption: 第四条【支持…】, 第一条（目的和依据）, 第二条 〔适用范围〕; its text may follow.
_CAPTION = re.compile(r"^\s*(?:【(?P<a>[^【】]{1,40})】|〔(?P<b>[^〔〕]{1,40})〕|［(?P<c>[^［］]{1,40})］|"
                      r"\[(?P<d>[^\[\]]{1,40})\]|[（(](?P<e>[^（）()。，；]{1,20})[)）])")
_MAX_CAPTION = 12  # 第一条 宗旨: an article's caption without brackets, on a line of its own


def _article_title(rest: str) -> str | None:
    """An article's caption (第四条【caption】 or 第一条 caption alone on its line); None for an
    article whose text follows its number (第一条 为了…): its words are no heading."""
    m = _CAPTION.match(rest)
    if m:
        caption = _clean_title(next(g for g in m.groups() if g))
        return None if re.fullmatch(rf"[{_CN}\d]+", caption) else caption  # 第三条（一）…: an item
    if rest.rstrip().endswith((":", "：")):
        return None  # 第十五条 运输建筑垃圾应遵守下列规定：… a lead-in to its list
    rest = _clean_title(rest)
    if rest and len(rest) <= _MAX_CAPTION and not re.search(r"[，,。；;：:、！？]", rest):
        return rest
    return None


def _title_of(style: str, rest: str) -> str | None:
    """The heading title in `rest` (the text after the number), or None when it reads as prose."""
    if style == "article":
        return _article_title(rest)
    lead_in = rest.rstrip().endswith((":", "："))
    rest = _clean_title(rest)
    if not rest:
        return ""
    limit = _MAX_TITLE[style]
    if not _SENTENCE_END.search(rest):
        if len(rest) > limit or (lead_in and style not in _INLINE_OK):
            return None
        if style in ("arabic", "paren_arabic", "circled") and _CLAUSE.search(rest):
            return None  # a numbered list item with clauses, not a heading
        return rest
    if style not in _INLINE_OK:
        return None
    return _inline_lead(rest)


def _inline_lead(rest: str) -> str | None:
    """The lead phrase of a heading run on into body text: 强化组织领导。… or 总体目标：…"""
    m = re.match(r"^(?P<lead>[^。；;！!？?:：]+)(?P<sep>[。；;！!？?:：])", rest)
    if not m:
        return None
    lead = m.group("lead").strip()
    if m.group("sep") in "；;" or (lead.endswith("的") and m.group("sep") in "。"):
        return None  # （三）擅自设立弃置场受纳建筑垃圾的；: an item of a list of cases, not a heading
    if m.group("sep") in ":：":
        ok = len(lead) <= _MAX_COLON_LEAD and not _CLAUSE.search(lead)
    else:
        ok = len(lead) <= _MAX_INLINE_TITLE
    return lead if lead and ok else None


def _looks_like_title_line(text: str) -> bool:
    """A short line without sentence punctuation that can carry a heading's title."""
    return bool(text) and len(text) <= 40 and not _SENTENCE_END.search(text) and not _match_numbered(text)


def _match_numbered(text: str) -> tuple[str, re.Match[str]] | None:
    for style, pattern in _NUMBERED:
        m = pattern.match(text)
        if m:
            return style, m
    return None


def _normalise(text: str) -> str:
    """NFKC for matching only (full-width digits and brackets); titles keep the original text."""
    return unicodedata.normalize("NFKC", text)


def find_headings(text: DocText) -> list[_Heading]:
    """Every line that reads as a heading, with its style, number as written and title."""
    found = _candidates(text) + _plain_headings(text)
    found.sort(key=lambda h: h.line)
    return _drop_toc(found, text)


# Headings without a number (总体要求 / 重点整治内容 / 工作安排): a short line of words that ends in a
# heading word (data/heading_ends.txt), between a paragraph and its body. Taken only when a
# document has several, so a stray short line is no heading.
# A year may lead it (2023年工作回顾 / 2024年工作安排: the parts of a work report).
_PLAIN = re.compile(r"^(?:(?:19|20)\d{2}\s*年(?:度)?)?[\u4e00-\u9fff“”]{2,12}$")
_PLAIN_END = re.compile(rf"(?:{alternation('heading_ends')})$")
_MIN_PLAIN = 2


def _plain_headings(text: DocText) -> list[_Heading]:
    """Unnumbered headings made of plain words, when a document uses several of them."""
    content = list(text.content())
    found = []
    for k, (line, raw) in enumerate(content):
        if k == 0 or k + 1 >= len(content) or not _PLAIN.match(raw) or not _PLAIN_END.search(raw):
            continue
        if _match_numbered(raw) or _UNNUMBERED.match(raw):
            continue
        before, after = content[k - 1][1], content[k + 1][1]
        if not before.endswith(("。", "！", "；")) or not (_is_prose(after) or _match_numbered(after)):
            continue
        found.append(_Heading(line, "plain", None, raw))
    return found if len(found) >= _MIN_PLAIN else []


def _drop_toc(found: list[_Heading], text: DocText) -> list[_Heading]:
    """The headings without the entries of a table of contents (目录), which repeat the real ones.

    Between a 目录 line and the first body text, a heading is a contents entry when the same
    number and title come again further down.
    """
    toc_start = next((n for n, t in text.content() if _TOC_HEADING.match(t)), None)
    if toc_start is None:
        return found
    body = next((n for n, t in text.content() if n > toc_start and _is_prose(t)), None)
    labels = [re.sub(r"\s+", "", _label(h.number, h.title)) for h in found]
    kept = []
    for k, h in enumerate(found):
        in_toc_span = toc_start < h.line and (body is None or h.line < body)
        if in_toc_span and labels[k] in labels[k + 1:]:
            continue
        kept.append(h)
    return kept


def _is_prose(text: str) -> bool:
    """A body-text line: long, or a sentence."""
    return len(text) > 60 or bool(_SENTENCE_END.search(text))


# Characters a heading line can start with; other lines are skipped without running the patterns.
_HEADING_START = frozenset(
    "第" + _CN + "（(0123456789０１２３４５６７８９①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳专附"
    + "前序引导绪总结后名术注编"
)


def _candidates(text: DocText) -> list[_Heading]:
    """Heading candidates line by line (table-of-contents entries with page numbers left out)."""
    content = list(text.content())
    found: list[_Heading] = []
    for k, (line, raw) in enumerate(content):
        if raw[0] not in _HEADING_START and raw[0] not in _DECORATION_START:
            continue
        nxt = content[k + 1][1] if k + 1 < len(content) else ""
        if len(raw) <= 24:
            m = _UNNUMBERED.match(undecorated(_normalise(raw)))
            if m:
                found.append(_Heading(line, "unnumbered", None, re.sub(r"\s+", "", m.group("word"))))
                continue
        m = _ATTACHMENT.match(raw)
        if m and not _SENTENCE_END.search(m.group("rest")) and len(m.group("rest")) <= 40:
            attached = _clean_title(m.group("rest"))
            if not attached and _looks_like_title_line(nxt):
                attached = _clean_title(nxt)
            found.append(_Heading(line, "attachment", re.sub(r"\s+", "", m.group("num")), attached))
            continue
        m = _BOX.match(raw)
        if m and not _SENTENCE_END.search(m.group("rest")) and len(m.group("rest")) <= 60:
            found.append(_Heading(line, "box", re.sub(r"\s+", "", m.group("num")),
                                  _clean_title(m.group("rest"))))
            continue
        hit = _match_numbered(raw)
        if hit is None:
            continue
        if raw[-1] in _TOC_END and _TOC_PAGE.search(raw):
            continue  # a contents entry (第一章 总则……3): the heading is where its text is
        style, m = hit
        title = _title_of(style, m.group("rest"))
        if title is None:
            continue
        if not title:
            # The number alone on its line: the title is the next line, if it reads as one.
            if style not in _INLINE_OK or not _looks_like_title_line(nxt):
                continue
            title = _clean_title(nxt)
        found.append(_Heading(line, style, re.sub(r"\s+", "", m.group("num")), title))
    return found


def _rank_insert(order: list[str], style: str) -> None:
    """Add `style` to the rank order: appended, except that 部分/篇 > 章 > 节 hold among themselves."""
    if style in _DI_FAMILY:
        mine = _DI_FAMILY.index(style)
        for pos, other in enumerate(order):
            if other in _DI_FAMILY and _DI_FAMILY.index(other) > mine:
                order.insert(pos, style)
                return
    order.append(style)


def _label(number: str | None, title: str) -> str:
    """"number title" for citations (no space after a number that ends in punctuation)."""
    if not number:
        return title
    if not title:
        return number
    sep = "" if number[-1] in "、.．)）" else " "
    return f"{number}{sep}{title}"


def parse_sections(doc: Document, text: DocText) -> list[Section]:
    """The document's headings with levels, parents and citation paths, in line order."""
    sections: list[Section] = []
    order: list[str] = []  # numbering styles by rank, from first appearance
    stack: list[tuple[str, Section]] = []  # open numbered headings, outermost first
    part: Section | None = None  # the open attachment, if any

    def add(h: _Heading, level: int, parent: Section | None) -> Section:
        sec = Section(
            id=f"{doc.id}-S{h.line}", doc=doc.file, number=h.number, title=h.title or (h.number or ""),
            level=level, line=h.line, parent=parent.id if parent else None,
            path=[*(parent.path if parent else []), _label(h.number, h.title)],
        )
        sections.append(sec)
        return sec

    for h in find_headings(text):
        if h.style == "attachment":
            # An attachment is a new document: its numbering ranks afresh, under the marker.
            order, stack = [], []
            part = add(h, 0, None)
        elif h.style == "unnumbered":
            stack = []
            add(h, 1, part)
        elif h.style == "box":
            parent = stack[-1][1] if stack else part
            add(h, (parent.level + 1) if parent else 1, parent)
        else:
            if h.style not in order:
                _rank_insert(order, h.style)
            rank = order.index(h.style)
            while stack and order.index(stack[-1][0]) >= rank:
                stack.pop()
            parent = stack[-1][1] if stack else part
            sec = add(h, len(stack) + 1, parent)
            stack.append((h.style, sec))
    _set_end_lines(sections, text)
    return sections


def _set_end_lines(sections: list[Section], text: DocText) -> None:
    """Each section ends at the last content line before the next heading at its level or above.

    A box (专栏) ends before the next heading of any level.
    """
    content_lines = [n for n, _ in text.content()]
    last = content_lines[-1] if content_lines else 0
    for k, sec in enumerate(sections):
        boxed = sec.number is not None and sec.number.startswith("专栏")
        stop = next((o.line for o in sections[k + 1:] if boxed or o.level <= sec.level), last + 1)
        # The last content line before `stop` (and not before the heading itself).
        pos = bisect.bisect_left(content_lines, stop) - 1
        sec.end_line = max(sec.line, content_lines[pos]) if pos >= 0 else sec.line


def section_at(sections: list[Section], line: int) -> Section | None:
    """The innermost section whose heading precedes `line` (sections in line order)."""
    found: Section | None = None
    fallback: Section | None = None
    for section in sections:
        if section.line > line:
            break
        fallback = section
        if section.end_line is None or line <= section.end_line:
            found = section
    return found or fallback
