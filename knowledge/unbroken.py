"""Unbroken text: a line whose line breaks were removed, cut back into logical lines.

A web page scraped without its line breaks holds a whole document on one line:
    …请认真贯彻落实。某某市人民政府办公室2022年11月21日某某管理办法第一章　总则第一条　为…
Before anything else runs, such a line is cut where the document's own structure starts a
new line (a rule table, `_BREAKS` below):
- a numbering marker (第一章, 第一节, 第一条, 一、, （一）, 1．, (1), ①) after a sentence end, after
  a bracketed note that follows one, or after a short title (一、总体要求（一）…), when its number
  continues the count of its style (一 after nothing, 二 after 一 …);
- a run-on heading's title before its body (一、总体要求坚持以… → 一、总体要求 | 坚持以…): the title
  ends at a heading word (data/heading_ends.txt) followed by a body opener (data/body_openers.txt);
- a signature block (issuer and date) after a sentence end, and the title that follows it;
- web leftovers: links to files ((/path/x.pdf)), 相关附件：, the QR-code widget.
Every logical line keeps its source line and the offset where it starts in that line, so an
item found in it can be cited (line) and quoted (offset). Lines that are not unbroken, and all
lines of a normal document, are left exactly as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.wordlists import alternation, words

# A line is unbroken text when it is this long and at least _MIN_BREAKS structural breaks
# cut it, and it is long for its document (so a long paragraph of a normal plan stays whole).
_MIN_LENGTH = 200
_MIN_BREAKS = 2
_LONG = 1500
_SHARE = 0.3

_SENTENCE_END = "。；;！!？?：:"
_OPEN = "（(《“〔【「‘"
_CLOSE = "）)》”〕】」’"
_PAIR = dict(zip(_CLOSE, _OPEN, strict=True))
_CN = "一二三四五六七八九十百零〇两"
_CN_DIGITS = set(_CN)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# Numbering markers: (style, pattern); group "n" is the number.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("di", re.compile(rf"第\s*(?P<n>[{_CN}]{{1,5}}|\d{{1,3}})\s*(?P<kind>部分|篇|章|节|条)")),
    ("cn_list", re.compile(rf"(?P<n>[{_CN}]{{1,3}})\s*(?:、|．(?!\d))")),
    ("paren_cn", re.compile(rf"[（(]\s*(?P<n>[{_CN}]{{1,3}})\s*[)）]")),
    ("arabic", re.compile(r"(?P<n>\d{1,2})\s*(?:[．.](?![\d.])|、(?!\d))")),
    ("paren_arabic", re.compile(r"[（(]\s*(?P<n>\d{1,2})\s*[)）]")),
    ("circled", re.compile(rf"(?P<n>[{_CIRCLED}])")),
]
_MARKER_START = set("第（(" + _CN + "0123456789" + _CIRCLED)

# A title (text without clause punctuation) this short may run straight into a marker.
_TITLE_RUN = 40
_CLAUSE = re.compile(r"[。；;！!？?，,：:]")

_ORGAN = ("人民政府|人民政府办公室|人民政府办公厅|政府办公室|政府|办公室|办公厅|委员会|管委会|管理委员会|办事处|"
          "党工委|指挥部|领导小组|局|委|厅|办|中心")
_DATE = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
# A signature block: an issuer whose name ends in an organ, then the date, nothing between.
_SIGNATURE = re.compile(rf"(?P<org>[\u4e00-\u9fff（）()]{{1,40}}?(?:{_ORGAN}))\s*(?P<date>{_DATE})")
_DATE_AFTER_ORGAN = re.compile(rf"(?<=[府室厅会处委局办心组部])\s*{_DATE}")
# What follows a date that is no signature: 自2022年8月1日起施行, 2018年9月13日发布的….
_DATE_GOES_ON = re.compile(r"^\s*(?:起|前|以|至|到|后|内|止|发布|印发|施行|实施|执行|出台|召开|的|，|,|、)")
# The addressees a notice opens with (各县（区）人民政府，市直各部门：): a line of their own.
_ADDRESSEES = re.compile(r"^各[^。；;：:]{2,150}?(?:政府|管委会|部门|单位|机构|企业|委员会|街道|乡镇|村|社区|学校)\s*[:：]")
# A glossary heading in any decoration (※名词解释※, 【名词解释】, 附：名词解释): a line of its own.
_GLOSSARY = re.compile(r"(?:附\s*[:：]\s*)?[※★☆【\[〔（(]?\s*(?:名\s*词\s*解\s*释|名词注释|术语解释|名词释义)\s*"
                       r"[※★☆】\]〕）)]?\s*[:：]?")
# Web leftovers that start a logical line of their own.
# An unnumbered part heading led by its year (2023年工作回顾, 2024年工作安排建议), glued to the
# sentences around it; what follows must be text, not punctuation (2024年工作安排，… is a sentence).
_YEAR_PART = re.compile(r"(?:19|20)\d{2}\s*年(?:政府)?(?:工作回顾|工作安排(?:建议)?|工作总结|工作计划|工作要点|"
                        r"主要工作|重点工作|工作任务)(?=[^\s，,。；;：:、）)])")
_LINK = re.compile(r"\((?:/|https?://)[^()\s]{3,300}\)")
_LEFTOVER = re.compile(r"相关附件\s*[:：]|二维码|扫一扫在手机")


@dataclass(frozen=True)
class Piece:
    """A logical line: its text, the source line it comes from and where it starts there."""

    line: int
    offset: int
    text: str


class _Scan:
    """One pass over an unbroken line, collecting the offsets where logical lines start."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks: set[int] = set()
        self.start = 0  # where the current logical line starts
        self.last: dict[str, int] = {}  # last number seen per numbering style
        self.opener: dict[int, int] = {}  # closing bracket position -> its opening position
        self.structural = 0  # breaks from markers and signatures (not from leftovers)

    def cut(self, at: int, structural: bool = False) -> None:
        if 0 < at < len(self.text) and at not in self.breaks:
            self.breaks.add(at)
            self.structural += structural
        self.start = max(self.start, at)

    def after_sentence(self, at: int) -> bool:
        """Whether `at` follows a sentence end (or a bracketed note right after one), or starts a line."""
        if at <= self.start:
            return True
        while at - 1 > self.start and self.text[at - 1] in " \u3000\t":
            at -= 1  # 。 二、…: the spaces a copied page keeps between sentences
        before = self.text[at - 1]
        if before in _SENTENCE_END:
            return True
        if before in _PAIR and at - 1 in self.opener:
            q = self.opener[at - 1]
            return q <= self.start or self.text[q - 1] in _SENTENCE_END
        return False

    def after_title(self, at: int) -> bool:
        """Whether the logical line so far is a short title without clause punctuation."""
        run = self.text[self.start:at]
        body = _strip_marker(run)
        return 0 < len(body) <= _TITLE_RUN and not _CLAUSE.search(body)


def _strip_marker(run: str) -> str:
    for _style, pattern in _MARKERS:
        m = pattern.match(run)
        if m:
            return run[m.end():]
    return run


def _number(m: re.Match[str], style: str) -> int | None:
    raw = m["n"]
    if style == "circled":
        return _CIRCLED.index(raw) + 1
    if raw.isdigit():
        return int(raw)
    import cn2an

    try:
        return int(cn2an.cn2an(raw.replace("两", "二"), "smart"))
    except (ValueError, KeyError):
        return None


def _marker_at(scan: _Scan, at: int) -> tuple[str, int, re.Match[str]] | None:
    """The numbering marker starting at `at` that can open a logical line, if any."""
    text = scan.text
    if text[at] not in _MARKER_START:
        return None
    before = text[at - 1] if at else ""
    for style, pattern in _MARKERS:
        m = pattern.match(text, at)
        if not m:
            continue
        if style in ("arabic",) and before.isdigit():
            return None  # 12. is not 2.
        if style == "cn_list" and before in _CN_DIGITS:
            return None  # 十一、 is matched where it starts
        n = _number(m, style)
        key = f"di:{m['kind']}" if style == "di" else style
        if n is None:
            return None
        if n != 1 and scan.last.get(key) != n - 1:
            return None  # 第十条规定 inside a sentence, or 三、 without 二、 before it
        return key, n, m
    return None


def split_offsets(text: str) -> tuple[list[int], int]:
    """Where the logical lines of an unbroken line start (0 first), and how many structural breaks."""
    scan = _Scan(text)
    stack: list[int] = []
    signature_ends = _signature_ends(text)
    at = 0
    addressees = _ADDRESSEES.match(text)
    if addressees:
        scan.cut(addressees.end())
        at = addressees.end()
    while at < len(text):
        ch = text[at]
        if not stack:
            link = _LINK.match(text, at) if ch == "(" else None
            if link:
                scan.cut(at)
                scan.cut(link.end())
                at = link.end()
                continue
            if ch in "相二扫" and _LEFTOVER.match(text, at):
                scan.cut(at)
            glossary = _GLOSSARY.match(text, at) if ch in "附※★☆【[〔（(名术" else None
            if glossary and scan.after_sentence(at):
                scan.cut(at, structural=True)
                scan.cut(glossary.end())
                at = glossary.end()
                continue
            hit = _marker_at(scan, at)
            if hit and (scan.after_sentence(at) or scan.after_title(at)):
                key, n, m = hit
                scan.cut(at, structural=True)
                scan.last[key] = n
                if key != "di:条":  # an article (第五条) has no title: its text follows at once
                    _run_on_title(scan, m.end())
                at = m.end()
                continue
            part = _YEAR_PART.match(text, at) if ch in "12" else None
            if part and scan.after_sentence(at):
                scan.cut(at, structural=True)  # …提出意见。2023年工作回顾2023年是…: a part of a report
                scan.cut(part.end())
                at = part.end()
                continue
            if at in signature_ends:
                start, end = signature_ends[at]
                if scan.after_sentence(start) or start <= scan.start:
                    scan.cut(start, structural=True)
                scan.cut(end, structural=True)
                _title_after(scan, end)
                at = end
                continue
        if ch in _OPEN:
            stack.append(at)
        elif ch in _PAIR and stack and text[stack[-1]] == _PAIR[ch]:
            scan.opener[at] = stack.pop()
        at += 1
    return [0, *sorted(scan.breaks)], scan.structural


def _signature_ends(text: str) -> dict[int, tuple[int, int]]:
    """Signature blocks by the position where their issuer starts: (start, end after the date)."""
    found: dict[int, tuple[int, int]] = {}
    for m in _DATE_AFTER_ORGAN.finditer(text):
        if _DATE_GOES_ON.match(text, m.end()):
            continue
        # The issuer: the longest organ-ending name before the date that starts after a break.
        window_start = max(0, m.start() - 40)
        for s in range(window_start, m.start()):
            sig = _SIGNATURE.fullmatch(text, s, m.end())
            if sig and (s == 0 or text[s - 1] in _SENTENCE_END + _CLOSE):
                found[s] = (s, m.end())
                break
        else:
            found[m.start()] = (m.start(), m.end())  # no issuer to be sure of: cut after the date
    return found


_TITLE_CUE = re.compile(rf"(?:{alternation('title_cues')})(?:[（(](?:试行|暂行|修订|修订稿|征求意见稿)[)）])?")
_TITLE_GOES_ON = re.compile(r"^(?:的|和|及|与|、|等|（|\()")


_TITLE_TAIL = re.compile(rf"[\u4e00-\u9fff]{{0,4}}?(?:{alternation('title_cues')})")


def _title_after(scan: _Scan, at: int) -> None:
    """After a signature block, the issued document's title may run into its text: cut after it.

    The title ends at a title word (data/title_cues.txt: 办法, 实施方案 …) that a body opener,
    a numbering marker or a link follows; failing that, at the last title word of the stretch.
    """
    text = scan.text
    region = re.match(r"《?[^，,。；;：:、《]{4,80}", text[at:])
    if not region:
        return
    stop = at + region.end()
    ends = []
    for m in _TITLE_CUE.finditer(text, at, stop):
        end = m.end()
        while (tail := _TITLE_TAIL.match(text, end, stop)) and _opens_title_tail(text, end):
            end = tail.end()  # 管理制度 + 实施方案: the title goes on to the later word
        if end - at >= 4 and not _TITLE_GOES_ON.match(text[end:]):
            ends.append(end)
            if end >= stop or _MARKERS_AT(text, end) or text[end] == "(" or _opens_body(text[end:]):
                break
    if ends:
        scan.cut(ends[-1])


def _opens_title_tail(text: str, at: int) -> bool:
    """Whether a title word right after `at` continues the title (…制度实施方案, …规划编制办法)."""
    tail = _TITLE_TAIL.match(text, at)
    return tail is not None and not _opens_body(text[tail.end():tail.end() + 4]) or bool(
        tail and re.match(r"(?:实施|工作|管理|行动|若干)", text[at:]))


def _MARKERS_AT(text: str, at: int) -> bool:  # noqa: N802 - reads as a predicate
    return any(p.match(text, at) for _s, p in _MARKERS)


_HEADING_END = re.compile(rf"(?:{alternation('heading_ends')})$")
_BODY_OPENERS = words("body_openers")
_INLINE_TITLE = 40  # a heading whose first sentence is this short keeps it as its title


_SPACE_AFTER_TITLE = re.compile(rf"[ \u3000]*(?P<title>[^\s。；;！!？?]{{2,{_TITLE_RUN}}}?)(?P<space>[ \u3000]+)(?=\S)")


def _run_on_title(scan: _Scan, at: int) -> None:
    """A heading whose title runs into its body without punctuation: cut between them."""
    text = scan.text
    spaced = _SPACE_AFTER_TITLE.match(text, at)
    if (spaced and not _CLAUSE.search(spaced["title"])
            and not any(_MARKERS_AT(text, k) for k in range(spaced.start("title") + 1, spaced.end("title")))):
        scan.cut(spaced.end("space"))  # 二、2024年工作安排 2024年…: the space a lost line break left
        return
    first = re.match(r"[^。；;！!？?：:]*", text[at:at + 400])
    sentence = first.group() if first else ""
    if len(sentence) <= _INLINE_TITLE:
        return
    limit = min(_TITLE_RUN, len(sentence))
    if any(_MARKERS_AT(text, at + k) for k in range(limit)):
        return  # 一、政策依据（一）…: the next marker ends the title
    for end in range(2, limit):
        title = sentence[:end]
        if _CLAUSE.search(title) or any(c in _OPEN + _CLOSE for c in title):
            return
        if _HEADING_END.search(title) and _opens_body(sentence[end:]):
            scan.cut(at + end)
            return


_MULTI_OPENERS = tuple(w for w in _BODY_OPENERS if len(w) > 1)
_HEADING_WORDS = words("heading_ends")


def _opens_body(rest: str) -> bool:
    """Whether `rest` opens a body sentence: a body opener that is not the start of a heading
    word (对象 is a heading word, not 对 + 象; 支持 opens a body as a word of its own)."""
    if not rest.startswith(_BODY_OPENERS):
        return False
    return rest.startswith(_MULTI_OPENERS) or not rest.startswith(_HEADING_WORDS)


def is_unbroken(text: str, document_chars: int) -> bool:
    """Whether a line is unbroken text: long, long for its document, and cut by its own structure."""
    if len(text) < _MIN_LENGTH or (len(text) < _LONG and len(text) < _SHARE * document_chars):
        return False
    return split_offsets(text)[1] >= _MIN_BREAKS


def split_line(text: str, line: int) -> list[Piece]:
    """The logical lines of one unbroken source line (blank pieces dropped, text stripped)."""
    offsets, _ = split_offsets(text)
    pieces = []
    for k, start in enumerate(offsets):
        end = offsets[k + 1] if k + 1 < len(offsets) else len(text)
        raw = text[start:end]
        stripped = raw.strip()
        if stripped:
            pieces.append(Piece(line, start + len(raw) - len(raw.lstrip()), stripped))
    return pieces


def logical_lines(lines: list[str]) -> list[Piece] | None:
    """The document as logical lines, or None when no line of it is unbroken text."""
    total = sum(len(line) for line in lines)
    unbroken = {k for k, line in enumerate(lines) if is_unbroken(line, total)}
    if not unbroken:
        return None
    pieces: list[Piece] = []
    for k, line in enumerate(lines):
        if k in unbroken:
            pieces.extend(split_line(line, k + 1))
        else:
            pieces.append(Piece(k + 1, 0, line))
    return pieces
