"""Work reports without a title line: kind, year, place and title from the text (knowledge/work_report.py).

The inputs are invented in the shape real copies take (a dataset's copy starting at 各位代表：, a
title spaced out for print, a session line, a file name that names the place)."""

from __future__ import annotations

import pytest

from knowledge.doctext import DocText
from knowledge.metadata import describe
from knowledge.work_report import is_work_report, read_report

OPENING = ["各位代表：", "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员提出意见。"]
REVIEW_2023 = ["一、2023年工作回顾", "过去一年，全市地区生产总值增长6.1%。"]
PLAN_2024 = ["二、2024年工作安排", "2024年经济社会发展的主要预期目标是：地区生产总值增长6%左右。"]


def _text(lines: list[str], file: str = "report.txt") -> DocText:
    return DocText(file=file, lines=lines)


@pytest.mark.parametrize(("lines", "expected"), [
    (OPENING + REVIEW_2023, True),  # the speaker reports to the congress
    (["各位代表：", "现在，我代表区人民政府，向大会报告政府工作，请予审议。"], True),
    (["政 府 工 作 报 告", "——2019年3月4日在某某县第十五届人民代表大会第三次会议上"], True),
    (["前言", "2023年工作回顾", "全县经济稳中有进。", "2024年工作安排", "做强工业。"], True),  # its parts
    (["某某区2024年工作要点", "一、总体要求", "坚持稳中求进。"], False),
    (["关于开展安全检查的通知", "各单位：", "现就有关事项通知如下。"], False),
    (["2023年工作回顾", "全年完成投资10亿元。"], False),  # a review alone is a summary, not a report
])
def test_is_work_report(lines: list[str], expected: bool) -> None:
    assert is_work_report(_text(lines)) is expected


@pytest.mark.parametrize(("lines", "file", "year", "place"), [
    # the session line dates the report and names the place
    (["政 府 工 作 报 告", "——2019年3月4日在某某市某某区第十五届人民代表大会第三次会议上", *OPENING],
     "r.txt", 2019, "某某市某某区"),
    # the speaker's line names the government
    (["政府工作报告", "青山县人民政府县长  张三", *OPENING, *REVIEW_2023], "r.txt", 2024, "青山县"),
    # the plan part names the year (before the review's year + 1 is considered)
    ([*OPENING, *REVIEW_2023, *PLAN_2024], "r.txt", 2024, None),
    (["各位代表：", "现在，我代表县人民政府向大会报告工作。", "2022年工作回顾", "全县经济稳中向好。"],
     "r.txt", 2023, None),
    # a Chinese file name gives place and year when the text has neither
    ([*OPENING, "一、过去一年工作回顾", "全市经济稳中向好。"], "青河市2024年政府工作报告.txt", 2024, "青河市"),
])
def test_read_report(lines: list[str], file: str, year: int, place: str | None) -> None:
    facts = read_report(_text(lines, file))
    assert (facts.year, facts.place) == (year, place)


def test_pinyin_file_name_names_a_place_the_text_names_often() -> None:
    body = ["青河经开区新增企业10家。", "青河港完成改造。", "青河高新区扩容。", "青河站投入使用。"]
    facts = read_report(_text([*OPENING, *REVIEW_2023, *body], "qinghe_2024.txt"))
    assert facts.place == "青河市"  # the level from 我代表市人民政府
    assert read_report(_text([*OPENING, *REVIEW_2023, body[0]], "qinghe_2024.txt")).place is None  # one mention


def test_describe_builds_the_title_of_a_report_without_one() -> None:
    lines = ["政 府 工 作 报 告", "——2021年1月8日在青山县第十七届人民代表大会第五次会议上", *OPENING,
             "一、2020年工作回顾", "全县经济稳中向好。", "二、2021年工作安排", "做强工业。"]
    doc = describe(_text(lines), "D1")
    assert (doc.kind, doc.year, doc.period) == ("work_report", 2021, (2021, 2021))
    assert (doc.title, doc.title_source, doc.issuer) == ("青山县2021年政府工作报告", "built", "青山县人民政府")
    bare = describe(_text([*OPENING, *REVIEW_2023, *PLAN_2024]), "D2")
    assert (bare.kind, bare.year, bare.title, bare.title_source) == ("work_report", 2024, "2024年政府工作报告", "built")


def test_a_titled_report_keeps_its_title() -> None:
    doc = describe(_text(["2024年青山县政府工作报告", *OPENING, *REVIEW_2023]), "D1")
    assert (doc.title, doc.title_source, doc.year) == ("2024年青山县政府工作报告", "text", 2024)


def test_a_part_heading_after_the_salutation_is_no_title() -> None:
    lines = [*OPENING, "2024年工作安排建议", "今年是关键之年。", "2023年工作回顾", "过去一年经济稳中向好。"]
    doc = describe(_text(lines), "D1")
    assert (doc.kind, doc.title, doc.title_source) == ("work_report", "2024年政府工作报告", "built")


def test_a_file_named_like_a_title_gives_the_title() -> None:
    doc = describe(_text([*OPENING, "一、过去一年工作回顾", "全市经济稳中向好。"], "青河市2024年政府工作报告.txt"), "D1")
    assert (doc.title, doc.title_source, doc.year, doc.issuer) == ("青河市2024年政府工作报告", "file", 2024, "青河市人民政府")


def test_tasks_of_the_plan_part_and_of_the_task_annex() -> None:
    """The plan part's measures take the report's year; the annex's rows take units and time limits;
    the review part and the closing appeal are no tasks."""
    from knowledge.builder import build_document

    lines = [*OPENING, "一、2023年工作回顾", "过去一年，新建幼儿园2所，改造老旧小区8个。",
             "二、2024年工作安排", "（一）做强工业经济。新增规上工业企业20家，6月底前建成标准化厂房10万平方米。",
             "（二）增进民生福祉。新建幼儿园3所，改造老旧小区12个。",
             "各位代表！让我们团结一心，奋力谱写新篇章！",
             "附件", "2024年政府工作报告重点工作任务分解",
             "序号", "重点任务", "牵头单位", "责任单位", "完成时限",
             "1", "新增规上工业企业20家", "县经信局", "县发改局、县统计局", "2024年12月",
             "2", "建成标准化厂房10万平方米", "县工业园区管委会", "县住建局", "6月底前"]
    kb = build_document("青山县2024年政府工作报告.txt", lines)
    tasks = [(t.title, t.deadline.isoformat() if t.deadline else None, t.lead_units) for t in kb.tasks]
    assert tasks == [("做强工业经济", "2024-06-30", []), ("增进民生福祉", "2024-12-31", []),
                     ("新增规上工业企业20家", "2024-12-31", ["县经信局"]),
                     ("建成标准化厂房10万平方米", "2024-06-30", ["县工业园区管委会"])]
    assert kb.tasks[2].units == ["县经信局", "县发改局", "县统计局"]
