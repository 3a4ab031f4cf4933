"""A document's own header and signature block: 文号, issuer, date, and the name a web page
gives its attached copy.

Official documents say who issued them and when in fixed places, never in the body's citations:
- the signature block after the text (某某市人民政府办公室 / 2023年11月13日, or both on one line;
  a PDF writes “2019 年 8 月 20 日”, older documents 二〇二三年十一月十三日), or the 印发 line at the
  bottom (某某市人民政府办公室 2023年11月13日印发);
- the 文号 (某府办发〔2023〕2号) on its own line at the top, or in a government page's
  disclosure table (发文字号：…, 成文日期：…, 发文机关：…), which the cleaner marks as chrome;
- a web page's attachment named after the document (相关附件：某府规〔2023〕3号关于…的通知.pdf).
Cited plans (根据《…规划纲要（2014—2020年）》) and goal years (到2025年) are never read here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from knowledge.doctext import DocText
from knowledge.wordlists import alternation

_CN_DIGIT = {c: k for k, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
_CN_DATE = re.compile(r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*"
                      r"(?P<d>[一二三四五六七八九十]{1,3})\s*日")
_ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_ORGAN = ("人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府办公厅|办公室|办公厅|委员会|管委会|管理委员会|办事处|"
          "党工委|党委|指挥部|领导小组|政府|局|委|厅|办|中心|公司")
# An issuer's name on a line of its own: words ending in an organ, no punctuation.
# (Quotes belong to some names: 安徽省推进“三地一区”建设领导小组办公室.)
_ORG_LINE = re.compile(rf"^(?P<org>[\u4e00-\u9fff（）()“”]{{2,60}}?(?:{_ORGAN}))$")
# The 文号: an issuer's abbreviation, the year in brackets, the number (某府办发〔2023〕2号).
_DOC_NUMBER = re.compile(r"(?P<no>[\u4e00-\u9fff]{1,12}[〔\[［【（(](?P<y>(?:19|20)\d{2})[〕\]］】）)]\s*\d{1,4}\s*号)")
# Labels of a government page's disclosure table.
_LABELED = re.compile(r"(?P<label>发文机关|发文机构|发布机构|发文单位|发布单位|成文日期|发文日期|印发日期|发布日期|发文字号|文号)"
                      r"\s*[:：]\s*(?P<value>[^\s:：]{2,40})")
# The attached copy: (相关)附件：[文号]title.pdf
_ATTACHED = re.compile(r"^(?:相关)?附件\s*[:：]\s*(?P<name>.+?)\.(?:docx?|pdf|wps|ofd)$")
# 关于印发《X》的通知（主动公开）: the issued document X.
_COVERING = re.compile(r"^(?:[\u4e00-\u9fff]{2,30}?)?关于(?:印发|转发|下发|公布)《?(?P<title>.+?)》?的(?:通知|通报)"
                       r"(?:[（(][^（）()]{1,8}[)）])?$")
_NOTE = re.compile(r"[（(](?:主动公开|公开|依申请公开|不予公开|此件公开发布)[)）]$")


@dataclass
class Header:
    """What a document's own header and signature say about it."""

    issuer: str | None = None
    date: dt.date | None = None
    date_line: int | None = None  # the line the date is written on
    number: str | None = None  # 文号
    number_year: int | None = None
    attached_title: str | None = None  # the title of the attached copy a web page names

    @property
    def year(self) -> int | None:
        """The year the document was issued: its date's, else its 文号's."""
        return self.date.year if self.date else self.number_year


def parse_date(text: str) -> dt.date | None:
    """The first date written in `text` (2023年11月13日, 2019 年 8 月 20 日, 二〇二三年十一月十三日)."""
    m = _DATE.search(text)
    if m:
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    m = _CN_DATE.search(text)
    if m:
        year = int("".join(str(_CN_DIGIT[c]) for c in m["y"]))
        return _safe_date(year, _cn_small(m["m"]), _cn_small(m["d"]))
    m = _ISO_DATE.search(text)
    if m:
        return _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None


def _cn_small(text: str) -> int:
    """一 … 三十一 as an int."""
    if text.startswith("十"):
        return 10 + (_CN_DIGIT[text[1]] if len(text) > 1 else 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return 10 * _CN_DIGIT[tens] + (_CN_DIGIT[ones] if ones else 0)
    return _CN_DIGIT[text]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_only(line: str) -> dt.date | None:
    """The date of a line that holds nothing but a date (and 印发/发布 after it)."""
    squeezed = re.sub(r"\s+", "", line).strip("（）()")
    for pattern in (_DATE, _CN_DATE):
        m = pattern.fullmatch(re.sub(r"(?:印发|发布|签发)$", "", squeezed))
        if m:
            return parse_date(squeezed)
    return None


def _signature(lines: list[tuple[int, str]]) -> tuple[str | None, dt.date | None, int | None]:
    """Issuer, date and the date's line of the first signature block: an organ line and a date line,
    or both on one."""
    for k, (n, line) in enumerate(lines):
        text = line.strip()
        date = _date_only(text)
        if date is not None:
            prev = lines[k - 1][1].strip() if k else ""
            org = _ORG_LINE.match(re.sub(r"\s+", "", prev))
            if org and _issuer_name(org["org"]):
                return _issuer_name(org["org"]), date, n
            continue  # a date alone (a table cell) is no signature
        m = _ORG_DATE.search(text)
        if m:
            date = _date_only(m["date"])
            issuer = _issuer_name(m["org"])
            if date is not None and issuer:
                return issuer, date, n
    return None, None, None


_ORG_DATE = re.compile(rf"(?P<org>[\u4e00-\u9fff（）()]{{2,60}}?(?:{_ORGAN}))\s*(?P<date>(?:19|20)\d{{2}}\s*年[\d\s月日]+(?:印发|发布)?)$")
# What may stand before an issuer's name on its line when line breaks were lost: the end of a
# title or of an attachment's name (…进度安排表某某市人民政府).
_BEFORE_ISSUER = re.compile(rf"^.*(?:表|清单|目录|分工|安排|附件|{alternation('title_cues')})(?=[\u4e00-\u9fff]{{2,}})")


def _issuer_name(org: str) -> str | None:
    """The issuer's name without a title or attachment name run on before it."""
    name = _BEFORE_ISSUER.sub("", org)
    return name if _ORG_LINE.match(name) else None


def signature_lines(text: DocText) -> set[int]:
    """Lines of signature blocks (issuer and date), which are neither tasks nor targets."""
    found: set[int] = set()
    content = list(text.content())
    for k, (number, line) in enumerate(content):
        stripped = line.strip()
        if _date_only(stripped) is not None:
            prev = re.sub(r"\s+", "", content[k - 1][1]) if k else ""
            if _ORG_LINE.match(prev):
                found.update({content[k - 1][0], number})
        elif ((m := _ORG_DATE.search(stripped)) and _date_only(m["date"]) and _issuer_name(m["org"])
              and (m.start() == 0 or len(stripped) <= 60)):
            found.add(number)
    return found


def is_doc_number(line: str) -> bool:
    """Whether a line holds nothing but a 文号 (某发改办规划〔2023〕12号), which is never a title."""
    return bool(_DOC_NUMBER.fullmatch(re.sub(r"\s+", "", line).removeprefix("（").removesuffix("）")))


def read_header(text: DocText) -> Header:
    """The header facts of a document (every field None when it does not state them)."""
    header = Header()
    content = list(text.content())
    header.issuer, header.date, header.date_line = _signature(content)
    published: tuple[dt.date, int] | None = None  # a web page's publishing date: the document's own first
    for line_no, line in enumerate(text.lines[:40], start=1):
        for m in _LABELED.finditer(line):
            label, value = m["label"], m["value"]
            if label in ("发文机关", "发文机构", "发布机构", "发文单位", "发布单位") and header.issuer is None:
                if _ORG_LINE.match(value):
                    header.issuer = value
            elif label in ("发文字号", "文号") and header.number is None:
                number = _DOC_NUMBER.search(value)
                if number:
                    header.number, header.number_year = number["no"], int(number["y"])
            elif label in ("成文日期", "发文日期", "印发日期") and header.date is None:
                header.date = parse_date(value)
                header.date_line = line_no if header.date else None
            elif label == "发布日期" and published is None and (day := parse_date(value)) is not None:
                published = (day, line_no)
    if header.date is None and published is not None:
        header.date, header.date_line = published
    if header.number is None:
        # A 文号 on a line of its own near the top (某府办发〔2023〕2号).
        for _n, line in content[:8]:
            own = _DOC_NUMBER.fullmatch(re.sub(r"\s+", "", line).removeprefix("（").removesuffix("）"))
            if own:
                header.number, header.number_year = own["no"], int(own["y"])
                break
    for line_no in range(len(text.lines), 0, -1):
        if line_no not in text.chrome:
            continue
        attached = _ATTACHED.match(text.lines[line_no - 1].strip())
        if not attached:
            continue
        name = attached["name"]
        doc_number = _DOC_NUMBER.match(name)
        if doc_number:
            name = name[doc_number.end():]
            if header.number is None:
                header.number, header.number_year = doc_number["no"], int(doc_number["y"])
        name = _NOTE.sub("", name.strip())
        covering = _COVERING.fullmatch(name)
        header.attached_title = (covering["title"] if covering else name).strip() or None
        break
    return header
