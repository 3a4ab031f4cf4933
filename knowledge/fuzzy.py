"""Fuzzy and pinyin matching of a query to every item's name, heading and text (one ranker signal).

rapidfuzz on normalised characters finds names typed with typos, abbreviations expanded by the
lexicon, and pinyin (full or initials) for Latin input. Its match quality (0-1) is one feature of
the ranker in knowledge/search.py, beside BM25 and the question's constraints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from knowledge.contrasts import swapped, unanswered_procedure
from knowledge.identity import indicator_key
from knowledge.lexicon import Lexicon, default_lexicon
from knowledge.models import Indicator, ItemKind, KnowledgeBase, Passage, Section, Task, Term
from knowledge.normalize import bracketed_words, is_ascii_query, normalize, normalize_name
from knowledge.pinyin_index import pinyin_forms, query_pinyin
from knowledge.query import Query, QueryParser, arabic_years
from knowledge.wordlists import alternation

# Match quality below which a near name is not even a suggestion (the caps below hold a match
# that is probably another item to just above it).
SUGGEST_THRESHOLD = 0.42
# Text fields are evidence, but weaker than the item's own name.
# An indicator's text is the sentence around it, often holding other indicators: weaker evidence
# than a task's own text or a term's definition.
TEXT_WEIGHTS = {"indicator": 0.70, "task": 0.80, "term": 0.80, "section": 0.0, "passage": 0.80}
TEXT_CHARS = 300
# Field weights: name 1.0 > context (heading, category) > text (per kind, below).
CONTEXT_WEIGHT = 0.72
CONTEXT_CHARS = 60
# Candidates scored in full per query variant; the rest are ruled out by the character index.
CANDIDATES = 128
MAX_SCORED_VARIANTS = 10
VARIANT_PENALTY = 0.97


@dataclass
class _Entry:
    """One searchable item with its precomputed matching forms."""

    kind: ItemKind
    item: Item
    title: str
    name: str
    context: str
    text: str
    value_years: frozenset[int]
    period: tuple[int, int] | None
    doc_kind: str
    group_key: str | None


Item = Indicator | Task | Section | Term | Passage
PASSAGE_TITLE_CHARS = 24
# An indicator's sentence longer than this is matched by the clauses around its name only.
OWN_CLAUSES_FROM = 100
_CLAUSE_CUT = re.compile(r"[，,；;。]")


def with_values(ind: Indicator, text: str) -> str:
    """An indicator's text with the values it states when the text does not write them: a table
    row's text is its name cell, so 市场主体2800家是哪年的 and 失业率控制线是多少 found no figure in it."""
    said = [f"{v.year}年{v.value}" if v.year else v.value
            for v in (ind.baseline, ind.target) if v is not None and v.value and v.value not in text]
    return " ".join([text, *said]) if said else text


def own_clauses(name: str, sentence: str) -> str:
    """What of a long sentence is about one of the figures it states: the clause naming it with the
    clauses on either side (新增就业 in a 500-character sentence about 城市更新, 充电桩 … is matched by
    its own words, not the paragraph's); the sentence itself when short or when the name is not in it."""
    if len(sentence) <= OWN_CLAUSES_FROM:
        return sentence
    clauses = _CLAUSE_CUT.split(sentence)
    key = name[:4]
    at = next((k for k, c in enumerate(clauses) if key and key in c), None)
    if at is None:
        return sentence
    return "，".join(clauses[max(0, at - 1): at + 2])


def display_title(item: Item) -> str:
    """The name the chat shows for an item (a passage: its first words)."""
    if isinstance(item, Indicator):
        return item.name
    if isinstance(item, Term):
        return item.term
    if isinstance(item, Passage):
        text = item.text
        return text if len(text) <= PASSAGE_TITLE_CHARS else text[:PASSAGE_TITLE_CHARS] + "…"
    return item.title


class _GramIndex:
    """An inverted index of n-grams (characters, bigrams, pinyin trigrams) → item numbers.

    Built with numpy in one sort (no Python loop over postings), so a knowledge base of tens of
    thousands of items indexes in well under a second. Grams are packed into integers; postings
    are slices of one sorted array.
    """

    ITEM_BITS = 22  # up to 4 million distinct strings

    def __init__(self, strings: list[str], n: int, bits: int = 21) -> None:
        self.n, self.bits, self.size = n, bits, len(strings)
        # Items often share a string (indicators of one sentence, the same name in many plans):
        # index each distinct string once and map items to it.
        ids: dict[str, int] = {}
        self.inverse = np.fromiter((ids.setdefault(x, len(ids)) for x in strings), dtype=np.int64,
                                   count=len(strings))
        unique = list(ids)
        self.unique_size = len(unique)
        packed = np.zeros(0, dtype=np.int64)
        if unique:
            lengths = np.fromiter((len(x) for x in unique), dtype=np.int64, count=len(unique))
            codes = np.frombuffer("\x00".join(unique).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
            owner = np.repeat(np.arange(len(unique), dtype=np.int64), lengths + 1)[: len(codes)]
            keys, valid = self._pack(codes)
            packed = (keys[valid] << self.ITEM_BITS) | owner[: len(keys)][valid]
            packed.sort()
            # Sorted, so duplicates (a gram twice in one string) are neighbours.
            if len(packed):
                packed = packed[np.concatenate(([True], packed[1:] != packed[:-1]))]
        self.keys = packed >> self.ITEM_BITS
        self.items = (packed & ((1 << self.ITEM_BITS) - 1)).astype(np.int32)

    def _pack(self, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(gram keys, which are whole grams) for every start position of a code array."""
        count = len(codes) - self.n + 1
        if count <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
        keys = np.zeros(count, dtype=np.int64)
        valid = np.ones(count, dtype=bool)
        for k in range(self.n):
            part = codes[k:k + count]
            keys = (keys << self.bits) | (part & ((1 << self.bits) - 1))
            valid &= part != 0
        return keys, valid

    def grams(self, s: str) -> np.ndarray:
        """The distinct gram keys of one query string (plain Python: queries are short)."""
        mask = (1 << self.bits) - 1
        codes = [ord(ch) & mask for ch in s]
        keys: set[int] = set()
        for i in range(len(codes) - self.n + 1):
            key = 0
            for code in codes[i:i + self.n]:
                key = (key << self.bits) | code
            keys.add(key)
        return np.array(sorted(keys), dtype=np.int64)

    def holding(self, s: str) -> np.ndarray:
        """The items whose string holds every gram of `s` (sorted item numbers; none for a string
        shorter than a gram)."""
        owners: np.ndarray | None = None
        for g in self.grams(s).tolist():
            found = self.items[np.searchsorted(self.keys, g, "left"):np.searchsorted(self.keys, g, "right")]
            owners = found if owners is None else np.intersect1d(owners, found)
        if owners is None or not len(owners):
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(np.isin(self.inverse, owners))

    def coverage(self, s: str) -> np.ndarray | None:
        """Per item, the idf-weighted share of the query's grams it holds (0-1); None if no grams."""
        grams = self.grams(s)
        if len(grams) == 0:
            return None
        lo = np.searchsorted(self.keys, grams, side="left")
        hi = np.searchsorted(self.keys, grams, side="right")
        df = hi - lo
        # A gram no string holds still counts in the total: the query asked for it.
        idf = np.log1p(self.unique_size / np.maximum(df, 1))
        total = float(idf.sum())
        parts = [self.items[a:b] for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a]
        if not parts or total <= 0:
            return np.zeros(self.size, dtype=np.float64)
        weights = np.repeat(idf[df > 0], df[df > 0])
        per_string = np.bincount(np.concatenate(parts), weights=weights, minlength=self.unique_size) / total
        return per_string[self.inverse]


def top_positive(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the (at most) k highest positive scores, in no particular order."""
    nonzero = np.flatnonzero(scores > 0)
    if len(nonzero) <= k:
        return nonzero
    part = np.argpartition(-scores[nonzero], k)[:k]
    return nonzero[part]


def match_scores(variants: list[str], names: list[str], long_names: list[bool] | None = None,
                 subsequence: bool = True) -> np.ndarray:
    """Match quality (0-1) of each name for the best query variant: shape (len(names),).

    partial_ratio and LCS coverage, normalised for length — a short query inside a long name, or
    a short name inside a long question, counts for less than an equal-length match. Rewritten
    variants (abbreviation expanded, synonym used) count almost as the original (first) one.
    `subsequence=False` for pinyin letters, where a long common subsequence of a 26-letter
    alphabet is no evidence.
    """
    if not names or not variants:
        return np.zeros(len(names), dtype=np.float32)
    m = np.array([len(v) for v in variants], dtype=np.float32)[:, None]
    n = np.array([max(1, len(x)) for x in names], dtype=np.float32)[None, :]
    pr = process.cdist(variants, names, scorer=fuzz.partial_ratio, dtype=np.float32) / 100.0
    if subsequence:
        lcs = process.cdist(variants, names, scorer=LCSseq.similarity, dtype=np.float32)
    else:
        lcs = np.zeros((len(variants), len(names)), dtype=np.float32)
    exact = np.array([[v == x for x in names] for v in variants], dtype=bool)
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
    if subsequence:
        # Half the query or more unexplained by the name is no answer however well the rest fits:
        # 火星基地 against …体验基地 (only 基地 is there); the query being what is left after question
        # words are taken out, 城镇登记结婚人数 against 城镇登记失业率 or 停车收费标准 against 停车位 asks
        # about something else. (A query wholly inside the name, pr = 1, explains all of it.)
        score = np.where((pr < 1.0) & (cov_q <= 0.5), np.minimum(score, cov_q + 0.05), score)
        # Three or more characters of the query and three or more of the name that the other
        # does not explain (规上工业增加值 against 规模以上工业企业数量): two different items.
        both = (pr < 1.0) & (m - lcs >= 3) & (n - lcs >= 3)
        score = np.where(both, np.minimum(score, SUGGEST_THRESHOLD + 0.1), score)
        score = _cap_other_topic(score, variants, names, pr, m, n)
        score = _cap_opposites(score, variants, names, pr)
    score = np.where(exact, 1.0, score)
    return (score * _variant_penalty(len(variants))).max(axis=0)


# Words that say which figure of an item is asked about (knowledge/data/item_aspects.txt).
ITEM_ASPECTS = re.compile(alternation("item_aspects"))

_CJK = re.compile(r"[\u3400-\u9fff]")
ASKED_FIGURE = re.compile(r"(?:的)?(?:总额|总数|总量|数量|个数|人数|规模)$")
# Unexplained characters (after aspects) from which a query is about another topic.
OTHER_TOPIC_CHARS = 3


def _cap_other_topic(score: np.ndarray, variants: list[str], names: list[str], pr: np.ndarray,
                     m: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Cap a name found whole inside a longer query when the rest of the query names another
    topic as long as the name itself (重点项目招标公告 is not about 重点项目): a suggestion only."""
    rows, cols = np.nonzero((pr >= 1.0) & (m > n))
    if not len(rows):
        return score
    score = score.copy()
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        rest = ITEM_ASPECTS.sub("", variants[r].replace(names[c], "", 1))
        # Letters next to a name are a qualifier (AI算力), not another topic: count characters.
        if len(_CJK.findall(rest)) >= max(OTHER_TOPIC_CHARS, (len(names[c]) + 1) // 2):
            score[r, c] = min(score[r, c], SUGGEST_THRESHOLD + 0.1)
    return score


def _cap_opposites(score: np.ndarray, variants: list[str], names: list[str], pr: np.ndarray) -> np.ndarray:
    """Keep to a suggestion a near match whose one difference is a character swapped for its
    opposite (实际利用外资 against 实际利用内资) or another measure (增加值 for 总产值):
    knowledge/data/contrasts.tsv."""
    rows, cols = np.nonzero((score >= SUGGEST_THRESHOLD) & (pr < 1.0))
    out = score
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        if swapped(variants[r], names[c]):
            if out is score:
                out = score.copy()
            out[r, c] = min(out[r, c], SUGGEST_THRESHOLD + 0.1)
    return out


def _variant_penalty(count: int) -> np.ndarray:
    return np.array([1.0] + [VARIANT_PENALTY] * (count - 1), dtype=np.float32)[:, None]


def _text_length_factor(m: int) -> float:
    """A two-character query found in a long paragraph says little; an eight-character one more."""
    return 0.75 + 0.25 * min(1.0, m / 8.0)


class FuzzyMatcher:
    """Fuzzy and pinyin match quality of queries against every item (typed items, actuals, passages)."""

    def __init__(self, kb: KnowledgeBase, lexicon: Lexicon | None = None) -> None:
        self.kb = kb
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self.parser = QueryParser(kb.documents)
        docs = {d.file: d for d in kb.documents}
        sections = {sec.id: sec for sec in kb.sections}
        entries: list[_Entry] = []
        for kind, items in (("indicator", kb.indicators), ("task", kb.tasks),
                            ("section", kb.sections), ("term", kb.terms), ("indicator", kb.actuals),
                            ("passage", kb.passages)):
            for item in items:
                entries.append(self._entry(kind, item, docs, sections))  # type: ignore[arg-type]
        self.entries = entries
        self.names = [e.name for e in entries]
        self.texts = [e.text for e in entries]
        self.contexts = [e.context for e in entries]
        self.name_index = _GramIndex(self.names, 1)
        self.context_index = _GramIndex(self.contexts, 1)
        # Bigrams in texts: order matters there (a query's characters scattered over a paragraph
        # are no match); single characters for one-character queries.
        self.text_index = _GramIndex(self.texts, 2)
        self.text_chars = _GramIndex(self.texts, 1)
        self.is_task = np.array([e.kind == "task" for e in entries], dtype=bool)
        self.text_weight = np.array([TEXT_WEIGHTS[e.kind] for e in entries], dtype=np.float64)
        self._pinyin: tuple[list[str], list[str], _GramIndex, _GramIndex] | None = None
        self._lex_pinyin: tuple[int, list[tuple[str, str]]] | None = None
        groups: dict[str, list[int]] = {}
        for i, e in enumerate(entries):
            if e.group_key:
                groups.setdefault(e.group_key, []).append(i)
        self.groups = groups
        self._position = {(e.item.doc, e.item.id): i for i, e in enumerate(entries)}

    def _entry(self, kind: ItemKind, item: Item, docs: dict,
               sections: dict[str, Section]) -> _Entry:
        doc = docs.get(item.doc)
        lines = self.kb.texts.get(item.doc, [])
        line_text = lines[item.line - 1] if 0 < item.line <= len(lines) else ""
        if isinstance(item, Indicator):
            text = with_values(item, own_clauses(item.name, item.text or line_text))
        elif isinstance(item, Task):
            text = item.text or line_text
        elif isinstance(item, Term):
            text = item.definition
        elif isinstance(item, Passage):
            text = item.text
        else:
            text = ""
        title = display_title(item)
        # A passage has no name: it is matched by its text only.
        # (years in Chinese digits in digits, as questions are read: 二〇三五年 → 2035年)
        name = "" if isinstance(item, Passage) else arabic_years(normalize_name(title))
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
        # Context: the heading the item sits under (and an indicator's table category).
        section_id = item.parent if isinstance(item, Section) else item.section
        heading = sections.get(section_id) if section_id else None
        category = item.category if isinstance(item, Indicator) else None
        # 二〇三五年远景目标 in digits, as questions are read (2035年远景目标).
        context = arabic_years(normalize((category or "") + (heading.title if heading else "")))
        return _Entry(
            kind=kind, item=item, title=title, name=name, context=context[:CONTEXT_CHARS], text=_matched_text(text),
            value_years=frozenset(years), period=doc.period if doc else None,
            doc_kind=doc.kind if doc else "other",
            group_key=(indicator_key(title) or None) if kind == "indicator" else None,
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
            self._pinyin = (full, init, _GramIndex(full, 3, bits=7), _GramIndex(init, 2, bits=7))
        return self._pinyin

    def pinyin_forms(self) -> tuple[list[str], list[str]]:
        """Full pinyin and initials of every entry's name, in entry order."""
        full, init, _, _ = self._pinyin_index()
        return full, init

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
            s = full_index.coverage(v)
            if s is not None:
                cands.update(top_positive(s, CANDIDATES).tolist())
        if cands:
            idx = sorted(cands)
            sc = match_scores(variants[:MAX_SCORED_VARIANTS], [full[i] for i in idx], subsequence=False)
            for i, s in zip(idx, sc.tolist(), strict=True):
                out[i] = max(out.get(i, 0.0), s)
        # Initials (gdzctz): only short queries can be initials.
        if len(qpy) <= 12:
            s = init_index.coverage(qpy)
            if s is not None:
                idx = sorted(top_positive(s, CANDIDATES).tolist())
                names = [init[i] for i in idx]
                # Initials are the whole name typed short: gdzctz inside a long title's initials
                # (重中之重 = zzzz) is chance, so partial matches count by the share they cover.
                whole = process.cdist([qpy], names, scorer=fuzz.ratio, dtype=np.float32)[0] / 100.0
                part = process.cdist([qpy], names, scorer=fuzz.partial_ratio, dtype=np.float32)[0] / 100.0
                # …and a name's short initials inside a long query (展会 = zh inside zhihuishequ)
                # count by the share of the query they explain.
                lens = np.array([max(1, len(x)) for x in names], dtype=np.float64)
                cover = np.sqrt(np.minimum(lens, len(qpy)) / np.maximum(lens, len(qpy)))
                sc = np.maximum(whole, part * cover)
                for i, val in zip(idx, sc.tolist(), strict=True):
                    out[i] = max(out.get(i, 0.0), val * 0.98)
        return out

    def warm(self) -> FuzzyMatcher:
        """Build the lazily built parts now (pinyin), so the first pinyin query is not slow."""
        self._pinyin_index()
        self._lexicon_pinyin()
        return self

    # -- search -------------------------------------------------------------------------------
    def parse(self, query: str) -> Query:
        """The query taken apart (text, year, documents, kinds, intent)."""
        return self.parser.parse(query)

    def match(self, q: Query) -> dict[int, float]:
        """Match quality (0-1) of every candidate item: the better of its name and its text."""
        return self.match_fields(q)[0]

    def match_fields(self, q: Query) -> tuple[dict[int, float], dict[int, float]]:
        """Match quality (0-1) of every candidate item, and of its name alone (pinyin counts as name)."""
        out: dict[int, float] = {}
        names_out: dict[int, float] = {}
        if q.text:
            variants = self.lexicon.variants(q.text)[:MAX_SCORED_VARIANTS]
            if q.full and q.full not in variants:
                variants.append(q.full)
            # 税收总额 / 企业总数: the figure asked for, not part of the name (全口径税收).
            bare = ASKED_FIGURE.sub("", q.text)
            if len(bare) >= 2 and bare not in variants:
                variants.append(bare)
            size = len(self.entries)
            pre = np.zeros(size)
            text = np.zeros(size)
            context = np.zeros(size)
            for j, v in enumerate(variants):
                penalty = 1.0 if j == 0 else VARIANT_PENALTY
                name_cov = self.name_index.coverage(v)
                text_cov = (self.text_index if len(v) > 1 else self.text_chars).coverage(v)
                if name_cov is None and text_cov is None:
                    continue
                tc = text_cov * self.text_weight if text_cov is not None else np.zeros(size)
                nc = name_cov if name_cov is not None else np.zeros(size)
                cc = self.context_index.coverage(v)
                text = np.maximum(text, penalty * _text_length_factor(len(v)) * tc)
                pre = np.maximum(pre, penalty * np.maximum(nc, tc))
                if cc is not None:
                    context = np.maximum(context, penalty * CONTEXT_WEIGHT * cc)
                    pre = np.maximum(pre, context)
            idx = sorted(top_positive(pre, CANDIDATES).tolist())
            if idx:
                names = [self.names[i] for i in idx]
                scores = match_scores(variants, names, self.is_task[idx].tolist())
                # The heading can only help where its (upper-bound) coverage beats the name's score.
                with_context = [k for k, i in enumerate(idx)
                                if self.contexts[i] and context[i] > scores[k] and context[i] >= SUGGEST_THRESHOLD]
                if with_context:
                    ctx = CONTEXT_WEIGHT * match_scores(variants, [self.contexts[idx[k]] for k in with_context],
                                                        [True] * len(with_context))
                    scores[with_context] = np.maximum(scores[with_context], ctx)
                for i, sc in zip(idx, scores.tolist(), strict=True):
                    t = float(text[i])
                    if t > 0:
                        # Bigram coverage ignores order: full credit only for a contiguous match.
                        body = self.texts[i]
                        t *= 1.0 if any(v in body for v in variants) else 0.9
                    out[i] = max(sc, t)
                    names_out[i] = sc
                self._cap_procedures(q.text, out)
        if is_ascii_query(q.raw):
            # Letters match letters by chance far more than characters match characters:
            # squaring keeps near-exact pinyin matches and sinks partial ones.
            for i, s in self._pinyin_scores(q.raw).items():
                out[i] = max(out.get(i, 0.0), s * s)
                names_out[i] = max(names_out.get(i, 0.0), s * s)
        return out, names_out

    def _cap_procedures(self, text: str, out: dict[int, float]) -> None:
        """A question about how to apply, what it costs, when something opens (…申请流程, …收费) is
        answered by an item only if the item speaks of it (knowledge/data/contrasts.tsv); plans give
        targets and tasks, so otherwise the item is a suggestion, not the answer."""
        for i, s in out.items():
            if s >= SUGGEST_THRESHOLD + 0.1 and unanswered_procedure(text, self.names[i] + self.texts[i]):
                out[i] = SUGGEST_THRESHOLD + 0.1


def _matched_text(text: str) -> str:
    """An item's text as it is matched: normalised, with the bracketed words that are no unit after it
    (构建“1(党建)+3(工青妇)+7(社区)+N”: 工青妇 is a word of it, and 137n stays as a question writes it)."""
    cut = text[: TEXT_CHARS + 60]
    said = normalize(cut)[:TEXT_CHARS]
    inside = bracketed_words(cut)
    return arabic_years(f"{said} {' '.join(inside)}" if inside else said)
