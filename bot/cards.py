"""Cards: one renderer per item kind (indicator, task, section, term), the section reader, list summaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.callback_data import CallbackCodec, ReadSection
from bot.desk_render import chart_button, desk_buttons, office_lines, trajectory_lines
from bot.paging import nav
from bot.plan_text import (
    DEADLINE_KIND_LABELS,
    doc_short,
    section_text,
    short,
    source,
    value_text,
)
from bot.replies import Reply, Span
from knowledge.desk.office import OfficeMap
from knowledge.identity import indicator_key
from knowledge.models import Indicator, KnowledgeBase, Section, Task, Term
from knowledge.search import Hit
from knowledge.trajectory import TrajectoryIndex

EXCERPT_CHARS = 160
SECTION_PAGE_CHARS = 1500  # characters of section text per page when reading a whole section


class Cards:
    """Renders items of a knowledge base as cards; `codec` makes the buttons' data; `office` (set by
    the services when there is a database) gives the office's progress on the tasks."""

    def __init__(self, codec: CallbackCodec, office: Callable[[KnowledgeBase], OfficeMap] | None = None) -> None:
        self.codec = codec
        self.office = office
        self._trajectories: tuple[KnowledgeBase | None, TrajectoryIndex | None] = (None, None)
        self._renderers: dict[str, Callable[[KnowledgeBase, Any], Reply]] = {
            "indicator": self.indicator, "task": self.task, "section": self.section, "term": self.term,
        }

    def of_hits(self, kb: KnowledgeBase, group: list[Hit]) -> Reply:
        """The card of a result: an indicator group side by side, else the one item's card."""
        hit = group[0]
        if hit.kind == "indicator":
            return self.indicators(kb, [h.item for h in group if isinstance(h.item, Indicator)])
        return self._renderers[hit.kind](kb, hit.item)

    def open(self, kb: KnowledgeBase, kind: str, item_id: str) -> Reply:
        """The card of the item of this kind and id; LookupError when the knowledge base has none."""
        pools: dict[str, list[Any]] = {"indicator": kb.indicators, "task": kb.tasks, "section": kb.sections,
                                       "term": kb.terms}
        item = next((x for x in pools[kind] if x.id == item_id), None)
        if item is None:
            raise LookupError(item_id)
        return self._renderers[kind](kb, item)

    def open_group(self, kb: KnowledgeBase, ids: tuple[str, ...]) -> Reply:
        """The card of several indicators, in the order of `ids`; LookupError when none is left."""
        found = [i for i in kb.indicators if i.id in ids]
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

    def indicators(self, kb: KnowledgeBase, same: list[Indicator]) -> Reply:
        """One indicator as one or several documents state it, each with its own source."""
        ind = same[0]
        r = Reply()
        unit = f"（{ind.unit}）" if ind.unit else ""
        r.line("📊 ", Span(ind.name, "bold"), unit)
        if len(same) > 1:
            r.line(f"同一指标见于 {len(same)} 处，逐一列出：")
        for n, i in enumerate(same, 1):
            if len(same) > 1:
                r.blank().line(Span(f"{n}. {doc_short(kb, i.doc)}", "bold"))
                if i.name != ind.name:
                    r.field("名称", i.name)
            _indicator_fields(r, i)
            r.source(source(kb, i.doc, i.section, i.line))
        trajectory = self.trajectories(kb).of(ind.id)
        if trajectory is not None and trajectory.linked:
            trajectory_lines(r, kb, trajectory)
            button = chart_button(self.codec, ind.id)
            if button is not None:
                r.row(button)
        return r

    def task(self, kb: KnowledgeBase, task: Task) -> Reply:
        """Task card: deadline (and how it was found), units, text, source."""
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
        if task.text and task.text != task.title:
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
    """One line under a listed hit: the figure or deadline, and the document."""
    doc = doc_short(kb, hit.doc)
    item = hit.item
    if isinstance(item, Indicator):
        figure = value_text(item.target, item.unit) if item.target else value_text(item.baseline, item.unit)
        more = f"（另见 {same - 1} 份文件）" if same > 1 else ""
        return f"{figure} · {doc}{more}"
    if isinstance(item, Task):
        when = item.deadline.isoformat() if item.deadline else (item.deadline_text or "未写明时限")
        return f"完成时限 {when} · {doc}"
    if isinstance(item, Term):
        return f"{short(item.definition, 30)} · {doc}"
    return f"{' › '.join(item.path[-2:]) if isinstance(item, Section) and item.path else ''} · {doc}"


def _indicator_fields(r: Reply, ind: Indicator) -> None:
    """Baseline, target, growth and attribute of one statement of an indicator (or its sentence)."""
    if ind.baseline:
        r.field("基期", value_text(ind.baseline, ind.unit))
    if ind.target:
        r.field("目标", value_text(ind.target, ind.unit))
    if ind.growth and not (ind.target and ind.growth in ind.target.value):  # 增长7.5%左右 is the target itself
        r.field("增长", ind.growth)
    if ind.attribute:
        r.field("属性", ind.attribute)
    if not (ind.baseline or ind.target or ind.growth) and ind.text:
        r.quote(short(ind.text, 200))
