"""Counts, mentions, due lists and numbered parts on the bundled plans: words of the thing counted with
a modifier between (小巨人…企业), the things counted under whom (党工委下面), overdue work under a heading
naming the topic, and a numbered part of one plan beside another's."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.search import SearchIndex


@pytest.fixture(scope="module")
def index(bundled_kb) -> SearchIndex:  # type: ignore[no-untyped-def]
    return SearchIndex(bundled_kb)


def test_a_mention_counts_its_words_with_a_modifier_between(index: SearchIndex) -> None:
    """提到小巨人企业的有几处: “小巨人”建筑安装企业 (大港街道) is a mention as “小巨人”企业 (宝安) is."""
    result = index.search("提到小巨人企业的有几处")
    assert result.reading == "count" and result.total == 2
    assert {h.doc[:3] for h in result.hits} == {"001", "003"}


def test_a_number_stated_of_the_things_counted_under_whom_they_are(index: SearchIndex) -> None:
    """大港街道党工委下面有多少个基层党组织: 全街237个基层党组织 states it; 党工委下面 is no doing the text
    must hold."""
    hits = index.search("大港街道党工委下面有多少个基层党组织").hits
    assert hits and "237个基层党组织" in hits[0].text


def test_overdue_work_under_a_heading_naming_the_topic(index: SearchIndex) -> None:
    """新河街道健康新河的任务哪些已逾期: the paragraphs under (四)推进健康新河建设, not tasks elsewhere that
    write 新河."""
    result = index.search("新河街道健康新河的任务哪些已逾期", today=dt.date(2026, 1, 20))
    assert result.reading == "overdue" and result.hits
    assert {h.line for h in result.hits} <= set(range(272, 282))


def test_a_numbered_part_holding_none_on_the_topic_is_no_answer_beside_one_that_does(index: SearchIndex) -> None:
    """大港街道最后一章有一节讲用地: of 大港's two plans, the five-year plan's last chapter holds 提升土地利用效能;
    the annual plan's last part, holding nothing on 用地, is not listed beside it."""
    result = index.search("大港街道最后一章有一节讲用地，标题是")
    assert [h.title for h in result.hits] == ["提升土地利用效能"]
    assert len(index.search("大港街道第三部分讲啥").hits) == 2  # (no topic: each plan's third part)
    # (第三章: the plan numbering its parts 第…章, not the annual plan's 三、)
    assert [h.doc for h in index.search("大港街道第三章讲啥").hits] == ["001_504bf8cd692ac69d.txt"]


def test_due_work_holding_the_topic_comes_before_work_holding_a_word_of_it(index: SearchIndex) -> None:
    """泥头车管理那几件事宝安年底前得办完的列下: the tasks writing 泥头车 fall due the same day as one on
    应急管理; a rewrite of the topic the plans hold less of (渣土车管理: 管理 alone) makes no item about it,
    and 那几件事 / 列下 are no words of the topic."""
    result = index.search("泥头车管理那几件事宝安年底前得办完的列下", today=dt.date(2023, 11, 1))
    assert result.reading == "due" and result.topic == "泥头车管理"
    assert result.hits and all("泥头车" in h.text for h in result.hits)


def test_a_list_shows_one_item_per_sentence_and_paragraph(index: SearchIndex) -> None:
    """各份规划里意识形态工作是怎么写的: three sentences of one paragraph, or a task and the figure read from its
    sentence, are one item to whoever asked; the best of them stands for the rest."""
    result = index.search("各份规划里意识形态工作是怎么写的")
    assert result.reading == "list" and len(result.hits) >= 5
    paragraphs = [(h.doc, h.item.para) for h in result.hits if h.kind == "passage"]  # type: ignore[union-attr]
    assert len(paragraphs) == len(set(paragraphs))
    figures = index.search("老旧小区改造各个规划都是怎么安排的").hits
    texts = [(h.doc, h.line, h.text) for h in figures if h.kind != "section"]
    assert not any(a != b and a[:2] == b[:2] and (a[2] in b[2] or b[2] in a[2]) for a in texts for b in texts)


@pytest.mark.parametrize("question,doc,line", [
    ("大港街道经济社会发展主要指标在第几个专栏", "001", 66),  # the kind of part asked, 专栏, is no topic
    ("新河街道的定位在纲要第几个大标题下", "004", 40),
    ("大港街道规划里二〇三五远景目标那段在哪个位置", "001", 29),
])
def test_where_a_part_stands_is_asked_with_the_kind_of_part(index: SearchIndex, question: str, doc: str,
                                                            line: int) -> None:
    hits = index.search(question).hits
    assert hits and (hits[0].doc[:3], hits[0].line) == (doc, line)


def test_an_order_of_magnitude_asked_is_a_figure(index: SearchIndex) -> None:
    """河北区打击电诈一年避免群众损失几百万: 几百万 asks for the figure (避免群众损失400余万元), and no word of
    the question is left unexplained."""
    hits = index.search("河北区打击电诈一年避免群众损失几百万").hits
    assert hits and "400余万元" in hits[0].text




def test_a_places_item_stating_the_figure_recalled_is_no_statement_elsewhere(index: SearchIndex) -> None:
    """河北区空气优良率是63点几吗: 河北区's report states 63.6% (优良达标天数比例), though other places' plans
    have indicators named closer to the question; the place's own figure answers, not a note that it says
    nothing."""
    result = index.search("河北区空气优良率是63点几吗")
    assert not result.note and result.hits and (result.hits[0].doc[:3], result.hits[0].line) == ("002", 97)
