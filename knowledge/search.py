"""Search: fuzzy matching of staff queries to indicators, tasks, sections and terms, in one ranking.

How a query is answered:
1. `QueryParser` takes out the year, place/document, intent and question words;
2. the lexicon rewrites abbreviations and everyday words both ways (规上 ↔ 规模以上);
3. a character index (pinyin n-grams for pure-ASCII queries) picks candidates cheaply;
4. rapidfuzz scores the candidates on normalised raw characters, field by field
   (name > text), with exact/substring bonuses and length normalisation;
5. year, place, document kind and intent boost or demote; a calibrated threshold on the
   match quality decides between answers and "not found" with suggestions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from knowledge.lexicon import Lexicon, default_lexicon
from knowledge.models import Indicator, ItemKind, KnowledgeBase, Section, Task, Term
from knowledge.normalize import is_ascii_query, normalize
from knowledge.pinyin_index import pinyin_forms, query_pinyin
from knowledge.query import Query, QueryParser

# Match quality (0-1, before boosts) an answer must reach; below it the query is "not found".
# Calibrated with bench/eval_search.py (see its --calibrate output).
ANSWER_THRESHOLD = 0.62
SUGGEST_THRESHOLD = 0.40
# Text fields are evidence, but weaker than the item's own name.
TEXT_WEIGHT = 0.80
TEXT_CHARS = 400
# Candidates scored in full per query variant; the rest are ruled out by the character index.
CANDIDATES = 256
MAX_SCORED_VARIANTS = 12
# Multipliers for what the query says beyond the name (intent, year, place, document kind).
INTENT_FACTORS: dict[str, dict[str, float]] = {
    "indicator": {"indicator": 1.0, "task": 0.90, "section": 0.84, "term": 0.88},
    "task": {"task": 1.0, "indicator": 0.88, "section": 0.85, "term": 0.85},
    "term": {"term": 1.0, "section": 0.90, "indicator": 0.85, "task": 0.85},
}
NO_INTENT_FACTORS = {"indicator": 1.0, "term": 1.0, "task": 0.97, "section": 0.97}
YEAR_VALUE, YEAR_PERIOD, YEAR_UNKNOWN, YEAR_OTHER = 1.0, 0.92, 0.90, 0.80
PLACE_OTHER = 0.80
DOC_KIND_OTHER = 0.85
# Indicator name endings that do not make a different indicator (固定资产投资额累计 = 固定资产投资).
_GROUP_SUFFIXES = re.compile(r"(累计|总额|额|数量|总量|年均|规模)$")


@dataclass
class Hit:
    """One ranked item: what it is, where it comes from, and how well it matched (0-100)."""

    kind: ItemKind
    id: str
    doc: str
    line: int
    title: str
    score: float
    item: Indicator | Task | Section | Term

    def as_contract(self) -> dict[str, object]:
        """The JSON shape promised by `planbot search --json`."""
        return {"kind": self.kind, "id": self.id, "doc": self.doc, "line": self.line,
                "title": self.title, "score": round(self.score, 2)}


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


@dataclass
class _Entry:
    """One searchable item with its precomputed matching forms."""

    kind: ItemKind
    item: Indicator | Task | Section | Term
    title: str
    name: str
    text: str
    value_years: frozenset[int]
    period: tuple[int, int] | None
    doc_kind: str
    group_key: str | None


def _display_title(item: Indicator | Task | Section | Term) -> str:
    if isinstance(item, Indicator):
        return item.name
    if isinstance(item, Term):
        return item.term
    return item.title


def _group_key(name: str) -> str:
    key = name
    while True:
        shorter = _GROUP_SUFFIXES.sub("", key)
        if shorter == key or len(shorter) < 2:
            return key
        key = shorter


class _GramIndex:
    """An inverted index of grams (characters or pinyin n-grams) → item numbers, idf-weighted."""

    def __init__(self, grams_per_item: list[set[str]], size: int) -> None:
        postings: dict[str, list[int]] = {}
        for i, grams in enumerate(grams_per_item):
            for g in grams:
                postings.setdefault(g, []).append(i)
        self.size = size
        self.postings = {g: np.asarray(p, dtype=np.int32) for g, p in postings.items()}
        self.idf = {g: math.log(1 + size / len(p)) for g, p in postings.items()}

    def scores(self, grams: set[str]) -> np.ndarray | None:
        """Sum of idf of the query grams each item holds (None when no gram is known)."""
        arrays, weights = [], []
        for g in grams:
            p = self.postings.get(g)
            if p is not None:
                arrays.append(p)
                weights.append(np.full(len(p), self.idf[g], dtype=np.float32))
        if not arrays:
            return None
        return np.bincount(np.concatenate(arrays), weights=np.concatenate(weights), minlength=self.size)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    nonzero = np.flatnonzero(scores > 0)
    if len(nonzero) <= k:
        return nonzero
    part = np.argpartition(-scores[nonzero], k)[:k]
    return nonzero[part]


def _ngrams(s: str, n: int) -> set[str]:
    if len(s) <= n:
        return {s} if s else set()
    return {s[i:i + n] for i in range(len(s) - n + 1)}


def match_scores(variants: list[str], names: list[str], texts: list[str] | None = None,
                 long_names: list[bool] | None = None) -> np.ndarray:
    """Match quality (0-1) of each name (and text) for the best query variant: shape (len(names),).

    Name: partial_ratio and LCS coverage, normalised for length — a short query inside a long
    name, or a short name inside a long question, counts for less than an equal-length match.
    Text: partial_ratio, weighted below names.
    """
    if not names:
        return np.zeros(0, dtype=np.float32)
    m = np.array([len(v) for v in variants], dtype=np.float32)[:, None]
    n = np.array([max(1, len(s)) for s in names], dtype=np.float32)[None, :]
    pr = process.cdist(variants, names, scorer=fuzz.partial_ratio, dtype=np.float32) / 100.0
    lcs = process.cdist(variants, names, scorer=LCSseq.similarity, dtype=np.float32)
    exact = process.cdist(variants, names, scorer=fuzz.ratio, dtype=np.float32) >= 100.0
    cov_q = lcs / m
    cov_n = lcs / n
    # Query no longer than the name: the query should be (nearly) inside the name.
    # Task titles are sentences: a query covering part of one is normal, so the length
    # normalisation is gentler for them than for indicator, section and term names.
    weight = 0.2 if long_names is None else np.where(np.array(long_names)[None, :], 0.1, 0.2)
    inside = np.maximum(pr, 0.95 * cov_q) * ((1.0 - weight) + weight * np.sqrt(m / n))
    inside = np.where(pr >= 1.0, np.maximum(inside, 0.9 + 0.1 * (m / n)), inside)
    # Name shorter than the query (a question around it): the name should be inside the query.
    around = np.maximum(pr, 0.95 * cov_n) * np.power(n / m, 0.35)
    around = np.where((pr >= 1.0) & (n >= 2), np.maximum(around, 0.72 + 0.25 * (n / m)), around)
    score = np.where(m <= n, inside, around)
    score = np.where(exact, 1.0, score)
    if texts is not None:
        has_text = np.array([bool(t) for t in texts])[None, :]
        tpr = process.cdist(variants, texts, scorer=fuzz.partial_ratio, dtype=np.float32) / 100.0
        # A two-character query found in a long paragraph says little; a long one says more.
        text_score = TEXT_WEIGHT * tpr * (0.75 + 0.25 * np.minimum(1.0, m / 8.0))
        score = np.maximum(score, np.where(has_text, text_score, 0.0))
    # Rewritten variants (abbreviation expanded, synonym used) count almost as the original.
    penalty = np.array([1.0] + [0.97] * (len(variants) - 1), dtype=np.float32)[:, None]
    return (score * penalty).max(axis=0)


class SearchIndex:
    """An in-memory index over one knowledge base; the lexicon is read at query time."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        self.kb = kb
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self.parser = QueryParser(kb.documents)
        docs = {d.file: d for d in kb.documents}
        entries: list[_Entry] = []
        for kind, items in (("indicator", kb.indicators), ("task", kb.tasks),
                            ("section", kb.sections), ("term", kb.terms)):
            for item in items:
                entries.append(self._entry(kind, item, docs))  # type: ignore[arg-type]
        self.entries = entries
        self.names = [e.name for e in entries]
        self.texts = [e.text for e in entries]
        size = len(entries)
        self.name_index = _GramIndex([set(e.name) for e in entries], size)
        self.text_index = _GramIndex([set(e.text) for e in entries], size)
        self._pinyin: tuple[list[str], list[str], _GramIndex, _GramIndex] | None = None
        self._lex_pinyin: tuple[int, list[tuple[str, str]]] | None = None
        groups: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            if e.group_key:
                groups.setdefault(e.group_key, []).append(i)
        self.groups = groups
        self._position = {(e.item.doc, e.item.id): i for i, e in enumerate(entries)}

    def _entry(self, kind: ItemKind, item: Indicator | Task | Section | Term, docs: dict) -> _Entry:
        doc = docs.get(item.doc)
        lines = self.kb.texts.get(item.doc, [])
        line_text = lines[item.line - 1] if 0 < item.line <= len(lines) else ""
        if isinstance(item, Indicator):
            text = item.text or line_text
        elif isinstance(item, Task):
            text = item.text or line_text
        elif isinstance(item, Term):
            text = item.definition
        else:
            text = ""
        title = _display_title(item)
        name = normalize(title)
        years: set[int] = set()
        if isinstance(item, Indicator):
            years |= {v.year for v in (item.baseline, item.target) if v is not None and v.year}
        if isinstance(item, Task) and item.deadline:
            years.add(item.deadline.year)
        if doc is not None and doc.year and doc.kind != "five_year_plan":
            review = doc.review_lines
            # Statements in a work report's review part are about the year before.
            if review and review[0] <= item.line <= review[1]:
                years.add(doc.year - 1)
            else:
                years.add(doc.year)
        return _Entry(
            kind=kind, item=item, title=title, name=name, text=normalize(text)[:TEXT_CHARS],
            value_years=frozenset(years), period=doc.period if doc else None,
            doc_kind=doc.kind if doc else "other",
            group_key=_group_key(name) if kind == "indicator" and len(name) >= 2 else None,
        )

    # -- pinyin -------------------------------------------------------------------------------
    def _pinyin_index(self) -> tuple[list[str], list[str], _GramIndex, _GramIndex]:
        """Full pinyin and initials of every name, with n-gram indexes (built on first use)."""
        if self._pinyin is None:
            full, init = [], []
            for e in self.entries:
                f, i = pinyin_forms(e.name)
                full.append(f)
                init.append(i)
            size = len(self.entries)
            self._pinyin = (full, init, _GramIndex([_ngrams(f, 3) for f in full], size),
                            _GramIndex([_ngrams(i, 2) for i in init], size))
        return self._pinyin

    def _lexicon_pinyin(self) -> list[tuple[str, str]]:
        """(pinyin of a lexicon form, pinyin of its counterpart) pairs, cached per lexicon version."""
        if self._lex_pinyin is None or self._lex_pinyin[0] != self.lexicon.version:
            pairs = []
            for e in self.lexicon.entries():
                a, b = pinyin_forms(normalize(e.short))[0], pinyin_forms(normalize(e.full))[0]
                pairs.append((a, b))
                pairs.append((b, a))
            self._lex_pinyin = (self.lexicon.version, pairs)
        return self._lex_pinyin[1]

    def _pinyin_scores(self, raw: str) -> dict[int, float]:
        full, init, full_index, init_index = self._pinyin_index()
        qpy = query_pinyin(raw)
        if len(qpy) < 2:
            return {}
        variants = [qpy]
        for a, b in self._lexicon_pinyin():
            if len(a) >= 4 and a in qpy:
                v = qpy.replace(a, b, 1)
                if v not in variants:
                    variants.append(v)
        out: dict[int, float] = {}
        cands: set[int] = set()
        for v in variants[:MAX_SCORED_VARIANTS]:
            s = full_index.scores(_ngrams(v, 3))
            if s is not None:
                cands.update(_top(s, CANDIDATES).tolist())
        if cands:
            idx = sorted(cands)
            sc = match_scores(variants[:MAX_SCORED_VARIANTS], [full[i] for i in idx])
            for i, s in zip(idx, sc.tolist()):
                out[i] = max(out.get(i, 0.0), s)
        # Initials (gdzctz): only short queries can be initials.
        if len(qpy) <= 12:
            s = init_index.scores(_ngrams(qpy, 2))
            if s is not None:
                idx = sorted(_top(s, CANDIDATES).tolist())
                sc = match_scores([qpy], [init[i] for i in idx])
                for i, val in zip(idx, sc.tolist()):
                    out[i] = max(out.get(i, 0.0), val * 0.98)
        return out

    # -- search -------------------------------------------------------------------------------
    def parse(self, query: str) -> Query:
        """The query taken apart (text, year, documents, kinds, intent)."""
        return self.parser.parse(query)

    def _match(self, q: Query) -> dict[int, float]:
        """Match quality (0-1, before boosts) of every candidate item."""
        out: dict[int, float] = {}
        if q.text:
            variants = self.lexicon.variants(q.text)[:MAX_SCORED_VARIANTS]
            cands: set[int] = set()
            for v in variants:
                grams = set(v)
                s_name = self.name_index.scores(grams)
                s_text = self.text_index.scores(grams)
                if s_name is None and s_text is None:
                    continue
                total = (s_name if s_name is not None else 0) * 2.0 + (s_text if s_text is not None else 0)
                cands.update(_top(np.asarray(total), CANDIDATES).tolist())
            if cands:
                idx = sorted(cands)
                scores = match_scores(variants, [self.names[i] for i in idx], [self.texts[i] for i in idx],
                                      [self.entries[i].kind == "task" for i in idx])
                out = dict(zip(idx, scores.tolist()))
        if is_ascii_query(q.raw):
            for i, s in self._pinyin_scores(q.raw).items():
                out[i] = max(out.get(i, 0.0), s)
        return out

    def _factor(self, e: _Entry, q: Query) -> float:
        """How much what the query says beyond the name (intent, year, place, kind) favours `e`."""
        f = (INTENT_FACTORS.get(q.intent, NO_INTENT_FACTORS) if q.intent else NO_INTENT_FACTORS)[e.kind]
        if q.year is not None:
            if q.year in e.value_years:
                f *= YEAR_VALUE
            elif e.period and e.period[0] <= q.year <= e.period[1]:
                f *= YEAR_PERIOD
            elif not e.value_years and not e.period:
                f *= YEAR_UNKNOWN
            else:
                f *= YEAR_OTHER
        if q.docs and e.item.doc not in q.docs:
            f *= PLACE_OTHER
        if q.doc_kinds and e.doc_kind not in q.doc_kinds:
            f *= DOC_KIND_OTHER
        return f

    def _hit(self, i: int, score: float) -> Hit:
        e = self.entries[i]
        return Hit(kind=e.kind, id=e.item.id, doc=e.item.doc, line=e.item.line, title=e.title,
                   score=100.0 * score, item=e.item)

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """The items matching `query`, best first, above the answer threshold."""
        q = self.parse(query)
        result = SearchResult(query=query, intent=q.intent, year=q.year, docs=sorted(q.docs), text=q.text)
        if not q.text.strip() and not is_ascii_query(query):
            return result
        matched = self._match(q)
        if not matched:
            return result
        ranked = sorted(((s * self._factor(self.entries[i], q), s, i) for i, s in matched.items()),
                        key=lambda t: (-t[0], -t[1], t[2]))
        best_match = max(matched.values())
        if best_match < ANSWER_THRESHOLD:
            seen: list[str] = []
            for _, s, i in sorted(ranked, key=lambda t: -t[1]):
                if s < SUGGEST_THRESHOLD or len(seen) >= 3:
                    break
                title = self.entries[i].title
                if title not in seen:
                    seen.append(title)
            result.suggestions = seen
            return result
        hits = [self._hit(i, final) for final, s, i in ranked if s >= ANSWER_THRESHOLD][: max(0, limit)]
        result.hits = hits
        result.groups = self._groups(hits, {i: final for final, _, i in ranked})
        return result

    def _groups(self, hits: list[Hit], finals: dict[int, float]) -> list[HitGroup]:
        """Indicators among the hits, each with the same-named indicators of every document."""
        groups: list[HitGroup] = []
        seen: set[str] = set()
        for hit in hits:
            if hit.kind != "indicator":
                continue
            i = self._position.get((hit.doc, hit.id))
            key = self.entries[i].group_key if i is not None else None
            if key is None or key in seen:
                continue
            seen.add(key)
            members = sorted(self.groups.get(key, []), key=lambda j: -finals.get(j, 0.0))
            groups.append(HitGroup(name=hit.title, hits=[self._hit(j, finals.get(j, 0.0)) for j in members]))
        return groups
