"""Tasks: numbered tasks, lead-phrase measures and task-table rows, with deadlines and units.

What counts as a task depends on the kind of plan:
- every plan: numbered items (1. / 1、 / （1） / ①) and rows of a task table
  (序号/任务/牵头单位/责任单位/完成时限 columns, real or flattened one cell per line);
- one-year plans, work reports and task lists: lead-phrase measures — a short imperative
  sentence ending in 。 that opens a paragraph ("抢抓招商引资先机。…"), and further short
  sentences inside the paragraph that open a block of elaboration of their own;
- multi-year plans (five-year outlines): their paragraphs state principles and goals, so a
  task is a sentence that commits to a time (到2025年, “十四五”期间, 展望2035年, 全年…).
Never tasks: the review of past work (doc.review_lines, and sections titled like 工作回顾 or
发展基础), glossary entries (名词解释), headings and table cells.

A measure's text is its own block — from its lead phrase to the next lead phrase — so a
date in one measure's elaboration does not set the deadline of the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.deadlines import Deadline, resolve_deadline
from knowledge.doctext import DocText
from knowledge.models import Document, Section, Task
from knowledge.structure import section_at

# Sections whose statements are achievements or background, not tasks.
_REVIEW_TITLE = re.compile(r"回顾|存在的?(?:主要)?问题|问题(?:和|与)不足|困难和问题|发展基础|主要成就|取得的成[绩效就]|工作成效|过去[一五]年|现状")
_MIXED_TITLE = re.compile(r"[和与及、]")
_GLOSSARY_TITLE = re.compile(r"名词解释|术语|释义|注释|附注")

_NUMBERED = re.compile(
    r"^\s*(?P<num>(?:\d{1,3}\s*[.．、](?!\d))|(?:[（(]\d{1,3}[）)])|[①-⑳])\s*(?P<body>\S.*)$")
_SENTENCE_END = "。！？"
_CLAUSE_PUNCT = re.compile(r"[，,、；;：:]")
_TITLE_END = re.compile(r"[。！？；;，,：:]")
_GLOSSARY_LINE = re.compile(r"^(?:附[:：]?\s*)?(?:名词解释|术语解释|名词注释|名词释义|注释)\s*[:：]?$")
_NOTES_LINE = re.compile(r"^\s*(?:注|备注)\s*[:：]?\s*$")
_TERM_DEFINITION = re.compile(r"^[^。，,；;]{1,24}[:：]")

# A sentence that states rather than orders: 2025年是…之年, starting with a number.
_STATEMENT = re.compile(r"^\s*[0-9０-９〇零一二三四五六七八九十]+\s*年|(?<!实事求)是")
# Lead phrases: at most this many characters (without the 。).
_LEAD_MAX = 20
# Ordinals that open a measure's paragraph: 第一，/ 一是 / 首先，.
_ORDINAL = re.compile(r"^\s*(?:第[一二三四五六七八九十]{1,3}[，,、：:]|[一二三四五六七八九十]{1,3}是[，,：:]?|"
                      r"(?:首先|其次|再次|最后)[，,])\s*")
_SUB_LEAD_MAX = 16
# A sentence inside a paragraph opens a new measure only if this much elaboration follows it.
_SUB_LEAD_MIN_BODY = 60
# ...or less, when the measure before it is terse too: at most this many sentences and chars.
_TERSE_SENTENCES = 2
_TERSE_BODY_MAX = 80
_TERSE_BODY_MIN = 15

# Responsible units.
_UNIT_LABEL = re.compile(
    r"(?P<label>(?:牵头|责任|主责|配合|协办|协同|参与)(?:单位|部门|科室|处室|股室|站所|机构))\s*[:：]\s*"
    r"(?P<units>(?:[^。；;（）()\n]|[（(](?:牵头|负责|配合|主责|协办|参与)[）)])+)")
# A role mark after a unit inside a list: 经发办（牵头）、财政所.
_UNIT_ROLE_MARK = re.compile(r"[（(](?:牵头|负责|配合|主责|协办|参与)[）)]")
_UNIT_PAREN = re.compile(r"[（(](?P<units>[^（）()]{2,60}?)(?:牵头|负责|落实|配合|主责)[）)]")
_UNIT_ROLE = re.compile(r"(?:牵头|负责|配合|落实|主责|协办|参与)$")
_UNIT_SPLIT = re.compile(r"[、，,；;/\s]+|(?<=[局委办所队站部处院厅心司行])(?:和|及|与)")

# Task tables: header cells and the column each one fills.
_HEADER_CELLS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:序号|编号|序)$"), "number"),
    (re.compile(r"^(?:重点)?(?:工作)?(?:任务|事项|项目)(?:内容|名称|措施)?$|^工作内容$|^具体任务$|^主要内容$"), "task"),
    (re.compile(r"^(?:牵头|主责)(?:单位|部门|科室|处室|领导)?$"), "lead"),
    (re.compile(r"^(?:责任|配合|协办|参与)(?:单位|部门|科室|处室)$"), "units"),
    (re.compile(r"^(?:完成)?(?:时限|时间|期限)(?:要求|节点)?$|^时间节点$|^完成时间$"), "deadline"),
    (re.compile(r"^(?:工作)?目标$|^(?:具体)?措施$|^备注$|^类别$|^领域$"), "other"),
]
_ROW_NUMBER = re.compile(r"^\d{1,3}[.．、]?$")
_CELL_SPLIT = re.compile(r"\t+|\s*[|｜]\s*|\s{2,}")


@dataclass
class _Draft:
    """A task before it gets its id: where it is and what the text says."""

    line: int
    title: str
    text: str
    number: str | None = None
    units: list[str] | None = None
    deadline_text: str | None = None  # a 完成时限 cell, resolved instead of the text
    deadline: Deadline | None = None  # already resolved while finding the task


def extract_tasks(doc: Document, text: DocText, sections: list[Section]) -> list[Task]:
    """Every forward-looking task in the document, with deadline, units, section and line."""
    skip = _skipped_lines(doc, text, sections)
    heading_lines = {s.line for s in sections}
    multi_year = bool(doc.period and doc.period[0] != doc.period[1]) or doc.kind == "five_year_plan"
    # A 名词解释 heading the structure did not take as a section: term entries follow it.
    glossary_from = next((n for n, t in text.content() if n not in skip and _GLOSSARY_LINE.match(t)), None)
    drafts: list[_Draft] = []
    table_lines: set[int] = set()
    for rows in _task_tables(text, skip):
        for draft, lines in rows:
            drafts.append(draft)
            table_lines.update(lines)
    for number, line in _unwrapped(text, skip | table_lines | heading_lines):
        if number in skip or number in table_lines:
            continue
        glossary = glossary_from is not None and number > glossary_from
        numbered = _numbered_task(number, line, number in heading_lines, glossary)
        if numbered is not None:
            drafts.append(numbered)
            continue
        if number in heading_lines:
            if not multi_year:
                drafts.extend(_heading_measures(number, line))
            continue
        if multi_year:
            drafts.extend(_dated_sentences(number, line, doc))
        else:
            drafts.extend(_lead_phrase_measures(number, line))
    if not multi_year:
        drafts.extend(_heading_tasks(text, sections, drafts, skip))
    drafts.sort(key=lambda d: d.line)
    return [_task(doc, sections, draft, k) for draft, k in _numbered_per_line(drafts)]


def _unwrapped(text: DocText, stops: set[int]) -> list[tuple[int, str]]:
    """Content lines with hard-wrapped continuations joined (PDF text breaks a sentence over
    lines: …完成投资150亿 / 元以上，6月底前…), so a task keeps its deadline and units."""
    content = list(text.content())
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(content):
        number, line = content[k]
        k += 1
        if number in stops:
            out.append((number, line))
            continue
        last = number
        while (k < len(content) and content[k][0] == last + 1 and content[k][0] not in stops
               and len(content[k - 1][1].strip()) >= _WRAP_MIN
               and not line.rstrip().endswith(_WRAP_END)
               and not _NUMBERED.match(content[k][1]) and not _HEADING_NUMBER.match(content[k][1])):
            line = line.rstrip() + content[k][1].strip()
            last = content[k][0]
            k += 1
        out.append((number, line))
    return out


# A line this long that ends without punctuation was wrapped, if the next line follows at once.
_WRAP_MIN = 20
_WRAP_END = tuple("。！？；;：:）)”」】")


# ---------------------------------------------------------------- what to skip


def _skipped_lines(doc: Document, text: DocText, sections: list[Section]) -> set[int]:
    """Lines that never hold tasks: the review part and review or glossary sections."""
    skip: set[int] = set()
    if doc.review_lines:
        lo, hi = doc.review_lines
        skip.update(range(lo, hi + 1))
    ordered = sorted(sections, key=lambda s: s.line)
    heading_lines = sorted(s.line for s in sections)
    for number, line in text.content():
        if _NOTES_LINE.match(line):
            # 注： on a line of its own: the items under it explain the text, they order nothing
            end = next((h for h in heading_lines if h > number), len(text.lines) + 1)
            skip.update(range(number, end))
    for i, section in enumerate(ordered):
        if not (_REVIEW_TITLE.search(section.title) or _GLOSSARY_TITLE.search(section.title)):
            continue
        if _MIXED_TITLE.search(section.title):
            # 发展基础和发展环境: only the chapter's own text, its subsections are judged alone
            nxt = next((s for s in ordered[i + 1:] if s.line > section.line), None)
        else:
            nxt = next((s for s in ordered[i + 1:] if s.level <= section.level), None)
        end = nxt.line - 1 if nxt else len(text.lines)
        skip.update(range(section.line, end + 1))
    return skip


# ---------------------------------------------------------------- numbered tasks


def _numbered_task(number: int, line: str, is_heading: bool, glossary: bool = False) -> _Draft | None:
    """A numbered item (1. 2. / 1、 / （1） / ①) that reads as a task, not a heading or a term."""
    match = _NUMBERED.match(line)
    if not match:
        return None
    body = match["body"].strip()
    if glossary and _TERM_DEFINITION.match(body):
        return None  # 1.车联网先导区拓展区：… under 名词解释 is a glossary entry
    has_sentence = any(c in body for c in _SENTENCE_END + "；;，,")
    if not has_sentence and (is_heading or len(body) < 6):
        return None  # a numbered heading such as "1.总体要求"
    title = _title(body)
    if not title or re.fullmatch(r"[\d.%％\s]+", title):
        return None
    return _Draft(number, title, body, number=match["num"].strip())


def _title(body: str) -> str:
    """The task's title: its text up to the first sentence or clause break."""
    return _TITLE_END.split(body, maxsplit=1)[0].strip()


_FRAMEWORK_TITLE = re.compile(r"指导思想|基本原则|总体要求|总体思路|工作思路|主要目标|工作目标|发展目标|预期目标")
_ARABIC_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]?|[（(]\d{1,3}[）)])\s*$")
_DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|时限要求)\s*[:：]\s*(?P<when>[^。；;\n]+)")


def _heading_tasks(text: DocText, sections: list[Section], drafts: list[_Draft],
                   skip: set[int]) -> list[_Draft]:
    """Numbered headings (1.推行“一件事一次办”) whose own lines hold no task: in a work plan the
    heading names the task and the lines under it (what, 责任单位, 完成时限) describe it."""
    ordered = sorted(sections, key=lambda s: s.line)
    taken = sorted(d.line for d in drafts)
    content = [(n, t) for n, t in text.content() if n not in skip]
    out: list[_Draft] = []
    for k, section in enumerate(ordered):
        if section.line in skip or not section.number or not _ARABIC_NUMBER.match(section.number):
            continue
        if any(_FRAMEWORK_TITLE.search(t) for t in [section.title, *section.path]):
            continue  # 1.指导思想 under 总体要求 states the frame, it is no task
        nxt = ordered[k + 1].line if k + 1 < len(ordered) else len(text.lines) + 1
        if any(section.line <= d < nxt for d in taken):
            continue
        # 责任单位：… and 完成时限：… stand on lines of their own: keep them apart
        body = "".join(t.strip() if t.strip().endswith(tuple(_SENTENCE_END + "；;")) else t.strip() + "；"
                       for n, t in content if section.line < n < nxt)
        if not body:
            continue
        label = _DEADLINE_LABEL.search(body)
        out.append(_Draft(section.line, section.title, body, number=section.number,
                          deadline_text=label["when"].strip() if label else None))
    return out


# ---------------------------------------------------------------- lead-phrase measures


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", line.strip()) if s.strip()]


def _is_short_sentence(sentence: str, limit: int) -> bool:
    body = sentence.strip().rstrip(_SENTENCE_END)
    return (sentence.strip().endswith(tuple(_SENTENCE_END)) and 2 <= len(body) <= limit
            and not _CLAUSE_PUNCT.search(body))


def _lead_phrase_measures(number: int, line: str) -> list[_Draft]:
    """Measures in a paragraph that opens with a lead phrase ("抢抓招商引资先机。…")."""
    ordinal = _ORDINAL.match(line)
    if ordinal:
        line = line[ordinal.end():]  # 第一，狠抓产业发展。…: the ordinal only counts the measures
    sentences = _sentences(line)
    if len(sentences) < 2 or not _is_short_sentence(sentences[0], _LEAD_MAX):
        return []
    if re.match(r"^[—\-－]{1,2}", sentences[0]):
        return []  # ——“十项行动”见行见效。 is a review highlight
    if _STATEMENT.search(sentences[0]):
        return []  # 2025年是“十四五”规划收官之年。 states a fact, it orders nothing
    short = [k for k, s in enumerate(sentences) if _is_short_sentence(s, 21)]
    starts = [0]
    for j, k in enumerate(short):
        if k == 0:
            continue
        nxt = short[j + 1] if j + 1 < len(short) else len(sentences)
        body = sum(len(s) for s in sentences[k + 1:nxt])
        phrase = sentences[k].strip().rstrip(_SENTENCE_END)
        if len(phrase) > _SUB_LEAD_MAX or re.search(r"[0-9０-９A-Za-z]", phrase):
            continue
        # Either a long elaboration follows, or the paragraph alternates lead and a short
        # elaboration (做强主导产业。一句。加快园区提质。一句。): the measure before this
        # one was itself short, so this short sentence is its sibling, not a step of it.
        before = sentences[starts[-1] + 1:k]
        terse = 1 <= len(before) <= _TERSE_SENTENCES and sum(map(len, before)) <= _TERSE_BODY_MAX
        if body >= _SUB_LEAD_MIN_BODY or (terse and body >= _TERSE_BODY_MIN):
            starts.append(k)
    drafts = []
    for i, k in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(sentences)
        block = "".join(sentences[k:end]).strip()
        drafts.append(_Draft(number, sentences[k].strip().rstrip(_SENTENCE_END), block))
    return drafts


_HEADING_NUMBER = re.compile(r"^\s*(?P<num>[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．])\s*")


def _heading_measures(number: int, line: str) -> list[_Draft]:
    """Measures on a numbered heading line that goes on with its own text ("（一）X。……")."""
    match = _HEADING_NUMBER.match(line)
    if not match:
        return []
    drafts = _lead_phrase_measures(number, line[match.end():])
    if drafts:
        drafts[0].number = match["num"]
    return drafts


# ---------------------------------------------------------------- multi-year plans

_DEFINITION_AFTER = re.compile(r"^[”\"’]?\s*[,，]?\s*(?:是|的|为[^了])")
_BARE_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年$")


def _dated_sentences(number: int, line: str, doc: Document) -> list[_Draft]:
    """In a multi-year plan, the sentences that commit to a time (到2025年…, “十四五”期间…)."""
    drafts = []
    for sentence in re.split(r"(?<=[。！？；;])", line.strip()):
        sentence = sentence.strip()
        if len(sentence) < 10 or not any(c in sentence for c in "。！？；;，,"):
            continue  # table cells and headings
        deadline = resolve_deadline(sentence, doc.year, doc.period)
        if deadline.kind not in ("explicit", "recurring") or not deadline.phrase:
            continue
        if deadline.recurrence == "periodic":
            continue  # 定期走访: a working habit, not a commitment of the plan
        if _BARE_YEAR.match(deadline.phrase.lstrip("“\"")):
            continue  # 二〇三五年远景目标: a label, not a commitment
        at = sentence.find(deadline.phrase)
        if at < 0 or _DEFINITION_AFTER.match(sentence[at + len(deadline.phrase):]):
            continue  # “十四五”时期是…: a statement about the period
        drafts.append(_Draft(number, _clause_at(sentence, at, len(deadline.phrase)), sentence,
                             deadline=deadline))
    return drafts


def _clause_at(sentence: str, at: int, length: int) -> str:
    """The clause holding a phrase; when the phrase is a clause of its own, the next one too."""
    breaks = "，,；;。！？"
    start = max((sentence.rfind(c, 0, at) for c in breaks), default=-1) + 1
    end = min((i for i in (sentence.find(c, at + length) for c in breaks) if i >= 0), default=len(sentence))
    if end - (at + length) <= 1 and end < len(sentence):  # "到2025年，" — take the next clause
        nxt = min((i for i in (sentence.find(c, end + 1) for c in breaks) if i >= 0), default=len(sentence))
        end = nxt
    return sentence[start:end].strip(" ，,；;。")


# ---------------------------------------------------------------- task tables


def _header_columns(cells: list[str]) -> list[str] | None:
    """The column roles of a task-table header row, or None if `cells` is not one."""
    roles = []
    for cell in cells:
        role = _cell_role(cell)
        if role is None:
            return None
        roles.append(role)
    if "task" not in roles or not ({"lead", "units", "deadline"} & set(roles)):
        return None
    return roles


def _task_tables(text: DocText, skip: set[int]) -> list[list[tuple[_Draft, set[int]]]]:
    """Rows of task tables, whether each row is one line of cells or one cell per line."""
    content = [(n, t) for n, t in text.content() if n not in skip]
    tables = []
    i = 0
    while i < len(content):
        number, line = content[i]
        cells = [c for c in _CELL_SPLIT.split(line) if c]
        roles = _header_columns(cells) if len(cells) >= 2 else None
        if roles:  # the header is one line of cells; so is every row
            rows, i = _rows_inline(content, i + 1, roles)
            tables.append(rows)
            continue
        # the header flattened one cell per line
        j = i
        roles_list: list[str] = []
        while j < len(content) and (role := _cell_role(content[j][1])) is not None:
            roles_list.append(role)
            j += 1
        if len(roles_list) >= 3 and _header_columns([_role_name(r) for r in roles_list]):
            rows, i = _rows_flat(text, content, j, roles_list)
            tables.append(rows)
            continue
        i += 1
    return tables


def _cell_role(cell: str) -> str | None:
    cell = re.sub(r"\s+", "", cell)
    return next((r for pattern, r in _HEADER_CELLS if pattern.match(cell)), None)


def _role_name(role: str) -> str:
    return {"number": "序号", "task": "任务", "lead": "牵头单位", "units": "责任单位",
            "deadline": "完成时限", "other": "备注"}[role]


def _row_draft(cells: list[tuple[int, str]], roles: list[str]) -> tuple[_Draft, set[int]] | None:
    values: dict[str, tuple[int, str]] = {}
    for (number, cell), role in zip(cells, roles, strict=False):
        if role in values or not cell.strip():
            continue
        values[role] = (number, cell.strip())
    if "task" not in values or not values["task"][1]:
        return None
    line, task_text = values["task"]
    units: list[str] = []
    for role in ("lead", "units"):
        if role in values:
            units.extend(u for u in _split_units(values[role][1]) if u not in units)
    row_number = values["number"][1] if "number" in values else ""
    deadline_cell = values["deadline"][1] if "deadline" in values else ""
    draft = _Draft(line, _title(task_text), task_text, number=row_number or None, units=units,
                   deadline_text=deadline_cell or None)
    return draft, {n for n, _ in cells}


def _rows_inline(content: list[tuple[int, str]], i: int, roles: list[str]) -> tuple[list, int]:
    rows = []
    while i < len(content):
        number, line = content[i]
        cells = [c for c in _CELL_SPLIT.split(line) if c]
        if len(cells) < 2 or ("number" in roles and not _ROW_NUMBER.match(cells[0])):
            break
        row = _row_draft([(number, c) for c in cells], roles)
        if row:
            rows.append(row)
        i += 1
    return rows, i


def _rows_flat(text: DocText, content: list[tuple[int, str]], i: int,
               roles: list[str]) -> tuple[list, int]:
    """Rows of a table flattened one cell per line.

    The readers write a row as its cells on consecutive lines (an empty cell as a blank
    line) and a blank line after it: such a row is read cell by cell, so empty cells keep
    their column. Otherwise (blank cells dropped) a row runs from its 序号 cell to the next.
    """
    rows = []
    width = len(roles)
    numbered = roles[0] == "number"
    while i < len(content):
        if numbered and not _ROW_NUMBER.match(content[i][1]):
            break
        first = content[i][0]
        after = first + width
        if (first + width - 1 <= len(text.lines) and not text.line(after).strip()
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
        row = _row_draft(cells, roles)
        if row:
            rows.append(row)
        i = end
    return rows, i


# ---------------------------------------------------------------- units, ids, sections


def _split_units(text: str) -> list[str]:
    """Unit names from a 牵头单位/责任单位 cell or phrase, split on 、，; and 和/及."""
    units = []
    for part in _UNIT_SPLIT.split(_UNIT_ROLE_MARK.sub("", text)):
        part = _UNIT_ROLE.sub("", part.strip(" 。：:（）()“”\""))
        if 2 <= len(part) <= 30 and part not in ("等", "各", "各有关单位"):
            units.append(part.removesuffix("等"))
    return units


def find_units(text: str) -> list[str]:
    """The responsible units a task text names: 牵头单位：… / 责任单位：… / （市发改委牵头）."""
    units: list[str] = []
    for match in _UNIT_LABEL.finditer(text):
        units.extend(u for u in _split_units(match["units"]) if u not in units)
    for match in _UNIT_PAREN.finditer(text):
        units.extend(u for u in _split_units(match["units"]) if u not in units)
    return units


def _numbered_per_line(drafts: list[_Draft]) -> list[tuple[_Draft, int]]:
    counts: dict[int, int] = {}
    out = []
    for draft in drafts:
        counts[draft.line] = counts.get(draft.line, 0) + 1
        out.append((draft, counts[draft.line]))
    return out


_ONGOING_CELL = re.compile(r"^(?:长期|持续|常年|长期坚持|持续推进|常态化)$")


def _cell_deadline(cell: str, doc: Document) -> Deadline | None:
    """The deadline a 完成时限 cell sets; a bare "6月" there means the end of June."""
    cell = cell.strip()
    if _ONGOING_CELL.match(cell):
        return Deadline(None, cell, "ongoing")
    for variant in (cell, cell + "前"):
        deadline = resolve_deadline(variant, doc.year, doc.period)
        if deadline.kind not in ("document_year", "period_end", "none"):
            return Deadline(deadline.date, cell if variant != cell else deadline.phrase,
                            deadline.kind, deadline.recurrence)
    return None  # the cell says nothing we can read: the task's text decides


def _task(doc: Document, sections: list[Section], draft: _Draft, k: int) -> Task:
    section = section_at(sections, draft.line)
    if section is not None and section.line == draft.line and section.parent:
        section = next((s for s in sections if s.id == section.parent), section)  # a numbered task
    deadline = draft.deadline
    if deadline is None and draft.deadline_text:
        deadline = _cell_deadline(draft.deadline_text, doc)
    if deadline is None:
        deadline = resolve_deadline(draft.text, doc.year, doc.period)
    units = draft.units if draft.units else find_units(draft.text)
    return Task(
        id=f"{doc.id}-T{draft.line}-{k}",
        doc=doc.file,
        section=section.id if section else None,
        number=draft.number,
        title=draft.title,
        text=draft.text,
        deadline=deadline.date,
        deadline_text=deadline.phrase,
        deadline_kind=deadline.kind,
        recurrence=deadline.recurrence,
        units=units,
        line=draft.line,
    )
