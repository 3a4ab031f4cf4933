"""What is no target: amounts a policy grants, charges or sets as a condition, numbers that are
references, dates, prices or frequencies, and names that are fragments (used by
knowledge/indicator_prose.py).

给予一次性奖励50万元, 单户最高不超过10万元, 按设备投资的5%, 对…投资额3000万元及以上的项目, （每日91元）,
对…连接软管长度超过2米…的，要…, 8万人大型开放空间: each is a number in a sentence, none a target.
"""

from __future__ import annotations

import re

from knowledge.numbers import Quantity
from knowledge.wordlists import alternation

# Amounts a policy grants, charges or sets as a condition (data/rule_amount_cues.txt).
_RULE_CUE = re.compile(alternation("rule_amount_cues"))
# 每户奖励5万元, 每项奖现金3000元: an amount per item (每千名老年人… is a ratio, a target).
_PER_ITEM = re.compile(r"每(?:获得|新上|新增|个|项|户|人|名|位|家|单|枚|次|所|块|亩|平方米|吨|辆|台|套)")
_MONEY = ("元", "万元", "亿元", "万美元", "亿美元")
# A condition, not a target: 投资额3000万元（含）以上的项目, 5000万元以下的企业.
_CONDITION_AFTER = re.compile(r"^\s*(?:[（(]含[)）])?\s*(?:及以上|及以下|以上|以下|以内|—[^，,；;]{1,12})?\s*(?:的|（含）)")
# …50%的目标要求, 40%的区域达到…要求: the number is a target, not a condition.
_TARGET_OF = re.compile(r"^\s*(?:以上|以下)?的(?:目标|要求|任务|(?:面积|区域|范围|用地)(?:达到|符合|满足))")
# List numbering left at the front of a name: （十一）对…, 3.…
HEADING_NUMBER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、])\s*")
# Words that are no indicator's name on their own (an adverb, a level, a place-wide qualifier).
NOT_A_NAME = re.compile(r"^(?:全市|全区|全县|全镇|全街|全省|不得|逐年|原则上|其中|分别|累计|合计|共计|每年|省级|市级|县级|区级|"
                         r"国家级|初级|中级|高级|人员|奖励)$")
# A name that is a fragment: it starts with a closing mark, leaves a bracket open, or ends in a link word.
# It also ends in a modal, a quantifier or a verb of pace (原则上项目面积应, 登高平台消防车各, 镇坪路等,
# 既有园区和至少, 项目尽快), or is a date (1-2月前): a noun phrase never ends so.
BAD_NAME = re.compile(r"^[）)、，,·/\-—\]】〕]|^(?:对(?!外|口|标)|凡|当(?!年|期|地)|[（(]不?含)|(?:以上|以下)的|[（(《〈【〔][^）)》〉】〕]*$|^[^（(]*[）)]|"
                      r"(?:的|按|在|为|分别|给予|至|达|和|或|应|须|需|各|及|与|等|至少|同时|大于|小于|不少于|不低于|"
                      r"尽快|加快|常年|阶段性|新增|通过|之一|以及)$|^[\d\-~—至、]+月")


# A sentence that states a condition first: 对…的，要…; 凡…的，…
_CONDITIONAL = re.compile(r"^(?:\d{1,2}\s*[.．、]\s*)?(?:对于|对|凡)")
_PEOPLE = ("人", "万人", "名")
# Nouns a count of people can name (8万人次游客, 200名志愿者); anything else is sized by them.
_PERSON_NOUN = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}(?:人|员|者|户|生|师|工|民|士|家|队|群众|居民|游客|儿童|老人|青年|学员|人才)"
                          r"|口|以上|以下|左右|次|[，,。；;、])")


# A short quoted name around a number: “ at most 8 characters before it, ” (or a plain ") at most 8 after.
_SHORT_QUOTE_BEFORE = re.compile(r"“[^“”\"，,。；;]{0,8}$")
_SHORT_QUOTE_AFTER = re.compile(r"[^“”\"，,。；;]{0,8}[”\"]")


def rule_amount(clause: str, q: Quantity, sentence_before: str = "") -> bool:
    """Whether a number states what a policy grants, charges or requires, not a target."""
    before = clause[: q.start]
    if _RULE_CUE.search(before) or _PER_ITEM.search(before) or _RULE_CUE.search(clause[q.end:q.end + 8]):
        return True  # 给予奖励50万元, 每获得金牌1枚, 200万元奖励
    if q.unit in _MONEY and _RULE_CUE.search(sentence_before):
        return True  # 补贴标准为：初级1000元、中级1500元
    if _CONDITIONAL.match((sentence_before + clause).lstrip()) and clause.rstrip().endswith("的"):
        return True  # 对…连接软管长度超过2米…的，要依法责令改正: a condition of a rule
    if q.unit in _PEOPLE and (noun := clause[q.end:].strip()) and not _PERSON_NOUN.match(noun):
        return True  # 8万人大型开放空间: how many it holds, not a count of people
    if before.count("（") + before.count("(") > before.count("）") + before.count(")"):
        return True  # （每日91元）: a number inside a bracket explains, it sets no target
    if _SHORT_QUOTE_BEFORE.search(before) and _SHORT_QUOTE_AFTER.match(clause[q.end:]):
        return True  # “上门10项便民服务”工作措施: a number inside a short quoted name is part of the name
    after = clause[q.end:]
    return _CONDITION_AFTER.match(after) is not None and not _TARGET_OF.match(after)


# Prepositions that introduce a reference, not a target (以全街237个基层党组织为主体, 紧盯738家规上企业).
_REFERENCE_LEAD = re.compile(r"(?:^|[，,；;])\s*(?:以|围绕|紧盯|依托|发挥|对|针对|按照|面向|聚焦|结合|利用|借助|通过|根据|依据|参照|当)"
                             r"[^，,；;]*$")
_ACTION_VERB = re.compile(r"带动|开展|实施|完成|建成|建设|新建|新增|举办|组织|打造|推动|推进|实现|增加|增设|培育|引进|盘活|收储|整改|招引|筹集|成立|建立|达到|提升|改造|养护")


def is_reference(before: str) -> bool:
    """Whether the words before a number make it a reference (以…为, 紧盯738家) rather than a target."""
    m = _REFERENCE_LEAD.search(before)
    return m is not None and not _ACTION_VERB.search(m.group()[1:])


# Names whose value is a bare number: rates, shares, indices, densities.
_UNITLESS_NAME = re.compile(r"(?:率|比例|比重|指数|系数|密度)(?:达到|达|为|保持|稳定)?$")


def usable(clause: str, q: Quantity) -> bool:
    """Whether a quantity can be a target value: it has a unit and is not a date, age, code or ordinal
    (a rate needs none: 十万人口死亡率控制在0.25以内)."""
    after = clause[q.end:]
    before = clause[: q.start]
    if q.unit is None:
        return bool(q.pre or q.post) and _UNITLESS_NAME.search(before.strip()) is not None
    if re.match(r"^(?:月|小时|工作日|分钟|岁|周年|钟)", after):
        return False
    if q.unit and q.unit.split("/")[0] in ("元", "万元", "亿元") and "/" in q.unit:
        return False  # 不超过16元/平方米: a price or a fee, no target
    if q.unit == "天" and not re.search(r"天数(?:达到|达|为|保持在|不少于|超过|力争达到)?$", before.strip()):
        return False  # 30天内, 每天: a time, not a count of days
    if q.unit == "分" and (q.chinese or not (q.pre or q.post or re.search(r"(?:达|达到|得分)$", before))):
        return False  # 扣1分, 十分重要: no score target
    if before.endswith(("第", "每", "前三", "排名")) and not q.pre:
        return False
    # 每周召开1次: a frequency, not a target.
    return not (q.unit == "次" and re.search(r"每[周月日天季年]", before))
