"""Outline answers on a made-up knowledge base: a document whose top is its title, parts counted
from the end or named by two ordinals, indicator rows by table category and attribute inside a
part, a heading named with a word for the document, and deadline lists around chat words."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.builder import build_document, merge
from knowledge.models import Indicator
from knowledge.search import SearchIndex

TASKS = ["南湖街道2023年重点工作任务", "2023年重点工作任务",
         "一、抓项目拓空间", "1.推进重点项目土地整备。完成湖滨路新建。",
         "二、抓民生保安全", "2.实现综合减灾社区全覆盖。", "3.开展交通安全整治。",
         "三、抓党建强队伍", "4.加强基层党组织建设。"]
PLAN = ["北山街道“十四五”规划纲要", "第一章 发展基础", "第一节 发展成就", "经济总量稳步提升。",
        "第二节 发展环境", "面临新的机遇。", "第二章 主要任务", "第一节 发展现代产业", "培育新兴产业。",
        "第二节 增进民生福祉", "办好民生实事。", "专栏1 主要指标", "经济发展类指标见下表。"]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    kb = merge([build_document("tasks.txt", TASKS), build_document("plan.txt", PLAN)])
    box = next(s for s in kb.sections if s.doc == "plan.txt" and "专栏1" in (s.number or "") + s.title)
    for k, (name, category, attribute) in enumerate([("地区生产总值", "经济发展", "预期性"),
                                                     ("PM2.5年均浓度", "生态环保", "约束性"),
                                                     ("森林覆盖率", "生态环保", "约束性")]):
        kb.indicators.append(Indicator(id=f"I{k}", doc="plan.txt", section=box.id, name=name,
                                       category=category, attribute=attribute, source="table",
                                       line=box.line + 1 + k))
    return SearchIndex(kb)


def titles(result) -> list[str]:  # noqa: ANN001
    return [h.title for h in result.hits]


def test_a_document_whose_top_is_its_title_is_outlined_by_the_parts_below(index: SearchIndex) -> None:
    result = index.search("2023年重点工作任务分了几个方面")
    assert [t[:6] for t in titles(result)] == ["抓项目拓空间", "抓民生保安全", "抓党建强队伍"]


def test_the_last_part(index: SearchIndex) -> None:
    assert titles(index.search("南湖街道重点工作任务最后一部分是啥"))[:1] == ["抓党建强队伍"]


def test_two_ordinals_name_a_section_inside_a_chapter(index: SearchIndex) -> None:
    assert titles(index.search("北山街道十四五规划第二章第二节讲什么"))[:1] == ["增进民生福祉"]


def test_indicator_rows_by_category_inside_a_named_part(index: SearchIndex) -> None:
    result = index.search("北山街道专栏1生态环保类有哪些指标")
    assert sorted(titles(result)) == ["PM2.5年均浓度", "森林覆盖率"]


def test_indicator_rows_by_attribute(index: SearchIndex) -> None:
    assert sorted(titles(index.search("北山专栏1里哪几项是约束性指标"))) == ["PM2.5年均浓度", "森林覆盖率"]


def test_a_word_for_the_document_before_a_heading(index: SearchIndex) -> None:
    result = index.search("北山街道规划增进民生福祉下面讲什么")
    assert result.hits and result.hits[0].title == "增进民生福祉"


def test_chat_words_around_a_deadline_topic_do_not_hide_it(index: SearchIndex) -> None:
    result = index.search("去年定的要全覆盖的任务有哪些 到期了没", today=dt.date(2024, 1, 8))
    assert result.reading == "due"
    assert any("全覆盖" in h.text for h in result.hits)


def test_overdue_list_on_a_topic_with_chat_words(index: SearchIndex) -> None:
    result = index.search("23年土地整备要完成的那几件 现在都逾期了吧", today=dt.date(2024, 2, 1))
    assert result.reading == "overdue"
    assert titles(result)[:1] == ["推进重点项目土地整备"]


def test_indicator_rows_by_category_are_the_whole_answer(index: SearchIndex) -> None:
    result = index.search("北山街道专栏1生态环保类有哪些指标")
    assert result.total == 2 and {h.kind for h in result.hits} == {"indicator"}


def test_headings_sharing_a_leading_word_are_a_series() -> None:
    report = ["东湖区2024年政府工作报告", "一、2023年工作回顾", "过去一年成绩显著。", "二、2024年工作安排",
              "(一)聚焦产业升级,发展新兴产业", "培育新兴产业。", "(二)聚焦民生保障,办好民生实事", "办好实事。",
              "(三)聚焦生态环境,打好蓝天保卫战", "治理扬尘。", "(四)加强政府建设", "依法行政。"]
    index = SearchIndex(merge([build_document("report.txt", report)]))
    result = index.search("东湖区工作安排的三个聚焦是哪些")
    assert [t[:6] for t in titles(result)] == ["聚焦产业升级", "聚焦民生保障", "聚焦生态环境"]
    assert result.total == 3


def test_a_plan_period_no_plan_speaks_of_is_not_covered(index: SearchIndex) -> None:
    result = index.search("北山街道十五五规划目标是啥")
    assert result.hits == [] and "十五五" in (result.note or "")
    assert index.search("北山街道十四五规划分几章").hits


def test_attribute_rows_of_the_tables_in_general(index: SearchIndex) -> None:
    # 专栏 without a number is any table of the plan; 专栏3 names a table there is not.
    assert sorted(titles(index.search("北山专栏里哪几个是约束性指标"))) == ["PM2.5年均浓度", "森林覆盖率"]
    assert "PM2.5年均浓度" not in titles(index.search("北山专栏3里哪几个是约束性指标"))


def test_a_list_topic_is_matched_without_the_chat_around_it(index: SearchIndex) -> None:
    result = index.search("交通安全整治各地都是怎么落实的 列一下")
    assert result.reading == "list"
    assert "开展交通安全整治" in titles(result)


def test_an_ordinal_counts_inside_the_part_named_before_it() -> None:
    report = ["东湖区2024年政府工作报告", "一、2023年工作回顾", "过去一年成绩显著。", "二、2024年工作安排",
              "(一)发展新兴产业", "培育新兴产业。", "(二)办好民生实事", "办好实事。", "(三)打好蓝天保卫战", "治理扬尘。"]
    index = SearchIndex(merge([build_document("report.txt", report)]))
    assert titles(index.search("东湖区报告工作安排第二条讲的是啥"))[:1] == ["办好民生实事"]
    # Without a part named before it, the ordinal counts the document's parts.
    assert titles(index.search("东湖区报告第二部分讲的是啥"))[:1] == ["2024年工作安排"]


def test_a_word_for_the_document_picks_the_place_document_whose_title_holds_it() -> None:
    work_plan = ["西城街道2024年工作计划", "第一章 总体要求", "稳中求进。", "第二章 重点工作", "抓好安全生产。"]
    plan = ["西城街道“十四五”规划纲要", "第一章 发展基础", "经济稳步增长。", "第二章 发展目标", "建成宜居城区。"]
    index = SearchIndex(merge([build_document("a.txt", work_plan), build_document("b.txt", plan)]))
    assert titles(index.search("西城街道规划第二章讲什么"))[:1] == ["发展目标"]
    assert titles(index.search("西城街道计划第二章讲什么"))[:1] == ["重点工作"]


def test_an_article_named_by_its_number_scopes_the_answer() -> None:
    rules = ["南湖市建筑垃圾管理办法", "第一条 为加强建筑垃圾管理，制定本办法。",
             "第二条 运输单位有下列行为之一的，由城管部门处罚：未密闭运输的；沿途撒漏的。",
             "第三条 弃置场单位有下列行为之一的，由城管部门处罚：受纳生活垃圾的；未设置围挡的。"]
    index = SearchIndex(merge([build_document("rules.txt", rules)]))
    result = index.search("第三条中提到的有下列行为之一的具体有哪些")
    assert result.hits and result.hits[0].text.startswith("第三条")


def test_a_box_asked_for_its_content(index: SearchIndex) -> None:
    assert titles(index.search("北山街道规划专栏1是啥内容"))[:1] == ["主要指标"]


def test_a_list_across_plans_holds_each_plans_best_item() -> None:
    a = ["东湖街道2024年工作计划", "一、文化工作", "全年组织开展群众文化活动200场，举办文艺演出30场，开展读书活动20场。",
         "组织线上文化展示活动50场。"]
    b = ["西山街道2024年工作计划", "一、社会事业", "加强公共文化服务，街文化站全年组织群众文化活动不少于52场，建设社区书屋3个，开展全民阅读。"]
    index = SearchIndex(merge([build_document("a.txt", a), build_document("b.txt", b)]))
    result = index.search("各计划里群众文化活动一年要搞多少场")
    assert result.reading == "list"
    assert {h.doc for h in result.hits} == {"a.txt", "b.txt"}


def test_an_item_named_exactly_what_was_asked_answers_first() -> None:
    plan = ["北湖街道“十四五”规划", "第一章 发展环境", "面临新的机遇和挑战。",
            "第二章 社会治理", "和谐稳定的社会环境是社会持续发展的基石，要营造良好发展环境，优化社会环境。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    result = index.search("发展环境")
    assert result.hits and (result.hits[0].kind, result.hits[0].title) == ("section", "发展环境")


def test_what_a_term_means_asked_with_sha() -> None:
    from knowledge.query import QueryParser
    assert QueryParser([]).parse("一街四所是啥意思").text == "一街四所"


def test_the_last_part_said_as_the_end_of_the_document(index: SearchIndex) -> None:
    """最后那块 / 收尾那部分: the last part, with nothing named between the word and the pointer."""
    assert titles(index.search("南湖街道重点工作任务最后那块大标题是什么"))[:1] == ["抓党建强队伍"]
    assert titles(index.search("南湖街道重点工作任务收尾那部分讲了些什么"))[:1] == ["抓党建强队伍"]


def test_a_part_written_as_points_is_counted_by_its_paragraphs() -> None:
    plan = ["西湖街道“十四五”规划纲要", "一、指导思想", "(一)总体思路", "稳中求进。",
            "(二)基本原则", "坚持党的领导。发挥核心作用。", "坚持人民至上。办好民生实事。", "坚持系统观念。统筹发展。",
            "二、主要任务", "抓好安全生产。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    result = index.search("西湖街道基本原则下面分了几个方面")
    assert [h.text[:6] for h in result.hits] == ["坚持党的领导", "坚持人民至上", "坚持系统观念"]
    # Its parts asked by a section noun (哪几节, 哪几条): the same paragraphs, as it has no sections.
    result = index.search("西湖街道基本原则下面分了哪几节")
    assert [h.text[:6] for h in result.hits] == ["坚持党的领导", "坚持人民至上", "坚持系统观念"]


def test_a_year_asked_of_an_outline_names_that_years_document() -> None:
    work_plan = ["西城街道2024年工作计划", "一、抓项目", "推进项目。", "二、抓民生", "办好实事。"]
    plan = ["西城街道“十四五”规划纲要", "第一章 发展基础", "经济稳步增长。", "第二章 发展目标", "建成宜居城区。",
            "第三章 保障措施", "加强领导。"]
    index = SearchIndex(merge([build_document("a.txt", work_plan), build_document("b.txt", plan)]))
    result = index.search("西城街道24年那份计划的一级标题数一下有几个")
    assert result.reading == "count" and titles(result) == ["抓项目", "抓民生"]


def test_an_ordinal_part_named_in_a_question_about_its_content_scopes_the_answer() -> None:
    """通知的第二项要求加强什么: the answer is in the second part, not in a part sharing more words."""
    notice = ["南湖市关于加强餐厨废弃物处置工作的通知", "一、加强餐厨废弃物处置过程监管",
              "各地要加强餐厨废弃物处置能力建设，确保处置过程可控。", "二、加强餐厨废弃物收集能力储备",
              "各地要引导食堂、酒店配置收集容器。", "三、加强宣传引导", "各地要加强宣传。"]
    other = ["南湖市养老服务实施意见", "一、发展居家养老", "推进社区养老服务。"]
    index = SearchIndex(merge([build_document("notice.txt", notice), build_document("other.txt", other)]))
    hits = index.search("南湖市关于加强餐厨废弃物处置工作的通知，第二项要求加强餐厨废弃物哪方面的能力").hits
    assert hits and hits[0].line in (4, 5)


def test_a_part_written_as_points_over_a_table_is_listed_by_its_points() -> None:
    """发展定位里头要打造哪几块: the part's own points (not its introduction, not the table below them),
    found by its heading written whole inside a longer topic."""
    plan = ["东湖街道“十四五”规划纲要", "一、发展定位",
            "充分把握东湖街道与园区融合的特点，以融合区域为基础，统筹推进街道和园区协同发展，形成新格局。",
            "打造宜居示范街区。以建设宜居城区为目标。", "打造特色产业社区。构建协商机制。", "打造现代物流中心。依托物流园。",
            "专栏1 主要指标", "序号指标", "二、保障措施", "加强领导。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    result = index.search("东湖街道十四五发展定位里头具体要打造哪几块")
    assert [h.text[:6] for h in result.hits] == ["打造宜居示范", "打造特色产业", "打造现代物流"]
    assert result.topic == "发展定位"  # (the answer's heading names the part, not the words around it)


@pytest.mark.parametrize("question", ["南湖区23年主要做了几方面工作",
                                      # (the review has no typed tasks: the work it lists is its parts)
                                      "南湖区23年回顾部分总共列了几大项工作"])
def test_what_a_review_tells_of_is_counted_by_its_parts(question: str) -> None:
    """23年主要做了几方面工作: the parts of the 2024 report's review of 2023."""
    report = ["南湖区2024年政府工作报告", "一、2023年工作回顾", "一年来，主要做了以下工作：",
              "(一)坚持项目带动", "项目建设提速。", "(二)坚持民生优先", "民生保障有力。",
              "二、2024年工作安排", "(一)抓产业", "培育新兴产业。"]
    index = SearchIndex(merge([build_document("report.txt", report)]))
    result = index.search(question)
    assert [h.title[:6] for h in result.hits] == ["坚持项目带动", "坚持民生优先"]


def test_a_chapter_naming_a_review_beside_other_parts_is_not_all_review() -> None:
    """发展基础和发展环境 holds 第一节 发展基础 (the review), 发展环境 and 远景目标 (ahead): only the first
    looks back; 规划回顾十三五成绩列了几点 counts its numbered points, however a point's lead ends."""
    plan = ["东湖街道“十四五”规划纲要", "第一章 发展基础和发展环境", "第一节 发展基础",
            "“十三五”以来，街道坚持稳中求进，取得了以下成绩：", "1.规模实力显著增强。经济指标总体平稳。",
            "2.党建引领成效显著。组织体系健全。", "3.社会文化稳步推进，文化服务效能提升。",
            "第二节 发展环境", "从国内看，经济发展进入新常态。", "第三节 二〇三五年远景目标", "到二〇三五年，建成宜居城区。",
            "第二章 主要任务", "第一节 发展现代产业", "培育新兴产业。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    titles_back = {s.title for s in index.kb.sections if s.id in index.listing.review}
    assert titles_back == {"发展基础"}
    result = index.search("东湖街道规划回顾十三五成绩列了几点")
    assert result.total == 3 and [h.text[:2] for h in result.hits] == ["1.", "2.", "3."]


def test_a_heading_holding_a_topics_words_apart_is_where_it_is() -> None:
    """哪一节讲法治建设: the heading 持续加强法治新河建设 holds both words apart; a part named by a word for
    it (民生篇) and a heading inside it (养老)."""
    plan = ["东湖街道“十四五”规划纲要", "一、发展基础", "民主法治建设迈出新步伐，社会和谐稳定。",
            "二、增进民生福祉,全力打造幸福东湖", "(一)完善养老服务体系", "建设老年日间照料中心。",
            "三、统筹发展和安全,全力打造平安东湖", "(一)持续加强法治东湖建设", "完善公共法律服务。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    assert [h.title for h in index.search("东湖街道规划里哪一节讲法治建设").hits] == ["持续加强法治东湖建设"]
    assert [h.title for h in index.search("东湖街道规划民生篇里养老是哪一节").hits] == ["完善养老服务体系"]


def test_one_of_a_row_of_parts_sharing_a_word_by_its_place() -> None:
    """那几个聚焦里排第五的是哪个: the fifth heading opening with 聚焦, in the document's order."""
    report = ["南湖区2024年政府工作报告", "一、2023年工作回顾", "经济稳中有进。", "二、2024年工作安排",
              *[line for n, w in enumerate(["产业", "服务", "资源", "街道", "科教", "改革"], 1)
                for line in (f"({'一二三四五六'[n - 1]})聚焦{w}发展,在{w}上展现新作为", f"推进{w}工作。")]]
    index = SearchIndex(merge([build_document("report.txt", report)]))
    hits = index.search("南湖区那几个聚焦里排第五的是哪个").hits
    assert [h.title[:4] for h in hits] == ["聚焦科教"]


def test_a_part_written_as_points_under_one_typed_task_is_counted_by_its_points() -> None:
    """主要目标数下来是几个方面: a 到2025年… paragraph typed as a task opens five paragraphs written as
    points, above a table: the points are the parts counted."""
    plan = ["东湖街道“十四五”规划纲要", "第二章 指导方针和主要目标", "第一节 主要目标", "到2025年，综合实力显著增强，建成宜居城区。",
            "经济持续健康发展。产业结构更加优化。", "民生福祉显著提高。社会保障体系健全。", "社会治理效能提升。共建共治共享。",
            "专栏1 主要指标", "类别\t指标\t2020年\t2025年", "经济发展\t地区生产总值（亿元）\t40\t60",
            "第三章 主要任务", "推进产业升级。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    result = index.search("东湖街道那份纲要的主要目标，数下来是几个方面")
    assert [h.text[:4] for h in result.hits] == ["经济持续", "民生福祉", "社会治理"]


def test_points_opening_with_a_word_in_the_review_of_a_year_are_in_the_next_years_report() -> None:
    """回顾23年工作时一共列了几条“坚持”: the 2024 report reviews 2023; its review's headings opening with 坚持."""
    report = ["南湖区2024年政府工作报告", "一、2023年工作回顾", "(一)坚持项目带动,质量进一步提升", "项目建设提速。",
              "(二)坚持民生优先,品质进一步提升", "民生保障有力。", "(三)坚持改革创新,活力进一步提升", "改革深化。",
              "二、2024年工作安排", "(一)抓产业", "培育新兴产业。"]
    index = SearchIndex(merge([build_document("report.txt", report)]))
    result = index.search("南湖区回顾23年工作时一共列了几条“坚持”")
    assert result.total == 3 and all(h.title.startswith("坚持") for h in result.hits)


def test_what_a_numbered_part_holds_is_the_part_then_its_parts(index: SearchIndex) -> None:
    """第二章写了哪些内容: the chapter itself (its title says what it is about), then its sections; 有哪几节
    asks for the sections alone."""
    assert titles(index.search("北山街道规划第二章写了哪些内容"))[:3] == ["主要任务", "发展现代产业", "增进民生福祉"]
    assert titles(index.search("北山街道规划第二章有哪几节"))[:2] == ["发展现代产业", "增进民生福祉"]


def test_a_numbered_part_inside_the_part_a_year_names() -> None:
    """报告2024年部分的第二大项讲什么: the second part of 二、2024年工作安排, not of the report."""
    report = ["南湖区2024年政府工作报告", "一、2023年工作回顾", "(一)坚持项目带动", "项目建设提速。",
              "(二)坚持民生优先", "民生保障有力。", "二、2024年工作安排", "(一)聚焦产业升级", "培育新兴产业。",
              "(二)聚焦城市更新", "推进老旧小区改造。", "三、加强政府自身建设", "依法行政。"]
    index = SearchIndex(merge([build_document("report.txt", report)]))
    assert [h.title for h in index.search("南湖区报告2024年部分的第二大项讲什么").hits] == ["聚焦城市更新"]


def test_where_a_topic_is_in_each_of_several_plans() -> None:
    """大港和新河规划里养老各在哪一节, 两份街道十四五规划…分别是哪节: each plan's own best heading (the second plan's
    is a weaker match, and no work report's part, the question naming five-year plans)."""
    east = ["东湖街道“十四五”规划纲要", "第一章 民生福祉", "第一节 完善养老服务体系", "建设日间照料中心。",
            "第二节 优化营商环境建设", "推进一网通办。"]
    west = ["西山街道“十四五”规划纲要", "第一章 幸福西山", "第一节 构建养老服务新体系和长效机制", "发展居家养老。",
            "第二节 营造良好营商环境", "落实惠企政策。"]
    report = ["南湖区2024年政府工作报告", "一、2024年工作安排", "(一)聚焦深化改革,在营商环境上塑造新高地", "实施一号工程。"]
    index = SearchIndex(merge([build_document("east.txt", east), build_document("west.txt", west),
                               build_document("report.txt", report)]))
    hits = index.search("东湖和西山规划里养老各在哪一节").hits
    assert {(h.doc, h.kind) for h in hits} == {("east.txt", "section"), ("west.txt", "section")}
    hits = index.search("两份街道十四五规划，营商环境分别是哪节").hits
    assert {h.doc for h in hits} == {"east.txt", "west.txt"} and all(h.kind == "section" for h in hits)


def test_a_structure_question_naming_the_document_by_its_title_words_gets_its_parts(index: SearchIndex) -> None:
    """南湖街道那份重点任务清单是按几个方面排的: the topic is the document itself (its title's words)."""
    result = index.search("南湖街道那份重点任务清单是按几个方面排的")
    assert [t[:6] for t in titles(result)] == ["抓项目拓空间", "抓民生保安全", "抓党建强队伍"]


def test_a_plans_last_chapter_asked_by_its_usual_name() -> None:
    """保障措施那部分有哪几节: the chapter a plan calls 加强组织保障 (保障措施 and 组织保障 are one in the lexicon)."""
    plan = ["东湖街道“十四五”规划纲要", "一、发展基础", "经济稳步增长。", "二、加强组织保障,促进规划全面落实",
            "(一)强化组织领导", "坚持党的领导。", "(二)完善规划机制", "健全机制。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    assert [h.title for h in index.search("东湖街道规划保障措施那部分有哪几节").hits] == ["强化组织领导", "完善规划机制"]


def test_a_part_whose_heading_says_some_of_the_words_and_its_text_the_rest() -> None:
    """平安建设那部分分了几小节, 党建一章里从严治党意识形态共几节: no heading holds every word; the part with parts
    whose heading writes the rarest of them and whose text all (of headings saying as much, 建设 and 平安, the one
    whose text says 平安建设 together)."""
    plan = ["东湖街道“十四五”规划纲要", "一、加强城市建设,全力打造美丽东湖", "(一)推进道路建设", "建设道路。",
            "(二)推进平安小区", "平安小区建设。",
            "二、统筹发展和安全,全力打造平安东湖", "(一)加强安全宣传", "开展平安建设宣传。", "(二)提升应急能力",
            "完善应急预案。", "三、坚持党建引领", "(一)强化从严治党", "全面从严治党。", "(二)牢固树立意识形态安全",
            "落实意识形态工作责任制。"]
    index = SearchIndex(merge([build_document("plan.txt", plan)]))
    assert [h.title for h in index.search("东湖街道平安建设那部分分了几小节").hits] == ["加强安全宣传", "提升应急能力"]
    assert [h.title for h in index.search("东湖街道规划党建一章里从严治党意识形态共几节").hits] == \
        ["强化从严治党", "牢固树立意识形态安全"]
    assert index.listing.part_partly_named("打造x东湖", ["plan.txt"]) == []  # (a pattern of headings, no words)

