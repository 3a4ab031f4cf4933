"""Search: a staff question in, the items of the plans that answer it out, with a calibrated score.

How a question is answered:
1. `QueryParser` takes out the year, place/document, intent and question words; `readings.read`
   tells an answer from a list, a count, a question about a document's structure or tasks by deadline;
2. candidates come from BM25 over character bigrams of names, headings and texts
   (knowledge/textindex.py, the lexicon's rewrites as weighted expansions) and from the fuzzy and
   pinyin matcher (knowledge/fuzzy.py), over every item kind and every passage;
3. a named place or year filters (it does not boost): another place's or year's item never answers,
   it is shown after a note saying that the place or year named has no answer;
4. the fitted ranker (knowledge/ranker.py) gives each candidate the probability that it answers;
   candidates are ordered by it, and thresholds on it decide answer / "did you mean" / not found
   (list membership: the ranking score's own probability).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from difflib import SequenceMatcher
from typing import Any, Literal

import numpy as np

from knowledge.answer_types import asked_types, asked_units, holds_answer, states_unit
from knowledge.contrasts import contradicts
from knowledge.coverage import Coverage
from knowledge.doc_titles import DocumentTitles, document_phrase
from knowledge.features import (
    NAMES,
    Candidate,
    FieldScores,
    add_local,
    add_relative,
    aspects_inside_words,
    explained_in_context,
    explained_whole,
    feature_row,
    field_scores,
)
from knowledge.fuzzy import (
    ASKED_FIGURE,
    MAX_SCORED_VARIANTS,
    VARIANT_PENALTY,
    FuzzyMatcher,
    _Entry,
    top_positive,
)
from knowledge.hit_text import SectionBodies, display_text, excerpt, with_following
from knowledge.homophones import Homophones
from knowledge.issue_dates import asks_issue_date, document_word, named_before
from knowledge.latin import INITIALS_WORD, InitialsReader, LatinResolver, PinyinDecoder
from knowledge.lexicon import Lexicon
from knowledge.listing import (
    ARTICLE,
    LISTED_SCORE,
    Listing,
    opened_article,
    retells,
    things_side_by_side,
    unit_measured,
)
from knowledge.marks import marks_in
from knowledge.mention_frames import mention_in_frame
from knowledge.models import Indicator, ItemKind, KnowledgeBase, Passage, Section, Task, Term
from knowledge.normalize import has_cjk, is_ascii_query, normalize, unbracket_words
from knowledge.numbers import (
    decimals_in_digits,
    in_spans,
    is_bare_number,
    large_numbers_in_digits,
    percents_in_digits,
    pluses_in_signs,
    stated_figures,
    stated_spans,
)
from knowledge.own_words import (
    dictionary_word,
    head_noun,
    named_things,
    own_focus,
    said_as_word,
    tagged,
    without_trailing_chatter,
)
from knowledge.own_words import warm as warm_words
from knowledge.pinyin_index import char_pinyin
from knowledge.purposes import asks_purpose, is_purpose_clause
from knowledge.query import CLAUSE_MARKS, CLAUSES, OVER_HERE, Query, arabic_years
from knowledge.ranker import LONG_QUESTION, Ranker
from knowledge.readings import (
    Reading,
    mention_word,
    part_pointed_at,
    part_said_inside,
    points_pointed_at,
    read,
    said_plainly,
    series_word,
    title_word,
    unbracket_span,
    unquote_part_number,
    without_asides,
)
from knowledge.table_rows import row_asked
from knowledge.terms import defined_terms, lead_term
from knowledge.textindex import BigramField, bigram_key
from knowledge.unknown_places import PLACE_KIND, UnknownPlaces, strip_place_kind
from knowledge.visions import asks_vision, states_vision
from knowledge.wordlists import alternation, words

ReadingKind = Literal["answer", "list", "count", "outline", "due", "overdue"]
# Candidates scored by the ranker per question (from BM25 and from the fuzzy matcher each).
CANDIDATES = 64
ANSWER_TYPE = NAMES.index("answer_type")
RARE_CHARS = NAMES.index("rare_chars")
STATED_FIGURE = NAMES.index("stated_figure")
ASKED_PAST = NAMES.index("asked_past")
ASKED_UNIT = NAMES.index("asked_unit")
ASKED_AHEAD = NAMES.index("asked_ahead")
# A term the question quotes (“一改”, 「反向飞地」): two to ten characters between quotation marks.
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,10})[”\"」』]")
# A Latin word or code of a question (aed, 5g, pm25): a sign some items hold as rare characters are.
_CODE_WORD = re.compile(r"(?<![a-z0-9])(?=[0-9]*[a-z])[a-z0-9]{2,}(?![a-z0-9])")
# A character of the question in at most this share of the items is rare: a candidate holding it shares
# more than chance with the question, in whatever words (老鼠蟑螂 and 灭鼠…灭蟑 share 鼠 and 蟑, no bigram).
RARE_CHAR_SHARE = 0.01
RARE_REMEMBERED = 8192  # characters whose holders an index remembers (a few thousand are ever asked)
SUGGEST_MAX_CHARS = 20
OUTLINE_SCORE = 70.0
# An answer explains more than this share of the question's characters (太空投资 is not answered by
# 固定资产投资: half of it, 太空, is about something else).
MIN_EXPLAINED = 0.5
# ... up to this many characters; from there the share needed falls to none at LONG_QUESTION, where
# a whole sentence always holds words no item repeats (河北区冬天暖气不热，供热管子今年换多少: chatter
# around 供热管). Measured on the development sets: from 6 / 8 / 9 / 10 / never: hit@1 of the
# realistic tune half 94 / 94 / 93 / 93 / 93 %, fresh7 94 / 94 / 94 / 93 / 93, fresh12 (spent) 77 / 77 /
# 77 / 77 / 75; from 6 refused one more no-answer question of fresh9, from 6 and 8 lost one of policy-fresh3.
EXPLAINED_FULL_UNTIL = 9
# 有几个社区, 多少家企业: a number of things asked, the thing last (the measure word kept).
_HOW_MANY_OF = re.compile(r"(?:几|多少)[十百千万]?(个|家|座|所|支|名|户|处)")  # (几项, 几条: items counted)
# 整改了多少项隐患: of what was done, 项, 条 and 件 count things done, not the plans' items.
_HOW_MANY_DONE = re.compile(r"(?:几|多少)[十百千万]?(个|家|座|所|支|名|户|处|项|条|件)")
# Whom the things counted are under, said before the asking (党工委下面, 街道下辖).
_UNDER = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:下面|底下|下属|下辖|所属|管辖)")
_EDGE_PARTICLES = re.compile(r"(?:吗|呢|啊|呀|了|的)+$")
# A question looking in an indicator table (专栏里写的啥, 指标表上).
_TABLE_SAID = re.compile(r"专栏|指标表|表格|表里|表中|表上")
# A document named and pointed into (规划里, 报告中): no part of what is done to things counted.
_IN_DOCUMENT = re.compile(r"(?:规划|计划|报告|纲要|方案|文件|清单)(?:里面|里|中|的)")
# Words pointing at things (那批, 这些), with the 的 before them: no part of what is done to them.
_POINTING = re.compile(r"的?[那这](?:批|些|几|个|类|种)")
# Things named as examples of a kind at a question's start (商场地铁站这些公共场所, 快递外卖等新业态).
_EXAMPLES = re.compile(r"^[\u4e00-\u9fff]{2,12}?(?:这些|这类|之类的?|等)(?=[\u4e00-\u9fff]{2})")
# Words for the parts of a document (几个方面, 几个部分): what a structure question counts, no series word.
_PART_WORD = re.compile(r"个?大?(?:方面|部分|章|节|篇|块|板块|层次)")
# A word in Latin letters as the plans write it (AED, PM2.5 → pm).
_LATIN_WORD = re.compile(r"(?<![a-z])[a-z]{2,}(?![a-z])")
# 规上企业是多少家, 社区有几个: the number of things named before the asking, at the question's end.
_HOW_MANY_AFTER = re.compile(r"(?:是|有|为|一共有|一共|总共有|总共|共有|共)?(?:几|多少)[十百千万]?(个|家|座|所|支|名|户|处)"
                             r"(?:吗|呢|啊|呀|了)*$")
# The longest run of the question before such an asking tried as the things counted.
STATED_THING_CHARS = 8
# How many of a term's items are looked at to see whether one writes it as a word (a term written inside
# other words in its first 50 items is written so in all).
WORD_CHECKED = 50
STATED_MAX = 20
# A question this long (characters to match) with everyday words is also asked as those words alone.
# A named place's best item below PARTIAL_INSIDE while another place's item reaches STATED_ELSEWHERE:
# the place's plans do not state what is asked (swept on the development sets: 0.9 / 0.5 and 0.9 / 0.6
# each gained two no-answer questions and lost nothing; 0.85 / 0.6 lost a year question, 0.7 / 0.8 lost nine).
STATED_ELSEWHERE = 0.9
PARTIAL_INSIDE = 0.5
LIKELY_ELSEWHERE = 0.6
LIKELY_INSIDE = 0.34
FOCUS_CHARS = 6
# A document named by what it is about (…的实施意见中) scopes the question: among the documents whose
# text holds at least this share of the words the best one holds (at most this many), the one that
# writes the longest run of them, of at least this many characters, more than this share of the words
# (the document's name, not one topic word of it: 国家高新技术企业数量的目标各规划) and two more than
# any other. Chosen on the policy development sets (policy-fresh–policy-fresh8): 60 scoped to the
# answer's document, none to another, 60 left unscoped.
PHRASE_NEAR, PHRASE_DOCUMENTS, PHRASE_RUN, PHRASE_SHARE = 0.85, 8, 5, 0.5
# ... and only with terms this small a share of the items use (of the bundled plans' 1,153 items:
# 孤独症 1, 诈骗 2, 全民健身 7; 补贴 11 and 收入 24 are in too many to be what a question is about).
# Chosen on the development sets: 0.5 % / 0.8 % / 1 % / 2 % / 5 % answered 44 / 45 / 45 / 46 / 46 of
# 80 everyday questions and refused 148 / 148 / 147 / 147 / 146 of 167 no-answer questions.
FOCUS_MAX_SHARE = 0.008
# A question of at least this many characters whose best candidates are all one document's is answered
# from it, when that many candidates would fall in one document by chance at most this rarely (among n
# documents, (1/n)^(k-1)): five plans need six candidates (with fewer, their no-answer questions
# concentrate on one plan by chance), 39 policies four (measured on the development sets; at least 16
# characters before, 12 or 8 answered 1 more policy question at 1 and 3 more at 3 of 1,720, 2 a bundled
# no-answer question as well).
ONE_DOCUMENT_CHARS = 12
ONE_DOCUMENT_CHANCE = 5e-4
ONE_DOCUMENT_MIN_TOP = 3
ONE_DOCUMENT_WIDER = 2  # (the lead document's share is also read among this many more best candidates)
# The clauses of a question as typed (the last one asks).
_CLAUSE_MARKS = CLAUSE_MARKS + "、 "


@dataclass
class Hit:
    """One ranked item: what it is, where it comes from, and how likely it answers (0-100)."""

    kind: ItemKind
    id: str
    doc: str
    line: int
    title: str
    score: float
    item: Indicator | Task | Section | Term | Passage
    # What the chat shows for the hit (the passage, the task text, the indicator's sentence, the
    # term's definition), at most about 300 characters; and the query's words found in it, to bold.
    text: str = ""
    marks: list[str] = field(default_factory=list)

    def as_contract(self) -> dict[str, object]:
        """The JSON shape promised by `planbot search --json`."""
        return {"kind": self.kind, "id": self.id, "doc": self.doc, "line": self.line,
                "title": self.title, "text": self.text, "score": round(self.score, 2)}


@dataclass
class HitGroup:
    """One indicator as several documents state it, best first, each hit with its own source."""

    name: str
    hits: list[Hit] = field(default_factory=list)

    @property
    def docs(self) -> list[str]:
        """The documents of the group's hits, in order."""
        return [h.doc for h in self.hits]


@dataclass
class SearchResult:
    """Hits best first (empty = not found), "did you mean" suggestions, and what the query asked."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    # Indicators with the same name in several documents, for side-by-side answers.
    groups: list[HitGroup] = field(default_factory=list)
    intent: ItemKind | None = None
    year: int | None = None
    docs: list[str] = field(default_factory=list)
    text: str = ""
    # How the question was read: one answer, a list of items (有哪些), a count (有几项), a
    # document's outline, or the due / overdue tasks (逾期的…, 本月到期的…).
    reading: ReadingKind = "answer"
    # For a list or count: how many items match (the hits may be fewer, cut at the limit).
    total: int = 0
    # Said first when the place or year named has no answer (新河街道的规划没有给出…的具体数值).
    note: str = ""
    # Other places' or years' items, shown after the note and labelled as such; never answers.
    others: list[Hit] = field(default_factory=list)
    # What a list, count or due / overdue reading is about (教育), and for due readings the period
    # named (week, month, next_month, year; None: the default window), as knowledge.readings read them.
    topic: str = ""
    horizon: str | None = None
    # The item kind a list or due reading asked for (due targets are indicators, not tasks).
    wanted: ItemKind | None = None


@dataclass
class Scored:
    """The ranker's view of one question: candidates in scope and out of it, best first."""

    inside: list[tuple[float, int]]
    outside: list[tuple[float, int]]
    # Items that contradict the question (外资 for 内资): never answers, possibly suggestions.
    vetoed: list[tuple[float, int]] = field(default_factory=list)
    # The ranking probability of each candidate: what decides membership of a list.
    rank: dict[int, float] = field(default_factory=dict)


@functools.lru_cache(maxsize=256)
def _types_asked(raw: str) -> tuple[str, ...]:
    """The answer types a question as typed expects (多少 → number; asked once per candidate: remembered)."""
    return asked_types(normalize(raw))


_OVER_HERE = re.compile(f"^{OVER_HERE}")


# The kinds of document that are plans of work, titled by place, year and kind (not named by what they
# are about).
_WORK_PLANS = frozenset({"five_year_plan", "annual_plan", "work_report", "task_list"})


def _first_word(term: str) -> str:
    """The first word of a term of two (托育服务 → 托育) when the second says what is done with it
    (knowledge/data/activity_heads.txt: 服务, 管理; not 药品零售, whose 药品 is no 零售药店); empty otherwise."""
    parts = tagged(term)
    return parts[0][0] if len(parts) == 2 and len(parts[0][0]) >= 2 and parts[1][0] in words("activity_heads") else ""


# 属性只标了预期的指标: a question ending on the indicators it describes.
_INDICATORS_NAMED = re.compile(r"的指标$")


class SearchIndex:
    """An in-memory index over one knowledge base; the lexicon is read at query time."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None, ranker: Ranker | None = None) -> None:
        self.kb = kb
        self.fuzzy = FuzzyMatcher(kb, lexicon)
        self.lexicon = self.fuzzy.lexicon
        self.parser = self.fuzzy.parser
        self.entries: list[_Entry] = self.fuzzy.entries
        self.ranker = ranker or Ranker.load()
        self.name_field = BigramField(self.fuzzy.names)
        self.context_field = BigramField(self.fuzzy.contexts)
        self.text_field = BigramField(self.fuzzy.texts)
        actual_ids = {id(a) for a in kb.actuals}
        self.candidates = [Candidate(kind=e.kind, name=e.name, text=e.text, actual=id(e.item) in actual_ids,
                                     years=e.value_years, period=e.period, doc_kind=e.doc_kind,
                                     context=e.context)
                           for e in self.entries]
        self.listing = Listing(kb, self.entries)
        self._latin: tuple[int, LatinResolver] | None = None
        self._doc_number = {d.file: k for k, d in enumerate(kb.documents)}
        self._entry_doc = np.array([self._doc_number.get(e.item.doc, -1) for e in self.entries], dtype=np.int64)
        # How many best candidates of one document are agreement, not chance (ONE_DOCUMENT_CHANCE).
        self._one_document_top = one_document_top(len(self._doc_number))
        # Each document's share of the entries: the chance that a candidate drawn at random is its (a
        # large plan's items lead a question's candidates more often than a short notice's).
        held = np.bincount(self._entry_doc[self._entry_doc >= 0], minlength=len(self._doc_number))
        self._doc_share = held / max(1, int(held.sum()))
        # Passages of a forwarding notice (现印发给你们): no answer but to a question about the document.
        formula = re.compile(alternation("notice_formulas"))
        self._formula = np.array([e.kind == "passage" and formula.search(e.text) is not None for e in self.entries])
        self.coverage = Coverage(self.entries, (self.name_field, self.context_field, self.text_field),
                                 self._entry_doc, len(self._doc_number))
        self.places = UnknownPlaces(kb, self.parser)
        self.section_bodies = SectionBodies(kb)
        # A passage stating no year of its own is of the years its paragraph's figures are for (a
        # five-year plan's review of the period before: 十三五期间…累计发放救助资金).
        years_at: dict[tuple[str, int], set[int]] = {}
        for e in self.entries:
            if e.value_years and e.kind == "indicator":
                years_at.setdefault((e.item.doc, e.item.line), set()).update(e.value_years)
        self._line_years = {i: frozenset(years_at[(e.item.doc, e.item.line)]) for i, e in enumerate(self.entries)
                            if e.kind == "passage" and not e.value_years and (e.item.doc, e.item.line) in years_at}
        # Entries in a part that looks back (2023年工作回顾, 发展基础): what was done, no answer to what is to come.
        self._looking_back = np.array([_part_of(e) in self.listing.review for e in self.entries], dtype=bool)
        # What a five-year plan's review part (发展基础, 十三五时期发展成就) tells of is the period before its
        # own: 十三五期间构建了几级应急指挥体系 is answered there, not ruled out by the plan's 十四五.
        docs_by_file = {d.file: d for d in kb.documents}
        self._period_of: dict[int, tuple[int, int]] = {}
        for i in np.flatnonzero(self._looking_back).tolist():
            doc = docs_by_file.get(self.entries[i].item.doc)
            if doc is not None and doc.kind == "five_year_plan" and doc.period:
                start, end = doc.period
                self._period_of[i] = (2 * start - end - 1, start - 1)
        self._review_periods = frozenset(self._period_of.values())
        # Document titles with their years in digits (二〇三五年远景目标 → 2035年远景目标).
        self._title_years = [arabic_years(d.title) for d in kb.documents]
        self._value_years: frozenset[int] | None = None  # every year a figure is given for (read on first use)
        # (the words a question's signals depend on, and its focus) → its signals, for the last question
        self._last: tuple[tuple[tuple[str, str, str, int], str], tuple[Any, ...]] | None = None
        self._article_of: dict[int, str] | None = None  # passage → the article it is part of (built on first use)
        self._article_names: set[str] = set()
        self._homophones: Homophones | None = None
        self._plan_chars: frozenset[str] | None = None
        self._term_items: dict[str, list[int]] = {}
        self._as_word: dict[str, bool] = {}  # (whether some item writes a term as a word: asked per question)
        self._purposes: dict[str, int] | None = None  # document → its purpose clause (built on first use)
        self._heading_titles: str | None = None  # every heading, one per line (built on first use)
        self._rare: dict[str, np.ndarray | None] = {}  # character → the entries holding it, when rare
        self._figures: dict[int, frozenset[float]] = {}  # entry → the figures its item states

    def warm(self) -> SearchIndex:
        """Build the lazily built parts now (pinyin), so the first pinyin query is not slow."""
        self.fuzzy.warm()
        self.homophones()
        warm_words()
        return self

    def parse(self, query: str, today: dt.date | None = None) -> Query:
        """The query taken apart (text, year, documents, kinds, intent)."""
        return self.parser.parse(query, today.year if today else None)

    # -- scoring ------------------------------------------------------------------------------
    def _signals(self, q: Query) -> tuple[list[str], FieldScores, dict[int, float], dict[int, float]]:
        """The query's variants, field scores and fuzzy matches (kept for the last query asked)."""
        asked = (q.raw, q.text, q.full, self.lexicon.version)  # what the name matches depend on
        key = (asked, q.focus)
        last = self._last  # one read: another thread may replace it (the tuple is swapped whole)
        if last is not None and last[0] == key:
            return last[1]
        variants = self.lexicon.variants(q.text)[:MAX_SCORED_VARIANTS] if q.text else []
        # 门求赛 → 门球赛: a same-sound slip of the input method, matched as the plans write it.
        fixed = self.homophones().repair(q.text) if q.text else None
        if fixed and fixed not in variants:
            variants.insert(1, fixed)
        # 税收总额 / 企业总数: the figure asked for, not part of the name (全口径税收).
        bare = ASKED_FIGURE.sub("", q.text)
        if len(bare) >= 2 and bare not in variants:
            variants.insert(1, bare)
        # 老人老接到骗子电话，街道有啥动作: an everyday question's subject is its everyday words, in the
        # plans' terms; the rest tells of the asker (家里, 老接到), and no item repeats it.
        if q.focus and q.focus not in variants:
            variants.insert(1, q.focus)
        if q.full and q.full not in variants:
            variants.append(q.full)
        if q.year is not None and q.text and len(variants) < 4:
            # 2035年新河街远景目标: a heading or name that writes the year (2035年远景目标) is matched
            # with it, as the question said it.
            variants.append(f"{q.year}年{q.text}")
        fs = field_scores(variants[:4], self.name_field, self.context_field, self.text_field, VARIANT_PENALTY)
        if q.focus and last is not None and last[0][0] == asked:
            fuzzy, fuzzy_name = last[1][2:]  # the same question asked again with its focus: the same names
        else:
            fuzzy, fuzzy_name = self.fuzzy.match_fields(q)
        signals = (variants, fs, fuzzy, fuzzy_name)
        self._last = (key, signals)
        return signals

    def features(self, q: Query, extra: list[int] | None = None,
                 only: list[int] | None = None) -> tuple[list[int], np.ndarray]:
        """Candidate entry numbers for a parsed query and their feature matrix (for fitting too);
        `only`: just these entries."""
        variants, fs, fuzzy, fuzzy_name = self._signals(q)
        if only is not None:
            idx = sorted(set(only))
        else:
            pre = fs.cov_name + 0.5 * fs.cov_context + fs.cov_text + fs.bm25_text
            chosen = set(top_positive(pre, CANDIDATES).tolist())
            chosen.update(sorted(fuzzy, key=lambda i: -fuzzy[i])[:CANDIDATES])
            if q.docs:
                # The place's own plans compete among themselves: many plans' items with the same
                # words must not crowd theirs out of the candidates.
                own = np.isin(self._entry_doc, [self._doc_number[d] for d in q.docs if d in self._doc_number])
                chosen.update(top_positive(np.where(own, pre, 0.0), CANDIDATES).tolist())
                chosen.update(sorted((i for i in fuzzy if own[i]), key=lambda i: -fuzzy[i])[:CANDIDATES])
            chosen.update(extra or [])
            idx = sorted(chosen)
        ascii_query = is_ascii_query(q.raw)
        window = self.coverage.window(variants[0] if variants else "", idx, fs)
        docs = self.coverage.documents(variants[0] if variants else "")
        rows = [feature_row(self.candidates[i], i, fs, fuzzy.get(i, 0.0), fuzzy_name.get(i, 0.0), q, variants,
                            ascii_query, window[k], float(docs[self._entry_doc[i]]) if self._entry_doc[i] >= 0 else 0.0)
                for k, i in enumerate(idx)]
        x = add_relative(np.array(rows, dtype=np.float64).reshape(len(idx), len(NAMES)))
        texts = [self.entries[i].name + self.entries[i].text for i in idx]
        # 管理费最多一次收多少年: a text holding a number answers it rather than one naming the fee.
        x[:, ANSWER_TYPE] = holds_answer(_types_asked(q.raw), texts)
        x[:, RARE_CHARS] = self.rare_chars(variants[0] if variants else "", idx)
        if units := asked_units(normalize(q.raw)):
            # 那片有几平方公里, 一年要开多少场招商会: a text stating no figure in the unit asked (21平方公里)
            # answers it less (−1; those that do keep their score, and what none answers stays unanswered).
            # (a table row states its figures in its unit column: 国家高新技术企业数量 … 50, in 家)
            in_unit = [float(any(u in str(getattr(self.entries[i].item, "unit", "") or "") for u in units)) for i in idx]
            x[:, ASKED_UNIT] = np.maximum(states_unit(units, texts), in_unit) - 1.0
        figures, spans = stated_figures(q.raw), stated_spans(q.raw)
        if figures or spans:
            # 新河街道累计新增就业一万人对不对: the item stating that figure (10000) is the one checked;
            # 就业新增了1点几万人: one stating a figure in the span recalled (1.65万)
            x[:, STATED_FIGURE] = [float(_states(self._figures_of(i), figures, spans)) for i in idx]
        if q.past:
            # 河北区华为生态企业有几家了: what was done is told by a review (or a figure reached), not by
            # what a plan sets out to do (1 for an item looking back; a document with no review, a policy,
            # has all its candidates at 0, as before).
            x[:, ASKED_PAST] = [float(self.candidates[i].actual or self._looking_back[i]) for i in idx]
        elif _asks_planned(q.raw):
            # 远洋大厦二期有啥安排: what a plan sets out to do, not what a review reports of it (−1 for an
            # item looking back; the plan's own items keep their score).
            x[:, ASKED_AHEAD] = [-float(self.candidates[i].actual or self._looking_back[i]) for i in idx]
        return idx, add_local(x, texts, [int(self._entry_doc[i]) for i in idx], fs.grams)

    def _figures_of(self, i: int) -> frozenset[float]:
        """The figures entry i's item states, in its own text and values (remembered per entry)."""
        found = self._figures.get(i)
        if found is None:
            item = self.entries[i].item
            # An indicator with values states those: its line's other figures are its neighbours'
            # (地区生产总值增长4.5%左右, …固定资产投资实现正增长: only the first states 4.5%).
            # (a bare number is read in the indicator's unit: 1.65 万人 is 16500)
            unit = str(getattr(item, "unit", "") or "")
            values = [v + unit if is_bare_number(v) else v for v in _values_of(item)]
            found = stated_figures(" ".join(values) if values else str(getattr(item, "text", "") or ""))
            self._figures[i] = found
        return found

    def rare_chars(self, text: str, idx: list[int]) -> np.ndarray:
        """Each candidate's share of the question's rare characters (in few items), weighted by how
        rare: the evidence, beyond bigrams, that an item speaks of what a question in other words
        names (小区老鼠蟑螂多 → 灭鼠、灭蟑)."""
        out = np.zeros(len(idx))
        n = len(self.entries)
        total = 0.0
        rows = np.asarray(idx, dtype=np.int64)
        # (a Latin word, AED, or a code, 5G, is one such sign: its letters alone are in every other item)
        for ch in {c for c in text if "\u4e00" <= c <= "\u9fff"} | set(_CODE_WORD.findall(text)):
            holders = self._rare_holders(ch)
            if holders is None:
                continue
            weight = math.log(n / len(holders))
            total += weight
            out += weight * np.isin(rows, holders)
        return out / total if total else out

    def _rare_holders(self, ch: str) -> np.ndarray | None:
        """The entries holding a rare character (None when it is in none or in too many); remembered,
        as a large base's common characters are each in tens of thousands of entries."""
        if ch in self._rare:
            return self._rare[ch]
        found = np.union1d(self.fuzzy.text_chars.holding(ch), self.fuzzy.name_index.holding(ch))
        if len(ch) > 1:  # (the items holding all of a word's letters, not the word)
            found = np.asarray([i for i in found.tolist() if ch in self.entries[i].name or ch in self.entries[i].text],
                               dtype=np.int64)
        holders = found if 0 < len(found) <= RARE_CHAR_SHARE * len(self.entries) else None
        if len(self._rare) < RARE_REMEMBERED:
            self._rare[ch] = holders
        return holders

    def field_scores_of(self, q: Query) -> FieldScores:
        """Coverage and BM25 of a query's lexicon variants on every item's fields."""
        variants = self.lexicon.variants(q.text)[:4] if q.text else []
        return field_scores(variants, self.name_field, self.context_field, self.text_field, VARIANT_PENALTY)

    def known_coverage(self, topic: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per item, a topic's coverage of its name, heading and text on the bigrams the plans hold
        (best of the topic's first lexicon variants; see Coverage.known)."""
        return self.coverage.known(self.lexicon.variants(topic)[:2] if topic else [])

    def classify(self, q: Query, idx: list[int], x: np.ndarray,
                 required: list[str] | None = None) -> tuple[list[int], list[int], list[int]]:
        """Rows of the candidates that may answer, that belong to another place or year, and that
        contradict the question or explain less than half of it (never answers)."""
        inside: list[int] = []
        outside: list[int] = []
        vetoed: list[int] = []
        explained = x[:, NAMES.index("explained")].copy() if len(idx) else np.zeros(0)
        if is_ascii_query(q.raw) or len(q.text) >= LONG_QUESTION:
            # Pinyin letters are explained by the pinyin match; a whole sentence always holds words
            # no item repeats (领导问, 怎么写的): the ranker weighs how much of it an item explains.
            explained = np.ones(len(idx))
        variants, fs = self._signals(q)[:2]
        # 我们社区正在申请建…，规划里打算在多少个社区建…: in a whole sentence, what the asker tells of
        # themselves comes first; a procedure word there (申请, 材料) is not what they ask.
        # (…，汇报材料里要写清楚: a last clause telling what the answer is for is not the asking one)
        asked = normalize(CLAUSES.split(self.parser.without_asker(q.raw).strip(_CLAUSE_MARKS))[-1]) \
            if len(q.text) >= LONG_QUESTION else None
        need = min_explained(len(q.text))
        whole = aspects_inside_words(variants)
        # (read only when a forwarding notice is among the candidates)
        about_document = bool(self._formula[idx].any()) and DocumentTitles.about_document(normalize(q.raw))
        for k, i in enumerate(idx):
            e = self.entries[i]
            if whole and explained[k] <= need:
                explained[k] = max(explained[k], explained_whole(self.candidates[i], variants))
            if explained[k] <= need and e.context and any(g in e.context for g in fs.grams):
                explained[k] = explained_in_context(self.candidates[i], variants)
            if contradicts(q.text, e.name, e.text, asked) or explained[k] <= need \
                    or (self._formula[i] and not about_document):
                vetoed.append(k)
            elif required and not any(r in e.name + e.text for r in required) and not self.places.may_be_in(
                    e.item.doc, required):
                outside.append(k)
            elif q.articles and not self.in_article(i, q.articles):
                outside.append(k)  # 第二十条中提到的…: that article's text, not the closest one's
            elif q.parts and _part_of(e) not in q.parts:
                outside.append(k)  # 通知的第二项要求…: that part's items (and the part itself)
            elif self.allowed(i, q):
                inside.append(k)
            else:
                outside.append(k)
        return inside, outside, vetoed

    def score(self, q: Query, required: list[str] | None = None, extra: list[int] | None = None,
              only: list[int] | None = None) -> Scored:
        """Every candidate's probability (with `extra` entries among the candidates, or just the entries
        `only`), split by the question's place and year constraints; each group is calibrated among its
        own candidates."""
        idx, x = self.features(q, extra, only)
        groups = self.classify(q, idx, x, required)
        out: list[list[tuple[float, int]]] = []
        rank: dict[int, float] = {}
        for rows in groups:
            sub = x[rows]
            probs = self.ranker.probability(sub).tolist() if rows else []
            ranked = self.ranker.rank_probability(sub).tolist() if rows else []
            members = [idx[k] for k in rows]
            rank.update(zip(members, ranked, strict=True))
            # Ordered by the calibrated probability that each answers: it weighs a candidate's margin
            # over the others and the evidence of an answer besides its ranking score (ties by that
            # score). Policy development hit@1 1133 → 1143, bundled right 1918 → 1922.
            out.append(sorted(zip(probs, members, strict=True), key=lambda t: (-t[0], -rank[t[1]], t[1])))
        return Scored(out[0], out[1], out[2], rank)

    def allowed(self, i: int, q: Query) -> bool:
        """Does entry i satisfy the place and year the question names?"""
        e = self.entries[i]
        if q.docs and e.item.doc not in q.docs:
            return False
        if (self.candidates[i].actual or self._looking_back[i]) and _asks_ahead(q.raw):
            # 燃气户内设施还没改，后面还弄吗, 双万双服活动后面打算怎么推进: what is to come, not the figure
            # or the paragraph a review reports
            return False
        if q.year is None and q.period and e.kind == "indicator" and _only_baseline_in(e, q.period[1]):
            return False  # 十三五那几年固投加起来多少: a later plan's starting value (2020) is no figure of the period
        if q.year is None and q.period and not _in_period(e.value_years or self._line_years.get(i, frozenset()),
                                                          self._period_of.get(i, e.period), q.period[1]):
            return False  # 十三五…累计多少: the figures of that period (a later plan's review), not its targets
        if q.year is not None and e.kind == "indicator" and e.value_years:
            # A figure of another year is not the answer, however close its name.
            return q.year in e.value_years
        if q.year is not None and e.kind != "indicator" and str(q.year) in e.name + e.context + e.text:
            return True  # running text or a heading that names the year (2035年远景目标)
        if q.year is not None and e.kind == "passage":
            # Running text speaks for its document's own year; a five-year plan's paragraph that does
            # not name the year is not about that year — unless it reviews the period ending that year
            # (十三五末出没出过市访京访: the 十四五 plan's review tells where 十三五 ended, in 2020; not of
            # 2017, a year inside it).
            looked_back = self._period_of.get(i) if self._looking_back[i] else None
            return q.year in e.value_years or bool(looked_back and looked_back[1] == q.year)
        if q.year is not None and e.value_years and q.year not in e.value_years:
            if "number" in _types_asked(q.raw) or ASKED_FIGURE.search(q.text):
                # 新河街2024年固定资产投资预计多少: a figure for 2025 is no figure of 2024 (nor 22年新增就业人数: a
                # figure named by its noun, 人数, is asked as 多少 asks it)
                return False
            return bool(e.period and e.period[0] <= q.year <= e.period[1])
        if q.year is not None and not e.value_years and e.period:
            return e.period[0] <= q.year <= e.period[1]
        return True

    def year_covered(self, year: int) -> bool:
        """Does any plan speak of this year (its own year, its period, a figure for it)?"""
        for d in self.kb.documents:
            if d.year == year or (d.period and d.period[0] <= year <= d.period[1]):
                return True
        if self._value_years is None:
            self._value_years = frozenset(y for e in self.entries for y in e.value_years)
        if year in self._value_years:
            return True
        # (a five-year plan's review speaks of the period before its own)
        if any(start <= year <= end for start, end in self._review_periods):
            return True
        return any(str(year) in d for d in self._title_years)

    # -- results ------------------------------------------------------------------------------
    def hit(self, i: int, prob: float, q_text: str = "") -> Hit:
        """The hit of entry i with its display text and the query's words in it."""
        e = self.entries[i]
        # The question in the plans' words as well (电瓶车 → 电动自行车): the text is cut, and words are
        # bolded, where the plans say what was asked.
        variants = self.lexicon.variants(q_text)[:2] if q_text else []  # the lexicon keeps them
        q_text = " ".join(variants) if len(variants) > 1 else q_text
        text = excerpt(display_text(self.kb, e.item, self.section_bodies), q_text)
        paragraph = self.coverage.paragraph_of.get(i)
        if paragraph is not None:
            members, k = paragraph
            # The sentences after it in its paragraph, then in the next paragraph of its section (a
            # rule's conditions often follow in their own paragraph), as far as a hit's text may go.
            after = [self.entries[j].item.text for j in members[k + 1:]]  # type: ignore[union-attr]
            following = self.coverage.paragraphs.get((e.item.doc, e.item.para + 1), [])  # type: ignore[union-attr]
            if following and self.entries[following[0]].item.section == e.item.section:  # type: ignore[union-attr]
                after += [self.entries[j].item.text for j in following]  # type: ignore[union-attr]
            text = with_following(text, after)
        return self._hit_of(i, prob, text, marks_in(q_text, text))

    def asked(self, q: Query) -> str:
        """What a question asks, for its reading: the text with the places it names taken out (a
        bare 大港 is kept in `full` for matching names like 大港高教园区, not for reading 有几章)."""
        text = q.full or q.text
        for place in q.places:
            k = text.find(place)
            # (幸福新河下面有几条: the place is part of a heading's name, 全力打造幸福新河; “文化新河”排在新河规划
            # 的第几块: the place is said again, naming the document)
            while k >= 0 and self._heading_phrase(text, k, k + len(place)):
                k = text.find(place, k + 1)
            if k < 0 or not text.replace(place, "", 1):
                continue
            text = text[:k] + _OVER_HERE.sub("", text[k + len(place):], count=1)
        # (大港和新河规划里…: the word joining two places named goes with them)
        return re.sub(r"^[和与及、]", "", text) if len(q.places) > 1 else text

    def _heading_phrase(self, text: str, start: int, end: int) -> bool:
        """Is the place at text[start:end] the end of a phrase a heading writes (幸福新河, 生态新河: the
        words before it and the place, as one name)?"""
        return start >= 2 and text[start - 2:end] in self._titles()

    def _titles(self) -> str:
        """Every heading, normalised, one per line, with a line break before the first and after the last (built
        on first use)."""
        if self._heading_titles is None:
            self._heading_titles = "\n" + "\n".join(normalize(s.title) for s in self.kb.sections) + "\n"
        return self._heading_titles

    def _parts_named(self, q: Query, asked: str) -> list[Section]:
        """The parts a question asks inside: one pointed at by its heading's words (主要目标那段，…), or one whose
        heading is said whole before 里 / 中 (主要目标里基本建成的年份); none otherwise."""
        if (named := part_pointed_at(asked)) \
                and (parts := self.listing.scopes(self, q, Reading(kind="structure", topic=named, parts=False))):
            return parts
        # (the words before 里 must be a heading as written: looked up before the headings are scored)
        if (named := part_said_inside(asked)) and f"\n{named}\n" in self._titles():
            return [p for p in self.listing.scopes(self, q, Reading(kind="structure", topic=named, parts=False))
                    if normalize(p.title) == named]
        return []

    def latin(self) -> LatinResolver:
        """Pinyin of names and places → characters, for questions mixing both (built on first use)."""
        if self._latin is None or self._latin[0] != self.lexicon.version:
            full, initials = self.fuzzy.pinyin_forms()
            names = [(e.name, full[k], initials[k]) for k, e in enumerate(self.entries)
                     if e.kind != "passage" and e.name]
            # Words the lexicon knows in letters (gdp), and those the plans write in letters (AED, xx):
            # typed as written, not pinyin.
            keep = [e.short for e in self.lexicon.entries() if e.short.isascii()] + self._latin_words()
            decoder = PinyinDecoder(self._chars(), self._pair_weight, dictionary_word)
            reader = InitialsReader(decoder.by_syllable, lambda: "\n".join(
                dict.fromkeys(t for e in self.entries for t in (e.name, e.text) if t)))
            self._latin = (self.lexicon.version,
                           LatinResolver(names, list(self.parser.strong) + list(self.parser.weak), keep, decoder,
                                         reader, lambda run: bool(self._term_users(run))))
        return self._latin[1]

    def _read_as_written(self, resolved: str) -> bool:
        """Is a question in letters now, in characters, one word no name explains that the plans write as it
        is read (bodaliusuan → 渤大硫酸, a company in a paragraph: no item is named so for the pinyin index)?"""
        word = resolved.strip()
        return bool(word) and has_cjk(word) and not re.search(r"[A-Za-z\s]", word) \
            and len(word) >= READ_WORD_CHARS and bool(self._term_users(word))

    def _latin_words(self) -> list[str]:
        """The words of two or more Latin letters the plans' names and texts write (aed, pm)."""
        return sorted({w for e in self.entries for t in (e.name, e.text) for w in _LATIN_WORD.findall(t.lower())})

    def homophones(self) -> Homophones:
        """The plans' characters by sound, for same-sound slips (built on first use)."""
        if self._homophones is None:
            # (a run of three is looked up among the items holding its characters: no copy of the texts)
            self._homophones = Homophones(self._chars(), lambda pair: self._pair_weight(pair) is not None,
                                          lambda run: bool(self._term_users(run)))
        return self._homophones

    def _chars(self) -> frozenset[str]:
        """Every character of the plans' texts and names (computed once: a pass over every text)."""
        if self._plan_chars is None:
            self._plan_chars = frozenset("".join(e.text for e in self.entries)) | frozenset(
                "".join(e.name for e in self.entries))
        return self._plan_chars

    def _pair_weight(self, pair: str) -> float | None:
        """Minus the idf of a character pair in the plans' texts or names (None: written nowhere)."""
        key = bigram_key(pair)
        idf = self.text_field.idf_of.get(key)
        if idf is None:
            idf = self.name_field.idf_of.get(key)
        return None if idf is None else -idf

    def search(self, query: str, limit: int = 10, today: dt.date | None = None) -> SearchResult:
        """The items answering `query`, best first; empty when the plans do not say."""
        return self._search(query, limit, today)

    def _search(self, query: str, limit: int, today: dt.date | None, reread: bool = False) -> SearchResult:
        """search(), `reread`: the question is already read with its same-sound slips swapped back."""
        if re.search(r"[A-Za-z]{2}", query):
            # 新河街 kqylts bl 目标, xinhejie xiaofang tiyanguan: the pinyin words in characters, then
            # read as any question; a question all in letters only when most of its words are read
            # (else the pinyin matcher takes it as it is).
            resolved = self.latin().resolve(query)
            if has_cjk(query) or _mostly_read(query, resolved) or self._read_as_written(resolved):
                query = resolved
            elif head := _read_head(resolved):
                query = head  # xinhejie xiaoxia wanhui hai ban bu ban: what is asked about comes first
        # (百分之百 → 100%, 一万人 → 1万人, 六点五 → 6.5: the plans write percentages and numbers in digits)
        said = unbracket_words(unbracket_span(unquote_part_number(large_numbers_in_digits(percents_in_digits(
            decimals_in_digits(pluses_in_signs(query)))))))
        q = self.parse(said, today)
        required = self.parser_required(q)
        # (宝安那个街道: a place a plan's text writes as one (宝安区) is that plan's; nothing to repair)
        if required and not all(self.places.has_plan(r) for r in required):
            # 新和街消防体验管…, 饮冰市书斋…: a place no plan is about, or a same-sound slip of a place
            # or a name the plans write (新河街, 饮冰室)? Read without the slip, it names none.
            said = normalize(said)
            fixed = self._place_sounded(said, required[0]) or self.homophones().repair(said)
            # (洪顺里街 → 鸿顺里街: still a place no plan is about, but one the plans write)
            repaired = self.parse(fixed, today) if fixed else None
            # (a repair that leaves the place as it was said, 帮我调一下古林街道 → 调以下古林街道, repairs
            # nothing of it)
            still = self.parser_required(repaired) if repaired else []
            if repaired and fixed and required[0] not in fixed \
                    and all(self.places.written(r) or self.places.has_plan(r) for r in still) \
                    and (still or repaired.docs or self._repair_written(said, fixed)):
                q = repaired
        self.places.scope(q)
        self.scope_by_phrase(q)
        q.articles = self.articles(query)
        if q.intent == "term" and (quoted := _QUOTED.search(query)) and (term := normalize(quoted.group(1))) in q.text \
                and term != q.text and self._items_using(term):
            # 规划里“一改”具体指的是改什么: the words a question asking what something means quotes are
            # what it asks about, and the plans write them; the rest (改什么) is the asking
            q.focus = term
        asked = self.asked(q)
        reading = read(asked)
        if reading.kind == "answer" and things_side_by_side(q.raw, reading.topic) \
                and "number" not in _types_asked(q.raw) and not _FIGURES_ASKED.search(q.raw):
            # 大气、垃圾、保洁这些环境活都怎么干: three things or more named side by side, asked of each — a list (not
            # their figures, 增加值、增速和占比三个数字: one line often states them all, the answer it is).
            reading = dc_replace(reading, kind="list")
        if reading.kind == "answer" and _INDICATORS_NAMED.search(normalize(q.raw)) and (topic := reading.topic.removesuffix("指标")) \
                and self.listing.category(topic, sorted(q.docs) or [d.file for d in self.kb.documents]):
            # 专栏里属性只标了预期的指标: the indicators of a table's attribute or category, named without a list cue.
            reading = dc_replace(reading, kind="list", wanted="indicator", topic=topic)
        q.past = reading.past or _asks_done(normalize(q.raw))
        if reading.kind == "count" and reading.wanted is None and q.past and self.stated_counts(q):
            # 一共整改了多少项隐患: how many things were done, a number a review states (整改各类隐患1.39万项),
            # not how many of the plans' items speak of them.
            reading = dc_replace(reading, kind="answer")
        if reading.kind == "answer" and reading.inside and q.docs:
            q.parts = self.listing.part_sections(q, reading.inside)
        elif reading.kind == "answer" and (parts := self._parts_named(q, asked)):
            # 主要目标那段，对2025年总体定位是怎么表述的: the answer is in the part its heading names.
            q.parts = frozenset(sub.id for part in parts for sub in self.listing.subtree(part))
            q.part_named = tuple(part.id for part in parts)
        result = SearchResult(query=query, intent=q.intent, year=q.year, docs=sorted(q.docs), text=q.text)
        limit = max(0, limit)
        if q.period and q.year is None and not any(self.year_covered(y) for y in range(q.period[1][0],
                                                                                         q.period[1][1] + 1)):
            # 十五五规划目标: a plan period no plan speaks of is "not covered", whatever the reading.
            result.note = f"现有规划没有涉及“{q.period[0]}”时期的内容。"
            return result
        if rows := self.table_row(q, query):
            # 大港街道专栏第3项的企业家数目标: the indicator of that row of the table.
            return self._answered_by(result, rows, q, limit)
        if reading.kind in ("due", "overdue"):
            return self.listing.due(self, q, reading, today or dt.date.today(), result, limit)
        if reading.kind == "answer" and (seen := self.vision_lines(q)):
            # 新河街道想在2035年变成啥: the plan's statement of that year (展望2035年…, 2025年发展目标).
            return self._answered_by(result, seen, q, limit)
        if reading.kind == "answer" and (dated := self.issue_dates(q, query)):
            # 新河街道这个规划是哪年发布的: the line the document's date is written on.
            return self._answered_by(result, dated, q, limit)
        if not q.text.strip() and not is_ascii_query(query) and reading.kind == "answer":
            result.hits = self.listing.outline(self, q)[:limit]
            result.reading = "outline"
            return result
        if reading.kind in ("list", "count", "structure") and q.year is not None and not self.year_covered(q.year):
            # 大港街2027年要完成哪些主要目标: no plan speaks of that year; its items are no answer — what
            # the plans list for the question without the year follows, labelled as other years'.
            result.note = _year_not_covered(q.year)
            topic = without_trailing_chatter(reading.topic) if reading.kind != "structure" else reading.topic
            listed = self.listing.items(self, _without_year(q), dc_replace(reading, topic=topic),
                                        SearchResult(query=query), limit)
            result.others = listed.hits if listed is not None else []
            return result
        required = self.parser_required(q) if reading.kind in ("list", "count", "structure") else []
        if required and normalize(reading.topic).strip() == required[0] and self.places.written(required[0]):
            # 河北区科教兴区那部分在第几条: a word read as a place, the whole of what is asked about and
            # written in the plans (科教兴区战略), is the thing asked about, no place the items must name.
            required = []
        if required and not any(self.places.written(r) for r in required):
            # 和平区安全生产有哪些任务: a place no plan is about has no items to list.
            result.note = _nothing_on(required[0])
            return result
        # (涉及仲裁的条目全列出来: the same asked in words the patterns do not order so)
        # (禁毒工作统共出现过几次: the words said for others, 统共 for 一共, as the reading reads them)
        plain = said_plainly(asked)
        if ((word := mention_word(plain)) and self._items_using(word)) \
                or (word := mention_in_frame(plain, lambda w: self._items_using(w) > 0)):
            # 任务里带试点的有几条, 有几个地方说到鸿蒙: the lines that write the word, counted.
            return self.listing.mentions(self, q, word, result, limit)
        # (…那章第三节标题，有原文吗: the words asking for the source are no word the heading holds)
        if reading.kind in ("list", "count", "structure") and (word := title_word(without_asides(asked))):
            # 大港街道规划里标题带安全二字的有哪几节: the headings whose titles hold the word.
            return self.listing.titled(self, q, word, reading.kind, result, limit)
        if (reading.kind in ("count", "structure") or (reading.kind == "list" and points_pointed_at(asked))) \
                and (counted := self._series_counted(q, result, limit, reading.past)) is not None:
            # 多少条坚持xx的原则: the points opening with the word, as 几个坚持 is read; 要做几个方面的表率:
            # the points ending with it, though 几个方面 alone would ask for the parts
            return counted
        if reading.kind in ("list", "count", "structure"):
            if unit_measured(reading.topic) is None:  # (按家统计: the 按 naming the unit is no chatter)
                reading = dc_replace(reading, topic=without_trailing_chatter(reading.topic))
            whole, blank = reading, dc_replace(result)  # (as read so far, for a second listing)
            if required:  # (the place is what the items must name, not what they are about)
                reading = dc_replace(reading, topic=reading.topic.replace(required[0], "").strip())
            listed = self._listed_naming(q, reading, required, result, limit)
            if listed is not None and not listed.hits and required \
                    and any(required[0] in self.places.text_of(d) for d in q.docs):
                # 河北区今年意风区要干哪些事: an area the named place's own plan writes, when nothing else
                # the question says is a topic, is what the items are about as well as what they name.
                listed = self._listed_naming(q, whole, required, blank, limit)
            if listed is not None:
                return listed
            if not reread and (fixed := self.homophones().repair(normalize(said))) is not None:
                # 新河平按建设那部分分了几小节: no part is named so; read with its same-sound slips swapped back
                # (平安建设), a part is, and what it holds answers (else the slip is read as it is, below).
                again = self._search(fixed, limit, today, reread=True)
                if again.hits and again.reading in ("list", "count", "structure"):
                    again.query = query
                    return again
        return self.answer(q, reading, result, limit)

    def _listed_naming(self, q: Query, reading: Reading, required: list[str], result: SearchResult,
                       limit: int) -> SearchResult | None:
        """The items a list, count or structure reading lists, only those naming the required place."""
        listed = self.listing.items(self, q, reading, result, limit)
        if listed is not None and required:
            # 和平区安全生产有哪些任务: only items that speak of the place named.
            listed.hits = [h for h in listed.hits if any(r in h.text or r in h.title for r in required)]
            listed.total = len(listed.hits)
            if not listed.hits:
                listed.note = _nothing_on(required[0])
        return listed

    def answer(self, q: Query, reading: Reading, result: SearchResult, limit: int,
               repaired: bool = False) -> SearchResult:
        """One answer (with the next best), or "not found" with a note and other places' items
        (`repaired`: the question is already read with its same-sound slips swapped back)."""
        stated = self.stated_counts(q) if reading.kind == "answer" else {}
        if reading.kind == "answer" and not stated \
                and (counted := self._series_counted(q, result, limit, reading.past)) is not None:
            return counted  # 基本要求列了几个坚持: the points opening with it (a number stated answers first)
        required = self.parser_required(q)
        threshold = self.ranker.answer_threshold(q.text)
        if q.year is not None and not self.year_covered(q.year):
            result.note = _year_not_covered(q.year)
            scored = self.score(_without_year(q), required)
            result.others = [self.hit(i, p, q.text) for p, i in scored.inside[:3] if p >= threshold]
            return result
        scored = self.score(q, required, list(stated))
        if len(q.text) < 2 and not is_ascii_query(q.raw):
            # One character (率, 规) is in hundreds of names: only an item named exactly that answers.
            exact = [(p, i) for p, i in scored.inside if self.entries[i].name == q.text]
            scored.vetoed += [t for t in scored.inside if t not in exact]
            scored.inside = exact
        scored.inside = self._table_first(q, self._named_first(q, scored.inside, threshold), threshold)
        if stated and (first := sorted((t for t in scored.inside if t[1] in stated), key=lambda t: -stated[t[1]])):
            # 新河街道有几个社区: the text that states the number (辖区13个社区) before items named 社区.
            scored.inside = first + [t for t in scored.inside if t[1] not in stated]
        top = scored.inside[0][0] if scored.inside else 0.0
        if stated and scored.inside and scored.inside[0][1] in stated:
            threshold = 0.0  # what the question's form asks for is what to show
        elif q.articles and scored.inside:
            threshold = 0.0  # the article named is what to show, as a part named by its number is
        elif reading.inside and _POINTS_AT_PART.search(normalize(q.raw)) \
                and (part := self._part_numbered(q, reading.inside, least=1)) is not None:
            # 想看规划第5章，兜底养老文化那章: the words before 那章 tell what the part numbered holds; the
            # part itself (its heading) is what is asked to be seen.
            scored.inside = [(max(top, threshold), part), *(t for t in scored.inside if t[1] != part)]
            top = max(top, threshold)
        elif top < threshold and (opening := self._part_opening(q)) is not None:
            # 主要目标那段，对2025年总体定位是怎么表述的: nothing in the part named answers the rest of the
            # question on its own; what the part says as a whole opens it (its first paragraph).
            scored.inside = [(threshold, opening), *(t for t in scored.inside if t[1] != opening)]
            top = threshold
        elif top < threshold and reading.inside and (heading := self._part_numbered(q, reading.inside, least=1)) is not None \
                and (len(reading.inside) > 1 or retells(q.text, [self.entries[heading].name], least=2)):
            # 头一章的第二节讲国际国内形势吗: nothing in the part numbered so says it in the question's words;
            # the part itself does (its heading says what it is about: 发展环境). (A part numbered once, 六是打造
            # 哪种新河, when the question retells its heading: 全力打造生态新河.)
            scored.inside = [(threshold, heading), *(t for t in scored.inside if t[1] != heading)]
            top = threshold
        elif top < threshold and self._one_document(q, scored):
            threshold = 0.0  # its best clause, though no single item is probable enough alone
        elif top < threshold and (focused := self._focused(q, required, threshold, scored.outside)):
            scored, top = focused, focused.inside[0][0]
        elif top < threshold and (untitled := self._untitled(q, threshold)):
            scored, top = untitled, untitled.inside[0][0]
        elif top < threshold and not repaired and (fixed := self._repaired(q)) is not None:
            # 景杉花园旧改能让几户受益: read again, as a whole, with its same-sound slips swapped back
            # (景山花园): an answer from one document's clauses then counts as it would have
            return self.answer(fixed, reading, result, limit, repaired=True)
        elif top < threshold and q.worded_docs and q.year is None and q.period is None and not repaired \
                and (wider := self.answer(dc_replace(q, docs=q.worded_docs, worded_docs=set()), reading, dc_replace(result),
                                          limit)).hits:
            # 大港街那个向企业家汇报机制，规划里是怎么说的: nothing in the place's plan titled so; its other
            # documents answer (a chat says 规划 of any of them)
            wider.docs = sorted(q.worded_docs)
            return wider
        elif top < threshold and q.titled and q.docs and top >= self.ranker.suggest:
            threshold = 0.0  # a document named by its title: its best clause, as a search inside it
        if top >= threshold and self._stated_elsewhere(q, scored, top):
            top = 0.0  # (the note below says the place's plans do not state it, then shows the others)
        if top >= threshold:
            if reading.kind == "list":
                chosen = [(p, i) for p, i in scored.inside if scored.rank[i] >= self.ranker.listed][:limit]
            else:
                chosen = [(p, i) for p, i in scored.inside if p >= self.next_best_floor(q)][:limit]
            chosen = chosen or scored.inside[:1]
            defining = self._defining(q, scored.inside[:1], threshold)
            keep = frozenset({id(self.entries[defining[1]].item)} if defining else ())
            result.hits = fold_passages([self.hit(i, p, q.text) for p, i in chosen], keep)
            if reading.kind == "answer" and asks_purpose(normalize(q.raw), bool(q.titled)) \
                    and (clause := self.purpose_clause(result.hits[0].doc)) is not None:
                # 办法的出发点是什么, 为什么要出台: the document's purpose clause first, whatever else
                # matches the words around the asking.
                said = self.hit(clause, chosen[0][0], q.text)
                result.hits = [said] + [h for h in result.hits if (h.kind, h.id) != (said.kind, said.id)][:limit - 1]
            result.reading = "list" if reading.kind == "list" else "answer"
            result.total = len(result.hits)
            result.groups = self.groups(result.hits, q)
            return result
        result.suggestions = self._suggestions(sorted(scored.inside + scored.vetoed, key=lambda t: (-t[0], t[1])))
        # 大港街2023年…: the place and the year the question named, each where it belongs.
        places = "、".join(dict.fromkeys(q.places))
        year = f"{q.year}年" if q.year else ""
        if required:
            result.note = _nothing_on(required[0])
        elif (places or year) and scored.outside and scored.outside[0][0] >= threshold:
            result.note = f"{places or '现有'}的规划里没有找到{year}“{_as_said(q.raw, q.text)}”的相关内容。"
        if result.note:
            shown = [(p, i) for p, i in scored.outside if p >= threshold]
            if q.docs:
                # 大港街PM2.5 2023年: what the named place's plans say for other years comes before
                # other places' figures (the chat labels each group).
                shown = sorted(shown, key=lambda t: self.entries[t[1]].item.doc not in q.docs)
            result.others = [self.hit(i, p, q.text) for p, i in shown[:3]]
        return result

    def _part_numbered(self, q: Query, path: tuple[int, ...], least: int = 2) -> int | None:
        """The entry of the heading an ordinal path of `least` numbers or more names (第一章第二节), when one
        document of those the question names has it; None otherwise."""
        if len(path) < least:
            return None
        parts = self.listing.parts_at(q, path)
        return self.listing.position.get(("section", parts[0].doc, parts[0].id)) if len(parts) == 1 else None

    def _part_opening(self, q: Query) -> int | None:
        """The entry of the first passage of the first part a question names by its heading and points
        at (主要目标那段), None when it names none or that part has no running text."""
        for part_id in q.part_named:
            part = self.listing.section_of.get(part_id)
            passages = self.listing.items_under(part, "passage") if part is not None else []
            if passages:
                return self.listing.position.get(("passage", part.doc, passages[0][1].id))  # type: ignore[attr-defined,union-attr]
        return None

    def _series_counted(self, q: Query, result: SearchResult, limit: int, past: bool) -> SearchResult | None:
        """The points that open (or end) with the word a question counts them by (几个坚持), counted;
        None when it counts by no word or no part has such points (`past`: the reading asks of what was
        done)."""
        # (…列了几个坚持，也就是基本原则有几个: the count said in an earlier clause, its end there)
        word = series_word(self.asked(q)) or next(
            (w for clause in CLAUSES.split(q.raw)[:-1] if (w := series_word(normalize(clause)))), "")
        if _PART_WORD.fullmatch(word):
            return None  # 分几个方面: the parts themselves, read as structure
        # (回顾23年工作时列了几条坚持: of what was done, a year is also the one the next report reviews)
        return self.listing.series_count(self, q, word, result, limit, past=past) if word else None

    def purpose_clause(self, doc: str) -> int | None:
        """The entry of a document's purpose clause (为规范…，制定本办法), its first; None without one."""
        if self._purposes is None:
            self._purposes = {}
            for i, e in enumerate(self.entries):
                if e.kind == "passage" and e.item.doc not in self._purposes and is_purpose_clause(e.text):
                    self._purposes[e.item.doc] = i
        return self._purposes.get(doc)

    def _stated_elsewhere(self, q: Query, scored: Scored, top: float) -> bool:
        """Does another place's plan state what a question about a named place asks, almost surely,
        while the named place's best item is only a partial match (河北区规上工业企业数量目标: 大港's plan
        has the indicator; 河北区's report only 数字经济核心产业规上企业)? Then the place's plans do not say."""
        # (or another place's item is likely and the place's best at most half as likely: 新河有没有给规上
        # 工业企业家数定个数 — 大港's 规模以上工业企业数量 0.67, 新河's 限上工业总产值 0.29)
        # (新河街道十三五对口扶贫帮的是哪里: the place's own item of another period, outside by its year,
        # is no other place's statement)
        if scored.inside and self._states_asked_figure(q, scored.inside[0][1]):
            return False  # (河北区空气优良率63点几那个数: the place's own item states the figure the asker recalls)
        other = next((p for p, i in scored.outside if self.entries[i].item.doc not in q.docs), 0.0)
        # (矛调中心在大港街道规划里怎么定位: 0.38 inside is no partial match, though 新河's is 0.76)
        return bool(q.places and top < PARTIAL_INSIDE
                    and (other >= STATED_ELSEWHERE
                         or (other >= LIKELY_ELSEWHERE and top <= other / 2 and top < LIKELY_INSIDE)))

    def _states_asked_figure(self, q: Query, i: int) -> bool:
        """Does entry i state a figure the question states, exactly or in the span it recalls roughly?"""
        figures, spans = stated_figures(q.raw), stated_spans(q.raw)
        return bool(figures or spans) and _states(self._figures_of(i), figures, spans)

    def scope_by_phrase(self, q: Query) -> None:
        """A question opening with words that name a document by what it is about (…的实施意见中，…) is
        about that document, when its text holds those words clearly more than any other's; the
        words are then a scope, not what is asked (as a title named is). A title matched on fewer of
        those words than another document writes gives way to it (促进慈善事业健康发展实施意见 shares
        促进…事业健康发展实施 with the title of 促进殡葬事业健康发展实施方案; the charity document, untitled,
        writes 促进慈善事业健康发展)."""
        if len(self._doc_number) < 2 or (q.docs and not q.titled):
            return
        if q.titled:
            plain = self._without_title(q)
            scope = self._phrase_scope(plain.text) if not plain.docs else None
            if scope is None or scope[0] in q.docs or scope[3] <= len(q.titled):
                return
        else:
            scope = self._phrase_scope(q.text)
            if scope is None:
                return
        q.docs, q.titled = {scope[0]}, scope[1]
        if not asks_purpose(normalize(q.raw)) and len(scope[2]) > SCOPED_REST_CHARS:
            # (asked why the document was made — 出台…办法是为了什么 — its words stay to match the
            # lines that name it, as a title named does; and when they are nearly all the question —
            # 农村的公益性公墓怎么建，有没有标准可依 — they are what is asked, inside that document)
            q.text = scope[2]

    def _phrase_scope(self, text: str) -> tuple[str, str, str, int] | None:
        """(the document, the words naming it, the rest of the question, the longest run of those words
        it writes) when the question opens by naming one document by what it is about, else None."""
        named = document_phrase(text)
        if named is None:
            return None
        share = self.coverage.documents(named[0])[:-1]
        if share.max() <= 0:
            return None
        near = np.flatnonzero(share >= PHRASE_NEAR * share.max())
        if len(near) > PHRASE_DOCUMENTS:
            return None
        # Of the documents holding the words about as much, the one writing the longest run of them
        # (广安加快发展养老服务业的实施意见 → the document citing 关于加快发展养老服务业的实施意见).
        # (the words as said and with their abbreviations written out: 文旅 → 文化旅游, as titles write them)
        variants = self.lexicon.variants(named[0])[:2] or [named[0]]
        runs = sorted(((*self._best_run(variants, int(d)), int(d)) for d in near), reverse=True)
        if runs[0][0] < PHRASE_RUN or runs[0][1] <= PHRASE_SHARE \
                or (len(runs) > 1 and runs[0][0] - runs[1][0] <= 1):
            return None  # (no run long enough, or two documents write as much of it: no scope)
        doc = self.kb.documents[runs[0][2]]
        kind = next((w for w in words("title_cues") if named[0].endswith(w)), "")
        if doc.kind in _WORK_PLANS and doc.title_source == "text" and kind and kind not in doc.title:
            # 港人生活村规划编好的时间点: a plan of work titled as another kind (重点工作任务) is not the 规划
            # named by those words; they name a thing it writes of (港人生活村项目规划编制). (A policy
            # document is named by what it is about in any words: 公益性公墓…标准 for its 实施方案.)
            return None
        return doc.file, named[0], named[1], runs[0][0]

    def _best_run(self, variants: list[str], doc: int) -> tuple[int, float]:
        """The longest run of any of the words' variants that the document's items write (in
        characters), and its share of that variant."""
        text = "\n".join(self.entries[i].name + "\n" + self.entries[i].text
                         for i in np.flatnonzero(self._entry_doc == doc).tolist())
        runs = (SequenceMatcher(None, v, text, autojunk=False).find_longest_match(0, len(v), 0, len(text)).size
                for v in variants)
        return max((run, run / len(v)) for run, v in zip(runs, variants, strict=True))

    def _without_title(self, q: Query) -> Query:
        """The question read again with no title taken for a document's (its place still scoping it)."""
        plain = self.parser.parse(q.raw, q.today_year, titles=False)
        self.places.scope(plain)
        return plain

    def _untitled(self, q: Query, threshold: float) -> Scored | None:
        """The candidates of a question read without the document its words seemed to name, when
        that document answers nothing and another document does (特困供养儿童参加城乡居民基本医疗保险怎么
        资助: the words of one title, 城乡居民基本医疗保险, are what is asked about in another)."""
        if not q.titled:
            return None
        plain = self._without_title(q)
        scored = self.score(plain, self.parser_required(plain))
        scored.inside = self._named_first(plain, scored.inside, threshold)
        if not scored.inside or scored.inside[0][0] < threshold:
            return None
        # (the named document's own lines repeating its title answer nothing of what was asked)
        return None if self.entries[scored.inside[0][1]].item.doc in q.docs else scored

    def _repaired(self, q: Query) -> Query | None:
        """The question read with its same-sound slips swapped back (南艺社区 → 南益社区, a name the plans
        write); None when it has none."""
        fixed, full = self.homophones().repair(q.text), self.homophones().repair(q.full)
        if fixed is None and full is not None:
            # 会展弯哪年营业: a slip seen only before the asking words the matched text leaves out, swapped
            # there with the two characters before it.
            fixed = q.text
            for k in (k for k, (a, b) in enumerate(zip(q.full, full, strict=True)) if a != b):
                fixed = fixed.replace(q.full[max(0, k - 2):k + 1], full[max(0, k - 2):k + 1])
            fixed = fixed if fixed != q.text else None
        return None if fixed is None else dc_replace(q, text=fixed, full=full or fixed)

    def _focused(self, q: Query, required: list[str], threshold: float,
                 elsewhere: Sequence[tuple[float, int]] = ()) -> Scored | None:
        """The candidates of a question nothing answers, scored with its everyday words in the plans'
        terms as one more variant (老人老接到骗子电话，街道有啥动作 → 诈骗: the rest tells of the asker),
        when an item that uses one of those terms as it is comes first and is probable enough; none when
        the best item `elsewhere` (other places' candidates) answers and names a thing this place's plans
        never mention."""
        # (宝安街道空气指数在深圳排名: a place the plans write as one, 深圳市, 宝安区, says where, not what is asked)
        terms = self.focus_terms(q.text, [*q.places, *required],
                                 lambda t: not self.places.names_a_place(t)
                                 and any(self.allowed(i, q) for i in self._term_users(t)))
        if not terms or not any(self.allowed(i, q) for t in terms for i in self._term_users(t)):
            return None  # (no item in the question's place and year uses them: none can come first)
        if elsewhere and elsewhere[0][0] >= threshold:
            # 河北区化工园区D级认证: another place's plan answers it, with a thing named (化工) that no
            # item of this place's plans speaks of; 认证 alone is not what is asked.
            other = self.entries[elsewhere[0][1]]
            if any(w in other.name + other.text and not any(self.allowed(i, q) for i in self._term_users(w))
                   for w in named_things(q.text, (*q.places, *required))):
                return None
        # The terms together first; then each alone, the rarest first: a term the plans write inside
        # other words (企业主 in 企业主体) must not drown the one that names the thing (老板拖着工钱不发 → 欠薪).
        # (only the plans' terms for everyday words, none the question says itself: its own rare words
        # — 无人机, 巡查 — alone would find anything that mentions one of them)
        tried = [("".join(terms), terms)]
        if len(terms) > 1 and not any(t in q.text for t in terms):
            tried += [(t, [t]) for t in sorted(terms, key=lambda t: len(self._term_users(t)))]
        for focus, shown in tried:
            if (focused := self._focus_scored(q, required, threshold, focus)) is None:
                continue
            best = self.entries[focused.inside[0][1]]
            # (written as a word: 入学 for 上学 is no word of 深入学习)
            if any(said_as_word(best.name, t) or said_as_word(best.text, t) for t in shown):
                return focused
        return self._focused_agreeing(q, required, threshold, terms) if len(tried) == 1 else None

    def _focus_scored(self, q: Query, required: list[str], threshold: float, focus: str) -> Scored | None:
        """The candidates scored with `focus` as one more variant (those named first), when the best is
        probable enough; else None."""
        focused = self.score(dc_replace(q, focus=focus), required)
        focused.inside = self._named_first(q, focused.inside, threshold)
        return focused if focused.inside and focused.inside[0][0] >= threshold else None

    def _focused_agreeing(self, q: Query, required: list[str], threshold: float, terms: list[str]) -> Scored | None:
        """The candidates scored with each of a question's own terms alone, when every term alone puts the
        same line first (晚上街上灯光亮化有打算没: 灯光 and 亮化, written apart, both in one paragraph), the
        rarest term's; none when they disagree (打通断头路: 打通 and 断头 in different tasks) or any finds
        nothing probable enough."""
        if len(terms) < 2:
            return None
        found: list[Scored] = []
        for term in sorted(terms, key=lambda t: len(self._term_users(t))):
            if (focused := self._focus_scored(q, required, threshold, term)) is None:
                return None
            found.append(focused)
        lines = {(self.entries[f.inside[0][1]].item.doc, self.entries[f.inside[0][1]].item.line) for f in found}
        return found[0] if len(lines) == 1 else None

    def focus_terms(self, text: str, exclude: Iterable[str] = (),
                    usable: Callable[[str], bool] = lambda term: True) -> list[str]:
        """The plans' own term for each everyday word of a question, where the plans use it in a few
        items only (孤独症, 诈骗: specific enough to be what the question is about; 收入 is not); else
        the question's own words used so rarely (二房东), none of them `exclude` (the places named)."""
        if len(text) < FOCUS_CHARS:
            return []
        # 商场地铁站这些公共场所以后AED能多些: the things said as examples of a kind (before 这些, 等) are
        # not what is asked about.
        if (examples := _EXAMPLES.match(text)) and len(text) - examples.end() >= FOCUS_CHARS:
            text = text[examples.end():]
        out = []
        inside_only = False
        most = max(1.0, FOCUS_MAX_SHARE * len(self.entries))
        for said, forms, siblings in self.lexicon.everyday_matches(text):
            written = [(n, t) for t in forms if (n := self._items_using(t)) and usable(t)]
            if written and not any(self._written_as_word(t) for _, t in written):
                # 老板 → 企业主, which the plans write only inside other words (企业主体, 龙头企业主动): a thing
                # the question names that no item speaks of; nor are its other words then what it is about.
                inside_only = True
                continue
            used = [(n, t) for n, t in written if n <= most]
            if not written:
                # 耗子 → 鼠害, 病媒生物, not written in the plans asked about; 老鼠, said for them too, →
                # 灭鼠, written. (学校 → 教育, written however often: no sibling's term, 入学, instead)
                used = [(n, t) for t in siblings if 0 < (n := self._items_using(t)) <= most and usable(t)]
            if not written and not used:
                # 没人带娃 → 托育服务, which the plans write as 托育 (托育点, 托班): the term's first word, when
                # it names the thing (the rest, 服务, says what is done with it).
                used = [(n, w) for t in forms if (w := _first_word(t)) and 0 < (n := self._items_using(w)) <= most
                        and usable(w)]
            if used:
                out.append(min(used)[1])
            elif len(named := [w for w, tag in tagged(said) if len(w) >= 2 and not tag.startswith("t")]) == 1 \
                    and not any(self._items_using(t) for t in (*named, *forms, *siblings)) \
                    and not any((w := _first_word(t)) and self._items_using(w) for t in forms):
                # 老人去世办丧事街道有规定没: 办丧事 names one thing (丧事), and no plan writes it, nor its terms (丧葬,
                # 殡葬) — a thing the plans never mention; nor is one of the question's own words (规定) then what it
                # is about. (孩子上学难, 当天办: a situation told in several words, or a time, names no one thing.)
                inside_only = True
        if not out and not inside_only:
            # No everyday word the lexicon knows: the question's own specific words (二房东 in a
            # resident's complaint), unless it names a thing the plans never mention.
            # (only those the items in scope use: 街上 in 晚上街上灯光亮化 is written by no plan asked about)
            out = [t for t in own_focus(text, self._items_using, most, self._known_everyday, tuple(exclude))
                   if usable(t)]
        return out

    def _known_everyday(self, word: str) -> bool:
        """Is `word` an everyday word whose term in the plans' language the plans write, or whose term's
        head (its last word, when it names a kind of thing: 文化创意产业 → 产业) they do? 墓地 → 公益性公墓,
        whose head 公墓 is written nowhere, is a thing they never mention; so is 养狗 → 养犬管理 (管理 is said
        of anything)."""
        return any(self._items_using(t) or bool((head := head_noun(t)) and self._items_using(head))
                   for forms in self.lexicon.everyday_terms(word) for t in forms)

    def _written_as_word(self, term: str) -> bool:
        """Does some item write `term` as a word of its own (not only inside other words)?"""
        found = self._as_word.get(term)
        if found is None:
            found = any(said_as_word(e.name, term) or said_as_word(e.text, term)
                        for e in (self.entries[i] for i in self._term_users(term)[:WORD_CHECKED]))
            if len(self._as_word) < 4096:
                self._as_word[term] = found
        return found

    def _answered_by(self, result: SearchResult, entries: list[int], q: Query, limit: int) -> SearchResult:
        """The result answered by these entries, in their order (the first `limit` made hits)."""
        result.hits = [self.hit(i, LISTED_SCORE / 100.0, q.text) for i in entries[:limit]]
        result.reading = "answer"
        return result

    def table_row(self, q: Query, query: str) -> list[int]:
        """The indicators of the table row a question names (专栏第3项, 专栏1序号1) in the documents in scope,
        in the tables so numbered when the number is said; empty when it names none."""
        if (asked := row_asked(normalize(query))) is None:
            return []
        table, row = asked
        numbered = {s.id for s in self.kb.sections if table is None or (s.number or "").replace(" ", "") == f"专栏{table}"}
        return [i for i, e in enumerate(self.entries) if isinstance(e.item, Indicator) and e.item.row == row
                and (not q.docs or e.item.doc in q.docs) and e.item.section in numbered]

    def vision_lines(self, q: Query) -> list[int]:
        """The entries stating what the places in scope are to become by the year asked (a typed statement
        opening with the year, then such a passage, a heading naming the year, a figure), when the question
        says nothing else (想在2035年变成啥, 2025年整体要达到啥水平); empty otherwise."""
        if q.year is None or not self.year_covered(q.year) or not asks_vision(q.text):
            return []
        found: list[tuple[int, int, int, int]] = []
        typed: set[tuple[str, int]] = set()
        for i, e in enumerate(self.entries):
            if (q.docs and e.item.doc not in q.docs) or (rank := states_vision(q.year, e.kind, e.name, e.text)) is None:
                continue
            if e.kind == "task":
                typed.add((e.item.doc, e.item.line))
            found.append((rank, int(self._entry_doc[i]), e.item.line, i))
        # (a passage repeating a typed statement of its line is that statement)
        return [i for _, _, _, i in sorted(found)
                if not (self.entries[i].kind == "passage" and (self.entries[i].item.doc, self.entries[i].item.line) in typed)]

    def issue_dates(self, q: Query, query: str) -> list[int]:
        """The entries of the lines the documents in scope write their own date on, when the question
        asks the day a document was issued or made (报告是哪天作的); empty otherwise."""
        if not asks_issue_date(normalize(query), bool(q.docs)) \
                or any(self._items_using(w) for w in named_before(q.text)):
            return []  # (国土空间规划什么时候印发: a plan the plans write of, a task's deadline)
        docs = [d for d in self.kb.documents if d.date_line and (d.file in q.docs if q.docs
                                                                 else not q.doc_kinds or d.kind in q.doc_kinds)]
        if not q.docs and (word := document_word(normalize(query))):
            # (戴雷区长作报告是哪一天: of the documents, those titled with the word the question names them by)
            docs = [d for d in docs if word in d.title] or docs
        lines = {(d.file, d.date_line) for d in docs}
        return [i for i, e in enumerate(self.entries) if e.kind == "passage" and (e.item.doc, e.item.line) in lines]

    def _items_using(self, term: str) -> int:
        """How many items name or say `term`."""
        return len(self._term_users(term))

    def _term_users(self, term: str) -> list[int]:
        """The entries that name or say `term` (found once per term, among the entries holding its
        characters: not a pass over every entry)."""
        users = self._term_items.get(term)
        if users is None:
            held = np.union1d(self.fuzzy.name_index.holding(term), self.fuzzy.text_chars.holding(term))
            users = [i for i in held.tolist() if term in (e := self.entries[i]).name or term in e.text]
            if len(self._term_items) < 4096:
                self._term_items[term] = users
        return users

    def stated_counts(self, q: Query) -> dict[int, int]:
        """For 有几个社区 / 多少个基层党组织: the entries in the question's scope whose text states a
        number of what is asked (辖区13个社区, 新增规上企业20家), each with how many entries state the
        same number (13个社区 twice ranks before 3个社区卫生服务站 once); none for other questions."""
        asked = q.full or q.raw
        how_many = _HOW_MANY_DONE if q.past else _HOW_MANY_OF
        clauses = [normalize(c) for c in CLAUSES.split(q.raw) if c.strip()]
        if len(clauses) > 1 and (asking := next((c for c in clauses if how_many.search(c)), "")):
            # (党组织有几百个，具体数: the clause that asks, not the words after it, its place taken out)
            asked = self.asked(dc_replace(q, full=asking))
        m = how_many.search(asked)
        things = [t for t in [_EDGE_PARTICLES.sub("", asked[m.end():])] if len(t) >= 2] if m else []
        if not things and (m := _HOW_MANY_AFTER.search(asked)):
            # 紧盯的规上企业是多少家: the things named before the asking, the longest run ending there
            # that a text states a number of.
            before = asked[: m.start()]
            things = [before[-n:] for n in range(min(len(before), STATED_THING_CHARS), 1, -1)]
        found: list[tuple[int, str]] = []
        counted = m.group(1) if m else ""  # (the measure word: 个, 家; there are things only with a match)
        # (1.39万项: a number in tens of thousands, as a review states what was done)
        number, measure = r"(\d+(?:\.\d+)?万?|[一二三四五六七八九十百两]+)(?:余|多)?", re.escape(counted)
        for thing in things:
            # 辖区13个社区, or 新增规上企业20家
            named = re.escape(thing)
            # (紧盯738家规上企业 for 规上工业企业: the text may leave out some of the words naming them)
            # (or all of them: 237个基层党组织 for 基层党组织)
            shorter = rf"[{re.escape(thing[:-2])}]{{2,{len(thing) - 2}}}{re.escape(thing[-2:])}" if len(thing) > 4 else named
            # (全街237个基层党组织 for 党组织: a two-character kind of them between)
            # (国家级高新技术企业达到123家: the number may follow a word of reaching it)
            # (asked of what was done only: 规上企业目标几家 is no number a review says was reached)
            reaching = f"{_REACHING}?" if q.past else ""
            said = re.compile(rf"{number}{measure}(?:[\u4e00-\u9fff]{{2}})?{shorter}|{named}{reaching}{number}{measure}")
            # 要新增多少家规上企业: what is done to the things (新增) is said in the text too.
            # (紧盯的那批: the words pointing at them are not, nor the document they are looked for in)
            rest = asked[: m.start()] + asked[m.end():] if m else q.text
            # (河北区一共整改了多少项: the place named and the words of summing up are no doing either)
            for place in q.places:
                rest = rest.replace(normalize(place), "")
            rest = re.sub(r"一共|总共|共计", "", rest)
            # (党工委下面有多少个基层党组织: whom they are under is no doing either)
            done = re.sub(r"^(?:要|将|能|会|需要|计划)+|(?:的|是|有|为|一共有|一共|总共有|总共|共有|共|了)$", "",
                          _UNDER.sub("", _POINTING.sub("", _IN_DOCUMENT.sub("", rest.replace(thing, "", 1)))))
            found = [(i, n.group(1) or n.group(2)) for i in self.fuzzy.text_index.holding(thing[-2:]).tolist()
                     if counted in (text := self.entries[i].text) and self.allowed(i, q)
                     and said.search(text) and (n := self._stating(i, said)) and (len(done) < 2 or done in text)]
            if found:
                break
        often = Counter(n for _, n in found)
        # (a large knowledge base states a number in many copies: the most agreed few are enough)
        # (an indicator whose own figure is another, 工业总产值 突破1550亿元, shows that figure, not the
        # sentence stating the number asked for: the items that show it come first among equals)
        weight = {i: 2 * often[n] + self._shows(i, n) for i, n in found}
        return dict(sorted(weight.items(), key=lambda t: -t[1])[:STATED_MAX])

    def _stating(self, i: int, said: re.Pattern[str]) -> re.Match[str] | None:
        """The first clause of entry i's text that states a number as `said` does, each clause read on its
        own (注册资本超5000万元企业55家，国家高新技术企业17家: 55家 is no number of 高新技术企业)."""
        raw = getattr(self.entries[i].item, "text", "") or self.entries[i].text
        return next((m for c in CLAUSES.split(raw) if (m := said.search(normalize(c)))), None)

    def _shows(self, i: int, number: str) -> int:
        """1 when entry i's card shows the number: any item but an indicator, or an indicator whose name
        or value states it."""
        if self.entries[i].kind != "indicator":
            return 1
        return int(any(number in text for text in [self.entries[i].name, *_values_of(self.entries[i].item)]))

    def _named_first(self, q: Query, inside: list[tuple[float, int]], threshold: float) -> list[tuple[float, int]]:
        """The candidates with the best item named exactly what was asked first (发展环境 → the section
        发展环境, before a paragraph on 社会环境 … 发展), when it is probable enough to answer: a keyword
        is a name more than words in a text. (The fitted weight of an equal name is near zero: its
        evidence overlaps the coverage features.) Old development set: hit@1 86 → 91 %."""
        variants = self.lexicon.variants(q.text)[:2] if q.text else []
        for t in inside:
            e = self.entries[t[1]]
            if t[0] >= threshold and e.kind != "passage" and e.name and e.name in variants:
                return [t] + [u for u in inside if u is not t]
        first = self._defining(q, inside, threshold)
        return inside if first is None else [first] + [u for u in inside if u is not first]

    def _table_first(self, q: Query, inside: list[tuple[float, int]], threshold: float) -> list[tuple[float, int]]:
        """The candidates with the best row of an indicator table first, when the question says it
        looks in a table (优良天数比例，专栏里写的啥: the 专栏 row, before the paragraph's figure) and that
        row is probable enough to answer."""
        if not _TABLE_SAID.search(q.raw):
            return inside
        row = next((t for t in inside if t[0] >= threshold and self.entries[t[1]].kind == "indicator"
                    and getattr(self.entries[t[1]].item, "source", "") == "table"), None)
        return inside if row is None else [row] + [t for t in inside if t is not row]

    def _defining(self, q: Query, inside: list[tuple[float, int]], threshold: float) -> tuple[float, int] | None:
        """For a definition asked (一街四所里的四所分别指什么, 污泥其他接收单位指什么): the glossary entry of a
        term the question writes, or the passage whose sentence defines it (本办法所称…，是指) — the
        longest term first (污泥其他接收单位 before 污泥), then the sentence opening its passage (its text
        shows the definition). Not a term of the title the question names."""
        if q.intent != "term":
            return None
        defining = [(len(name), -at, t) for t in inside if t[0] >= self.ranker.suggest
                    for name, at in self._defines(t[1], t[0] >= threshold)
                    if name in q.text and name not in q.titled]
        return max(defining, key=lambda d: (d[0], d[1], d[2][0]))[2] if defining else None

    def _defines(self, i: int, glossary: bool) -> list[tuple[str, int]]:
        """The terms entry i defines, each with where its definition starts: a glossary term's name of
        3 characters or more (when `glossary`), or the terms the sentences of a passage define (本办法
        所称X，是指…)."""
        e = self.entries[i]
        if e.kind == "term":
            return [(e.name, 0)] if glossary and len(e.name) >= 3 else []
        if e.kind != "passage":
            return []
        # (坚持共同缔造理念。在…中推进…: a short lead sentence names what the rest of its paragraph explains)
        lead = lead_term(e.item.text)  # type: ignore[union-attr]
        return defined_terms(e.item.text) + ([(lead, 0)] if lead else [])  # type: ignore[union-attr]

    def _one_document(self, q: Query, scored: Scored) -> bool:
        """Do a long question's best candidates all come from one document, though none is probable
        enough alone? A question in other words than the document's (a citizen's paraphrase) still
        finds that document's clauses first: the agreement is the evidence an item lacks."""
        if q.docs or len(q.text) < ONE_DOCUMENT_CHARS or not scored.inside:
            return False  # (a place or title named makes every candidate one document's)
        top = self._one_document_top
        ranked = sorted(scored.inside, key=lambda t: (-scored.rank[t[1]], t[1]))
        if not ranked or ranked[0][1] != scored.inside[0][1]:
            return False
        lead = self.entries[ranked[0][1]].item.doc
        # (the chance of each further candidate from the lead document is its share of the entries: the
        # largest of five plans, a third of the items, leads by chance what a small one would not)
        share = max(float(self._doc_share[self._doc_number[lead]]), 1.0 / max(2, len(self._doc_number)))
        return one_document_agrees([self.entries[i].item.doc for _, i in ranked[:top + ONE_DOCUMENT_WIDER]],
                                   share, top)

    def next_best_floor(self, q: Query) -> float:
        """How probable an item must be to follow an answer: half of what an answer to this question
        needs, at most the "did you mean" floor."""
        return min(self.ranker.suggest, self.ranker.answer_threshold(q.text) / 2)

    def _place_sounded(self, text: str, name: str) -> str | None:
        """The text with `name` written as the plans' place that sounds the same (新和街 → 新河街),
        None when no place does (or several do)."""
        sound = [char_pinyin(c) for c in name]
        same = [a for a in self.parser.place_names if len(a) == len(name) and a != name
                and [char_pinyin(c) for c in a] == sound]
        if not same and (core := strip_place_kind(name)) != name and len(core) >= 2:
            # 保安街道 → 宝安街道: a place only a plan's text writes as a place (宝安区, no alias),
            # sounded the same.
            cores = self._written_sounding(core, PLACE_KIND)
            return text.replace(core, cores[0], 1) if len(cores) == 1 else None
        return text.replace(name, same[0], 1) if len(same) == 1 else None

    def _written_sounding(self, name: str, before: str) -> list[str]:
        """The words the plans' texts write before `before` (a pattern) that sound as `name` does,
        other than itself."""
        by_sound = self.homophones().by_sound  # (the plans' characters by sound, built once)
        classes = ["".join(by_sound.get(char_pinyin(c), ())) + c for c in name]
        pattern = re.compile("".join(f"[{re.escape(chars)}]" for chars in classes) + f"(?={before})")
        # (鼓励辖区: 辖 and the 区 after it are one word, 辖区, so 区 there is no kind of place after a name)
        found = {m.group(0) for doc in self.kb.texts for text in [self.places.text_of(doc)]
                 for m in pattern.finditer(text) if not dictionary_word(text[m.end() - 1:m.end() + 1])}
        found.discard(name)
        return sorted(found)

    def _repair_written(self, said: str, fixed: str) -> bool:
        """Is what a repair changed inside a run of three characters or more that the plans write (新和街 →
        新河街, 饮冰市 → 饮冰室)? A repair into characters written nowhere together (济南历下区 → 励辖区:
        辖区 is the plans' word, 励辖区 no one's) repairs a place into nothing."""
        if len(said) != len(fixed):
            return True
        changed = [i for i, (a, b) in enumerate(zip(said, fixed, strict=True)) if a != b]
        if not changed:
            return True
        lo, hi = changed[0], changed[-1] + 1
        return any(self.places.written(fixed[max(0, lo - a):hi + b])
                   for a in range(3) for b in range(3) if hi + b - max(0, lo - a) >= 3)

    def parser_required(self, q: Query) -> list[str]:
        """Words that must be in the answer: a place no plan is about (和平区, 古林街道), named
        at the start of the question or said as "over there" (汉沽那边)."""
        return self.places.required(q)

    def articles(self, raw: str) -> list[str]:
        """The numbered articles a question names (第二十条) that the plans hold: the answer is in
        that article, not in the one whose words are closest (第二十二条)."""
        if not ARTICLE.search(raw):
            return []
        if self._article_of is None:
            # (names before the map: another thread seeing the map set also sees the names)
            article_of = _articles_of(self.entries)
            self._article_names = set(article_of.values())
            self._article_of = article_of
        return [a for m in ARTICLE.finditer(normalize(raw)) if (a := m.group(0)) in self._article_names]

    def in_article(self, i: int, articles: list[str]) -> bool:
        """Is entry i part of one of these articles (its first passage or one after it)?"""
        return self._article_of is not None and self._article_of.get(i) in articles

    def _suggestions(self, inside: list[tuple[float, int]]) -> list[str]:
        seen: list[str] = []
        for p, i in inside:
            if p < self.ranker.suggest or len(seen) >= 3:
                break
            e = self.entries[i]
            if e.kind != "passage" and e.title not in seen and len(e.title) <= SUGGEST_MAX_CHARS:
                seen.append(e.title)
        return seen

    def groups(self, hits: list[Hit], q: Query) -> list[HitGroup]:
        """Indicators among the hits, each with the same-named indicators of every allowed document."""
        out: list[HitGroup] = []
        seen: set[str] = set()
        position = self.fuzzy._position
        for h in hits:
            if h.kind != "indicator":
                continue
            i = position.get((h.doc, h.id))
            key = self.entries[i].group_key if i is not None else None
            if key is None or key in seen:
                continue
            seen.add(key)
            members = [j for j in self.fuzzy.groups.get(key, []) if self.allowed(j, q)]
            # Within a group the ranking probability orders the plans; the leader keeps its score.
            idx, x = self.features(q, only=members)
            probs = dict(zip(idx, self.ranker.rank_probability(x).tolist(), strict=True)) if idx else {}
            if i is not None:
                probs[i] = h.score / 100.0
            ordered = sorted(members, key=lambda j: (j != i, -probs.get(j, 0.0)))
            # (the other documents' rows are shown side by side in the leader's card, from their
            # items: their text is not cut around the question nor its words marked)
            out.append(HitGroup(name=h.title, hits=[self.hit(j, probs.get(j, 0.0), q.text) if j == i
                                                    else self._row_hit(j, probs.get(j, 0.0)) for j in ordered]))
        return out

    def _row_hit(self, i: int, prob: float) -> Hit:
        """The hit of entry i as a row of a group: its own text, nothing marked."""
        return self._hit_of(i, prob, excerpt(display_text(self.kb, self.entries[i].item, self.section_bodies), ""))

    def _hit_of(self, i: int, prob: float, text: str, marks: list[str] | None = None) -> Hit:
        """The hit of entry i with this text and these marked words."""
        e = self.entries[i]
        return Hit(kind=e.kind, id=e.item.id, doc=e.item.doc, line=e.item.line, title=e.title,
                   score=100.0 * prob, item=e.item, text=text, marks=marks or [])


def _part_of(e: _Entry) -> str | None:
    """The part of a document an entry is in: a heading's own, else the section of the item under it."""
    return e.item.id if e.kind == "section" else getattr(e.item, "section", None)


@functools.lru_cache(maxsize=256)
def _asks_ahead(raw: str) -> bool:
    """Does a question ask about what is still to come (ahead_words.txt)?"""
    return any(w in raw for w in words("ahead_words"))


@functools.lru_cache(maxsize=256)
def _asks_done(text: str) -> bool:
    """Does a question ask what was done, by a verb with the 了 of a completed action and what it asks right
    after (和通州区搞了啥合作, 测试的路开放了多长) or a figure asked with the 了 of a change reached (扩到多大算力
    了)? Not when it asks what is to come (要, 打算: 要开工了吗) or what a target is set at (目标定了多少), nor
    for a 了 telling of the asker's life (社保卡丢了上哪补办)."""
    if _HAS_BEEN.search(text):
        return True  # 想要个口袋公园，区里建过没: the 过 of what has been, whatever is wished for
    if _asks_planned(text) or any(w in text for w in ("要", "将", "目标", "指标")):
        return False
    if _THROUGH.search(text):
        return True  # 智算中心扩完容是多少P: the 完 of what is through, a figure asked after it
    if _HOW_IT_WENT.search(text):
        return True  # 改管网改户内弄得咋样, 进展如何: how what was undertaken has gone
    words = tagged(text)
    # (弄了几部: a number asked with its measure word, 几部, 多少台, as jieba may join them)
    if any(tag.startswith("v") and word not in _NOT_DONE_VERBS and nxt == "了"
           and (after in _ASKED_AFTER_DONE or after.startswith(("几", "多少")))
           for (word, tag), (nxt, _), (after, _) in zip(words, words[1:], words[2:], strict=False)):
        return True
    return len(words) > 1 and words[-1][0] == "了" and any(w in text for w in ("多少", "多大", "多长", "几"))


# 三个数字, 具体数据: figures asked for by the word for them.
_FIGURES_ASKED = re.compile(r"数字|数据|数值")
# A verb's 过, 好 or 完 asked after (建过没, 搞过吗, 建好了没, 弄好没, 修完了吗), or its 完 with a figure asked after
# (扩完容是多少, 修完了几条): what has been done. (完 opening a word of its own, 完成 / 完善 / 完整, is none: 完成
# may be what is to be done.)
_HAS_BEEN = re.compile(r"(?![不超])[\u4e00-\u9fff](?:过|好了?|完了?)(?:没有|没|吗|么|了吗|了没)")
_THROUGH = re.compile(r"[\u4e00-\u9fff]完(?![成善整备全美工结毕])[\u4e00-\u9fff]?(?:是|有|到|了)?(?:多少|多大|多长|几)")
# 弄得咋样, 搞得怎么样, 进展如何: how far what was undertaken has gone (a verb's 得, or 进展, then the asking).
_HOW_IT_WENT = re.compile(r"(?:[\u4e00-\u9fff]得|进展)(?:咋样|怎么样|怎样|如何)")
# Verbs whose 了 tells of nothing done: having (有没有了), and setting or writing a plan down (定了, 写了).
_NOT_DONE_VERBS = frozenset({"有没有", "有", "没", "没有", "定", "设定", "确定", "制定", "规定", "明确", "提出", "写",
                             "说", "讲", "提", "列", "安排", "部署"})
# What a question asks right after a verb's 了 (搞了啥合作, 开放了多长, 建了几个).
_ASKED_AFTER_DONE = frozenset({"啥", "什么", "多少", "几", "几个", "几家", "多长", "多大", "多久", "哪些", "哪几",
                               "些", "多"})


@functools.lru_cache(maxsize=256)
def _asks_planned(raw: str) -> bool:
    """Does a question ask what is planned for a thing (plan_cues.txt)?"""
    return any(w in raw for w in words("plan_cues"))


def _articles_of(entries: list[_Entry]) -> dict[int, str]:
    """Passage → the numbered article it belongs to: from a passage starting 第N条 to the next such
    start, within one section of one document."""
    out: dict[int, str] = {}
    current: tuple[str, str | None, str] | None = None  # (doc, section, article)
    for i, e in enumerate(entries):
        if e.kind != "passage":
            continue
        opened = opened_article(e.text)
        section = getattr(e.item, "section", None)  # (a passage's)
        if opened:
            current = (e.item.doc, section, opened)
        elif current is None or (current[0], current[1]) != (e.item.doc, section):
            current = None
            continue
        out[i] = current[2]
    return out


def _as_said(raw: str, norm: str) -> str:
    """The words of the question as typed that normalise to `norm` (PM2.5 for pm25), the shortest
    such; `norm` itself when no run of the question does (words were taken out from inside it)."""
    for size in range(len(norm), min(len(raw), 3 * len(norm)) + 1):
        for start in range(len(raw) - size + 1):
            if normalize(raw[start:start + size]) == norm:
                return raw[start:start + size].strip()
    return norm


# A question whose words naming a document leave no more than this is asked in those words.
SCOPED_REST_CHARS = 3


# 兜底养老文化那章, 讲自身建设的那一块: a question ending on a part it points at.
_POINTS_AT_PART = re.compile(r"[那这的]一?[个大]?(?:章|节|块|部分|篇)$")
# The words a text puts between a thing and the number of it reached (企业达到123家, 社区增至13个).
_REACHING = "(?:达到|达|增至|增加到|增长到|增长至|提升到|提升至|提高到|提高至|突破|超过|为)"


def _year_not_covered(year: int) -> str:
    """The note for a question naming a year no plan speaks of."""
    return f"现有规划没有涉及{year}年的内容。"


def _nothing_on(word: str) -> str:
    """The note for a question about something no plan speaks of (a place no plan is about)."""
    return f"现有规划中没有关于“{word}”的内容。"


def _values_of(item: object) -> list[str]:
    """An indicator's baseline, target and growth as written (none for other items)."""
    growth = getattr(item, "growth", None)
    return [str(v.value) for v in (getattr(item, "baseline", None), getattr(item, "target", None)) if v is not None] \
        + ([str(growth)] if growth else [])


def one_document_agrees(docs: list[str], share: float, top: int) -> bool:
    """Do the documents of the best candidates, in order, agree beyond chance on the first one: all of
    the best `top`, or nearly all of a few more (4 of the best 5 among 39 policies is as far from chance
    as 4 of 4), when each is the lead document's with probability `share`?"""
    lead = docs[0] if docs else None
    for m in range(top, top + ONE_DOCUMENT_WIDER + 1):
        pool = docs[:m]
        j = sum(d == lead for d in pool)
        if len(pool) == m and j >= top and math.comb(m, j) * share ** (j - 1) <= ONE_DOCUMENT_CHANCE:
            return True
    return False


def one_document_top(documents: int) -> int:
    """How many best candidates all from one document make agreement, not chance, among this many
    documents: k with (1/n)^(k-1) at most ONE_DOCUMENT_CHANCE (five plans 6, 39 policies 4)."""
    n = max(2, documents)
    return max(ONE_DOCUMENT_MIN_TOP, 1 + math.ceil(math.log(1 / ONE_DOCUMENT_CHANCE) / math.log(n)))


def min_explained(chars: int) -> float:
    """The share of a question of `chars` characters an item must explain to answer at all."""
    return MIN_EXPLAINED * min(1.0, max(0.0, (LONG_QUESTION - chars) / (LONG_QUESTION - EXPLAINED_FULL_UNTIL)))


def _only_baseline_in(e: _Entry, asked: tuple[int, int]) -> bool:
    """Is an indicator of a later plan in the period asked for by its baseline alone (a 十四五 table's
    2020 column asked about 十三五): where that plan starts from, not what the period came to."""
    baseline, target = getattr(e.item, "baseline", None), getattr(e.item, "target", None)
    # (a table's base-year column; a review's sentence, 十三五期间累计完成…, states what the period came to)
    return bool(getattr(e.item, "source", "") == "table" and e.period and e.period[0] > asked[1]
                and baseline is not None and baseline.year
                and asked[0] <= baseline.year <= asked[1]
                and not (target is not None and target.year and asked[0] <= target.year <= asked[1]))


def _in_period(years: frozenset[int], period: tuple[int, int] | None, asked: tuple[int, int]) -> bool:
    """Is an item about a plan period asked for: a year of its figures in it, else its plan's period
    overlapping it (an item with neither is about any)?"""
    if years:
        return any(asked[0] <= y <= asked[1] for y in years)
    return period is None or (period[0] <= asked[1] and asked[0] <= period[1])


def _read_head(resolved: str) -> str:
    """The words read in characters of a question in letters whose unread words all come after them
    (新河街 消夏 晚会 hai ban bu ban: the chat at the end, 还办不办), when at least two were read."""
    m = re.fullmatch(r"([^A-Za-z]+?)\s+((?:[A-Za-z]+\s*)+)", resolved.strip())
    if not m or len(re.findall(r"[\u4e00-\u9fff]+", m.group(1))) < 2:
        return ""
    return m.group(1)


def _mostly_read(query: str, resolved: str) -> bool:
    """Whether a question in letters of several words has at least half of them in characters now, or
    a word of initials alone (xzscl) is a word the plans use (whole names' initials are the pinyin
    index's)."""
    before = re.findall(r"[A-Za-z]{2,}", query)
    after = re.findall(r"[A-Za-z]{2,}", resolved)
    if len(before) == 1 and not after and INITIALS_WORD.fullmatch(before[0].lower()):
        return True
    return len(before) >= 2 and len(after) * 2 <= len(before)


# A pinyin word read into this many characters at least, written so in the plans, is read as a question.
READ_WORD_CHARS = 3
SHOWN_OPENING = 20  # characters of a passage that show it is the opening of a heading's body


def _states(held: frozenset[float], figures: frozenset[float], spans: tuple[tuple[float, float], ...]) -> bool:
    """Do an item's figures (`held`) hold one a question states exactly, or one in a span it recalls roughly?"""
    return bool(figures & held) or in_spans(held, spans)


def fold_repeats(hits: list[Hit]) -> list[Hit]:
    """A list's hits without one that repeats an earlier hit (求是里等13个、11.63万平方米老旧小区改造: two figures of
    one sentence; a task and the figure read from its sentence: one text holds the other), nor a passage of a
    paragraph listed already (its best sentence stands for it; the chat's button shows the whole paragraph):
    one item to whoever asked, not the same sentence or paragraph twice."""
    shown: dict[tuple[str, int], list[str]] = {}
    paragraphs: set[tuple[str, int]] = set()
    out: list[Hit] = []
    for h in hits:
        if h.kind == "passage":
            para = (h.doc, getattr(h.item, "para", 0))
            if para in paragraphs:
                continue
            paragraphs.add(para)
        text = normalize(getattr(h.item, "text", "") or "")
        if text and h.kind != "section":
            on_line = shown.setdefault((h.doc, h.line), [])
            if any(text in other or other in text for other in on_line):
                continue
            on_line.append(text)
        out.append(h)
    return out


def fold_passages(hits: list[Hit], keep: frozenset[int] = frozenset()) -> list[Hit]:
    """The hits without passages that repeat a typed item among them (the task 落实安全生产主体责任
    and the passage it was read from are one answer): same line, and one holds the other's words. A
    line of unbroken text holds many sentences; another sentence of it is another answer. A passage
    whose item's id is in `keep` stays (the sentence defining what was asked, deep in a task's text)."""
    typed: dict[tuple[str, int], list[Hit]] = {}
    for h in hits:
        if h.kind != "passage":
            typed.setdefault((h.doc, h.line), []).append(h)

    def repeats(p: Hit, t: Hit) -> bool:
        own = normalize(p.item.text)  # type: ignore[union-attr]
        if not own:
            return False
        if t.kind == "section":
            # A heading is shown with its body's opening: the passage that opens it is that answer; a
            # passage further in that names the heading (第四十六条…异议处理结果… in 第六章 异议处理)
            # is another one.
            return own[:SHOWN_OPENING] in normalize(t.text or "")
        other = normalize(getattr(t.item, "text", "") or "")
        title = normalize(t.title)
        return (bool(other) and (own in other or other in own)) or (len(title) >= 4 and title in own)

    # The typed item takes the place of the passage repeating it when the passage ranks higher.
    out: list[Hit] = []
    shown: set[int] = set()
    for h in hits:
        if h.kind == "passage" and id(h.item) not in keep:
            same = next((t for t in typed.get((h.doc, h.line), []) if repeats(h, t)), None)
            if same is not None:
                h = same
        if id(h) not in shown:
            shown.add(id(h))
            out.append(h)
    return out


def _without_year(q: Query) -> Query:
    return Query(raw=q.raw, text=q.text, full=q.full, year=None, docs=q.docs, doc_kinds=q.doc_kinds,
                 intent=q.intent, places=q.places)

