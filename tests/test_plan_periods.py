"""The period a programme states in its text (knowledge/plan_periods.stated_period), and what it
does to the document's year and its tasks' deadlines. Invented phrases."""

from __future__ import annotations

import pytest

from knowledge.builder import build_document
from knowledge.plan_periods import stated_period


@pytest.mark.parametrize(("line", "period"), [
    ("1.目标。2012年起5年内，大力实施六大人才行动计划。", (2012, 2016)),
    ("从2023年开始用三年时间，基本完成老旧小区改造。", (2023, 2025)),
    ("自2024年起利用两年左右时间，建成一批示范街区。", (2024, 2025)),
    ("从2021年到2023年，分三批推进。", (2021, 2023)),
    ("本方案实施期为2024—2026年。", (2024, 2026)),
    ("实施期限：2025年至2027年。", (2025, 2027)),
    ("通过三年努力，到2025年，全市数字经济核心产业增加值占比达到12%。", (2023, 2025)),
    ("用5年左右时间，到2030年建成国际消费中心城市。", (2026, 2030)),
    # goal years and dates alone state no period
    ("到2027年，累计培育创新型企业1000家。", None),
    ("本办法自2023年7月3日起施行，有效期至2025年12月31日。", None),
    ("2023年以来，全区新增市场主体1.2万户。", None),
    ("根据《某某市国民经济和社会发展第十四个五年规划（2021—2025年）》，制定本方案。", None),
])
def test_stated_period(line: str, period: tuple[int, int] | None) -> None:
    assert stated_period([line]) == period


def test_a_programme_dated_by_its_stated_period() -> None:
    lines = [
        "关于推进人才工程的实施意见",
        "一、总体目标",
        "1.目标。2012年起5年内，引进和培养高层次人才2000名左右。",
        "二、重点项目",
        "2.企业家培养项目。5年内重点培养100名优秀企业家。（牵头单位：市委组织部，配合单位：市国资委）",
        "3.人才公寓项目。2012年底前出台人才公寓管理办法。（牵头单位：市住房保障局）",
        "4.人才研究智库。组建人才研究智库，开展人才发展战略研究。（牵头单位：市委组织部）",
    ]
    kb = build_document("意见.txt", lines)
    doc = kb.documents[0]
    assert (doc.kind, doc.year, doc.period) == ("implementation_plan", 2012, (2012, 2016))
    deadlines = {t.title: (t.deadline.isoformat() if t.deadline else None, t.deadline_kind) for t in kb.tasks}
    assert deadlines["企业家培养项目"] == ("2016-12-31", "explicit")  # 5年内, counted from 2012
    assert deadlines["人才公寓项目"] == ("2012-12-31", "explicit")
    assert deadlines["人才研究智库"] == ("2016-12-31", "period_end")
