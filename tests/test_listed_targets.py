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


@pytest.mark.parametrize(("sentence", "targets"), [
    # a per-capita rate: 十万人口 is part of the name
    ("年均火灾十万人口死亡率控制在0.25以内。", [("年均火灾十万人口死亡率", 0.25, None)]),
    # a score with a qualifier; a deduction and a duration are none
    ("群众安全常识知晓率综合得分达90分以上。", [("群众安全常识知晓率综合得分", 90.0, None)]),
    ("每项扣1分，会议时长不超过30分钟。", []),
    # 小于 and a count in ten thousands
    ("到2025年，消防站平均服务人口数量小于8万。", [("消防站平均服务人口数量", 8.0, None)]),
    # a share of a base
    ("各街镇以拆除方式整治的面积应不低于年度计划任务量的60%。",
     [("各街镇以拆除方式整治的面积", 60.0, "不低于年度计划任务量的60%")]),
    ("餐厨废弃物收集处理量在项目试运行期间达到预期处理量的50%以上。",
     [("餐厨废弃物收集处理量", 50.0, "达到预期处理量的50%以上")]),
    # a closing note after the counted noun names nothing; a bracket inside the name stays
    ("2026年应完成剩余1620亩整治任务量（各街镇任务详见附件）。", [("整治任务量", 1620.0, None)]),
    ("完成40个电动自行车集中充电（停放）场所改造。", [("电动自行车集中充电（停放）场所改造", 40.0, None)]),
])
def test_rates_scores_and_shares(sentence: str, targets: list[tuple[str, float, str | None]]) -> None:
    found = prose_targets(sentence, 2024)
    assert [(f.name, f.quantity.number if f.quantity else None, f.value) for f in found] == targets


@pytest.mark.parametrize(("sentence", "targets"), [
    # the share of a whole meeting a standard
    ("到2025年底，全镇建成区40%以上面积达到海绵城市建设目标要求。", [("全镇建成区海绵城市建设达标面积比例", 40.0)]),
    ("到2027年，城区60%的区域达到噪声功能区标准。", [("城区噪声功能区达标面积比例", 60.0)]),
    # N%的目标要求 is the target; a share in a subsidy rule is no target
    ("落实新能源公交车占新增公交车80%的目标要求。", [("新能源公交车占新增公交车", 80.0)]),
    ("对投资额50%的部分给予补助。", []),
])
def test_shares_meeting_a_standard(sentence: str, targets: list[tuple[str, float]]) -> None:
    assert [(f.name, f.quantity.number if f.quantity else None) for f in prose_targets(sentence, 2024)] == targets


def test_a_clause_dated_in_the_plan_year_ends_a_past_run() -> None:
    sentence = "2024年及2025年我区已累计完成约4180亩整治任务量，2026年应完成剩余1620亩整治任务量。"
    assert [(f.name, f.quantity.number) for f in prose_targets(sentence, 2026) if f.quantity] == [("整治任务量", 1620.0)]


@pytest.mark.parametrize(("sentence", "targets"), [
    ("至2030年，力争路网密度达4.15公里/平方公里。", [("路网密度", 4.15, "公里/平方公里")]),
    ("服务费用不超过16元/平方米。", []),  # a price
    ("城镇污水处理能力由12万吨/天，提高至24万吨/天。", []),  # where it starts is no target
])
def test_composite_units(sentence: str, targets: list[tuple[str, float, str]]) -> None:
    found = prose_targets(sentence, 2026)
    assert [(f.name, f.quantity.number, f.quantity.unit) for f in found if f.quantity] == targets


@pytest.mark.parametrize(("sentence", "targets"), [
    ("全力确保空气优良天数达到350天。", [("空气优良天数", 350.0)]),
    ("在30天内完成整改。", []),
    ("每年开展培训不少于3天。", []),
])
def test_days(sentence: str, targets: list[tuple[str, float]]) -> None:
    assert [(f.name, f.quantity.number) for f in prose_targets(sentence, 2019) if f.quantity] == targets
