"""The abbreviation lexicon: short forms and field synonyms (规上 = 规模以上), editable at run time."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from knowledge.normalize import normalize
from knowledge.own_words import word_bounds

DEFAULT_PATH = Path(__file__).parent / "data" / "abbreviations.tsv"
# Everyday wording → the plans' terms (电瓶车 → 电动自行车), general vocabulary shipped beside it.
EVERYDAY_PATH = Path(__file__).parent / "data" / "everyday_words.tsv"
KINDS = ("abbr", "syn", "everyday")  # everyday: the staff's wording → the plans' term, one way only
# More variants than this cost latency and add noise, never a better hit.
MAX_VARIANTS = 24
VARIANT_CACHE = 4096
# A term said for more everyday words than this joins words of different meanings: no siblings through it.
SIBLING_SAYERS = 6


@dataclass(frozen=True)
class Entry:
    """One lexicon pair: a short (or everyday) form and the full (or document) form."""

    short: str
    full: str
    kind: str = "abbr"

    def as_dict(self) -> dict[str, str]:
        """The entry as plain data (for storage and admin listings)."""
        return {"short": self.short, "full": self.full, "kind": self.kind}


class Lexicon:
    """A set of short/full pairs used in both directions to rewrite queries.

    The search reads the lexicon at query time, so `add`/`remove` take effect on the next query;
    `version` changes on every edit so callers can cache derived data.
    """

    def __init__(self, entries: list[Entry] | None = None) -> None:
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, str], Entry] = {}
        self.version = 0
        # (rewrites, trigger keys) replaced as one tuple, so a query running while an admin edits
        # the lexicon sees either the old or the new state, never a mix.
        self._state: tuple[dict[str, list[str]], list[str]] = ({}, [])
        # everyday word → the plans' terms, and the everyday words by their first character
        self._everyday: tuple[dict[str, list[str]], dict[str, list[str]]] = ({}, {})
        # Everyday phrases also found with a few characters put inside them (see _find_spread), by head.
        self._spread_keys: dict[str, list[str]] = {}
        # Rewrites of recent questions, by (question, version): the search asks for them several times
        # a question, and a thousand keys are looked for each time.
        self._cache: dict[tuple[str, int], list[str]] = {}
        for entry in entries or []:
            self._entries[(normalize(entry.short), normalize(entry.full))] = entry
        self._rebuild()

    @classmethod
    def load(cls, path: Path | str | None = None) -> Lexicon:
        """A lexicon read from a TSV file (short, full, optional kind); the shipped files by default."""
        lex = cls()
        if path is None:
            lex.load_file(EVERYDAY_PATH)
        lex.load_file(path or DEFAULT_PATH)
        return lex

    def load_file(self, path: Path | str) -> int:
        """Add every entry of a TSV file (the rewrites rebuilt once, not per entry: thousands of
        entries would take seconds); returns how many were read."""
        added: list[tuple[tuple[str, str], Entry]] = []
        for raw in Path(path).read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            cols = [c.strip() for c in raw.split("\t")]
            if len(cols) < 2 or not cols[0] or not cols[1]:
                continue
            added.append(self._checked(cols[0], cols[1], cols[2] if len(cols) > 2 and cols[2] in KINDS else "abbr"))
        with self._lock:
            self._entries.update(added)
            self._rebuild()
        return len(added)

    def add(self, short: str, full: str, kind: str = "abbr") -> Entry:
        """Add (or replace) a pair; raises ValueError with a Chinese message on bad input."""
        key, entry = self._checked(short, full, kind)
        with self._lock:
            self._entries[key] = entry
            self._rebuild()
        return entry

    @staticmethod
    def _checked(short: str, full: str, kind: str) -> tuple[tuple[str, str], Entry]:
        """A pair's key and entry; ValueError with a Chinese message on bad input."""
        s, f = normalize(short), normalize(full)
        if not s or not f:
            raise ValueError("简称和全称都不能为空")
        if s == f:
            raise ValueError("简称和全称不能相同")
        if kind not in KINDS:
            raise ValueError(f"类型只能是 {'/'.join(KINDS)}")
        return (s, f), Entry(short.strip(), full.strip(), kind)

    def remove(self, short: str, full: str | None = None) -> int:
        """Remove the pairs with this short form (and this full form if given); returns how many."""
        s = normalize(short)
        f = normalize(full) if full is not None else None
        with self._lock:
            keys = [k for k in self._entries if k[0] == s and (f is None or k[1] == f)]
            for key in keys:
                del self._entries[key]
            if keys:
                self._rebuild()
        return len(keys)

    def restore(self, entries: list[Entry]) -> None:
        """Make these the lexicon's entries, all at once (one rebuild, one version change)."""
        checked = [self._checked(e.short, e.full, e.kind) for e in entries]
        with self._lock:
            self._entries = dict(checked)
            self._rebuild()

    def entries(self) -> list[Entry]:
        """Every entry, in insertion order."""
        return list(self._entries.values())

    def expansions(self, text: str) -> list[str]:
        """The other forms of `text` (normalised) when it is exactly a lexicon key."""
        return list(self._state[0].get(normalize(text), []))

    def everyday_terms(self, norm_query: str) -> list[list[str]]:
        """The plans' terms for each everyday word of a normalised query (longest words first, none
        overlapping): 老人老接到骗子电话 → [[诈骗, 电信网络诈骗]]."""
        return [own for _, own, _ in self.everyday_matches(norm_query)]

    def everyday_matches(self, norm_query: str) -> list[tuple[str, list[str], list[str]]]:
        """For each everyday word of a normalised query: the word, its terms, and its siblings' terms — those of
        the everyday words sharing a term with it (耗子 → 病媒生物, 鼠害; 老鼠 shares them and says
        灭鼠 too). A plan may write a sibling's term where it writes none of the word's own."""
        rewrites, by_first = self._everyday
        taken = [False] * len(norm_query)
        found: list[tuple[str, list[str], list[str]]] = []
        keys = {k for ch in set(norm_query) for k in by_first.get(ch, ())}
        for key in sorted(keys, key=lambda k: (-len(k), k)):
            start, end = _find_spread(norm_query, key)
            if start < 0 or any(taken[start:end]) or _straddles(norm_query, start, end) \
                    or _inside_longer_word(norm_query, start, end):
                continue
            taken[start:end] = [True] * (end - start)
            own = list(rewrites[key])
            found.append((key, own, self._siblings(key, own)))
        return found

    def _siblings(self, key: str, own: list[str]) -> list[str]:
        """The terms of the everyday words sharing a term with `key` (through terms few words share:
        a term said for many, 有害垃圾, joins words that mean different things)."""
        rewrites, _ = self._everyday
        sayers = self._sayers
        out: list[str] = []
        for term in own:
            words = sayers.get(term, ())
            if len(words) > SIBLING_SAYERS:
                continue
            out.extend(t for w in words if w != key for t in rewrites[w] if t not in own)
        return list(dict.fromkeys(out))

    def _rebuild(self) -> None:
        rewrites: dict[str, list[str]] = {}
        everyday: dict[str, list[str]] = {}
        for (s, f), entry in self._entries.items():
            rewrites.setdefault(s, []).append(f)
            if entry.kind == "everyday" and len(s) >= 2:
                everyday.setdefault(s, []).append(f)
            if entry.kind != "everyday":
                rewrites.setdefault(f, []).append(s)
        # An everyday phrase's term may itself be said otherwise where a plan was written (拉土车 →
        # 渣土车, which Shenzhen's plans call 泥头车): the terms of its terms follow its own. (Not
        # through two-character words, which widen at each step: 工资 → 收入 → 可支配收入.)
        for key, terms in everyday.items():
            if len(key) < 3:
                continue
            further = [t2 for t in terms if len(t) >= 3 for t2 in everyday.get(t, ()) if t2 != key]
            for term in dict.fromkeys(further):
                if term not in terms:
                    terms.append(term)
                if term not in rewrites[key]:
                    rewrites[key].append(term)
        # Everyday phrases also found with characters inside them, by their first two characters (kept
        # whole by _find_spread): only those whose head the question holds are looked for.
        spread: dict[str, list[str]] = {}
        for key in everyday:
            if len(key) >= 3:
                spread.setdefault(key[:2], []).append(key)
        self._spread_keys = spread
        # Longest keys first, so 规模以上工业 is rewritten before 规模以上; single characters never
        # trigger a rewrite (率 → 比例 everywhere would only add noise).
        keys = sorted((k for k in rewrites if len(k) >= 2), key=len, reverse=True)
        by_first: dict[str, list[str]] = {}
        for key in everyday:
            by_first.setdefault(key[0], []).append(key)
        self._everyday = (everyday, by_first)
        sayers: dict[str, list[str]] = {}  # a term → the everyday words said for it
        for key, terms in everyday.items():
            for term in terms:
                sayers.setdefault(term, []).append(key)
        self._sayers = sayers
        self._state = (rewrites, keys)
        self.version += 1

    def variants(self, norm_query: str) -> list[str]:
        """`norm_query` and its rewrites (each key found replaced by its other forms), original first."""
        # The version before the state: an edit in between files the new state's rewrites under the
        # old version, which no one asks for again.
        version = self.version
        state = self._state
        cached = self._cache.get((norm_query, version))
        if cached is not None:
            return list(cached)
        out = self._variants(norm_query, state)
        if len(self._cache) >= VARIANT_CACHE:
            self._cache.clear()
        self._cache[(norm_query, version)] = out
        return list(out)

    def _variants(self, norm_query: str, state: tuple[dict[str, list[str]], list[str]]) -> list[str]:
        rewrites, keys = state
        found: list[tuple[int, str]] = []
        taken = [False] * len(norm_query)
        said: dict[str, str] = {}  # (what the query says for a key, when not the key as written)
        heads = self._spread_keys
        everyday = self._everyday[0]  # (an everyday word across two words of the question is none: 物管 in 宠物管理)
        spread = {k for i in range(len(norm_query) - 1) for k in heads.get(norm_query[i:i + 2], ())}
        for key in keys:
            start = norm_query.find(key)
            if start < 0 and key in spread:
                # 拉渣土的大货车 holds 拉渣土的车: an everyday word with a few characters put inside it
                start, end = _find_spread(norm_query, key)
                if start >= 0 and not any(taken[start:end]):
                    taken[start:end] = [True] * (end - start)
                    said[key] = norm_query[start:end]
                    found.append((start, key))
                continue
            while start >= 0:
                span = range(start, start + len(key))
                if not any(taken[i] for i in span) \
                        and not (key in everyday and (_straddles(norm_query, start, start + len(key))
                                                      or _inside_longer_word(norm_query, start, start + len(key)))):
                    for i in span:
                        taken[i] = True
                    found.append((start, key))
                start = norm_query.find(key, start + 1)
        out = [norm_query]
        count = {norm_query: 0}
        for _, key in sorted(found):
            written = said.get(key, key)
            for base in list(out):
                if written not in base:
                    continue
                for repl in rewrites[key]:
                    v = base.replace(written, repl, 1)
                    if v not in count:
                        count[v] = count[base] + 1
                        out.append(v)
                        if len(out) >= MAX_VARIANTS:
                            return self._most_rewritten_first(out, count)
        return self._most_rewritten_first(out, count)

    @staticmethod
    def _most_rewritten_first(out: list[str], count: dict[str, int]) -> list[str]:
        """The original, then the variants with the most words rewritten: with several everyday
        words in one query (老人白天托管), the one in the plan's words throughout is the likely match,
        and callers score only the first few variants."""
        return out[:1] + sorted(out[1:], key=lambda v: -count[v])


_default: Lexicon | None = None


def default_lexicon() -> Lexicon:
    """The process-wide lexicon (the shipped file plus run-time edits), loaded on first use."""
    global _default
    if _default is None:
        _default = Lexicon.load()
    return _default


# An everyday word of three characters or more is also found with this many characters inside it
# (暖气老不热 holds 暖气不热, 拉土的大货车 holds 拉土车): chat puts an adverb or a particle in.
SPREAD = 2


def _find_spread(text: str, key: str) -> tuple[int, int]:
    """(start, end) of `key` in `text`, as written or with at most SPREAD characters inside it after its
    first two (a word's head is kept whole); (-1, -1) when it is not there."""
    start = text.find(key)
    if start >= 0:
        return start, start + len(key)
    if len(key) < 3:
        return -1, -1
    at = text.find(key[:2])
    while at >= 0:
        k, extra = at + 2, 0
        for ch in key[2:]:
            nxt = text.find(ch, k, k + 1 + SPREAD - extra)
            if nxt < 0:
                break
            extra += nxt - k
            k = nxt + 1
        else:
            return at, k
        at = text.find(key[:2], at + 1)
    return -1, -1


# Characters a word of the question adds to an everyday word inside it that make it a kind of its own
# (高尔夫球场 is no 球场 the plans speak of; 足球场 adds one and still is).
KIND_OF_ITS_OWN = 2


def _inside_longer_word(text: str, start: int, end: int) -> bool:
    """Is the everyday word at text[start:end] the end of one word of the question that puts KIND_OF_ITS_OWN
    characters or more before it (球场 in 高尔夫球场: a thing the everyday word does not say)?"""
    bounds = word_bounds(text)
    if end not in bounds or start in bounds or any(start < b < end for b in bounds):
        return False  # (工作部署 in 信访工作|部署: across two words, no end of one)
    begin = max(b for b in bounds if b < start)
    return start - begin >= KIND_OF_ITS_OWN


def _straddles(text: str, start: int, end: int) -> bool:
    """Is the two-character key found at text[start:end] the end of one word and the start of the next,
    both words of two characters or more (物管 in 宠物管理: 宠物 and 管理), no word of the question? (Where
    a character stands alone, jieba's cut is no evidence: 非|遗传承 still writes 非遗.)"""
    if end - start != 2:
        return False
    bounds = sorted(word_bounds(text))
    if start + 1 not in bounds:
        return False
    k = bounds.index(start + 1)
    return 0 < k < len(bounds) - 1 and bounds[k] - bounds[k - 1] >= 2 and bounds[k + 1] - bounds[k] >= 2
