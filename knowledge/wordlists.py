"""Word lists shipped as data files (knowledge/data/*.txt): one entry a line, # starts a comment."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of knowledge/data/`name`.txt, longest first (so alternations prefer them)."""
    entries: list[str] = []
    for raw in (DATA_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip()
        if entry and entry not in entries:
            entries.append(entry)
    return tuple(sorted(entries, key=len, reverse=True))


@cache
def merged(*names: str) -> tuple[str, ...]:
    """The entries of several word lists as one, longest first."""
    return tuple(sorted(dict.fromkeys(w for name in names for w in words(name)), key=len, reverse=True))


@cache
def alternation(name: str) -> str:
    """The entries of a word list as one regular-expression alternation (escaped)."""
    return one_of(words(name))


def one_of(options: Iterable[str]) -> str:
    """Words as one regular-expression alternation (escaped), longest first so the longest is matched."""
    return "|".join(re.escape(w) for w in sorted(options, key=len, reverse=True))
