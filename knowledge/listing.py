"""Answers that are sets of items: lists (有哪些), counts (有几项), a document's structure (有几章,
第三章讲什么, 那一节), outlines, and tasks by deadline (逾期的…, 本月到期的…)."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import TYPE_CHECKING, cast

import cn2an
import numpy as np

from knowledge.features import char_bigrams
from knowledge.fuzzy import own_clauses
from knowledge.mention_frames import only_frame_words, without_aspect
from knowledge.models import Indicator, ItemKind, KnowledgeBase, Passage, Section, Task
from knowledge.normalize import normalize
from knowledge.numbers import is_bare_number
from knowledge.own_words import tagged
from knowledge.query import Query, arabic_years
from knowledge.readings import (
    COUNTED,
    Reading,
    asks_each_document,
    carried_word,
    doc_words,
    of_the_past_only,
    pointed_word,
    without_past_words,
)
from knowledge.review_parts import looks_back
from knowledge.wordlists import words

if TYPE_CHECKING:  # the search imports this module (fold_passages is imported where it is used)
    from knowledge.fuzzy import _Entry
    from knowledge.search import Hit, SearchIndex, SearchResult

LISTED_SCORE = 80.0
# Share of the topic's bigrams (idf-weighted) a heading must hold to be the part asked about, and
# a task's name or text to be about the topic of a deadline list.
SCOPE_COVERAGE = 0.6
TOPIC_COVERAGE = 0.5
# A task's text must hold nearly all of a deadline list's topic: long texts hold a part of anything.
TEXT_COVERAGE = 0.8
# A task falling due whose text holds this share of what the best one's does is about the topic too.
NEAR_BEST = 0.6
DEFAULT_WINDOW_DAYS = 30
# A ranked list shorter than this is completed with the next best, as an answer is.
MIN_SHOWN = 3
# Days whose tasks' due dates are kept (a question's date, the test clock, today).
DUE_DAYS_KEPT = 4
# A list across plans takes each plan's best item from this share of the next-best floor up.
PER_PLAN_SHARE = 0.5
# A list topic's run of characters the plans write on at most this many lines is specific: every
# line writing it is listed (扫黑除恶, 商圈); on more it is a common word (工作, 建设) and only the
# ranker's items are. Runs are at least two characters long.
MAX_WRITTEN_LINES = 12
# A document's word ending a topic (网格方面的规划): the tasks' document, no part of what they are about.
_DOC_TAIL = re.compile(r"(?<=.{2})的?(?:规划|计划|纲要|报告|方案)(?:里|中|上)?$")
# The words tying a topic to what is about it (网格方面, 海洋相关的): no part of it.
_ABOUT_TAIL = re.compile(r"(?<=.{2})(?:方面|相关|有关|这块|领域)的?$")
MIN_WRITTEN = 2
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A target in words is named by a question when this long (完成市下达任务; not 持平 alone).
VALUE_CHARS = 4
# Headings starting with the same word make a series (三个聚焦, 六个抓) from this many on.
MIN_SERIES = 3
# A heading found whole inside a longer topic names the part only when it is this long (目标 is in
# too many topics to name one part).
MIN_HEADING_IN_TOPIC = 3
# A paragraph opening with a sentence this short is a point (坚持以人民为中心。…), not an introduction.
POINT_LEAD_CHARS = 20
# A structure question's topic names the document itself when its title writes this share of the
# topic's characters (重点任务清单 of 2023年重点工作任务).
TITLE_TOPIC_SHARE = 0.6
# …and leaves at most this many of them unwritten (条例有多少项配套制度 asks of 配套制度, not of the outline).
TITLE_TOPIC_LEFT = 2
_NUMERAL = re.compile(r"[一二三四五六七八九十百零〇两]+|\d+")
_CONJUNCTION = re.compile(r"以及|或者|和|与|及|、|或")
# 按处算的, 以平方米计的, 论座算的, 单位是亿元的: the work asked for is what is counted in that unit (its topic,
# if any, before the unit: 绿化按平方米算的).
# (单位是亿元的, 按家统计的: the unit named, as the table's unit column says it)
_MEASURED_IN = re.compile(r"(.*?)(?:(?:按照|按|以|论|用)([\u4e00-\u9fff]{1,4}?)(?:来|为单位)?(?:统计|计算|计|算)"
                          r"|以([\u4e00-\u9fff]{1,4}?)为单位"  # (以家为单位的指标)
                          r"|单位(?:是|为|写的?是?)([\u4e00-\u9fff%]{1,4}))")
# 附件那八个奋力争先: a number of parts said inside the topic; the shared word follows it.
_COUNTED_INSIDE = re.compile(r"[那这]?[两二三四五六七八九十\d]{1,3}(?:个|项|条|大)")
_STATED_COUNT = re.compile(r"[两二三四五六七八九十百\d]{1,4}[个项条](?=指标|任务)")
# 生态新河里城市环境: a part named, then what is inside it.
_INSIDE_PART = re.compile(r"(\S{2,12}?)(?:里面|里头|当中|里|中)(\S{2,12})")
# Which item answers for a line that mentions a word, best first (the task that line is, before the
# running text it is cut into or a figure read from it).
# (a heading last: it is a line of the text too, 一、…在打造世界级商圈上奋力争先, when no task is)
_MENTION_KINDS = ("task", "indicator", "passage", "section")
# What a part holds, asked for as a whole (第六章写了哪些内容).
_CONTENT_ASKED = ("内容", "啥内容", "什么内容")
# 党建一章里, 平安建设那部分: the word pointing at a part and its kind, no word its heading or text writes.
_PART_POINTER = re.compile(r"(?:[那这]?一?个?大?)(?:篇|部分|章|块|板块|节|小节)(?:里面|里头|里|中|下面|底下)?")
# 平安建设那部分, 党建一章里: a part pointed at (那 / 这 / 一 before the word for it; not 规章, 节能, 部分地区).
_POINTED_PART = re.compile(r"(?:[那这]一?|一)个?大?(?:篇|部分|章|块|板块|小节|节)(?![能约日点目程])")
# 打造X新河, 某某工程: a letter or 某 standing for any word.
_PLACEHOLDER = re.compile(r"[a-zA-Z]|某")
# A word for a part of a document ending the words that name it (民生篇, 生态那块).
_PART_NOUN_END = re.compile(r"(?:[那这]一?)?(?:篇|部分|章|块|板块|节)$")
# Part words some plans write in their headings' numbers (第三章, 第一节) and others do not (三、).
_HEADING_UNITS = ("章", "节")
# A where-question naming this many words or more may name several things, each said in a part of the one
# asked for (海洋特色社区、物流中心、定位).
COVERED_WORDS = 4
# …of which this many at least are things said inside it, not words of its heading.
SAID_INSIDE = 3
# 四个, 两项: a count said as a word.
COUNTED_WORD = re.compile(r"[\d一二三四五六七八九十两几]+[个项条点块方面]*")
# 第二十条: an article of a policy, by its number.
ARTICLE = re.compile(r"第[一二三四五六七八九十百零〇\d]{1,5}条")


# 主要目标那节: the word for a part pointing at the one named, last.
_PART_WORD_LAST = re.compile(r"[那这]?一?(?:节|章|部分|块|段)$")
# 新赛道那段写了哪些行业: words naming a part, a pointer at it, then more of the question (not at its end).
_POINTED_THEN_MORE = re.compile(r"([\u4e00-\u9fff]{2,12}?)[那这]一?个?大?(?:块|段|部分|节|章|板块)(?:里面|里头|里|中|上)?(?=.)")
_POINTER = re.compile(r"^[那这]一?个?大?(?:块|段|部分|节|章|板块)(?:里面|里头|里|中|上)?")
# Verbs of what a part says or tells of, said before what is listed (写了哪些行业, 干了哪些事).
_SAYING_OR_DOING = re.compile(r"^(?:都|还|主要)?(?:干|做|写|讲|说|提|搞|抓|办|列|包括|包含|涉及)了?")
# 平安新河那一块包括哪些: a question pointing at a part and asking what it holds.
_PART_HOLDS = re.compile(r"[那这]一?[个大]?(?:章|节|块|部分|篇)(?:里面|里头|里|中)?都?(?:包括|包含|涵盖|含|有)")
# 年底前要完成的: the question asks what is to be completed (完成 said after a word of duty or time;
# 得干完, 必须办完, 就得交差 say it as well).
_ASKS_COMPLETED = re.compile(r"(?:要|需|需要|得|必须|应|应当|应该|该|前|之前|以前)(?:完成|办完|做完|干完|弄完|搞完|交差)")
# A task stating a completion of its own (完成嘉华地块土地入库, 确保按期完成): not the running-text
# 完成 of a past review (已完成, 完成了), which a task falling due does not write.
_STATES_COMPLETION = re.compile(r"(?<![已未])完成(?!了)")
# A year a heading names (2025年发展目标), in digits once normalised.
_TITLE_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# 任务标题, 任务的名称: the titles asked of are the tasks' own.
_TASK_TITLES = re.compile(r"任务(?:的)?(?:标题|名称|题目|名字)")
# Quotation marks a plan writes a name in (社会救助“一城通办”): no part of the words a mention counts.
_QUOTES = re.compile(r"[“”\"‘’'「」『』《》]")


# How many characters a count of mentions lets stand between the words of what it counts (a modifier: 建筑安装).
MENTION_GAP = 4


def _writing(index: SearchIndex, word: str) -> list[int]:
    """The entries that write `word`, or its words in order with at most MENTION_GAP characters between each
    (领军企业: 领军型企业; 小巨人企业: “小巨人”建筑安装企业; 社会救助一城通办: 社会救助领域“一城通办”, quotation marks aside), as a count of the
    places a word is written takes them."""
    users = index._term_users(word)
    words = [w for w, _ in tagged(word)]
    if len(words) < 2 or len(word) < 4:
        return users
    loose = re.compile(rf"[\u4e00-\u9fff]{{0,{MENTION_GAP}}}".join(map(re.escape, words)))
    found = set(users)
    rarest = min(words, key=lambda w: len(index._term_users(w)))
    return users + [i for i in index._term_users(rarest) if i not in found
                    and (loose.search(_QUOTES.sub("", index.entries[i].name))
                         or loose.search(_QUOTES.sub("", index.entries[i].text)))]


# 规划落实靠保障措施: at most this many characters before a heading the words asking for items end (落实靠).
_FEW_WORDS_BEFORE = 3


class Listing:
    """The structure of a knowledge base (sections, their parts and items) for set answers."""

    def __init__(self, kb: KnowledgeBase, entries: list[_Entry]) -> None:
        self.kb = kb
        self.position = {(e.kind, e.item.doc, e.item.id): i for i, e in enumerate(entries)}
        self.children: dict[str | None, list[Section]] = defaultdict(list)
        self.tops: dict[str, list[Section]] = defaultdict(list)
        levels: dict[str, int] = {}
        for s in kb.sections:
            self.children[s.parent].append(s)
            levels[s.doc] = min(levels.get(s.doc, s.level), s.level)
        for s in kb.sections:
            if s.level == levels[s.doc]:
                self.tops[s.doc].append(s)
        self.section_of = {s.id: s for s in kb.sections}
        # Each section's entry row (-1 when it has none) and the sections by their normalised number
        # (专栏1, 第三章), to find the headings a topic names without a pass over every section.
        self.section_rows = np.array([self.position.get(("section", s.doc, s.id), -1) for s in kb.sections],
                                     dtype=np.int64)
        self.by_number: dict[str, list[int]] = defaultdict(list)
        # The documents numbering some heading with each part word (章 → the plans with 第三章).
        self.unit_docs: dict[str, set[str]] = defaultdict(set)
        for k, s in enumerate(kb.sections):
            if s.number:
                self.by_number[normalize(s.number)].append(k)
                for unit in _HEADING_UNITS:
                    if unit in s.number:
                        self.unit_docs[unit].add(s.doc)
        # Parts that look back (2023年工作回顾 and what is under it): what was done, not what is to be.
        # (发展基础和发展环境 over 第一节 发展基础, 第二节 发展环境, 第三节 远景目标: a part whose title names a
        # review beside other things, and which has a review part of its own, is not all review)
        titled = {s.id for s in kb.sections if looks_back(s.title)}
        with_titled_child = {s.parent for s in kb.sections if s.id in titled and s.parent is not None}
        self.review: set[str] = set()
        for s in kb.sections:  # (parents come before their children)
            if (s.id in titled and s.id not in with_titled_child) or (s.parent is not None and s.parent in self.review):
                self.review.add(s.id)
        self.actual = {id(a) for a in kb.actuals}  # figures already reached: no targets
        # A five-year plan's work is written in its running text, few sentences of it typed as tasks:
        # a passage of its parts ahead (not its review) falls due when the plan's period ends.
        ends = {d.file: dt.date(d.period[1], 12, 31) for d in kb.documents
                if d.kind == "five_year_plan" and d.period}
        self.plan_passages_due: list[tuple[Passage, dt.date]] = [
            (p, ends[p.doc]) for p in kb.passages if p.doc in ends and p.section not in self.review]
        # Targets set in words (完成市下达任务), normalised, with the documents that set them.
        self.worded_targets: dict[str, set[str]] = defaultdict(set)
        for it in kb.indicators:
            v = normalize(it.target.value) if it.target else ""
            if len(v) >= VALUE_CHARS and not re.search(r"\d", v):
                self.worded_targets[v].add(it.doc)
        self._due_on: dict[dt.date, list[tuple[Task, dt.date]]] = {}  # (see _tasks_due)
        self._own_texts: dict[str, list[str]] = {}  # (see own_texts)
        self._subtree_texts: dict[str, str] = {}  # (see subtree_text)
        self.under: dict[str, list[tuple[str, object]]] = defaultdict(list)
        for kind, items in (("task", kb.tasks), ("indicator", kb.indicators), ("term", kb.terms),
                            ("passage", kb.passages)):
            for item in items:
                if item.section:
                    self.under[item.section].append((kind, item))

    # -- helpers ---------------------------------------------------------------------------------
    def _hit(self, index: SearchIndex, kind: str, item: object, q_text: str, score: float = LISTED_SCORE) -> Hit | None:
        i = self.position.get((cast(ItemKind, kind), item.doc, item.id))  # type: ignore[attr-defined]
        return None if i is None else index.hit(i, score / 100.0, q_text)

    def _docs(self, q: Query, outline: bool = False, past: bool = False) -> list[str]:
        """The documents a question is about: those it names, else of the kinds and year it names (a
        kind none of the named place's documents is — 河北区重点任务第八块, asked of its work report —
        describes their content, not which of them). Asked of an outline (`outline`), a year names
        the document of that year before a plan whose period holds it (大港街24年那份计划的一级标题).
        Asked of what was done (`past`: 23年主要做了哪些工作), a year is also the one the next year's
        report reviews."""
        def about(kinds: set[str]) -> list[str]:
            return [d.file for d in self.kb.documents
                    if (not q.docs or d.file in q.docs) and (not kinds or d.kind in kinds)
                    and (q.year is None or d.year == q.year or (d.period and d.period[0] <= q.year <= d.period[1])
                         or (past and d.review_lines is not None and d.year == q.year + 1))]
        docs = about(q.doc_kinds) or (about(set()) if q.docs and q.doc_kinds else [])
        if outline and q.year is not None:
            own = [f for f in docs if (d := self.kb.document(f)) is not None and d.year == q.year]
            docs = own or docs
        return docs

    def subtree(self, section: Section) -> list[Section]:
        """A section and every section below it, in document order."""
        out = [section]
        for child in self.children.get(section.id, []):
            out.extend(self.subtree(child))
        return out

    def _ordinal_sections(self, index: SearchIndex, q: Query, reading: Reading, docs: list[str]) -> frozenset[str] | None:
        """The sections of the part an ordinal names (第七块, counted inside the part the words before it
        name, else from each document's top, by `ordinal_part`) in the documents asked about; None when none
        of them has it."""
        named = self.scopes(index, q, replace(reading, topic=reading.within)) if reading.within else []
        parts = []
        for d in docs:
            # (河北区(七)城市更新板块: a report's review and its plan each have a (七); the one whose heading the
            # words retell, else the plan's, as ordinal_parts orders them)
            parts += self.ordinal_parts(d, reading.path, [s for s in named if s.doc == d], reading.unit,
                                        past=reading.past, year=q.year, retold=reading.topic)[:1]
        return frozenset(s.id for part in parts for s in self.subtree(part)) if parts else None

    def _tasks_due(self, today: dt.date, due_item: Callable[[Task, dt.date], object]) -> list[tuple[Task, dt.date]]:
        """Every task with the date it falls due as of `today` (its next date, for recurring work),
        worked out once per day asked about: every due and overdue question reads all of them."""
        kept = self._due_on.get(today)
        if kept is None:
            kept = [(t, d.due) for t in self.kb.tasks if (d := due_item(t, today))]  # type: ignore[attr-defined]
            if len(self._due_on) >= DUE_DAYS_KEPT:
                self._due_on.clear()  # (whole: searches on other threads may be reading it)
            self._due_on[today] = kept
        return kept

    def _part_retold(self, topic: str, docs: list[str], index: SearchIndex) -> Section | None:
        """The one top part of these documents whose heading holds every word of a topic of two words or more
        (产业增长: 四、抓产业促增长，在实现跨越发展上奋力争先), as said or in the lexicon's words for it (平安稳定 →
        安全稳定: 七、抓安全保稳定…); None when none or several do."""
        for said in (_words_apart(t) for t in _ways_said(index, normalize(topic))):
            if not said:
                continue
            found = [p for d in docs for p in self.parts_of(d) if _in_order(said, normalize(p.title))]
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def part_about(self, index: SearchIndex, part: Section, topic: str) -> Section | None:
        """The one part below `part` whose heading or text holds the topic's words best (讲石化园区的那节),
        None when none holds most of them or the heading of `part` itself names the topic."""
        cover = index.known_coverage(topic)
        row = self.position.get(("section", part.doc, part.id))
        if row is not None and float(cover[0][row]) >= TOPIC_COVERAGE:
            return None  # (第七章讲人居环境的那章: the part numbered is the one that speaks of it)
        best: tuple[float, Section] | None = None
        for sub in self.subtree(part)[1:]:
            # (its heading, or the text of what it holds: a heading rarely repeats its paragraphs' words)
            rows = [i for i in [self.position.get(("section", sub.doc, sub.id))] if i is not None]
            rows += [i for t in self.subtree(sub) for kind, it in self.under.get(t.id, [])
                     if (i := self.position.get((cast(ItemKind, kind), sub.doc, getattr(it, "id", "")))) is not None]
            if not rows:
                continue
            held = max(max(float(cover[0][i]), float(cover[2][i])) for i in rows)
            if held >= TOPIC_COVERAGE and (best is None or held > best[0]):
                best = (held, sub)
        return best[1] if best else None

    def items_under(self, section: Section, kind: str | None) -> list[tuple[str, object]]:
        """Items of `kind` (None: tasks, else the running text, else indicators, else terms) in a
        section's subtree."""
        found: list[tuple[str, object]] = []
        for s in self.subtree(section):
            found.extend(self.under.get(s.id, []))
        if kind is not None:
            return [(k, it) for k, it in found if k == kind]
        for k in ("task", "passage", "indicator", "term"):
            chosen = [(kk, it) for kk, it in found if kk == k]
            if chosen:
                return chosen
        return []

    def paragraphs_of(self, section: Section) -> list[tuple[str, object]]:
        """The first passage of each paragraph of a part's running text, when it has several (a part
        written as points, one paragraph each)."""
        firsts = _paragraph_firsts(it for _, it in self.items_under(section, "passage"))
        return [("passage", it) for it in _points(firsts)] if len(firsts) > 1 else []

    def own_points(self, section: Section) -> list[object]:
        """The tasks a part holds itself (not in a part below it), else the first passage of each of
        its own paragraphs."""
        own = self.under.get(section.id, [])
        tasks = [it for k, it in own if k == "task"]
        # (主要目标: one paragraph typed as a task, 到2025年…, over five written as points: the points)
        points = _points(_paragraph_firsts(it for k, it in own if k == "passage"))
        return tasks if len(tasks) >= len(points) else points

    @staticmethod
    def numbered(sections: list[Section]) -> list[Section]:
        """The numbered parts when some are numbered (第一章…, not the 前言 before them)."""
        with_numbers = [s for s in sections if s.number]
        return with_numbers or sections

    def parts_of(self, doc: str) -> list[Section]:
        """A document's parts: its numbered top sections, or, when its top is one heading (the
        title over 一、二、三…), the parts under that heading."""
        parts = self.numbered(self.tops.get(doc, []))
        while len(parts) == 1 and self.children.get(parts[0].id):
            parts = self.numbered(self.children[parts[0].id])
        return parts

    def nth(self, doc: str, n: int, within: Section | None = None) -> Section | None:
        """Part n of a document (or of a part of it): the section numbered n (第三章, 三、, 第3章),
        else the n-th numbered one; n < 0 counts from the end (最后一章)."""
        parts = self.numbered(self.children.get(within.id, [])) if within else self.parts_of(doc)
        if n > 0:
            for s in parts:
                if s.number and _number_of(s.number) == n:
                    return s
        return parts[n - 1] if 0 < n <= len(parts) else (parts[n] if -len(parts) <= n < 0 else None)

    def at_path(self, doc: str, path: tuple[int, ...], within: Section | None = None) -> Section | None:
        """The part an ordinal path names (第四章第五节 → part 5 of part 4), in the document or inside
        the part `within`."""
        part: Section | None = within
        for n in path:
            part = self.nth(doc, n, part)
            if part is None:
                return None
        return part

    def parts_at(self, q: Query, path: tuple[int, ...]) -> list[Section]:
        """The part an ordinal path names in each document a question names that has one."""
        return [part for d in self._docs(q) if (part := self.at_path(d, path)) is not None]

    def part_sections(self, q: Query, path: tuple[int, ...]) -> frozenset[str]:
        """The sections of the part an ordinal path names in the documents a question names (empty
        when none of them has it)."""
        return frozenset(s.id for part in self.parts_at(q, path) for s in self.subtree(part))

    def ordinal_part(self, doc: str, path: tuple[int, ...], named: list[Section], unit: str = "") -> Section | None:
        """The part an ordinal path names in a document: inside a part the words before it name
        (工作安排第七条), else that part itself when it bears the number (平安新河的第五部分), else
        counted from the document's top, else in the one part of it that has such a numbered part
        (重点工作第九块: only the work plan has a (九))."""
        # (共同缔造的第3章: a part named that is itself a 章 numbered so, not the third part under it)
        found = [base for base in named if len(path) == 1 and unit and base.number and unit in base.number
                 and _number_of(base.number) == path[0]]
        found = found or [p for base in named if (p := self.at_path(doc, path, base)) is not None]
        if not found and len(path) == 1:
            found = [base for base in named if base.number and _number_of(base.number) == path[0]]
        if not found and (top := self.at_path(doc, path)) is not None:
            found = [top]
        if not found and len(path) == 1 and path[0] > 0:
            holders = [sec for sec in self.kb.sections if sec.doc == doc
                       and self.nth_numbered(self.children.get(sec.id, []), path[0]) is not None]
            if len(holders) == 1:
                found = [self.nth_numbered(self.children[holders[0].id], path[0])]  # type: ignore[list-item]
        return found[0] if found else None

    def ordinal_parts(self, doc: str, path: tuple[int, ...], named: list[Section], unit: str = "",
                      past: bool = False, year: int | None = None, retold: str = "") -> list[Section]:
        """Every part an ordinal path names in a document: the one `ordinal_part` finds; else, for a number
        only parts below the top bear and several parts hold (a work report's review and its plan each
        have a (五)), each of those at the shallowest level — only those under a heading naming the `year`
        asked, when some are (24年报告第五项: 二、2024年工作安排's) — the review's last, unless what was done
        is asked (`past`), as what is planned is what the plans' users carry out; of these, one whose heading
        the words `retold` retell first (报告(四)绿色低碳那条标题)."""
        part = self.ordinal_part(doc, path, named, unit)
        if part is not None:
            return [part]
        if named or len(path) != 1 or path[0] <= 0:
            return []
        held = [(self._depth(sec), p) for sec in self.kb.sections if sec.doc == doc
                and (p := self.nth_numbered(self.children.get(sec.id, []), path[0])) is not None]
        least = min((d for d, _ in held), default=0)
        found = [p for d, p in held if d == least]
        if year is not None and (dated := [p for p in found if any(_names_year(s, year) for s in self._holders(p))]):
            found = dated
        return sorted(found, key=lambda s: (not retells(retold, [s.title]), (s.id in self.review) != past))

    def _holders(self, section: Section) -> Iterator[Section]:
        """The parts holding a section, nearest first."""
        parent = section.parent
        while parent and (current := self.section_of.get(parent)) is not None:
            yield current
            parent = current.parent

    def _titled_inside(self, part: Section, words: str) -> Section | None:
        """The part below `part` whose heading holds `words` (a part word pointing at it dropped: 主要目标那节),
        the shortest such heading; None when none does."""
        said = _PART_WORD_LAST.sub("", normalize(words))
        titled = [s for s in self.subtree(part)[1:] if len(said) >= 2 and said in normalize(s.title)]
        return min(titled, key=lambda s: len(s.title)) if titled else None

    def _depth(self, section: Section) -> int:
        """How many parts hold a section (0 for a top one)."""
        return sum(1 for _ in self._holders(section))

    def part_holding(self, section: Section) -> Section:
        """The document part (a 章, or one of the parts parts_of counts) that holds a section: what 哪一章,
        哪个大部分 ask for when the words name a heading under it; the section itself when none does."""
        parts = {p.id for p in self.parts_of(section.doc)}
        return next((s for s in (section, *self._holders(section))
                     if s.id in parts or (s.number and "章" in s.number)), section)

    @classmethod
    def nth_numbered(cls, sections: list[Section], n: int) -> Section | None:
        """The section numbered n among some sections (三、, (三), 第三章), None when none is."""
        return next((s for s in cls.numbered(sections) if s.number and _number_of(s.number) == n), None)

    # -- readings --------------------------------------------------------------------------------
    def outline(self, index: SearchIndex, q: Query) -> list[Hit]:
        """Top-level sections of the documents a query names by place, kind or year only."""
        if not (q.docs or q.doc_kinds or q.year):
            return []
        docs = self._docs(q)
        if not docs or len(docs) == len(self.kb.documents):
            return []
        return [h for d in docs for s in self.tops.get(d, []) if (h := self._hit(index, "section", s, "", 70.0))]

    def items(self, index: SearchIndex, q: Query, reading: Reading, result: SearchResult,
              limit: int) -> SearchResult | None:
        """The items a list, count or structure question asks for; None when it names nothing the
        structure knows (the ranker's answer then decides)."""
        from knowledge.search import fold_passages, fold_repeats
        docs = self._docs(q, outline=reading.kind == "structure" or reading.wanted == "section", past=reading.past)
        chosen: list[tuple[str, object]] = []
        # what the answer's heading names (放心不下那块干了哪些事: not the kind of things listed, 事, after it)
        shown = _without_listed_kind(reading.topic)
        opening: set[int] = set()  # items listed as a part's paragraphs
        complete = False  # the outline gave every item asked for
        if reading.span is not None:
            # 附件一到八的大标题: the parts so numbered, of the part named or the first that has them.
            chosen = [("section", sec) for d in docs for sec in self.run_of(index, q, reading, d)]
            complete = True
        elif reading.ordinal is not None and len(reading.path) == 1 and (reading.within or reading.topic) \
                and (members := self.series(reading.within or reading.topic, docs)) and len({s.doc for s in members}) == 1 \
                and 0 < abs(reading.path[0]) <= len(members):
            # 那几个聚焦里排第五的: the fifth of the parallel parts that share the word, in the
            # document's order (a row of one document: several would each have their own fifth).
            n = reading.path[0]
            member = members[n - 1 if n > 0 else n]
            chosen = [("section", member)]
            if reading.parts and reading.kind in ("structure", "count"):
                # 第九个聚焦底下有几个小段: what that part holds — its parts, else its numbered tasks
                held: list[tuple[str, object]] = [("section", c) for c in self.numbered(self.children.get(member.id, []))]
                held = held or self.items_under(member, "task")
                chosen = held or chosen
            complete = True
        elif reading.ordinal is not None:
            # 工作安排第七条: counted inside the part the words before the ordinal name, if one is.
            named = self.scopes(index, q, replace(reading, topic=reading.within)) if reading.within else []
            spoken_of, unspoken = False, []
            if reading.unit in _HEADING_UNITS:
                # 大港街道第5章: of the plans in scope, those that number their parts 第…章 (not a work
                # plan's 五、 in the same place)
                docs = [d for d in docs if d in self.unit_docs[reading.unit]] or docs
            for d in docs:
                if named and not any(s.doc == d for s in named):
                    continue  # 大港街道保障措施第四节: counted in the plan that has that part, not in another
                in_doc = [s for s in named if s.doc == d]
                if not in_doc and reading.within and q.year is not None:
                    # 报告2024年部分的第四大项: the part the year names (二、2024年工作安排), when one does
                    dated = [s for s in self.parts_of(d) if str(q.year) in s.title]
                    in_doc = dated if len(dated) == 1 else []
                # (报告(四)绿色低碳那条标题: of the parts numbered so, the one whose heading the words retell first)
                numbered = self.ordinal_parts(d, reading.path, in_doc, reading.unit, past=reading.past, year=q.year,
                                              retold=reading.topic)
                for part in numbered:
                    if reading.where and reading.within and (inner := self._titled_inside(part, reading.within)):
                        chosen.append(("section", inner))  # 主要目标那节在第二章第几节: the one under it so titled
                        continue
                    if reading.where and not reading.articles \
                            and not (reading.topic and self.part_about(index, part, reading.topic)):
                        # 第五项重点工作是哪块: the part itself is asked for (not 第八章哪一节专门讲用地: the
                        # part under it speaking of the topic, found below)
                        chosen.append(("section", part))
                        continue
                    if reading.articles and (articles := self.articles_in(part)):
                        chosen.extend(("passage", p) for p in articles)  # 第五章有几条: its articles
                        complete = True
                        continue
                    if reading.articles and not self.children.get(part.id) and (tasks := self.items_under(part, "task")):
                        chosen.extend(tasks)  # 附件第六部分有几条: its numbered tasks (37.…, 38.…), no articles
                        complete = True
                        continue
                    held = self.items_under(part, reading.wanted) if reading.wanted in ("task", "indicator", "term") else []
                    if held and (reading.wanted != "task" or len(held) >= len(self.children.get(part.id, []))):
                        # 第四部分有几项任务: the tasks it holds, not the part (a chapter with more sections
                        # than typed tasks — a five-year plan's work is in its running text — is listed by
                        # its sections, as before)
                        chosen.extend(held)
                        complete = True
                        continue
                    if not reading.parts and reading.topic and (inner := self.part_about(index, part, reading.topic)):
                        # 第四章讲石化园区的那节: the part below the one numbered that speaks of the topic.
                        chosen.append(("section", inner))
                        spoken_of = True
                        continue
                    parts = self.numbered(self.children.get(part.id, [])) if reading.parts else []
                    if reading.kind == "count" and reading.parts and not parts \
                            and (tasks := self.items_under(part, "task")):
                        # 第七大项下面条目数是多少: a part holding no parts of its own counts its numbered tasks
                        # (not 第七大块叫什么名, 第八条大标题下讲哪些事: the part itself, its heading)
                        chosen.extend(tasks)
                        complete = True
                        continue
                    if parts and reading.topic in _CONTENT_ASKED:
                        # 第六章写了哪些内容: the part itself (its title says what it is about), then its parts
                        chosen.append(("section", part))
                    if not parts and not reading.parts and reading.topic:
                        unspoken.append(part)
                    chosen.extend(("section", s) for s in parts or [part])
            if spoken_of and unspoken:
                # 大港街道最后一章有一节讲用地: of the plans in scope, those whose part holds one on the
                # topic answer; another's part numbered so, holding none, is no answer.
                dropped = {id(u) for u in unspoken}
                chosen = [c for c in chosen if id(c[1]) not in dropped]
        elif (carrying := reading.wanted or ("indicator" if _TABLE_NAMED.search(normalize(reading.topic)) else None)) \
                in ("indicator", "task") and (carried := carried_word(reading.topic)) \
                and (writing := self._writing_lines(index, q, carried, {carrying})):
            # 专栏里带累计的指标都有啥: the items of the kind asked whose lines write the word (not those about it),
            # those whose names hold it when some do (固定资产投资额累计, not a review's line 累计完成…); a table's
            # rows when a table is where they are (指标表里带累计两字的)
            holding = [i for i in writing if carried in normalize(index.entries[i].name)]
            chosen = [(carrying, index.entries[i].item) for i in holding or writing]
            shown = f"带“{carried}”"  # (as a count of mentions shows 提到“…”; 专栏里 is where, no part of it)
            complete = True
        elif not reading.topic:
            if reading.wanted == "term":
                chosen = [("term", t) for t in self.kb.terms if t.doc in docs]
            elif reading.wanted in ("task", "indicator") and (q.docs or q.doc_kinds or reading.kind == "count"):
                items = self.kb.tasks if reading.wanted == "task" else self.kb.indicators
                chosen = [(reading.wanted, it) for it in items if it.doc in docs]
            elif reading.kind == "structure" or reading.wanted == "section":
                tops = [s for d in docs for s in self.parts_of(d)]
                if reading.where and q.year is not None \
                        and (dated := [s for s in tops if _names_year(s, q.year)]):
                    tops = dated  # 报告讲24年怎么干是哪一大部分: the part naming the year asked
                chosen = [("section", s) for s in tops]
        elif reading.wanted in (None, "section") and (members := self.series(reading.topic, docs)):
            # 九个聚焦是哪些: headings in a row that start with the same word are the parts asked for.
            chosen = [("section", s) for s in members]
            complete = True
        elif reading.wanted in (None, "indicator") \
                and (unit := unit_measured(_IN_TABLE_FIRST.sub("", normalize(reading.topic)))) is not None \
                and (counted := [it for it in self.targets_in(docs) if _counts_in(it, unit)]):
            # 指标表里按家统计的是哪几个, 单位是亿元的指标: the indicators counted in that unit.
            chosen = [("indicator", it) for it in counted]
            shown = f"单位为“{unit}”"
            complete = True
        elif reading.wanted in (None, "indicator") and (table := self.table_rows(reading.topic, docs)):
            # 主要指标表里头总共多少行, 那张指标表里有几个指标: the rows of the table the words name (every
            # table of the plans in scope when they name none).
            shown, rows = table
            chosen = [("indicator", it) for it in rows]
            if not q.docs and asks_each_document(normalize(q.raw)):
                # 有几份规划附了主要指标专栏: the tables themselves, one per plan that has one
                tables = dict.fromkeys(it.section for it in rows if it.section in self.section_of)
                chosen = [("section", self.section_of[sid]) for sid in tables if sid is not None]
            complete = True
        elif reading.wanted in (None, "indicator") and (grouped := self.category(
                reading.topic, docs, q.year, _percents(q.raw))):
            # 生态环保类指标: the rows of an indicator table under that category — all of them, so
            # nothing the ranker lists is added.
            chosen = [("indicator", it) for it in grouped]
            complete = True
        else:
            # (规划回顾十三五成绩列了几点: words of what was done alone name no heading but the review)
            scopes = [] if reading.past and of_the_past_only(reading.topic) else self.scopes(index, q, reading)
            if not scopes and reading.past and len(bare := without_past_words(reading.topic)) >= 2 \
                    and bare != reading.topic:
                # 民生那块回顾分几个方面写的: the review's heading the rest of the topic names (回顾 is no word of it)
                scopes = [s for s in self.scopes(index, q, replace(reading, topic=bare)) if s.id in self.review]
            if not scopes and reading.kind in ("list", "count"):
                # 新赛道那段写了哪些行业, 放心不下那块干了哪些事: the words before a pointer at a part name it; the
                # words after it say what kind of things its items are (行业, 事)
                scopes = self._pointed_then_kind(index, q, reading)
            if not scopes and reading.noun and reading.kind in ("list", "count") and len(reading.topic) >= 2:
                # 规划落实靠哪些保障措施: the word asking for the kind of item (措施) ends a heading's name with the
                # words before it (第八章 保障措施): that part's items are asked for.
                # (退役军人服务保障有哪些措施: words of a topic of their own before 保障措施 are what the measures are
                # about; a verb or two, 落实靠, after the document's word, are not)
                said = normalize(reading.topic) + reading.noun
                scopes = [s for s in self.headings_in(said, q.docs or set(self.tops))
                          if (title := normalize(s.title)).endswith(reading.noun)
                          and len(_without_doc_word(said[: said.rfind(title)])) <= _FEW_WORDS_BEFORE]
            if not scopes and reading.past and reading.kind == "list" and of_the_past_only(reading.topic):
                # 过去五年成绩单一条条给我: what was done, asked as a list naming nothing of it, is what the
                # reviews tell
                scopes = self.reviews(docs)
            if not scopes and reading.past and reading.parts and reading.kind in ("structure", "count"):
                # 去年主要做了几方面工作: what a review tells of, named by no heading, is its parts.
                scopes = self.reviews(docs)
            if not scopes and reading.parts and reading.kind in ("structure", "count") and len(docs) == 1 \
                    and (doc := self.kb.document(docs[0])) is not None \
                    and _names_title(reading.topic, doc.title):
                # 宝安那份重点任务清单是按几个方面排的: the topic names the document itself (its title's
                # words), so its parts are asked for.
                chosen = [("section", sec) for sec in self.parts_of(docs[0])]
            if not scopes and not chosen and reading.kind in ("structure", "count") and reading.parts \
                    and _POINTED_PART.search(normalize(q.raw)):
                # 平安建设那部分分了几小节: a part pointed at whose heading says some of the words, its text the rest
                said = topic_query(q, reading.topic).text
                scopes = self.part_partly_named(said, docs)
                # 产业招商科创园区那章: else the part whose own parts' headings say the words, one or two each
                scopes = scopes or self.part_named_by_its_parts(said, docs)
            # (规划落实靠哪些保障措施: the heading the word asking for items ends, 保障措施)
            if len(scopes) == 1 and (title := normalize(scopes[0].title)) != normalize(reading.topic) \
                    and title in normalize(reading.topic) + reading.noun:
                shown = scopes[0].title  # 发展定位里头要打造: the part named, not the words around it
            if reading.where and reading.top:
                # 哪一章讲污染防治: the chapter holding the heading that names it, then that heading.
                lifted = [part for s in scopes for part in (self.part_holding(s), s)]
                scopes = list({s.id: s for s in lifted}.values())
            elif reading.top and reading.kind == "structure" and not reading.parts:
                # 讲指导思想和定位那一章标题: the chapter asked for itself holds the heading the words name.
                scopes = list({p.id: p for p in map(self.part_holding, scopes)}.values())
            for s in scopes:
                if reading.kind == "structure" or reading.wanted == "section":
                    parts = self.numbered(self.children.get(s.id, [])) if reading.parts else []
                    # (主要目标分哪些方面: asked for its parts, a part whose only parts are tables, 专栏1, the same)
                    if parts and (reading.wanted in (None, "task") or all(_TABLE_NAMED.match(c.number or "") for c in parts)) \
                            and len(self.own_points(s)) > len(parts):
                        # 发展定位里要打造哪几块: a part written as points of its own, over a table
                        # (专栏1) below them, is listed by its points.
                        parts = []
                    leaf = reading.parts and not parts  # (its parts asked, and it has none)
                    held = self.items_under(s, reading.wanted or "task") if leaf and reading.wanted != "section" else []
                    if leaf and reading.wanted is None and len(points := self.paragraphs_of(s)) > len(held) > 0:
                        # 主要目标数下来是几个方面: written as more points than it has typed tasks
                        held = points
                        opening.update(id(it) for _, it in held)
                    if leaf and not held and reading.wanted in (None, "section"):
                        held = self.paragraphs_of(s)
                        opening.update(id(it) for _, it in held)
                    # 深港协同那部分都有哪些: a part with no parts of its own is listed by its tasks;
                    # 基本要求下面分了几个方面, 政府自身建设下面分了哪几条: with no tasks either, by its
                    # paragraphs
                    chosen.extend(held or [("section", c) for c in parts or [s]])
                else:
                    held = self.items_under(s, reading.wanted)
                    if not held and reading.wanted == "task" and (own := self.numbered(self.children.get(s.id, []))):
                        # 回顾部分总共列了几大项工作: a part with no typed tasks lists its work by its parts
                        held = [("section", c) for c in own]
                    if reading.wanted is None and held and (own := self.numbered(self.children.get(s.id, []))) \
                            and ((held[0][0] == "passage" and len(self.own_points(s)) <= 1)
                                 or (reading.kind == "count" and held[0][0] == "task" and len(held) < len(own))):
                        # 打造红色新河那部分有几条, 平安新河具体包括哪几项: a part written in parts of its own
                        # ((一)…(五)), its own text an introduction at most, counts and lists them, not the
                        # paragraphs they hold (a review opening with points of its own, 工作回顾开头列了几条, counts
                        # those); 文化新河底下列了几条: nor the fewer tasks typed in them
                        held = [("section", c) for c in own]
                    elif reading.wanted is None and held and held[0][0] == "passage" and (points := self.paragraphs_of(s)):
                        # 发展定位一共列了几条: a part written as paragraphs, no tasks, counts its
                        # paragraphs (their points), not every passage they are cut into.
                        held = points
                        opening.update(id(it) for _, it in held)
                    if reading.kind == "list" and len(scopes) == 1 and reading.wanted is None \
                            and _PART_HOLDS.search(normalize(q.raw)):
                        # 平安新河那一块包括哪些: the part pointed at (its heading) first, then what it holds.
                        chosen.append(("section", s))
                    chosen.extend(held)
        if not chosen and (reading.where or (reading.named and not reading.parts
                                             and reading.ordinal is None and reading.topic)):
            # 安全生产放在哪个部分, 讲意识形态的那节叫啥: no heading names it; the part holding what
            # answers it.
            return self.holding(index, q, reading, result)
        ranked = not complete and (reading.kind == "list"
                                   or (reading.kind == "count" and not chosen and bool(reading.topic)))
        if not chosen and not ranked:
            return None
        # (a part's paragraphs are shown from their opening words: the points are what is listed)
        hits = [h for kind, it in chosen
                if (h := self._hit(index, kind, it, "" if id(it) in opening else reading.topic))]
        if ranked:
            # No part of the outline is named: every item the ranker lists for the topic (a count
            # of them counts these).
            hits = fold_repeats(fold_passages(self._with_ranked(index, q, reading, hits)))
        if not hits:
            return None
        if not q.docs and reading.kind == "list" and asks_each_document(normalize(q.raw)):
            # 几个规划里京津冀协同都是怎么写的: each plan's best item first (not one plan's part before the others)
            hits = _each_document_first(hits)
        result.total = len(hits)
        result.hits = hits[:limit]
        result.reading = "count" if reading.kind == "count" else "list"
        result.topic = _without_doc_word(shown)  # (shown as the heading: 规划宜居宜业类 → 宜居宜业类)
        return result

    def titled(self, index: SearchIndex, q: Query, word: str, kind: str, result: SearchResult,
               limit: int) -> SearchResult:
        """The headings of the documents in scope whose titles hold `word` (标题带安全二字的有哪几节), in
        the plans' order; listed or counted."""
        # (任务标题带安全生产的有几条: the tasks' own titles, 6.强化安全生产监管, not the headings)
        wanted: ItemKind = "task" if _TASK_TITLES.search(q.raw) else "section"
        items: Sequence[Task | Section] = self.kb.tasks if wanted == "task" else self.kb.sections
        hits = [h for d in self._docs(q, outline=True) for it in items
                if it.doc == d and word in normalize(it.title) and (h := self._hit(index, wanted, it, word))]
        result.total = len(hits)
        result.hits = hits[:limit]
        result.reading = "count" if kind == "count" else "list"
        result.topic = f"标题含“{word}”"
        result.wanted = wanted
        return result

    def mentions(self, index: SearchIndex, q: Query, word: str, result: SearchResult, limit: int) -> SearchResult:
        """The places the documents in scope write `word` (任务里带试点的有几条), one item per line (a task
        before the running text or a figure on the same line), in the plans' order, a review's lines last
        unless what was done is asked; counted."""
        word = self.widened(index, word)
        hits = [index.hit(i, LISTED_SCORE / 100.0, word) for i in self._writing_lines(index, q, word)]
        if not q.past:
            # (涉及退役军人的内容都找出来: what the plans are to do first, what a review tells of after, as a
            # ranked list shows them)
            hits.sort(key=self.in_review)
        result.total = len(hits)
        result.hits = hits[:limit]
        result.reading = "count"
        result.topic = f"提到“{word}”"
        return result

    def _writing_lines(self, index: SearchIndex, q: Query, word: str,
                       kinds: AbstractSet[str] | None = None) -> list[int]:
        """The entries of the documents in scope that write `word` (of these `kinds`, any by default), one
        per line (a task before the running text or a figure on the same line), in the plans' order."""
        by_line: dict[tuple[str, int], tuple[int, int]] = {}
        # (the documents in scope, in the plans' order; 大港街24年那个报告: a year names the document of that
        # year before a plan whose period holds it, as for an outline)
        order = {d: k for k, d in enumerate(self._docs(q, outline=True))}
        for i in _writing(index, word):
            e = index.entries[i]
            if e.item.doc not in order or e.kind not in _MENTION_KINDS or not index.allowed(i, q) \
                    or (kinds is not None and e.kind not in kinds):
                continue  # (a glossary entry is no line of the text)
            key = (e.item.doc, e.item.line)
            rank = _MENTION_KINDS.index(e.kind)
            if key not in by_line or rank < by_line[key][0]:
                by_line[key] = (rank, i)
        return [i for _, (_, i) in sorted(by_line.items(), key=lambda t: (order[t[0][0]], t[0][1]))]

    def written_word(self, index: SearchIndex, topic: str, listed: Sequence[Hit] = ()) -> str | None:
        """The word of a list topic every item writing which is about it: the run of its characters the
        plans write on few lines that most of the items already listed write, else the longest
        (扫黑除恶的条目汇总 → 扫黑除恶; 扬尘治理各家 → 扬尘, not 治理各), without the kind of work or aspect
        it ends with when the rest is written on more lines (扬尘管控 → 扬尘, 志愿者队伍 → 志愿者: what is done
        about a thing narrows it); None when the topic writes no such run."""
        text = normalize(topic)
        # (in the order said, so that of runs as good the first said is taken, whatever the hash order)
        runs = list(dict.fromkeys(w for size in range(MIN_WRITTEN, len(text) + 1) for k in range(len(text) - size + 1)
                                  if _CJK_RUN.fullmatch(w := text[k:k + size])))
        counted = [(lines, w) for w in runs if 0 < (lines := self._lines_writing(index, w)) <= MAX_WRITTEN_LINES]
        if not counted:
            return None
        shown = [normalize(f"{h.title} {h.text}") for h in listed]
        lines, word = max(counted, key=lambda c: (sum(c[1] in t for t in shown), len(c[1]), c[0], -text.find(c[1])))
        return self.widened(index, word, lines)

    def widened(self, index: SearchIndex, word: str, lines: int | None = None) -> str:
        """`word` without the kind of work or aspect it ends with while the rest is written on more lines,
        still few (酒店建设 → 酒店, 退役军人服务 → 退役军人: the lines taking up the thing in any way); `lines`
        is how many write `word`, when already counted."""
        lines = self._lines_writing(index, word) if lines is None else lines
        while len(bare := without_aspect(word)) >= MIN_WRITTEN and bare != word \
                and lines < (wider := self._lines_writing(index, bare)) <= MAX_WRITTEN_LINES:
            lines, word = wider, bare
        return word

    @staticmethod
    def _lines_writing(index: SearchIndex, word: str) -> int:
        """On how many lines of the plans `word` is written, counted up to one more than a specific word
        may be (a common word, 社区, is written on thousands in a large base: no need to count them all)."""
        lines: set[tuple[str, int]] = set()
        for i in index._term_users(word):
            lines.add((index.entries[i].item.doc, index.entries[i].item.line))
            if len(lines) > MAX_WRITTEN_LINES:
                break
        return len(lines)

    def in_review(self, hit: Hit) -> bool:
        """Is a hit an item under a review? (A heading is what it names, wherever it stands: 几份规划设了发展基础
        这一节 asks for the review's headings.)"""
        return getattr(hit.item, "section", None) in self.review

    def reviews(self, docs: list[str]) -> list[Section]:
        """The top review parts (一、2023年工作回顾) of these documents."""
        return [s for s in self.kb.sections if s.doc in docs and s.id in self.review
                and (s.parent is None or s.parent not in self.review)]

    def articles_in(self, section: Section) -> list[object]:
        """The passages of a part that open a numbered article (第十六条…), in document order."""
        return [p for _, p in self.items_under(section, "passage") if opened_article(p.text)]  # type: ignore[attr-defined]

    def run_of(self, index: SearchIndex, q: Query, reading: Reading, doc: str) -> list[Section]:
        """A document's parts numbered from the first to the last number of the reading's span: of the
        part the topic names, else of the document, else of the smallest part that has that many."""
        assert reading.span is not None
        lo, hi = reading.span
        named = [sec for sec in self.scopes(index, q, reading) if sec.doc == doc] if reading.topic else []
        pools = [self.numbered(self.children.get(sec.id, [])) for sec in named]
        pools.append(self.parts_of(doc))
        pools += sorted((self.numbered(kids) for sec in self.kb.sections if sec.doc == doc
                         and (kids := self.children.get(sec.id, []))), key=len)
        for parts in pools:
            numbers = [_number_of(p.number) if p.number else None for p in parts]
            if len(parts) >= hi and all(n is not None for n in numbers):
                return [p for p, n in zip(parts, numbers, strict=True) if n is not None and lo <= n <= hi]
            if len(parts) >= hi:
                return parts[lo - 1: hi]
        return []

    def own_texts(self, section: Section) -> list[str]:
        """The normalised text of each item a part holds itself (worked out once per part)."""
        if (texts := self._own_texts.get(section.id)) is None:
            texts = [normalize(getattr(it, "text", "") or "") for _, it in self.under.get(section.id, [])]
            self._own_texts[section.id] = texts
        return texts

    def subtree_text(self, section: Section) -> str:
        """The headings and the text of everything a part holds, normalised (worked out once per part)."""
        if (text := self._subtree_texts.get(section.id)) is None:
            text = "".join([normalize(section.title), *self.own_texts(section),
                            *(self.subtree_text(c) for c in self.children.get(section.id, []))])
            self._subtree_texts[section.id] = text
        return text

    def covering_part(self, q: Query, topic: str) -> Section | None:
        """The smallest part of the documents in question holding every word of a topic of several
        (海洋特色社区、物流中心这几条定位: 发展定位, whose points name them), None when the topic is
        shorter or no part but a whole document holds them all."""
        said = _things_said(normalize(topic))
        if len(said) < COVERED_WORDS:
            return None
        docs = set(self._docs(q))
        if any(all(w in text for w in said) for sec in self.kb.sections if sec.doc in docs for text in self.own_texts(sec)):
            return None  # one item says them all: the part holding it, found by what answers best
        best: tuple[int, Section] | None = None
        for sec in self.kb.sections:
            # (not a document's one top heading, over all of it)
            whole = sec.parent is None and len(self.tops.get(sec.doc, [])) == 1
            if sec.doc not in docs or whole or not all(w in (text := self.subtree_text(sec)) for w in said):
                continue
            # (科教兴区放在工作安排第几项: words its heading, or one over it, writes name the part, not things
            # said in it — 2024年工作安排 holds 科教兴区 and is not where it stands)
            titles = normalize(sec.title) + "".join(normalize(h.title) for h in self._holders(sec))
            if sum(w not in titles for w in said) >= SAID_INSIDE and (best is None or len(text) < best[0]):
                best = (len(text), sec)
        return best[1] if best else None

    def holding(self, index: SearchIndex, q: Query, reading: Reading, result: SearchResult) -> SearchResult | None:
        """The part holding the item that best answers the topic (then the item), when one answers."""
        if reading.where and (covering := self.covering_part(q, reading.topic)) is not None \
                and (h := self._hit(index, "section", self.part_holding(covering) if reading.top else covering,
                                    reading.topic)):
            # 海洋特色社区物流中心这几条定位归哪节: several things named, each said in a part of it.
            result.total, result.hits, result.reading, result.topic = 1, [h], "answer", reading.topic
            return result
        sub = topic_query(q, index.parser.core(reading.topic) or reading.topic)
        scored = index.score(sub, index.parser_required(sub))
        if not scored.inside or scored.inside[0][0] < index.ranker.answer_threshold(sub.text):
            return None
        p, i = scored.inside[0]
        if len(normalize(sub.text)) <= 2:
            # (四个表率那段排几: a topic of two characters is held by an item writing it, not one sharing a
            # character, 数据资产入表, however sure the ranker is)
            writes = _holding_words(index, sub.text)
            writing = [(pp, ii) for pp, ii in scored.inside if writes[ii]]
            if not writing:
                return None
            p, i = writing[0]
        e = index.entries[i]
        hits: list[Hit] = []
        part = self.section_of.get(e.item.section or "") if e.kind != "section" else None  # type: ignore[union-attr]
        held = part or (e.item if e.kind == "section" else None)
        if reading.top and held is not None and (top := self.part_holding(held)) is not held:  # type: ignore[arg-type]
            part = top  # 哪个大部分讲…: the part at the level asked, not the heading just above the text
        if part is not None and (h := self._hit(index, "section", part, reading.topic)):
            hits.append(h)
        hits.append(index.hit(i, p, reading.topic))
        result.total = len(hits)
        result.hits = hits
        result.reading = "answer"
        result.topic = reading.topic
        return result

    def series(self, topic: str, docs: list[str]) -> list[Section]:
        """Sibling headings of these documents that all start, or all end, with the topic's last word
        (工作安排的九个聚焦 → 聚焦服务…, 聚焦打造…; 附件那八个奋力争先 → …上奋力争先): the parallel parts a plan
        names by their shared word."""
        word = COUNTED.sub("", _COUNTED_INSIDE.split(normalize(topic).rsplit("的", 1)[-1])[-1])
        if len(word) < 2:
            return []
        allowed = set(docs)
        by_parent: dict[tuple[str, str | None, bool], list[Section]] = defaultdict(list)
        for sec in self.kb.sections:
            title = normalize(sec.title)
            # (增进民生福祉,全力打造幸福新河: the heading's last clause opens with it)
            last = _CLAUSE_CUT.split(sec.title)[-1]
            opens = title.startswith(word) or normalize(last).startswith(word)
            if sec.doc in allowed and (opens or title.endswith(word)):
                by_parent[(sec.doc, sec.parent, opens)].append(sec)
        rows = [group for group in by_parent.values() if len(group) >= MIN_SERIES]
        return [sec for group in rows for sec in group]

    def opening_series(self, word: str, docs: list[str]) -> list[Passage]:
        """Paragraphs of one part of these documents whose lead sentences all open, or all end, with the
        same word (基本要求: 坚持党的全面领导。… 坚持以人民为中心。…; 旗帜鲜明讲政治，做对党忠诚的表率。…
        尊崇法治树公信，做依法行政的表率。…): the parallel points a plan lists in running text."""
        if len(word) < 2:
            return []
        allowed = set(docs)
        by_part: dict[tuple[str, str | None, bool], list[Passage]] = defaultdict(list)
        for p in self.kb.passages:
            # (a paragraph's first passage only: a later sentence opening with the word is no new point)
            if p.doc not in allowed or p.offset != 0:
                continue
            lead = normalize(p.text.split("。", 1)[0])
            if lead.startswith(word) or lead.endswith(word):
                by_part[(p.doc, p.section, lead.startswith(word))].append(p)
        return [p for group in by_part.values() if len(group) >= MIN_SERIES for p in group]

    def series_count(self, index: SearchIndex, q: Query, word: str, result: SearchResult,
                     limit: int, past: bool = False) -> SearchResult | None:
        """几个坚持, 多少个聚焦开头的条目: the headings, else the paragraphs, of one part that open (or
        end) with the word, counted; None when no part has such a run (`past`: asked of what was done)."""
        docs = self._docs(q, past=past)
        chosen: list[tuple[str, object]] = [("section", sec) for sec in self.series(word, docs)]
        chosen = chosen or [("passage", p) for p in self.opening_series(word, docs)]
        hits = [h for kind, it in chosen if (h := self._hit(index, kind, it, word))]
        if not hits:
            return None
        result.total = len(hits)
        result.hits = hits[:limit]
        result.reading = "count"
        # (headings are counted as 章节 by the chat; paragraphs need saying what they share: the word
        # they open with, or end their lead sentence with — 做对党忠诚的表率。)
        if chosen[0][0] == "passage":
            opens = normalize(getattr(chosen[0][1], "text", "")).startswith(word)
            result.topic = f"以“{word}”{'开头' if opens else '结尾'}的段落"
        else:
            result.topic = word
        return result

    def targets_in(self, docs: Iterable[str]) -> list[Indicator]:
        """The indicators of these documents that set targets (not the figures already reached)."""
        allowed = set(docs)
        return [it for it in self.kb.indicators if it.doc in allowed and id(it) not in self.actual]

    def table_rows(self, topic: str, docs: list[str]) -> tuple[str, list[Indicator]] | None:
        """The table a topic names by a table word last (主要指标表里, 那张指标表), as said, and its rows: the
        table rows under a heading holding the words before that word, or every table's rows of these
        documents when no words are; None when the topic names no table, or no rows are found."""
        m = _TABLE_ASKED.fullmatch(normalize(topic))
        if m is None:
            return None
        words = _without_doc_word(m.group(1))
        allowed = set(docs)
        rows = [it for it in self.targets_in(docs) if it.source == "table"]
        if len(words) >= 2 and not _only_doc_words(words):
            within = {sub.id for sec in self.kb.sections if sec.doc in allowed and words in normalize(sec.title)
                      for sub in self.subtree(sec)}
            rows = [it for it in rows if it.section in within]
        return (m.group(1) + m.group(2), rows) if rows else None

    def category(self, topic: str, docs: list[str], year: int | None = None,
                 percents: tuple[str, ...] = ()) -> list[object]:
        """Indicators of these documents whose table category or attribute the topic names (生态环保类,
        约束性), or whose target (for `year`, if named) is the value it names (完成市下达任务, or one of
        `percents`: 要到100%的), inside the part it names besides (专栏1经济发展类 → the 经济发展 rows of
        专栏1)."""
        topic = normalize(topic)
        allowed = set(docs)
        indicators = self.targets_in(docs)
        # (a table writing 预期性 in some rows and 预期 in others has one attribute: 预期)
        facets = {normalize(v).removesuffix("类").removesuffix("性") for it in indicators
                  for v in (it.category, it.attribute) if v}
        # 属性写约束的: a facet said without its 性 (two characters at least) names it too.
        said: dict[str, str] = {}  # facet → how the topic says it
        for f in facets:
            forms = [form for form in (f + "性", f) if len(form) >= 2 and form in topic]
            if not forms:
                # 专栏1经济类指标, 环保这栏: a facet said by one of its words (经济发展, 生态环保) marked as a
                # class or column, when no other facet holds that word.
                forms = [w for w, _ in tagged(f) if len(w) >= 2 and w != f and not any(w in g for g in facets if g != f)
                         and (re.search(re.escape(w) + _FACET_MARK, topic)
                              or (topic.endswith(w) and _TABLE_NAMED.search(topic)))][:1]
            if len(f) >= 2 and forms:
                said[f] = forms[0]
        # 是约束性的、不是预期性的: a facet said as what the rows are not excludes them.
        denied = [f for f, form in said.items() if re.search(rf"(?:不是|不属于|而非|非){re.escape(form)}", topic)]
        named = [f for f in said if f not in denied]
        # A target in words (完成市下达任务) or a percentage said in the question: the value it sets.
        values = {v for v, docs_of in self.worded_targets.items() if v in topic and docs_of & allowed}
        valued = [v for v in values if not any(v != w and v in w for w in values)]
        numbers = [n for n in percents if n in topic]
        if not said and not valued and not numbers:
            return []
        rest = re.sub(r"不是|不属于|而非", " ", topic)
        for f in sorted([*said.values(), *valued, *numbers], key=len, reverse=True):  # (预期性 before 预期)
            rest = rest.replace(f, " ")
        # What is left names the part (专栏1) or nothing (类, 里, 是: the cue's leftovers).
        # (专栏1的14个指标中属性是约束性的: the count the question states and the facet's own name go too)
        rest = _STATED_COUNT.sub("", rest)
        rest = re.sub(r"属性|类别|指标", "", rest)
        rest = re.sub(r"[这那]一?栏|挂", "", rest)  # (环保这栏挂了几条: the column pointed at, and where rows hang)
        rest = re.sub(r"[类里中的是有了和及与、\s]", "", rest)
        # 规划专栏1: the plan's table, named after the word naming the plan
        rest = _without_doc_word(rest, keep=1)
        if len(rest) < 2 or _only_doc_words(rest):
            rest = ""  # 大港规划宜居宜业类指标: 规划 is the plan, not a part of it; 到 is no part
        within: set[str] | None = None
        if rest:
            parts = [sec for sec in self.kb.sections if sec.doc in allowed
                     and (normalize(sec.number or "") == rest or rest in normalize(sec.title))]
            if parts:
                within = {sub.id for sec in parts for sub in self.subtree(sec)}
            elif _NUMERAL.search(rest) and not numbers:
                return []  # 专栏3 names one table, and there is none
            # else 专栏, 指标表 without a number: the tables in general, not a part by name

        def sets(it: Indicator) -> bool:
            target = it.target
            if not (valued or numbers):
                return True
            if target is None or (year is not None and target.year not in (None, year)):
                return False
            value = normalize(target.value)
            return any(v == value for v in valued) or any(_sets_number(target.value, n) for n in numbers)

        def has(it: Indicator, f: str) -> bool:
            return f in normalize(it.category or "").removesuffix("类") \
                or f == normalize(it.attribute or "").removesuffix("性")

        return [it for it in indicators
                if all(has(it, f) for f in named) and not any(has(it, f) for f in denied)
                and sets(it) and (within is None or it.section in within)]

    def _pointed_then_kind(self, index: SearchIndex, q: Query, reading: Reading) -> list[Section]:
        """The parts named by the words a question says before pointing at a part (新赛道那段, 放心不下那块),
        when what follows says only what kind of things are listed (写了哪些行业: listed_kinds.txt); none
        otherwise (那块的五基都包括啥: what follows is a thing of its own)."""
        said = normalize(q.raw)
        for place in q.places:
            said = said.replace(normalize(place), "")
        m = _POINTED_THEN_MORE.search(said)
        if m is None or len(named := _without_doc_word(m.group(1))) < 2 or named == normalize(reading.topic):
            return []
        rest = _SAYING_OR_DOING.sub("", _POINTER.sub("", normalize(reading.topic).replace(named, "", 1)))
        if rest and rest not in words("listed_kinds"):
            return []
        return self.scopes(index, q, replace(reading, topic=named))

    def scopes(self, index: SearchIndex, q: Query, reading: Reading) -> list[Section]:
        """The sections whose heading the topic names (专栏1, 抓会展强配套, 幸福新河)."""
        sub = topic_query(q, reading.topic)
        fs = index.field_scores_of(sub)
        best: list[tuple[int, float, Section]] = []  # (position among the sections, score, section)
        # (讲定位和25年目标那块: the year asked was taken out of the topic; a heading naming it, 发展定位及2025年
        # 发展目标, is explained by it as by the topic's words)
        grams = fs.grams | (char_bigrams(f"{q.year}年") if q.year is not None else set())
        topic = normalize(reading.topic)
        # (一级标题: only the top parts of the documents in scope)
        tops = {p.id for d in (q.docs or self.tops) for p in self.parts_of(d)} if reading.top else set()
        numbered = set(self.by_number.get(topic, ()))  # named by its number (专栏1, 第三章)
        rows = self.section_rows
        held = np.flatnonzero((rows >= 0) & (np.asarray(fs.cov_name)[np.maximum(rows, 0)] >= SCOPE_COVERAGE))
        for k in sorted(numbered | set(held.tolist())):
            s = self.kb.sections[k]
            if (q.docs and s.doc not in q.docs) or (reading.top and not reading.where and s.id not in tops):
                continue
            if q.doc_kinds and not q.docs and (doc := self.kb.document(s.doc)) is not None and doc.kind not in q.doc_kinds:
                continue  # 两份十四五规划里营商环境分别是哪节: the five-year plans' parts, not a report's
            if k in numbered:
                best.append((k, 3.0, s))
                continue
            if q.year is not None and _names_other_year(s, q.year):
                continue  # 25年目标分成几个方面: not 二〇三五年远景目标, whose heading names another year
            i = int(rows[k])
            # Among headings holding the topic, those the topic explains best (发展环境 is the
            # heading 发展环境 more than 发展基础和发展环境).
            own = char_bigrams(index.entries[i].name)
            explained = len(own & grams) / len(own) if own else 0.0
            best.append((k, float(fs.cov_name[i]) + explained, s))
        if not best:
            # 报告工作安排: a leading word naming the document (报告, 规划) is no part of the heading.
            bare = _without_doc_word(reading.topic)
            if bare != reading.topic:
                return self.scopes(index, q, replace(reading, topic=bare))
            # (平安稳定那一大块: in the lexicon's words, 安全稳定, the words of 抓安全保稳定…)
            for said in _ways_said(index, topic):
                if (worded := self._titles_with_words(said, q.docs or set(self.tops))):
                    return worded
            if (inner := self._inside_named(index, q, reading)):
                return inner
            # (a list's topic inside a part, 名词解释里和航运有关的, is ranked: its own words choose)
            return self.headings_in(topic, q.docs or set(self.tops)) if reading.kind in ("structure", "count") else []
        if q.year is not None:
            # 新河的2025目标在规划第几块: of the headings holding the topic, one naming the year asked
            # answers, not one naming another year (2035年远景目标); undated headings stay.
            years = {s.id: set(_TITLE_YEAR.findall(arabic_years(normalize(s.title)))) for _, _, s in best}
            if any(str(q.year) in years[s.id] for _, _, s in best):
                best = [b for b in best if not years[b[2].id] or str(q.year) in years[b[2].id]]
        if len(set(q.places)) > 1 or asks_each_document(normalize(q.raw)):
            # 大港和新河规划里养老各在哪一节: each document's own best heading, not only the best one's
            doc_best: dict[str, float] = {}
            for _, c, s in best:
                doc_best[s.doc] = max(doc_best.get(s.doc, 0.0), c)
            return [s for _, c, s in best if c >= doc_best[s.doc] - 1e-9]
        top = max(c for _, c, _ in best)
        return [s for _, c, s in best if c >= top - 1e-9]

    def _titles_with_words(self, topic: str, docs: set[str] | list[str]) -> list[Section]:
        """The headings whose titles hold every word of a topic of several words, apart (法治建设 →
        持续加强法治新河建设), the shortest first; none for a topic of one word."""
        said = _words_apart(topic)
        if not said:
            return []
        found = [s for s in self.kb.sections if s.doc in docs and all(w in normalize(s.title) for w in said)]
        shortest = min((len(s.title) for s in found), default=0)
        return [s for s in found if len(s.title) == shortest]

    def part_partly_named(self, topic: str, docs: AbstractSet[str] | list[str]) -> list[Section]:
        """平安建设那部分, 党建一章里从严治党意识形态: no heading holds all of a topic's words; the part with parts
        of its own whose heading writes the first of them (and maybe more) and whose text all, the heading's words
        rarest among headings first, then the smallest; none for a topic of one word."""
        said = _things_said(_PART_POINTER.sub("", topic))
        if len(said) < 2 or _PLACEHOLDER.search(topic):  # (打造X新河: a pattern of headings, no words of one)
            return []
        titles = [normalize(s.title) for s in self.kb.sections if s.doc in docs]
        # (a word many headings write, 建设, names a part less than one few write, 平安)
        weight = {w: math.log((1 + len(titles)) / (1 + sum(w in t for t in titles))) for w in said}
        whole = "".join(said)
        best: tuple[tuple[float, bool, int], Section] | None = None
        for sec in self.kb.sections:
            if sec.doc not in docs or not self.numbered(self.children.get(sec.id, [])):
                continue
            title = normalize(sec.title)
            named = sum(weight[w] for w in said if w in title)
            # (平安建设那部分: the words naming the part come first; its heading holds the first of them)
            if said[0] not in title or not all(w in (text := self.subtree_text(sec)) for w in said):
                continue
            # (of parts whose headings say as much, one whose text says the words together, 平安建设, first)
            key = (-named, whole not in text, len(text))
            if best is None or key < best[0]:
                best = (key, sec)
        return [best[1]] if best else []

    def part_named_by_its_parts(self, topic: str, docs: AbstractSet[str] | list[str]) -> list[Section]:
        """产业招商科创园区那章, 讲海洋招商营商那部分: the part with parts of its own whose headings (or, with none,
        tasks whose titles) say most of a topic's words (at least two of them, in two parts or more) where no
        heading says them together; none when two parts say as many, or for a topic of one word."""
        said = _things_said(_PART_POINTER.sub("", topic))
        if len(said) < 2 or _PLACEHOLDER.search(topic):
            return []
        found: list[tuple[int, Section]] = []
        for sec in self.kb.sections:
            if sec.doc not in docs:
                continue
            # (教育医疗住房那部分: a part with no parts of its own is named by its tasks' titles)
            titles = [normalize(c.title) for c in self.numbered(self.children.get(sec.id, []))] or [
                normalize(it.title) for k, it in self.under.get(sec.id, []) if k == "task"]  # type: ignore[attr-defined]
            named = [w for w in said if any(w in t for t in titles)]
            # (a word each of two parts at least: one part saying them all is found by its own heading)
            if 2 * len(named) >= len(said) and len(named) >= 2 and sum(any(w in t for w in named) for t in titles) >= 2:
                found.append((len(named), sec))
        if not found:
            return []
        most = max(n for n, _ in found)
        best = [sec for n, sec in found if n == most]
        return best if len(best) == 1 else []

    def _inside_named(self, index: SearchIndex, q: Query, reading: Reading) -> list[Section]:
        """生态新河里城市环境是哪一节: the headings the words after 里 / 中 name, under the part the words
        before it name; none when either names no heading."""
        m = _INSIDE_PART.fullmatch(normalize(reading.topic))
        if m is None:
            return []
        # (规划民生篇里养老: the document's word and the word for a part are no part of the heading)
        outer = self.scopes(index, q, replace(reading, topic=_PART_NOUN_END.sub("", _without_doc_word(m.group(1)))))
        under = {sub.id for part in outer for sub in self.subtree(part)[1:]}
        inner = self.scopes(index, q, replace(reading, topic=m.group(2))) if under else []
        return [sec for sec in inner if sec.id in under]

    def headings_in(self, topic: str, docs: set[str] | list[str]) -> list[Section]:
        """Headings written whole inside a longer topic (发展定位里头要打造, 指导思想后面那几条基本要求
        都是坚持): the one said last, as a Chinese phrase ends on what it is about."""
        best: list[tuple[int, int, Section]] = []
        for s in self.kb.sections:
            title = normalize(s.title)
            if s.doc in docs and len(title) >= MIN_HEADING_IN_TOPIC and (at := topic.rfind(title)) >= 0:
                best.append((at + len(title), len(title), s))
        if not best:
            return []
        end = max((e, n) for e, n, _ in best)
        return [s for e, n, s in best if (e, n) == end]

    def _with_ranked(self, index: SearchIndex, q: Query, reading: Reading, hits: list[Hit]) -> list[Hit]:
        """A list question's structural items, then every item the ranker lists for its topic."""
        if not reading.topic:
            return hits
        # Matched as any question is: without the chat around it (都是怎么落实的, 在搞).
        topic = index.parser.core(reading.topic) or reading.topic
        sub = topic_query(q, topic, reading.wanted)
        sub.articles = q.articles  # (the reading took 第二十条 out of the topic; it still scopes the list)
        scored = index.score(sub, index.parser_required(sub))
        seen = {(h.kind, h.id) for h in hits}
        # 哪些方面 / 哪几部分 outside the outline asks what the text lists, whatever kind holds it.
        kinds = {reading.wanted, "passage"} if reading.wanted and reading.wanted != "section" else None
        floor = index.next_best_floor(sub)
        # The candidates of the kinds asked for, best first (each is listed once).
        listable = [(p, i) for p, i in scored.inside if kinds is None or index.entries[i].kind in kinds]

        def take(p: float, i: int) -> None:
            e = index.entries[i]
            hits.append(index.hit(i, p, reading.topic))
            seen.add((e.kind, e.item.id))

        # (an item holding none of the topic's words, in any field, is in scope but not about it:
        # 大港街2024年非遗有哪些活儿 lists what is about 非遗, not every task of that plan and year)
        held = _holding_words(index, topic)
        # (one that holds none but that the ranker is sure of answers a topic said in other ways or with a
        # slip; not a topic of two characters, where one shared character is all a slip would leave:
        # 表率 is no 入表)
        sure = index.ranker.answer if len(normalize(topic)) > 2 else math.inf
        for p, i in listable:
            if (index.entries[i].kind, index.entries[i].item.id) in seen:
                continue
            # Listed when probable enough to be one of the items; a short list is completed, as one
            # answer is, with the next best (有哪些限制 is often answered by one passage that lists them).
            if (scored.rank[i] >= index.ranker.listed and (held[i] or p >= sure)) \
                    or (hits and len(hits) < MIN_SHOWN and p >= floor):
                take(p, i)
        for alternative in _alternatives(q.raw, reading.topic):
            # 充电桩、充电设施; 土地入库、整备、收储: things named side by side are each listed, as
            # the whole topic's words together are in few items.
            alt = topic_query(q, alternative, reading.wanted)
            alt_scored = index.score(alt, index.parser_required(alt))
            # (each item about it: its words together, not one of them — 设施 alone is no 充电设施)
            cover = index.known_coverage(alternative)
            for p, i in alt_scored.inside:
                e = index.entries[i]
                if (kinds is None or e.kind in kinds) and (e.kind, e.item.id) not in seen \
                        and alt_scored.rank[i] >= index.ranker.listed and self._about(index, i, cover, [alternative]):
                    take(p, i)
        if not q.docs and hits:
            # Across plans (no place named): each plan's best item is listed too, when at least half
            # as probable as an item following an answer must be — one plan's wording ranks all its
            # items above the others' (realistic tune half: list recall 98 → 100 %).
            shown = {h.doc for h in hits}
            for p, i in listable:
                e = index.entries[i]
                if (e.kind, e.item.id) not in seen and e.item.doc not in shown and p >= PER_PLAN_SHARE * floor:
                    take(p, i)
                    shown.add(e.item.doc)
        if not reading.past:
            # 家庭医生签约这块哪些规划里有提: what the plans are to do first, what a review tells of after.
            hits.sort(key=self.in_review)
        return hits + self._written_too(index, q, reading, topic, hits, kinds)

    def _written_too(self, index: SearchIndex, q: Query, reading: Reading, topic: str, hits: list[Hit],
                     kinds: AbstractSet[str] | None) -> list[Hit]:
        """The lines writing a ranked list's topic word that it does not hold yet (扫黑除恶的相关条目汇总给我:
        every line writing 扫黑除恶 is about it), in the plans' order, what the plans are to do first; none
        when the ranker listed nothing (the topic is then not what the plans take up, though a word of it
        is written: 垃圾焚烧发电厂选址) unless the rest of the topic only frames it (扫黑除恶的条目汇总)."""
        word = self.written_word(index, topic, hits)
        if word is None or (not hits and not all(map(only_frame_words, normalize(topic).split(word, 1)))):
            return []
        listed = {(h.doc, line) for h in hits for line in (h.line, *(getattr(h.item, "lines", None) or ()))}
        seen = {(h.kind, h.id) for h in hits}
        score = hits[-1].score / 100.0 if hits else LISTED_SCORE / 100.0
        extra: list[Hit] = []
        for i in self._writing_lines(index, q, word, kinds):
            e = index.entries[i]
            if (e.kind, e.item.id) not in seen and (e.item.doc, e.item.line) not in listed:
                extra.append(index.hit(i, score, reading.topic))
                listed.add((e.item.doc, e.item.line))
        if not reading.past:
            extra.sort(key=self.in_review)
        return extra

    @staticmethod
    def _about(index: SearchIndex, i: int, cover: tuple[np.ndarray, ...], topics: list[str]) -> bool:
        """Is task i about the topic: named in its title or heading, the topic's words together in
        its text (教育 in 加快重塑教育优势, not 主题教育 mentioned in passing), or nearly all of them?"""
        name, context, text = cover
        if name[i] >= TOPIC_COVERAGE or context[i] >= TOPIC_COVERAGE or text[i] >= TEXT_COVERAGE:
            return True
        return any(t and t in index.entries[i].text for t in topics)

    def _target_dates(self, docs: set[str]) -> list[tuple[Indicator, dt.date]]:
        """The targets of these documents with the day each falls due: the end of its target year,
        else of its plan's year (an annual plan) or period (a five-year plan). Figures already
        reached (a work report's review, a baseline) fall due never."""
        by_file = {d.file: d for d in self.kb.documents}
        out = []
        for ind in self.kb.indicators:
            doc = by_file.get(ind.doc)
            if ind.doc not in docs or id(ind) in self.actual or doc is None:
                continue
            if doc.review_lines and doc.review_lines[0] <= ind.line <= doc.review_lines[1]:
                continue
            year = ind.target.year if ind.target and ind.target.year else (
                doc.period[1] if doc.kind == "five_year_plan" and doc.period else doc.year)
            if year:
                out.append((ind, dt.date(year, 12, 31)))
        return out

    def due(self, index: SearchIndex, q: Query, reading: Reading, today: dt.date, result: SearchResult,
            limit: int) -> SearchResult:
        """Overdue tasks, or tasks due within the horizon the question names, on a topic if given
        (targets instead of tasks when the question asks for them)."""
        from knowledge.digest.engine import due_item  # the digest engine imports the search

        # (新河街道带美丽二字的目标哪些已经逾期了: the word pointed at is the topic)
        topic = pointed_word(reading.topic)
        if not _MEASURED_IN.fullmatch(topic):
            # (网格方面逾期的规划任务: the plan the tasks are in, and the 方面 a chat leaves, are none of it;
            # 按处算的活 is read as it is said, below)
            topic = _ABOUT_TAIL.sub("", _DOC_TAIL.sub("", topic)) or topic
        reading = replace(reading, topic=topic)
        end = horizon_end(reading.horizon, today)
        if q.year is not None and reading.horizon in (None, "year"):
            end = dt.date(q.year, 12, 31)  # 2025年底前要完成的…, 去年底到期的…: the end of the year named
        docs = set(self._docs(Query(raw="", text="", docs=q.docs, doc_kinds=q.doc_kinds)))
        # 宝安第七块抓安全那些任务，年底前哪些得干完: only the items of the part the ordinal names.
        # (河北区(七)城市更新板块这个月到期的: the part numbered said as where the items are, `inside`)
        numbered = replace(reading, path=reading.path or reading.inside)
        within = self._ordinal_sections(index, q, numbered, sorted(docs)) if numbered.path else None
        if within is not None and retells(reading.topic, [self.section_of[s].title for s in within]):
            # (第七条更新改造里: words retelling the part's heading, 城市更新, describe the part; they
            # choose none of its items)
            reading = replace(reading, topic="")
        elif within is None and (retold := self._part_retold(reading.topic, sorted(docs), index)) is not None:
            # 本月到期的宝安产业增长任务: every word of the topic in one top part's heading (四、抓产业促增长…)
            # names that part; its items fall due, whatever words they write.
            within = frozenset(s.id for s in self.subtree(retold))
            reading = replace(reading, topic="")
        cover = None
        topics: list[str] = []
        if len(reading.topic) >= 2:  # (a character left over is no topic)
            cover = index.known_coverage(reading.topic)
            topics = index.lexicon.variants(reading.topic)[:4]
            # 民生和治理: about either (each part matched on its own as well).
            # (土地入库、整备、收储: the things the question names side by side, as it said them)
            parts = _alternatives(q.raw, reading.topic) or [p for p in _CONJUNCTION.split(reading.topic) if len(p) >= 2]
            if len(parts) > 1:
                for part in parts:
                    topics += index.lexicon.variants(part)[:2]
                    cover = tuple(np.maximum(a, b) for a, b in zip(cover, index.known_coverage(part), strict=True))
        numeric = is_bare_number(reading.topic)
        valued: set[int] | None = None
        if (unit := unit_measured(reading.topic)) is not None:
            # 按处算的活年底前还有哪些: what falls due and states a number of that unit (120处, 1千平方米; a
            # table row, in its unit column: 单位是亿元的).
            cover, topics = None, []
            items: list[Task | Indicator | Passage] = [*self.kb.tasks, *self.kb.indicators, *self.kb.passages]
            valued = {id(item) for item in items if _counts_in(item, unit)}
        if reading.wanted == "indicator" and not numeric and (percents := _percents(q.raw)) and (
                setting := self.category(reading.topic, sorted(docs), None, percents)):
            # 专栏里目标写100%的指标，到今年年底都得完成吧: the targets setting that value (in the part
            # named), whatever else the question says around it.
            valued = {id(it) for it in setting}
        def falling_due(due_dates: Sequence[tuple[Indicator | Task | Passage, dt.date]]) -> list[tuple[dt.date, int, bool]]:
            """(due day, entry, named) of the items among these that fall due in the period asked, on the topic."""
            window: list[tuple[dt.date, int, Indicator | Task | Passage]] = []
            for task, due in due_dates:
                if within is not None and task.section not in within:
                    continue
                days = (due - today).days
                if q.year is not None and due.year != q.year and reading.kind == "overdue":
                    continue  # 2024年逾期的任务: tasks that were due in 2024
                if reading.kind == "due" and end < today:
                    # 去年要完成的任务到期了没: a year already past; its tasks, all due by now.
                    if due.year != end.year:
                        continue
                elif (reading.kind == "overdue" and days >= 0) or (reading.kind == "due"
                                                                   and not 0 <= days <= (end - today).days):
                    continue
                kind = "passage" if isinstance(task, Passage) else reading.wanted or "task"
                i = self.position.get((kind, task.doc, task.id))
                if i is not None:
                    window.append((due, i, task))
            # 土地整备入库: a task whose text holds the topic's words nearly as well as the best one that is
            # about it (土地入库 beside 土地整备) is about it too, though it holds fewer than TEXT_COVERAGE.
            near = 0.0
            if cover is not None and window:
                best = max(float(cover[2][i]) for _, i, _ in window)
                near = NEAR_BEST * best if best >= TEXT_COVERAGE * NEAR_BEST else 0.0
            picked = []
            for due, i, task in window:
                if valued is not None:
                    if id(task) not in valued:
                        continue
                elif numeric and isinstance(task, Indicator):
                    # 要做到100%的指标: the value a target sets (not a figure elsewhere in its sentence).
                    if not (task.target and _sets_number(task.target.value, reading.topic)):
                        continue
                elif cover is not None and not self._about(index, i, cover, topics) and not (near and cover[2][i] >= near):
                    continue
                named = cover is not None and max(cover[0][i], cover[1][i]) >= TOPIC_COVERAGE
                # 写明2024年要完成的: items whose own words name the year asked for come first.
                # (its own words: a table row's values, added to what it is matched by, are none)
                said = q.year is not None and f"{q.year}年" in arabic_years(normalize(
                    own_clauses(task.name, task.text) if isinstance(task, Indicator) else task.text))
                picked.append((due, i, named or said))
            if not picked and cover is not None and not numeric and valued is None:
                # 离年底没几个月了…报告里要开工的: chat around the topic; its longest part that the items
                # falling due write (开工) is what they are asked about.
                core = _written_part(reading.topic, [index.entries[i].name + index.entries[i].text for _, i, _ in window])
                picked = [(due, i, True) for due, i, _ in window
                          if core and core in index.entries[i].name + index.entries[i].text]
            return picked

        # How much of the topic each item holds in its heading or its text (a paragraph under a heading naming
        # the topic holds it as its text would: 推进健康新河建设).
        topic_held = np.maximum(cover[1], cover[2]) if cover is not None else np.zeros(len(index.entries))
        order: dict[int, float] = {}  # (how items falling due the same day are ordered: plan order, else this)
        picked = falling_due(self._target_dates(docs) if reading.wanted == "indicator" else
                             [(t, due) for t, due in self._tasks_due(today, due_item) if t.doc in docs])
        if cover is not None and (reading.wanted != "indicator" or not picked) and not any(
                self._about(index, i, cover, topics) for _, i, _ in picked):
            # No task speaks of the topic (those picked hold only some of its words): a five-year plan's
            # running text may (its work is written as paragraphs, few typed as tasks) — on a topic only,
            # a plan's every paragraph is no list. (新河说要实现全覆盖的事哪些已经逾期: the typed task
            # holds 实现 alone, the paragraphs 实现…全覆盖; 带美丽二字的目标: no target row writes it, the
            # paragraphs setting the plan's goals do)
            written = falling_due([(p, due) for p, due in self.plan_passages_due if p.doc in docs])
            most = max((float(topic_held[i]) for _, i, _ in written), default=0.0)
            # (instead of typed tasks only when the paragraphs hold much of the topic, and more of it:
            # 中心 alone in 坚持以人民为中心 is no paragraph on 社区卫生站和中心)
            if written and (not picked or (most >= TEXT_COVERAGE * NEAR_BEST
                                           and most > max(topic_held[i] for _, i, _ in picked))):
                picked = written
                # (paragraphs share their plan's one day: those holding more of the topic come first)
                order = {i: -float(topic_held[i]) for _, i, _ in written}
        if not picked and reading.kind == "due" and reading.horizon is None and q.year is None and topics:
            # 卫生服务中心任务到期的有哪些, when every such task's day has passed: they have come due —
            # listed as overdue rather than "none due" (no window was named to hold them to).
            return self.due(index, q, replace(reading, kind="overdue"), today, result, limit)
        # Items whose title or heading names the topic (or whose text the year) first; then by date
        # (most recently overdue first, soonest due first), then those holding more of the topic (泥头车管理:
        # the tasks on 泥头车 before one on 管理 falling due the same day), then in plan order.
        # (a figure asked for, 要到100%的指标, is set by each such target alike: no words to hold more of)
        by_words = cover is not None and not numeric and valued is None

        def holds(i: int) -> float:
            return -round(float(topic_held[i]), 2) if by_words else 0.0

        # 年底前要完成的有哪些, 这个月到期的: of the items falling due the same day and holding as much of the
        # topic, those stating a completion (完成嘉华地块土地入库) before those only pushing work on (推进…加快
        # 施工): what is to be delivered by the day is what falls due on it. (Targets, asked for as such,
        # complete nothing of their own: their order stays, unless completing is what is asked.)
        completing = bool(_ASKS_COMPLETED.search(q.raw)) or reading.wanted != "indicator"

        def completes(i: int) -> tuple[bool, bool]:
            # (an item naming the topic in its own title comes first still: 年底前要完成的教育任务 lists
            # 加快重塑教育优势 before a task on science that completes something and says 教育 in passing)
            if not completing:
                return False, False
            titled = cover is not None and by_words and float(cover[0][i]) >= TOPIC_COVERAGE
            return not titled, not _STATES_COMPLETION.search(index.entries[i].text)
        picked.sort(key=lambda t: (-t[0].toordinal() if reading.kind == "overdue" else t[0].toordinal(),
                                   holds(t[1]), completes(t[1]), order.get(t[1], t[1])))
        picked.sort(key=lambda t: not t[2])
        picked = _one_passage_per_line(index, picked)
        result.reading = reading.kind  # type: ignore[assignment]
        result.topic, result.horizon = reading.topic, reading.horizon
        result.wanted = reading.wanted
        result.total = len(picked)
        result.hits = [index.hit(i, LISTED_SCORE / 100.0, reading.topic) for _, i, _ in picked[:limit]]
        return result


def _one_passage_per_line(index: SearchIndex, picked: list[tuple[dt.date, int, bool]]) -> list[tuple[dt.date, int, bool]]:
    """The items picked with one passage per line, the first (a paragraph falling due is one item, however
    many of its sentences hold the topic); typed items all stay (two tasks may share a line)."""
    seen: set[tuple[str, int]] = set()
    out = []
    for t in picked:
        e = index.entries[t[1]]
        if e.kind == "passage":
            if (e.item.doc, e.item.line) in seen:
                continue
            seen.add((e.item.doc, e.item.line))
        out.append(t)
    return out


# Where a heading's clauses meet (增进民生福祉,全力打造幸福新河).
_CLAUSE_CUT = re.compile(r"[,，;；]")


def _names_title(topic: str, title: str) -> bool:
    """Is a topic made of a title's words: its title writes TITLE_TOPIC_SHARE of the topic's characters
    (CJK) and leaves at most TITLE_TOPIC_LEFT of them unwritten?"""
    chars = [c for c in topic if "\u4e00" <= c <= "\u9fff"]
    left = sum(c not in title for c in chars)
    return bool(chars) and (len(chars) - left) / len(chars) >= TITLE_TOPIC_SHARE and left <= TITLE_TOPIC_LEFT


def _paragraph_firsts(passages: Iterable[object]) -> list[object]:
    """The first passage of each paragraph among these passages, in order."""
    firsts: dict[int, object] = {}
    for p in passages:
        firsts.setdefault(p.para, p)  # type: ignore[attr-defined]
    return list(firsts.values())


# A paragraph opening with the number of a point (1. / 2、 / 3．).
_POINT_NUMBER = re.compile(r"\s*\d{1,2}\s*[.、．]\s*(?!\d)")


def _points(firsts: list[object]) -> list[object]:
    """Paragraphs written as points (a short lead sentence, then its working out: 打造城市更新示范区。以…),
    without the paragraph that introduces them, when at least MIN_SERIES are so written."""
    # (1.规模实力显著增强。… 7.社会文化稳步推进，…: paragraphs numbered as points are the points, however
    # their lead sentence ends)
    numbered = [p for p in firsts if _POINT_NUMBER.match(getattr(p, "text", ""))]
    if MIN_SERIES <= len(numbered) < len(firsts):
        return numbered
    leads = [p for p in firsts if len(getattr(p, "text", "").split("。", 1)[0]) <= POINT_LEAD_CHARS
             and "。" in getattr(p, "text", "")]
    return leads if MIN_SERIES <= len(leads) < len(firsts) else firsts


def opened_article(text: str) -> str | None:
    """The numbered article a passage opens (第十六条…), None when it opens none."""
    m = ARTICLE.match(normalize(text[:12]))
    return m.group(0) if m else None


def topic_query(q: Query, topic: str, intent: ItemKind | None = None) -> Query:
    """The question asked of a topic alone, within the places, document kinds and year it named."""
    return Query(raw=topic, text=topic, full=topic, year=q.year, docs=q.docs, doc_kinds=q.doc_kinds, intent=intent)


# A facet said as a class or a column of a table (经济类, 环保这栏).
_FACET_MARK = r"(?:类|[这那]一?栏|栏)"
# …or said last after the table it is a column of (专栏1里环保, 规划表里生态).
_TABLE_NAMED = re.compile(r"专栏|指标表|表(?:里头|里面|里|中|上)")
# 指标表里按家统计的: the table the rows are looked in, said first.
_IN_TABLE_FIRST = re.compile(r"^(?:[那这]张)?[\u4e00-\u9fff]{0,8}?(?:指标表|专栏|表)(?:里头|里面|里|中|上)")
# A table named by a table word last, where the rows are (主要指标表里头, 那张指标表, 指标专栏): the words before it.
_TABLE_ASKED = re.compile(r"(?:[那这]张)?(.*?)(指标表格|指标表|指标专栏|专栏|表格|表)(?:里头|里面|里边|当中|里|中|上)?")
# Between things named side by side: 、 and the conjunctions (和 only where jieba reads a conjunction).
_SIDE_BY_SIDE = "、"
# Things named side by side that make a question asked of each a list (two may be one thing said twice, 充电桩、充电设施).
THINGS_NAMED = 3
# A thing named side by side has at least this many characters (整备, 收储).
MIN_ALTERNATIVE = 2


def retells(words: str, titles: list[str], least: int = 1) -> bool:
    """Do words share `least` pairs of characters in a row or more with one of these headings (更新改造 with
    聚焦推动城市更新; 打造种新河 with 全力打造生态新河, two pairs)?"""
    grams = char_bigrams(words) if len(words) >= 2 else set()
    return any(len({g for g in grams if g in title}) >= least for title in titles)


def unit_measured(topic: str) -> str | None:
    """The unit a topic names as what the items asked are counted in (按处算的 → 处, 单位是亿元 → 亿元), with no
    other words before it; None when it names none."""
    m = _MEASURED_IN.fullmatch(topic)
    if m is None or m.group(1):
        return None
    unit = m.group(2) or m.group(3) or m.group(4)
    # (按家数算: the number of 家, counted in 家)
    return unit[:-1] if len(unit) > 1 and unit.endswith("数") else unit


@functools.lru_cache(maxsize=64)
def _stated_in(unit: str) -> re.Pattern[str]:
    """A number stated in a unit (120处, 1千平方米), compiled once per unit: a due list tests every item."""
    return re.compile(rf"\d+(?:\.\d+)?[万千百亿]?{re.escape(unit)}")


def _holding_words(index: SearchIndex, topic: str) -> np.ndarray:
    """Per item, does it hold any of the topic's words (or its first lexicon rewrite's) in any field?"""
    return np.maximum.reduce(index.known_coverage(topic)) > 0


def _counts_in(item: object, unit: str) -> bool:
    """Does an item state a number in that unit: a task or passage in its text (120处), an indicator in its unit
    or its own values (not its line's other figures: 固定资产投资3.2亿元 beside 工业总产值81.11亿元)?"""
    stated = _stated_in(unit)
    if isinstance(item, Indicator):
        values = [v.value for v in (item.baseline, item.target) if v is not None]
        # (a unit with its scale, 万平方米, is counted in 平方米)
        own = normalize(item.unit or "")
        return (bool(own) and own.endswith(normalize(unit))) or any(stated.search(v) for v in values)
    return stated.search(str(getattr(item, "text", "") or "")) is not None


def _ways_said(index: SearchIndex, topic: str) -> list[str]:
    """A normalised topic as said, then in the lexicon's words for it (平安稳定 → 安全稳定), its first rewrites."""
    return [topic, *index.lexicon.variants(topic)[1:4]]


def _things_said(topic: str) -> list[str]:
    """The words of a normalised topic that name things said in a document, once each, in order: two characters or
    more, no word naming the document (规划) nor a count (四个打造)."""
    return [w for w in dict.fromkeys(w for w, _ in tagged(topic))
            if len(w) >= 2 and w not in doc_words() and not COUNTED_WORD.fullmatch(w)]


def _words_apart(topic: str) -> list[str]:
    """The words of a normalised topic of two words or more, each of two characters or more, to find apart in a
    heading (法治建设 → 法治, 建设); none for one word, or when a word of one character or a placeholder stands
    between — 打造X新河 is a phrase or a pattern, not words to find apart."""
    said = [w for w, _ in tagged(topic) if len(w) >= 2]
    return said if len(said) >= 2 and sum(map(len, said)) >= len(topic) else []


def _in_order(words: list[str], title: str, gap: int = 2) -> bool:
    """Does a heading write these words in this order, at most `gap` characters between each (产业, 增长 in
    抓产业促增长; not 空间…产业 in 抓项目拓空间，在优化产业载体上)?"""
    at = title.find(words[0])
    for prev, word in zip(words, words[1:], strict=False):
        if at < 0:
            return False
        nxt = title.find(word, at + len(prev))
        if nxt < 0 or nxt - (at + len(prev)) > gap:
            return False
        at = nxt
    return at >= 0


def _names_year(section: Section, year: int) -> bool:
    """Does a heading name the year (2024年工作安排; a year in Chinese numerals read as digits)?"""
    return str(year) in arabic_years(normalize(section.title))


def _without_listed_kind(topic: str) -> str:
    """A topic without a word for any thing listed ending it (放心不下事 → 放心不下, 民生事情 → 民生), when words are
    left; a kind that names something (重点项目, 安全工作) stays."""
    kind = next((k for k in words("listed_kinds") if topic.endswith(k) and len(topic) - len(k) >= 2
                 and (len(k) == 1 or k in words("generic_nouns"))), "")
    return topic[: len(topic) - len(kind)] if kind else topic


def _each_document_first(hits: list[Hit]) -> list[Hit]:
    """The hits with each document's first (its best or its part's first item) leading, in the order they come
    (one at least half as probable as the first: a plan that barely speaks of it follows)."""
    firsts: dict[str, Hit] = {}
    for h in hits:
        firsts.setdefault(h.doc, h)
    lead = [h for h in firsts.values() if h.score >= hits[0].score / 2]
    chosen = {id(h) for h in lead}
    return lead + [h for h in hits if id(h) not in chosen]


def _names_other_year(section: Section, year: int) -> bool:
    """Does a heading name a year, and not this one (二〇三五年远景目标 for 2025)?"""
    named = _YEAR_NAMED.findall(arabic_years(normalize(section.title)))
    return bool(named) and str(year) not in named


# A year a heading names (2024年工作安排; in Chinese numerals, read as digits first).
_YEAR_NAMED = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=年)")


# 这些, 这类, 等: after things named side by side, the words summing them up (这些环境活, 等方面).
_SUMMED_UP = re.compile(r"这些|这类|这几|那些|那几|之类|什么的|等等|等")


def things_side_by_side(raw: str, topic: str) -> list[str]:
    """The things a question names side by side inside its topic (谛听、尔语、脑海这仨模型咋解释的), when it names
    THINGS_NAMED or more: asked of each, a list; [] otherwise."""
    found = _alternatives(raw, topic)
    return found if len(found) >= THINGS_NAMED else []


def _alternatives(raw: str, topic: str) -> list[str]:
    """The things a list question names side by side inside its topic (土地入库、整备、收储 → 土地入库,
    整备, 收储), each cut to what the topic holds; [] unless there are two or more."""
    topic = normalize(topic)
    for clause in re.split(r"[，,。；;！!？?\s]+", raw):
        words = [_SIDE_BY_SIDE if tag == "c" and _CONJUNCTION.fullmatch(w) else w for w, tag in tagged(clause)]
        pieces = [normalize(p) for p in "".join(words).split(_SIDE_BY_SIDE)]
        if len(pieces) < 2:
            continue
        first = next((pieces[0][k:] for k in range(len(pieces[0])) if pieces[0][k:] in topic), "")
        # (大气、垃圾、保洁、水这些环境活: the words summing the things up after the last are none of it)
        end = _SUMMED_UP.split(pieces[-1], maxsplit=1)[0]
        last = next((end[:k] for k in range(len(end), 0, -1) if end[:k] in topic), "")
        # (宝安在大气: what the first thing is said after — a place and its 在 — is no part of it)
        opening = tagged(first)
        at = max((k + 1 for k, (_, tag) in enumerate(opening) if tag == "p"), default=0)
        first = "".join(w for w, _ in opening[at:]) or first
        # (…、水这些: a thing of one character matches too much alone; the others are still listed)
        found = [f for f in (first, *pieces[1:-1], last) if len(f) >= MIN_ALTERNATIVE]
        if len(found) >= 2 and all(f in topic for f in found):
            return found
    return []


def _percents(text: str) -> tuple[str, ...]:
    """The percentages a question says (要到100%的: 100)."""
    return tuple(re.findall(r"(\d+(?:\.\d+)?)\s*[%％]", text))


def _sets_number(value: str, number: str) -> bool:
    """Does a target's value set this number (100 in 100%, not in 1000)?"""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", value) is not None


def _written_part(topic: str, texts: list[str]) -> str:
    """The longest part of a topic (two characters or more, no word for the document) that one of
    these texts holds; "" when none does."""
    joined = "\n".join(texts)
    words = doc_words()
    for size in range(len(topic), 1, -1):
        for start in range(len(topic) - size + 1):
            part = topic[start:start + size]
            if part not in words and part in joined:
                return part
    return ""


def _only_doc_words(text: str) -> bool:
    """Is the text made only of words naming the document (规划, 工作报告, 规划纲要)?"""
    words = sorted(doc_words(), key=len, reverse=True)
    while text:
        word = next((w for w in words if text.startswith(w)), None)
        if word is None:
            return False
        text = text[len(word):]
    return True


def _without_doc_word(topic: str, keep: int = 2) -> str:
    """A topic without a leading word naming the document (报告工作安排 → 工作安排), when at least `keep`
    characters are left."""
    for word in sorted(doc_words(), key=len, reverse=True):
        if topic.startswith(word) and len(topic) - len(word) >= keep:
            return topic[len(word):]
    return topic


def _number_of(number: str) -> int | None:
    """The numeral in a section number (第三章 → 3, 三、 → 3, （二） → 2, 第3章 → 3)."""
    m = _NUMERAL.search(number)
    if not m:
        return None
    try:
        return int(cn2an.cn2an(m.group(0), "smart"))
    except ValueError:
        return None


def horizon_end(horizon: str | None, today: dt.date) -> dt.date:
    """The last day a "due" question looks at: end of this week, month, next month, year."""
    if horizon == "week":
        return today + dt.timedelta(days=6 - today.weekday())
    if horizon == "month":
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    if horizon == "next_month":
        year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    if horizon == "year":
        return dt.date(today.year, 12, 31)
    return today + dt.timedelta(days=DEFAULT_WINDOW_DAYS)
