"""Indicators: rows of indicator tables and quantified targets in prose."""

from __future__ import annotations

import re

from knowledge.doctext import DocText
from knowledge.indicator_prose import Found, prose_targets
from knowledge.indicator_tables import TableRow, find_tables, value_number
from knowledge.models import Document, Indicator, Section, Value
from knowledge.numbers import normalize_unit
from knowledge.review_parts import looks_back
from knowledge.structure import section_at
from knowledge.task_tables import find_task_tables

# Section titles whose text reviews the past (achievements, not targets).
# Sections that define terms rather than set targets.
_GLOSSARY_TITLE = re.compile(r"名词解释|名词说明|术语|释义|附注")

_TERMINAL = re.compile(r"[。！？!?；;：:]\s*$")
# A line that starts a heading is never the continuation of a wrapped sentence.
_HEADING_START = re.compile(r"^\s*(?:第[一二三四五六七八九十百\d]+[章节篇部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]|专栏|附件|附表)")
_TARGET_YEAR = re.compile(r"(?:到|至|截至|截止)?((?:19|20)\d\d)年")
_MILESTONE_YEAR = re.compile(r"(?:到|至)((?:19|20)\d\d)年|((?:19|20)\d\d)年(?:底|末|\d{1,2}月(?:底|末)?)?前")


def extract_indicators(doc: Document, text: DocText, sections: list[Section]) -> list[Indicator]:
    """Every quantified indicator or target in the document, with section and line."""
    cells = list(text.content())
    start, end = doc.period or (doc.year, doc.year)
    default_years = ((start - 1) if start else None, end)
    items: list[Indicator] = []
    table_lines: set[int] = set()
    counters: dict[int, int] = {}

    def new_id(line: int) -> str:
        counters[line] = counters.get(line, 0) + 1
        return f"{doc.id}-I{line}-{counters[line]}"

    # A table may also come as one row per line with tab- or space-separated cells.
    table_cells = [(line, cell.strip()) for line, t in cells for cell in re.split(r"\t+|\s{2,}|｜|\|", t)
                   if cell.strip()]
    for row in find_tables(table_cells, default_years):
        table_lines.update(row.lines)
        items.append(_table_indicator(doc, row, sections, new_id(row.name_line)))

    review = _review_lines(doc, sections)
    # A task or project table is read row by row: its task and content cells each on their own
    # (a 完成时限, 责任单位 or 总投资 cell is never a target, nor joined with the next cell).
    task_rows = [row for rows in find_task_tables(text, set()) for row in rows]
    task_cells = {n for row in task_rows for n in row.lines}
    text_cells = {n for row in task_rows for n in row.text_lines}
    prose = [(line, _row_as_prose(t)) for line, t in cells
             if line not in table_lines and line not in review and (line not in task_cells or line in text_cells)]
    for starts, paragraph in _paragraphs(prose, task_cells):
        if len(paragraph) < 8:
            continue
        for found in prose_targets(paragraph, start):
            line = max((ln for ln, at in starts if at <= found.offset), default=starts[0][0])
            if doc.kind in _RULE_KINDS and not _targets_here(found.sentence or paragraph, sections, line):
                continue  # a regulation's numbers are its rules (一等奖5项, 浮动幅度20%), not targets
            items.append(_prose_indicator(doc, found, line, found.sentence or paragraph, sections,
                                          new_id(line), end))
    return items


_ROW_SPLIT = re.compile(r"\s*[|｜\t]\s*")


# Kinds whose numbers are rules unless a sentence or its section sets a goal.
_RULE_KINDS = ("regulation",)
_GOAL_SENTENCE = re.compile(r"(?:到|至)\s*(?:19|20)\d{2}\s*年|(?:19|20)\d{2}\s*年(?:底|末)?前|目标|力争|争取|预期")
_GOAL_SECTION = re.compile(r"目标|任务|指标")  # 考评指标: the items an assessment scores are targets


def _targets_here(sentence: str, sections: list[Section], line: int) -> bool:
    """Whether a sentence of a regulation sets a goal: it says so, or its section is about goals."""
    if _GOAL_SENTENCE.search(sentence):
        return True
    section = section_at(sections, line)
    return section is not None and any(_GOAL_SECTION.search(t) for t in section.path)


def _row_as_prose(text: str) -> str:
    """A row of some other table (| 1 | 完成老旧小区改造5个 | 城建办 |) as one sentence of its
    cells, so its targets are read cell by cell and no row runs into the next."""
    if text.count("|") + text.count("｜") < 2 and text.count("\t") < 2:
        return text
    return "；".join(c for c in (c.strip() for c in _ROW_SPLIT.split(text)) if c) + "。"


def _paragraphs(cells: list[tuple[int, str]], alone: set[int] | None = None,
                ) -> list[tuple[list[tuple[int, int]], str]]:
    """Lines joined where a long line was wrapped mid-sentence (PDF text): (line, offset) starts and
    text. Lines in `alone` (table cells) are never joined with another."""
    paragraphs: list[tuple[list[tuple[int, int]], str]] = []
    alone = alone or set()
    for line, text in cells:
        if paragraphs and line not in alone and paragraphs[-1][0][-1][0] not in alone:
            starts, current = paragraphs[-1]
            last_line, last_at = starts[-1]
            if (line == last_line + 1 and len(current) - last_at >= 30 and not _TERMINAL.search(current)
                    and not _HEADING_START.match(text)):
                starts.append((line, len(current)))
                paragraphs[-1] = (starts, current + text)
                continue
        paragraphs.append(([(line, 0)], text))
    return paragraphs


# 较2019年增长247%: the year a result is compared with is not the year it was reached.
_COMPARED = re.compile(r"(?:较|比|相比|同比|与|对比)\s*$")


def extract_actuals(doc: Document, text: DocText, sections: list[Section]) -> list[Indicator]:
    """Results a plan reports for a past year (a work report's review of 2023, a five-year plan's
    十三五 review): figures with the year they were reached, as the baseline of an indicator with
    no target. They are kept apart from the targets (KnowledgeBase.actuals), so a question
    "2023年…完成多少" finds them and no target list holds them."""
    start = (doc.period[0] if doc.period else doc.year)
    if start is None:
        return []
    review = _review_lines(doc, sections, glossary=False)
    cells = [(line, t) for line, t in text.content() if line in review]
    items: list[Indicator] = []
    for starts, paragraph in _paragraphs(cells):
        for k, found in enumerate(prose_targets(paragraph, start, facts=True)):
            if found.quantity is None:
                continue
            line = max((ln for ln, at in starts if at <= found.offset), default=starts[0][0])
            named = [int(m.group(1)) for m in _TARGET_YEAR.finditer(found.sentence)
                     if int(m.group(1)) < start and not _COMPARED.search(found.sentence, 0, m.start())]
            year = max(named) if named else start - 1
            q = found.quantity
            actual = Value(year=year, value=found.value if found.growth_only and found.value else q.value,
                           number=q.number)
            items.append(Indicator(id=f"{doc.id}-A{line}-{k + 1}", doc=doc.file, section=_section_id(sections, line),
                                   name=found.name, unit=found.unit or q.unit, baseline=actual, growth=found.growth,
                                   source="prose", line=line, lines=[line], text=found.sentence or paragraph))
    return items


def _review_lines(doc: Document, sections: list[Section], glossary: bool = True) -> set[int]:
    """Lines that review the past: the work report's review part and 发展基础-like sections
    (and glossary sections, unless `glossary` is False)."""
    lines: set[int] = set()
    if doc.review_lines:
        lines.update(range(doc.review_lines[0], doc.review_lines[1] + 1))
    by_id = {s.id: s for s in sections}
    ordered = sorted(sections, key=lambda s: s.line)
    for k, section in enumerate(ordered):
        chain: list[str] = []
        node: Section | None = section
        while node is not None:
            chain.append(node.title)
            node = by_id.get(node.parent) if node.parent else None
        if not any(looks_back(t) or (glossary and _GLOSSARY_TITLE.search(t)) for t in chain + section.path):
            continue
        stop = section.end_line
        if stop is None:
            nxt = next((s.line for s in ordered[k + 1:] if s.level <= section.level), None)
            stop = (nxt - 1) if nxt else section.line + 10_000
        lines.update(range(section.line, stop + 1))
    return lines


def _section_id(sections: list[Section], line: int) -> str | None:
    """The id of the innermost section holding `line`."""
    section = section_at(sections, line)
    return section.id if section else None


def _table_indicator(doc: Document, row: TableRow, sections: list[Section], item_id: str) -> Indicator:
    """An Indicator from a table row (unit from the value cells when the name has none)."""
    unit = row.unit
    if unit is None:
        # The unit may sit in the value cells instead (100%, 47μg/m3).
        for v in (row.target, row.baseline):
            m = re.search(r"\d\s*(%|％|μg/m3|微克/立方米|万?平方米|亿元|万元|家|个)$", v or "")
            if m:
                unit = normalize_unit(m.group(1))
                break
    return Indicator(
        id=item_id, doc=doc.file, section=_section_id(sections, row.name_line), name=row.name, unit=unit,
        baseline=Value(year=row.baseline_year, value=row.baseline, number=value_number(row.baseline)) if row.baseline else None,
        target=Value(year=row.target_year, value=row.target, number=value_number(row.target)) if row.target else None,
        growth=row.growth if row.growth and re.search(r"\d", row.growth) else None, attribute=row.attribute, category=row.category, source="table",
        line=row.name_line, lines=sorted(set(row.lines)), text=row.name, row=row.seq,
    )


def _prose_indicator(doc: Document, found: Found, line: int, line_text: str, sections: list[Section],
                     item_id: str, default_year: int | None) -> Indicator:
    """An Indicator from a prose target, dated by its sentence or the plan."""
    year = _sentence_year(found.sentence or line_text, default_year, doc)
    baseline = None
    if found.baseline is not None:
        baseline = Value(year=found.baseline_year, value=found.baseline.value, number=found.baseline.number)
    target = None
    if found.quantity is not None and found.growth_only:
        # a growth target (增长7.5%左右): the rate is the target, the words say it is a growth
        target = Value(year=year, value=found.value or found.quantity.value, number=found.quantity.number)
    elif found.quantity is not None:
        q = found.quantity
        target = Value(year=year, value=q.value, number=q.number)
    elif found.value is not None:
        target = Value(year=year, value=found.value, number=None)
    unit = found.unit or (found.quantity.unit if found.quantity else None)
    return Indicator(
        id=item_id, doc=doc.file, section=_section_id(sections, line), name=found.name, unit=unit,
        baseline=baseline, target=target, growth=found.growth, source="prose", line=line, lines=[line], text=line_text,
    )


def _sentence_year(line_text: str, default_year: int | None, doc: Document) -> int | None:
    """The target year: a year named in the text (到2025年) within the plan's horizon, else the plan's."""
    lo = (doc.period[0] if doc.period else doc.year) or 2000
    years = [int(y) for y in _TARGET_YEAR.findall(line_text)]
    years = [y for y in years if y >= lo]
    if years and default_year is None:
        return max(years)
    if years and default_year and max(years) <= default_year + 15:
        if max(years) >= default_year:
            return max(years)
        # 到2027年… / 2026年6月底前… inside a longer plan: a milestone before the plan's end
        milestones = [y for m in _MILESTONE_YEAR.finditer(line_text)
                      if (y := int(m.group(1) or m.group(2))) >= lo]
        return max(milestones) if milestones else default_year
    return default_year
