"""Task tables: 序号/项目名称/建设内容/完成时限/牵头单位/责任单位… rows, whether each row is one
line of cells (tabs, pipes, runs of spaces) or flattened one cell per line.

A header row is recognised when every cell names a column role (a rule table, `_HEADER_CELLS`)
and it has a task column and a lead, unit or deadline column. Each row becomes a TaskRow by
column role: the task (or project) name, its content, the lead and other units, the deadline
cell. Every line of a table is reported, so no other extractor reads a cell on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.doctext import DocText
from knowledge.units import Units, split_units
from knowledge.wordlists import alternation

# Header cells and the column each one fills (the first match wins).
_HEADER_CELLS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:序号|编号|序)$"), "number"),
    (re.compile(r"^(?:重点)?(?:工作)?(?:任务|事项|项目)(?:内容|名称|措施)?$|^工作内容$|^具体任务$|^主要内容$|"
                r"^(?:重点|主要)工作$|^工作任务$|^任务名称$|^改革事项$|^实事项目$|^具体工作$|^主要任务$|^工作事项$"), "task"),
    (re.compile(r"^(?:主要)?建设(?:内容|规模)(?:及(?:内容|规模))?$|^具体(?:内容|措施|目标)$|^(?:工作|推进|主要)措施$|"
                r"^目标任务$|^(?:年度|工作|具体)?目标(?:要求)?$|^预期(?:成效|目标)$|^实施内容$|^(?:事项|工作)?进展(?:情况)?$"),
     "content"),
    (re.compile(r"^(?:牵头|主责|主办)(?:单位|部门|科室|处室)?$"), "lead"),
    (re.compile(r"^(?:责任|配合|协办|参与|实施|承办|协同|推进|支撑|支持|协作)(?:单位|部门|科室|处室|主体)$|^责任主体$"), "units"),
    (re.compile(r"^(?:牵头|责任|分管|包联|联系|挂帅)(?:市|区|县|镇|街道)?领导$"), "leader"),
    (re.compile(r"^(?:完成)?(?:时限|时间|期限)(?:要求|节点)?$|^时间(?:节点|安排)$|^完成时间$|^进度安排$|"
                r"^(?:建设|起止)(?:年限|时间)$"), "deadline"),
    (re.compile(r"^(?:备注|类别|领域|建设地点|建设性质|项目类型|总投资|计划投资|年度(?:计划)?投资|投资额|已完成投资|"
                r"(?:工作)?目标$|(?:具体)?措施$)"), "other"),
]
_ROW_NUMBER = re.compile(r"^\d{1,3}[.．、]?$")
_CELL_SPLIT = re.compile(r"\t+|\s*[|｜]\s*|\s{2,}")
_UNIT_BRACKET = re.compile(r"[（(][^（）()]{1,10}[)）]$")  # 总投资（亿元）: the unit is no part of the role


@dataclass
class TaskRow:
    """One row of a task table, by column role."""

    line: int  # the line of the task cell
    text: str  # the task cell, then its content cell
    title: str
    number: str | None = None
    units: Units = field(default_factory=Units)
    deadline_text: str | None = None
    lines: set[int] = field(default_factory=set)
    text_lines: set[int] = field(default_factory=set)  # the task and content cells' lines


def cell_role(cell: str) -> str | None:
    """The column role a header cell names, or None."""
    cell = _UNIT_BRACKET.sub("", re.sub(r"\s+", "", cell))
    return next((r for pattern, r in _HEADER_CELLS if pattern.match(cell)), None)


def header_columns(cells: list[str]) -> list[str] | None:
    """The column roles of a task-table header row, or None if `cells` is not one."""
    roles = []
    for cell in cells:
        role = cell_role(cell)
        if role is None:
            return None
        roles.append(role)
    if "task" not in roles or not ({"lead", "units", "deadline"} & set(roles)):
        return None
    return roles


def find_task_tables(text: DocText, skip: set[int]) -> list[list[TaskRow]]:
    """Rows of task tables, whether each row is one line of cells or one cell per line."""
    content = [(n, t) for n, t in text.content() if n not in skip]
    tables = []
    i = 0
    while i < len(content):
        _number, line = content[i]
        cells = [c for c in _CELL_SPLIT.split(line) if c]
        roles = header_columns(cells) if len(cells) >= 2 else None
        if roles:  # the header is one line of cells; so is every row
            rows, i = _rows_inline(content, i + 1, roles)
            tables.append(rows)
            continue
        # the header flattened one cell per line
        j = i
        roles_list: list[str] = []
        while j < len(content) and (role := cell_role(content[j][1])) is not None:
            roles_list.append(role)
            j += 1
        if len(roles_list) >= 3 and header_columns([_ROLE_NAME[r] for r in roles_list]):
            header_lines = {n for n, _ in content[i:j]}
            # cells one per line with blank lines between them: an empty cell cannot be told
            # from the gap, so rows run from one 序号 to the next
            spaced = content[j - 1][0] - content[i][0] > j - 1 - i
            rows, i = _rows_flat(text, content, j, roles_list, spaced)
            if rows:
                rows[0].lines |= header_lines
            tables.append(rows)
            continue
        i += 1
    return tables


_ROLE_NAME = {"number": "序号", "task": "任务", "content": "建设内容", "lead": "牵头单位", "units": "责任单位",
              "leader": "牵头领导", "deadline": "完成时限", "other": "备注"}
_TITLE_END = re.compile(r"[。！？；;，,：:]")


def _row(cells: list[tuple[int, str]], roles: list[str]) -> TaskRow | None:
    values: dict[str, tuple[int, str]] = {}
    for (number, cell), role in zip(cells, roles, strict=False):
        if role in values or not cell.strip():
            continue
        values[role] = (number, cell.strip())
    if "task" not in values or not values["task"][1]:
        return None
    line, task_text = values["task"]
    title = _TITLE_END.split(task_text, maxsplit=1)[0].strip()
    text = task_text
    if "content" in values:
        separator = "" if task_text.endswith(("。", "；", "：", ":")) else "："
        text = task_text + separator + values["content"][1]
    units = Units()
    if "lead" in values and _names_units(values["lead"][1]):
        units.add(split_units(values["lead"][1]), True)
    if "units" in values and _names_units(values["units"][1]):
        units.add(split_units(values["units"][1]), False)
    row_number = values["number"][1] if "number" in values else ""
    deadline_cell = values["deadline"][1] if "deadline" in values else ""
    text_lines = {values[r][0] for r in ("task", "content") if r in values}
    return TaskRow(line, text, title, number=row_number or None, units=units,
                   deadline_text=deadline_cell or None, lines={n for n, _ in cells}, text_lines=text_lines)


_UNIT_END = re.compile(rf"(?:{alternation('unit_suffixes')}|街镇|各相关街镇)$")


def _names_units(cell: str) -> bool:
    """Whether a unit cell names units (区房管局、各相关街镇), not a group label (“美丽家园”建设)."""
    names = split_units(cell)
    return bool(names) and sum(1 for n in names if _UNIT_END.search(n)) * 2 >= len(names)


def _rows_inline(content: list[tuple[int, str]], i: int, roles: list[str]) -> tuple[list[TaskRow], int]:
    rows = []
    while i < len(content):
        number, line = content[i]
        cells = [c for c in _CELL_SPLIT.split(line) if c]
        if len(cells) < 2 or ("number" in roles and not _ROW_NUMBER.match(cells[0])):
            break
        row = _row([(number, c) for c in cells], roles)
        if row:
            rows.append(row)
        i += 1
    return rows, i


def _rows_flat(text: DocText, content: list[tuple[int, str]], i: int,
               roles: list[str], spaced: bool = False) -> tuple[list[TaskRow], int]:
    """Rows of a table flattened one cell per line.

    The readers write a row as its cells on consecutive lines (an empty cell as a blank
    line) and a blank line after it: such a row is read cell by cell, so empty cells keep
    their column. Otherwise (blank cells dropped) a row runs from its 序号 cell to the next.
    """
    rows: list[TaskRow] = []
    width = len(roles)
    numbered = roles[0] == "number"
    while i < len(content):
        if numbered and not _ROW_NUMBER.match(content[i][1]):
            # a group row between numbered rows (行动二：… / 旧区改造): read past it
            ahead = next((k for k in range(i + 1, min(i + 3, len(content))) if _ROW_NUMBER.match(content[k][1])), None)
            if ahead is None or any(len(t) > 40 for _, t in content[i:ahead]):
                break
            i = ahead
        first = content[i][0]
        after = first + width
        if (not spaced and first + width - 1 <= len(text.lines) and not text.line(after).strip()
                and not any(_ROW_NUMBER.match(text.line(n).strip()) for n in range(first + 1, after)
                            if numbered)):
            cells = [(n, text.line(n).strip()) for n in range(first, after)]
            end = i
            while end < len(content) and content[end][0] < after:
                end += 1
        else:
            if not numbered:
                break
            end = i + 1  # up to the next 序号 cell, at most one row wide
            while end < len(content) and end - i < width and not _ROW_NUMBER.match(content[end][1]):
                end += 1
            cells = content[i:end]
        if len(cells) < 2:
            break
        row = _row(cells, roles)
        if row:
            if spaced and not row.units and rows and ({"lead", "units"} & set(roles)):
                row.units = Units(list(rows[-1].units.lead), list(rows[-1].units.others))  # a merged cell
            rows.append(row)
        i = end
    return rows, i
