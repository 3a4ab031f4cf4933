"""Questions asking what a place is to become by a year (新河街道想在2035年变成啥), and the lines a plan states
that year's vision on (到2035年…, 展望2035年…, the heading 2025年发展目标)."""

from __future__ import annotations

import re

from knowledge.own_words import CHAT_TAGS, tagged
from knowledge.wordlists import words

# A vision stated for a year: the line opens with the year (到2035年, 展望2035年, 力争到2025年).
_OPENS_WITH_YEAR = r"^(?:到|展望|至|力争到|力争)?{year}年"


def asks_vision(text: str) -> bool:
    """Is a question, its place, year and question words taken out, all verbs, chat and words of what a place
    becomes (想在变成, 整体要达到水平, 总体定位)? Empty text is no such question (a place and year alone ask for the
    outline)."""
    if not text.strip():
        return False
    rest = text
    for word in words("vision_words"):  # (longest first: 总体定位 before 定位)
        rest = rest.replace(word, " ")
    if rest == text:
        return False  # (nothing said of becoming: 2024年开工了吗 asks of some work)
    said = [(w, t) for w, t in tagged(rest) if w.strip() and not re.fullmatch(r"[\W_]+", w)]
    # (verbs of becoming, 想/变成/达到; chat; a classifier or a localiser left over, 个, 末; a preposition, 对; a
    # number, 三个定位: how many things it is to become)
    return all(t.startswith((*CHAT_TAGS, "v", "q", "f", "p", "m")) for _, t in said)


def states_vision(year: int, kind: str, name: str, text: str) -> int | None:
    """How early an item comes among a year's vision lines (0: a typed statement opening with the year, 1: a
    passage so opening, 2: a heading naming the year, 3: a figure opening with it), None when it states none."""
    if kind == "section":
        return 2 if f"{year}年" in name else None
    if re.match(_OPENS_WITH_YEAR.format(year=year), text) is None:
        return None
    return {"task": 0, "passage": 1, "indicator": 3}.get(kind)
