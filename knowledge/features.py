"""Ranker features: each signal that an item answers a question, as one number per candidate.

The signals: fuzzy/pinyin match quality (knowledge/fuzzy.py), BM25 and idf-weighted coverage of
the query's bigrams in the item's name, heading and text (knowledge/textindex.py), how much of
the name the query explains, exact containment, the item's kind against the question's intent,
the year and document kind the question names, and (filled by the index) the answer type the
question's form asks for and the question's rare characters an item holds. Weights live in knowledge/data/ranker.json,
fitted by bench/fit_ranker.py; nothing here is tuned by hand.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import LCSseq

from knowledge.fuzzy import ITEM_ASPECTS
from knowledge.own_words import CHAT_TAGS, tagged
from knowledge.query import Query
from knowledge.textindex import K1, BigramField, bigrams
from knowledge.wordlists import words

_ASCII = re.compile(r"[a-z0-9]+")
# Function characters a question needs no item to explain (小孩上幼儿园的比例: 的).
_FUNCTION = re.compile(r"[的了之和与及或]")
SHORT_QUESTION = 4  # characters, after aspect words
KINDS = ("indicator", "task", "section", "term", "passage")
NAMES = (
    "fuzzy", "fuzzy_sq", "cov_name", "cov_context", "cov_text", "bm25_name", "bm25_text",
    "name_explained", "exact_name", "exact_text",
    *(f"kind_{k}" for k in KINDS), "actual",
    "intent_match", "intent_other", "year_value", "year_period", "year_conflict",
    "doc_kind_match", "doc_kind_other", "query_len", "pinyin", "text_len",
    "match", "match_sq", "match_gap", "fuzzy_gap", "no_text", "fuzzy_name", "name_equal", "name_gap",
    "unseen", "explained", "both_unexplained", "long_cov_text", "long_bm25_text", "asked_kind_named",
    "cov_window", "long_cov_window", "doc_cov", "long_doc_cov", "cov_local", "answer_type", "rare_chars",
    "stated_figure", "asked_past", "asked_unit", "asked_ahead",
)


def char_bigrams(text: str) -> set[str]:
    """The character bigrams of a string (a one-character string is its own gram)."""
    return {text[k:k + 2] for k in range(len(text) - 1)} if len(text) > 1 else {text}


@dataclass
class FieldScores:
    """Per-item scores of the query (best over its lexicon variants) on every field."""

    cov_name: np.ndarray
    cov_context: np.ndarray
    cov_text: np.ndarray
    bm25_name: np.ndarray
    bm25_text: np.ndarray
    grams: set[str]  # the question's character bigrams (best variant)
    # Share of the question's bigrams (best variant, by count) that no item holds anywhere: a
    # question about something the plans never mention (森林覆盖率: 森林 is nowhere).
    unseen: float = 0.0


def field_scores(variants: Sequence[str], name: BigramField, context: BigramField,
                 text: BigramField, penalty: float) -> FieldScores:
    """Coverage and normalised BM25 of the best variant per field (a rewrite counts a little less)."""
    size = name.size
    out = FieldScores(np.zeros(size), np.zeros(size), np.zeros(size), np.zeros(size), np.zeros(size),
                      grams=set(), unseen=1.0)
    for k, v in enumerate(variants):
        grams = bigrams(v) if v else np.zeros(0, dtype=np.int64)
        if not len(grams):
            continue
        if k == 0:
            out.grams = char_bigrams(v)
        seen = [g in name.idf_of or g in text.idf_of or g in context.idf_of for g in grams.tolist()]
        out.unseen = min(out.unseen, 1.0 - sum(seen) / len(seen))
        f = 1.0 if k == 0 else penalty
        # BM25 normalised by the score the query's own grams could reach at most.
        top_name = float(name.idf(grams).sum()) * (K1 + 1) or 1.0
        top_text = float(text.idf(grams).sum()) * (K1 + 1) or 1.0
        np.maximum(out.cov_name, f * name.coverage(grams), out=out.cov_name)
        np.maximum(out.cov_context, f * context.coverage(grams), out=out.cov_context)
        np.maximum(out.cov_text, f * text.coverage(grams), out=out.cov_text)
        np.maximum(out.bm25_name, f * name.scores(grams) / top_name, out=out.bm25_name)
        np.maximum(out.bm25_text, f * text.scores(grams) / top_text, out=out.bm25_text)
    return out


@dataclass
class Candidate:
    """What the features need to know of one item beside the field scores."""

    kind: str
    name: str
    text: str
    actual: bool
    years: frozenset[int]
    period: tuple[int, int] | None
    doc_kind: str
    context: str = ""  # the heading it sits under (and an indicator's table category)


def feature_row(c: Candidate, i: int, fs: FieldScores, fuzzy: float, fuzzy_name: float, q: Query,
                variants: Sequence[str], ascii_query: bool, cov_window: float = 0.0,
                doc_cov: float = 0.0) -> list[float]:
    """The feature vector (in NAMES order) of candidate `c` (entry number `i`); `cov_window`: the
    question's coverage by the running text around a passage (its own text for other kinds);
    `doc_cov`: its document's coverage of the question, relative to the best document's."""
    name_grams = char_bigrams(c.name) if len(c.name) >= 2 else set()
    explained = len(name_grams & fs.grams) / len(name_grams) if name_grams else 0.0
    exact_name = float(bool(c.name) and any(v and v in c.name for v in variants))
    exact_text = float(any(len(v) >= 2 and v in c.text for v in variants))
    year_value = year_period = year_conflict = 0.0
    if q.year is not None:
        if q.year in c.years:
            year_value = 1.0
        elif c.period and c.period[0] <= q.year <= c.period[1]:
            year_period = 1.0
        elif c.years or c.period:
            year_conflict = 1.0
    kind_match = doc_other = 0.0
    if q.doc_kinds:
        kind_match, doc_other = (1.0, 0.0) if c.doc_kind in q.doc_kinds else (0.0, 1.0)
    return [
        fuzzy, fuzzy * fuzzy, fs.cov_name[i], fs.cov_context[i], fs.cov_text[i],
        fs.bm25_name[i], fs.bm25_text[i], explained, exact_name, exact_text,
        *(float(c.kind == k) for k in KINDS), float(c.actual),
        float(q.intent is not None and q.intent == c.kind),
        float(q.intent is not None and q.intent != c.kind),
        year_value, year_period, year_conflict, kind_match, doc_other,
        min(len(q.text), 20) / 20.0, float(ascii_query) * fuzzy,
        math.log1p(len(c.text)) / 6.0,
        *([0.0] * 4), float(not c.text), fuzzy_name, float(bool(c.name) and c.name in variants), 0.0,
        fs.unseen, _explained(c, variants), _both_unexplained(c, variants),
        # A long question is matched by running text more than by a name.
        min(len(q.text), 30) / 30.0 * fs.cov_text[i], min(len(q.text), 30) / 30.0 * fs.bm25_text[i],
        # The kind asked for (什么是 → a term) with the very name asked about.
        float(q.intent is not None and q.intent == c.kind and bool(c.name) and c.name in variants),
        cov_window, min(len(q.text), 30) / 30.0 * cov_window,
        doc_cov, min(len(q.text), 30) / 30.0 * doc_cov,
        0.0,  # (cov_local: filled by add_local, over the question's candidates)
        0.0,  # (answer_type: filled by the index, from the question's expected answer types)
        0.0,  # (rare_chars: filled by the index, from every item's characters)
        0.0,  # (stated_figure: filled by the index, from the figures the question states)
        0.0,  # (asked_past: filled by the index, from the parts that look back)
        0.0,  # (asked_unit: filled by the index, from the unit a how-many question asks in)
        0.0,  # (asked_ahead: filled by the index, from the parts that look back)
    ]


def _both_unexplained(c: Candidate, variants: Sequence[str]) -> float:
    """How many characters the question and the name each leave unexplained (the fewer of the two,
    0-1 over five characters): 规上工业增加值 against 规模以上工业企业数量 are two different figures."""
    if not c.name:
        return 0.0
    best = 5
    for v in variants[:4]:
        if v and v not in c.name:
            lcs = LCSseq.similarity(v, c.name)
            best = min(best, max(0, min(len(v) - lcs, len(c.name) - lcs)))
        elif v:
            best = 0
    return best / 5.0


# The aspect words taken out of a question when deciding whether an item may answer it at all: a word of
# two characters or more wherever it stands, a one-character one (年, 率, 数, 建) only at the end — inside
# a word it is part of it (老年食堂, 数字经济). (The ranker's feature keeps the fitted reading, ITEM_ASPECTS
# everywhere: read this way without a refit it lost more development questions than it gained.)
_WHOLE_ASPECTS = re.compile("|".join(
    [re.escape(w) for w in words("item_aspects") if len(w) > 1]
    + [f"(?:{'|'.join(re.escape(w) for w in words('item_aspects') if len(w) == 1)})+$"]))


@functools.lru_cache(maxsize=4096)
def _core(raw: str, whole_words: bool = False) -> str:
    """A question variant without what needs no explaining: aspect words (数量, 扩容), Latin
    qualifiers (AI) and function characters (的); computed once per variant, not per candidate.
    Where something was taken out a space stays: 名师工作室 is 名师 and 室, not the bigram 师室."""
    v = (_WHOLE_ASPECTS if whole_words else ITEM_ASPECTS).sub(" ", raw)
    rest = _ASCII.sub(" ", v)
    # Latin letters are a qualifier (AI赋能产业) when the characters outweigh them, else the
    # subject itself (PM2.5以下).
    letters = len(v.replace(" ", "")) - len(kept := rest.replace(" ", ""))
    if kept and len(kept) >= letters:
        v = rest
    pieces = [_without_chatter(piece) for piece in _FUNCTION.sub(" ", v).split()]
    return " ".join(p for p in pieces if p) or raw


# jieba's tags of the words a question's chat puts around what it asks, which no item needs to explain:
# the words of chat (那些, 得, 都, 给), onomatopoeia and classifiers (个, 片).
_CHATTER_TAGS = (*CHAT_TAGS, "o", "q")


def _without_chatter(piece: str) -> str:
    """A piece of a question without its chat words (那些搞服务挣钱的企业 → 搞服务挣钱企业; a digit is kept)."""
    if len(piece) < 3:
        return piece
    kept = [w for w, tag in tagged(piece) if not tag.startswith(_CHATTER_TAGS) or any(ch.isdigit() for ch in w)]
    return "".join(kept)


def _units(core: str) -> set[str]:
    """What a short question's core must find in a text: the bigrams of each piece left by _core
    (a piece of one character is its own unit)."""
    return {g for piece in core.split() for g in char_bigrams(piece)}


def explained_in_context(c: Candidate, variants: Sequence[str]) -> float:
    """Share of the question the item explains with the heading it sits under (展望2035年的远景目标:
    远景目标 is the heading of the passage that answers): whether it may answer at all, not how well
    (every item under a heading would otherwise explain a question that names the heading)."""
    return _explained(c, variants, with_context=True)


def aspects_inside_words(variants: Sequence[str]) -> bool:
    """Does taking one-character aspect words out of the middle change a variant (老年食堂 → 老食堂)?
    When none does, explained_whole is what the ranker's feature already says."""
    return any(_core(v, True) != _core(v) for v in variants[:4])


def explained_whole(c: Candidate, variants: Sequence[str]) -> float:
    """Share of the question the item explains, its one-character aspect words kept inside words
    (老年食堂 is explained by 推进老年食堂建设, not only its 老 and 食堂): whether it may answer at all."""
    return _explained(c, variants, whole_words=True)


def _explained(c: Candidate, variants: Sequence[str], with_context: bool = False,
               whole_words: bool = False) -> float:
    """Share of the question's characters the item explains (best variant): by the longest common
    subsequence with a name, by the characters (a short question: the bigrams) present in its text."""
    best = 0.0
    text = c.text + c.context if c.text and with_context else c.text
    for raw in variants[:4]:
        core = _core(raw, whole_words)
        v = core.replace(" ", "")
        if c.name:
            best = max(best, LCSseq.similarity(v, c.name) / len(v))
        if text and len(v) > SHORT_QUESTION:
            best = max(best, 0.9 * sum(1 for ch in v if ch in text) / len(v))
        elif text and len(v) > 1:
            # A short question's characters scattered over a paragraph explain nothing (固头 is
            # not 巩固 … 回头看): its bigrams must be there.
            grams = _units(core)
            best = max(best, 0.9 * sum(1 for g in grams if g in text) / len(grams))
    return best


def add_local(x: np.ndarray, texts: Sequence[str], docs: Sequence[int], grams: set[str]) -> np.ndarray:
    """Fill cov_local: the share of the question's bigrams a candidate's text holds, each weighted by
    how few of the candidates of the same document hold it (an idf among its siblings). The words
    every paragraph of a document shares (公立医院 in a hospital reform) name the document; the ones
    that set one paragraph apart (薪酬分配) are what the question asks of it."""
    if not len(x) or not grams:
        return x
    units = sorted(grams)
    has = np.array([[g in t for g in units] for t in texts], dtype=np.float64).reshape(len(texts), len(units))
    # (each document's counts at once: the candidates come from hundreds of documents in a large base)
    _, doc = np.unique(np.asarray(docs), return_inverse=True)
    df = np.zeros((int(doc.max()) + 1, len(units)))
    np.add.at(df, doc, has)
    n = np.bincount(doc).astype(np.float64)[:, None]
    weight = np.log((n - df + 0.5) / (df + 0.5) + 1.0)[doc]
    x[:, NAMES.index("cov_local")] = (has * weight).sum(axis=1) / weight.sum(axis=1)
    return x


def add_relative(x: np.ndarray) -> np.ndarray:
    """Fill the features that compare a candidate with the question's best candidate: the best
    field match, and how far each candidate is behind the best of the question."""
    if not len(x):
        return x
    col = {n: k for k, n in enumerate(NAMES)}
    match = np.maximum.reduce([x[:, col["fuzzy"]], x[:, col["cov_name"]], 0.9 * x[:, col["cov_text"]]])
    x[:, col["match"]] = match
    x[:, col["match_sq"]] = match * match
    x[:, col["match_gap"]] = match - match.max()
    x[:, col["fuzzy_gap"]] = x[:, col["fuzzy"]] - x[:, col["fuzzy"]].max()
    x[:, col["name_gap"]] = x[:, col["fuzzy_name"]] - x[:, col["fuzzy_name"]].max()
    return x
