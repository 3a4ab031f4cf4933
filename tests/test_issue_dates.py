"""The day a document was issued or made (knowledge/issue_dates.py, header.py, work_report.py): read with
the line it is written on, kept as a passage, and answering "这份规划哪天发布的"."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.builder import build_document, merge
from knowledge.issue_dates import asks_issue_date, named_before
from knowledge.search import SearchIndex

PAGE = ["当前位置:东湖街道> 政务公开> 最新文件", "", "东湖街道国民经济和社会发展第十四个五年规划纲要",
        "发布日期: 2021-08-27 08:37      来源: 东湖街道", "", "第一章 发展基础",
        "“十四五”时期，东湖街道全面推进高质量发展。", "第二章 主要任务", "1.推进国土空间规划编制。2023年底前完成。"]
REPORT = ["2024年西山区政府工作报告", "", "2024年1月10日在西山区第十八届人民代表大会第五次会议上", "",
          "区长 张 三", "", "各位代表：", "现在，我代表区人民政府向大会报告工作，请予审议。",
          "一、2023年工作回顾", "地区生产总值增长5%。", "二、2024年工作安排", "1.加快建设西山科技园。"]


@pytest.mark.parametrize(("question", "scoped"), [
    ("东湖街道这个规划是哪年发布的", True), ("那份规划发布时间是哪天", False), ("东湖十四五纲要是哪天发布的", True),
    ("西山区人代会报告是哪天作的", True), ("这份纲要网页上署的发布日期", False),
    ("东湖街道纲要在网站上哪天发出来的", True),  # 发出来: put out, as 发布
    ("西山区这份报告哪天在人代会上做的", True),  # where it was made, between the day and the verb
    ("张三区长作报告是哪一天", False),  # the office making a report points at it
    ("东湖那份纲要网上公布是2021年几月几号", True)])  # the year known, the day asked
def test_a_question_asking_when_a_document_was_issued(question: str, scoped: bool) -> None:
    assert asks_issue_date(question, scoped)


@pytest.mark.parametrize("question", ["国土空间规划什么时候印发", "这个规划什么时候到期", "规划目标年份是哪年",
                                      "报告里说新增就业多少", "这份报告哪年要做的工作"])
def test_other_questions_ask_no_issue_date(question: str) -> None:
    """Unscoped and not pointed at, or no issuing asked: a task's deadline, a target year, a figure."""
    assert not asks_issue_date(question, False)
    assert named_before("国土空间规划什么时候印发") == ["国土空间规划"]  # (a plan the plans write of, scoped)


def test_the_date_and_its_line_are_read_from_a_web_page_header_and_a_report_session_line() -> None:
    kb = merge([build_document("page.txt", PAGE), build_document("report.txt", REPORT)])
    page, report = kb.documents
    assert (page.date, page.date_line) == (dt.date(2021, 8, 27), 4)
    assert (report.date, report.date_line) == (dt.date(2024, 1, 10), 3)
    dated = [p for p in kb.passages if p.doc == "page.txt" and p.line == 4]
    assert dated and "2021-08-27" in dated[0].text  # a header line, kept as a passage of its own


def test_the_search_answers_with_the_line_of_the_date() -> None:
    index = SearchIndex(merge([build_document("page.txt", PAGE), build_document("report.txt", REPORT)]))
    hits = index.search("东湖街道这个规划是哪年发布的").hits
    assert hits and (hits[0].doc, hits[0].line) == ("page.txt", 4)
    hits = index.search("西山区人代会报告是哪天作的").hits
    assert hits and (hits[0].doc, hits[0].line) == ("report.txt", 3)
    # (a plan the document writes of is a task asked about, not the document's own day)
    hits = index.search("东湖街道国土空间规划什么时候印发").hits
    assert not hits or hits[0].line != 4
