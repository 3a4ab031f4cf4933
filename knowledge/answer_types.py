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


@functools.lru_cache(maxsize=2)
def _table(path: Path = TYPES_FILE) -> _Types:
    """The answer-type table, read once."""
    asks: list[tuple[str, str]] = []
    marks: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        role, kind, value = line.split("\t")
        if role == "ask":
            asks.append((value, kind))
        elif role == "mark":
            marks.setdefault(kind, []).append(value)
        else:
            raise ValueError(f"{path.name}: unknown role {role!r}")
    unmarked = {k for _, k in asks} - set(marks)
    if unmarked:
        raise ValueError(f"{path.name}: types asked for with no mark: {sorted(unmarked)}")
    return _Types(asks=tuple(sorted(asks, key=lambda t: -len(t[0]))),
                  marks={k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in marks.items()})


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
