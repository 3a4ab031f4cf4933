"""Goal sentences: counts in Chinese numerals (开放百个应用场景) and facilities to be built (建成…基地)
as targets; words without a count (一个中心) and visions without targets are none. Invented phrases."""

from __future__ import annotations

import pytest

from knowledge.indicator_prose import prose_targets
from knowledge.numbers import parse_number


@pytest.mark.parametrize(("text", "number"), [("百个", 100), ("千家", 1000), ("两百个", 200), ("三十家", 30), ("5个", 5)])
def test_chinese_counts(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(("sentence", "targets"), [
    ("到2027年，开放百个应用场景，打造百个行业模型，推广百个示范应用。",
     [("应用场景", 100.0), ("行业模型", 100.0), ("示范应用", 100.0)]),
    ("到2027年，培育三十家链主企业。", [("链主企业", 30.0)]),
    ("到2027年，建成国家级中试基地（移动终端方向），开放百个应用场景。",
     [("国家级中试基地", None), ("应用场景", 100.0)]),
    # no target: a count in words below ten, a vision without counted targets, a task's 建成
    ("建设一个中心，健全两个机制。", []),
    ("到2025年，综合实力显著增强，基本建成产城融合示范区。", []),
    ("加快建成区域物流枢纽，开放百个应用场景。", [("应用场景", 100.0)]),
])
def test_goal_sentence_targets(sentence: str, targets: list[tuple[str, float | None]]) -> None:
    found = prose_targets(sentence, 2025)
    assert [(f.name, f.quantity.number if f.quantity else None) for f in found] == targets
