"""The realistic question set (bench/queries/realistic.json) is well formed and matches the plan text."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "queries" / "realistic.json"
PLANS = ROOT / "knowledge" / "plans"
STYLES = {"figure", "place", "year", "abbreviation", "everyday", "list", "deadline", "structure", "count",
          "definition", "typo", "pinyin", "no_answer"}
KINDS = {"indicator", "task", "section", "term", "passage"}


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_lines() -> dict[str, list[str]]:
    return {p.name: p.read_text(encoding="utf-8").splitlines() for p in PLANS.glob("*.txt")}


def test_ids_unique_and_fields_known(questions: list[dict]) -> None:
    ids = [q["id"] for q in questions]
    assert len(ids) == len(set(ids))
    assert len(questions) >= 280
    texts = [q["q"].strip() for q in questions]
    assert len(texts) == len(set(texts)), "duplicate question text"
    for q in questions:
        assert q["style"] in STYLES, q["id"]
        assert q["split"] in {"tune", "heldout"}, q["id"]
        assert isinstance(q["list"], bool), q["id"]
        if q["today"] is not None:
            dt.date.fromisoformat(q["today"])


def test_expectations_match_the_plan_text(questions: list[dict], plan_lines: dict[str, list[str]]) -> None:
    for q in questions:
        for e in q["expect"]:
            assert e["kind"] in KINDS, q["id"]
            lines = plan_lines.get(e["file"])
            assert lines is not None, f"{q['id']}: no plan {e['file']}"
            span = e.get("lines") or [e["line"]]
            assert e["line"] in span, q["id"]
            assert all(1 <= n <= len(lines) for n in span), f"{q['id']}: line out of range"
            assert any(e["key"] in lines[n - 1] for n in span), f"{q['id']}: {e['key']!r} not on {e['file']}:{span}"


def test_answerable_and_unanswerable(questions: list[dict]) -> None:
    for q in questions:
        if q["style"] == "no_answer":
            assert q["expect"] == [] and q["why"], q["id"]
        else:
            assert q["expect"] and q["answer"], q["id"]
    assert sum(q["style"] == "no_answer" for q in questions) >= 40
    assert all(q["list"] for q in questions if q["style"] == "list")


def test_both_splits_hold_every_style(questions: list[dict]) -> None:
    per = Counter((q["split"], q["style"]) for q in questions)
    for split in ("tune", "heldout"):
        for style in STYLES:
            assert per[split, style] >= 5, (split, style)
