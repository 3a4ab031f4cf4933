"""Document metadata: the five bundled plans against gold, and rules on unseen titles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from knowledge.builder import build_bundled
from knowledge.doctext import DocText
from knowledge.metadata import (
    describe,
    document_kind,
    find_issuer,
    five_year_period,
    plan_period,
)
from knowledge.models import Document
from knowledge.work_report import review_range

GOLD = json.loads((Path(__file__).parent / "data/gold/documents.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundled_docs() -> dict[str, Document]:
    return {d.file: d for d in build_bundled().documents}


@pytest.mark.parametrize("gold", GOLD, ids=[g["file"] for g in GOLD])
def test_bundled_metadata_matches_gold(gold: dict, bundled_docs: dict[str, Document]) -> None:
    doc = bundled_docs[gold["file"]]
    assert doc.title == gold["title"]
    assert doc.issuer == gold["issuer"]
    assert doc.kind == gold["kind"]
    assert doc.year == gold["year"]
    assert list(doc.period) == gold["period"]


def test_work_report_review_part(bundled_docs: dict[str, Document]) -> None:
    gold = next(g for g in GOLD if g["kind"] == "work_report")
    doc = bundled_docs[gold["file"]]
    lines = (Path(__file__).parents[1] / "knowledge/plans" / gold["file"]).read_text(encoding="utf-8").split("\n")
    assert doc.review_lines is not None
    start, end = doc.review_lines
    assert "回顾" in lines[start - 1] and str(gold["review_period"][0]) in lines[start - 1]
    # The review ends right before the part that arranges the plan year.
    following = next(line for line in lines[end:] if line.strip())
    assert following.strip().startswith("二、") and str(gold["year"]) in following
    assert all(d.review_lines is None for d in bundled_docs.values() if d.kind != "work_report")


def _text(lines: list[str], file: str = "x.txt") -> DocText:
    return DocText(file=file, lines=lines)


def test_five_year_periods_are_computed() -> None:
    assert five_year_period(13) == (2016, 2020)
    assert five_year_period(14) == (2021, 2025)
    assert five_year_period(15) == (2026, 2030)
    assert five_year_period(1) == (1953, 1957)


def test_shi_wu_numbers() -> None:
    from knowledge.plan_periods import shi_wu_number

    assert [shi_wu_number(u) for u in ("", "三", "四", "十三", "十")] == [10, 13, 14, 13, 10]
    assert plan_period("某某区国民经济和社会发展第十五个五年规划纲要", "five_year_plan") == (2026, 2030)
    assert plan_period("某某镇“十五五”规划", "five_year_plan") == (2026, 2030)
    assert plan_period("某某县十三五规划", "five_year_plan") == (2016, 2020)
    assert plan_period("某某街道发展规划（2026—2030年）", "five_year_plan") == (2026, 2030)


@pytest.mark.parametrize(("title", "kind"), [
    ("某某镇2025年工作要点", "annual_plan"),
    ("某某街道2024年工作计划", "annual_plan"),
    ("2025年某某县政府工作报告", "work_report"),
    ("2024年政府工作报告重点工作任务分解表", "task_list"),
    ("某某区2025年重点任务清单", "task_list"),
    ("某某市国民经济和社会发展第十五个五年规划纲要", "five_year_plan"),
    ("关于开展安全生产检查的通知", "notice"),
    ("某某市城市绿地管理办法", "regulation"),
    ("某某区政府投资项目管理实施细则（试行）", "regulation"),
    ("某某县老旧小区改造实施方案", "implementation_plan"),
    ("关于加快发展养老服务业的实施意见", "implementation_plan"),
    ("某某区2023—2025年城市更新行动方案", "implementation_plan"),
    ("某某市支持中小企业发展若干措施", "implementation_plan"),
    ("某某街道2025年优化营商环境工作方案", "implementation_plan"),
    ("某某区城市更新2025年度实施计划", "annual_plan"),
    ("2024年森林防火命令", "other"),
    ("关于2024年第三季度重点工作完成情况的通报", "notice"),
    ("某某区历史文化街区保护规划（说明书）", "other"),
])
def test_kind_from_title(title: str, kind: str) -> None:
    assert document_kind(title) == kind


def test_unseen_documents() -> None:
    doc = describe(_text(["某某县清河镇2025年工作要点", "", "一、总体要求", "全年地区生产总值增长5%左右。"]), "D1")
    assert (doc.title, doc.issuer, doc.kind, doc.year, doc.period) == (
        "某某县清河镇2025年工作要点", "清河镇", "annual_plan", 2025, (2025, 2025))
    doc = describe(_text(["2025年长河区政府工作报告", "各位代表：", "一、2024年工作回顾", "过去一年成绩显著。",
                          "二、2025年工作安排", "1.推进城市更新。"]), "D2")
    assert (doc.issuer, doc.kind, doc.year) == ("长河区人民政府", "work_report", 2025)
    assert review_range(doc, _text(["2025年长河区政府工作报告", "各位代表：", "一、2024年工作回顾", "过去一年成绩显著。",
                                    "", "二、2025年工作安排", "1.推进城市更新。"]), []) == (3, 4)


def test_masked_or_missing_issuer() -> None:
    assert find_issuer("XX街道2023年工作计划", "annual_plan") is None
    assert find_issuer("2023年重点工作任务", "task_list") is None
    assert find_issuer("关于加快城市建设的实施意见", "other") is None


def test_title_only_quoted_in_preamble() -> None:
    lines = ["前言", "", "本规划依据《长河市国民经济和社会发展第十五个五年规划纲要》，编制《长河市东城街道国民经济和社会"
             "发展第十五个五年规划纲要》。东城街坚持高质量发展，东城街全面推进。", "第一章 发展基础"]
    doc = describe(_text(lines), "D3")
    assert doc.title == "长河市东城街道国民经济和社会发展第十五个五年规划纲要"
    assert doc.issuer == "东城街"
    assert doc.period == (2026, 2030) and doc.year == 2030


def test_title_from_covering_notice() -> None:
    doc = describe(_text(["关于印发《清河镇2025年工作要点》的通知", "各村、社区：", "现将《清河镇2025年工作要点》印发给你们。",
                          "一、总体要求"]), "D4")
    assert (doc.title, doc.issuer, doc.kind, doc.year) == ("清河镇2025年工作要点", "清河镇", "annual_plan", 2025)


def test_title_broken_over_two_lines() -> None:
    doc = describe(_text(["长河市东城街道", "国民经济和社会发展第十五个五年规划纲要", "", "前言", "“十五五”时期是……。"]), "D5")
    assert doc.title == "长河市东城街道国民经济和社会发展第十五个五年规划纲要"
    assert (doc.issuer, doc.kind, doc.period) == ("东城街道", "five_year_plan", (2026, 2030))


# ------------------------------------------------------------------ header and signature block

NOTICE = [
    "某某省发展改革委办公厅",
    "某发改办〔2023〕12号",
    "关于印发《某某省促进民间投资",
    "高质量发展若干措施》的通知",
    "各市（州）发展改革委：",
    "为贯彻落实《某某省国民经济和社会发展第十四个五年规划纲要（2021—2025年）》，到2025年民间投资占比达到60%，"
    "现将《某某省促进民间投资高质量发展若干措施》印发给你们，请认真贯彻执行。",
    "某某省发展改革委办公厅",
    "2023 年 11 月 13 日",
]


def test_notice_header_title_issuer_date_and_number() -> None:
    doc = describe(_text(NOTICE), "D9")
    assert doc.title == "某某省促进民间投资高质量发展若干措施"
    assert doc.kind == "implementation_plan"
    assert doc.issuer == "某某省发展改革委办公厅"
    assert doc.date == dt.date(2023, 11, 13) and doc.number == "某发改办〔2023〕12号"
    # neither the cited plan's period nor the goal year is the document's year
    assert doc.year == 2023


@pytest.mark.parametrize(("lines", "issuer", "date"), [
    (["……请认真贯彻执行。", "长河市人民政府办公室", "2022年9月2日"], "长河市人民政府办公室", dt.date(2022, 9, 2)),
    (["……请认真贯彻执行。", "长河市人民政府办公室　2022年9月2日"], "长河市人民政府办公室", dt.date(2022, 9, 2)),
    (["……请认真贯彻执行。", "东城区人民政府", "二〇二三年十二月五日"], "东城区人民政府", dt.date(2023, 12, 5)),
    (["抄送：区委办。", "东城区人民政府办公室         2024年1月8日印发"], "东城区人民政府办公室", dt.date(2024, 1, 8)),
    # a date alone (a table cell) is no signature block
    (["完成时限", "2024年6月30日"], None, None),
    # an organ whose name holds quotes, its date after a blank line
    (["……请认真贯彻执行。", "某省推进“两区”建设领导小组办公室", "", "　　2022年3月23日"],
     "某省推进“两区”建设领导小组办公室", dt.date(2022, 3, 23)),
])
def test_signature_blocks(lines: list[str], issuer: str | None, date: dt.date | None) -> None:
    from knowledge.header import read_header

    head = read_header(_text(lines))
    assert (head.issuer, head.date) == (issuer, date)


def test_disclosure_table_and_attachment_name_are_read_from_chrome() -> None:
    from knowledge import cleaning
    from knowledge.header import read_header

    lines = ["索引号：11510000-2023-00012", "发文字号：长府办规〔2023〕3号", "成文日期：2023年03月08日",
             "各县（区）人民政府：", "现就有关事项通知如下。", "一、加强领导。各地要成立专班。",
             "相关附件：长府办规〔2023〕3号关于加强城市绿地管护的通知.pdf"]
    text = _text(lines)
    text.chrome = cleaning.chrome_lines(lines)
    head = read_header(text)
    assert (head.number, head.number_year, head.date) == ("长府办规〔2023〕3号", 2023, dt.date(2023, 3, 8))
    assert head.attached_title == "关于加强城市绿地管护的通知"
    doc = describe(text, "D10")
    assert (doc.title, doc.kind, doc.year) == ("关于加强城市绿地管护的通知", "notice", 2023)


def test_mirror_heading_is_not_the_title() -> None:
    doc = describe(_text(["工作报告", "2024年长河县政府工作报告", "——2024年1月10日在长河县第十八届人民代表大会第三次会议上",
                          "各位代表：", "一、2023年工作回顾"]), "D11")
    assert (doc.title, doc.kind, doc.year) == ("2024年长河县政府工作报告", "work_report", 2024)
    doc = describe(_text(["政府工作报告", "——2024年1月10日在长河县第十八届人民代表大会第三次会议上",
                          "各位代表：", "一、2023年工作回顾", "二、2024年工作安排"]), "D12")
    assert (doc.kind, doc.year) == ("work_report", 2024)


def test_pdf_date_with_spaces() -> None:
    from knowledge.header import parse_date

    assert parse_date("2019 年 8 月 20 日") == dt.date(2019, 8, 20)
    assert parse_date("二〇一九年八月二十日") == dt.date(2019, 8, 20)
    assert parse_date("2019-08-20") == dt.date(2019, 8, 20)


def test_document_number_in_brackets_dates_the_document() -> None:
    from knowledge.header import read_header

    head = read_header(_text(["关于印发某某实施意见的通知", "（皖某办〔2022〕6号）", "省有关单位："]))
    assert (head.number, head.year) == ("皖某办〔2022〕6号", 2022)
