"""Places a question names that no plan's title names (和平区…, 宝安街道…): what they require of an answer.

The query parser recognises the plans' own places (a document's place is the chain its title starts
with). A place named at the start of a question that is none of them is either a place no plan is
about — the answer must then speak of it — or the place of a plan whose title names no place
(XX街道2023年工作报告) and whose text names it as a place (宝安区 for 宝安街道).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from knowledge.models import KnowledgeBase
from knowledge.normalize import normalize
from knowledge.own_words import dictionary_word, tagged, word_bounds
from knowledge.query import CLAUSE_MARKS, NOT_PLACES, PLACE_JOINS, QUESTION_WORDS, Query, QueryParser
from knowledge.readings import after_leading_time, doc_words, item_nouns
from knowledge.wordlists import merged

# The kinds of place (街道, 区 …), how a chat points at a place (宝安那个街道) and says "over there"
# (宝安那边, 宝安那份: that place's plan); 宝安某街道 names the place of a street it leaves unnamed.
_KINDS = "街道|街|区|县|镇|乡|市"
_POINTING = "那个|这个|某个|那|这|某"
_OVER_THERE = "那边|这边|那里|那儿|那份|这份"
# After 那份 (宝安那份任务里): the document's own word and the 里 pointing into it.
_DOCUMENT_IN = r"[\u4e00-\u9fff]{1,6}?(?:里面|里头|里|中)"
# 宝安街道, and as said in a chat about a place whose plan names it only as XX: 宝安那个街道, 宝安那街道.
# (跟多哇镇…: a preposition before the name is no part of it)
_UNKNOWN_PLACE = re.compile(rf"^(?:跟|与|同|向)?([\u4e00-\u9fff]{{2,3}}?)({_POINTING})?({_KINDS})(?=[\u4e00-\u9fff\da-z]|$)")
# A place with its kind inside a question (…，宝安街道年度任务…): two characters, then the kind.
_INNER_PLACE = re.compile(rf"([\u4e00-\u9fff]{{2}})(?:{_POINTING})?(?:{_KINDS})")
# 各街道, 全区每个镇, 我们街道: which, not a name.
_WHICH = re.compile(r"[各每全本该此这那我你他们其所些]|^[两几三][个份]")
# 市和区市县, 区与街道: kinds of place joined, not a name.
_KINDS_JOINED = re.compile(rf"^(?:{_KINDS})[和与及或、]")
_NEAR_PLACE = re.compile(rf"^([\u4e00-\u9fff]{{2,3}}?)(?:{_OVER_THERE})")
# Where a clause ends in a question as typed, a list's 、 and a space included (the place said "over
# there" may open the next one).
_CLAUSES = re.compile(rf"[{CLAUSE_MARKS}、\s]+")
# A table of the plan (表里, 专栏中), pointed into: no place's name.
_TABLE_WORDS = ("表", "专栏")
# 新增了市场主体, 拿过市质量奖: a place's name holds no function characters.
_FUNCTION_CHARS = re.compile(r"[了的是在要将把被对为从过着给让]")
# 企业找街道提诉求, 居民去街道办: a verb said toward the place's office ends the words before the kind, no name.
_TOWARD_OFFICE = re.compile(r"^[\u4e00-\u9fff]{2}[找去到问向跟请求归交报送回来]$")
# jieba's tags of names (of places, persons, organisations, other proper nouns).
_NAME_TAGS = ("ns", "nr", "nz", "nt")
_PLACE_SUFFIX = re.compile(rf"(?:{_KINDS})$")
# The word joining places named one after another (河北区和宝安), or none (大港街道、河北区、宝安: normalising
# takes the 、 out).
_JOIN_AFTER = re.compile(f"{PLACE_JOINS}?")
_JOIN_BEFORE = re.compile(f"{PLACE_JOINS}?$")
# A plan's period (十四五) said after a place's name, before the word joining another place.
_PERIOD = r"十[一二三四五六七八九]五(?:时期|期间)?"
PLACE_KIND = f"(?:{_KINDS})"  # (a kind of place after a name, as a pattern)


def strip_place_kind(name: str) -> str:
    """A place's name without its kind (宝安街道 → 宝安)."""
    return _PLACE_SUFFIX.sub("", name)
_ADMIN_SUFFIX = rf"(?:{_KINDS})"
_CITY_CHARS = 4  # (a city said before a place: 深圳, 天津市, 乌鲁木齐)
_MEMO_SIZE = 4096  # names remembered as a place only an unplaced plan names, or not


def _word_goes_on(text: str, end: int, start: int | None = None) -> bool:
    """Does a word of the question run on past `end` (农贸市|场: jieba reads 市场 as one word), so that
    what ends there is no name of a place? With `start`, only a word that begins there counts (宝|安定的:
    安定 begins inside the name 宝安, which jieba did not see as one word; 农贸市场 holds all of 农贸市)."""
    if end >= len(text):
        return False
    at = 0
    for word, _ in tagged(text):
        begins = at
        at += len(word)
        if at >= end:
            return at > end and (start is None or begins <= start)
    return False


def _inner_word_first(name: str) -> str:
    """The first word of a place's name whose kind's character ends a dictionary word beginning inside it
    (宝安港区 → 宝安: 宝安|港区); empty when the name ends with the kind (和平区, 古林|街道, 洪顺里|街)."""
    bounds, suffix = word_bounds(name), _PLACE_SUFFIX.search(name)
    kind = suffix.start() if suffix else len(name)
    return next((name[:b] for b in sorted(bounds) if 0 < b < kind and kind not in bounds
                 and dictionary_word(name[b:])), "")


def _after_city(text: str) -> str:
    """The question from the place on when it names a place after its city (深圳粤海街道, 北京朝阳区:
    a place-name word first; 合肥蜀山区, 青岛市南区: a noun the tagger does not know as a city, then a
    word naming a place by its kind), as if the place were said first; else the question as it is."""
    words = tagged(text)
    if len(words) < 2 or not 2 <= len(words[0][0]) <= _CITY_CHARS:
        return text
    city = words[0][1] == "ns" or (words[0][1].startswith("n") and (
        words[1][1] == "ns" or words[1][0].endswith(("区", "县", "街道", "镇"))))
    return text[len(words[0][0]):] if city else text


@functools.cache
def _asking_words() -> tuple[str, ...]:
    """Words of asking that may open a question (想问下, 请问), longest first."""
    return tuple(sorted((w for w in QUESTION_WORDS if len(w) >= 2), key=len, reverse=True))


def _after_asking(text: str) -> str:
    """The question without the words of asking it opens with (想问下南京… → 南京…)."""
    for _ in range(2):  # (请问一下，我想问…: at most two in a row)
        opening = next((w for w in _asking_words() if text.startswith(w)), "")
        if not opening:
            break
        text = text[len(opening):]
    return text


def _later_clauses(raw: str) -> Iterator[str]:
    """The clauses of a question as typed after its first, normalised (a place may open one)."""
    return (normalize(clause) for clause in _CLAUSES.split(raw)[1:])


@functools.cache
def _verbs() -> frozenset[str]:
    """Verbs that open a task (推动, 建设): a question starting with one names no place."""
    return frozenset(merged("action_verbs", "lead_verbs"))


def _without_joined(text: str, name: str) -> str:
    """`text` without a place's name and the word joining it to another place (宝安和, 、宝安)."""
    for pattern in (re.escape(name) + PLACE_JOINS, PLACE_JOINS + re.escape(name), re.escape(name)):
        if re.search(pattern, text):
            return re.sub(pattern, "", text, count=1)
    return text


class UnknownPlaces:
    """The places of one knowledge base's documents, to read a place no title names against."""

    def __init__(self, kb: KnowledgeBase, parser: QueryParser) -> None:
        self.kb = kb
        # Documents whose title names their place (the parser's aliases).
        self.placed = {f for files in [*parser.strong.values(), *parser.weak.values()] for f in files}
        self._texts: dict[str, str] = {}
        # (asked again for each clause of each question, so remembered; a chat's words are unbounded,
        # the memo is not)
        self._unplaced_place = functools.lru_cache(maxsize=_MEMO_SIZE)(self._is_unplaced_place)

    @staticmethod
    def named(q: Query) -> list[str]:
        """A place no plan is about named at the start of the question (和平区, 古林街道; after its city:
        深圳粤海街道, 合肥蜀山区, 青岛市南区): words that must be in an answer."""
        texts = [q.text]
        if not q.docs:  # (天津滨海新区大港街道: a city and district before a known place)
            texts.append(_after_city(q.text))
        for text in dict.fromkeys(texts):
            if named := UnknownPlaces._named_at_start(q, text):
                return named
        return []

    @staticmethod
    def _named_at_start(q: Query, text: str) -> list[str]:
        """The place no plan is about that `text` (the question, or what follows its city) opens with."""
        name = _UNKNOWN_PLACE.match(text)
        # (乡镇街道, 城乡社区…: a word naming a kind of place before the kind is no name either)
        if not name or name.group(0).endswith(NOT_PLACES) or name.group(1).endswith(NOT_PLACES) \
                or _FUNCTION_CHARS.search(name.group(1)) or _TOWARD_OFFICE.match(name.group(1)) \
                or _WHICH.search(name.group(1)) or _KINDS_JOINED.match(name.group(0)) \
                or name.group(1).startswith(tuple(doc_words() | item_nouns()) + _TABLE_WORDS):
            # (全区各街道, 我们街道: which, not a name; 附件里乡村振兴: the document, then words; 名词一街四所:
            # the kind of item asked for, then its words; 表里那个街道生产总值: in the table, the street's)
            return []
        if name.group(1) in _verbs():
            return []  # 推动市重点项目落地: a verb before 市, not a city
        if not re.search(f"{re.escape(name.group(1))}(?:{_POINTING})?{re.escape(name.group(3))}", normalize(q.raw)):
            return []  # 跟北京哪个区签了协议: the name is joined only where a question word was taken out
        if _word_goes_on(text, name.end()):
            return []  # 农贸市场改造, 助力乡村振兴: the kind's character begins a word (市场, 乡村), no place
        return [name.group(1) + name.group(3)]

    def required(self, q: Query) -> list[str]:
        """Words an answer must hold: a place no plan is about named at the start (和平区), or said
        as "over there" (汉沽那边) when no plan writes that name anywhere (学校那边: plans write 学校)."""
        named = [self._as_written(n) for n in self.named(q)]
        if named and (first := _inner_word_first(named[0])) and (self.has_plan(first) or self._named_as_place(first)):
            return []  # 宝安港区码头: 宝安 (a place the plans have), then 港区 (a port area), no place 宝安港区
        if named and q.titled and self._body_word_after_title(q, named[0]):
            return []
        if named and self._phrase_written(q, named[0]):
            return []  # 发挥街道支撑作用有哪些举措: words a plan in scope writes on past the kind, no place
        if named or q.docs:
            return named
        said = _after_asking(normalize(q.raw))  # (想问下南京鼓楼那边…: the place opens what is asked)
        # (广州天河那边: over there after its city, as 天河那边)
        near = _NEAR_PLACE.match(said) or _NEAR_PLACE.match(_after_city(said))
        # (石景山那边: a place the plans name only as another place, 与石景山区签订…, has no plan here
        # either: an answer must hold its name too)
        if near and not _FUNCTION_CHARS.search(name := near.group(1)) \
                and (not self.written(name) or (self._named_as_place(name) and not self.has_plan(name))):
            return [name]
        # (广东天河那块…, 江苏的垃圾分类: a place-name word opening the question, by its part of speech, that no
        # plan writes, said as a place — another place's name after it, or 的 / 那 / 这 pointing at what is there
        # — is a province or city no plan is about)
        opening = tagged(said)[:2]
        if len(opening) == 2 and opening[0][1] == "ns" and 2 <= len(name := opening[0][0]) <= _CITY_CHARS \
                and (opening[1][1] == "ns" or opening[1][0][0] in "的那这") and not self.written(name):
            return [name]
        return []

    def names_a_place(self, word: str) -> bool:
        """Is `word` a place: one a plan is about (宝安), or a city some plan writes as one (深圳市; not an area the
        plans name with 区 after it, 意风区, which may be what is asked about)?"""
        return self.has_plan(word) or any(word + "市" in self.text_of(doc) for doc in self.kb.texts)

    def _named_as_place(self, name: str) -> bool:
        """Does some plan write `name` as a place, with its kind after it (石景山区)?"""
        said = re.compile(re.escape(name) + _ADMIN_SUFFIX)
        return any(said.search(self.text_of(doc)) for doc in self.kb.texts)

    def _phrase_written(self, q: Query, name: str) -> bool:
        """Is the name read as a place a verb, then the kind (发挥街道), that a plan in scope (any, when none
        is named) writes on with the question's next two characters (聚焦发挥街道支撑作用), so that it is a
        phrase of the plan, not a place's name? (an area of a name of its own, 意风区业态, stays a place)"""
        if not all(tag.startswith("v") for _, tag in tagged(strip_place_kind(name))):
            return False
        at = q.text.find(name)
        following = q.text[at + len(name):at + len(name) + 2] if at >= 0 else ""
        return len(following) == 2 and any(name + following in self.text_of(d) for d in (q.docs or self.kb.texts))

    def _body_word_after_title(self, q: Query, name: str) -> bool:
        """Is a place read just after a document's title the title's verb and a word of that document
        (评奖办法规定市评奖委员会…: 规定 + 市评奖委员会, which the document writes; 规定市 it never does)?"""
        kind = name[-1]
        at = q.text.find(name)
        following = q.text[at + len(name):at + len(name) + 2] if at >= 0 else ""
        return len(following) == 2 and not any(name in self.text_of(d) for d in q.docs) \
            and any(kind + following in self.text_of(d) for d in q.docs)

    def _near_in_clause(self, raw: str) -> re.Match[str] | None:
        """"Over there" opening a later clause (拉渣土的大货车到处跑，宝安那边是怎么管的): the place
        only when a plan whose title names no place names it as a place and no other plan writes it."""
        for clause in _later_clauses(raw):
            near = _NEAR_PLACE.match(clause)
            if near and self._unplaced_place(near.group(1)):
                return near
        return None

    def _bare_name(self, text: str) -> list[str]:
        """A place's name said alone at the start (宝安附件第五部分…, 宝安企业提的诉求…): the first two or
        three characters when a plan whose title names no place names them as a place (宝安区) and no
        plan whose title names its place writes them at all (so 工业, 社区 are never a place)."""
        return next(([text[:n]] for n in (3, 2) if len(text) >= n and not _word_goes_on(text, n, start=0)
                     and self._unplaced_place(text[:n])), [])

    def _clause_name(self, raw: str) -> list[str]:
        """Such a place's name said alone at the start of a later clause (都快年底了，宝安今年…;
        …噪音扰民，宝安有安排没), as it is at the start of a question."""
        for clause in _later_clauses(raw):
            if found := self._bare_name(clause):
                return found
        return []

    def _inner_name(self, text: str) -> list[str]:
        """A place with its kind inside the question (截至8月，宝安街道年度任务…): two characters before
        街道/区 … that a plan whose title names no place names as a place, and that no plan whose title
        names its place writes at all."""
        return next(([m.group(1)] for m in _INNER_PLACE.finditer(text)
                     if not m.group(0).endswith(NOT_PLACES) and not _word_goes_on(text, m.end())
                     and self._unplaced_place(m.group(1))), [])

    def _word_name(self, text: str) -> list[str]:
        """Such a place's name said as a word anywhere in the question (救心脏的AED宝安会多装吗): a name
        (by its part of speech: 停放 in 乱停放 is a verb, though a plan writes 停放区) of two or three
        characters that a plan whose title names no place names as a place, and that no plan whose title
        names its place writes at all."""
        return next(([w] for w, tag in tagged(text) if tag in _NAME_TAGS and 2 <= len(w) <= 3
                     and self._unplaced_place(w)), [])

    def _is_unplaced_place(self, name: str) -> bool:
        """Is `name` a place only a plan whose title names no place names (宝安区), and that no plan
        whose title names its place writes at all? (Named as a place by an unplaced plan is tried
        first: that is rare, and cheaper than reading every placed plan's text.)"""
        return not _FUNCTION_CHARS.search(name) \
            and self.has_plan(name) \
            and not any(name in self.text_of(f) for f in self.placed)

    def text_of(self, doc: str) -> str:
        """One plan's text, joined (read on first use)."""
        text = self._texts.get(doc)
        if text is None:
            text = self._texts[doc] = "".join(self.kb.texts.get(doc, []))
        return text

    def _as_written(self, name: str) -> str:
        """A place as the plans write it when they write it the other way (王串场街道 → 王串场街, 新开河街
        → 新开河街道): a street is said both ways; else the name as said."""
        if self.written(name):
            return name
        other = name[:-1] if name.endswith("街道") else name + "道" if name.endswith("街") else ""
        if not other and len(name) >= 4:
            other = name[1:]  # (查意风区: a verb said before an area the plans write, 意风区)
        return other if other and self.written(other) else name

    def written(self, word: str) -> bool:
        """Does any plan write `word`?"""
        return any(word in self.text_of(doc) for doc in self.kb.texts)

    def has_plan(self, place: str) -> bool:
        """Is some document whose title names no place that place's plan, by its text (宝安街道: 宝安区)?"""
        return any(self.may_be_in(d.file, [place]) for d in self.kb.documents)

    def may_be_in(self, doc: str, places: list[str]) -> bool:
        """Whether a document whose title names no place names one of these as a place (宝安区 for
        宝安街道; 和平社区 is a word of a name, no 和平区): it may be that place's plan."""
        if doc in self.placed:
            return False
        text = self.text_of(doc)
        # (新建社区 is no place 新建社: a word ending like a place, 社区, names none)
        return any(len(core) >= 2 and any(not m.group(0).endswith(NOT_PLACES)
                                          for m in re.finditer(re.escape(core) + _ADMIN_SUFFIX, text))
                   for core in (_PLACE_SUFFIX.sub("", p) for p in places))

    def _joined(self, q: Query) -> None:
        """A place only an unplaced plan names, joined to a place the parser read (河北区和宝安, 宝安和新河
        街道, 大港街道、河北区、宝安): its plans join the question's scope, as the known place's do."""
        raw = normalize(q.raw)
        for place in list(q.places):
            for m in re.finditer(re.escape(place), raw):
                # (past the joining word, which may be none: where the other place's name begins or ends)
                after, before = raw[m.end():], raw[:m.start()]
                # (大港街道十四五和宝安那份: the plan's period and kind said after the place are its own)
                after = after[_document_after().match(after).end():]  # type: ignore[union-attr]
                after = after[_JOIN_AFTER.match(after).end():]  # type: ignore[union-attr]
                before = before[:_JOIN_BEFORE.search(before).start()]  # type: ignore[union-attr]
                ahead = next((after[:n] for n in (3, 2) if len(after) >= n and self._unplaced_place(after[:n])), None)
                behind = next((before[-n:] for n in (3, 2) if len(before) >= n and self._unplaced_place(before[-n:])),
                              None)
                for name in (ahead, behind):
                    if name and name not in q.places:
                        q.docs |= self._plans_of([name])
                        q.places.append(name)
                        # (the word joining it to the other place goes with it: 宝安和防汛 → 防汛)
                        q.text = _without_joined(q.text, name)
                        q.full = _without_joined(q.full, name)

    def _plans_of(self, places: list[str]) -> set[str]:
        """The documents that may be the plans of these places (by their text: 宝安区 for 宝安)."""
        return {d.file for d in self.kb.documents if self.may_be_in(d.file, places)}

    def scope(self, q: Query) -> None:
        """A question naming such a place is about the documents that may be its plans, if any (for
        lists and outlines too); like a known place, the name is then a filter, not what is asked."""
        if q.docs and (q.places or q.titled):
            self._joined(q)
            return
        # (宝安计划第七部分: documents a word for a kind of document chose, 计划 → a 工作计划, before the
        # place its plans go with was read; the place's plans are what is meant)
        worded = set(q.docs)
        named = self.named(q)
        near = _NEAR_PLACE.match(normalize(q.raw)) or self._near_in_clause(q.raw)
        if not named and near:
            # 宝安那边: a place's name without its kind, said as "over there" — a scope only when some
            # plan names it as a place, never a word the answer must hold (学校那边).
            named = [near.group(1)]
        # (年底前宝安面向居民的…: the name after the time the question opens with)
        bare = not named and (named := self._bare_name(q.text) or self._bare_name(after_leading_time(q.text))
                              or self._inner_name(q.text) or self._clause_name(q.raw)
                              or self._word_name(q.text)) != []
        maybe = self._plans_of(named) if named else set()
        if not maybe:
            if worded:
                self._joined(q)
            return
        q.docs = (maybe & worded) or maybe
        # (五基建设在宝安那份任务里指什么: the document pointed at, and where in it, go with the place)
        said = re.compile("在?" + re.escape(_PLACE_SUFFIX.sub("", named[0]))
                          + rf"(?:(?:那份|这份)({_DOCUMENT_IN})|{_OVER_THERE}|(?:{_POINTING})?(?:{_KINDS})){'?' if near or bare else ''}")
        if (pointed := said.search(q.full)) and pointed.group(1):
            # (那份 is a question word, gone from the text matched: the document's word goes there too)
            q.text = q.text.replace(pointed.group(1), "", 1)
        q.text = said.sub("", q.text, count=1) or q.text
        q.full = said.sub("", q.full, count=1) or q.full
        q.places.append(named[0])


@functools.cache
def _document_after() -> re.Pattern[str]:
    """The words naming a place's plan after its name (十四五规划, 那份计划), matched from the start."""
    words = "|".join(map(re.escape, sorted(doc_words(), key=len, reverse=True)))
    return re.compile(rf"(?:{_PERIOD}|{words}|{_OVER_THERE})*")
