"""Sanity checks for the fourth fresh held-out query set (bench/queries/fresh4.json)."""

import datetime as dt
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "bench" / "queries" / "fresh4.json"
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


def test_size_and_split(questions):
    assert len(questions) >= 115
    assert all(q["split"] == "heldout" for q in questions)


def test_ids_and_texts_unique(questions):
    ids = [q["id"] for q in questions]
    texts = [q["q"].strip() for q in questions]
    assert len(ids) == len(set(ids))
    assert len(texts) == len(set(texts))
    assert all(i.startswith("K") for i in ids)


def test_styles_known(questions):
    assert {q["style"] for q in questions} <= STYLES


def test_keys_on_their_lines(questions, plan_lines):
    for q in questions:
        for ex in q["expect"]:
            assert ex["file"] in plan_lines, (q["id"], ex["file"])
            assert ex["kind"] in KINDS, (q["id"], ex["kind"])
            lines = ex.get("lines") or [ex["line"]]
            assert ex["line"] in lines, (q["id"], ex)
            text = plan_lines[ex["file"]]
            assert all(1 <= n <= len(text) for n in lines), (q["id"], ex)
            assert ex["key"] and any(ex["key"] in text[n - 1] for n in lines), (q["id"], ex)


def test_no_answer_iff_empty(questions):
    for q in questions:
        if q["style"] == "no_answer":
            assert q["expect"] == [] and q["answer"] == "" and q["why"], q["id"]
        else:
            assert q["expect"], q["id"]


def test_list_flags(questions):
    for q in questions:
        if q["style"] in LIST_STYLES:
            assert q["list"] is True, q["id"]
        if q["style"] == "count":
            assert q["answer"].strip().isdigit(), q["id"]


def test_today_is_iso(questions):
    for q in questions:
        if q["today"] is not None:
            dt.date.fromisoformat(q["today"])
