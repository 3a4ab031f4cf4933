"""Targets that several listed names share (A、B均增长8%; 城镇和农村…分别增长7%和9%) and targets set
by a higher level (主要约束性指标达到上级要求). Invented sentences."""

from __future__ import annotations

import pytest

from knowledge.indicator_prose import prose_targets
from knowledge.prose_names import share_head


@pytest.mark.parametrize(("names", "shared"), [
    (["城镇", "农村常住居民人均可支配收入"], ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"]),
    (["市级", "区级财政科技投入"], ["市级财政科技投入", "区级财政科技投入"]),
    (["政府投资项目", "社会投资项目"], ["政府投资项目", "社会投资项目"]),  # full names stay
    (["新建", "新建幼儿园"], ["新建", "新建幼儿园"]),
    (["地区生产总值"], ["地区生产总值"]),
])
def test_share_head(names: list[str], shared: list[str]) -> None:
    assert share_head(names) == shared


@pytest.mark.parametrize(("sentence", "targets"), [
    ("主要预期目标是：城镇居民人均收入、农村居民人均收入均增长8%。",
     [("城镇居民人均收入", "增长8%"), ("农村居民人均收入", "增长8%")]),
    ("主要预期目标是：城镇和农村居民人均收入分别增长6%左右和8%左右。",
     [("城镇居民人均收入", "增长6%左右"), ("农村居民人均收入", "增长8%左右")]),
    ("主要预期目标是：地区生产总值增长6%；主要约束性指标达到上级要求。",
     [("地区生产总值", "增长6%"), ("主要约束性指标", "达到上级要求")]),
    ("节能减排指标满足省下达要求。", [("节能减排指标", "满足省下达要求")]),
])
def test_listed_and_higher_level_targets(sentence: str, targets: list[tuple[str, str]]) -> None:
    assert [(f.name, f.value) for f in prose_targets(sentence, 2024)] == targets
