"""Contradictions between a question and an item: an opposite character swapped (外资 for 内资), a
different statistical measure (增加值 for 总产值), or a procedure the item does not speak of (申请流程).

A contradicted item never answers; it may be offered as "did you mean". The word pairs are data
(knowledge/data/contrasts.tsv).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from knowledge.wordlists import one_of

CONTRASTS_FILE = Path(__file__).parent / "data" / "contrasts.tsv"
# 可以申报, 能申请, 有资格报名: being allowed to apply, a condition asked, no procedure.
# 乱收费, 乱收取: a procedure word done wrongly names a wrong, not the procedure asked about.
_WRONGLY_DONE = re.compile(r"乱(?:收费|收取|收钱|罚款)")
_MAY_APPLY = re.compile(r"(?:可以|能够|能|才能|有资格)(?:申报|申请|报名)")
# 按河北区口径，…怎样才算: the definition the answer is read by, no 口径 asked about.
_BY_STANDARD = re.compile(r"按照?[\u4e00-\u9fff]{0,6}?口径")
# 社零限上口径预计规模: a scope said before the figure asked, no 口径 asked about (统计口径是什么, …统计口径 are).
# (限上口径是6个多亿吗: the figure checked follows 是)
_SCOPE_BEFORE = re.compile(r"口径(?!是(?![\d一二三四五六七八九十几])|怎|咋|如何|什么|啥|定义|指的|包括|范围|的)(?=[\u4e00-\u9fff\d]{2})")
# A name must share this much of the question's characters for a swapped character to matter.
NEAR_SHARE = 0.6


@functools.lru_cache(maxsize=2)
def _table(path: Path = CONTRASTS_FILE) -> tuple[frozenset[frozenset[str]], tuple[tuple[str, str], ...],
                                                  tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...]]:
    """(opposite characters, measures, procedure words with the words saying the same, kinds of document)."""
    chars: set[frozenset[str]] = set()
    measures: list[tuple[str, str]] = []
    procedures: list[tuple[str, tuple[str, ...]]] = []  # a word and the words saying the same
    documents: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        a, b, kind = (raw.split("\t") + ["", ""])[:3]
        if kind == "char":
            chars.add(frozenset((a, b)))
        elif kind == "measure":
            measures.append((a, b))
        elif kind == "procedure":
            procedures.append((a, (a, *(w for w in b.split(",") if w))))
        elif kind == "document":
            documents.append(a)
    return frozenset(chars), tuple(measures), tuple(procedures), tuple(documents)


@functools.lru_cache(maxsize=2)
def _document_name(path: Path = CONTRASTS_FILE) -> re.Pattern[str] | None:
    """A procedure word naming a document, with up to two characters before its kind (奖励办法,
    奖励管理办法; 补助资金管理办法 is not read so: four characters between)."""
    _, _, procedures, kinds = _table(path)
    if not kinds or not procedures:
        return None
    return re.compile(f"(?:{one_of(w for w, _ in procedures)})[\u4e00-\u9fff]{{0,2}}?(?:{one_of(kinds)})")


@functools.lru_cache(maxsize=256)
def _asked_side(query: str) -> tuple[tuple[tuple[str, str], ...], frozenset[str]]:
    """The measures a question says without their opposite (said, opposite), and its characters: what
    `swapped` needs of the question, read once for all the candidates it is compared with."""
    _, measures, _, _ = _table()
    said = tuple((a, b) for a, b in measures if a in query and b not in query) \
        + tuple((b, a) for a, b in measures if b in query and a not in query)
    return said, frozenset(query)


def swapped(query: str, name: str) -> bool:
    """Is `name` the question with one character swapped for its opposite, or a different measure?"""
    chars = _table()[0]
    if not query or not name:
        return False
    said, own = _asked_side(query)
    if any(x not in name and y in name for x, y in said):
        return True
    named = set(name)
    if len(own & named) < NEAR_SHARE * len(own):
        return False
    return any(frozenset((a, b)) in chars for a in own - named for b in named - own)


def swapped_in_text(query: str, text: str) -> bool:
    """Does the text hold the question only with an opposite swapped in (实际利用内资 for 外资)?"""
    chars, measures, _, _ = _table()
    if len(query) < 3 or query in text:
        return False
    for pair in chars:
        a, b = tuple(pair)
        for x, y in ((a, b), (b, a)):
            if x in query and query.replace(x, y) in text:
                return True
    return any(a in query and query.replace(a, b) in text for a, b in measures) or any(
        b in query and query.replace(b, a) in text for a, b in measures)


def unanswered_procedure(query: str, where: str) -> bool:
    """Does the question ask how to apply / what it costs, and the item speak of none of it?"""
    asked = _procedures_asked(query)
    return bool(asked) and not any(w in where for same in asked for w in same)


@functools.lru_cache(maxsize=256)
def _procedures_asked(query: str) -> tuple[tuple[str, ...], ...]:
    """The procedure words a question asks with (申请, 费用 …), each with the words that answer it; not
    those naming a document (省十四运会奖励办法第二十一条: 奖励 is the document's name, not asked)."""
    if (naming := _document_name()) is not None:
        query = naming.sub(" ", query)
    # 哪些教师项目奖可以申报市长奖: who may apply is asked (a condition), not how to.
    query = _MAY_APPLY.sub(" ", query)
    # 二房东乱收费有人管吗: charging where it is not allowed is a wrong to stop, not a cost asked.
    query = _WRONGLY_DONE.sub(" ", query)
    query = _SCOPE_BEFORE.sub(" ", _BY_STANDARD.sub(" ", query))
    return tuple(same for w, same in _table()[2] if w in query)


def contradicts(query: str, name: str, text: str, asked: str | None = None) -> bool:
    """Does the item contradict the question (see the module docstring)? `asked`: the part of the
    question that asks (its procedure words count), when not the whole of it."""
    if unanswered_procedure(query if asked is None else asked, name + text):
        return True
    if name:
        return swapped(query, name)
    return swapped_in_text(query, text)
