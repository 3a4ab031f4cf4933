"""Sanity checks for the third fresh held-out query set (bench/queries/fresh3.json)."""

import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "bench" / "queries" / "fresh3.json"
PLANS = ROOT / "knowledge" / "plans"
STYLES = {
    "figure", "place", "year", "abbreviation", "everyday", "list", "deadline", "structure",
    "count", "definition", "typo", "pinyin", "long", "no_answer",
}
KINDS = {"indicator", "task", "section", "term", "passage"}
LIST_STYLES = {"list", "count"}


@pytest.fixture(scope="module")
def questions():
    return json.loads(SET.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_lines():
    return {p.name: p.read_text(encoding="utf-8").split("\n") for p in PLANS.glob("*.txt")}


def test_size(questions):
    assert len(questions) >= 125


def test_ids_and_texts_unique(questions):
    ids = [q["id"] for q in questions]
    texts = [q["q"] for q in questions]
    assert len(ids) == len(set(ids))
    assert len(texts) == len(set(texts))


def test_fields_split_and_styles(questions):
    fields = {"id", "q", "style", "split", "expect", "list", "answer", "today", "why"}
    for q in questions:
        assert set(q) == fields, q["id"]
        assert q["split"] == "heldout", q["id"]
        assert q["style"] in STYLES, q["id"]


def test_keys_on_their_lines(questions, plan_lines):
    for q in questions:
        for exp in q["expect"]:
            lines = plan_lines[exp["file"]]
            assert exp["kind"] in KINDS, (q["id"], exp)
            span = exp.get("lines", [exp["line"]])
            assert exp["line"] in span, (q["id"], exp)
            assert all(1 <= n <= len(lines) for n in span), (q["id"], exp)
            assert any(exp["key"] in lines[n - 1] for n in span), (q["id"], exp)


def test_no_answer_iff_empty_expect(questions):
    for q in questions:
        if q["style"] == "no_answer":
            assert q["expect"] == [] and q["why"], q["id"]
            assert q["answer"] == "", q["id"]
        else:
            assert q["expect"], q["id"]


def test_list_questions_flagged(questions):
    for q in questions:
        if q["style"] in LIST_STYLES:
            assert q["list"] is True, q["id"]
        if q["style"] == "count":
            assert q["answer"].strip().isdigit(), q["id"]


def test_today_is_iso(questions):
    for q in questions:
        if q["today"] is not None:
            dt.date.fromisoformat(q["today"])
