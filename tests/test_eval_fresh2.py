"""Checks of the second fresh held-out question set (bench/queries/fresh2.json).

The set was written from the plan text alone; these tests only check its form and that every
expectation points at the plan text it names (its key occurs on its line or within its lines).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "queries" / "fresh2.json"
PLANS = ROOT / "knowledge" / "plans"

STYLES = {
    "figure", "place", "year", "abbreviation", "everyday", "list", "deadline", "structure",
    "count", "definition", "typo", "pinyin", "no_answer", "long",
}
KINDS = {"indicator", "task", "section", "term", "passage"}
FIELDS = ["id", "q", "style", "split", "expect", "list", "answer", "today", "why"]


def load() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))


@cache
def plan_lines(name: str) -> list[str]:
    return (PLANS / name).read_text(encoding="utf-8").splitlines()


QS = load()


def test_enough_questions_and_fields():
    assert len(QS) >= 140
    for q in QS:
        assert list(q) == FIELDS, q["id"]
        assert isinstance(q["q"], str) and q["q"].strip(), q["id"]
        assert isinstance(q["list"], bool), q["id"]
        assert isinstance(q["answer"], str), q["id"]


def test_one_question_per_line():
    lines = QUERIES.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "[" and lines[-2] == "]" and lines[-1] == ""
    assert len(lines) == len(QS) + 3


def test_ids_and_texts_unique():
    ids = [q["id"] for q in QS]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("G") for i in ids)
    texts = [q["q"].strip() for q in QS]
    dup = [t for t, n in Counter(texts).items() if n > 1]
    assert not dup


def test_styles_and_split():
    for q in QS:
        assert q["style"] in STYLES, q["id"]
        assert q["split"] == "heldout", q["id"]


def test_no_answer_iff_empty_expect_with_why():
    for q in QS:
        unanswerable = not q["expect"] and bool(q["why"])
        assert (q["style"] == "no_answer") == unanswerable, q["id"]
        if q["style"] == "no_answer":
            assert q["answer"] == "", q["id"]
            assert not q["list"], q["id"]


def test_list_questions_are_lists():
    for q in QS:
        if q["style"] == "list":
            assert q["list"] is True, q["id"]
            assert len(q["expect"]) >= 2, q["id"]


def test_count_answer_is_number_of_items():
    for q in QS:
        if q["style"] == "count":
            assert q["list"] is True, q["id"]
            assert q["answer"] == str(len(q["expect"])), q["id"]


def test_today_is_iso_date():
    for q in QS:
        if q["today"] is not None:
            assert dt.date.fromisoformat(q["today"]).isoformat() == q["today"], q["id"]


def test_long_questions_are_whole_sentences():
    for q in QS:
        if q["style"] == "long":
            assert 20 <= len(q["q"]) <= 60, q["id"]


@pytest.mark.parametrize("q", [q for q in QS if q["expect"]], ids=lambda q: q["id"])
def test_keys_occur_on_their_lines(q):
    for x in q["expect"]:
        assert x["kind"] in KINDS, q["id"]
        assert (PLANS / x["file"]).is_file(), (q["id"], x["file"])
        lines = plan_lines(x["file"])
        line = x["line"]
        assert isinstance(line, int) and 1 <= line <= len(lines), (q["id"], line)
        key = x["key"]
        assert key, q["id"]
        scope = x.get("lines", [line])
        assert line in scope, (q["id"], line, scope)
        assert all(1 <= n <= len(lines) for n in scope), (q["id"], scope)
        assert any(key in lines[n - 1] for n in scope), (q["id"], x["file"], line, key)
