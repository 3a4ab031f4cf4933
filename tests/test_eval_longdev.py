"""Checks of the long-question development set (bench/queries/long-dev.json).

The set was written from the plan text alone; these tests check its form and that every
expectation points at the plan text it names (its key occurs on its line or within its lines).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "bench" / "queries" / "long-dev.json"
PLANS = ROOT / "knowledge" / "plans"
STYLES = {"long", "no_answer"}
KINDS = {"indicator", "task", "section", "term", "passage"}
FIELDS = {"id", "q", "style", "split", "expect", "list", "answer", "today", "why"}


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    text = QUERIES.read_text(encoding="utf-8")
    data = json.loads(text)
    assert isinstance(data, list)
    return data


def plan_lines(name: str) -> list[str]:
    path = PLANS / name
    assert path.is_file(), f"no plan file {name}"
    return path.read_text(encoding="utf-8").splitlines()


def test_file_layout_one_object_per_line() -> None:
    lines = QUERIES.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "[" and lines[-2] == "]" and lines[-1] == ""
    body = lines[1:-2]
    for i, line in enumerate(body):
        assert line.endswith(",") == (i < len(body) - 1)
        json.loads(line.rstrip(","))


def test_size_and_fields(questions: list[dict]) -> None:
    assert len(questions) >= 75
    for q in questions:
        assert set(q) == FIELDS, q.get("id")


def test_ids_and_texts_unique(questions: list[dict]) -> None:
    ids = [q["id"] for q in questions]
    texts = [q["q"] for q in questions]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)
    assert ids == [f"L{i:03d}" for i in range(1, len(ids) + 1)]


def test_styles_split_and_length(questions: list[dict]) -> None:
    for q in questions:
        assert q["style"] in STYLES, q["id"]
        assert q["split"] == "tune", q["id"]
        assert 18 <= len(q["q"]) <= 60, (q["id"], len(q["q"]))
        assert q["list"] is False, q["id"]


def test_no_answer_iff_empty_expect(questions: list[dict]) -> None:
    for q in questions:
        if q["style"] == "no_answer":
            assert q["expect"] == [], q["id"]
            assert q["answer"] == "", q["id"]
            assert isinstance(q["why"], str) and q["why"].strip(), q["id"]
        else:
            assert q["expect"], q["id"]
            assert q["answer"], q["id"]


def test_keys_occur_on_their_lines(questions: list[dict]) -> None:
    for q in questions:
        for e in q["expect"]:
            assert e["kind"] in KINDS, q["id"]
            text = plan_lines(e["file"])
            span = e.get("lines") or [e["line"]]
            assert e["line"] in span, q["id"]
            for n in span:
                assert 1 <= n <= len(text), (q["id"], n)
            within = [text[n - 1] for n in sorted(span)]
            assert any(e["key"] in line for line in within) or e["key"] in "".join(within), (
                q["id"],
                e["key"],
            )
