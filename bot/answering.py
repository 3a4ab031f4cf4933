"""Answering: a question goes to the search, the hits come back as a card, a numbered list or "not found"."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from bot.callback_data import OPEN_BY_KIND, Ask, CallbackCodec, OpenIndicatorGroup, ResultsPage
from bot.cards import Cards, summary
from bot.inputs import normalise
from bot.kbstate import Active, KnowledgeState
from bot.paging import nav, page_of
from bot.plan_text import short
from bot.querylog import LoggedQuery, QueryLog
from bot.replies import Reply, Span
from bot.who import Who
from knowledge.identity import indicator_key
from knowledge.search import Hit, SearchResult

log = logging.getLogger(__name__)

PAGE_SIZE = 5  # search results per page (one button per result fits a phone's width)
MAX_QUERY_CHARS = 200  # longer questions are cut before searching (a question is a few words)
SEARCH_LIMIT = 50
KIND_LABELS = {"indicator": "指标", "task": "任务", "section": "章节", "term": "名词"}
# Shown in /start and /help where the live plans answer them; otherwise examples are taken from
# the plans' own items (see `Answers.examples`), so an example never leads nowhere.
EXAMPLE_QUESTIONS = ["规上工业总产值2025年目标", "固投", "老旧小区改造什么时候完成"]


@dataclass
class InlineItem:
    """One inline-mode result: a title, a one-line description, and the reply it inserts."""

    id: str
    title: str
    description: str
    reply: Reply


class Answers:
    """Questions in, replies out, from the active knowledge base; each question is logged."""

    def __init__(self, state: KnowledgeState, cards: Cards, codec: CallbackCodec,
                 sessions: sessionmaker[Session] | None = None) -> None:
        self.state = state
        self.cards = cards
        self.codec = codec
        self.sessions = sessions
        self.querylog = QueryLog(sessions)
        self._examples: tuple[Active | None, list[str]] = (None, [])

    def ask(self, text: str, who: Who | None = None) -> Reply:
        """Answer a free-text question: a card, a numbered list, or "not found" with suggestions."""
        who = who or Who()
        query = short(normalise(text, limit=4 * MAX_QUERY_CHARS), MAX_QUERY_CHARS)
        if not query:
            return Reply().line("请输入要查询的内容，例如：", Span(self.examples()[0], "code"))
        return self._results(self.state.active, query, 1, who, log_it=True)

    def find(self, arg: str, who: Who | None = None) -> Reply:
        """/find 词: the same answer as a free-text question."""
        if not arg.strip():
            return Reply().line("用法：", Span("/find 关键词", "code"), "，例如 ",
                                Span(f"/find {self.examples()[0]}", "code"))
        return self.ask(arg, who)

    def page(self, query: str, page: int, who: Who | None = None) -> Reply:
        """Page `page` (from 1) of the results for `query`, replacing the list it was pressed on."""
        return self._results(self.state.active, query, page, who or Who(), log_it=False, replace=True)

    def inline(self, text: str, who: Who | None = None, limit: int = 8) -> list[InlineItem]:
        """Inline-mode results for `@bot 词`: each inserts a card with its source."""
        query = short(normalise(text, limit=4 * MAX_QUERY_CHARS), MAX_QUERY_CHARS)
        if not query:
            return []
        active = self.state.active
        result = self.search(active, query)
        items: list[InlineItem] = []
        for group in self.group_hits(result)[:limit]:
            hit = group[0]
            card = self.cards.of_hits(active.kb, group)
            card.buttons = []  # buttons would point back into a chat the bot may not be in
            items.append(InlineItem(id=f"{hit.kind}:{hit.id}"[:64], title=short(hit.title, 60),
                                    description=summary(active.kb, hit), reply=card))
        return items

    def examples(self, active: Active | None = None) -> list[str]:
        """Three example questions the live plans answer (the usual ones, else taken from its items)."""
        active = active or self.state.active
        if self._examples[0] is active:
            return self._examples[1]
        kb = active.kb
        candidates = list(EXAMPLE_QUESTIONS)
        candidates += [f"{i.name}{i.target.year}年目标" for i in kb.indicators
                       if i.source == "table" and i.target and i.target.year][:3]
        candidates += [f"什么是{t.term.strip('“”')}" for t in kb.terms][:2]
        candidates += [f"{t.title}什么时候完成" for t in kb.tasks
                       if t.deadline_kind == "explicit" and len(t.title) <= 12][:2]
        found: list[str] = []
        for q in candidates:
            if len(found) == 3:
                break
            if q not in found and active.index.search(q, limit=1).hits:
                found.append(q)
        self._examples = (active, found or EXAMPLE_QUESTIONS[:1])
        return self._examples[1]

    def search(self, active: Active, query: str) -> SearchResult:
        """The search's result; a search bug is logged and answered as "not found", never raised."""
        try:
            return active.index.search(query, limit=SEARCH_LIMIT)
        except Exception:  # a search bug must not take the chat down; the error is logged
            log.exception("search failed for %r", query)
            return SearchResult(query=query)

    @staticmethod
    def group_hits(result: SearchResult) -> list[list[Hit]]:
        """Hits grouped so one indicator found in several documents is one entry (best first).

        The search's own groups are used when it provides them; otherwise indicators with the
        same indicator key (knowledge.identity) are grouped here.
        """
        search_groups: dict[str, list[Hit]] = {}
        for g in getattr(result, "groups", None) or []:
            for h in g.hits:
                search_groups.setdefault(h.id, g.hits)
        groups: list[list[Hit]] = []
        seen: set[str] = set()
        by_key: dict[str, list[Hit]] = {}
        for hit in result.hits:
            if hit.id in seen:
                continue
            if hit.kind != "indicator":
                groups.append([hit])
                seen.add(hit.id)
                continue
            members = [h for h in search_groups.get(hit.id, []) if h.kind == "indicator"]
            if members:
                group = [hit] + [h for h in members if h.id != hit.id and h.id not in seen]
                groups.append(group)
                seen.update(h.id for h in group)
                continue
            key = indicator_key(hit.title) or hit.id
            if key in by_key:
                by_key[key].append(hit)
            else:
                by_key[key] = [hit]
                groups.append(by_key[key])
            seen.add(hit.id)
        return groups

    # ----- results --------------------------------------------------------------------------------

    def _results(self, active: Active, query: str, page: int, who: Who, *, log_it: bool,
                 replace: bool = False) -> Reply:
        result = self.search(active, query)
        hits = result.hits
        groups = self.group_hits(result)
        if log_it:
            self._log(who, query, found=bool(hits), hits=len(hits))
        if not groups:
            suggestions = result.suggestions[:4]
            head = f"未找到与“{short(query, 30)}”相关的内容"
            if not suggestions:
                return Reply().line(head + "，可以换个说法，或用 /docs、/indicators、/tasks 浏览。")
            r = Reply().line(head + "。您是不是要找：" + "、".join(suggestions) + "？")
            r.row(*[(s[:20], self.codec.encode(Ask(s))) for s in suggestions[:2]])
            r.row(*[(s[:20], self.codec.encode(Ask(s))) for s in suggestions[2:4]])
            return r
        if page == 1 and not replace:
            return self._answer(active, query, groups)
        return self._result_list(active, query, groups, page, replace)

    def _answer(self, active: Active, query: str, groups: list[list[Hit]]) -> Reply:
        """The best match as a full card, then the next few matches as a numbered list."""
        r = self.cards.of_hits(active.kb, groups[0])
        others = groups[1:PAGE_SIZE]
        if others:
            r.blank().line(Span("其他相关结果：", "italic"))
            buttons = []
            for n, group in enumerate(others, 2):
                hit = group[0]
                r.line(f"{n}. [{KIND_LABELS[hit.kind]}] {short(hit.title, 30)} — "
                       f"{summary(active.kb, hit, len(group))}")
                buttons.append((str(n), self._open(group)))
            r.row(*buttons)
        if len(groups) > PAGE_SIZE:
            r.row((f"更多结果（共 {len(groups)} 条）▶", self.codec.encode(ResultsPage(2, query))))
        return r

    def _result_list(self, active: Active, query: str, groups: list[list[Hit]], page: int,
                     replace: bool) -> Reply:
        chunk, page, pages = page_of(groups, page - 1, PAGE_SIZE)
        page += 1  # result pages are counted from 1
        r = Reply(replace=replace)
        r.line(f"找到 {len(groups)} 条与“{short(query, 30)}”相关的结果：")
        first = (page - 1) * PAGE_SIZE + 1
        buttons = []
        for n, group in enumerate(chunk, first):
            hit = group[0]
            r.line(f"{n}. ", Span(f"[{KIND_LABELS[hit.kind]}] {short(hit.title, 40)}", "bold"))
            r.line("    ", summary(active.kb, hit, len(group)))
            buttons.append((str(n), self._open(group)))
        r.row(*buttons)
        row = nav(lambda p: self.codec.encode(ResultsPage(p, query)), page, pages)
        if row:
            r.row(*row)
        return r

    def _open(self, group: list[Hit]) -> str:
        """The button data that opens a result: the indicator group, or the one item."""
        hit = group[0]
        if hit.kind == "indicator" and len(group) > 1:
            return self.codec.encode(OpenIndicatorGroup(tuple(h.id for h in group)))
        return self.codec.encode(OPEN_BY_KIND[hit.kind](hit.id))

    def _log(self, who: Who, query: str, found: bool, hits: int) -> None:
        """Record the question (and the user and chat) in the query log: in the bot, by a background
        thread after the answer is on its way; it never fails or delays the answer."""
        if self.querylog.sessions is not self.sessions:  # the database was swapped (tests)
            self.querylog = QueryLog(self.sessions)
        self.querylog.record(LoggedQuery(who, query, found, hits))
