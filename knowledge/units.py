"""Responsible units: who leads (牵头) and who is responsible or cooperates (责任/配合), wherever
a plan writes them.

Written forms (a rule table, each with table-driven tests):
- labels: 牵头单位：区发改局；责任单位：区财政局、区住建局 (in the text, on a line of their own
  after the task, or in a bracket: （责任单位：市人社局、市财政局）);
- role words in a bracket: 〔市发改委牵头，市财政局配合〕, （区水务局负责）, 经发办（牵头）、财政所;
- table columns (牵头单位 / 责任单位 / 配合单位), read by knowledge/task_tables.py;
- a document rule: 列第一位者为牵头单位 — the first unit of every 责任单位 list leads.
A unit in a bracket without a label must look like a unit (its name ends in 局, 委, 办, 中心 …:
data/unit_suffixes.txt), so （市场化运作） is no unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.wordlists import alternation

# A label may name what the unit does between role and unit: 牵头考核单位, 配合落实部门.
_LEAD_LABEL = r"(?:牵头|主责|主办)(?:考核|负责|落实|推进|实施|责任)?(?:单位|部门|科室|处室|股室|站所|机构)"
_OTHER_LABEL = (r"(?:责任|配合|协办|协同|参与|参加|协助|实施|支撑|支持|协作|成员)(?:考核|落实|推进|实施)?"
                r"(?:单位|部门|科室|处室|股室|站所|机构)")
# A unit list runs to the end of the clause, or to the next label (牵头单位：A、B，支撑单位：C).
_LABEL = re.compile(
    rf"(?P<label>{_LEAD_LABEL}|{_OTHER_LABEL})\s*[:：]\s*"
    # (…，完成时限：… or any other label after a comma ends the list too)
    rf"(?P<units>(?:(?![，,；;]\s*(?:{_LEAD_LABEL}|{_OTHER_LABEL}|[\u4e00-\u9fff]{{2,6}}\s*[:：]))"
    r"(?:[^。；;（）()〔〕\n：:]|[（(](?:牵头|负责|配合|主责|协办|参与|[市区县旗、]{1,5}|含[^）)]{1,12}|[^（）()]{1,6}局)[）)]))+)")
# 列第一位者为牵头单位 / 排在首位的为牵头部门: the first of every unit list leads.
FIRST_IS_LEAD = re.compile(r"(?:列|排)(?:在)?(?:第一位|首位|第一)的?(?:者|单位|部门)?(?:为|是)牵头(?:单位|部门)"
                           r"|第一(?:个|家)?(?:单位|部门)为牵头(?:单位|部门)")
_IS_LEAD_LABEL = re.compile(_LEAD_LABEL)
# A role mark after a unit inside a list: 经发办（牵头）、财政所.
_ROLE_MARK = re.compile(r"[（(](?P<role>牵头|负责|配合|主责|协办|参与)[）)]")
# A bracket that names units with role words: 〔市发改委牵头，市财政局配合〕, （区水务局负责）.
_BRACKET = re.compile(r"[（(〔【\[](?P<body>[^（）()〔〕【】\[\]]{2,120}?)[）)〕】\]]")
_ROLE_AFTER = re.compile(r"(?P<units>.+?)(?:按职责分工|按照职责分工|按职责|分别)?"
                         r"(?P<role>牵头|负责|配合|落实|主责|协办|参与|协助)$")
_LEAD_ROLES = ("牵头", "主责")
_SPLIT = re.compile(r"[、，,；;/\s]+|(?<=[局委办所队站部处院厅心司行会])(?:和|及|与)")
_UNIT_END = re.compile(rf"(?:{alternation('unit_suffixes')})$")
_NOT_UNIT = ("等", "各", "各有关单位", "有关单位", "相关单位", "有关部门", "相关部门")

# The rule itself, and 下同, inside the first unit bracket: （市卫健委负责。排在第一位的部门为牵头部门，下同）
_DOCUMENT_RULE = re.compile(rf"(?:{FIRST_IS_LEAD.pattern})|[，,。]?\s*下同")


@dataclass
class Units:
    """Units named for a task: the lead units and the others (responsible, cooperating)."""

    lead: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    @property
    def all(self) -> list[str]:
        """Every unit, lead units first, each once."""
        return _unique(self.lead + self.others)

    def __bool__(self) -> bool:
        return bool(self.lead or self.others)

    def add(self, units: list[str], lead: bool) -> None:
        """Add units in their role (a unit already named as lead stays lead)."""
        target = self.lead if lead else self.others
        for unit in units:
            if unit not in self.lead and unit not in target:
                target.append(unit)
        if lead:
            self.others = [u for u in self.others if u not in self.lead]

    def extend(self, other: Units) -> None:
        """Add another set of units, keeping its roles."""
        self.add(other.lead, True)
        self.add(other.others, False)


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def split_units(text: str) -> list[str]:
    """Unit names from a 牵头单位/责任单位 cell or phrase, split on 、，; and 和/及."""
    units = []
    for part in _outside_brackets(_SPLIT, _ROLE_MARK.sub("", text)):
        part = part.strip(" 。：:“”\"")
        if not _balanced(part) or re.fullmatch(r"[（(][^（）()]*[）)]", part):
            part = part.strip("（）()")
        part = re.sub(r"(?:(?:按职责分工|按照职责分工|按职责|分别)?(?:牵头|负责|配合|落实|主责|协办|参与))+$", "", part)
        part = part.removesuffix("等")
        if 2 <= len(part) <= 30 and part not in _NOT_UNIT:
            units.append(part)
    return _unique(units)


def _outside_brackets(pattern: re.Pattern[str], text: str) -> list[str]:
    """`text` split where `pattern` matches outside a short bracket: a list inside a bracket is
    part of one name (各县（市、区）人民政府)."""
    guarded = re.sub(r"[（(][^（）()]{1,12}[）)]", lambda m: m.group().replace("、", "\0"), text)
    return [part.replace("\0", "、") for part in pattern.split(guarded)]


def _balanced(part: str) -> bool:
    """Whether a name's brackets open and close within it (各县（市、区）人民政府)."""
    return part.count("（") + part.count("(") == part.count("）") + part.count(")") > 0


def _marked(text: str) -> Units:
    """A unit list where roles are marked after names: 经发办（牵头）、财政所（配合）."""
    units = Units()
    for part in _outside_brackets(re.compile(r"[、，,；;]"), text):
        mark = _ROLE_MARK.search(part)
        names = split_units(part)
        units.add(names, bool(mark and mark["role"] in _LEAD_ROLES))
    return units


def _labelled(text: str, first_is_lead: bool) -> Units:
    units = Units()
    for m in _LABEL.finditer(text):
        listed = _marked(m["units"])
        if _IS_LEAD_LABEL.match(m["label"]):
            units.add(listed.all, True)
            continue
        if first_is_lead and not units.lead and not listed.lead and listed.others:
            units.add(listed.others[:1], True)
            listed.others = listed.others[1:]
        units.extend(listed)
    return units


def unit_brackets(text: str, first_is_lead: bool = False) -> list[tuple[int, int]]:
    """Where the brackets that name units stand ((start, end) of each): （合肥海关负责）,
    〔市发改委牵头，市财政局配合〕, （责任单位：市人社局）."""
    spans = []
    for m in _BRACKET.finditer(text):
        if _LABEL.search(m["body"]) or _bracketed(m.group(), first_is_lead):
            spans.append(m.span())
    return spans


def _bracketed(text: str, first_is_lead: bool) -> Units:
    """Units in brackets that say their role: 〔市发改委牵头，市财政局配合〕, （区水务局负责）."""
    units = Units()
    for m in _BRACKET.finditer(text):
        body = _DOCUMENT_RULE.sub("", m["body"])
        if _LABEL.search(body):
            continue  # （责任单位：…） is read as a label
        parts = [p.strip() for p in re.split(r"[，,；;。]", body) if p.strip()]
        found = Units()
        has_lead = any((after := _ROLE_AFTER.match(p)) is not None and after["role"] in _LEAD_ROLES for p in parts)
        for part in parts:
            role = _ROLE_AFTER.match(part)
            if role is None:
                found = Units()
                break  # a clause without a role word: the bracket says something else
            names = split_units(role["units"])
            if not names or not all(_UNIT_END.search(n) or n.startswith("各") for n in names):
                found = Units()
                break
            # （X负责）: X answers for the task, but only 牵头/主责 mark a lead (一 unit 负责 is no 牵头)
            is_lead = role["role"] in _LEAD_ROLES
            if not has_lead and first_is_lead and role["role"] == "负责":
                found.add(names[:1], True)  # 排在第一位的部门为牵头部门: the others are responsible
                found.add(names[1:], False)
                continue
            found.add(names, is_lead)
        units.extend(found)
    return units


# 由市市场监管局牵头，市经济信息化局、市住房城乡建设局配合: roles said in the sentence itself.
_LED_BY = re.compile(r"由(?P<lead>[^，,。；;由]{2,60}?)牵头(?:[，,](?P<others>[^，,。；;]{2,80}?)(?:配合|参与|协同|协助))?")


def _led_by(text: str) -> Units:
    units = Units()
    for m in _LED_BY.finditer(text):
        lead = split_units(m["lead"])
        if not lead or not all(_UNIT_END.search(n) or n.startswith("各") for n in lead):
            continue
        units.add(lead, True)
        others = split_units(m["others"] or "")
        if others and all(_UNIT_END.search(n) or n.startswith("各") for n in others):
            units.add(others, False)
    return units


def find_units(text: str, first_is_lead: bool = False) -> Units:
    """The units a task's text names, by role (labels first, then role words in brackets, then
    由…牵头，…配合 in the sentence)."""
    units = _labelled(text, first_is_lead)
    units.extend(_bracketed(text, first_is_lead))
    if not units:
        units.extend(_led_by(text))
    return units


def unit_line(text: str, first_is_lead: bool = False) -> Units | None:
    """The units of a line that holds nothing but unit labels (牵头单位：区发改局 / 责任单位：…)."""
    stripped = text.strip().strip("（）()〔〕")
    if not _LABEL.match(stripped):
        return None
    rest = _LABEL.sub("", stripped)
    if re.sub(r"[\s。；;，,]|完成时限[:：].*|时间节点[:：].*|完成时间[:：].*", "", rest):
        return None  # more than labels on the line
    return _labelled(stripped, first_is_lead)
