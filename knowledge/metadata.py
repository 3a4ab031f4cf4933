"""Document metadata: title, issuer, kind, plan year, period, and a work report's review part."""

from __future__ import annotations

import re
from typing import Literal

import cn2an

from knowledge.doc_numbers import issuer_from_number
from knowledge.doctext import DocText
from knowledge.header import Header, is_doc_number, read_header
from knowledge.models import DocKind, Document
from knowledge.plan_periods import five_year_period, shi_wu_number, stated_period
from knowledge.work_report import is_work_report, read_report, squeeze

# How many content lines at the top of a document may hold its title.
_TITLE_SCAN = 12
_TITLE_MAX = 80

# Kind cues, tried in this order: a task list cut out of a report or plan is a task list first.
_KIND_CUES: list[tuple[DocKind, re.Pattern[str]]] = [
    ("task_list", re.compile(r"重点工作任务|任务分解|任务清单|责任分工|工作台账|任务台账|重点任务(安排|分工)?$|"
                             r"(?:项目|任务|实事)(?:安排|计划)?(?:一览)?表$")),
    ("five_year_plan", re.compile(r"五年规划|规划纲要|远景目标纲要|十[一二三四五六七八九]?五[”\"]?\s*(?:时期)?[\u4e00-\u9fff]{0,10}?规划(?!编制)|[\d]{4}\s*[-—–至~]\s*\d{4}年?.*规划|纲要$")),
    ("work_report", re.compile(r"政府工作报告|工作报告")),
    # 实施方案/实施意见/行动方案/若干措施: policy programmes (a single-year 工作方案 is an annual plan)
    ("implementation_plan", re.compile(r"实施方案|实施意见|指导意见|行动方案|工作方案|若干措施|若干政策|"
                                       r"(?:支持|促进|推动|加快)[\u4e00-\u9fff]{0,24}(?:措施|政策)|"
                                       r"[十二三四五六七八九]+条(?:措施|政策)|的意见|措施$")),
    ("annual_plan", re.compile(r"工作计划|工作要点|年度计划|工作安排|行动计划|工作思路|工作打算|安排意见|计划草案|"
                               r"(?:发展|项目|实事|年度|实施)计划$")),
    ("regulation", re.compile(r"办法|细则|规定|条例|规则|规程|准则")),
    ("notice", re.compile(r"通知$|通报$")),
]
_TITLE_CUE = re.compile(r"计划|规划|纲要|报告|要点|任务|清单|方案|安排|思路|打算|意见|办法|细则|规定|条例|规则|措施|政策|"
                        r"通知|通报|通告|公告|命令|决定|(?:项目|一览|分解|任务)表$")
# A title is more than its kind: 工作报告 alone is a web mirror's page heading, not the title.
_GENERIC_TITLE = re.compile(r"^(?:政府)?(?:工作报告|报告|通知|通报|公告|实施方案|方案|工作方案|办法|意见|规划|计划|工作计划|工作要点)$")
_HEADING = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[章节篇部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])")
# 关于印发《X》的通知, 某某办公室关于转发区建设管理委制订的《X》的通知: the issued document X.
_ISSUED = re.compile(r"^(?:[^《》，。]{2,40}?)?关于(?:印发|转发|下发|公布)(?:[^《》，。]{0,20}?《([^《》]{4,80})》|([^《》]{4,80}?))"
                     r"的(?:通知|通报|函)$")
_ADMIN_END = re.compile(r"(省|自治区|市|新区|区|县|旗|街道|镇|乡|街|人民政府|办事处|党工委)$")
_QUOTED = re.compile(r"《([^《》]{4,80})》")
# 《X》已经市政府同意，现印发给你们: the quoted document is the one issued here.
_ISSUED_AFTER = re.compile(r"[^。；]{0,40}(?:现|特)?(?:印发|下发|转发)给")
_OWN_CUE = re.compile(r"(编制|制定|印发|出台|实施好|特制定|本)\s*$")
# The addressees a notice opens with (各县（区）人民政府，市直各部门：): never a title.
_ADDRESSEES = re.compile(r"^各[^。；;]{2,150}[:：]$")
# What the opening says the document is, when the title does not (现就有关事项通知如下).
_BODY_KIND: list[tuple[DocKind, re.Pattern[str]]] = [
    ("notice", re.compile(r"通知如下|通告如下|命令如下|决定如下|予以通报")),
    ("implementation_plan", re.compile(r"(?:提出|制定)(?:如下|以下|本)(?:实施)?(?:意见|方案|措施|政策)")),
    ("regulation", re.compile(r"制定本(?:实施)?(?:办法|细则|规定|规则|条例)")),
]

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
_PLAN_NO = re.compile(r"第\s*([一二三四五六七八九十]+)\s*个\s*五年|[“\"]?十([一二三四五六七八九]?)五[”\"]?")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~至到－]\s*((?:19|20)\d{2})(?:\s*年|(?=\s*[)）]))")

# Administrative names: a chain such as 天津市滨海新区大港街道 read token by token; the last
# (most local) token issues the plan. Lazy tokens of 1-8 characters ending in a level suffix.
_ADMIN_TOKEN = re.compile(r"[\u4e00-\u9fffXx×＊*]{1,8}?(?:自治区|特别行政区|省|自治州|市|新区|区|县|旗|街道|镇|乡|街)")
# What may follow an issuer's name in a title: a year, the plan's name, an organ.
_AFTER_ISSUER = re.compile(
    r"^\s*(?:\d{4}|二〇|[“\"]?十[一二三四五六七八九]?五|国民经济|人民政府|政府|党工委|党委|办事处|工作|年度|关于|经济|社会|$)"
)
# A department after the place name (发展和改革局, 卫生健康委员会, 政务服务中心).
_ORGAN = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:局|委员会|委|办公室|中心|管委会|分局)(?=\s*(?:\d{4}|二〇|工作|年度|关于|$))")
_MASKED = re.compile(r"XX|xx|××|＊|\*|某")
_NOT_NAME = re.compile(r"[的和与及于在对]")


def describe(text: DocText, doc_id: str) -> Document:
    """A Document with title, issuer, kind, plan year and period, from the text and its header
    (signature block, 文号, a web page's attachment name; see knowledge/header.py); a work report
    without a title line is recognised from its text (knowledge/work_report.py)."""
    head = read_header(text)
    title, _title_line = find_title(text, head)
    named = _OPENING_TITLE not in title  # no title in the text: the opening words stand in for it
    title = title.replace(_OPENING_TITLE, "")
    source: Literal["text", "opening", "file", "built"] = "text" if named else "opening"
    kind = document_kind(title if named else "", text)
    report = None
    if kind == "work_report" or (kind == "other" and (not named or _GENERIC_TITLE.match(title))
                                 and is_work_report(text)):
        kind, report = "work_report", read_report(text)
    period = plan_period(title if named else "", kind, text, head)
    own = title_year(_SPAN.sub("", title)) if named else None  # a single year the title names
    if report is not None and own is None and report.year is not None:
        period = (report.year, report.year)  # the report's own text dates it, not a cited year
    if kind == "five_year_plan" or (kind in _ANNUAL_KINDS and period):
        year = period[1] if period else own
    elif kind in _ANNUAL_KINDS:
        year = own or head.year
    else:  # a programme or policy: its own year, from the title, else its date or 文号
        year = own or head.year or (period[0] if period else None)
    issuer = head.issuer or (head.number and issuer_from_number(
        head.number, _leading_places(title), " ".join(line for _, line in text.content()))) or find_issuer(
        title, kind, text)
    if report is not None:
        report.year = report.year or year
        issuer = issuer or report.issuer
        if not named or _GENERIC_TITLE.match(title):
            # the file's name when it is a title, else place + year + kind (said so in title_source)
            title, source = (report.file_title, "file") if report.file_title else (report.title(), "built")
    date, date_line = head.date, head.date_line
    if date is None and report is not None:
        date, date_line = report.date, report.date_line  # the day it was made to the congress
    return Document(
        id=doc_id, file=text.file, title=title, title_source=source, issuer=issuer,
        kind=kind, year=year, period=period, line_count=len(text.lines), date=date, date_line=date_line,
        number=head.number,
    )


def _top(text: DocText, count: int = _TITLE_SCAN) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for number, line in text.content():
        out.append((number, squeeze(line) if _SPACED.fullmatch(line) else line))
        if len(out) >= count:
            break
    return out


def find_title(text: DocText, head: Header | None = None) -> tuple[str, int | None]:
    """The document's own title and its line: a title-shaped line at the top, else the plan
    the preamble says it is (《…》 after 编制/制定, never one cited after 根据/依据), else the name
    of the web page's attached copy, else the opening words (marked with _OPENING_TITLE)."""
    top = _top(text)
    generic: tuple[str, int] | None = None
    for k, (number, line) in enumerate(top):
        if _REPORT_BODY.search(line):
            break  # 各位代表：… the speech has begun: its part headings (2024年工作安排) are no title
        if is_doc_number(line):
            continue  # 某发改办规划〔2023〕12号: the 文号 names the issuer's office, not the document
        candidate = _MARKDOWN_HEADING.sub("", _joined_title(top, k))
        # A covering notice names the plan it issues: 关于印发《某某镇2025年工作要点》的通知.
        issued = _ISSUED.search(candidate)
        if issued:
            return issued.group(1) or issued.group(2), number
        candidate = candidate.strip("《》")
        if _title_shaped(candidate):
            return candidate, number
        if generic is None and _GENERIC_TITLE.match(candidate):
            generic = (candidate, number)  # 政府工作报告 alone: the title only if no fuller one follows
        # A title broken over two lines: the place on one, the plan's name on the next.
        if (k + 1 < len(top) and _ADMIN_END.search(candidate) and len(candidate) <= 30
                and not _HEADING.match(candidate) and not re.search(r"[，。；：:]", candidate)):
            joined = candidate + top[k + 1][1].strip()
            if _title_shaped(joined) and not _HEADING.match(top[k + 1][1].strip()):
                return joined, number
    best: tuple[int, int, str, int] | None = None  # (score, position, title, line)
    position = 0
    for number, line in _opening(top[:6]):
        for match in _QUOTED.finditer(line):
            position += 1
            name = match.group(1)
            if not _TITLE_CUE.search(name):
                continue
            before = line[max(0, match.start() - 12):match.start()]
            score = 2 if _OWN_CUE.search(before) or _ISSUED_AFTER.match(line, match.end()) else 0
            if not score:
                continue  # 根据《…规划纲要》, 国务院公布《…条例》: a cited document, not this one
            if best is None or (score, position) >= (best[0], best[1]):
                best = (score, position, name, number)
    if best is not None:
        return best[2], best[3]
    if generic is not None:
        return generic
    if head is not None and head.attached_title:
        return head.attached_title, None
    opening = [(n, line) for n, line in top if not _ADDRESSEES.match(line)]
    if opening:
        first = re.match(r"[^。！？]{1,80}", opening[0][1])
        words = first.group() if first else opening[0][1][:_TITLE_MAX]
        return _OPENING_TITLE + words, opening[0][0]
    return text.file, None


# The speech of a report begins: the salutation, or the speaker reporting to the congress.
_REPORT_BODY = re.compile(r"^(?:各位代表|各位委员)\s*[:：，,！!]|我代表[^，。]{0,20}?向(?:大会|本次会议)(?:报告|作)")
# A line of single characters between spaces (政 府 工 作 报 告): a title set out for print.
_SPACED = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]+){2,}[\u4e00-\u9fff]")
# Marks a title made of the opening words (describe() removes it): no kind or year is read from it.
_OPENING_TITLE = "\x00"


_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_TITLE_END = re.compile(r"(?:计划|规划|纲要|报告|要点|清单|方案|意见|办法|细则|规定|条例|规则|措施|政策|通知|通报|决定)"
                        r"》?(?:[（(][^（）()]{1,10}[)）])?$")


def _joined_title(top: list[tuple[int, str]], k: int) -> str:
    """Line k, joined with the lines after it when it opens a title broken over lines
    (关于印发《某某市促进 / 中小企业发展若干措施》的通知)."""
    joined = top[k][1].strip()
    if not (joined.startswith("关于") or joined.count("《") > joined.count("》")):
        return joined
    j = k
    while ((joined.count("《") > joined.count("》") or not _TITLE_END.search(joined))
           and j + 1 < len(top) and len(joined) < _TITLE_MAX and not re.search(r"[。；：:]", joined)):
        j += 1
        joined += top[j][1].strip()
    return joined if _TITLE_END.search(joined) else top[k][1].strip()


def _opening(top: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines before the first numbered heading: where a preamble names its own plan."""
    out = []
    for number, line in top:
        if _HEADING.match(line):
            break
        out.append((number, line))
    return out


def _title_shaped(candidate: str) -> bool:
    """A short line without sentence punctuation that names a kind of plan."""
    return (len(candidate) <= _TITLE_MAX and not candidate.endswith(("。", "；", "：", ":"))
            and bool(_TITLE_CUE.search(candidate)) and not _HEADING.match(candidate)
            and not re.search(r"[。；]", candidate) and not _GENERIC_TITLE.match(candidate))


def document_kind(title: str, text: DocText | None = None) -> DocKind:
    """The kind of plan, from cue words in its title, else from what its opening says it is."""
    for kind, cue in _KIND_CUES:
        if cue.search(title):
            if kind == "annual_plan" and (_SPAN.search(title) or
                                          ("行动计划" in title and not _YEAR.search(title))):
                return "implementation_plan"  # 2023—2025年行动计划 spans several years
            return kind
    if text is not None:
        opening = " ".join(line for _, line in _opening(_top(text, 6)))
        for kind, cue in _BODY_KIND:
            if cue.search(opening):
                return kind
    return "other"


def title_year(title: str) -> int | None:
    """The year a title names (2024年…, 二〇二四年…), if any."""
    match = _YEAR.search(title)
    if match:
        return int(match.group(1))
    match = _CN_YEAR.search(title)
    if match:
        digits = "".join(str("〇一二三四五六七八九".index(c.replace("零", "〇"))) for c in match.group(1))
        return int(digits)
    return None


def _plan_number(text: str) -> int | None:
    match = _PLAN_NO.search(text)
    if not match:
        return None
    if match.group(1):
        return int(cn2an.cn2an(match.group(1), "smart"))
    return shi_wu_number(match.group(2) or "")


_ANNUAL_KINDS = ("annual_plan", "work_report", "task_list")
_PERIOD_SCAN = 30  # content lines at the top where a programme states its years
# ——2024年1月10日在某某县第十八届人民代表大会第三次会议上: when a report was delivered.
_DELIVERED = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在")
# Years that are not the document's: cited documents 《…（2014—2020年）》, spans, goal years.
_NOT_OWN_YEAR = re.compile(r"《[^《》]*》|[（(][^（）()]*\d{4}[^（）()]*[)）]|(?:到|至|截至|截止)\s*(?:19|20)\d{2}\s*年|"
                           r"(?:19|20)\d{2}\s*年?\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年")


def plan_period(title: str, kind: DocKind, text: DocText | None = None,
                head: Header | None = None) -> tuple[int, int] | None:
    """The years a plan covers: a five-year plan's span, a programme's span (2023—2025年), or
    the single year of an annual kind (from the title, else the document's own date)."""
    if kind == "five_year_plan":
        span = _SPAN.search(title)
        if span and int(span.group(2)) > int(span.group(1)):
            return int(span.group(1)), int(span.group(2))
        number = _plan_number(title)
        if number is None and text is not None:
            opening = " ".join(line for _, line in _top(text, 6))
            number = _plan_number(opening)
        if number is not None and number >= 1:
            return five_year_period(number)
        return None
    span = _SPAN.search(title)
    if span and kind not in _ANNUAL_KINDS and int(span.group(2)) > int(span.group(1)):
        return int(span.group(1)), int(span.group(2))
    if kind not in _ANNUAL_KINDS:
        # a programme, notice, regulation or other document: the single year its title names, if
        # any (包头市2022年数字政府建设考评办法 governs 2022; a regulation without one has no plan year)
        year = title_year(title)
        if year is None and kind in ("implementation_plan", "other") and text is not None:
            # a programme stating its years near its top (2012年起5年内, 通过三年努力，到2025年)
            return stated_period([line for _, line in _top(text, _PERIOD_SCAN)])
        return (year, year) if year is not None else None
    year = title_year(title)
    later = [int(y) for y in _YEAR.findall(title)]
    if kind in ("annual_plan", "task_list") and len(later) > 1:
        # 2025年工作总结和2026年工作计划, 2024年计划执行情况与2025年计划草案: the plan is the later year
        year = max(later)
    if year is None and text is not None and kind == "work_report":
        delivered = next((m for _, line in _top(text, 8) if (m := _DELIVERED.search(line))), None)
        year = int(delivered.group(1)) if delivered else None
    if year is None and head is not None:
        year = head.year
    if year is None and text is not None:
        years = [int(y) for _, line in _top(text, 4) for y in _YEAR.findall(_NOT_OWN_YEAR.sub("", line))]
        year = max(years) if years else None
    return None if year is None else (year, year)


def _admin_chain(title: str) -> list[str]:
    """The administrative names a title starts with (after a leading year), most general first."""
    rest = re.sub(r"^\s*(?:(?:19|20)\d{2}\s*年(?:度)?|[〇零一二三四五六七八九]{4}\s*年(?:度)?|[“\"]?十[一二三四五六七八九]?五[”\"]?(?:时期|期间)?)\s*", "", title)
    found: list[str] = []
    if rest.startswith("关于"):  # 关于青河县2024年…的报告
        rest = re.sub(r"^\s*(?:(?:19|20)\d{2}\s*年(?:度)?)?\s*", "", rest[2:])
    while True:
        match = _ADMIN_TOKEN.match(rest)
        if not match or _NOT_NAME.search(match.group(0)):
            break
        found.append(match.group(0))
        rest = rest[match.end():]
    organ = _ORGAN.match(rest) if found else None
    if organ and _AFTER_ISSUER.match(rest[organ.end():]):
        # 南湖区发展和改革局2025年工作要点: a department of the place issues it
        return [*found[:-1], found[-1] + organ.group(0)]
    if found and not _AFTER_ISSUER.match(rest):
        return []
    return found


def _leading_places(title: str) -> list[str]:
    """The administrative names a title starts with, whatever follows them (深圳市 of 深圳市有力…)."""
    rest = re.sub(r"^\s*关于", "", title)
    found = []
    while (match := _ADMIN_TOKEN.match(rest)) and not _NOT_NAME.search(match.group(0)):
        found.append(match.group(0))
        rest = rest[match.end():]
    return found


def find_issuer(title: str, kind: DocKind, text: DocText | None = None) -> str | None:
    """The body issuing the plan: the most local place named in the title, as the text names it
    (河北区 → 河北区人民政府 for a government work report); None when masked or unnamed."""
    chain = _admin_chain(title)
    if not chain:
        return None
    name = chain[-1]
    if _MASKED.search(name):
        return None
    body = " ".join(line for _, line in text.content()) if text is not None else ""
    if name.endswith("街道") and body:
        # A sub-district often calls itself by the short form (大港街); when the full form
        # appears nowhere but in the quoted title, use the name the text uses.
        short = name[:-1]
        if body.count(name) <= title.count(name) and body.count(short) - body.count(name) >= 2:
            name = short
    if kind == "work_report" and "政府工作报告" in title and not name.endswith("人民政府"):
        return name + "人民政府"
    return name


def admin_chain(title: str) -> list[str]:
    """The administrative names a title starts with, most general first (天津市, 滨海新区, 大港街道);
    empty when the title names no place (used to tell places apart, knowledge.places)."""
    return _admin_chain(title)
