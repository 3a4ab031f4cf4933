"""What a place is to become by a year (knowledge/visions.py): a question saying nothing else is answered by the
lines the plan states that year's vision on."""

from __future__ import annotations

import pytest

from knowledge.builder import build_document
from knowledge.search import SearchIndex
from knowledge.visions import asks_vision, states_vision

PLAN = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础", "“十三五”时期，东湖街道稳步发展。",
        "第二章 2035年远景目标", "展望2035年，东湖街要全面建成宜居宜业的现代化街区。",
        "第三章 2025年发展目标", "到2025年，综合实力显著增强，基本建成产城融合示范区。",
        "第四章 主要任务", "1.推进社区卫生服务中心建设，2025年底前完成。"]


@pytest.mark.parametrize("text", ["想在变成", "整体要达到水平", "末的总体定位", "想发展成个模样给句话",
                                  "对远期描绘",  # (a preposition, 对, and the far goal's picture drawn)
                                  "展望的三个定位", "远景要建成三个", "远景落脚点是建成", "愿景几句话"])  # (how many; where it lands)
def test_a_question_saying_only_what_a_place_becomes(text: str) -> None:
    assert asks_vision(text)


@pytest.mark.parametrize("text", ["", "开工了", "gdp增速", "要完成任务", "想拿下的街区名头"])
def test_a_question_saying_anything_else_is_none(text: str) -> None:
    assert not asks_vision(text)


def test_the_lines_stating_a_years_vision_come_in_order_of_how_they_state_it() -> None:
    assert states_vision(2035, "task", "展望2035年", "展望2035年东湖街要全面建成") == 0
    assert states_vision(2035, "passage", "", "到2035年东湖街要全面建成") == 1
    assert states_vision(2035, "section", "2035年远景目标", "") == 2
    assert states_vision(2035, "passage", "", "东湖街到2035年要全面建成") is None  # (the year not first)


def test_the_search_answers_with_the_vision_of_the_year_asked() -> None:
    index = SearchIndex(build_document("east.txt", PLAN))
    hits = index.search("东湖街道想在2035年变成啥").hits
    assert hits and "展望2035年" in hits[0].text
    hits = index.search("东湖街道2025年整体要达到啥水平").hits
    assert hits and hits[0].text.startswith("到2025年")
