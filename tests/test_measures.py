"""One deadline per measure: a paragraph that commits to several dates is split into measures,
each with its nearest deadline phrase (issue 10, item 4). Excerpts invented in plan style."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge import builder
from knowledge.measures import measure_spans

D = dt.date


def tasks_of(body: str, title: str = "某街道2021年工作计划") -> list[tuple[str, dt.date | None, str | None]]:
    kb = builder.build_document("plan.txt", [title, "一、重点工作", body])
    return [(t.title, t.deadline, t.deadline_text) for t in kb.tasks]


@pytest.mark.parametrize(("body", "expected"), [
    # several dates: the lead takes the document rule, each dated measure is a task of its own
    ("加快园区建设。3月份完成一期主体施工，标准化厂房上半年完工，二期年底前投产。",
     [("加快园区建设", D(2021, 12, 31), None),
      ("3月份完成一期主体施工", D(2021, 3, 31), "3月份"),
      ("标准化厂房上半年完工", D(2021, 6, 30), "上半年"),
      ("二期年底前投产", D(2021, 12, 31), "年底前")]),
    # the task's own measure names a date: it keeps it
    ("1.第一季度完成道路设计，7月中旬开工建设。",
     [("第一季度完成道路设计", D(2021, 3, 31), "第一季度"), ("7月中旬开工建设", D(2021, 7, 20), "7月中旬")]),
    # one date in the paragraph: unambiguous, the whole measure takes it
    ("推进道路改造。完成主干道改造3公里，6月底前全部完工。", [("推进道路改造", D(2021, 6, 30), "6月底前")]),
    # 全年 / 年底前 restate the plan year: they make no second date
    ("抓好项目建设。全年实施重点项目20个，新开工项目9月底前全部开工，年底前完成投资。",
     [("抓好项目建设", D(2021, 9, 30), "9月底前")]),
    # no date at all: the document rule
    ("优化营商环境。深化“一网通办”改革，提升政务服务水平。", [("优化营商环境", D(2021, 12, 31), None)]),
])
def test_one_deadline_per_measure(body: str, expected: list[tuple[str, dt.date | None, str | None]]) -> None:
    assert tasks_of(body) == expected


def test_measures_share_the_units_of_their_paragraph() -> None:
    kb = builder.build_document("plan.txt", ["某镇2021年重点工作任务清单", "一、项目建设",
                                             "1、项目建设。确保省重点项目6月底前开工，三季度末完成投资70%。（经发办牵头，规划建设办配合）"])
    assert [(t.title, t.lead_units, t.units) for t in kb.tasks] == [
        ("项目建设", ["经发办"], ["经发办", "规划建设办"]),
        ("确保省重点项目6月底前开工", ["经发办"], ["经发办", "规划建设办"]),
        ("三季度末完成投资70%", ["经发办"], ["经发办", "规划建设办"]),
    ]


@pytest.mark.parametrize(("text", "measures"), [
    ("到2025年，建成智慧社区5个，完成改造。", ["到2025年，建成智慧社区5个，", "完成改造。"]),
    ("其中，3月份完成设计，同时启动招标。", ["其中，3月份完成设计，", "同时启动招标。"]),
    ("推进改造（区住建局牵头）。", ["推进改造（区住建局牵头）。"]),
])
def test_measure_spans(text: str, measures: list[str]) -> None:
    assert [text[a:b] for a, b in measure_spans(text)] == measures


def test_steps_headed_by_their_time() -> None:
    kb = builder.build_document("plan.txt", ["2026年某区充电场所消防改造实施方案", "四、实施步骤",
                                             "(一)第一季度：做好项目立项工作，制定项目实施方案；",
                                             "(二)第二季度：完成项目审批和招投标工作；",
                                             "3月底前：完成选址摸排。", "项目内容：新建充电桩200个。"])
    assert [(t.title, t.deadline, t.deadline_text) for t in kb.tasks] == [
        ("做好项目立项工作", D(2026, 3, 31), "第一季度"),
        ("完成项目审批和招投标工作", D(2026, 6, 30), "第二季度"),
        ("完成选址摸排", D(2026, 3, 31), "3月底前"),
    ]


def test_a_reports_five_year_outlook_gives_targets_and_commitments() -> None:
    lines = ["2021年长河县政府工作报告", "各位代表：", "一、2020年和“十三五”时期工作回顾", "过去五年，全县地区生产总值年均增长7%。",
             "二、“十四五”时期主要目标任务",
             "今后五年，是开启新征程的第一个五年。到2025年，全县地区生产总值达到500亿元，森林覆盖率提高到65%。",
             "三、2021年重点工作", "抓实项目建设。全年实施重点项目80个，完成投资120亿元。"]
    kb = builder.build_document("report.txt", lines)
    assert {(i.name, i.target and i.target.year, i.target and i.target.value) for i in kb.indicators} >= {
        ("全县地区生产总值", 2025, "500"), ("森林覆盖率", 2025, "65")}
    assert [(t.line, t.deadline, t.deadline_text) for t in kb.tasks] == [
        (6, D(2025, 12, 31), "到2025年"), (8, D(2021, 12, 31), "全年")]


def test_ordinals_inside_a_paragraph_open_measures_of_their_own() -> None:
    """一是…。二是…。 inside a heading's paragraph: each ordinal opens a measure, titled without it."""
    from knowledge.measures import heading_measures

    line = "（一）聚力工业强县。一是壮大主导产业。新增规上工业企业15家以上。二是抓好项目建设，实施重点项目100个。"
    drafts = heading_measures(7, line)
    assert [d.title for d in drafts] == ["聚力工业强县", "壮大主导产业", "抓好项目建设，实施重点项目100个"]
    assert "新增规上工业企业15家以上" in drafts[1].text and "实施重点项目" not in drafts[1].text


def test_percentages_said_in_words_are_written_in_digits() -> None:
    from knowledge.numbers import percents_in_digits

    assert percents_in_digits("要做到百分之百的指标") == "要做到100%的指标"
    assert percents_in_digits("覆盖率达到百分之九十五以上，增长百分之五点五") == "覆盖率达到95%以上，增长5.5%"
    assert percents_in_digits("百分之几") == "百分之几"  # no number: left as it is
    # 占九成以上: tenths said as 成, after a word of amount or before a bound; 一成不变, 建成 are no number
    assert percents_in_digits("空气好的天数得占九成以上吗") == "空气好的天数得占90%以上吗"
    assert percents_in_digits("一成不变") == "一成不变" and percents_in_digits("建成三成") == "建成三成"
    # 四个半点, 增长六个点: percentage points said as 点; 几个点 asks, 三个点位 and 两个点的建设 are places
    assert percents_in_digits("经济增速是四个半点吗") == "经济增速是4.5%吗"
    assert percents_in_digits("GDP增长5个点左右") == "GDP增长5%左右"
    assert percents_in_digits("定几个点") == "定几个点" and percents_in_digits("设三个点位") == "设三个点位"
    assert percents_in_digits("两个点的建设") == "两个点的建设"


def test_a_formulas_plus_said_as_a_word_is_written_as_the_sign() -> None:
    from knowledge.numbers import pluses_in_signs

    assert pluses_in_signs("宝安1加3加7加N指什么") == "宝安1+3+7+N指什么"
    assert pluses_in_signs("增加投资，加快建设") == "增加投资，加快建设"  # (加 between words is a word)


def test_large_numbers_said_in_words_are_written_in_digits() -> None:
    from knowledge.numbers import large_numbers_in_digits

    assert large_numbers_in_digits("累计一万人就业") == "累计1万人就业"
    assert large_numbers_in_digits("三千户两百个") == "3000户200个"
    assert large_numbers_in_digits("一万五千人") == "1.5万人"
    # A quantity in the range of years is written in thousands, so that it is never read as a year (2000).
    assert large_numbers_in_digits("就业人口从两千要涨到多少") == "就业人口从2千要涨到多少"
    # No leading digit word, or a number below a hundred: as said (the plans write 五个老旧小区 so too).
    for said in ("千家万户", "老百姓", "十四五", "五个老旧小区", "二〇三五年"):
        assert large_numbers_in_digits(said) == said
