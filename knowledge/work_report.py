"""Government work reports recognised from their text when no title line says what they are.

Copies of 政府工作报告 often start at 各位代表： (a study dataset, a page copied without its
header) or with the title spaced out (政 府 工 作 报 告). What the text itself says, by rule:
- the kind: the speaker reports to the congress (我代表市人民政府向大会报告工作), 政府工作报告
  stands in the first lines, or the parts are a review and a plan (2023年工作回顾 … 工作安排 /
  主要预期目标);
- the year: the session line (——2019年3月4日在某某区第十五届人民代表大会第三次会议上), the year
  the plan part names (2024年工作安排, 2024年…主要预期目标), the reviewed year plus one
  (2023年工作回顾 → 2024), else a year in the file name;
- the place: the session line, the speaker's line (某某区人民政府代区长 某某), else the file name —
  a Chinese name (潜江市2024年政府工作报告.txt) or a place's pinyin (qianjiang_2024.docx) that
  the text names often;
- the title, when the text has none: place + year + 政府工作报告 (the Document says it was built).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from knowledge.doctext import DocText
from knowledge.header import parse_date
from knowledge.models import Document, Section

# How many content lines at the top may hold the report's opening (title, session line, 各位代表).
_OPENING_LINES = 10
_LEVELS = "省市区县旗州盟"

# 我代表市人民政府向大会报告工作 / 我代表区人民政府，向大会报告政府工作 / 我代表县政府向大会作工作报告
_SPEAKS = re.compile(rf"我代表(?P<org>[\u4e00-\u9fff]{{0,16}}?)(?P<level>[{_LEVELS}])?(?:人民)?政府[，,]?\s*"
                     r"向(?:大会|本次会议)(?:报告|作)")
# 政府工作报告 in the opening, written with or without spaces between its characters.
_REPORT_WORDS = re.compile(r"政府工作报告")
# The parts of a report: a review of the past year and the plan of this one.
_REVIEW_PART = re.compile(r"^(?:[一二三四五六七八九十]+、\s*)?(?P<y>(?:19|20)\d{2})?\s*年?(?:政府)?工作回顾$|"
                          r"^(?:[一二三四五六七八九十]+、\s*)?过去(?:的)?[一五]年(?:工作)?回顾$")
_PLAN_PART = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?:政府)?(?:工作安排|工作建议|工作任务|总体要求|目标任务|"
                        r"总体思路|主要任务|重点工作)|(?P<y2>(?:19|20)\d{2})\s*年[^。；]{0,20}?主要预期目标")
# ——2019年3月4日在呼伦贝尔市海拉尔区第十五届人民代表大会第三次会议上
_SESSION = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在\s*"
                      r"(?P<place>[\u4e00-\u9fff]{2,30}?)\s*第[一二三四五六七八九十\d]+\s*届\s*人民代表大会")
# 呼伦贝尔市海拉尔区人民政府代区长  萨国文 / 某某县人民政府县长
_SPEAKER = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{2,30}}?)人民政府\s*(?:代理?|副)?(?:[{_LEVELS}]长|主席)")
_PLACE_TOKEN = re.compile(rf"[\u4e00-\u9fff]{{2,8}}?(?:自治州|自治县|自治旗|[{_LEVELS}])")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_LATIN = re.compile(r"[A-Za-z]{4,}")
# A place named in a file name: words ending in a level, before the year or the kind.
_FILE_PLACE = re.compile(rf"(?P<place>(?:[\u4e00-\u9fff]{{2,8}}?(?:自治州|自治县|自治旗|[{_LEVELS}]))+)"
                         r"(?=\s*(?:(?:19|20)\d{2}|二〇|政府|人民政府|工作报告|$))")
# A file name that is a report's title: Chinese words ending in 政府工作报告 (a year may lead).
_FILE_TITLE = re.compile(r"(?:(?:19|20)\d{2}\s*年?)?[\u4e00-\u9fff]{2,30}?(?:(?:19|20)\d{2}\s*年)?(?:政府)?工作报告")
# How often a place's bare name must occur in the text for a pinyin file name to name it.
_MIN_MENTIONS = 3


@dataclass
class ReportFacts:
    """What the text of a work report (and its file name) says about it."""

    year: int | None = None
    place: str | None = None  # 呼伦贝尔市海拉尔区, 天门市
    speaks_for: str | None = None  # the level the speaker names: 市, 区, 县 …
    file_title: str | None = None  # a file named like a title (潜江市2024年政府工作报告.txt)
    # The day the report was made (2024年1月10日在…人民代表大会…上) and the line saying so.
    date: dt.date | None = None
    date_line: int | None = None

    @property
    def issuer(self) -> str | None:
        """The government that reports: the place's 人民政府."""
        return f"{self.place}人民政府" if self.place else None

    def title(self) -> str:
        """A title built from place, year and kind (某某市2024年政府工作报告)."""
        year = f"{self.year}年" if self.year else ""
        return f"{self.place or ''}{year}政府工作报告"


def squeeze(text: str) -> str:
    """A line without the spaces between its characters (政 府 工 作 报 告 → 政府工作报告)."""
    return re.sub(r"\s+", "", text)


def _opening(text: DocText) -> list[str]:
    return [line for _n, line in _numbered_opening(text)]


def _numbered_opening(text: DocText) -> list[tuple[int, str]]:
    """(line number, line) of the first content lines, where a report names its session and speaker."""
    out = []
    for n, line in text.content():
        out.append((n, line))
        if len(out) >= _OPENING_LINES:
            break
    return out


def is_work_report(text: DocText) -> bool:
    """Whether the text itself says it is a government work report (see the module doc)."""
    opening = [squeeze(line) for line in _opening(text)]
    if any(_SPEAKS.search(line) for line in opening):
        return True
    if any(_REPORT_WORDS.fullmatch(line.strip("《》“”")) for line in opening[:4]):
        return True
    parts = [squeeze(line) for _n, line in text.content() if len(line) <= 40]
    return any(_REVIEW_PART.match(p) for p in parts) and any(_PLAN_PART.search(p) for p in parts)


def read_report(text: DocText) -> ReportFacts:
    """Year and place of a work report from its own text, then from its file name."""
    facts = ReportFacts()
    for n, said in _numbered_opening(text):
        line = squeeze(said)
        if facts.speaks_for is None and (m := _SPEAKS.search(line)):
            facts.speaks_for = m["level"]
        if (m := _SESSION.search(line)) is not None:
            facts.year = facts.year or int(m["y"])
            facts.place = facts.place or _place_chain(m["place"])
            if facts.date is None and (day := parse_date(m.group(0))) is not None:
                facts.date, facts.date_line = day, n
        elif (m := _SPEAKER.match(line)) is not None:
            facts.place = facts.place or _place_chain(m["place"])
    if facts.year is None:
        facts.year = _year_from_parts(text)
    stem = PurePath(text.file).stem.strip()
    if _FILE_TITLE.fullmatch(stem):
        facts.file_title = stem
    if facts.year is None or facts.place is None:
        year, place = _from_file_name(text)
        facts.year = facts.year or year
        facts.place = facts.place or place
    return facts


def _place_chain(words: str) -> str | None:
    """The administrative names a phrase is made of (呼伦贝尔市海拉尔区), or None."""
    found = ""
    rest = words
    while (m := _PLACE_TOKEN.match(rest)) is not None:
        found += m.group()
        rest = rest[m.end():]
    return found if found and not rest else None


def _year_from_parts(text: DocText) -> int | None:
    """The plan year the report's parts name: 2024年工作安排, else the reviewed year + 1."""
    reviewed: int | None = None
    for _n, line in text.content():
        squeezed = squeeze(line)
        if (m := _PLAN_PART.search(squeezed)) is not None and (len(squeezed) <= 60 or m.start() < 30):
            return int(m["y"] or m["y2"])
        if reviewed is None and len(squeezed) <= 40 and (m := _REVIEW_PART.match(squeezed)) and m["y"]:
            reviewed = int(m["y"])
    return reviewed + 1 if reviewed else None


def _from_file_name(text: DocText) -> tuple[int | None, str | None]:
    """Year and place a file name gives: 潜江市2024年政府工作报告.txt, qianjiang_2024.docx."""
    stem = PurePath(text.file).stem
    years = [int(y) for y in _FILE_YEAR.findall(stem)]
    year = years[-1] if years else None
    m = _FILE_PLACE.search(stem)
    if m:
        return year, _place_chain(m["place"])
    return year, _pinyin_place(stem, text)


def _pinyin_place(stem: str, text: DocText) -> str | None:
    """The place whose pinyin a Latin file name holds (tianmen → 天门), when the text names it
    often; the level comes from the speaker (我代表市人民政府 → 天门市)."""
    tokens = {t.lower() for t in _LATIN.findall(stem)}
    if not tokens:
        return None
    body = "".join(line for _n, line in text.content())
    chars = [c for c in body if "\u4e00" <= c <= "\u9fff"]
    syllables = [_syllable(c) for c in chars]
    counts: Counter[str] = Counter()
    for size in (2, 3):
        for k in range(len(chars) - size + 1):
            if "".join(syllables[k:k + size]) in tokens:
                counts["".join(chars[k:k + size])] += 1
    if not counts:
        return None
    name, mentions = counts.most_common(1)[0]
    if mentions < _MIN_MENTIONS:
        return None
    level = _level_in_text(name, text)
    return name + level if level else None


@cache
def _syllable(char: str) -> str:
    """A character's most common reading, without tone (天 → tian)."""
    from pypinyin import lazy_pinyin  # only for Latin file names

    return lazy_pinyin(char)[0]


def _level_in_text(name: str, text: DocText) -> str | None:
    """The level a place has: as the text writes it (林芝市), else as the speaker names it."""
    body = "".join(line for _n, line in text.content())
    written = Counter(m.group(1) for m in re.finditer(rf"{re.escape(name)}([{_LEVELS}])", body))
    if written:
        return written.most_common(1)[0][0]
    for line in _opening(text):
        if (m := _SPEAKS.search(squeeze(line))) and m["level"]:
            return m["level"]
    return None


# ---------------------------------------------------------------- work-report review part

_REVIEW = re.compile(r"回顾|总结|过去(一|五|的一)年|上年|^(19|20)\d{2}年(主要)?工作(情况)?$")


def review_range(doc: Document, text: DocText, sections: list[Section]) -> tuple[int, int] | None:
    """In a work report, the lines that review the past year (achievements, not tasks): the
    top-level part whose heading says 回顾/总结 (or names the year before the plan year)."""
    if doc.kind not in ("work_report", "annual_plan", "task_list"):
        return None  # a one-year plan may open with last year's 工作总结 too
    mine = [s for s in sections if s.doc == doc.file] or sections
    if mine:
        top = min(s.level for s in mine)
        level1 = [s for s in mine if s.level == top]
        for k, section in enumerate(level1):
            if _is_review(section.title, doc.year):
                nxt = level1[k + 1].line - 1 if k + 1 < len(level1) else None
                end = section.end_line or nxt or len(text.lines)
                if nxt is not None:
                    end = min(end, nxt)
                return section.line, _trim(text, section.line, end)
    return _review_by_scan(doc, text.content(), len(text.lines), text)


def _is_review(title: str, year: int | None) -> bool:
    if _REVIEW.search(title):
        return True
    return year is not None and re.search(rf"{year - 1}\s*年", title) is not None and "工作" in title


_PART = re.compile(r"^[一二三四五六七八九十]+、\s*(.*)$")


def _review_by_scan(doc: Document, content: Iterable[tuple[int, str]], last: int,
                    text: DocText) -> tuple[int, int] | None:
    """Without a section tree: from a 一、-style heading that reviews to the next such heading."""
    start: int | None = None
    for number, line in content:
        match = _PART.match(line)
        if not match:
            continue
        if start is not None:
            return start, _trim(text, start, number - 1)
        if _is_review(match.group(1), doc.year):
            start = number
    if start is not None:
        return start, _trim(text, start, last)
    return _review_by_opening(doc, text)


# A report that reviews without a heading opens the review with 过去的一年 / 一年来, and turns
# to the plan year with a paragraph that starts with that year or 今年.
_REVIEW_OPENING = re.compile(r"^\s*(?:过去的?一年|一年来|(?:19|20)\d{2}年以来)")


def _review_by_opening(doc: Document, text: DocText) -> tuple[int, int] | None:
    """Without a review heading: from a 过去的一年 paragraph to the one that turns to the plan year."""
    if doc.year is None:
        return None
    turn = re.compile(rf"^\s*(?:{doc.year}\s*年|今年)")
    start: int | None = None
    for number, line in text.content():
        if start is None:
            if _REVIEW_OPENING.match(line):
                start = number
        elif turn.match(line):
            return start, _trim(text, start, number - 1)
    return None


def _trim(text: DocText, start: int, end: int) -> int:
    """`end` moved back over trailing blank lines (never before `start`)."""
    while end > start and not text.line(end).strip():
        end -= 1
    return end
