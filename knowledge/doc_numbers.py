"""The issuer a 文号 names: 深工信〔2025〕44号 is 深圳市工业和信息化局.

A 文号 starts with the issuer's abbreviation: the place's first character(s) (深, 深坪) and the
organ's short form (工信, 府办, 发改; knowledge/data/organ_abbreviations.txt). The full name
is read back only when the document supports it: the places from the title (深圳市, 深圳市坪山区),
one per character of the abbreviation, and an organ name the text itself uses (市工业和信息化局).
A document printed from a web page often keeps its 文号 and loses its signature.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.wordlists import DATA_DIR

_PREFIX = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{2,12})[〔\[［【（(]")


@cache
def _organs() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(abbreviation, full names) from the data file, longest abbreviation first."""
    rows = []
    for raw in (DATA_DIR / "organ_abbreviations.txt").read_text(encoding="utf-8").splitlines():
        fields = raw.split("#", 1)[0].split()
        if len(fields) >= 2:
            rows.append((fields[0], tuple(fields[1:])))
    return tuple(sorted(rows, key=lambda row: len(row[0]), reverse=True))


def issuer_from_number(number: str | None, places: list[str], body: str) -> str | None:
    """The issuer a 文号 abbreviates, given the places the title names (most general first) and
    the document's text; None unless both the places and the organ's name bear it out."""
    if not number or not places:
        return None
    m = _PREFIX.match(number)
    if not m:
        return None
    prefix = m["prefix"]
    for abbreviation, names in _organs():
        at = prefix.find(abbreviation, 1)
        if at < 1 or at > 3:
            continue
        place = _place(prefix[:at], places)
        if place is None:
            continue
        for name in names:
            if name in body:
                return place + name
    return None


def _place(short: str, places: list[str]) -> str | None:
    """The places the abbreviation's characters stand for, in order (深坪 → 深圳市坪山区)."""
    found = []
    rest = list(places)
    for ch in short:
        while rest and not rest[0].startswith(ch):
            rest.pop(0)
        if not rest:
            return None
        found.append(rest.pop(0))
    return "".join(found)
