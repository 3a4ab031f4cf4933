"""Quantified targets in prose: 规模以上工业总产值81.11亿元，同比增长3.2%; 新增就业人数不低于1万人."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.numbers import PLACE_AFTER_COUNT, Quantity, find_quantities
from knowledge.plan_periods import five_year_period, shi_wu_number
from knowledge.prose_names import (
    NAME_OK,
    NOUN_LEAD,
    clean_name,
    counted_noun,
    quotes_closed,
    share_head,
    strip_noun_trail,
)
from knowledge.target_filters import BAD_NAME, HEADING_NUMBER, NOT_A_NAME, is_reference, rule_amount, usable
from knowledge.target_words import (
    CLEARED,
    COMPLETE_NAMED,
    COMPLETE_TASK,
    LISTED,
    MAIN_TARGETS,
    QUALITATIVE,
    paired,
)

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
# A clause runs to the next comma, semicolon or colon; a comma inside 1,200 does not end it.
_CLAUSE_TEXT = re.compile(r"(?:[^，,；;：:。！？!?]|(?<=\d),(?=\d{3}(?!\d)))+")
# Statements of what exists or happened (现有, 部署了), not of a target.
_DESCRIPTIVE = re.compile(r"现有|目前|实际管辖|全长|总长|占地|辖区面积|总面积约|(?:总)?建筑面积|用地面积")
_PAST = re.compile(r"(?<![为除])了|已(?:经)?(?:建成|完成|实现|达到|形成|累计|有|开工|投入|超过|突破)")
# An area or length that sizes a place (21平方公里区域) describes it.
_PLACE_AFTER_AREA = re.compile(r"^[\u4e00-\u9fffA-Z]{0,6}(?:区域|片区|范围|地块|园区|空间)")
_AREA_UNITS = ("平方公里", "万平方米", "平方米", "公顷", "亩", "公里", "米")
# Verbs before a count in Chinese numerals that make it a target (建成三个; 开放百个 from ten up).
_CN_COUNT_VERB = re.compile(r"(?:完成|达到|建成)\s*$")
_CN_LARGE_VERB = re.compile(r"(?:开放|打造|推广|培育|建设|新建|引进|认定|遴选|创建|形成|推出|发布|招引|新增|实施|培养)\s*$")
# A share of a base: 面积应不低于年度计划任务量的60%, 人员达到编制数量的95%.
_SHARE_OF = re.compile(r"^(?P<name>.{2,40}?)(?:应|要|须|需|均)?(?P<cmp>不低于|不少于|不高于|不超过|达到|达)"
                       r"(?P<base>[\u4e00-\u9fff“”]{2,16})的$")
# A share of a whole meeting a standard (40%以上面积达到海绵城市建设目标要求), and N%的目标要求.
_MEETS = re.compile(r"^(?:的)?(?:面积|区域|范围|用地)(?:达到|符合|满足)(?P<standard>[\u4e00-\u9fff“”]{2,20}?)"
                    r"(?:目标)?(?:要求|标准)")
_OF_TARGET = re.compile(r"^的(?:目标|要求|目标要求|目标任务|任务)")
# A time adverbial closing a name (…处理量在项目试运行期间): no part of it.
_DURING = re.compile(r"(?:在|于)[^，,；;]{2,16}(?:期间|期内|阶段|时)$")
# A goal sentence (到2027年，…) and a facility it says will be built (建成国家级中试基地（…方向）).
_GOAL_SENTENCE = re.compile(r"^(?:到|至)\s*(?:19|20)\d{2}\s*年(?:底|末)?[，,]")
_BUILT = re.compile(r"^(?P<value>(?:基本|全面)?建成)(?P<name>[^\d，,；;（(]{4,30}?(?:基地|中心|平台|示范区|先行区|试验区|"
                    r"园区|体系|高地|枢纽|集群))(?:[（(][^（）()]{1,20}[)）])?$")
# A rate with no subject (覆盖率, 达标率): it belongs to what the clause before names.
_BARE_RATE = re.compile(r"[\u4e00-\u9fff]{0,2}(?:率|比例|比重|占比)")
# 由2020年的92%提高到95%: a baseline, then the target.
_FROM = re.compile(r"(?:由|从)(?:(20\d\d)年(?:底|末)?的?)?$")
_TO = re.compile(r"(?:提高|增加|提升|增长|上升|下降|降低|减少|扩大|缩小|降)(?:到|至)")
# A list item's label (东湖科创走廊项目：…) and the generic names that need it to mean anything.
_ITEM_LABEL = re.compile(r"^\s*([^：:，,。；;]{2,30})[：:]")
_GENERIC_NAME = re.compile(r"(?:计划|项目)?(?:总投资|投资|投资额|总投资额|建筑面积|总建筑面积|用地面积)")
# 均达到: the value holds for each name listed before it.
_SHARED = re.compile(r"均(?:达到|达|为|保持在|控制在|不低于|不少于|超过|在)?\s*$")
# A task number opening the line (17.守住工业基本盘) is no quantity.
_LIST_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.．、]\s*(?!\d)")
# 同比增长3.2% standing alone: the growth of the target before it.
_GROWTH_ONLY = re.compile(r"^(?:同比|比上年|较上年|年均|绝对)?(?:增长|增速|增幅|提高|提升|增加|下降|降低)(?:达到|为|超过)?$")
_GROWTH_WORD = re.compile(r"(?:同比|比上年|较上年|年均|绝对)?(?:增长|增速|增幅)(?:达到|为)?$")
# A clause opening with a date or five-year period (2020年…, “十三五”期间…), or with a future one.
_PAST_DATE = re.compile(r"^(?:在|于|截至|截止)?(?:((?:19|20)\d\d)年|[“\"]?(十[一二三四五六]?)五[”\"]?(?:期间|时期|末|以来))")
_FUTURE_MARK = re.compile(r"^(?:到|至|力争|计划|预计|争取|今后|未来|下一步)")
# Cheap test before the quantity scan: a digit, a Chinese count after 完成/达到/建成, or one of
# ten and more (百个, 三十家).
_HAS_NUMBER = re.compile(r"[\d０-９]|(?:完成|达到|建成)\s*[一二三四五六七八九十两]|[一二两三四五六七八九十]?[十百千][个家项所座条处名]")


@dataclass
class Found:
    """A prose indicator before it becomes an Indicator."""

    name: str
    quantity: Quantity | None
    growth: str | None = None
    value: str | None = None
    unit: str | None = None
    growth_only: bool = False
    baseline: Quantity | None = None
    baseline_year: int | None = None
    sentence: str = ""
    clause: str = ""
    offset: int = 0  # where the target sits in the text given to prose_targets


def prose_targets(line_text: str, start_year: int | None = None, facts: bool = False) -> list[Found]:
    """Quantified targets stated in one line of prose, in reading order.

    With the plan's first year, clauses dated before it (2020年完成…, “十三五”期间…) are skipped.
    With `facts`, the line reports results (a review of the past year): what was done counts too.
    """
    results: list[Found] = []
    numbered = _LIST_NUMBER.match(line_text)
    at = numbered.end() if numbered else 0
    # 1.东湖科创走廊项目：总投资120亿元: a bare 总投资 belongs to the item the label names
    label = _ITEM_LABEL.match(line_text[at:]) if numbered else None
    for sentence in _SENTENCE_END.split(line_text[at:]):
        if sentence.strip():
            for item in _sentence_targets(sentence, None if facts else start_year, facts):
                item.offset += at
                if label and _GENERIC_NAME.fullmatch(item.name):
                    item.name = label.group(1) + item.name
                item.name = quotes_closed(HEADING_NUMBER.sub("", item.name))
                if BAD_NAME.search(item.name) or NOT_A_NAME.match(item.name):
                    continue  # ）、2025年…, 对成功创建…企业, 省级: a fragment, not an indicator's name
                results.append(item)
        at += len(sentence)
    return results


def _sentence_targets(sentence: str, start_year: int | None = None, facts: bool = False) -> list[Found]:
    """Targets in one sentence, clause by clause; a growth clause joins the target before it."""
    found: list[Found] = []
    main = MAIN_TARGETS.search(sentence)
    body_at = main.end() if main else 0
    previous_clause = ""
    previous_items: list[Found] = []
    past = False
    current: tuple[str, Quantity] | None = None
    words: list[Found] = []  # 建成… targets in words of a goal sentence
    goal = _GOAL_SENTENCE.match(sentence.strip()) is not None
    for m in _CLAUSE_TEXT.finditer(sentence, body_at):
        clause = m.group().strip()
        if not clause:
            continue
        clause_at = m.start() + len(m.group()) - len(m.group().lstrip())
        # A past date holds for the clauses after it until a future one (到2025年, 力争) appears.
        dated = _dated(clause, start_year)
        if dated is False or _FUTURE_MARK.match(clause):
            past = False  # 到2025年…, or 2026年应完成… in a 2026 plan: the plan's own time again
        elif dated:
            past = True
        if past:
            previous_clause, previous_items = clause, []
            continue
        if _DESCRIPTIVE.search(clause):
            # 现有规上企业86家，到2025年达到120家: what exists now is the next target's baseline.
            current = _current_state(clause)
            previous_clause, previous_items = clause, []
            continue
        items = _clause_targets(clause, previous_clause, previous_items, sentence[:clause_at], facts)
        if not items and current is not None:
            items = _target_for_current(clause, current)
        current = None
        if not items and main:
            items = _qualitative(clause, listed=True)
        if not items and goal and (built := _BUILT.match(clause)):
            items = [Found(name=built["name"], quantity=None, value=built["value"])]
            words.extend(items)
        for item in items:
            item.sentence = sentence.strip()
            item.clause = clause
            item.offset = clause_at + (item.quantity.start if item.quantity else 0)
        found.extend(items)
        previous_clause, previous_items = clause, items
    if words and all(item.quantity is None for item in found):
        # 到2025年，基本建成…示范区 alone is a vision; beside counted targets it is one of them
        found = [item for item in found if item not in words]
    return found


def _current_state(clause: str) -> tuple[str, Quantity] | None:
    """The name and quantity a descriptive clause states (辖区现有规上企业86家)."""
    for q in find_quantities(clause):
        if usable(clause, q):
            name = clean_name(_DESCRIPTIVE.split(clause[: q.start])[-1])
            return (name, q) if name else None
    return None


def _target_for_current(clause: str, current: tuple[str, Quantity]) -> list[Found]:
    """达到120家 after 现有…86家: a target for the same thing, with the current value as baseline."""
    name, base = current
    for q in find_quantities(clause):
        if usable(clause, q) and q.unit == base.unit and not clean_name(clause[: q.start]):
            return [Found(name=name, quantity=q, baseline=base, unit=q.unit)]
    return []


def _dated(clause: str, start_year: int | None) -> bool | None:
    """Whether a clause opens with a date before the plan starts (2020年完成…, “十三五”期间累计…:
    True) or with a year the plan covers (2026年应完成… in a 2026 plan: False); None otherwise."""
    m = _PAST_DATE.match(clause)
    if m is None or start_year is None:
        return None
    if m.group(1):
        return int(m.group(1)) < start_year
    return True if five_year_period(shi_wu_number(m.group(2)))[1] < start_year else None


def _qualitative(clause: str, listed: bool = False) -> list[Found]:
    """Targets in words (固定资产投资实现正增长, 完成下达的节能减排任务): the words are the value;
    names listed with 、 share it (城镇登记失业率、节能减排等约束性指标完成市确定的目标). In a list of
    main targets (`listed`) any short name will do (节能减排完成市下达任务)."""
    m = COMPLETE_TASK.match(clause)
    if m:
        return [Found(name=m.group("name"), quantity=None, value=clause)]
    cleared = CLEARED.match(clause)
    if cleared:
        return [Found(name=clean_name(cleared["name"]), quantity=None, value=clause)]
    m = COMPLETE_NAMED.match(clause) or QUALITATIVE.match(clause) or (LISTED.match(clause) if listed else None)
    if not m:
        return []
    value = m.group("value")
    growth = value.removeprefix("实现") if "增长" in value and "与" not in value else None
    names = [clean_name(n) for n in re.sub(r"等(?:约束性|预期性)?指标$", "", m.group("name")).split("、")]
    return [Found(name=n, quantity=None, value=value, growth=growth) for n in names if len(n) >= 2]


def _clause_targets(clause: str, previous_clause: str, previous_items: list[Found],
                    sentence_before: str = "", facts: bool = False) -> list[Found]:
    """Targets in one clause: 'name + quantity' or 'quantity + counted noun'."""
    has_number = _HAS_NUMBER.search(clause) is not None
    quantities = [q for q in find_quantities(clause) if usable(clause, q)] if has_number else []
    if not quantities:
        # 与经济增长同步, 完成区里指标要求: a target in words, its own words are the value
        return _qualitative(clause)
    change = _from_to(clause, quantities)
    if change is not None:
        return [change]
    # 分别 + several quantities: the names are the items listed before (政府投资项目、社会投资项目…).
    if "分别" in clause and len(quantities) > 1:
        return _respectively(clause, previous_clause, quantities)
    results: list[Found] = []
    skip: set[int] = set()
    for idx, q in enumerate(quantities):
        prev_end = quantities[idx - 1].end if idx else 0
        nxt = quantities[idx + 1] if idx + 1 < len(quantities) else None
        before = clause[prev_end:q.start]
        after = clause[q.end:nxt.start if nxt else len(clause)]
        if idx in skip:
            continue
        # 6栋234户: a count glued to another count describes one thing twice; no target.
        if nxt is not None and not after.strip() and q.unit and nxt.unit:
            skip.add(idx + 1)
            continue
        if ((_PAST.search(clause[: q.start]) and not facts) or is_reference(clause[: q.start])
                or rule_amount(clause, q, sentence_before)):
            continue
        if _FROM.search(before):
            continue  # 能力由12万吨/天，提高至…: where it starts, its end in the next clause
        meets = _MEETS.match(after) if q.is_percent else None
        if meets and clean_name(before):
            # 建成区40%以上面积达到海绵城市建设要求: the share of the whole that meets the standard
            results.append(Found(name=clean_name(before) + meets["standard"] + "达标面积比例", quantity=q, unit=q.unit))
            continue
        if after.startswith("的") and not _OF_TARGET.match(after):
            continue  # 总面积3.5万平方米的孵化器: the number describes the noun, it is no target
        if re.match(r"^[\u4e00-\u9fff“”\"]{1,12}等[\u4e00-\u9fff]", after) or (
                q.unit in _AREA_UNITS and _PLACE_AFTER_AREA.match(after)):
            continue  # 7.3公里接驳线等区域, 6.9平方公里片区: a description, not a target
        share = _SHARE_OF.match(before) if q.is_percent else None
        name = clean_name(_DURING.sub("", share["name"])) if share else ""
        if share and name:
            # 整治的面积应不低于年度计划任务量的60%, 处理量达到预期处理量的50%以上: a share of a base
            value = share["cmp"] + share["base"] + "的" + clause[q.start:q.end].strip()
            results.append(Found(name=name, quantity=q, unit=q.unit, value=value))
            continue
        growth_name = _GROWTH_WORD.search(before)
        if q.is_percent and growth_name:
            name = clean_name(before[: growth_name.start()])
            growth_value = clause[q.start:q.end].strip()
            if not name and _GROWTH_ONLY.match(before.strip()):
                # 同比增长3.2% after a quantity: the growth of the previous target.
                target = results[-1] if results else (previous_items[-1] if previous_items else None)
                if target is not None and target.growth is None:
                    target.growth = growth_value
                    continue
                name = clean_name(re.sub(r"^在(.{2,12}?)等.*$", r"\1", previous_clause))
            if name:
                # 地区生产总值增长7.5%左右: the growth is the target, its words (比2020年增长20%) the value
                at = before.rfind(name)
                word = before[at + len(name):].strip().removeprefix("均") if at >= 0 else growth_name.group()
                listed = before[: growth_name.start()].rstrip()
                names = [name]
                if listed.endswith("均") and "、" in listed:
                    # A、B均增长8%: each listed name grows by it
                    names = [n for n in (clean_name(p) for p in listed[:-1].split("、")) if len(n) >= 2] or names
                results.extend(Found(name=n, quantity=q, growth=growth_value, unit="%", growth_only=True,
                                     value=word + growth_value) for n in share_head(names))
            continue
        if q.chinese and not (_CN_COUNT_VERB.search(before)
                              or (q.number is not None and q.number >= 10 and _CN_LARGE_VERB.search(before))):
            continue  # 一个中心, 两个机制: words; 建成三个, 开放百个应用场景: counts
        if q.chinese and q.number == 1:
            continue  # 一批, 一个: no target number
        tail = after
        if after.strip() in ("、", "和", "及") and nxt is not None:
            # 13个、11.63万平方米老旧小区改造: both counts share the noun after the last one.
            tail = clause[nxt.end: quantities[idx + 2].start if idx + 2 < len(quantities) else len(clause)]
        unit = q.unit
        if unit and unit.startswith("个") and unit[1:] in PLACE_AFTER_COUNT and not NOUN_LEAD.match(tail.strip()) and (
                counted_noun(tail, q) != "") and not re.search(r"(?:在|[、及和][^、及和]{0,8})$", before):
            # 1-2个社区卫生服务站: 社区 starts the noun; only 在13个社区建立… counts places.
            tail, unit = unit[1:] + tail, "个"
        counted = counted_noun(tail, q)
        if counted == "":
            continue  # 实现7个社区全覆盖: the count qualifies a verb, not a noun
        before_name = clean_name(before)
        name = before_name if counted and before_name.endswith(counted) else (counted or before_name)
        if not name or not NAME_OK.search(name):
            continue
        if _BARE_RATE.fullmatch(name) and previous_clause:
            # …打造智慧社区，实现覆盖率100%: the rate is of the thing just named.
            subject = clean_name(re.split(r"[的了]", previous_clause)[-1])
            if subject and len(subject) <= 12:
                name = subject + name
        if _GENERIC_NAME.fullmatch(name) and previous_items and previous_items[-1].quantity is not None:
            # 抓好1527个重点项目，完成投资2600亿元: the investment is the projects' just named
            name = previous_items[-1].name + name
        shared = _SHARED.search(before)
        if shared:
            # A率、B率均达到75%: each listed name has the value
            names = [clean_name(n) for n in before[: shared.start()].split("、")]
            names = [n for n in names if len(n) >= 2]
            if len(names) > 1:
                results.extend(Found(name=n, quantity=q, unit=unit) for n in names)
                continue
            name = name.removesuffix("均")
        results.append(Found(name=name, quantity=q, unit=unit))
    trailing = re.match(r"\s*、(?P<rest>[^、]+)$", clause[quantities[-1].end:])
    if trailing:
        results.extend(_qualitative(trailing["rest"].strip()))  # …不高于37微克/立方米、劣V类水体全面消除
    return results


def _from_to(clause: str, quantities: list[Quantity]) -> Found | None:
    """由2020年的92%提高到95%: one target with its baseline."""
    for a, b in zip(quantities, quantities[1:], strict=False):
        lead = _FROM.search(clause[: a.start])
        if lead and _TO.fullmatch(clause[a.end:b.start].strip()):
            name = clean_name(clause[: lead.start()])
            if not name:
                return None
            return Found(name=name, quantity=b, baseline=a, unit=b.unit or a.unit,
                          baseline_year=int(lead.group(1)) if lead.group(1) else None)
    return None


def _respectively(clause: str, previous_clause: str, quantities: list[Quantity]) -> list[Found]:
    """分别计划投资7.93亿元、66.27亿元…: pair the listed names with the quantities in order."""
    if any(rule_amount(clause, q) for q in quantities):
        return []  # 分别给予一次性奖励200万元、100万元: amounts a policy grants
    names = share_head([n for n in (clean_name(n) for n in re.split(r"[、和及]", clause[: clause.index("分别")])) if n])
    if len(names) == 1 and len(quantities) == 2:
        names = paired(names[0]) or names  # 城乡居民人均可支配收入分别增长7%和8%
    if len(names) != len(quantities):
        names = [clean_name(n) for n in re.split(r"[、和及]", previous_clause)]
        names = [n for n in names if n]
    if len(names) != len(quantities):
        return []
    unit = next((q.unit for q in reversed(quantities) if q.unit), None)
    growth = _GROWTH_WORD.search(clause[: quantities[0].start].strip())
    if growth and all(q.is_percent for q in quantities):
        # 分别增长7%和8%左右: growth targets, the growth words before the first rate hold for all
        word = growth.group().replace("达到", "").replace("为", "")
        rates = [clause[q.start:q.end].strip() for q in quantities]
        return [Found(name=strip_noun_trail(n), quantity=q, growth=r, unit="%", growth_only=True, value=word + r)
                for n, q, r in zip(names, quantities, rates, strict=True)]
    return [Found(name=strip_noun_trail(n), quantity=q, unit=q.unit or unit) for n, q in zip(names, quantities, strict=True)]
