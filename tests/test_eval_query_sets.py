"""The question sets written after the realistic set (bench/queries/fresh2-8.json, long-dev.json): their
form, and that every expectation points at the plan text it names (its key on its line or lines)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "queries"
PLANS = ROOT / "knowledge" / "plans"
STYLES = {"figure", "place", "year", "abbreviation", "everyday", "list", "deadline", "structure", "count",
          "definition", "typo", "pinyin", "long", "no_answer"}
KINDS = {"indicator", "task", "section", "term", "passage"}
FIELDS = ["id", "q", "style", "split", "expect", "list", "answer", "today", "why"]


@dataclass(frozen=True)
class QuerySet:
    """What one file promises beyond the common form."""

    file: str
    prefix: str
    at_least: int
    split: str = "heldout"
    styles: frozenset[str] = frozenset(STYLES)
    long_chars: tuple[int, int] | None = None  # length bounds of the `long` style (all, if only_long)
    only_long: bool = False  # every question a whole sentence (long-dev)
    count_is_len: bool = False  # a count's answer is the number of its expectations
    ids_in_order: bool = False


SETS = [
    QuerySet("fresh2.json", "G", 140, long_chars=(20, 60), count_is_len=True),
    QuerySet("fresh3.json", "H", 125),
    QuerySet("fresh4.json", "K", 115),
    QuerySet("fresh5.json", "M", 115),
    QuerySet("fresh6.json", "F6", 145, long_chars=(25, 60)),
    QuerySet("fresh7.json", "F7", 115, long_chars=(25, 60)),
    QuerySet("fresh8.json", "F8", 95, long_chars=(25, 60)),
    QuerySet("fresh9.json", "F9", 115, long_chars=(25, 60), count_is_len=True),
    QuerySet("long-dev.json", "L", 75, split="tune", styles=frozenset({"long", "no_answer"}),
             long_chars=(18, 60), only_long=True, ids_in_order=True),
]


@cache
def load(name: str) -> list[dict]:
    return json.loads((QUERIES / name).read_text(encoding="utf-8"))


@cache
def plan_lines(name: str) -> list[str]:
    return (PLANS / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("qs", SETS, ids=lambda s: s.file)
def test_form_ids_styles_and_split(qs: QuerySet) -> None:
    questions = load(qs.file)
    assert len(questions) >= qs.at_least
    ids = [q["id"] for q in questions]
    assert len(ids) == len(set(ids)) and all(i.startswith(qs.prefix) for i in ids)
    if qs.ids_in_order:
        assert ids == [f"{qs.prefix}{i:03d}" for i in range(1, len(ids) + 1)]
    texts = [q["q"].strip() for q in questions]
    assert all(texts) and len(texts) == len(set(texts)), "duplicate or empty question"
    for q in questions:
        assert sorted(q) == sorted(FIELDS), q["id"]
        assert q["style"] in qs.styles and q["split"] == qs.split, q["id"]
        assert isinstance(q["list"], bool) and isinstance(q["answer"], str), q["id"]
        if q["today"] is not None:
            assert dt.date.fromisoformat(q["today"]).isoformat() == q["today"], q["id"]
        if qs.long_chars and (qs.only_long or q["style"] == "long"):
            assert qs.long_chars[0] <= len(q["q"]) <= qs.long_chars[1], q["id"]


@pytest.mark.parametrize("qs", [s for s in SETS if s.file in ("fresh2.json", "long-dev.json")], ids=lambda s: s.file)
def test_one_question_per_line(qs: QuerySet) -> None:
    lines = (QUERIES / qs.file).read_text(encoding="utf-8").split("\n")
    assert lines[0] == "[" and lines[-2] == "]" and lines[-1] == ""
    assert len(lines) == len(load(qs.file)) + 3


@pytest.mark.parametrize("qs", SETS, ids=lambda s: s.file)
def test_answers_lists_and_counts(qs: QuerySet) -> None:
    for q in load(qs.file):
        if q["style"] == "no_answer":
            assert q["expect"] == [] and q["answer"] == "" and q["why"].strip() and not q["list"], q["id"]
            continue
        assert q["expect"], q["id"]
        if qs.only_long:
            assert q["answer"] and q["list"] is False, q["id"]
        if q["style"] in ("list", "count"):
            assert q["list"] is True, q["id"]
        if q["style"] == "list" and qs.count_is_len:
            assert len(q["expect"]) >= 2, q["id"]
        if q["style"] == "count":
            assert q["answer"].strip().isdigit(), q["id"]
            if qs.count_is_len:
                assert q["answer"] == str(len(q["expect"])), q["id"]


@pytest.mark.parametrize("qs", SETS, ids=lambda s: s.file)
def test_keys_occur_on_their_lines(qs: QuerySet) -> None:
    for q in load(qs.file):
        for x in q["expect"]:
            assert x["kind"] in KINDS, q["id"]
            assert (PLANS / x["file"]).is_file(), (q["id"], x["file"])
            lines = plan_lines(x["file"])
            scope = x.get("lines") or [x["line"]]
            assert x["line"] in scope and all(1 <= n <= len(lines) for n in scope), (q["id"], scope)
            assert x["key"] and any(x["key"] in lines[n - 1] for n in scope), (q["id"], x["file"], x["key"])


# Every later held-out set (fresh10 … and on), as its writer's own checks promise: its form and its keys.
LATER = sorted((p.name for p in QUERIES.glob("fresh*.json") if p.stem[5:].isdigit() and int(p.stem[5:]) >= 10),
               key=lambda n: int(n[5:-5]))


@pytest.mark.parametrize("name", LATER)
def test_later_sets_keys_occur_on_their_lines(name: str) -> None:
    """An expectation of a later set points at the plan text it names: its key on its line or lines."""
    for q in load(name):
        assert list(q)[:len(FIELDS)] == FIELDS and q["style"] in STYLES, (name, q.get("id"))
        for x in q["expect"]:
            assert x["kind"] in KINDS, q["id"]
            lines = plan_lines(x["file"])
            scope = x.get("lines") or [x["line"]]
            assert x["line"] in scope and all(1 <= n <= len(lines) for n in scope), (q["id"], scope)
            assert x["key"] and any(x["key"] in lines[n - 1] for n in scope), (q["id"], x["file"], x["key"])
