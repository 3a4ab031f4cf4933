"""Questions asking where the plans write a word, read by the words around it (涉及仲裁的条目全列出来 → 仲裁).

The patterns of `knowledge.readings` read the common orders of such a question; this reads any order
of the same words: everything but the one word must be words of `data/mention_frames.tsv` (or the
document words), and those must say that the places of the text are asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from knowledge.readings import doc_words
from knowledge.wordlists import DATA_DIR, merged

# How long the word asked about may be (滨城 … 社会救助领域).
_WORD_CHARS = (2, 10)
# Particles never at the edge of a word the plans write (提到的社区有: 的 and 有 are the frame's).
_NO_EDGE = frozenset("的了过被都有在里")


@functools.cache
def _roles() -> dict[str, frozenset[str]]:
    """Each frame word with its roles (a word may have several)."""
    roles: dict[str, set[str]] = {}
    for raw in (DATA_DIR / "mention_frames.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        word, role = raw.split("\t")[:2]
        roles.setdefault(word.strip(), set()).add(role.strip())
    for word in doc_words():
        roles.setdefault(word, set()).add("scope")
    return {w: frozenset(r) for w, r in roles.items()}


@functools.cache
def _with_role(role: str) -> tuple[str, ...]:
    """The frame words having `role` (read once: every question is checked against them)."""
    return tuple(w for w, r in _roles().items() if role in r)


@functools.cache
def _longest() -> int:
    """The length of the longest frame word (how far back a cut into frame words looks)."""
    return max(map(len, _roles()))


@functools.lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[str, ...] | None:
    """`text` cut into the fewest frame words, None when it is not made of them only."""
    roles, longest = _roles(), _longest()
    best: list[tuple[str, ...] | None] = [()] + [None] * len(text)
    for end in range(1, len(text) + 1):
        for start in range(max(0, end - longest), end):
            before = best[start]
            if before is not None and text[start:end] in roles \
                    and (best[end] is None or len(before) + 1 < len(best[end])):  # type: ignore[arg-type]
                best[end] = (*before, text[start:end])
    return best[len(text)]


def only_frame_words(text: str) -> bool:
    """Is `text` made of frame words only (的条目汇总: nothing of what is asked)?"""
    return _segments("".join(text.split())) is not None


def _asks_places(before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Do the frame words before and after the word ask for the places it is written?"""
    roles = _roles()
    held = set().union(*(roles[w] for w in (*before, *after)))
    said_before = bool(before) and ("verb" in roles[before[-1]] or (
        len(before) > 1 and before[-1] in ("了", "过") and "verb" in roles[before[-2]]))
    if "ask" not in held:
        # 所有提到信访的地方, 新河街道写到疫情的段落: the places of the text that say it, named as the
        # whole question (a verb before the word, then 的 and a place of the text last), are asked for.
        return said_before and len(after) == 2 and after[0] == "的" and bool({"text", "place"} & roles[after[1]])
    if "text" in held:
        return True
    # A verb before the word takes it as its object only when nothing comes between (出现四风的地方; not
    # 规划里提到的社区有几处, which counts communities).
    verb = said_before or any("verb" in roles[w] for w in after)
    # 地铁相关有几处: a tie to the word right after it (相关, 有关) says of it as a verb would.
    tied = bool(after) and "about" in roles[after[0]]
    # 双拥工作提到的地方给我汇总下: the places the word is said (a verb, 的, a place), asked for as a list.
    said_at = any("verb" in roles[after[k]] and after[k + 1] == "的" and "place" in roles[after[k + 2]]
                  for k in range(len(after) - 2))
    # 凡是讲到商圈的地方都拉个清单: the places saying the word (a verb before it, then 的 and a place).
    said_where = said_before and len(after) > 1 and after[0] == "的" and "place" in roles[after[1]]
    return (verb or tied) and "place" in held and ("count" in held or said_at or said_where)


def mention_in_frame(text: str, written: Callable[[str], bool]) -> str:
    """The word a question asks the written places of, read by the frame words around it (所有规划里出现
    政协的段落有几个 → 政协), the longest the plans write (`written`); empty when the question is not so
    made."""
    # (河北区政府工作报告涉及国企的: a place or document taken out leaves a space, no word of the frame)
    text = "".join(text.split())
    if not any(w in text for w in (*_with_role("ask"), *_with_role("text"), *_with_role("place"))) \
            or not any(w in text for w in (*_with_role("text"), *_with_role("verb"), *_with_role("about"))):
        return ""  # (most questions: no need to try each word)
    low, high = _WORD_CHARS
    unwritten: list[str] = []
    for size in range(min(high, len(text)), 0, -1):
        for start in range(0, len(text) - size + 1):
            word = text[start:start + size]
            if word[0] in _NO_EDGE or word[-1] in _NO_EDGE or _segments(word) is not None:
                continue  # (有关的表述 is the frame itself)
            before, after = _segments(text[:start]), _segments(text[start + size:])
            if size < low and not (after and after[0].endswith("字")):
                continue  # (沾碳字的段落: one character only when pointed at as the character written)
            if before is not None and after is not None and _asks_places(before, after):
                if written(word):
                    return _without_head(_object_of(word, written), written)
                unwritten.append(word)
    # 双拥工作写了几处, 非遗相关安排都写在哪: the word the plans write, said with the kind of work or
    # arrangement it is (an aspect word: 工作, 安排) or a tie to it (相关) after it.
    for word in unwritten:
        if (said := _object_of(word, written)) != word:
            return said  # (打击邪教的段落数: the object of a work verb, 邪教, however a line takes it up)
        while (bare := without_aspect(word)) != word:
            word = bare
            if len(word) >= low and written(word):
                return word
    return ""


def _without_head(word: str, written: Callable[[str], bool]) -> str:
    """A word without the kind of thing it ends with (瞪羚企业 → 瞪羚: lines writing 瞪羚、雏鹰企业 write it
    too), when what is left is a word the plans write; else the word."""
    head = next((h for h in _with_role("head") if word.endswith(h) and len(word) - len(h) >= _WORD_CHARS[0]), "")
    return word[: -len(head)] if head and written(word[: -len(head)]) else word


def _object_of(word: str, written: Callable[[str], bool]) -> str:
    """What a word made of a verb and its object writes about (整治四风的内容 → 四风: the lines that take
    up 四风 in any way); the word itself when it opens with no verb or its object is not written."""
    verb = next((v for v in _verbs() if word.startswith(v) and len(word) - len(v) >= _WORD_CHARS[0]), "")
    return word[len(verb):] if verb and written(word[len(verb):]) else word


@functools.cache
def _verbs() -> tuple[str, ...]:
    """The verbs of plan work (整治, 加强, 推进), longest first."""
    return tuple(w for w in merged("action_verbs", "lead_verbs") if len(w) > 1)


@functools.cache
def _aspects() -> tuple[str, ...]:
    """Words for the kind of work said after a word (工作, 安排), longest first, and the tie words."""
    # (扬尘治理, 邪教整治: the kinds of work a heading ends with are such words too)
    said = {w for w in merged("item_aspects", "activity_heads", "heading_ends") if len(w) > 1}
    return tuple(sorted(said | set(_with_role("about")), key=len, reverse=True))


def without_aspect(word: str) -> str:
    """`word` without one aspect or tie word at its end (itself when it ends in none)."""
    return next((word[:-len(a)] for a in _aspects() if word.endswith(a) and len(word) > len(a)), word)
