"""Documents a question names by their title (广安市参加四川省第十四届运动会奖励办法里，…): the title is a
scope, like a place, and none of its words are what is asked.

Questions about policies often name the document in full or nearly (关于支持文化旅游产业高质量发展的若干
政策 → 支持文化旅游产业高质量发展的若干政策); matched against passages, the title's words find the forwarding
notice that repeats it (《…》已经市政府同意，现予印发) instead of the clause that answers.
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher
from pathlib import Path

from knowledge.models import Document
from knowledge.normalize import normalize
from knowledge.wordlists import alternation

# A title is named when the question holds this many of its characters in one run…
MIN_SPAN = 8
# …and at least this share of the title (关于…的实施意见 holds words many titles share).
MIN_SHARE = 0.5
# Titles that are an opening sentence (为贯彻落实…, 各区市县人民政府…) are no names a question would use.
_NOT_TITLES = ("为", "根据", "各", "按照", "经", "现")
# The words naming a document at a question's start (document_phrase): this many characters before the
# word of its kind (方案, 意见 …).
PHRASE_MIN, PHRASE_MAX = 4, 40
# Words before a document's kind that make it several documents (各规划, 几个方案, 所有文件).
_SEVERAL = re.compile(r"(?:各|每个?|所有|几个|哪个|哪些|两个|这些|那些|各个)[\u4e00-\u9fff]{1,4}$")
_QUOTES = str.maketrans("", "", "《》“”\"")
_YEAR = re.compile(r"(?:19|20)\d{2}年?|[〇零一二三四五六七八九]{4}年")


CUES_FILE = Path(__file__).parent / "data" / "document_cues.txt"


@functools.lru_cache(maxsize=1)
def _cue_table() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(cues, duty words) from their data file."""
    lines = [w.strip() for w in CUES_FILE.read_text(encoding="utf-8").splitlines()]
    words_ = [w for w in lines if w and not w.startswith("#")]
    return (tuple(w for w in words_ if not w.startswith("-")),
            tuple(sorted((w[1:] for w in words_ if w.startswith("-")), key=len, reverse=True)))


def document_cues() -> tuple[str, ...]:
    """Words of a question about a document itself (印发, 施行, 有效期), from their data file."""
    return _cue_table()[0]


def _asks_about_document(text: str, cue: str) -> bool:
    """Does the cue, wherever it stands in the text, ask about the document (哪个部门印发的), not about
    who does a task it assigns (由哪个部门牵头)?"""
    duties = _cue_table()[1]
    at = text.find(cue)
    while at >= 0:
        if not text.startswith(duties, at + len(cue)):
            return True
        at = text.find(cue, at + 1)
    return False


class DocumentTitles:
    """The titles of one knowledge base's documents, to find the one a question names."""

    def __init__(self, documents: list[Document], shared: list[str]) -> None:
        # Each distinct title once, with the documents bearing it (a knowledge base may hold copies).
        self.titles: list[tuple[list[str], str]] = []
        seen: dict[str, int] = {}
        # bigram → the titles holding it: only titles sharing a run's worth of bigrams with the
        # question are aligned (a knowledge base may hold hundreds of documents).
        self._by_bigram: dict[str, list[int]] = {}
        for doc in documents:
            # Years are the question's to state (2024年 picks a plan's year): never part of a title named.
            title = _YEAR.sub("", normalize(doc.title or "").translate(_QUOTES))
            for place in shared:
                title = title.replace(place, "")
            if len(title) < MIN_SPAN or title.startswith(_NOT_TITLES):
                continue
            if title in seen:
                self.titles[seen[title]][0].append(doc.file)
                continue
            seen[title] = len(self.titles)
            for gram in {title[k:k + 2] for k in range(len(title) - 1)}:
                self._by_bigram.setdefault(gram, []).append(len(self.titles))
            self.titles.append(([doc.file], title))

    def named(self, text: str) -> tuple[list[str], str] | None:
        """(files, the words of the question that name them) of the document whose title the question
        names (several when they bear the same title), None when it names none or two titles equally."""
        best: list[tuple[int, list[str], str]] = []
        shared: dict[int, int] = {}
        for gram in {text[k:k + 2] for k in range(len(text) - 1)}:
            for t in self._by_bigram.get(gram, ()):
                shared[t] = shared.get(t, 0) + 1
        for t, count in shared.items():
            if count < MIN_SPAN - 1:
                continue  # a run of MIN_SPAN characters holds MIN_SPAN - 1 bigrams
            files, title = self.titles[t]
            m = SequenceMatcher(None, text, title, autojunk=False).find_longest_match(0, len(text), 0, len(title))
            if m.size >= MIN_SPAN and m.size >= MIN_SHARE * len(title):
                a, end = _widened(text, title, m.a, m.b, m.size)
                # (…中小微企业的办法中，…: the kind of document said after its name is part of it)
                tail = _tail_pattern().match(text, end)
                if tail and tail.group("kind") in title:  # (评估报告 in a title ending 办法 is a thing)
                    end = tail.end()
                best.append((m.size, files, text[a:end]))
        if not best:
            return None
        best.sort(key=lambda t: -t[0])
        if len(best) > 1 and best[1][0] == best[0][0]:
            return None
        return best[0][1], best[0][2]

    @staticmethod
    def about_document(text: str) -> bool:
        """Does the question ask about the document itself (when issued, from when it applies)?"""
        return any(_asks_about_document(text, cue) for cue in document_cues())


# How many characters of a title a question may leave out next to a run it writes (广安林木采伐管理
# 办法 for 广安市林木采伐管理办法).
TITLE_SKIP = 2


def _widened(text: str, title: str, a: int, b: int, size: int) -> tuple[int, int]:
    """The question's span naming a title (its longest run with the title at text[a:], title[b:]),
    widened to the runs written right before and after it that the title holds there, a few
    characters left out (广安 + 林木采伐管理办法 → 广安林木采伐管理办法): the name is taken out whole."""
    end, tend = a + size, b + size
    while a > 0:
        step = next(((n, at) for n in range(min(a, b), 0, -1)
                     if (at := title.rfind(text[a - n:a], 0, b)) >= 0 and b - (at + n) <= TITLE_SKIP), None)
        if step is None:
            break
        a, b = a - step[0], step[1]
    while end < len(text):
        step = next(((n, at) for n in range(min(len(text) - end, len(title) - tend), 0, -1)
                     if (at := title.find(text[end:end + n], tend)) >= 0 and at - tend <= TITLE_SKIP), None)
        if step is None:
            break
        end, tend = end + step[0], step[1] + step[0]
    return a, end


def _kinds() -> str:
    """The kinds of document (title_cues.txt: 方案, 实施意见 …) as one alternation, longest first."""
    return alternation("title_cues")


@functools.lru_cache(maxsize=1)
def _tail_pattern() -> re.Pattern[str]:
    """The kind of document said right after a title's words (的办法中, 实施意见里)."""
    return re.compile(rf"的?[\u4e00-\u9fff]{{0,2}}?(?P<kind>{_kinds()})(?:当中|里面|中|里)?")


@functools.lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    """A question's opening words naming a document by what it is about and its kind (…的实施意见中,
    …行动方案里)."""
    # (…的文件: staff name any document by what it is about and the plain word for a document too; no
    # title ends with it, so it is no title cue)
    return re.compile(rf"^(.{{{PHRASE_MIN},{PHRASE_MAX}}}?(?:{_kinds()}|的文件))(里面|里|中|提出|规定|明确|要求|指出|上|对)?")


def document_phrase(text: str) -> tuple[str, str] | None:
    """(the words naming a document, the rest of the question) when a normalised question opens by
    naming one (广安加快发展养老服务业的实施意见里，消防部门…): documents scraped without a title line
    are named by what they are about, not by a title to align with. Whether the words name one of
    the knowledge base's documents is for the search to judge (by what each document writes).
    None when the question does not open so."""
    m = _phrase_pattern().match(text)
    if not m or len(text) - m.end() < 2 or _SEVERAL.search(m.group(1)):
        return None  # (各规划汇总下, 几个方案里: several documents, none named)
    # (…的文件: the plain word is no part of what the document writes of itself)
    return m.group(1).removesuffix("的文件"), text[m.end():]
