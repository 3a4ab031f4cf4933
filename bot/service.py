"""The chat-agnostic service: questions and browsing commands in, `Reply` out (Telegram and console)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from bot.kbstate import Active, KnowledgeState
from bot.render import clean
from bot.replies import MAX_CALLBACK_BYTES, Button, Reply, Span
from knowledge.doctext import section_lines
from knowledge.models import Document, Indicator, KnowledgeBase, Section, Task, Term, Value
from knowledge.search import Hit, SearchResult

log = logging.getLogger(__name__)

_T = TypeVar("_T")

PAGE_SIZE = 5  # search results per page (one button per result fits a phone's width)
LIST_PAGE_SIZE = 8  # /indicators and /tasks entries per page
SECTION_PAGE_CHARS = 1500  # characters of section text per page when reading a whole section
EXCERPT_CHARS = 160
SHORT_TITLE_CHARS = 16
MAX_QUERY_CHARS = 200  # longer questions are cut before searching (a question is a few words)
SEARCH_LIMIT = 50

KIND_LABELS = {"indicator": "指标", "task": "任务", "section": "章节", "term": "名词"}
DOC_KIND_LABELS = {"five_year_plan": "五年规划", "annual_plan": "年度计划", "work_report": "政府工作报告",
                   "task_list": "任务清单", "implementation_plan": "实施方案", "regulation": "管理办法", "notice": "通知", "other": "其他文件"}
DEADLINE_KIND_LABELS = {"explicit": "文件写明", "document_year": "按文件年度推定", "period_end": "按规划期末推定",
                        "recurring": "周期性工作", "ongoing": "长期坚持", "none": "未写明"}
# Shown in /start and /help where the live plans answer them; otherwise examples are taken from
# the plans' own items (see `PlanService.examples`), so an example never leads nowhere.
EXAMPLE_QUESTIONS = ["规上工业总产值2025年目标", "固投", "老旧小区改造什么时候完成"]


@dataclass
class Who:
    """Who is asking, and where (ids are None in the console and in tests that do not care)."""

    user_id: int | None = None
    chat_id: int | None = None
    chat_type: str = "private"
    username: str | None = None
    full_name: str | None = None
    chat_title: str | None = None
    source: str = "chat"  # chat | inline | console


@dataclass
class InlineItem:
    """One inline-mode result: a title, a one-line description, and the reply it inserts."""

    id: str
    title: str
    description: str
    reply: Reply


@dataclass
class _Aliases:
    """Short stand-ins for callback data that would exceed Telegram's 64 bytes."""

    by_key: dict[str, str] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)

    def shorten(self, data: str) -> str:
        """`data` itself when it fits in 64 bytes, else a short alias remembered in memory."""
        if len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES:
            return data
        if data not in self.by_key:
            alias = f"~{len(self.by_key)}"
            self.by_key[data], self.by_alias[alias] = alias, data
        return self.by_key[data]

    def expand(self, data: str) -> str:
        """The callback data an alias stands for (unknown data comes back unchanged)."""
        return self.by_alias.get(data, data)


def _norm_name(name: str) -> str:
    """An indicator name reduced for comparison across documents (no spaces, brackets or punctuation)."""
    name = re.sub(r"[（(][^）)]*[）)]", "", name)
    return re.sub(r"[\s\W_]+", "", name).lower()


def _page_of(items: list[_T], page: int, size: int) -> tuple[list[_T], int, int]:
    """The items of 0-based `page` (clamped to the pages there are), that page, and the page count."""
    pages = (len(items) + size - 1) // size
    page = min(max(page, 0), pages - 1)
    return items[page * size: (page + 1) * size], page, pages


def _short(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value(v: Value | None, unit: str | None) -> str:
    """"2025年 1800亿元" from a baseline/target value."""
    if v is None:
        return "—"
    year = f"{v.year}年 " if v.year else ""
    unit_text = unit or ""
    shown = v.value if (not unit_text or unit_text in v.value) else f"{v.value}{unit_text}"
    return f"{year}{shown}"


class PlanService:
    """Answers questions and browsing commands from the active knowledge base."""

    def __init__(self, state: KnowledgeState, sessions: sessionmaker[Session] | None = None,
                 *, bot_username: str | None = None) -> None:
        self.state = state
        self.sessions = sessions
        self.bot_username = bot_username
        self._aliases = _Aliases()
        self._examples: tuple[Active | None, list[str]] = (None, [])
        self.commands: dict[str, Callable[[str, Who], Reply]] = {
            "start": self.start, "help": self.help, "find": self.find, "docs": self.docs,
            "outline": self.outline, "indicators": self.indicators, "tasks": self.tasks, "term": self.term,
        }

    # ----- entry points -------------------------------------------------------------------------

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

    def command(self, name: str, arg: str = "", who: Who | None = None) -> Reply:
        """Run a slash command by name (without the slash) with its argument text."""
        handler = self.commands.get(name.lower())
        if handler is None:
            return Reply().line(f"未知命令 /{name}。").line("发送 /help 查看可用命令。")
        return handler(clean(arg).strip(), who or Who())

    def callback(self, data: str, who: Who | None = None) -> Reply:
        """The reply to a pressed button (callback data produced by this service)."""
        who = who or Who()
        data = self._aliases.expand(data)
        prefix, _, rest = data.partition(":")
        active = self.state.active
        try:
            if prefix == "q":
                page, _, query = rest.partition(":")
                return self._results(active, query, int(page), who, log_it=False, replace=True)
            if prefix == "a":
                return self.ask(rest, who)
            if prefix in ("i", "t", "s", "g"):
                return self._card_by_id(active, prefix, rest)
            if prefix == "ig":
                wanted = rest.split(",")
                found = [i for i in active.kb.indicators if i.id in wanted]
                if not found:
                    raise IndexError(rest)
                found.sort(key=lambda i: wanted.index(i.id))
                return self._indicators_card(active, found)
            if prefix == "sf":
                sid, _, page = rest.rpartition(":")
                return self._section_full(active, sid, int(page))
            if prefix == "od":
                return self._outline_doc(active, int(rest))
            if prefix == "os":
                return self._outline_section(active, rest)
            if prefix == "o":
                return self._outline_root(active, replace=True)
            if prefix == "il":
                doc, _, page = rest.partition(":")
                return self._indicator_list(active, int(doc) if doc else None, "", int(page))
            if prefix == "ik":
                page, _, kw = rest.partition(":")
                return self._indicator_list(active, None, kw, int(page))
            if prefix == "tl":
                page, _, kw = rest.partition(":")
                return self._task_list(active, kw, int(page))
        except (ValueError, IndexError):
            log.warning("bad callback data %r", data)
        return Reply().line("这个按钮已失效（知识库可能已更新），请重新提问。")

    def ask(self, text: str, who: Who | None = None) -> Reply:
        """Answer a free-text question: a card, a numbered list, or "not found" with suggestions."""
        who = who or Who()
        query = _short(clean(text), MAX_QUERY_CHARS)
        if not query:
            return Reply().line("请输入要查询的内容，例如：", Span(self.examples()[0], "code"))
        return self._results(self.state.active, query, 1, who, log_it=True)

    def inline(self, text: str, who: Who | None = None, limit: int = 8) -> list[InlineItem]:
        """Inline-mode results for `@bot 词`: each inserts a card with its source."""
        query = _short(clean(text), MAX_QUERY_CHARS)
        if not query:
            return []
        active = self.state.active
        result = self._search_result(active, query)
        items: list[InlineItem] = []
        for group in self._group_hits(active, result)[:limit]:
            hit = group[0]
            card = self._group_card(active, group)
            card.buttons = []  # buttons would point back into a chat the bot may not be in
            items.append(InlineItem(id=f"{hit.kind}:{hit.id}"[:64], title=_short(hit.title, 60),
                                    description=self._summary(active, hit), reply=card))
        return items

    # ----- commands -----------------------------------------------------------------------------

    def start(self, arg: str = "", who: Who | None = None) -> Reply:
        """/start: what the bot does and how to ask."""
        active = self.state.active
        r = Reply().title("您好，我是规划助手。")
        r.line(f"我已读取 {len(active.kb.documents)} 份规划文件，可以查询指标、任务、章节和名词解释，"
               "答案都注明出处。")
        r.blank().line("直接发问即可，例如：")
        for q in self.examples(active):
            r.line("• ", Span(q, "code"))
        r.blank().line("发送 /help 查看全部命令。")
        r.row(("📚 文件列表", "od:-1"), ("🗂 目录", "o:"))
        return r

    def help(self, arg: str = "", who: Who | None = None) -> Reply:
        """/help: every command with a working example."""
        active = self.state.active
        r = Reply().title("使用说明")
        r.line("私聊中直接发送问题；群聊中请用 /find 或 @我 提问。")
        r.blank()
        examples = self.examples(active)
        # Without glossary terms, /term alone (the list) is the example that works.
        term_example = f"/term {active.kb.terms[0].term}" if active.kb.terms else "/term"
        for cmd, desc, example in [
            ("/find", "查询指标、任务、章节或名词", f"/find {examples[1 % len(examples)]}"),
            ("/docs", "已载入的规划文件", "/docs"),
            ("/outline", "按目录浏览文件", "/outline"),
            ("/indicators", "指标列表（可指定文件序号或名称）", "/indicators 1"),
            ("/tasks", "任务和完成时限（可加关键词）", "/tasks 改造"),
            ("/term", "名词解释", term_example),
            ("/help", "本说明", "/help"),
        ]:
            r.line(Span(cmd, "bold"), f" — {desc}，如 ", Span(example, "code"))
        if self.bot_username:
            r.blank().line("在任意聊天中输入 ", Span(f"@{self.bot_username} 固投", "code"), " 可直接插入答案。")
        return r

    def find(self, arg: str, who: Who | None = None) -> Reply:
        """/find 词: the same answer as a free-text question."""
        if not arg.strip():
            return Reply().line("用法：", Span("/find 关键词", "code"), "，例如 ",
                                Span(f"/find {self.examples()[0]}", "code"))
        return self.ask(arg, who)

    def docs(self, arg: str = "", who: Who | None = None) -> Reply:
        """/docs: the loaded plans with kind, year and counts."""
        return self._docs(self.state.active)

    def outline(self, arg: str = "", who: Who | None = None) -> Reply:
        """/outline [文档]: the section tree, navigated with buttons."""
        active = self.state.active
        if arg:
            idx = self._find_doc(active.kb, arg)
            if idx is None:
                return self._no_doc(active, arg)
            return self._outline_doc(active, idx)
        return self._outline_root(active)

    def indicators(self, arg: str = "", who: Who | None = None) -> Reply:
        """/indicators [文档或关键词]: indicators with their targets, paginated."""
        active = self.state.active
        if arg:
            idx = self._find_doc(active.kb, arg)
            if idx is not None:
                return self._indicator_list(active, idx, "", 0)
            return self._indicator_list(active, None, arg, 0)
        return self._indicator_list(active, None, "", 0)

    def tasks(self, arg: str = "", who: Who | None = None) -> Reply:
        """/tasks [关键词]: tasks sorted by deadline, paginated."""
        return self._task_list(self.state.active, arg, 0)

    def term(self, arg: str = "", who: Who | None = None) -> Reply:
        """/term 词: a glossary definition (or the list of terms)."""
        active = self.state.active
        terms = active.kb.terms
        if not arg:
            if not terms:
                return Reply().line("已载入的文件中没有名词解释。")
            r = Reply().title(f"名词解释（共 {len(terms)} 条）")
            r.line("用法：", Span("/term 词", "code"))
            for t in terms[:30]:
                r.line("• ", t.term)
            return r
        key = _norm_name(arg)
        exact = [t for t in terms if _norm_name(t.term) == key]
        partial = [t for t in terms if key and (key in _norm_name(t.term) or _norm_name(t.term) in key)]
        found = exact or partial
        if not found:
            found = [h.item for h in self._search(active, arg) if h.kind == "term"]  # type: ignore[misc]
        if len(found) == 1 or (found and exact):
            return self._term_card(active, found[0])  # type: ignore[arg-type]
        if found:
            r = Reply().line(f"找到 {len(found)} 个相关名词：")
            for n, t in enumerate(found[:PAGE_SIZE], 1):
                r.line(f"{n}. {t.term}")  # type: ignore[union-attr]
            r.row(*[(str(n), self._cb("g", t.id)) for n, t in enumerate(found[:PAGE_SIZE], 1)])  # type: ignore[union-attr]
            return r
        r = Reply().line(f"没有找到名词“{_short(arg, 30)}”的解释。")
        if terms:
            r.line("可查询的名词有：", "、".join(t.term for t in terms[:12]))
        return r

    # ----- search results -----------------------------------------------------------------------

    def _search_result(self, active: Active, query: str) -> SearchResult:
        try:
            return active.index.search(query, limit=SEARCH_LIMIT)
        except Exception:  # a search bug must not take the chat down; the error is logged
            log.exception("search failed for %r", query)
            return SearchResult(query=query)

    def _search(self, active: Active, query: str) -> list[Hit]:
        return self._search_result(active, query).hits

    def _group_hits(self, active: Active, result: SearchResult) -> list[list[Hit]]:
        """Hits grouped so one indicator found in several documents is one entry (best first).

        The search's own groups are used when it provides them; otherwise indicators with the
        same normalised name are grouped here.
        """
        search_groups: dict[str, list[Hit]] = {}
        for g in getattr(result, "groups", None) or []:
            for h in g.hits:
                search_groups.setdefault(h.id, g.hits)
        groups: list[list[Hit]] = []
        seen: set[str] = set()
        by_name: dict[str, list[Hit]] = {}
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
            key = _norm_name(hit.title)
            if key in by_name:
                by_name[key].append(hit)
            else:
                by_name[key] = [hit]
                groups.append(by_name[key])
            seen.add(hit.id)
        return groups

    def _results(self, active: Active, query: str, page: int, who: Who, *, log_it: bool,
                 replace: bool = False) -> Reply:
        result = self._search_result(active, query)
        hits = result.hits
        groups = self._group_hits(active, result)
        if log_it:
            self._log(who, query, found=bool(hits), hits=len(hits))
        if not groups:
            suggestions = result.suggestions[:4]
            head = f"未找到与“{_short(query, 30)}”相关的内容"
            if not suggestions:
                return Reply().line(head + "，可以换个说法，或用 /docs、/indicators、/tasks 浏览。")
            r = Reply().line(head + "。您是不是要找：" + "、".join(suggestions) + "？")
            r.row(*[(s[:20], self._cb("a", s)) for s in suggestions[:2]])
            r.row(*[(s[:20], self._cb("a", s)) for s in suggestions[2:4]])
            return r
        if page == 1 and not replace:
            return self._answer(active, query, groups)
        return self._result_list(active, query, groups, page, replace)

    def _answer(self, active: Active, query: str, groups: list[list[Hit]]) -> Reply:
        """The best match as a full card, then the next few matches as a numbered list."""
        r = self._group_card(active, groups[0])
        others = groups[1:PAGE_SIZE]
        if others:
            r.blank().line(Span("其他相关结果：", "italic"))
            buttons = []
            for n, group in enumerate(others, 2):
                hit = group[0]
                r.line(f"{n}. [{KIND_LABELS[hit.kind]}] {_short(hit.title, 30)} — {self._summary(active, hit, len(group))}")
                buttons.append((str(n), self._group_cb(group)))
            r.row(*buttons)
        if len(groups) > PAGE_SIZE:
            r.row((f"更多结果（共 {len(groups)} 条）▶", self._cb("q", "2", query)))
        return r

    def _result_list(self, active: Active, query: str, groups: list[list[Hit]], page: int,
                     replace: bool) -> Reply:
        chunk, page, pages = _page_of(groups, page - 1, PAGE_SIZE)
        page += 1  # result pages are counted from 1
        r = Reply(replace=replace)
        r.line(f"找到 {len(groups)} 条与“{_short(query, 30)}”相关的结果：")
        first = (page - 1) * PAGE_SIZE + 1
        buttons = []
        for n, group in enumerate(chunk, first):
            hit = group[0]
            r.line(f"{n}. ", Span(f"[{KIND_LABELS[hit.kind]}] {_short(hit.title, 40)}", "bold"))
            r.line("    ", self._summary(active, hit, len(group)))
            buttons.append((str(n), self._group_cb(group)))
        r.row(*buttons)
        nav = self._nav(lambda p: self._cb("q", str(p), query), page, pages)
        if nav:
            r.row(*nav)
        return r

    def _group_cb(self, group: list[Hit]) -> str:
        hit = group[0]
        if hit.kind == "indicator" and len(group) > 1:
            return self._cb("ig", ",".join(h.id for h in group))
        prefix = {"indicator": "i", "task": "t", "section": "s", "term": "g"}[hit.kind]
        return self._cb(prefix, hit.id)

    def _summary(self, active: Active, hit: Hit, same: int = 1) -> str:
        """One line under a listed hit: the figure or deadline, and the document."""
        doc = self._doc_short(active.kb, hit.doc)
        item = hit.item
        if isinstance(item, Indicator):
            figure = _value(item.target, item.unit) if item.target else _value(item.baseline, item.unit)
            more = f"（另见 {same - 1} 份文件）" if same > 1 else ""
            return f"{figure} · {doc}{more}"
        if isinstance(item, Task):
            when = item.deadline.isoformat() if item.deadline else (item.deadline_text or "未写明时限")
            return f"完成时限 {when} · {doc}"
        if isinstance(item, Term):
            return f"{_short(item.definition, 30)} · {doc}"
        return f"{' › '.join(item.path[-2:]) if isinstance(item, Section) and item.path else ''} · {doc}"

    # ----- cards --------------------------------------------------------------------------------

    def _group_card(self, active: Active, group: list[Hit]) -> Reply:
        hit = group[0]
        if hit.kind == "indicator":
            return self._indicators_card(active, [h.item for h in group])  # type: ignore[misc]
        return self._card(active, hit.kind, hit.item)

    def _card(self, active: Active, kind: str, item: object) -> Reply:
        if kind == "indicator":
            return self._indicator_card(active, item)  # type: ignore[arg-type]
        if kind == "task":
            return self._task_card(active, item)  # type: ignore[arg-type]
        if kind == "section":
            return self._section_card(active, item)  # type: ignore[arg-type]
        return self._term_card(active, item)  # type: ignore[arg-type]

    def _card_by_id(self, active: Active, prefix: str, item_id: str) -> Reply:
        kb = active.kb
        pools: dict[str, list] = {"i": kb.indicators, "t": kb.tasks, "s": kb.sections, "g": kb.terms}  # type: ignore[type-arg]
        item = next((x for x in pools[prefix] if x.id == item_id), None)
        if item is None:
            raise IndexError(item_id)
        kind = {"i": "indicator", "t": "task", "s": "section", "g": "term"}[prefix]
        return self._card(active, kind, item)

    def _indicator_card(self, active: Active, ind: Indicator) -> Reply:
        """Indicator card; the same indicator (same name) in other documents is shown alongside."""
        same = [ind] + [i for i in active.kb.indicators
                        if i.id != ind.id and _norm_name(i.name) == _norm_name(ind.name)]
        return self._indicators_card(active, same)

    def _indicators_card(self, active: Active, same: list[Indicator]) -> Reply:
        """One indicator as one or several documents state it, each with its own source."""
        ind = same[0]
        r = Reply()
        unit = f"（{ind.unit}）" if ind.unit else ""
        r.line("📊 ", Span(ind.name, "bold"), unit)
        if len(same) > 1:
            r.line(f"同一指标见于 {len(same)} 处，逐一列出：")
        for n, i in enumerate(same, 1):
            if len(same) > 1:
                r.blank().line(Span(f"{n}. {self._doc_short(active.kb, i.doc)}", "bold"))
                if i.name != ind.name:
                    r.field("名称", i.name)
            self._indicator_fields(r, i)
            r.source(self._source(active.kb, i.doc, i.section, i.line))
        return r

    def _indicator_fields(self, r: Reply, ind: Indicator) -> None:
        if ind.baseline:
            r.field("基期", _value(ind.baseline, ind.unit))
        if ind.target:
            r.field("目标", _value(ind.target, ind.unit))
        if ind.growth:
            r.field("增长", ind.growth)
        if ind.attribute:
            r.field("属性", ind.attribute)
        if not (ind.baseline or ind.target or ind.growth) and ind.text:
            r.quote(_short(ind.text, 200))

    def _task_card(self, active: Active, task: Task) -> Reply:
        r = Reply().line("📌 ", Span(_short(task.title, 80), "bold"))
        if task.deadline:
            how = DEADLINE_KIND_LABELS.get(task.deadline_kind, "")
            said = f"“{task.deadline_text}”，" if task.deadline_text else ""
            r.field("完成时限", f"{task.deadline.isoformat()}（{said}{how}）")
        elif task.deadline_text or task.recurrence:
            r.field("完成时限", f"{task.recurrence or task.deadline_text}（{DEADLINE_KIND_LABELS.get(task.deadline_kind, '')}）")
        else:
            r.field("完成时限", "文件未写明")
        if task.units:
            r.field("责任单位", "、".join(task.units))
        if task.text and task.text != task.title:
            r.quote(_short(task.text, 300))
        r.source(self._source(active.kb, task.doc, task.section, task.line))
        return r

    def _section_card(self, active: Active, section: Section) -> Reply:
        r = Reply().line("📄 ", Span(" › ".join(section.path or [section.title]), "bold"))
        body = self._section_text(active.kb, section)
        if body:
            r.quote(_short(body, EXCERPT_CHARS))
        r.source(self._source(active.kb, section.doc, None, section.line))
        r.row(("阅读全文", self._cb("sf", section.id, "0")))
        return r

    def _term_card(self, active: Active, term: Term) -> Reply:
        r = Reply().line("📖 ", Span(term.term, "bold"))
        r.text(term.definition)
        r.source(self._source(active.kb, term.doc, term.section, term.line))
        return r

    def _section_full(self, active: Active, section_id: str, page: int) -> Reply:
        section = active.kb.section(section_id)
        if section is None:
            raise IndexError(section_id)
        body = self._section_text(active.kb, section, full=True)
        chunks = [body[i: i + SECTION_PAGE_CHARS] for i in range(0, len(body), SECTION_PAGE_CHARS)] or [""]
        page = min(max(page, 0), len(chunks) - 1)
        r = Reply(replace=page > 0)
        r.line("📄 ", Span(" › ".join(section.path or [section.title]), "bold"))
        r.text(chunks[page] or "（本节没有正文）")
        r.source(self._source(active.kb, section.doc, None, section.line))
        nav = self._nav(lambda p: self._cb("sf", section.id, str(p - 1)), page + 1, len(chunks))
        if nav:
            r.row(*nav)
        return r

    # ----- browsing -----------------------------------------------------------------------------

    def _docs(self, active: Active) -> Reply:
        kb = active.kb
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
            r.row(*[(f"目录 {n}", f"od:{n - 1}") for n in range(start + 1, min(start + 4, len(kb.documents)) + 1)])
        return r

    def _outline_root(self, active: Active, replace: bool = False) -> Reply:
        kb = active.kb
        r = Reply(replace=replace).title("选择要浏览的文件：")
        for n, d in enumerate(kb.documents, 1):
            r.line(f"{n}. {d.title}")
        for n, _d in enumerate(kb.documents, 1):
            r.row((_short(f"{n}. {_d.title}", 30), f"od:{n - 1}"))
        return r

    def _outline_doc(self, active: Active, idx: int) -> Reply:
        kb = active.kb
        if idx < 0:
            return self._docs(active)
        doc = kb.documents[idx]
        tops = self._children(kb, doc.file, None)
        r = Reply(replace=True).line("🗂 ", Span(doc.title, "bold"))
        if not tops:
            r.line("未识别到章节。")
        for s in tops:
            r.line(f"• {self._heading(s)}")
        for s in tops[:40]:
            r.row((_short(self._heading(s), 30), self._cb("os", s.id)))
        r.row(("⬆ 文件列表", "o:"))
        return r

    def _outline_section(self, active: Active, section_id: str) -> Reply:
        kb = active.kb
        section = kb.section(section_id)
        if section is None:
            raise IndexError(section_id)
        children = self._children(kb, section.doc, section)
        r = Reply(replace=True).line("🗂 ", Span(" › ".join(section.path or [section.title]), "bold"))
        excerpt = self._section_text(kb, section)
        if excerpt:
            r.quote(_short(excerpt, EXCERPT_CHARS))
        for s in children:
            r.line(f"• {self._heading(s)}")
        for s in children[:40]:
            r.row((_short(self._heading(s), 30), self._cb("os", s.id)))
        up = (self._cb("os", section.parent) if section.parent and kb.section(section.parent)
              else f"od:{self._doc_index(kb, section.doc)}")
        r.row(("阅读全文", self._cb("sf", section.id, "0")), ("⬆ 上一级", up))
        return r

    def _indicator_list(self, active: Active, doc_idx: int | None, keyword: str, page: int) -> Reply:
        kb = active.kb
        items = kb.indicators
        if doc_idx is not None:
            items = [i for i in items if i.doc == kb.documents[doc_idx].file]
            heading = f"《{kb.documents[doc_idx].title}》的指标"
        elif keyword:
            key = _norm_name(keyword)
            items = [i for i in items if key in _norm_name(i.name)]
            heading = f"名称含“{_short(keyword, 20)}”的指标"
        else:
            heading = "全部指标"
        if not items:
            r = Reply().line(f"{heading}：没有找到。")
            if keyword:
                r.line("可用 /docs 查看文件序号，再发送 ", Span("/indicators 序号", "code"), "。")
            return r
        chunk, page, pages = _page_of(items, page, LIST_PAGE_SIZE)
        r = Reply(replace=page > 0).title(f"{heading}（共 {len(items)} 项）")
        first = page * LIST_PAGE_SIZE + 1
        for n, ind in enumerate(chunk, first):
            figure = _value(ind.target, ind.unit) if ind.target else _value(ind.baseline, ind.unit)
            attr = f" · {ind.attribute}" if ind.attribute else ""
            r.line(f"{n}. ", Span(ind.name, "bold"), f"：{figure}{attr}")
            if doc_idx is None:
                r.line(f"    {self._doc_short(kb, ind.doc)}")
        self._number_buttons(r, "i", [ind.id for ind in chunk], first)

        def cb(p: int) -> str:
            if doc_idx is not None:
                return f"il:{doc_idx}:{p - 1}"
            return self._cb("ik", str(p - 1), keyword) if keyword else f"il::{p - 1}"

        nav = self._nav(cb, page + 1, pages)
        if nav:
            r.row(*nav)
        return r

    def _task_list(self, active: Active, keyword: str, page: int) -> Reply:
        kb = active.kb
        key = _norm_name(keyword)
        items = [t for t in kb.tasks
                 if not key or key in _norm_name(t.title + t.text + "".join(t.units))]
        items.sort(key=lambda t: (t.deadline is None, t.deadline or 0, t.doc, t.line))  # type: ignore[operator]
        heading = f"含“{_short(keyword, 20)}”的任务" if keyword else "全部任务"
        if not items:
            return Reply().line(f"{heading}：没有找到。").line("可以换个关键词，或直接提问。")
        chunk, page, pages = _page_of(items, page, LIST_PAGE_SIZE)
        r = Reply(replace=page > 0).title(f"{heading}（共 {len(items)} 项，按完成时限排序）")
        first = page * LIST_PAGE_SIZE + 1
        for n, t in enumerate(chunk, first):
            when = t.deadline.isoformat() if t.deadline else (t.deadline_text or "未写明")
            r.line(f"{n}. ", Span(_short(t.title, 40), "bold"))
            r.line(f"    {when} · {self._doc_short(kb, t.doc)}")
        self._number_buttons(r, "t", [t.id for t in chunk], first)
        nav = self._nav(lambda p: self._cb("tl", str(p - 1), keyword), page + 1, pages)
        if nav:
            r.row(*nav)
        return r

    # ----- helpers ------------------------------------------------------------------------------

    def _number_buttons(self, r: Reply, prefix: str, ids: list[str], first: int) -> None:
        """Buttons numbered from `first` that open each listed item, four to a row."""
        for start in range(0, len(ids), 4):
            r.row(*[(str(first + k), self._cb(prefix, item_id))
                    for k, item_id in enumerate(ids[start:start + 4], start)])

    def _cb(self, prefix: str, *parts: str) -> str:
        """Callback data "prefix:part:part", aliased when longer than Telegram's 64 bytes."""
        return self._aliases.shorten(":".join((prefix, *parts)))

    @staticmethod
    def _nav(cb: Callable[[int], str], page: int, pages: int) -> list[Button]:
        """◀ page/pages ▶ buttons (1-based page); empty when everything fits on one page."""
        if pages <= 1:
            return []
        row = []
        if page > 1:
            row.append(Button("◀ 上一页", cb(page - 1)))
        row.append(Button(f"{page}/{pages}", cb(page)))
        if page < pages:
            row.append(Button("下一页 ▶", cb(page + 1)))
        return row

    @staticmethod
    def _doc_index(kb: KnowledgeBase, file: str) -> int:
        return next((n for n, d in enumerate(kb.documents) if d.file == file), 0)

    @staticmethod
    def _find_doc(kb: KnowledgeBase, arg: str) -> int | None:
        """The index of the document named by a number (1-based), its title or file name."""
        arg = arg.strip()
        if arg.isdigit():
            n = int(arg)
            return n - 1 if 1 <= n <= len(kb.documents) else None
        key = _norm_name(arg)
        if not key:
            return None
        for n, d in enumerate(kb.documents):
            if key in _norm_name(d.title) or key in _norm_name(d.file) or (d.issuer and key in _norm_name(d.issuer)):
                return n
        return None

    def _no_doc(self, active: Active, arg: str) -> Reply:
        r = Reply().line(f"没有找到文件“{_short(arg, 30)}”。请用序号或标题中的词：")
        for n, d in enumerate(active.kb.documents, 1):
            r.line(f"{n}. {d.title}")
        return r

    @staticmethod
    def _doc_name(kb: KnowledgeBase, file: str) -> str:
        """The document's full title in 《》 (for sources)."""
        doc: Document | None = kb.document(file)
        return f"《{doc.title}》" if doc else file

    @staticmethod
    def _doc_short(kb: KnowledgeBase, file: str) -> str:
        """A short name for lists: the title when short, else issuer, years and kind."""
        doc: Document | None = kb.document(file)
        if doc is None:
            return file
        if len(doc.title) <= SHORT_TITLE_CHARS:
            return doc.title
        if doc.period and doc.period[0] != doc.period[1]:
            years = f"{doc.period[0]}—{doc.period[1]}年"
        else:
            years = f"{doc.year}年" if doc.year else ""
        kind = DOC_KIND_LABELS.get(doc.kind, "")
        if doc.issuer and doc.kind != "other":
            return f"{doc.issuer}{years}{kind}"
        return _short(doc.title, SHORT_TITLE_CHARS)

    def _source(self, kb: KnowledgeBase, file: str, section_id: str | None, line: int) -> str:
        """"《title》 › 章 › 节，第 N 行"."""
        parts = [self._doc_name(kb, file)]
        section = kb.section(section_id)
        if section is not None:
            parts.extend(section.path or [section.title])
        return " › ".join(parts) + f"，第 {line} 行"

    @staticmethod
    def _heading(s: Section) -> str:
        if not s.number or s.title.startswith(s.number):
            return s.title
        # "一、标题" and "（一）标题" read without a space; "第一章 标题" with one.
        sep = "" if s.number[-1] in "、.．)）" else " "
        return f"{s.number}{sep}{s.title}"

    @staticmethod
    def _children(kb: KnowledgeBase, file: str, parent: Section | None) -> list[Section]:
        """Direct children of `parent` (top-level sections when None), in document order."""
        doc_sections = [s for s in kb.sections if s.doc == file]
        if parent is None:
            if any(s.parent for s in doc_sections):
                return [s for s in doc_sections if not s.parent]
            top = min((s.level for s in doc_sections), default=1)
            return [s for s in doc_sections if s.level == top]
        if any(s.parent == parent.id for s in doc_sections):
            return [s for s in doc_sections if s.parent == parent.id]
        # Without parent links: the following sections one level deeper, up to the next sibling.
        out = []
        for s in doc_sections:
            if s.line <= parent.line:
                continue
            if s.level <= parent.level:
                break
            if s.level == parent.level + 1:
                out.append(s)
        return out

    @staticmethod
    def _section_text(kb: KnowledgeBase, section: Section, full: bool = False) -> str:
        """The text under a heading, up to the next heading (or its end line)."""
        lines = kb.texts.get(section.doc, [])
        end = section.end_line
        if end is None:
            later = [s.line for s in kb.sections if s.doc == section.doc and s.line > section.line
                     and (full is False or s.level <= section.level)]
            end = min(later) - 1 if later else len(lines)
        return "\n".join(section_lines(lines, section, end))  # logical lines for unbroken text

    def _log(self, who: Who, query: str, found: bool, hits: int) -> None:
        """Record the question (and the user and chat) in the query log; never fails the answer."""
        if self.sessions is None:
            return
        from bot.storage.chat import log_query, touch_chat, touch_user

        try:
            with self.sessions.begin() as session:
                if who.user_id is not None:
                    touch_user(session, who.user_id, who.username, who.full_name)
                if who.chat_id is not None:
                    touch_chat(session, who.chat_id, who.chat_type, who.chat_title)
                log_query(session, query, found, hits, who.user_id, who.chat_id, who.source)
        except Exception:  # the answer matters more than the log line
            log.exception("could not log query")
