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

from knowledge.deadlines import Deadline, resolve_deadline
from knowledge.doctext import DocText
from knowledge.header import signature_lines
from knowledge.measures import (
    HEADING_NUMBER,
    Draft,
    dated_measures,
    dated_sentences,
    duties,
    duty_draft,
    duty_units,
    heading_measures,
    lead_phrase_measures,
    numbered_task,
    timed_step,
    unit_measures,
)
from knowledge.metadata import title_year
from knowledge.models import Document, Section, Task
from knowledge.review_parts import looks_back
from knowledge.structure import section_at, undecorated
from knowledge.task_tables import find_task_tables
from knowledge.units import FIRST_IS_LEAD, Units, find_units, unit_line

__all__ = ["extract_tasks", "find_units"]

# Sections whose statements are achievements or background, not tasks.
_MIXED_TITLE = re.compile(r"[和与及、]")
_GLOSSARY_TITLE = re.compile(r"名词解释|术语|释义|注释|附注")
_NUMBERED = re.compile(
    r"^\s*(?P<num>(?:\d{1,3}\s*[.．、](?!\d))|(?:[（(]\d{1,3}[）)])|[①-⑳])\s*(?P<body>\S.*)$")
_SENTENCE_END = "。！？"
_GLOSSARY_LINE = re.compile(r"^(?:附[:：]?\s*)?(?:名\s*词\s*解\s*释|术语解释|名词注释|名词释义|注\s*释)\s*[:：]?$")
_NOTES_LINE = re.compile(r"^\s*(?:注|备注)\s*[:：]?\s*$")
# The appeal that closes a report: 各位代表！… / 同志们，…
_CLOSING = re.compile(r"^\s*(?:各位代表|各位委员|同志们(?:、朋友们)?)\s*[！!，,]")
_EXHORTATION = re.compile(r"让我们|奋力(?:谱写|开创|推进|书写)|谱写|新篇章|新局面|新征程|团结(?:一心|奋斗|带领)|凝心聚力|"
                         r"而(?:努力|不懈)?奋斗|砥砺前行|勇毅前行|踔厉奋发")
# Description lines under an item: what it is and how far it got.
_DESCRIPTION = re.compile(r"^\s*(?:项目内容|建设内容|事项进展|进展情况|工作进展|目前进展|项目进展|项目概况|基本情况|"
                          r"主要内容|实施内容|现状)\s*[:：]")

def extract_tasks(doc: Document, text: DocText, sections: list[Section]) -> list[Task]:
    """Every forward-looking task in the document, with deadline, units, section and line."""
    skip = _skipped_lines(doc, text, sections)
    heading_lines = {s.line for s in sections}
    # A five-year outline states principles and goals: its tasks are its commitments to a time.
    # A programme over several years (2025—2027年实施方案) is written like a work plan.
    multi_year = doc.kind == "five_year_plan" or (
        bool(doc.period and doc.period[0] != doc.period[1]) and doc.kind not in _PROGRAMME_KINDS)
    # A 名词解释 heading the structure did not take as a section: term entries follow it.
    glossary_from = next((n for n, t in text.content()
                          if n not in skip and len(t) <= 24 and _GLOSSARY_LINE.match(undecorated(t))), None)
    drafts: list[Draft] = []
    table_lines: set[int] = set()
    for rows in find_task_tables(text, skip):
        for row in rows:
            drafts.append(Draft(row.line, row.title, row.text, number=row.number, units=row.units,
                                 deadline_text=row.deadline_text))
            table_lines.update(row.lines)
    covered: set[int] = set()
    beyond: list[Draft] = []
    rules = doc.kind == "regulation"
    if multi_year:
        # 1.加强既有居住建筑改造 under a part of a five-year plan: the heading names the task and its
        # paragraph, with its dates, describes it (its dated sentences are no tasks of their own)
        for draft in _heading_tasks(text, sections, [], skip | table_lines, arabic_only=True):
            drafts.append(draft)
            covered.update(range(draft.line, draft.end + 1))
    for number, line in _unwrapped(text, skip | table_lines | heading_lines):
        if number in skip or number in table_lines or number in covered:
            continue
        glossary = glossary_from is not None and number > glossary_from
        duty = None if glossary else duty_draft(number, line) or timed_step(number, line, doc)
        if duty is not None:
            drafts.append(duty)  # 区民防办：负责… / 1.街道消委办。牵头开展… / (一)第一季度：做好…
            continue
        if rules:
            # a regulation's articles and items are rules; its tasks are duties, tables and the
            # items that name who answers for them (考评指标 with 牵头考核单位 and 5月底完成)
            numbered = numbered_task(number, line, number in heading_lines, glossary)
            if numbered is not None and find_units(line):
                drafts.append(numbered)
            continue
        numbered = numbered_task(number, line, number in heading_lines, glossary)
        if numbered is not None:
            drafts.append(numbered)
            continue
        if number in heading_lines:
            if not multi_year:
                drafts.extend(heading_measures(number, line))
            continue
        if multi_year:
            drafts.extend(dated_sentences(number, line, doc))
        else:
            measures = lead_phrase_measures(number, line)
            if not measures and doc.year is not None and not _under_goals(sections, number):
                # 今后五年…到2025年，… in a one-year report: commitments beyond the plan year
                # (not the goals a 主要目标 part states: those are targets)
                beyond.extend(d for d in dated_sentences(number, line, doc)
                              if d.deadline and d.deadline.date and d.deadline.date.year > doc.year)
            drafts.extend(measures)
    if not multi_year:
        headed = _heading_tasks(text, sections, drafts, skip, duties_only=rules)
        drafts.extend(headed)
        spans = [(d.line, d.end) for d in headed]
        drafts.extend(d for d in beyond if not any(a <= d.line <= b for a, b in spans))
    drafts.sort(key=lambda d: d.line)
    first_is_lead = any(FIRST_IS_LEAD.search(line) for _n, line in text.content())
    _attach_unit_lines(text, drafts, skip | table_lines, first_is_lead)
    drafts = [m for d in drafts for m in unit_measures(d, first_is_lead)]
    open_ended = is_open_ended(doc)
    drafts = [m for d in drafts for m in dated_measures(d, doc.year, doc.period, open_ended)]
    return [_task(doc, sections, draft, k, first_is_lead, open_ended) for draft, k in _numbered_per_line(drafts)]


_GOAL_TITLE = re.compile(r"(?:主要|工作|发展|总体|预期)目标$")  # 主要目标任务 holds tasks too


def _under_goals(sections: list[Section], line: int) -> bool:
    """Whether a line stands in a part that states goals (一、主要目标)."""
    section = section_at(sections, line)
    return section is not None and any(_GOAL_TITLE.search(t) for t in [section.title, *section.path])


def is_open_ended(doc: Document) -> bool:
    """A policy that names no plan year or period in its title (实施意见, 管理办法 …): its
    undated tasks get no made-up deadline, and 全年/年度 in it mean every year."""
    return (doc.period is None and doc.kind in ("implementation_plan", "regulation", "notice", "other")
            and title_year(doc.title) is None)


def _attach_unit_lines(text: DocText, drafts: list[Draft], skip: set[int], first_is_lead: bool) -> None:
    """Unit labels on lines of their own (牵头单位：区发改局 / 责任单位：…) belong to the task
    just before them, when nothing but other such lines stands between."""
    content = [(n, t) for n, t in text.content() if n not in skip]
    by_line = {d.line: d for d in drafts}  # the last draft on a line is the nearest
    owner: Draft | None = None
    for number, line in content:
        units = unit_line(line, first_is_lead)
        if units is None:
            owner = by_line.get(number)
            continue
        if owner is None:
            continue
        if owner.units is None:
            owner.units = Units()
        owner.units.extend(units)


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
               and not _NUMBERED.match(content[k][1]) and not HEADING_NUMBER.match(content[k][1])):
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
    skip: set[int] = signature_lines(text)
    if doc.review_lines:
        lo, hi = doc.review_lines
        skip.update(range(lo, hi + 1))
    ordered = sorted(sections, key=lambda s: s.line)
    heading_lines = sorted(s.line for s in sections)
    numbered_after = {s.line for s in sections if s.number and not s.number.startswith(("附", "专栏"))}
    for number, line in text.content():
        if _NOTES_LINE.match(line):
            # 注： on a line of its own: the items under it explain the text, they order nothing
            end = next((h for h in heading_lines if h > number), len(text.lines) + 1)
            skip.update(range(number, end))
        elif _CLOSING.match(line):
            # 各位代表！…让我们… closes a report: an appeal, no task, nor what follows it to the
            # next heading; 各位代表，做好今年工作… only introduces the tasks after it
            closing = _EXHORTATION.search(line) and not any(h > number for h in numbered_after)
            end = next((h for h in heading_lines if h > number), len(text.lines) + 1) if closing else number + 1
            skip.update(range(number, end))
        elif _DESCRIPTION.match(line):
            skip.add(number)  # 项目内容：… / 事项进展：… describe the item above, they are no task
    for i, section in enumerate(ordered):
        if not (looks_back(section.title) or _GLOSSARY_TITLE.search(section.title)):
            continue
        if _MIXED_TITLE.search(section.title):
            # 发展基础和发展环境: only the chapter's own text, its subsections are judged alone
            nxt = next((s for s in ordered[i + 1:] if s.line > section.line), None)
        else:
            nxt = next((s for s in ordered[i + 1:] if s.level <= section.level), None)
        end = nxt.line - 1 if nxt else len(text.lines)
        skip.update(range(section.line, end + 1))
    return skip


_PROGRAMME_KINDS = ("implementation_plan", "notice", "regulation", "annual_plan", "task_list", "work_report")
# A heading numbered 一、/（一） heads one task when this few lines (or units, a time limit) follow it.
_LEAF_TASK_LINES = 2
_FRAMEWORK_TITLE = re.compile(r"指导思想|基本原则|总体要求|总体思路|工作思路|主要目标|工作目标|发展目标|预期目标")
_ARABIC_NUMBER = re.compile(r"^\s*(?:\d{1,3}\s*[.．、]?|[（(]\d{1,3}[）)])\s*$")
_DEADLINE_LABEL = re.compile(r"(?:完成时限|完成时间|时间节点|时限要求)\s*[:：]\s*(?P<when>[^。；;\n]+)")


def _heading_tasks(text: DocText, sections: list[Section], drafts: list[Draft],
                   skip: set[int], arabic_only: bool = False, duties_only: bool = False) -> list[Draft]:
    """Numbered headings (1.推行“一件事一次办”) whose own lines hold no task: in a work plan the
    heading names the task and the lines under it (what, 责任单位, 完成时限) describe it."""
    ordered = sorted(sections, key=lambda s: s.line)
    taken = sorted(d.line for d in drafts)
    content = [(n, t) for n, t in text.content() if n not in skip]
    out: list[Draft] = []
    # 一、…五、 and nothing under them: each part is one measure (若干措施, 通知 of a few points)
    flat = all(s.level <= 1 for s in ordered if s.number)
    for k, section in enumerate(ordered):
        if section.line in skip or not section.number or section.number.startswith(("专栏", "附")):
            continue
        arabic = _ARABIC_NUMBER.match(section.number) is not None
        leaf = k + 1 == len(ordered) or ordered[k + 1].level <= section.level
        if not (arabic or leaf) or (arabic_only and not (arabic and leaf)):
            continue
        if any(_FRAMEWORK_TITLE.search(t) for t in [section.title, *section.path]):
            continue  # 1.指导思想 under 总体要求 states the frame, it is no task
        nxt = ordered[k + 1].line if k + 1 < len(ordered) else len(text.lines) + 1
        if any(section.line <= d < nxt for d in taken):
            continue
        # 责任单位：… and 完成时限：… stand on lines of their own: keep them apart
        lines = [t for n, t in content if section.line < n < nxt]
        body = "".join(t.strip() if t.strip().endswith(tuple(_SENTENCE_END + "；;")) else t.strip() + "；"
                       for t in lines)
        if not body:
            continue
        label = _DEADLINE_LABEL.search(body)
        units = duty_units(section.title)
        if units is not None and len(lines) <= _LEAF_TASK_LINES:
            draft = duties(section.line, body, units)  # (一)区建管委 / 牵头协调督促…
            draft.number, draft.end = section.number, nxt - 1
            out.append(draft)
            continue
        if duties_only and not (label or find_units(body)):
            continue  # an article of a regulation: a rule, unless units or a time limit make it a task
        if not arabic and len(lines) > _LEAF_TASK_LINES and not (label or find_units(body)):
            continue  # 三、加强政府自身建设 over several paragraphs: a part of the plan, not one task
        if not arabic and section.level < 2 and not flat and not (label or find_units(body)):
            continue  # 二、项目内容 / 五、经费保障: a part of the plan, its items are the tasks
        out.append(Draft(section.line, section.title, body, number=section.number,
                         deadline_text=label["when"].strip() if label else None, end=nxt - 1))
    return out


# ---------------------------------------------------------------- units, ids, sections


def _numbered_per_line(drafts: list[Draft]) -> list[tuple[Draft, int]]:
    counts: dict[int, int] = {}
    out = []
    for draft in drafts:
        counts[draft.line] = counts.get(draft.line, 0) + 1
        out.append((draft, counts[draft.line]))
    return out


_ONGOING_CELL = re.compile(r"^(?:长期|持续|常年|长期坚持|持续推进|常态化)$")


def _cell_deadline(cell: str, doc: Document, open_ended: bool = False) -> Deadline | None:
    """The deadline a 完成时限 cell sets; a bare "6月" there means the end of June."""
    cell = cell.strip()
    if _ONGOING_CELL.match(cell):
        return Deadline(None, cell, "ongoing")
    for variant in (cell, cell + "前"):
        deadline = resolve_deadline(variant, doc.year, doc.period, open_ended=open_ended)
        if deadline.kind not in ("document_year", "period_end", "none"):
            return Deadline(deadline.date, cell if variant != cell else deadline.phrase,
                            deadline.kind, deadline.recurrence)
    return None  # the cell says nothing we can read: the task's text decides


def _task(doc: Document, sections: list[Section], draft: Draft, k: int, first_is_lead: bool = False,
          open_ended: bool = False) -> Task:
    section = section_at(sections, draft.line)
    if section is not None and section.line == draft.line and section.parent:
        section = next((s for s in sections if s.id == section.parent), section)  # a numbered task
    deadline = draft.deadline
    if deadline is None and draft.deadline_text:
        deadline = _cell_deadline(draft.deadline_text, doc, open_ended)
    if deadline is None:
        deadline = resolve_deadline(draft.text, doc.year, doc.period, open_ended=open_ended)
    unit_text = draft.block or draft.text
    units = find_units(unit_text, first_is_lead)
    if draft.units:
        units = Units(list(draft.units.lead), list(draft.units.others))
        if not units.lead:
            units.extend(find_units(unit_text, first_is_lead))
    if first_is_lead and not units.lead and units.others:
        units = Units(units.others[:1], units.others[1:])  # 列第一位者为牵头单位
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
        units=units.all,
        lead_units=units.lead,
        line=draft.line,
    )
