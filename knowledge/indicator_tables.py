"""Indicator tables flattened one cell per line (专栏: 类别/序号/指标/2020年/2025年/属性)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.numbers import MEASURE_UNITS, normalize_unit, parse_number
from knowledge.plan_periods import five_year_period, shi_wu_number

# What a header cell says, by column role. Checked in order; the first match wins.
_HEADER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("category", re.compile(r"^(类别|类型|分类|领域|指标类别|指标类型|方面|维度|一级指标|类目)$")),
    ("seq", re.compile(r"^(序号|编号|No\.?)$", re.I)),
    ("unit", re.compile(r"^(单位|计量单位)$")),
    ("attribute", re.compile(r"^(属性|指标属性|性质|指标性质|指标类型属性)$")),
    ("growth", re.compile(r"^(年均增长|年均增速|年均增长率|年均|增幅|累计增长)(（%）|\(%\))?$")),
    ("other", re.compile(r"^((19|20)\d\d\s*年?远景(目标|目标值|值)?|远景目标|备注|说明|完成情况|完成进度|进展情况|执行情况|"
                         r"(牵头|责任|配合|协办)(单位|部门|科室|领导)|完成时限|时间节点)$")),
    ("name", re.compile(r"^(具体指标|指标名称|指标|主要指标|指标内容|名称|项目|主要指标名称|指标名称及单位|指标及单位|二级指标|三级指标)([（(](单位|计量单位)[）)])?$")),
    ("baseline", re.compile(r"^(基期值|基期|现状值|基准值|基数|[“\"]?十[一二三四五六七八九]?五[”\"]?(?:期)?末|(19|20)\d\d\s*年?(基期值|现状值|基准值|基数|实际值|实际|完成值|现状)?|"
                            r"[“\"]?十[一二三四五六七八九]?五[”\"]?(?:期末|末)?(?:完成值|现状值|实际值|完成|现状))$")),
    ("target", re.compile(r"^(目标值|规划目标|预期目标|规划值|[“\"]?十四五[”\"]?末|(20)\d\d\s*年?(目标值|目标|规划值|预期值)?|"
                          r"[“\"]?十[一二三四五六七八九]?五[”\"]?(?:期末|末)?(?:目标值|目标|规划目标|规划值|预期目标|预期值))$")),
)
_YEAR = re.compile(r"((?:19|20)\d\d)")
_ATTRIBUTE = re.compile(r"^(预期性|约束性|预期|约束|指导性)$")
_SEQ = re.compile(r"^\d{1,3}$")
# A cell that ends the table: a heading, a new caption or a paragraph of prose.
_TABLE_END = re.compile(r"^(专栏|表\s*\d|第[一二三四五六七八九十\d]+[章节]|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")
_UNIT_IN_NAME = re.compile(r"\s*[（(]\s*([^（）()]{0,12}?)\s*(?:[）)]|$)\s*$")
_VALUE_CELL = re.compile(r"^(--|—+|-|/|／|无|\d|[<>≤≥]|不|控制|保持|完成|与|达到|超|约\d|力争|实现|稳|持续|逐步|下降|提高|确保)")


@dataclass
class TableRow:
    """One row read from a flattened table: its cells by role and their line numbers."""

    name: str
    name_line: int
    unit: str | None
    baseline: str | None = None
    target: str | None = None
    growth: str | None = None
    attribute: str | None = None
    category: str | None = None
    lines: list[int] = field(default_factory=list)
    baseline_year: int | None = None
    target_year: int | None = None
    seq: int | None = None  # its 序号 (counted when the cell was merged away), in a table that numbers rows


_BRACKET_YEAR = re.compile(r"[（(]\s*((?:19|20)\d\d)\s*年?\s*[)）]")


def header_role(cell: str) -> str | None:
    """The column role a header cell names (name, baseline, target …), or None.

    A year in brackets is the column's year, not part of its role: 基准值（2020年） is a baseline.
    """
    cell = _BRACKET_YEAR.sub("", re.sub(r"\s+", "", cell))
    for role, pattern in _HEADER_RULES:
        if pattern.match(cell):
            return role
    return None


_FIVE_YEAR_END = re.compile(r"十([一二三四五六七八九]?)五[”\"]?(?:期)?(?:末|完成|现状|实际|目标|规划|预期)")


def _five_year_end(cell: str) -> int | None:
    """The year a “十N五”末 column stands for (“十四五”末 → 2025, “十五五”末 → 2030)."""
    m = _FIVE_YEAR_END.search(cell)
    if m is None:
        return None
    return five_year_period(shi_wu_number(m.group(1)))[1]


def split_name_unit(cell: str) -> tuple[str, str | None]:
    """Indicator name and unit from a name cell like 固定资产投资额（亿元） or 失业率(%."""
    m = _UNIT_IN_NAME.search(cell)
    if m:
        unit = re.sub(r"\s+", "", m.group(1)) or None
        return cell[: m.start()].strip(), normalize_unit(unit)
    return cell.strip(), None


def _is_value(cell: str) -> bool:
    if _ATTRIBUTE.match(cell):
        return False
    if _BRACKETED_NUMBER.match(cell):
        return True  # （86.4％）: a value given for reference
    return bool(_VALUE_CELL.match(cell)) or len(cell) <= 12 and bool(re.search(r"\d", cell)) and not re.search(r"[（(]", cell)


_BRACKETED_NUMBER = re.compile(r"^[（(]\s*[\d.]+\s*[%％‰]?\s*[)）]$")
# A target in words in a value column: 至2026年底，全面启动…; 实现产业类违法用地清零.
_WORDS_VALUE = re.compile(r"^(?:至|到|完成|全面|实现|确保|力争|保持|达到|不低于|不少于|基本|启动|持续)")
# A unit alone on the line after a value (120.14 / 平方公里): the value's unit.
_UNIT_CELL = re.compile(rf"^(?:{'|'.join(re.escape(u) for u in MEASURE_UNITS)})$")


def find_tables(cells: list[tuple[int, str]], default_years: tuple[int | None, int | None]) -> list[TableRow]:
    """Every table row in a document's cells (line number, stripped text), header first."""
    rows: list[TableRow] = []
    i = 0
    while i < len(cells):
        header = _read_header(cells, i, default_years[1])
        if header is None:
            i += 1
            continue
        roles, years, end = header
        table_rows, i = _read_rows(cells, end, roles, years, default_years)
        rows.extend(table_rows)
    return rows


# Roles a header may hold more than once (2025年目标 and 2035年目标; 类别 and 一级指标).
_REPEATABLE = ("baseline", "target", "other", "category")


def _read_header(cells: list[tuple[int, str]], i: int, plan_end: int | None = None,
                 ) -> tuple[list[str], list[int | None], int] | None:
    """Column roles and years of a header starting at cell i, and the index after it."""
    roles: list[str] = []
    years: list[int | None] = []
    texts: list[str] = []
    j = i
    while j < len(cells) and len(cells[j][1]) <= 16:
        text = cells[j][1]
        role = header_role(text)
        used = 1
        if j + 1 < len(cells) and len(cells[j + 1][1]) <= 16:
            # A header cell broken over two lines: 基准值 / （2020年）, “十四五” / 完成值, 指标 / 属性.
            joined = text + cells[j + 1][1]
            joined_role = header_role(joined)
            if joined_role is not None and (role is None or header_role(cells[j + 1][1]) is None
                                            or (role in roles and role not in _REPEATABLE)):
                text, role, used = joined, joined_role, 2
        if role is None or role in roles and role not in _REPEATABLE:
            break
        ym = _YEAR.search(text)
        roles.append(role)
        texts.append(text)
        years.append(int(ym.group(1)) if ym else _five_year_end(text))
        j += used
    value_cols = [k for k, r in enumerate(roles) if r in ("baseline", "target")]
    if "name" not in roles or not value_cols or len(roles) < 3:
        return None
    # Year columns (2020年, 2025年): the earliest is the baseline, the plan's end year (else the
    # latest) the target; any other year column (2035年) is read past.
    dated = [k for k in value_cols
             if years[k] is not None and not re.search(r"基期|现状|基准|基数|实际|完成|目标|规划|预期", texts[k])]
    if len(dated) >= 2:
        dated.sort(key=lambda k: years[k] or 0)
        target = next((k for k in dated if years[k] == plan_end), dated[-1])
        for k in dated:
            roles[k] = "other"
        roles[dated[0]] = "baseline"
        roles[target] = "target"
    elif len(dated) == 1 and len(value_cols) == 1:
        roles[dated[0]] = "target"
    elif len(dated) == 1:
        other = [roles[k] for k in value_cols if k != dated[0]]
        roles[dated[0]] = "baseline" if "target" in other else "target"
    return roles, years, j


def _read_rows(
    cells: list[tuple[int, str]], i: int, roles: list[str], years: list[int | None],
    default_years: tuple[int | None, int | None],
) -> tuple[list[TableRow], int]:
    """Rows after a header until the table ends; returns them and the index where reading stopped."""
    after_name = roles[roles.index("name") + 1:]
    has_seq = "seq" in roles
    has_category = "category" in roles
    year_of: dict[str, int | None] = {}
    for r, y in zip(roles, years, strict=True):
        if r in ("baseline", "target"):
            year_of.setdefault(r, y)  # a later column (2035年远景) does not replace the plan's target
    base_year = year_of.get("baseline") or default_years[0]
    target_year = year_of.get("target") or default_years[1]
    # Cells between the name and the first value (单位, 属性 placed before the numbers).
    lead = 0
    for role in after_name:
        if role in ("baseline", "target", "growth"):
            break
        lead += 1
    rows: list[TableRow] = []
    category: str | None = None
    expected_seq = 1
    # 序号 then 类别 (or 一级指标): a category cell may follow the number, when not merged away
    seq_at = roles.index("seq") if has_seq else -1
    category_after_seq = has_seq and "category" in roles[seq_at + 1:roles.index("name")]
    while i < len(cells):
        pending_category: list[tuple[int, str]] = []
        # Category fragments ("经济", "发展") come before the 序号 or the name.
        while has_category and i < len(cells) and _looks_like_category(cells, i, has_seq, lead):
            pending_category.append(cells[i])
            i += 1
        if i >= len(cells):
            break
        line, cell = cells[i]
        row_lines: list[int] = [ln for ln, _ in pending_category]
        if has_seq:
            if _SEQ.match(cell) and int(cell) == expected_seq:
                row_lines.append(line)
                i += 1
            elif not (rows and _row_follows(cells, i, lead)):
                break  # the table ends (a row whose 序号 cell was merged away still reads)
            expected_seq += 1
            if i >= len(cells):
                break
            line, cell = cells[i]
            if category_after_seq and _row_follows(cells, i + 1, lead) and not _row_follows(cells, i, lead):
                category = cell  # 1 / 火灾形势 / 每百万人火灾事故年平均发生率 / …
                row_lines.append(line)
                i += 1
                if i >= len(cells):
                    break
                line, cell = cells[i]
        if _TABLE_END.match(cell) or len(cell) > 40 or _is_value(cell) and not re.search(r"[\u4e00-\u9fff]{2}", cell):
            break
        if pending_category:
            category = "".join(t for _, t in pending_category)
        wrapped = _wrapped_name_cells(cells, i + 1, lead)
        row_lines_wrapped = [ln for ln, _ in wrapped]
        cell += "".join(t for _, t in wrapped)
        name, unit = split_name_unit(cell)
        row = TableRow(name=name, name_line=line, unit=unit, category=category if has_category else None,
                       baseline_year=base_year, target_year=target_year,
                       seq=expected_seq - 1 if has_seq else None)
        row_lines.append(line)
        row_lines.extend(row_lines_wrapped)
        i += 1 + len(wrapped)
        for role in after_name:
            if i >= len(cells):
                break
            vline, value = cells[i]
            if role == "attribute":
                if not _ATTRIBUTE.match(value):
                    continue  # an empty 属性 cell
                row.attribute = value
            elif role == "other":
                # 2035年远景 or 备注: read past it; an empty note must not swallow the next 序号.
                next_seq = has_seq and _SEQ.match(value) is not None and int(value) == expected_seq
                if next_seq or not has_seq and not _is_value(value):
                    continue
            elif role == "unit":
                if re.search(r"\d", value) or len(value) > 8 or _ATTRIBUTE.match(value):
                    continue  # an empty 单位 cell
                row.unit = row.unit or normalize_unit(value)
            elif not _value_cell(value):
                break
            elif role in ("baseline", "target", "growth") and getattr(row, role) is None:
                setattr(row, role, value)
            row_lines.append(vline)
            i += 1
            if i < len(cells) and _UNIT_CELL.match(cells[i][1]) and role in ("baseline", "target", "other"):
                row.unit = row.unit or normalize_unit(cells[i][1])  # 120.14 / 平方公里
                row_lines.append(cells[i][0])
                i += 1
        row.lines = row_lines
        if row.target is None and row.baseline is None:
            break
        rows.append(row)
    return rows, i


def _row_follows(cells: list[tuple[int, str]], i: int, lead: int) -> bool:
    """Whether cell i can be a row's name: text, with the first value `lead` cells after it."""
    if i >= len(cells) or i + 1 + lead >= len(cells):
        return False
    name = cells[i][1]
    if _is_value(name) or _ATTRIBUTE.match(name) or _TABLE_END.match(name) or len(name) > 40:
        return False
    if not re.search(r"[\u4e00-\u9fff]{2}", name):
        return False
    return _value_cell(cells[i + 1 + lead][1]) and not any(_is_value(c) for _, c in cells[i + 1:i + 1 + lead]
                                                           if not _UNIT_CELL.match(c))


def _value_cell(cell: str) -> bool:
    """A cell in a value column: a number, or a target in words (启动8个城中村整体改造项目)."""
    return _is_value(cell) or (len(cell) <= 80 and _WORDS_VALUE.match(cell) is not None)


def _wrapped_name_cells(cells: list[tuple[int, str]], i: int, lead: int) -> list[tuple[int, str]]:
    """The rest of a name cell broken over lines (每千人口拥有3岁以下婴幼 / 儿托位数): more text cells
    before the first value than the columns (单位, 属性) that sit between the name and the values."""
    j = i
    while j < len(cells) and j - i <= lead + 2 and not _is_value(cells[j][1]):
        if _TABLE_END.match(cells[j][1]) or len(cells[j][1]) > 16 or _ATTRIBUTE.match(cells[j][1]):
            return []
        j += 1
    if j >= len(cells) or not _is_value(cells[j][1]):
        return []
    extra = (j - i) - lead
    return cells[i:i + extra] if extra > 0 else []


def _looks_like_category(cells: list[tuple[int, str]], i: int, has_seq: bool, lead: int) -> bool:
    """Whether cell i is a (fragment of a) category cell rather than the row's first cell."""
    cell = cells[i][1]
    if not re.fullmatch(r"[\u4e00-\u9fff]{1,12}", cell) or _TABLE_END.match(cell):
        return False
    if has_seq:
        # before the 序号, short text is the category; but not a row whose 序号 was merged away,
        # nor a unit or attribute cell
        if i + 1 < len(cells) and _SEQ.match(cells[i + 1][1]):
            return True  # 发展 / 1 / 地区生产总值…: the 序号 follows the category
        return not (_row_follows(cells, i, lead) or _UNIT_CELL.match(cell) or _ATTRIBUTE.match(cell))
    # Without 序号: the name is the cell `lead` cells before the first value; a category precedes it.
    j = i
    while j < len(cells) and j - i <= lead + 4 and not _is_value(cells[j][1]):
        j += 1
    return j < len(cells) and _is_value(cells[j][1]) and i < j - 1 - lead


def value_number(value: str | None) -> float | None:
    """The number in a table value cell (控制在3.5以内 → 3.5), None for 完成市下达任务."""
    if value is None:
        return None
    return parse_number(value) if re.search(r"\d", value) else None
