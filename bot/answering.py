"""Answering: a question goes to the search, the hits come back as a card, a numbered list or "not found".

How the search read the question decides the reply (`SearchResult.reading`): one answer (a card, then
the next results), a list grouped by document (有哪些; a document's outline when only the document is
named), a count with a button to the list (有几项), or
the due / overdue tasks as /due and /overdue show them. A note (the place or year named has no
answer) always comes first; other places' and years' items come after it, labelled, never as the answer.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from bot import metrics
from bot.callback_data import OPEN_BY_KIND, Ask, CallbackCodec, OpenIndicatorGroup, ResultsPage
from bot.cards import KIND_LABELS, Cards, detail, hit_title, listed_line, summary
from bot.inputs import normalise
from bot.kbstate import Active, KnowledgeState
from bot.paging import nav, number_buttons, page_of
from bot.plan_text import doc_short, short
from bot.querylog import LoggedQuery, QueryLog
from bot.replies import Block, Reply, Span
from bot.who import Who
from knowledge.identity import indicator_key
from knowledge.models import KnowledgeBase, Task
from knowledge.search import Hit, SearchResult

log = logging.getLogger(__name__)

PAGE_SIZE = 5  # search results per page (one button per result fits a phone's width)
MAX_QUERY_CHARS = 200  # longer questions are cut before searching (a question is a few words)
SEARCH_LIMIT = 50
# How a count names what it counts ("共有 6 项任务"), when every item is of one kind.
COUNT_NOUNS = {"indicator": "项指标", "task": "项任务", "section": "个章节", "term": "条名词解释",
               "passage": "处相关内容"}
# What a count's or list's subject ends with that the count's noun already says (抓会展强配套任务 →
# 抓会展强配套; 名词解释一共 → ""): the question's noun for the items and its filler words.
_SUBJECT_TAIL = re.compile(r"(?:任务|指标|章节|名词解释|名词|术语|一共|总共|的)+$")
LIST_PAGE_SIZE = 8  # items per page of a list reading (有哪些)
OTHERS_SHOWN = 5  # other places' or years' items listed after a note
PLACE_OTHERS, YEAR_OTHERS, MORE_OTHERS = "其他地方的规划：", "其他年份：", "其他规划中的相关内容："
# The due / overdue tasks a question found, rendered as /due and /overdue render theirs:
# (chat id, tasks, overdue only, the topic, the period and the documents asked about) → reply.
DueView = Callable[[int, list[Task], bool, str, "str | None", str], Reply]
# Found due / overdue tasks are all fetched (up to this many) so the view counts them all.
DUE_LIMIT = 1000
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
                 sessions: sessionmaker[Session] | None = None, due: DueView | None = None,
                 today: Callable[[], dt.date] | None = None) -> None:
        self.state = state
        self.today = today  # the date due / overdue questions count from (the digests'); else the clock's
        self.cards = cards
        self.codec = codec
        self.sessions = sessions
        self.due = due  # without it, due / overdue readings are shown as lists
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
            items.append(InlineItem(id=f"{hit.kind}:{hit.id}"[:64], title=short(hit_title(active.kb, hit), 60),
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

    def search(self, active: Active, query: str, limit: int = SEARCH_LIMIT) -> SearchResult:
        """The search's result. A search failure is raised, never answered as "not found": the error
        handler apologises and reports it, and /gaps (the query log) holds only real gaps."""
        if self.today is None:
            return active.index.search(query, limit=limit)
        return active.index.search(query, limit=limit, today=self.today())

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
            metrics.answered(bool(hits))
            self._log(who, query, found=bool(hits), hits=len(hits))
        first = page == 1 and not replace
        if hits and result.reading in ("list", "count", "outline"):
            if result.reading == "count" and first:
                reply = self._count(active.kb, query, result)
            else:
                reply = self._listing(active.kb, query, result, page, replace)
            return self._framed(active.kb, reply, result, others=first)
        if result.reading in ("due", "overdue") and result.wanted == "indicator":
            # 今年要做到100%的指标: targets by the year they fall due, listed as a list is.
            if not hits:
                return self._framed(active.kb, Reply().line(f"没有找到{_falling_due(result)}的目标。"), result,
                                    others=first)
            return self._framed(active.kb, self._listing(active.kb, query, result, page, replace), result,
                                others=first)
        if result.reading in ("due", "overdue") and self.due is not None \
                and all(isinstance(h.item, Task) for h in result.hits):
            return self._framed(active.kb, self._due(active, query, result, who), result, others=first)
        if hits and result.reading in ("due", "overdue"):
            return self._framed(active.kb, self._listing(active.kb, query, result, page, replace), result,
                                others=first)
        if not groups:
            if result.note or result.others:
                lead = Reply() if result.note else Reply().line(f"未找到与“{short(query, 30)}”直接相关的内容。")
                return self._framed(active.kb, lead, result, others=True)
            suggestions = result.suggestions[:4]
            head = f"未找到与“{short(query, 30)}”相关的内容"
            if not suggestions:
                return Reply().line(head + "，可以换个说法，或用 /docs、/indicators、/tasks 浏览。")
            r = Reply().line(head + "。您是不是要找：" + "、".join(suggestions) + "？")
            r.row(*[(s[:20], self.codec.encode(Ask(s))) for s in suggestions[:2]])
            r.row(*[(s[:20], self.codec.encode(Ask(s))) for s in suggestions[2:4]])
            return r
        if first:
            return self._framed(active.kb, self._answer(active, query, groups), result, others=True)
        return self._framed(active.kb, self._result_list(active, query, groups, page, replace), result,
                            others=False)

    def _due(self, active: Active, query: str, result: SearchResult, who: Who) -> Reply:
        """The due / overdue tasks a question found (all of them, so the view's counts are the search's),
        as /due and /overdue show them, under the topic and period the question named; none found is
        said as such (本月没有到期的任务), not as "not found"."""
        assert self.due is not None
        if result.total > len(result.hits):
            result = self.search(active, query, limit=min(result.total, DUE_LIMIT))
        tasks = [h.item for h in result.hits if isinstance(h.item, Task)]
        docs = "、".join(doc_short(active.kb, d) for d in result.docs)  # 大港街逾期的任务: 大港街's plans
        return self.due(int(who.chat_id or 0), tasks, result.reading == "overdue", result.topic, result.horizon,
                        docs)

    def _answer(self, active: Active, query: str, groups: list[list[Hit]]) -> Reply:
        """The best match as a full card, then the next few matches as a numbered list."""
        r = self.cards.of_hits(active.kb, groups[0])
        more = groups[1:PAGE_SIZE]
        if more:
            r.blank().line(Span("其他相关结果：", "italic"))
            buttons = []
            for n, group in enumerate(more, 2):
                hit = group[0]
                r.line(f"{n}. {listed_line(active.kb, hit, len(group))}")
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
            r.line(f"{n}. ", Span(f"[{KIND_LABELS[hit.kind]}] {short(hit_title(active.kb, hit), 40)}", "bold"))
            said = summary(active.kb, hit, len(group))
            if said:
                r.line("    " + said)
            buttons.append((str(n), self._open(group)))
        r.row(*buttons)
        row = nav(lambda p: self.codec.encode(ResultsPage(p, query)), page, pages)
        if row:
            r.row(*row)
        return r

    # ----- list, count, note and others ------------------------------------------------------------

    @staticmethod
    def _by_document(kb: KnowledgeBase, hits: list[Hit]) -> list[Hit]:
        """The hits grouped by document (documents in the order their first hit ranks), each document's
        items in the order the document states them — those at least half as likely as the best first
        (非遗有哪些活儿: the task about 非遗 before a near miss the plan writes earlier)."""
        rank: dict[str, int] = {}
        for hit in hits:
            rank.setdefault(hit.doc, len(rank))
        unique = list({(h.kind, h.id): h for h in reversed(hits)}.values())  # the best-ranked of repeats
        strong = max((h.score for h in unique), default=0.0) / 2
        return sorted(unique, key=lambda h: (rank[h.doc], h.score < strong, h.line, getattr(h.item, "offset", 0)))

    @staticmethod
    def _subject(result: SearchResult, items: list[Hit]) -> str:
        """What a count or list is about, as a heading says it: the search's text without the noun the
        heading adds (抓会展强配套任务 → 抓会展强配套, 名词解释一共 → ""); nothing for a list of
        sections (their text is the question's outline words: 有几章, 发展环境那一节)."""
        if items and all(h.kind == "section" for h in items):
            return ""
        if result.reading in ("due", "overdue"):  # targets or work by deadline: what they are, then the topic
            year = f"{result.year}年" if result.year else ""
            noun = "目标" if result.wanted == "indicator" else "任务"
            return short(f"{year}{_falling_due(result)}的{noun}" + (f"（{result.topic}）" if result.topic else ""), 30)
        return short(_SUBJECT_TAIL.sub("", (result.topic or result.text).strip()), 30)

    @staticmethod
    def _noun(items: list[Hit]) -> str:
        """How a count names its items: "项任务" when all are tasks, else "项"."""
        kinds = {h.kind for h in items}
        return COUNT_NOUNS[next(iter(kinds))] if len(kinds) == 1 else "项"

    def _listing(self, kb: KnowledgeBase, query: str, result: SearchResult, page: int, replace: bool) -> Reply:
        """Page `page` (from 1) of a list reading: "共找到 N 项", then the items under their documents."""
        items = self._by_document(kb, result.hits)
        total = max(result.total, len(items))
        chunk, page0, pages = page_of(items, page - 1, LIST_PAGE_SIZE)
        r = Reply(replace=replace)
        cut = f"（列出前 {len(items)} 项）" if total > len(items) else ""
        subject = self._subject(result, items)
        if result.reading == "outline":  # a document named, nothing asked: its outline
            r.line(Span(f"目录（共 {total} {self._noun(items)}{cut}）", "bold"))
        elif subject:
            r.line(Span(f"共找到 {total} 项{cut}", "bold"), f"：{subject}")
        else:
            r.line(Span(f"共找到 {total} {self._noun(items)}{cut}", "bold"))
        mixed = len({h.kind for h in items}) > 1
        first = page0 * LIST_PAGE_SIZE + 1
        doc = None
        for n, hit in enumerate(chunk, first):
            if hit.doc != doc:
                doc = hit.doc
                r.line(Span(f"📁 {doc_short(kb, doc)}", "bold"))
            kind = f"[{KIND_LABELS[hit.kind]}] " if mixed else ""
            r.line(f"{n}. {kind}", Span(short(hit_title(kb, hit), 40), "bold"))
            said = detail(hit)
            if said and said != hit_title(kb, hit):
                r.line("    " + said)
        number_buttons(r, [self._open([h]) for h in chunk], first)
        row = nav(lambda p: self.codec.encode(ResultsPage(p, query)), page0 + 1, pages)
        if row:
            r.row(*row)
        return r

    def _count(self, kb: KnowledgeBase, query: str, result: SearchResult) -> Reply:
        """A count reading: "抓会展强配套共有 6 项任务", where they are, and a button to the list."""
        items = self._by_document(kb, result.hits)
        total = max(result.total, len(items))
        noun = self._noun(items)
        subject = self._subject(result, items)
        r = Reply().line(Span(f"{subject}共有 {total} {noun}" if subject else f"共 {total} {noun}", "bold"))
        per_doc: dict[str, int] = {}
        for hit in items:
            per_doc[hit.doc] = per_doc.get(hit.doc, 0) + 1
        if total == len(items) and len(per_doc) > 1:
            r.line("其中：" + "，".join(f"{doc_short(kb, d)} {k} 项" for d, k in per_doc.items()))
        elif total == len(items):
            r.line(f"均见于{doc_short(kb, next(iter(per_doc)))}")
        r.row(("查看列表 ▶", self.codec.encode(ResultsPage(1, query))))
        return r

    def _framed(self, kb: KnowledgeBase, reply: Reply, result: SearchResult, *, others: bool) -> Reply:
        """`reply` with the search's note said first and (when `others`) the other places' or years'
        items after it, labelled and numbered on from the reply's own buttons."""
        if result.note:
            head = [Block([Span(result.note)])]
            if reply.blocks:
                head.append(Block())
            reply.blocks[:0] = head
        if others and result.others:
            self._others(kb, reply, result)
        return reply

    def _others(self, kb: KnowledgeBase, r: Reply, result: SearchResult) -> None:
        """Other places' (documents not named) or other years' items, each openable, under a label."""
        named = set(result.docs)
        sections: dict[str, list[Hit]] = {PLACE_OTHERS: [], YEAR_OTHERS: [], MORE_OTHERS: []}
        for hit in result.others:
            if named and hit.doc not in named:
                sections[PLACE_OTHERS].append(hit)
            elif result.year is not None:
                sections[YEAR_OTHERS].append(hit)
            else:
                sections[MORE_OTHERS].append(hit)
        # Numbered on from the reply's numbered buttons; an answer's card is result 1.
        numbered = [int(b.label) for b in r.button_list() if b.label.isdigit()]
        n = max(numbered, default=1 if result.hits and result.reading == "answer" else 0)
        datas: list[str] = []
        first = n + 1
        for label, hits in sections.items():
            if not hits:
                continue
            r.blank().line(Span(label, "italic"))
            for hit in hits[:OTHERS_SHOWN]:
                n += 1
                r.line(f"{n}. {listed_line(kb, hit)}")
                datas.append(self._open([hit]))
            if len(hits) > OTHERS_SHOWN:
                r.line(f"   ……另有 {len(hits) - OTHERS_SHOWN} 项未列出")
        number_buttons(r, datas, first)

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


def _falling_due(result: SearchResult) -> str:
    """How a deadline list of targets says when they fall due: 已过期 (overdue) or 到期 (due)."""
    return "已过期" if result.reading == "overdue" else "到期"
