"""Names of prose targets: the words before or after a number cut down to the indicator's name
(开展各类招聘会 → 各类招聘会, 60场展会顺利举办 → 展会; used by knowledge/indicator_prose.py)."""

from __future__ import annotations

import re

from knowledge.numbers import Quantity

# Action verbs whose object is the indicator (开展招商活动 → 招商活动, 带动服务业 → 服务业).
CUT_VERB = re.compile(r"开展|举办|组织|引进|招引|培育|成立|认证|筹集建设|筹集|整改|保持|带动|编制|扩大|引导")
_BARE_SUFFIX = re.compile(r"率|比例|比重|占比|面积|数量|总额|总量|规模|水平|任务|工作")
# Leading words that are not part of an indicator's name (verbs of intent, time words, connectors).
_LEAD_STRIP = re.compile(
    r"^(?:[、和及与并且而、的—\-－•·●◆■▪]|[“\"]?十[一二三四五六七八九]五[”\"]?(?:期间|时期|期末|末)|到(?:20\d\d|二〇[一二三四五六七八九〇]{2})年(?:底|末)?(?:前)?|至(?:20\d\d)年(?:底|末)?(?:前)?|"
    r"(?:20\d\d)年(?:底|末|内)?(?:前)?|建成(?![区后])|今年|全年|"
    # deadlines inside the year (三季度末完成投资, 12月底完成户厕改造) are no part of the name
    r"(?:第?[一二三四1-4]季度|上半年|下半年|年底|年末|(?:1[0-2]|[1-9])月(?:(?:[1-3]?\d)日|底|末|中旬|上旬|下旬)?)(?:末|底)?(?:前|以前)?|"
    r"各类|年内|当年|预计|计划|力争|争取|确保|努力|累计|共计|总计|"
    r"完成|实现|实施|推动|推进|促进|加快|持续|继续|进一步|全面|积极|新建提升(?=$)|"
    r"其中|同时|此外|另外|要|将|使|让|达到|围绕|落实|全力|大力|着力)+"
)
_TRAIL_STRIP = re.compile(r"(?:(?<![人年])均|常年|始终|长期|每(?:月|年|日|天|小时|周)|(?:比|较)(?:20\d\d年|上年|去年|上一年)(?:底|末)?|达到|达|突破|超过|超|为|共计|总计|累计达到|全部|控制在|保持在|稳定在|实现|完成|提高到|提升到|增加到|增至|升至|降至|降低到|下降到|下降至|降低至|扩容至|提高至|提升至|至)+$")
# Words after a counted noun that are not part of it (60场展会顺利举办 → 展会).
_NOUN_TRAIL = re.compile(
    r"(?:的)?(?:顺利举办|举办|落地|落户|建设|供给|立项并完工|投入使用|投入运营|开工建设|开工|竣工|"
    r"全覆盖|任务|工作|整治|全面开工|运营|验收通过|通过验收|入驻|"
    r"签约|引进|开业|达标|提升|落地见效|顺利进行|目标|清单|名单)+$"
)
# Leading action verbs before a counted noun (在13个社区建立老年日间照料服务机构 → 老年日间照料服务机构).
NOUN_LEAD = re.compile(r"^(?:建立|成立|实施|建设|打造|新建|建成|开展|举办|组建|推动|推进|培育|引进|设立|创建)+")
# A name must look like a noun phrase with some content.
NAME_OK = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}")


def counted_noun(after: str, q: Quantity) -> str | None:
    """The noun after a quantity (7个市重点项目 → 市重点项目); "" when only a verb follows; None when nothing."""
    if q.unit is None or q.is_percent:
        return None
    noun = after.strip()
    if not noun or noun.startswith(("、", "和", "及", "（", "(")) or re.search(r"以上|以下|以内|左右", noun):
        return None  # （每日91元） after a value explains it, it names nothing
    if q.unit in ("岁", "个百分点", "百分点"):
        return ""  # 2-3岁托班: an age or a change in points says nothing about a counted noun
    noun = NOUN_LEAD.sub("", noun)
    if noun.endswith("）") and "（" in noun[2:]:
        noun = noun[: noun.index("（", 2)]  # 整治任务量（各街镇任务详见附件）: a closing note names nothing
    noun = strip_noun_trail(noun)
    noun = noun.rstrip("和及与、")
    if _NOUN_TRAIL.fullmatch(noun) or not NAME_OK.search(noun):
        return ""
    if len(noun) > 24:
        return None
    return noun


def strip_noun_trail(noun: str) -> str:
    """The noun without trailing verbs (展会顺利举办 → 展会), unless nothing would be left."""
    stripped = _NOUN_TRAIL.sub("", noun)
    return stripped if len(stripped) >= 2 else noun


def clean_name(text: str) -> str:
    """The indicator name from the words before its number: leading verbs and trailing links removed."""
    name = text.strip(" \t、，,；;")
    # Keep only the part after the last comma-like break inside the text.
    name = re.split(r"[、]", name)[-1] if re.search(r"\d", name.split("、")[0] if "、" in name else "") else name
    # 开展各类招聘会 → 各类招聘会: the object of the last action verb.
    cuts = list(CUT_VERB.finditer(name))
    if cuts:
        rest = name[cuts[-1].end():].strip()
        if len(rest) >= 2 and not _BARE_SUFFIX.fullmatch(rest):
            name = rest
    previous = None
    while previous != name:
        previous = name
        name = _LEAD_STRIP.sub("", name).strip()
        name = _TRAIL_STRIP.sub("", name).strip()
    # 家庭教育服务示范活动、社区家长课程不少于15场: the number belongs to the last full item.
    parts = name.split("、")
    balanced = all(p.count("“") == p.count("”") and p.count('"') % 2 == 0 for p in parts)
    if len(parts) > 1 and balanced and len(parts[-1]) >= 4 and all(len(p) >= 4 for p in parts[:-1]):
        name = _TRAIL_STRIP.sub("", _LEAD_STRIP.sub("", parts[-1]).strip()).strip()  # …保养、确保完好率 → 完好率
    return name if NAME_OK.search(name) else ""


def quotes_closed(name: str) -> str:
    """A name without a quote it does not close (加装消防设施” → 加装消防设施)."""
    return name.strip("“”") if name.count("“") != name.count("”") else name


# A modifier standing for a full name in a list (城镇和农村常住居民人均可支配收入): at most this long.
_MODIFIER = 4


def share_head(names: list[str]) -> list[str]:
    """Names listed with 和/、 whose first ones are modifiers of the last one's head: 城镇 and
    农村常住居民人均可支配收入 → 城镇常住居民人均可支配收入 (the last name's words after a modifier
    of the same length); full names stay as they are."""
    if len(names) < 2:
        return names
    last = names[-1]
    out = []
    for name in names[:-1]:
        if len(name) <= _MODIFIER and len(last) >= len(name) + 3 and not last.startswith(name):
            name += last[len(name):]
        out.append(name)
    return [*out, last]
