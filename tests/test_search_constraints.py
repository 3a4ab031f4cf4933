"""What a question's words constrain beyond its topic: a table row's own values, the period a
five-year plan's review tells of, tasks whose day has passed, the topic every listed item speaks of."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.builder import build_document, merge
from knowledge.fuzzy import with_values
from knowledge.models import Document, Indicator, KnowledgeBase, Value
from knowledge.search import SearchIndex


def test_a_table_rows_values_are_words_it_is_matched_by() -> None:
    """A table row's text is its name cell; its baseline and target are added to what is matched."""
    row = Indicator(id="I1", doc="d.txt", name="市场主体数量累计", unit="家", source="table", line=5,
                    text="市场主体数量累计", baseline=Value(year=2020, value="2000", number=2000),
                    target=Value(year=2025, value="2800", number=2800))
    assert with_values(row, row.text) == "市场主体数量累计 2020年2000 2025年2800"
    prose = row.model_copy(update={"text": "到2025年市场主体累计达到2800家", "baseline": None, "source": "prose"})
    assert with_values(prose, prose.text) == prose.text  # (a sentence writing its value is left as it is)


def test_a_figure_asked_by_its_value_finds_the_table_row_stating_it() -> None:
    """累计到2800家的是哪个指标: the row whose target is 2800, though no row's name cell says so."""
    doc = Document(id="M", file="m.txt", title="南湖街道十四五规划纲要", issuer="南湖街道",
                   kind="five_year_plan", year=2025, period=(2021, 2025))
    rows = [Indicator(id=f"M{k}", doc="m.txt", name=name, unit="家", source="table", line=k + 1, text=name,
                      baseline=Value(year=2020, value=base, number=float(base)),
                      target=Value(year=2025, value=goal, number=float(goal)))
            for k, (name, base, goal) in enumerate([("市场主体中企业数量累计", "1500", "1900"),
                                                    ("市场主体数量累计", "2000", "2800")])]
    index = SearchIndex(KnowledgeBase(documents=[doc], indicators=rows))
    assert index.search("市场主体累计到2800家是哪年的目标").hits[0].id == "M1"
    assert index.search("市场主体基数2000家是哪一年的").hits[0].id == "M1"
    assert index.search("市场主体累计到1900家是哪年的目标").hits[0].id == "M0"


FIVE_YEAR = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础",
             "“十三五”时期，构建区、街和社区三级应急指挥体系，编制社区防汛应急预案。",
             "第二章 主要任务", "到2025年，建成社区应急服务站5个。"]


def test_a_five_year_plans_review_is_about_the_period_before_it() -> None:
    """十三五期间…: answered by the 十四五 plan's 发展基础, which tells of the 十三五 period."""
    index = SearchIndex(build_document("east.txt", FIVE_YEAR))
    result = index.search("东湖街道十三五期间构建了几级应急指挥体系")
    assert result.hits and result.hits[0].line == 3
    # (the plan's own target, for 2025, is no answer for the period before)
    assert all(h.line != 5 for h in index.search("东湖街道十三五期间建成社区应急服务站几个").hits)


def test_a_year_of_the_period_a_review_tells_of_is_answered_by_the_review() -> None:
    """十三五末 (2020) is a year of the period the 十四五 plan's 发展基础 reviews: its paragraph answers,
    though it names no year."""
    index = SearchIndex(build_document("east.txt", FIVE_YEAR))
    result = index.search("东湖街道十三五末编没编制社区防汛应急预案")
    assert result.hits and result.hits[0].line == 3


TASKS = ["东湖街道2023年重点工作任务", "一、抓民生",
         "1.建设东湖社区卫生服务中心。2023年6月底前完成。",
         "2.推进社区卫生服务中心标准化建设。2023年9月底前完成。",
         "3.完成老旧小区改造8个。2023年12月底前完成。"]


def test_tasks_on_a_topic_whose_day_has_passed_are_listed_as_come_due() -> None:
    """卫生服务中心的任务到期的有哪些, asked after every such day: they are listed (as overdue), not none."""
    index = SearchIndex(build_document("east.txt", TASKS))
    result = index.search("卫生服务中心的任务到期的有哪些", today=dt.date(2024, 3, 1))
    assert result.reading == "overdue"
    assert {h.line for h in result.hits} == {3, 4}
    # (named a window, it is held to: none of them falls due this month)
    assert not index.search("卫生服务中心的任务本月到期的有哪些", today=dt.date(2024, 3, 1)).hits


@pytest.mark.parametrize("question", ["东湖街道2024年非遗有哪些活儿", "东湖街道2024年非遗方面都有哪些工作"])
def test_a_list_scoped_by_place_and_year_holds_what_speaks_of_its_topic(question: str) -> None:
    """A place and a year put every item of that plan in scope; those listed still speak of the topic."""
    east = ["东湖街道2024年工作计划", "一、文化", "1.传承发展城市文化。推动“非遗”传统文化与现代元素深度融合。",
            "2.打造宜居宜业环境。持续巩固创文创卫成果。", "二、发展", "3.落实化工园区规范化管理。强化消防站建设。",
            "4.盘活现有存量资源。建立闲置资产盘活机制。", "5.优化城市空间布局。推进老旧小区改造。",
            "6.树牢安全发展底线。压紧压实安全生产责任。"]
    west = ["西岭街道2024年工作计划", "一、文化", "1.建立非遗文化传承基地。"]
    index = SearchIndex(merge([build_document("east.txt", east), build_document("west.txt", west)]))
    result = index.search(question)
    assert result.reading == "list" and result.hits[0].line == 3
    assert {h.doc for h in result.hits} == {"east.txt"}
    assert len(result.hits) <= 3  # (a short list is completed by the next best, no more)


def test_a_list_for_a_year_no_plan_covers_shows_the_plans_years_as_others() -> None:
    """宝安今年有哪些任务, asked in a year no plan speaks of: no answer, then what the plan lists, labelled."""
    east = ["东湖街道2024年工作计划", "一、抓民生", "1.建设东湖社区卫生服务站。年底前完成。",
            "2.完成老旧小区改造8个。", "3.推进垃圾分类。"]
    index = SearchIndex(build_document("east.txt", east))
    result = index.search("东湖街道今年有哪些任务", today=dt.date(2026, 3, 1))
    assert result.hits == [] and "2026" in result.note
    assert {h.line for h in result.others} == {3, 4, 5}
    assert index.search("东湖街道2027年垃圾分类有哪些任务").others[0].line == 5


PLAN = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础",
        "“十三五”期间，建成社区卫生服务站2个。", "第二章 主要任务", "一、健康东湖",
        "完善社区健康服务体系。积极推动东湖社区卫生服务中心建设，协调推进社区卫生服务站建设。",
        "二、文化东湖", "建设街道文化中心，开展群众文化活动。"]


def test_a_five_year_plans_running_text_falls_due_when_its_period_ends() -> None:
    """Its work is written as paragraphs, not typed tasks: a forward part's passage on the topic is due at
    the period's end (2025), listed when that day has passed; the review part's is not."""
    index = SearchIndex(build_document("east.txt", PLAN))
    result = index.search("东湖街道卫生服务中心的任务哪些已经逾期", today=dt.date(2026, 3, 1))
    assert result.reading == "overdue" and [h.line for h in result.hits] == [6]
    assert not index.search("东湖街道卫生服务中心的任务哪些已经逾期", today=dt.date(2025, 3, 1)).hits
    assert [h.line for h in index.search("东湖街道今年年底前要完成的卫生服务中心任务",
                                         today=dt.date(2025, 3, 1)).hits] == [6]
    # (no topic: the plan's every paragraph is no list of its work)
    assert not index.search("东湖街道哪些任务已经逾期", today=dt.date(2026, 3, 1)).hits


def test_a_five_year_plans_paragraphs_fall_due_when_its_typed_tasks_hold_only_part_of_the_topic() -> None:
    """要实现全覆盖的事哪些已经逾期: the one typed task holds 实现 alone; the paragraphs that write 实现…全覆盖
    are what falls due. A topic the typed task is about keeps the typed task (the digest view)."""
    plan = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础", "“十三五”期间，建成社区卫生服务站2个。",
            "第二章 主要任务", "一、健康东湖", "到2025年，街道主要经济指标实现跨越式发展，地区生产总值年均增长6%。",
            "深化家庭医生签约服务，实现家庭医生服务全覆盖。", "二、平安东湖", "深入实施网格化服务管理，实现常态化长效管理全覆盖。"]
    index = SearchIndex(build_document("east.txt", plan))
    result = index.search("东湖街道要实现全覆盖的事哪些已经逾期", today=dt.date(2026, 3, 1))
    assert result.reading == "overdue" and [h.line for h in result.hits] == [7, 9]
    kept = index.search("东湖街道跨越式发展的任务哪些已经逾期", today=dt.date(2026, 3, 1)).hits
    assert [(h.kind, h.line) for h in kept] == [("task", 6)]


OUTLINE = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 推进生态文明建设，全力打造生态东湖",
           "第一节 加强污染防治", "开展大气污染防治。", "第二节 提升城市环境品质", "实施绿化提升工程。",
           "第二章 保障措施", "第一节 加强组织领导", "健全工作机制。", "第二节 强化要素保障", "落实用地指标。",
           "第三节 完善监测评估", "开展中期评估。", "第四节 广泛调动社会参与", "发挥社会力量。"]
ANNUAL = ["东湖街2024年工作计划", "一、坚持创新引领", "1.推进科技创新。", "二、优化管理机制", "2.完善工作机制。",
          "三、厚植文化底蕴", "3.传承城市文化。", "四、践行人民城市理念", "4.提升城市治理。"]


def test_a_part_named_inside_another_is_looked_for_under_it() -> None:
    """生态东湖里城市环境是哪一节: the heading 城市环境 names, under the chapter 生态东湖 names."""
    index = SearchIndex(build_document("plan.txt", OUTLINE))
    result = index.search("东湖街道生态东湖里城市环境是哪一节")
    assert result.hits and result.hits[0].title == "提升城市环境品质"


def test_a_numbered_part_inside_a_named_part_is_counted_only_where_that_part_is() -> None:
    """东湖保障措施第四节讲什么: the plan with a 保障措施 part answers, not the other plan's fourth part."""
    index = SearchIndex(merge([build_document("plan.txt", OUTLINE), build_document("annual.txt", ANNUAL)]))
    result = index.search("东湖保障措施第四节讲什么")
    assert [(h.doc, h.title) for h in result.hits] == [("plan.txt", "广泛调动社会参与")]


TABLE = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第二章 主要目标", "专栏1 “十四五”时期主要指标",
         "类别\t指标\t2020年\t2025年\t属性", "经济发展\t地区生产总值（亿元）\t100\t150\t预期性",
         "经济发展\t规上工业企业数量（家）\t30\t40\t预期性", "生态环保\tPM2.5年均浓度（微克/立方米）\t40\t35\t约束性",
         "生态环保\t空气优良天数比例（%）\t70\t75\t约束性", "第三章 主要任务", "推进经济高质量发展，加强环保督察。"]


def test_a_table_category_said_by_one_of_its_words_names_its_rows() -> None:
    """专栏1经济类指标有几个, 专栏1里环保这栏挂了几条指标: 经济 and 环保 are words of one category each
    (经济发展, 生态环保), said as a class or a column; the category's rows are counted."""
    index = SearchIndex(build_document("east.txt", TABLE))
    kb_rows = {it.name: it.category for it in index.kb.indicators}
    assert set(kb_rows.values()) >= {"经济发展", "生态环保"}, kb_rows
    economy = index.search("东湖街道专栏1经济类指标有几个")
    assert economy.reading == "count" and {h.title for h in economy.hits} == {
        n for n, c in kb_rows.items() if c == "经济发展"}
    green = index.search("专栏1里东湖街道环保这栏挂了几条指标")
    assert {h.title for h in green.hits} == {n for n, c in kb_rows.items() if c == "生态环保"}



def test_headings_asked_for_by_a_word_their_titles_hold() -> None:
    """标题带安全二字的有哪几节: every heading whose title holds 安全, in the plan's order; not the text's
    mentions of it."""
    index = SearchIndex(build_document("plan.txt", OUTLINE))
    result = index.search("东湖街道规划里标题带环境二字的有哪几节")
    assert result.reading == "list" and [h.title for h in result.hits] == ["提升城市环境品质"]
    assert [h.title for h in index.search("东湖街道哪些小节的名字带社会").hits] == ["广泛调动社会参与"]


def test_a_bracketed_word_of_a_paragraph_is_matched_and_its_formula_still_is() -> None:
    """构建“1(党建)+3(工青妇)+7(社区)+N”: 工青妇 is a word of the paragraph (normalising drops brackets as
    units), and 1+3+7+N, written without them, still finds it."""
    lines = ["西湖街道2023年重点工作任务", "一、基层治理",
             "12.延伸小区治理网络。构建“1(党建)+3(工青妇)+7(社区)+N”职工群众服务阵地网格体系。",
             "13.推进垃圾分类。新建垃圾分类投放点30个。"]
    index = SearchIndex(build_document("west.txt", lines))
    for question in ("工青妇是指什么", "1+3+7+N是什么意思"):
        result = index.search(question)
        assert result.hits and result.hits[0].line == 3, question


def test_the_places_own_item_of_another_period_is_no_other_places_statement() -> None:
    """A named place's best item is a partial match; its own plan's item of another period, kept out by the
    year, is almost sure: that is no other place stating it (only another place's is)."""
    kb = merge([build_document("east.txt", FIVE_YEAR),
                build_document("south.txt", ["南湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 主要任务",
                                             "到2025年，建成社区应急服务站8个。"])])
    index = SearchIndex(kb)
    q = index.parse("东湖街道社区应急服务站")
    index.places.scope(q)
    own = next(i for i, e in enumerate(index.entries) if e.item.doc == "east.txt" and e.item.line == 5)
    other = next(i for i, e in enumerate(index.entries) if e.item.doc == "south.txt" and e.item.line == 3)
    partial = next(i for i, e in enumerate(index.entries) if e.item.doc == "east.txt" and e.item.line == 3)
    from knowledge.search import Scored
    assert q.docs == {"east.txt"}
    assert not index._stated_elsewhere(q, Scored([(0.3, partial)], [(0.99, own)]), 0.3)
    assert index._stated_elsewhere(q, Scored([(0.3, partial)], [(0.99, other)]), 0.3)


def test_a_paragraph_leading_with_the_term_explains_it() -> None:
    """共同缔造理念怎么理解: the paragraph whose short lead sentence names it (坚持共同缔造理念。…), before one
    that mentions it in passing."""
    from knowledge.terms import lead_term

    assert lead_term("坚持共同缔造理念。在决策共谋、发展共建中推进治理。") == "共同缔造理念"
    assert lead_term("坚持党建引领，用好共同缔造理念推进社区治理和服务。") == ""
    lines = ["北湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 基本原则",
             "全面落实党的建设总要求，把制度优势转化为治理效能，坚持党建引领共同缔造理念，用好辖区资源。",
             "坚持共同缔造理念。在决策共谋、发展共建、成果共享中推进社会治理和居民自治良性互动。"]
    index = SearchIndex(build_document("north.txt", lines))
    assert index.search("共同缔造理念怎么理解").hits[0].line == 4



def test_a_place_said_again_naming_the_document_is_the_place_not_the_name() -> None:
    """“文化东湖”排在东湖规划的第几块: 东湖 inside the quoted name stays a word of it; the 东湖 naming the
    document is the place."""
    lines = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "一、推进产业升级，全力打造活力东湖",
             "做强先进制造业。", "二、加强精神文明建设，全力打造文化东湖", "繁荣发展文化事业。"]
    index = SearchIndex(merge([build_document("east.txt", lines),
                               build_document("south.txt", ["南湖街道2024年工作计划", "一、抓产业", "做强服务业。"])]))
    q = index.parse("“文化东湖”排在东湖规划的第几块")
    assert q.docs == {"east.txt"}
    assert "文化东湖" in q.text
    assert "文化东湖" in index.asked(q) and "东湖规划" not in index.asked(q)
