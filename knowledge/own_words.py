"""A question's own words, segmented by jieba with their parts of speech: the specific ones the plans
use in a few items are what an everyday question is about (宝安这边租房全是二房东加价 → 二房东), unless it
names a thing the plans never mention (民宿, 垃圾焚烧): then no item is about it.

The lexicon's everyday terms come first (老年饭桌 → 老人家食堂); these words are the fallback for the
wording no list holds.
"""

from __future__ import annotations

import functools
import itertools
import logging
import re
import threading
from collections.abc import Callable

from knowledge.readings import PART_WORDS, doc_words
from knowledge.wordlists import words

# Parts of speech of the things a question names (jieba's tags): nouns, abbreviations (冬奥会), verbal
# nouns (垃圾焚烧), Latin words (5G) — not place or person names (a place the parser did not read is no
# topic) nor verbs and particles (加价, 拿到: chatter about the thing).
_THING_TAGS = ("j", "vn", "eng", "nr", "nrt", "nrfg")  # (冬奥 is tagged a person's name)
_NOT_THINGS = ("ns",)
# Tags of a head word that names a kind of thing (nouns; not verbal nouns such as 管理, 服务, 建设).
_HEAD_TAGS = ("n", "nz", "ng", "j")
MIN_WORD = 2
MAX_SHORT_FORM = 6  # (longer short forms are phrases jieba cuts as it should)
_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    """jieba's part-of-speech tagger, loaded once (its dictionary takes a second to build)."""
    with _lock:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        # 五经普, 非遗: the shipped lexicon's short forms are words, though jieba's dictionary cuts them
        # (五经|普, 非|遗) and a word cut in two is no thing the plans use.
        for short in _short_forms():
            tokenizer.add_word(short, tag="j")
        return jieba.posseg.POSTokenizer(tokenizer)


def _short_forms() -> list[str]:
    """The shipped lexicon's abbreviations (short forms of two to six characters)."""
    from knowledge.lexicon import DEFAULT_PATH, Lexicon

    return sorted({e.short for e in Lexicon.load(DEFAULT_PATH).entries() if e.kind == "abbr"
                   and 2 <= len(e.short) <= MAX_SHORT_FORM})


@functools.lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """The words of a question with their parts of speech."""
    return tuple((p.word, p.flag) for p in _tagger().lcut(text))


@functools.lru_cache(maxsize=4096)
def word_bounds(text: str) -> frozenset[int]:
    """The offsets where jieba's words of a text begin and end (有关部门职责: 0, 4, 6)."""
    bounds, at = {0}, 0
    for word in _tagger().tokenizer.lcut(text):
        at += len(word)
        bounds.add(at)
    return frozenset(bounds)


@functools.lru_cache(maxsize=65536)
def dictionary_word(text: str) -> bool:
    """Is `text` a word of jieba's dictionary (元宵 is, 元消 is not)?"""
    tokenizer = _tagger().tokenizer
    tokenizer.check_initialized()
    return tokenizer.FREQ.get(text, 0) > 0


# Characters either side of a term looked at to cut it into words (enough for jieba to see its neighbours).
_WORD_WINDOW = 8


def said_as_word(text: str, term: str) -> bool:
    """Does `text` write `term` as a word of its own somewhere, not inside others (企业主 is no word of
    企业主体责任 nor of 龙头企业主动跟进)? A term of one character is never so checked (always True)."""
    if len(term) < 2:
        return True
    start = text.find(term)
    while start >= 0:
        end = start + len(term)
        lo = max(0, start - _WORD_WINDOW)
        cuts = sorted(lo + b for b in word_bounds(text[lo:end + _WORD_WINDOW]))
        # (a dictionary word across the term's edge, 主体 of 企业主|体; not one jieba made up of characters
        # it does not know, 岁托班 of 2-3岁托班, nor one whose part inside the term is a word of its own,
        # 服务体系 of 心理健康服务|体系: two words side by side)
        if not any((first < start < at or first < end < at) and dictionary_word(text[first:at])
                   and not (len(inside := text[max(first, start):min(at, end)]) >= 2 and dictionary_word(inside))
                   for first, at in itertools.pairwise(cuts)):
            return True
        start = text.find(term, start + 1)
    return False


def warm() -> None:
    """Load the tagger now, so the first everyday question is not slow."""
    tagged("预热")


def own_focus(text: str, items_using: Callable[[str], int], most: float, known: Callable[[str], bool],
              exclude: tuple[str, ...] = ()) -> list[str]:
    """The question's own words that some items, at most `most`, use (the specific ones); none when it
    names a thing no item mentions and `known` (the lexicon's everyday words) does not know either (a word
    jieba does not know, cut into its characters, too: 电|竞)."""
    words = list(tagged(text))
    if any(items_using(run) == 0 and not known(run) for run in _single_runs(words)):
        return []  # 电竞 (电|竞 to jieba): a word it does not know, written by no item
    for at, (word, tag) in enumerate(words):
        if _names_thing(word, tag, exclude) and items_using(word) == 0 and not known(word):
            # 闹元宵: a word the plans never write whose head they do (元宵) names that thing
            head = word[-2:] if len(word) > MIN_WORD and tag.startswith("n") else ""
            if head and dictionary_word(head) and 0 < items_using(head) <= most:
                words[at] = (head, tag)
                continue
            return []
    return [w for w in dict.fromkeys(w for w, _ in words)
            if len(w) >= MIN_WORD and w not in exclude and w not in _asking_words() and 0 < items_using(w) <= most]


# Tags of the one-character words that may be the characters of a thing's name jieba did not know (电 n,
# 竞 vn, 月 m, 子 ng): not verbs, adjectives or the words of chat (是, 全, 的, 都).
_NAME_CHAR_TAGS = ("n", "vn", "m", "j")


def _single_runs(words: list[tuple[str, str]]) -> list[str]:
    """The runs of two or more one-character words in a row, each tagged as part of a name (电|竞, 月|子): a
    word jieba's dictionary does not know, cut into its characters (not 全|是, nor digits)."""
    runs, run = [], ""
    for word, tag in [*words, ("", "x")]:
        if len(word) == 1 and tag.startswith(_NAME_CHAR_TAGS) and "\u4e00" <= word <= "\u9fff":
            run += word
            continue
        if len(run) >= MIN_WORD:
            runs.append(run)
        run = ""
    return runs


def head_noun(term: str) -> str:
    """The last word of a term when it names a kind of thing (文化创意产业 → 产业, 公益性公墓 → 公墓); empty
    when it names an activity (养犬管理 → 管理, 社区服务 → 服务: said of anything, it tells nothing of
    what the term is about)."""
    words = tagged(term)
    return words[-1][0] if words and words[-1][1] in _HEAD_TAGS else ""


def named_things(text: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """The things a question names (its nouns and the like, two characters or more), not `exclude`
    and not the words that say what is asked of a thing."""
    return [w for w, tag in tagged(text) if _names_thing(w, tag, exclude) and w not in _asking_words()]


def _names_thing(word: str, tag: str, exclude: tuple[str, ...]) -> bool:
    """Is a tagged word of two characters or more a thing named (a noun and the like, no place), not
    one of `exclude`?"""
    return (tag.startswith("n") or tag in _THING_TAGS) and tag not in _NOT_THINGS and len(word) >= MIN_WORD \
        and word not in exclude and not _degree_of_state(word)


# Adverbs of degree (太暗, 很脏, 挺乱): before a word that names no thing, they say how a thing is.
_DEGREE = frozenset("太很挺")


def _degree_of_state(word: str) -> bool:
    """Is a two-character word an adverb of degree before a state (太暗, which jieba may tag as a noun), not
    a thing (太空, 太阳: the second character a noun)?"""
    return len(word) == 2 and word[0] in _DEGREE and not tagged(word[1])[0][1].startswith("n")


@functools.lru_cache(maxsize=1)
def _asking_words() -> frozenset[str]:
    """Words that say what is asked of a thing (数量, 安排, 目标, 怎么) or name any thing (东西): never what
    it is about."""
    return frozenset(words("item_aspects")) | frozenset(words("question_words")) | frozenset(doc_words()) \
        | frozenset(words("generic_nouns"))


# A list's topic longer than this is a question in the plans' own words (…的采伐是怎么列出的), which the
# ranker reads whole; a thing listed is named in fewer (非遗, 深港协同, 燃气安全和改造).
TOPIC_CHARS = 12
# jieba's tags of the words of chat around what a question names: adverbs, pronouns, modal particles,
# particles, prepositions, conjunctions, interjections (都, 怎么, 吗, 的, 给, 和, 哎).
CHAT_TAGS = ("d", "r", "y", "u", "p", "c", "e")
# Tags of words a chat ends a topic with (都, 要, 干, 怎么, 的): those, and localisers; a verb only of one
# character (干, 做, 搞: a light verb, where 推进 or 开工 say what is done).
_CHATTER_TAGS = (*CHAT_TAGS, "f", "zg")
# 这一大块, 那部分, 一章: a part pointed at, which the topic before it names.
_POINTED_PART = re.compile(rf"[这那]?一?[大小]?板?(?:{'|'.join(PART_WORDS)})")


def without_trailing_chatter(topic: str) -> str:
    """A list's topic without the words of asking a chat leaves after it (非遗都要干 → 非遗, 垃圾分类怎么搞 →
    垃圾分类); the topic as it is when nothing of two characters, or more than TOPIC_CHARS, would be left."""
    words = list(tagged(topic))
    while words and (words[-1][1].startswith(_CHATTER_TAGS)
                     or (len(words[-1][0]) == 1 and words[-1][1].startswith("v"))
                     or _POINTED_PART.fullmatch(words[-1][0])):
        words.pop()
    # (对劳资纠纷, 关于垃圾分类: the preposition a chat opens the topic with is no part of it)
    while len(words) > 1 and words[0][1] == "p":
        words.pop(0)
    kept = "".join(w for w, _ in words)
    return kept if MIN_WORD <= len(kept) <= TOPIC_CHARS else topic
