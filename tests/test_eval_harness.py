"""The evaluation harness's hit rule and measures (bench/eval_search.py, bench/eval_policy.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from eval_common import EvalHit  # noqa: E402
from eval_policy import chunks, is_hit  # noqa: E402
from eval_search import Matcher, aggregate, score  # noqa: E402

F = "001_x.txt"
ROW = {"file": F, "line": 78, "kind": "indicator", "key": "k", "lines": [77, 78, 79, 80]}
PASSAGE = {"file": F, "line": 194, "kind": "passage", "key": "k"}


def hit(kind: str = "indicator", line: int = 78, lines: tuple[int, ...] = (), doc: str = F) -> EvalHit:
    return EvalHit(kind=kind, id="x", doc=doc, line=line, lines=frozenset(lines))


def test_hit_rule_lines_file_and_kind() -> None:
    m = Matcher(gold_format=False)
    assert m.match(hit(line=80), ROW, strict=True)  # any line of the expected row
    assert m.match(hit(line=5, lines=(79, 90)), ROW, strict=True)  # any line of the hit's item
    assert not m.match(hit(line=81), ROW, strict=False)
    assert not m.match(hit(doc="002_y.txt"), ROW, strict=False)
    assert m.match(hit(kind="task"), ROW, strict=False) and not m.match(hit(kind="task"), ROW, strict=True)
    assert m.match(hit(kind="section", line=194), PASSAGE, strict=True)  # a passage accepts any kind


def test_measures() -> None:
    m = Matcher(gold_format=False)
    answerable = {"id": "a", "style": "figure", "expect": [ROW], "list": False}
    wrong_first = {"id": "b", "style": "figure", "expect": [ROW], "list": False}
    refused = {"id": "c", "style": "figure", "expect": [ROW], "list": False}
    listed = {"id": "d", "style": "list", "list": True,
              "expect": [{**ROW, "line": n, "lines": []} for n in range(100, 112)]}
    no_answer = {"id": "e", "style": "no_answer", "expect": [], "list": False}
    rows = [(answerable, score([hit()], answerable, m, 10)),
            (wrong_first, score([hit(line=1), hit()], wrong_first, m, 10)),
            (refused, score([], refused, m, 10)),
            (listed, score([hit(line=n) for n in range(100, 110)], listed, m, 10)),
            (no_answer, score([hit()], no_answer, m, 10))]
    got = aggregate(rows)
    assert got["hit@1"] == 2 / 4 and got["hit@3"] == 3 / 4
    assert got["recall@10"] == 1.0  # 10 of 12 expected items, capped at min(12, 10)
    assert got["ans_refused"] == 1 / 4 and got["na_refused"] == 0.0
    assert got["wrong@1"] == 2 / 5  # a wrong first hit, and an answer to a no-answer question


def test_policy_criterion_and_chunks() -> None:
    answer = "巡游出租汽车必须使用计程计价设备"
    assert is_hit(answer, "规定：巡游出租汽车在城市建成区内必须使用计程计价设备。")
    assert not is_hit(answer, "出租车")
    assert not is_hit(answer, "无关" * 600 + answer)  # beyond the first 1,000 characters
    text = "第一句。" * 100 + "很长" * 400
    parts = chunks(text)
    assert all(len(p) <= 300 for p in parts) and "".join(parts) == text
