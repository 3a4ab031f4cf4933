"""Cards: one renderer per item kind (indicator, task, section, term, passage), the section and paragraph
readers, list summaries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from bot.callback_data import CallbackCodec, ReadParagraph, ReadSection
from bot.desk_render import chart_button, desk_buttons, office_lines, trajectory_lines
from bot.paging import nav
from bot.plan_text import (
    DEADLINE_KIND_LABELS,
    doc_short,
    section_text,
    short,
    short_around,
    source,
    value_text,
)
from bot.replies import Block, Reply, Span
from knowledge.desk.office import OfficeMap
from knowledge.identity import indicator_key
from knowledge.models import Indicator, KnowledgeBase, Passage, Section, Task, Term
from knowledge.search import Hit
from knowledge.trajectory import TrajectoryIndex

KIND_LABELS = {"indicator": "指标", "task": "任务", "section": "章节", "term": "名词", "passage": "原文"}
EXCERPT_CHARS = 160
SECTION_PAGE_CHARS = 1500  # characters of section text per page when reading a whole section
# A paragraph is shown in one message: cut well under Telegram's 4096 (header, source and quote tags
# take the rest; a Chinese character is one UTF-16 unit).
PARAGRAPH_CHARS = 3500


class Cards:
    """Renders items of a knowledge base as cards; `codec` makes the buttons' data; `office` (set by
    the services when there is a database) gives the office's progress on the tasks."""

    def __init__(self, codec: CallbackCodec, office: Callable[[KnowledgeBase], OfficeMap] | None = None) -> None:
        self.codec = codec
        self.office = office
        self._trajectories: tuple[KnowledgeBase | None, TrajectoryIndex | None] = (None, None)
        self._renderers: dict[str, Callable[[KnowledgeBase, Any], Reply]] = {
            "indicator": self.indicator, "task": self.task, "section": self.section, "term": self.term,
            "passage": self.passage,
        }

    def of_hits(self, kb: KnowledgeBase, group: list[Hit]) -> Reply:
        """The card of a result: an indicator group side by side, a passage with the query's words in
        bold, else the one item's card."""
        hit = group[0]
        if hit.kind == "indicator":
            return self.indicators(kb, [h.item for h in group if isinstance(h.item, Indicator)])
        if isinstance(hit.item, Passage):
            return self.passage(kb, hit.item, hit.text, hit.marks)
        if isinstance(hit.item, Task):
            return self.task(kb, hit.item, hit.text, hit.marks)
        return self._renderers[hit.kind](kb, hit.item)

    def open(self, kb: KnowledgeBase, kind: str, item_id: str) -> Reply:
        """The card of the item of this kind and id; LookupError when the knowledge base has none.
        Indicators are looked up among the targets and the past years' results (`kb.actuals`)."""
        pools: dict[str, list[Any]] = {"indicator": kb.indicators + kb.actuals, "task": kb.tasks,
                                       "section": kb.sections, "term": kb.terms, "passage": kb.passages}
        item = next((x for x in pools[kind] if x.id == item_id), None)
        if item is None:
            raise LookupError(item_id)
        return self._renderers[kind](kb, item)

    def open_group(self, kb: KnowledgeBase, ids: tuple[str, ...]) -> Reply:
        """The card of several indicators, in the order of `ids`; LookupError when none is left."""
        found = [i for i in kb.indicators + kb.actuals if i.id in ids]
        if not found:
            raise LookupError(",".join(ids))
        found.sort(key=lambda i: ids.index(i.id))
        return self.indicators(kb, found)

    def trajectories(self, kb: KnowledgeBase) -> TrajectoryIndex:
        """The trajectories of `kb`'s indicators (built once per knowledge base)."""
        known, index = self._trajectories
        if known is not kb or index is None:
            index = TrajectoryIndex(kb)
            self._trajectories = (kb, index)
        return index

    # ----- one renderer per kind -----------------------------------------------------------------

    def indicator(self, kb: KnowledgeBase, ind: Indicator) -> Reply:
        """Indicator card; the same indicator (the identity module's key) in other documents alongside."""
        key = indicator_key(ind.name)
        same = [ind] + [i for i in kb.indicators if i.id != ind.id and key and indicator_key(i.name) == key]
        return self.indicators(kb, same)

    @staticmethod
    def _actual_ids(kb: KnowledgeBase, same: list[Indicator]) -> set[str]:
        """Which of these indicators are past years' results (kb.actuals), not targets."""
        if not kb.actuals:
            return set()
        ids = {i.id for i in same}
        return {a.id for a in kb.actuals if a.id in ids}

    def indicators(self, kb: KnowledgeBase, same: list[Indicator]) -> Reply:
        """One indicator as one or several documents state it, each with its own source."""
        ind = same[0]
        actuals = self._actual_ids(kb, same)
        r = Reply()
        # The unit by the name only when every statement uses it (老旧小区改造: 13个 and 11.63万平方米).
        unit = f"（{ind.unit}）" if ind.unit and all(i.unit == ind.unit for i in same) else ""
        r.line("📊 ", Span(ind.name, "bold"), unit)
        if len(same) > 1:
            r.line(f"同一指标见于 {len(same)} 处，逐一列出：")
        for n, i in enumerate(same, 1):
            if len(same) > 1:
                r.blank().line(Span(f"{n}. {doc_short(kb, i.doc)}", "bold"))
                if i.name != ind.name:
                    r.field("名称", i.name)
            _indicator_fields(r, i, actual=i.id in actuals)
            r.source(source(kb, i.doc, i.section, i.line))
        trajectory = self.trajectories(kb).of(ind.id)
        if trajectory is not None and trajectory.linked:
            trajectory_lines(r, kb, trajectory)
            button = chart_button(self.codec, ind.id)
            if button is not None:
                r.row(button)
        return r

    def task(self, kb: KnowledgeBase, task: Task, excerpt: str = "", marks: Iterable[str] = ()) -> Reply:
        """Task card: deadline (and how it was found), units, text (from a search: the hit's excerpt,
        cut around the question's words, with them in bold), source."""
        r = Reply().line("📌 ", Span(short(task.title, 80), "bold"))
        if task.deadline:
            how = DEADLINE_KIND_LABELS.get(task.deadline_kind, "")
            said = f"“{task.deadline_text}”，" if task.deadline_text else ""
            r.field("完成时限", f"{task.deadline.isoformat()}（{said}{how}）")
        elif task.deadline_text or task.recurrence:
            r.field("完成时限", f"{task.recurrence or task.deadline_text}（{DEADLINE_KIND_LABELS.get(task.deadline_kind, '')}）")
        else:
            r.field("完成时限", "文件未写明")
        lead = task.lead_units
        if lead:
            r.field("牵头单位", "、".join(lead))
        if task.units:
            r.field("责任单位", "、".join(task.units))
        if excerpt and task.text and task.text != task.title:
            r.blocks.append(Block(marked(excerpt, list(marks)), quote=True))
        elif task.text and task.text != task.title:
            r.quote(short(task.text, 300))
        r.source(source(kb, task.doc, task.section, task.line))
        if self.office is not None:
            office_lines(r, task, self.office(kb).get(task.id))
            r.row(*desk_buttons(self.codec, task))
        return r

    def section(self, kb: KnowledgeBase, section: Section) -> Reply:
        """Section card: its path, an excerpt, the source and a 阅读全文 button."""
        r = Reply().line("📄 ", Span(" › ".join(section.path or [section.title]), "bold"))
        body = section_text(kb, section)
        if body:
            r.quote(short(body, EXCERPT_CHARS))
        r.source(source(kb, section.doc, None, section.line))
        r.row(("阅读全文", self.codec.encode(ReadSection(section.id, 0))))
        return r

    def term(self, kb: KnowledgeBase, term: Term) -> Reply:
        """Term card: the definition and its source."""
        r = Reply().line("📖 ", Span(term.term, "bold"))
        r.text(term.definition)
        r.source(source(kb, term.doc, term.section, term.line))
        return r

    def passage(self, kb: KnowledgeBase, passage: Passage, text: str = "", marks: Iterable[str] = ()) -> Reply:
        """Passage card: the text (the hit's, else the passage's) with the query's words in bold, the
        source (document, section path, line) and 查看整段 when the paragraph holds more."""
        marks = list(marks)
        shown = text or passage.text
        r = Reply().line("📝 ", Span("原文摘录", "bold"))
        r.blocks.append(Block(marked(shown, marks), quote=True))
        r.source(passage_source(kb, passage))
        paragraph = kb.paragraph(passage)
        if len(paragraph.strip()) > len(shown.strip()):
            r.row(("查看整段", self.codec.encode(ReadParagraph.of(passage.id, marks))))
        return r

    def paragraph(self, kb: KnowledgeBase, passage_id: str, marks: Iterable[str] = ()) -> Reply:
        """The whole paragraph of a passage (cut to one message), the query's words in bold, with its
        source and 阅读本节全文; LookupError for an unknown passage."""
        passage = next((p for p in kb.passages if p.id == passage_id), None)
        if passage is None:
            raise LookupError(passage_id)
        body = kb.paragraph(passage) or passage.text
        section = kb.section(passage.section)
        r = Reply().line("📄 ", Span(" › ".join([doc_short(kb, passage.doc), *section_path(section)]), "bold"))
        r.blocks.append(Block(marked(short_keep_lines(body, PARAGRAPH_CHARS), list(marks)), quote=True))
        if len(body) > PARAGRAPH_CHARS:
            r.line(Span(f"（本段共 {len(body)} 字，只显示前 {PARAGRAPH_CHARS} 字）", "italic"))
        r.source(passage_source(kb, passage))
        if section is not None:
            r.row(("阅读本节全文", self.codec.encode(ReadSection(section.id, 0))))
        return r

    def section_page(self, kb: KnowledgeBase, section_id: str, page: int) -> Reply:
        """Page `page` (from 0) of a section's whole text, with ◀ ▶; LookupError for an unknown section."""
        section = kb.section(section_id)
        if section is None:
            raise LookupError(section_id)
        body = section_text(kb, section, full=True)
        chunks = [body[i: i + SECTION_PAGE_CHARS] for i in range(0, len(body), SECTION_PAGE_CHARS)] or [""]
        page = min(max(page, 0), len(chunks) - 1)
        r = Reply(replace=page > 0)
        r.line("📄 ", Span(" › ".join(section.path or [section.title]), "bold"))
        r.text(chunks[page] or "（本节没有正文）")
        r.source(source(kb, section.doc, None, section.line))
        row = nav(lambda p: self.codec.encode(ReadSection(section.id, p - 1)), page + 1, len(chunks))
        if row:
            r.row(*row)
        return r


def summary(kb: KnowledgeBase, hit: Hit, same: int = 1) -> str:
    """One line under a listed hit: the figure or deadline, and the document; what the hit's listed
    title already says is not said again (a passage that is a document's title line, in no section)."""
    doc = doc_short(kb, hit.doc)
    item = hit.item
    if isinstance(item, Indicator):
        figure = value_text(item.target, item.unit) if item.target else value_text(item.baseline, item.unit)
        more = f"（另见 {same - 1} 处）" if same > 1 else ""  # the card says 同一指标见于 N 处; maybe in one document
        return f"{figure} · {doc}{more}"
    if isinstance(item, Task):
        when = item.deadline.isoformat() if item.deadline else (item.deadline_text or "未写明时限")
        return f"完成时限 {when} · {doc}"
    if isinstance(item, Term):
        return f"{short(item.definition, 30)} · {doc}"
    title = hit_title(kb, hit)
    if isinstance(item, Passage):
        said = short_around(hit.text or item.text, hit.marks, 40, own=item.text)
        parts = [said if said != title else "", doc if doc != title else ""]
    else:
        parts = [section_parent(item) if isinstance(item, Section) else "", doc]
    return " · ".join(p for p in parts if p)


def listed_line(kb: KnowledgeBase, hit: Hit, same: int = 1, width: int = 30) -> str:
    """A hit on one line of a list: "[任务] title — summary" (no dash when the summary adds nothing)."""
    said = summary(kb, hit, same)
    return f"[{KIND_LABELS[hit.kind]}] {short(hit_title(kb, hit), width)}" + (f" — {said}" if said else "")


def detail(hit: Hit) -> str:
    """What a listed hit says, without its document (lists grouped by document show it once)."""
    item = hit.item
    if isinstance(item, Indicator):
        return value_text(item.target, item.unit) if item.target else value_text(item.baseline, item.unit)
    if isinstance(item, Task):
        return "完成时限 " + (item.deadline.isoformat() if item.deadline else (item.deadline_text or "未写明时限"))
    if isinstance(item, Term):
        return short(item.definition, 40)
    if isinstance(item, Passage):
        return short_around(hit.text or item.text, hit.marks, 60, own=item.text)
    return section_parent(item) if isinstance(item, Section) else ""


def hit_title(kb: KnowledgeBase, hit: Hit) -> str:
    """A listed hit's name: the item's own (a section's heading as the document numbers it: 第二节 发展环境),
    or for a passage (which has none) where it is: its section, else its document."""
    if isinstance(hit.item, Passage):
        section = kb.section(hit.item.section)
        return section.title if section is not None else doc_short(kb, hit.doc)
    if isinstance(hit.item, Section):
        return section_heading(hit.item)
    return hit.title


def section_heading(section: Section) -> str:
    """A section's heading with its number (第二节 发展环境) when its path ends with it, else its title."""
    last = section.path[-1] if section.path else ""
    return last if last and section.title in last else section.title


def section_parent(section: Section) -> str:
    """The heading a section sits under (第一章 发展基础和发展环境); empty for a top-level section."""
    return section.path[-2] if len(section.path) > 1 else ""


def section_path(section: Section | None) -> list[str]:
    """A section's path (its title when it has none); empty for no section."""
    if section is None:
        return []
    return list(section.path or [section.title])


def passage_source(kb: KnowledgeBase, passage: Passage) -> str:
    """"document short name › section path，第 N 行" for a passage."""
    parts = [doc_short(kb, passage.doc), *section_path(kb.section(passage.section))]
    return " › ".join(parts) + f"，第 {passage.line} 行"


def marked(text: str, marks: Iterable[str]) -> list[Span]:
    """`text` as spans with every occurrence of a mark in bold (longest marks first, ASCII case ignored)."""
    words = sorted({m for m in marks if m and m.strip()}, key=len, reverse=True)
    if not words or not text:
        return [Span(text)]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    spans: list[Span] = []
    at = 0
    for m in pattern.finditer(text):
        if m.start() > at:
            spans.append(Span(text[at:m.start()]))
        spans.append(Span(m.group(0), "bold"))
        at = m.end()
    if at < len(text):
        spans.append(Span(text[at:]))
    return spans


def short_keep_lines(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis (newlines kept, unlike `short`)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _indicator_fields(r: Reply, ind: Indicator, actual: bool = False) -> None:
    """Baseline, target, growth and attribute of one statement of an indicator (or its sentence); a past
    year's result (`actual`) shows its figure as 实际完成."""
    if ind.baseline:
        r.field("实际完成" if actual else "基期", value_text(ind.baseline, ind.unit))
    if ind.target:
        r.field("目标", value_text(ind.target, ind.unit))
    if ind.growth and not (ind.target and ind.growth in ind.target.value):  # 增长7.5%左右 is the target itself
        r.field("增长", ind.growth)
    if ind.attribute:
        r.field("属性", ind.attribute)
    if not (ind.baseline or ind.target or ind.growth) and ind.text:
        r.quote(short(ind.text, 200))
