"""Browsing: the document list, the outline tree, the indicator and task lists, the glossary."""

from __future__ import annotations

from collections.abc import Callable

from bot.callback_data import (
    CallbackCodec,
    IndicatorPage,
    IndicatorSearchPage,
    OpenIndicator,
    OpenTask,
    OpenTerm,
    OutlineDocument,
    OutlineRoot,
    OutlineSection,
    ReadSection,
    TaskPage,
)
from bot.cards import EXCERPT_CHARS, Cards
from bot.kbstate import KnowledgeState
from bot.paging import nav, number_buttons, page_of
from bot.plan_text import (
    DOC_KIND_LABELS,
    children,
    doc_index,
    doc_short,
    find_doc,
    heading,
    section_text,
    short,
    value_text,
)
from bot.replies import Reply, Span
from knowledge.identity import name_key
from knowledge.models import Term
from knowledge.search import SearchResult

LIST_PAGE_SIZE = 8  # /indicators and /tasks entries per page
TERM_CHOICES = 5


class Browsing:
    """Lists and trees over the active knowledge base; `search` is the answering service's search."""

    def __init__(self, state: KnowledgeState, cards: Cards, codec: CallbackCodec,
                 search: Callable[[str], SearchResult]) -> None:
        self.state = state
        self.cards = cards
        self.codec = codec
        self.search = search

    # ----- commands -------------------------------------------------------------------------------

    def docs(self) -> Reply:
        """/docs: the loaded plans with kind, year and counts."""
        kb = self.state.active.kb
        if not kb.documents:
            return Reply().line("还没有载入任何规划文件。")
        r = Reply().title(f"已载入 {len(kb.documents)} 份规划文件")
        for n, d in enumerate(kb.documents, 1):
            counts = [sum(1 for x in items if x.doc == d.file)
                      for items in (kb.sections, kb.indicators, kb.tasks, kb.terms)]
            if d.period and d.period[0] != d.period[1]:
                year = f"{d.period[0]}—{d.period[1]}年"
            else:
                year = f"{d.year}年" if d.year else "年份未知"
            r.line(f"{n}. ", Span(d.title, "bold"))
            r.line(f"    {DOC_KIND_LABELS.get(d.kind, d.kind)} · {year} · 章节 {counts[0]} · 指标 {counts[1]}"
                   f" · 任务 {counts[2]} · 名词 {counts[3]}")
        for start in range(0, len(kb.documents), 4):
            r.row(*[(f"目录 {n}", self.codec.encode(OutlineDocument(n - 1)))
                    for n in range(start + 1, min(start + 4, len(kb.documents)) + 1)])
        return r

    def outline(self, arg: str = "") -> Reply:
        """/outline [文档]: the section tree, navigated with buttons."""
        if arg:
            idx = find_doc(self.state.active.kb, arg)
            if idx is None:
                return self._no_doc(arg)
            return self.outline_doc(idx)
        return self.outline_root()

    def indicators(self, arg: str = "") -> Reply:
        """/indicators [文档或关键词]: indicators with their targets, paginated."""
        if arg:
            idx = find_doc(self.state.active.kb, arg)
            if idx is not None:
                return self.indicator_page(idx, "", 0)
            return self.indicator_page(None, arg, 0)
        return self.indicator_page(None, "", 0)

    def tasks(self, arg: str = "") -> Reply:
        """/tasks [关键词]: tasks sorted by deadline, paginated."""
        return self.task_page(arg, 0)

    def term(self, arg: str = "") -> Reply:
        """/term 词: a glossary definition (or the list of terms)."""
        kb = self.state.active.kb
        terms = kb.terms
        if not arg:
            if not terms:
                return Reply().line("已载入的文件中没有名词解释。")
            r = Reply().title(f"名词解释（共 {len(terms)} 条）")
            r.line("用法：", Span("/term 词", "code"))
            for t in terms[:30]:
                r.line("• ", t.term)
            return r
        key = name_key(arg)
        exact = [t for t in terms if name_key(t.term) == key]
        partial = [t for t in terms if key and (key in name_key(t.term) or name_key(t.term) in key)]
        found = exact or partial
        if not found:
            found = [h.item for h in self.search(arg).hits if isinstance(h.item, Term)]
        if len(found) == 1 or (found and exact):
            return self.cards.term(kb, found[0])
        if found:
            r = Reply().line(f"找到 {len(found)} 个相关名词：")
            for n, t in enumerate(found[:TERM_CHOICES], 1):
                r.line(f"{n}. {t.term}")
            r.row(*[(str(n), self.codec.encode(OpenTerm(t.id))) for n, t in enumerate(found[:TERM_CHOICES], 1)])
            return r
        r = Reply().line(f"没有找到名词“{short(arg, 30)}”的解释。")
        if terms:
            r.line("可查询的名词有：", "、".join(t.term for t in terms[:12]))
        return r

    # ----- pages (also reached by buttons) ----------------------------------------------------------

    def outline_root(self, replace: bool = False) -> Reply:
        """The documents to browse, one button each."""
        kb = self.state.active.kb
        r = Reply(replace=replace).title("选择要浏览的文件：")
        for n, d in enumerate(kb.documents, 1):
            r.line(f"{n}. {d.title}")
        for n, d in enumerate(kb.documents, 1):
            r.row((short(f"{n}. {d.title}", 30), self.codec.encode(OutlineDocument(n - 1))))
        return r

    def outline_doc(self, idx: int) -> Reply:
        """A document's top-level sections (-1: the document list with counts); IndexError if none."""
        kb = self.state.active.kb
        if idx < 0:
            return self.docs()
        doc = kb.documents[idx]
        tops = children(kb, doc.file, None)
        r = Reply(replace=True).line("🗂 ", Span(doc.title, "bold"))
        if not tops:
            r.line("未识别到章节。")
        for s in tops:
            r.line(f"• {heading(s)}")
        for s in tops[:40]:
            r.row((short(heading(s), 30), self.codec.encode(OutlineSection(s.id))))
        r.row(("⬆ 文件列表", self.codec.encode(OutlineRoot())))
        return r

    def outline_section(self, section_id: str) -> Reply:
        """A section's excerpt and sub-sections, with 阅读全文 and ⬆; LookupError for an unknown section."""
        kb = self.state.active.kb
        section = kb.section(section_id)
        if section is None:
            raise LookupError(section_id)
        subsections = children(kb, section.doc, section)
        r = Reply(replace=True).line("🗂 ", Span(" › ".join(section.path or [section.title]), "bold"))
        excerpt = section_text(kb, section)
        if excerpt:
            r.quote(short(excerpt, EXCERPT_CHARS))
        for s in subsections:
            r.line(f"• {heading(s)}")
        for s in subsections[:40]:
            r.row((short(heading(s), 30), self.codec.encode(OutlineSection(s.id))))
        up = (self.codec.encode(OutlineSection(section.parent)) if section.parent and kb.section(section.parent)
              else self.codec.encode(OutlineDocument(doc_index(kb, section.doc))))
        r.row(("阅读全文", self.codec.encode(ReadSection(section.id, 0))), ("⬆ 上一级", up))
        return r

    def indicator_page(self, doc_idx: int | None, keyword: str, page: int) -> Reply:
        """Page `page` (from 0) of a document's indicators, of those named with `keyword`, or of all."""
        kb = self.state.active.kb
        items = kb.indicators
        if doc_idx is not None:
            items = [i for i in items if i.doc == kb.documents[doc_idx].file]
            title = f"《{kb.documents[doc_idx].title}》的指标"
        elif keyword:
            key = name_key(keyword)
            items = [i for i in items if key in name_key(i.name)]
            title = f"名称含“{short(keyword, 20)}”的指标"
        else:
            title = "全部指标"
        if not items:
            r = Reply().line(f"{title}：没有找到。")
            if keyword:
                r.line("可用 /docs 查看文件序号，再发送 ", Span("/indicators 序号", "code"), "。")
            return r
        chunk, page, pages = page_of(items, page, LIST_PAGE_SIZE)
        r = Reply(replace=page > 0).title(f"{title}（共 {len(items)} 项）")
        first = page * LIST_PAGE_SIZE + 1
        for n, ind in enumerate(chunk, first):
            figure = value_text(ind.target, ind.unit) if ind.target else value_text(ind.baseline, ind.unit)
            attr = f" · {ind.attribute}" if ind.attribute else ""
            r.line(f"{n}. ", Span(ind.name, "bold"), f"：{figure}{attr}")
            if doc_idx is None:
                r.line(f"    {doc_short(kb, ind.doc)}")
        number_buttons(r, [self.codec.encode(OpenIndicator(ind.id)) for ind in chunk], first)

        def data_for(p: int) -> str:
            if keyword and doc_idx is None:
                return self.codec.encode(IndicatorSearchPage(p - 1, keyword))
            return self.codec.encode(IndicatorPage(doc_idx, p - 1))

        row = nav(data_for, page + 1, pages)
        if row:
            r.row(*row)
        return r

    def task_page(self, keyword: str, page: int) -> Reply:
        """Page `page` (from 0) of the tasks holding `keyword` (all when empty), by deadline."""
        kb = self.state.active.kb
        key = name_key(keyword)
        items = [t for t in kb.tasks
                 if not key or key in name_key(t.title + t.text + "".join(t.units))]
        items.sort(key=lambda t: (t.deadline is None, t.deadline.toordinal() if t.deadline else 0, t.doc, t.line))
        title = f"含“{short(keyword, 20)}”的任务" if keyword else "全部任务"
        if not items:
            return Reply().line(f"{title}：没有找到。").line("可以换个关键词，或直接提问。")
        chunk, page, pages = page_of(items, page, LIST_PAGE_SIZE)
        r = Reply(replace=page > 0).title(f"{title}（共 {len(items)} 项，按完成时限排序）")
        first = page * LIST_PAGE_SIZE + 1
        for n, t in enumerate(chunk, first):
            when = t.deadline.isoformat() if t.deadline else (t.deadline_text or "未写明")
            r.line(f"{n}. ", Span(short(t.title, 40), "bold"))
            r.line(f"    {when} · {doc_short(kb, t.doc)}")
        number_buttons(r, [self.codec.encode(OpenTask(t.id)) for t in chunk], first)
        row = nav(lambda p: self.codec.encode(TaskPage(p - 1, keyword)), page + 1, pages)
        if row:
            r.row(*row)
        return r

    def _no_doc(self, arg: str) -> Reply:
        r = Reply().line(f"没有找到文件“{short(arg, 30)}”。请用序号或标题中的词：")
        for n, d in enumerate(self.state.active.kb.documents, 1):
            r.line(f"{n}. {d.title}")
        return r
