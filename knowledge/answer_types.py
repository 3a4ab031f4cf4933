"""What kind of answer a question expects (a number, a date, an office, a condition …) and whether a
candidate's text holds an answer of that kind: the expected-answer-type signal of question answering,
a ranker feature (`answer_type`) read from knowledge/data/answer_types.tsv."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TYPES_FILE = Path(__file__).parent / "data" / "answer_types.tsv"


@dataclass(frozen=True)
class _Types:
    """The table: the cues of each type (longest first) and the pattern a text holding one matches."""

    asks: tuple[tuple[str, str], ...]
    marks: dict[str, re.Pattern[str]]
    # A quantity a question may name instead of a unit (面积 → 平方公里, 亩 …), with its units.
    quantities: dict[str, tuple[str, ...]]


@functools.lru_cache(maxsize=2)
def _table(path: Path = TYPES_FILE) -> _Types:
    """The answer-type table, read once."""
    asks: list[tuple[str, str]] = []
    marks: dict[str, list[str]] = {}
    quantities: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        role, kind, value = line.split("\t")
        if role == "ask":
            asks.append((value, kind))
        elif role == "mark":
            marks.setdefault(kind, []).append(value)
        elif role == "unit":
            quantities.setdefault(kind, []).append(value)
        else:
            raise ValueError(f"{path.name}: unknown role {role!r}")
    unmarked = {k for _, k in asks} - set(marks)
    if unmarked:
        raise ValueError(f"{path.name}: types asked for with no mark: {sorted(unmarked)}")
    return _Types(asks=tuple(sorted(asks, key=lambda t: -len(t[0]))),
                  marks={k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in marks.items()},
                  quantities={k: tuple(v) for k, v in quantities.items()})


@functools.lru_cache(maxsize=4096)
def asked_types(question: str) -> tuple[str, ...]:
    """The types of answer a normalised question expects (多少 → number, 谁负责 → body); () for none."""
    return tuple(sorted({kind for cue, kind in _table().asks if cue in question}))


def holds_answer(types: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """Per text, the share of the expected types it holds an answer of (all zeros when none is expected)."""
    if not types or not texts:
        return np.zeros(len(texts))
    marks = [_table().marks[t] for t in types]
    return np.array([sum(m.search(t) is not None for m in marks) / len(marks) for t in texts], dtype=np.float64)


# Measure words that name no unit of a figure: parts of a document (几块, 几条, 几部分) and the general
# counter 个 (几个 asks a number, which `number` covers, not a unit a text must state).
_NO_UNIT = frozenset({"个", "块", "条", "部", "份", "期", "批", "间", "件", "位", "张", "对", "分", "项"})


@functools.lru_cache(maxsize=1)
def _unit_asked() -> re.Pattern[str]:
    """几平方公里, 多少场, 多少万人: the unit a how-many question asks the figure in."""
    from knowledge.numbers import COUNT_WORDS, MEASURE_UNITS
    units = sorted({u for u in (*MEASURE_UNITS, *COUNT_WORDS) if u not in _NO_UNIT and "/" not in u and u.strip()},
                   key=len, reverse=True)
    return re.compile(rf"(?:几|多少)(?:[十百千万亿]|百万|千万)?({'|'.join(map(re.escape, units))})")


@functools.lru_cache(maxsize=4096)
def asked_units(question: str) -> tuple[str, ...]:
    """The units a normalised question asks a figure in (有几平方公里 → 平方公里; 面积有多大 → the units of an
    area, a quantity named with a number asked); () for none."""
    units = [m.group(1) for m in _unit_asked().finditer(question)]
    if not units and "number" in asked_types(question):
        units = [u for q, said in _table().quantities.items() if q in question for u in said]
    return tuple(dict.fromkeys(units))


def states_unit(units: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """Per text, 1 when it states a figure in one of the units asked (21平方公里, 20场以上), else 0."""
    if not units or not texts:
        return np.zeros(len(texts))
    stated = re.compile(rf"(?:\d|[一二两三四五六七八九十百千])(?:余|多)?[万亿]?(?:{'|'.join(map(re.escape, units))})")
    return np.array([float(stated.search(t) is not None) for t in texts], dtype=np.float64)
