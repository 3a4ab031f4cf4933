"""The search's constraints and readings on a made-up knowledge base: a named place or year filters
(with a note and other places' items), lists, counts, structure, deadlines, passages."""

from __future__ import annotations

import datetime as dt

import pytest

from knowledge.builder import build_document, merge
from knowledge.models import KnowledgeBase, Task
from knowledge.search import Hit, SearchIndex

EAST = ["东湖街道2024年工作计划", "一、抓项目促发展",
        "1.推进重点项目建设。全年完成固定资产投资12亿元。",
        "2.建设东湖社区卫生服务站。年底前完成。",
        "3.推进“一城一区两带”布局，打造鲁华泓锦产业园。",
        "二、抓民生保安全",
        "4.落实安全生产主体责任。6月底前完成隐患排查。",
        "5.强化安全生产监管。",
        "6.完成老旧小区改造8个。"]
WEST = ["西山区2024年政府工作报告", "一、主要预期目标",
        "地区生产总值增长5%左右，PM2.5平均浓度控制在30微克/立方米。",
        "二、重点工作", "1.加快建设西山科技园。", "2.持续巩固安全发展基础，开展安全生产专项整治。"]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    kb = merge([build_document("east.txt", EAST), build_document("west.txt", WEST)])
    return SearchIndex(kb)


def test_running_text_is_found_as_a_passage(index: SearchIndex) -> None:
    hits = index.search("一城一区两带").hits
    assert hits and hits[0].doc == "east.txt" and "一城一区两带" in hits[0].text
    assert "一城一区两带" in hits[0].marks


def test_an_everyday_word_whose_term_is_rare_is_focused_on_alone(bundled_kb: KnowledgeBase) -> None:
    """老板拖着工钱不发: 拖着工钱 is 欠薪 (one paragraph says it) and 老板 is 企业主, which the plans write only
    inside 企业主体; the two terms together find nothing probable, 欠薪 alone finds the paragraph."""
    hits = SearchIndex(bundled_kb).search("大港街老板拖着工钱不发，街道管这事吗").hits
    assert hits and "欠薪" in hits[0].text


def test_one_thing_the_plans_never_mention_is_not_answered_by_another_word(bundled_kb: KnowledgeBase) -> None:
    """老人去世办丧事街道有规定没: 办丧事 names one thing (丧事) that no plan writes, nor its terms (丧葬, 殡葬) — the
    question's own word 规定 (八项规定) is no answer; 企业提的诉求能当天办掉吗 (当天办: a time, no thing) still is."""
    index = SearchIndex(bundled_kb)
    assert index.search("老人去世办丧事街道有规定没").hits == []
    hits = index.search("宝安企业提的诉求能当天办掉吗").hits
    assert hits and hits[0].line == 33


def test_an_everyday_words_term_the_plans_write_only_in_part_is_found_by_its_first_word(bundled_kb: KnowledgeBase) -> None:
    """没人带娃 → 托育服务, which 宝安's plan writes as 托育 (托育资源, 托育点): the term's first word names the
    thing; 服务 says what is done with it."""
    hits = SearchIndex(bundled_kb).search("宝安家里没人带娃怎么办").hits
    assert hits and "托育" in hits[0].text and hits[0].doc.startswith("003_")


def test_a_named_place_filters_and_says_so_with_other_places_items(index: SearchIndex) -> None:
    result = index.search("东湖街道PM2.5目标")
    assert result.hits == []
    assert "东湖街道" in result.note
    assert result.others and all(h.doc == "west.txt" for h in result.others)


def test_what_another_places_plan_names_is_no_answer_from_a_partial_match_in_the_named_place() -> None:
    east = ["东湖街道“十四五”规划", "专栏1 主要指标", "类别\t指标\t2020年\t2025年",
            "经济发展\t规模以上工业企业数量（家）\t40\t60"]
    west = ["西山区2024年政府工作报告", "一、过去一年工作回顾",
            "数字经济核心产业规上企业达到35家，营收同比增长8%。"]
    index = SearchIndex(merge([build_document("east.txt", east), build_document("west.txt", west)]))
    if not any(i.name.startswith("规模以上工业企业数量") for i in index.kb.indicators):
        pytest.skip("the table reader did not read this layout's rows")
    result = index.search("西山区规上工业企业数量目标几家")
    assert result.hits == [] and "西山区" in result.note
    assert result.others and result.others[0].doc == "east.txt"


def test_a_year_no_plan_covers_is_not_answered_with_another_year(index: SearchIndex) -> None:
    result = index.search("2030年固定资产投资目标")
    assert result.hits == [] and "2030" in result.note
    for question in ("东湖街道2030年有哪些任务", "2030年的目标有几项"):
        listed = index.search(question)
        assert listed.hits == [] and "2030" in listed.note


def test_a_place_no_plan_is_about_is_not_answered(index: SearchIndex) -> None:
    assert index.search("南湖街道地区生产总值增长目标").hits == []


def test_a_name_said_as_over_there_that_no_plan_writes_is_a_place_they_do_not_cover(index: SearchIndex) -> None:
    result = index.search("汉沽那边老旧小区改造怎么安排")
    assert result.hits == [] and "汉沽" in result.note
    # 想问下汉沽那边…: the words of asking before it leave it the place the question opens with.
    asked = index.search("想问下汉沽那边老旧小区改造怎么安排")
    assert asked.hits == [] and "汉沽" in asked.note


def test_list_reading_gives_every_matching_item(index: SearchIndex) -> None:
    result = index.search("安全生产有哪些任务")
    assert result.reading == "list"
    docs = {h.doc for h in result.hits}
    assert docs == {"east.txt", "west.txt"}
    assert result.total == len(result.hits) >= 3


def test_count_reading_counts_the_tasks_of_a_part(index: SearchIndex) -> None:
    result = index.search("抓民生保安全有几项任务")
    assert result.reading == "count"
    assert result.total == 3
    assert {h.kind for h in result.hits} == {"task"}


def test_a_count_over_a_named_part_counts_what_it_holds(index: SearchIndex) -> None:
    result = index.search("抓民生保安全那部分一共几条任务")
    assert (result.reading, result.total) == ("count", 3)


def test_where_a_topic_stands_is_the_part_holding_its_best_item(index: SearchIndex) -> None:
    result = index.search("东湖街道计划里卫生服务站放在哪个部分")
    assert [h.kind for h in result.hits] == ["section", "task"]
    assert result.hits[0].title == "抓项目促发展"


def test_a_run_of_part_numbers_lists_those_parts(index: SearchIndex) -> None:
    result = index.search("东湖街道计划从(一)到(二)的标题是啥")
    assert [h.title for h in result.hits] == ["抓项目促发展", "抓民生保安全"]


SOUTH = ["南港区2024年政府工作报告", "一、2023年工作回顾", "(一)稳增长。", "(二)惠民生。",
         "二、2024年工作安排", "(一)聚焦产业升级", "1.推进园区建设。", "(二)聚焦城市更新", "2.改造老旧小区。",
         "(三)聚焦民生保障", "3.新建养老服务中心。", "(四)聚焦安全发展", "4.开展燃气安全整治。",
         "三、加强政府自身建设"]


def test_an_ordinal_the_words_before_it_do_not_place_is_the_one_part_numbered_so() -> None:
    index = SearchIndex(build_document("south.txt", SOUTH))
    # 重点工作 names no heading; only the work plan has a fourth part.
    result = index.search("南港区报告重点工作第四块讲什么")
    assert [h.title for h in result.hits][:1] == ["聚焦安全发展"]


def test_a_years_key_work_counted_is_the_parts_of_its_work_plan() -> None:
    """2024年重点工作有几大项: staff say 重点工作 for the part headed 2024年工作安排 (everyday_words.tsv)."""
    index = SearchIndex(build_document("south.txt", SOUTH))
    result = index.search("南港区2024年重点工作一共列了几大项")
    assert result.total == 4 and [h.title for h in result.hits][:1] == ["聚焦产业升级"]


def test_an_ordinal_after_the_name_of_the_part_it_numbers_is_that_part(index: SearchIndex) -> None:
    result = index.search("东湖街道计划抓民生保安全的第二部分讲什么")
    assert [h.title for h in result.hits][:1] == ["抓民生保安全"]


def test_structure_reading_lists_the_parts_of_a_document(index: SearchIndex) -> None:
    result = index.search("东湖街道工作计划有几个部分")
    assert [h.title for h in result.hits] == ["抓项目促发展", "抓民生保安全"]


def test_a_category_of_an_indicator_table_lists_its_rows() -> None:
    lines = ["东湖街道“十四五”规划", "专栏1 主要指标", "类别\t指标\t2020年\t2025年",
             "经济发展\t地区生产总值（亿元）\t100\t150", "经济发展\t固定资产投资（亿元）\t20\t30",
             "生态环保\tPM2.5年均浓度（μg/m3）\t47\t42"]
    kb = build_document("p.txt", lines)
    if {i.category for i in kb.indicators} != {"经济发展", "生态环保"}:
        pytest.skip("the table reader did not give categories for this layout")
    result = SearchIndex(kb).search("十四五生态环保类指标有哪几个")
    assert result.reading == "list" and result.hits[0].title.startswith("PM2.5")
    assert "地区生产总值" not in [h.title for h in result.hits]


def test_a_category_or_attribute_asked_of_the_plan_counts_its_rows() -> None:
    lines = ["东湖街道“十四五”规划", "专栏1 主要指标", "类别\t指标\t2020年\t2025年\t属性",
             "经济发展\t地区生产总值（亿元）\t100\t150\t预期性", "经济发展\t固定资产投资（亿元）\t20\t30\t预期性",
             "宜居宜业\t城镇登记失业率（%）\t3.5\t3.5\t约束性", "宜居宜业\t学前三年毛入园率（%）\t92\t95\t预期性"]
    kb = build_document("p.txt", lines)
    if {i.category for i in kb.indicators} != {"经济发展", "宜居宜业"}:
        pytest.skip("the table reader did not give categories for this layout")
    index = SearchIndex(kb)
    # 规划 names the plan, not a part of it; the count the question states (4个指标) names nothing.
    result = index.search("东湖规划宜居宜业类指标总共几项")
    assert result.reading == "count" and result.total == 2
    assert [h.title for h in result.hits] == ["城镇登记失业率", "学前三年毛入园率"]
    if any(i.attribute for i in kb.indicators):
        bound = index.search("东湖街道专栏1的4个指标中属性是约束性的有几项")
        assert bound.reading == "count" and [h.title for h in bound.hits] == ["城镇登记失业率"]
        # The attribute said without 性, or as what the rows are not, names them too.
        for question in ("东湖街道专栏1哪些指标是约束性的、不是预期性的", "东湖街道指标表属性写约束的那几行是啥"):
            assert [h.title for h in index.search(question).hits] == ["城镇登记失业率"], question

    # A table writing 预期 in some rows and 预期性 in others has one attribute; the indicators of it asked for without
    # a list cue (…的指标) are listed.
    mixed = build_document("q.txt", [*lines[:4], lines[4].replace("预期性", "预期"), *lines[5:]])
    if {i.attribute for i in mixed.indicators} == {"预期性", "预期", "约束性"}:
        result = SearchIndex(mixed).search("东湖专栏里属性只标了预期的指标")
        assert result.reading == "list"
        assert [h.title for h in result.hits] == ["地区生产总值", "固定资产投资", "学前三年毛入园率"]


def test_a_list_of_indicators_by_the_value_their_target_sets() -> None:
    lines = ["东湖街道“十四五”规划", "专栏1 主要指标", "类别\t指标\t2020年\t2025年",
             "社会民生\t智慧社区覆盖率（%）\t60\t100", "社会民生\t养老服务覆盖率（%）\t80\t100",
             "社会民生\t就业人数（人）\t900\t1000", "生态环保\t单位GDP能耗降低\t-\t完成市下达任务",
             "生态环保\t空气优良天数比例\t-\t完成市下达任务", "生态环保\tPM2.5年均浓度（μg/m3）\t47\t42"]
    kb = build_document("p.txt", lines)
    if len(kb.indicators) != 6:
        pytest.skip("the table reader did not read this layout's rows")
    index = SearchIndex(kb)
    full = index.search("2025年要到100%的指标是哪几项")
    assert full.reading == "list" and [h.title for h in full.hits] == ["智慧社区覆盖率", "养老服务覆盖率"]
    assigned = index.search("专栏1里写着完成市下达任务的指标有哪些")
    assert [h.title for h in assigned.hits] == ["单位GDP能耗降低", "空气优良天数比例"]
    # Asked as a deadline, with chat around it: the targets setting that value, due by then.
    due = index.search("专栏里目标写100%的指标，到今年年底都得完成吧？分别是哪些", today=dt.date(2025, 6, 20))
    assert due.reading == "due" and [h.title for h in due.hits] == ["智慧社区覆盖率", "养老服务覆盖率"]
    # The percentage said in words, as plans never write it.
    said = index.search("2025年要做到百分之百的指标有哪几项")
    assert [h.title for h in said.hits] == ["智慧社区覆盖率", "养老服务覆盖率"]


def test_overdue_reading_lists_tasks_past_their_deadline_on_a_topic(index: SearchIndex) -> None:
    result = index.search("逾期的安全生产任务", today=dt.date(2024, 8, 1))
    assert result.reading == "overdue"
    assert [h.title for h in result.hits] == ["落实安全生产主体责任"]


def test_targets_due_by_a_year_are_listed_when_a_deadline_question_asks_for_targets() -> None:
    lines = ["南岭街道2024年工作计划", "一、主要目标",
             "全年完成固定资产投资12亿元，垃圾分类覆盖率达到100%，新增就业1000人。",
             "二、重点工作", "1.推进南岭社区卫生服务站建设。年底前完成。"]
    index = SearchIndex(build_document("south.txt", lines))
    overdue = index.search("2024年要完成的目标哪些已经过期了", today=dt.date(2025, 3, 1))
    assert overdue.reading == "overdue" and overdue.hits
    assert {h.kind for h in overdue.hits} == {"indicator"}
    assert "固定资产投资" in [h.title for h in overdue.hits]
    full = index.search("到年底要做到100%的指标有哪些", today=dt.date(2024, 11, 1))
    assert full.reading == "due" and [h.title for h in full.hits] == ["垃圾分类覆盖率"]
    # Before the year, nothing is overdue yet; tasks are still what 任务 asks for.
    assert not index.search("逾期的目标", today=dt.date(2024, 6, 1)).hits
    assert [h.kind for h in index.search("年底前要完成的任务", today=dt.date(2024, 11, 1)).hits] == ["task"]


def test_work_due_counted_in_a_unit_is_the_work_stating_a_number_of_it() -> None:
    """按处算的活年底前还有哪些: the tasks due that state a number of 处 (120处), none other."""
    lines = ["南岭街道2024年工作计划", "一、重点工作", "1.完成老旧小区改造8个。年底前完成。",
             "2.整治积水点120处。年底前完成。", "3.建设口袋公园3处。年底前完成。", "4.新增绿地1万平方米。年底前完成。"]
    index = SearchIndex(build_document("south.txt", lines))
    result = index.search("今年按“处”算的活，年底前还有哪些得交", today=dt.date(2024, 10, 20))
    assert result.reading == "due" and [h.line for h in result.hits] == [4, 5]
    assert [h.line for h in index.search("以平方米计的任务年底前要完成的有哪些", today=dt.date(2024, 10, 20)).hits] == [6]


def test_chat_around_a_deadline_list_topic_leaves_the_part_the_items_write() -> None:
    lines = ["北塘街道2024年工作计划", "一、重点工作", "1.推动滨河公园项目全面开工。年底前完成。",
             "2.完善社区养老服务网络。年底前完成。"]
    index = SearchIndex(build_document("north.txt", lines))
    result = index.search("离年底没几个月了，计划里要开工的项目都有啥", today=dt.date(2024, 10, 8))
    assert result.reading == "due" and [h.title for h in result.hits] == ["推动滨河公园项目全面开工"]


def test_a_task_due_holding_the_topics_words_nearly_as_well_as_the_best_is_listed() -> None:
    """土地整备入库: 土地入库 beside 土地整备 is about it too; a task sharing one common word is not."""
    lines = ["北塘街道2024年工作计划", "一、重点工作", "1.推动重点项目土地整备。完成12条道路土地整备更新，年底前完成。",
             "2.推进工业上楼试点。完成嘉华地块土地入库工作，年底前完成。",
             "3.推动城市更新。推动森钢地块优先整备，年底前完成。", "4.完善社区养老服务网络。年底前完成。"]
    index = SearchIndex(build_document("north.txt", lines))
    result = index.search("年底前土地整备入库的活有哪几项", today=dt.date(2024, 10, 8))
    assert result.reading == "due"
    assert [h.title for h in result.hits] == ["推动重点项目土地整备", "推进工业上楼试点"]


def test_how_many_things_is_answered_by_the_text_stating_that_number() -> None:
    lines = ["西岭街道2021—2025年发展规划", "一、发展基础", "组织辖区13个社区开展普法宣传。",
             "二、主要任务", "1.推进智慧社区建设，提升社区服务水平。", "2.建成3个社区卫生服务站。",
             "3.在13个社区建立老年日间照料服务机构。"]
    index = SearchIndex(build_document("west2.txt", lines))
    hits = index.search("西岭街道有几个社区").hits
    assert hits and "13个社区" in hits[0].text  # stated twice, before 3个社区卫生服务站 and 智慧社区


def test_how_many_things_is_answered_by_a_text_naming_them_in_fewer_words() -> None:
    """紧盯的那批规上工业企业一共几家: the text says 紧盯738家规上企业 (工业 left out); the words pointing at
    them (那批) are no part of what is done to them (紧盯)."""
    lines = ["南岭街道2023年重点工作任务", "一、稳增长", "1.守住工业基本盘。紧盯738家规上企业，强化龙头带动。",
             "2.培育专精特新。力争新增“小巨人”企业5家、专精特新企业30家。"]
    index = SearchIndex(build_document("south.txt", lines))
    hits = index.search("南岭紧盯的那批规上工业企业一共几家").hits
    assert hits and "738家规上企业" in hits[0].text


def test_how_many_in_hundreds_asked_in_one_clause_is_answered_by_the_number_stated() -> None:
    """党组织有几百个，具体数: the clause with the asking counts (几百个), the text says 237个基层党组织 (a
    kind of them, 基层, between the number and the word)."""
    lines = ["北岭街道“十四五”规划", "第一章 党的建设", "以全街237个基层党组织为主体，推进党建引领。",
             "第二章 社会治理", "完善网格化管理，划分网格120个。"]
    index = SearchIndex(build_document("north.txt", lines))
    hits = index.search("北岭街道党组织有几百个，具体数").hits
    assert hits and "237个基层党组织" in hits[0].text


def test_the_season_of_asking_told_is_no_part_of_a_lists_topic() -> None:
    """马上到汛期了，规划里防汛这块都要做啥: the first clause tells when the asker asks; the items listed
    are the 防汛 ones, from every plan."""
    first = ["东湖街道2023年重点工作任务", "一、抓安全", "1.提高三防能力。补充备足防汛物资，确保安全度汛。",
             "2.开展燃气安全专项整治。"]
    second = ["西山区“十四五”规划", "第一章 平安西山", "完善基层应急管理体系，完善防汛抗旱、防震减灾应急预案。",
              "第二章 民生", "推进老旧小区改造。"]
    index = SearchIndex(merge([build_document("a.txt", first), build_document("b.txt", second)]))
    result = index.search("马上到汛期了，规划里防汛这块都要做啥")
    assert result.reading == "list"
    assert {h.doc for h in result.hits} == {"a.txt", "b.txt"} and all("防汛" in h.text for h in result.hits)


def test_a_question_looking_in_a_table_gets_the_tables_row_first() -> None:
    """优良天数比例，专栏里写的啥: the 专栏 row before the paragraph's figure of the same name."""
    plan = ["东湖街道“十四五”规划", "第一章 主要指标", "专栏1 主要指标", "类别\t指标\t2020年\t2025年",
            "生态环保\t空气优良天数比例（%）\t70\t75", "第二章 生态东湖",
            "开展大气污染防治，到2025年，空气质量优良天数比例达到80%。"]
    index = SearchIndex(build_document("east.txt", plan))
    if not any(i.source == "table" for i in index.kb.indicators):
        pytest.skip("the table reader did not read this layout's rows")
    hits = index.search("东湖街道优良天数比例，专栏里写的啥").hits
    assert hits and hits[0].kind == "indicator" and hits[0].line == 5


def test_a_place_whose_best_item_is_half_as_likely_as_another_places_has_no_answer() -> None:
    """新河有没有给规上工业企业家数定个数: another place's plan states the number of 规上工业企业; the
    named place has only a partial match (限上工业总产值): its plans do not say."""
    east = ["东湖街道“十四五”规划", "第一章 主要目标", "到2025年，累计完成限上工业总产值超20亿元。"]
    west = ["西山街道“十四五”规划", "第一章 主要指标", "专栏1 主要指标", "类别\t指标\t2020年\t2025年",
            "经济发展\t规模以上工业企业数量（家）\t40\t60"]
    index = SearchIndex(merge([build_document("east.txt", east), build_document("west.txt", west)]))
    result = index.search("东湖街道有没有给规上工业企业家数定个数")
    assert result.hits == [] and "东湖街道" in result.note


def test_a_same_sound_slip_in_a_name_is_read_as_the_name_when_nothing_answers_as_typed() -> None:
    """曹愚剧院重新开了吗: 曹愚 is no pair the plans write; read as 曹禺 (same sound), the item answers."""
    lines = ["东湖区2024年政府工作报告", "一、2023年工作回顾", "文化活力增强。曹禺剧院重新开放，推出沉浸式演出。",
             "二、2024年工作安排", "推进老旧小区改造。"]
    index = SearchIndex(build_document("east.txt", lines))
    hits = index.search("曹愚剧院重新开放了吗").hits
    assert hits and "曹禺剧院" in hits[0].text


def test_the_lines_that_write_a_word_are_counted_one_item_each() -> None:
    """任务里带试点的有几条: each line writing 试点 once (the task, not also its passages), in order."""
    lines = ["南岭街道2023年重点工作任务", "一、抓项目", "1.积极推进工业上楼试点项目。完成地块入库。",
             "2.深入推进垃圾分类。试点以车代库回收点。", "二、抓民生", "3.完成老旧小区改造8个。",
             "4.凝聚青年力量。完成社区组织改革试点工作。"]
    index = SearchIndex(build_document("south.txt", lines))
    result = index.search("南岭街道任务里带试点的有几条")
    assert result.reading == "count" and result.total == 3
    assert [h.line for h in result.hits] == [3, 4, 7] and all(h.kind == "task" for h in result.hits)


def test_a_count_of_mentions_takes_headings_and_the_words_with_one_character_between() -> None:
    """有几处提到商圈: a heading writing the word is a place too (after the task); 领军企业 is written
    as 领军型企业 as well."""
    lines = ["南岭街道2023年重点工作任务", "一、抓会展，打造世界级商圈", "1.打造会展商圈。完成酒店建设。",
             "2.引进领军型企业。完成招商。", "二、抓民生", "3.培育领军企业。", "4.完成老旧小区改造8个。"]
    index = SearchIndex(build_document("south.txt", lines))
    result = index.search("南岭街道有几处提到商圈")
    assert result.reading == "count" and [(h.kind, h.line) for h in result.hits] == [("section", 2), ("task", 3)]
    assert [h.line for h in index.search("南岭街道规划里有几段提到领军企业").hits] == [4, 6]
    # (quotation marks and a word between the word's own words aside: 社会救助领域“一城通办”)
    quoted = SearchIndex(build_document("q.txt", ["南岭街道2023年重点工作任务", "一、抓民生",
                                                  "1.深化社会救助领域“一城通办”。", "2.完成老旧小区改造8个。"]))
    assert [h.line for h in quoted.search("南岭街道社会救助一城通办一共出现几次").hits] == [3]


def test_the_titles_of_tasks_asked_of_are_the_tasks_own() -> None:
    """任务标题带安全生产的有几条: tasks whose own titles hold the word; 标题带 alone asks for headings."""
    lines = ["南岭街道2023年重点工作任务", "一、抓安全生产", "1.落实安全生产主体责任。完成培训。",
             "2.强化安全生产监管。完成检查。", "3.开展消防演练。落实安全生产要求。"]
    index = SearchIndex(build_document("south.txt", lines))
    result = index.search("南岭街道任务标题带安全生产的有几条")
    assert result.total == 2 and [(h.kind, h.line) for h in result.hits] == [("task", 3), ("task", 4)]
    assert [h.kind for h in index.search("南岭街道标题带安全生产的有几节").hits] == ["section"]


def test_places_joined_in_a_question_scope_it_to_each_ones_plan() -> None:
    """东湖街道和宝安…: a place only an unplaced plan names (宝安区), joined to a known place, adds its plan."""
    unnamed = build_document("x.txt", ["XX街道2023年工作报告", "一、抓民生",
                                       "立足宝安区位优势，新增停车泊位1000个。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓交通", "新增停车泊位500个。"])
    west = build_document("west.txt", ["西山区2023年工作计划", "一、抓交通", "新增停车泊位300个。"])
    index = SearchIndex(merge([unnamed, named, west]))
    for question in ("东湖街道和宝安新增停车泊位多少个", "宝安和东湖街道新增停车泊位多少个", "东湖街道、宝安新增停车泊位多少个"):
        q = index.parse(question)
        index.places.scope(q)
        assert q.docs == {"x.txt", "east.txt"} and "宝安" in q.places, question
        assert {h.doc for h in index.search(question).hits} == {"x.txt", "east.txt"}, question


def test_hits_carry_the_text_the_chat_shows(index: SearchIndex) -> None:
    for hit in index.search("老旧小区改造").hits:
        row = hit.as_contract()
        assert row["text"] and len(str(row["text"])) <= 310
        assert row["kind"] in {"indicator", "task", "section", "term", "passage"}


def test_a_passage_hit_carries_the_sentences_after_it_and_folds_only_into_its_own_task() -> None:
    from knowledge.hit_text import HIT_TEXT_CHARS
    from knowledge.search import fold_passages

    lines = ["东湖街道质量奖管理办法",
             "第八条质量奖每两年评选一次，由市质量发展委员会统一组织，评审坚持公开公平公正原则，"
             "不收取任何费用，接受社会各界和新闻媒体的监督，评审结果向社会公示。"
             "第九条申报单位应当具备以下条件：（一）依法设立满三年；（二）近三年无重大质量事故；（三）管理体系健全。"
             "第十条奖励资金由市财政统筹安排，列入年度预算，专款专用，任何单位不得截留挪用，审计部门依法监督使用情况。"]
    kb = build_document("p.txt", lines)
    ix = SearchIndex(kb)
    first = next(i for i, e in enumerate(ix.entries) if e.kind == "passage" and e.item.text.startswith("第八条"))
    hit = ix.hit(first, 0.5)
    assert "依法设立满三年" not in ix.entries[first].item.text and "依法设立满三年" in hit.text and len(hit.text) <= HIT_TEXT_CHARS
    # A task and another sentence of the same line are two answers; the passage it was read from is one.
    own_text = next(e.item.text for e in ix.entries if e.kind == "passage" and e.item.text.startswith("（一）"))
    task = Hit(kind="task", id="t", doc="p.txt", line=2, title="奖励资金由市财政统筹安排", score=60.0,
               item=Task(id="t", doc="p.txt", line=2, title="奖励资金由市财政统筹安排", text=own_text))
    own = next(ix.hit(i, 0.5) for i, e in enumerate(ix.entries)
               if e.kind == "passage" and e.item.text.startswith("（一）"))
    assert fold_passages([task, hit, own]) == [task, hit]
    # Ranked above its task, the passage gives the task its place (the two are one answer, ranked first).
    assert fold_passages([own, hit, task]) == [task, hit]


def test_a_passage_deep_in_a_headings_body_is_another_answer_than_the_heading() -> None:
    """第六章 异议处理 is shown with its opening article; the later article naming 异议处理 is an answer of
    its own (in an unbroken document every passage is on the heading's line)."""
    from knowledge.models import Passage, Section
    from knowledge.search import fold_passages

    heading = Section(id="S6", doc="p.txt", title="异议处理", level=1, line=1)
    opening = Passage(id="P1", doc="p.txt", section="S6", line=1, text="第四十一条任何单位或个人对评选工作有异议的，可以向秘书组提出。")
    later = Passage(id="P2", doc="p.txt", section="S6", line=1, text="第四十六条秘书组应当将异议处理结果告知异议方。")
    section = Hit(kind="section", id="S6", doc="p.txt", line=1, title="异议处理", score=50.0, item=heading,
                  text="第六章 异议处理：第四十一条任何单位或个人对评选工作有异议的，可以向秘书组提出。")
    hits = [Hit(kind="passage", id=p.id, doc="p.txt", line=1, title=p.text[:10], score=60.0, item=p, text=p.text)
            for p in (later, opening)]
    assert fold_passages([*hits, section]) == [hits[0], section]


def test_pinyin_words_inside_a_chinese_question_are_read_as_characters() -> None:
    from knowledge.latin import LatinResolver
    from knowledge.pinyin_index import pinyin_forms

    names = [(n, *pinyin_forms(n)) for n in ("空气优良天数比例", "规模以上工业总产值")]
    resolver = LatinResolver(names, ["东湖街"], keep=["gdp"])
    assert resolver.resolve("dhj kqylts bl 目标") == "东湖街空气优良天数比例 目标"
    assert resolver.resolve("东湖街guimoyishanggongyezongchanzhi目标") == "东湖街规模以上工业总产值目标"
    assert resolver.resolve("gdp增速") == "gdp增速"  # a word the lexicon knows in letters
    assert resolver.resolve("PM2.5目标") == "PM2.5目标"  # nothing known: the question as typed


def test_a_long_text_is_cut_around_the_questions_words() -> None:
    from knowledge.hit_text import HIT_TEXT_CHARS, excerpt

    text = "推进城市更新，完善配套设施。" * 40 + "推动赵沽里泵站竣工。" + "加快道路建设。" * 10
    out = excerpt(text, "赵沽里泵站")
    assert "赵沽里泵站" in out and out.startswith("…") and len(out) <= HIT_TEXT_CHARS + 2
    assert excerpt(text, "城市更新").startswith("推进城市更新")


def test_the_askers_own_place_is_no_place_to_look_for(index: SearchIndex) -> None:
    assert index.search("咱们街道安全生产有哪些任务").reading == "list"
    plain = index.search("安全生产有哪些任务")
    assert [h.id for h in index.search("我们区安全生产有哪些任务").hits] == [h.id for h in plain.hits]
    assert index.parser_required(index.parse("我们街道PM2.5目标")) == []


def test_a_place_no_title_names_may_be_a_document_whose_place_is_unknown() -> None:
    unnamed = build_document("x.txt", ["XX街道2023年工作报告", "一、抓民生",
                                       "立足宝安区位优势，新增停车泊位1000个。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓交通", "新增停车泊位500个。"])
    index = SearchIndex(merge([unnamed, named]))
    hits = index.search("宝安街道新增停车泊位多少个").hits
    assert hits and hits[0].doc == "x.txt"
    # A plan whose title names another place is not that place's, whatever it mentions; a word of a
    # name (和平社区) does not name the place 和平区.
    assert all(h.doc != "east.txt" for h in hits)
    other = build_document("y.txt", ["XX街道2024年工作计划", "一、抓民生", "在和平社区新增停车泊位300个。"])
    index = SearchIndex(merge([other, named]))
    assert index.search("和平区新增停车泊位多少个").hits == []


def test_pinyin_words_are_read_as_the_characters_the_plans_use() -> None:
    from knowledge.latin import PinyinDecoder

    corpus = "强化安全生产，建设消防体验馆，推进老旧小区改造。"
    pairs = {corpus[k:k + 2] for k in range(len(corpus) - 1)}
    decoder = PinyinDecoder(corpus, lambda pair: 0.0 if pair in pairs else None)
    assert decoder.decode("anquanshengchan") == "安全生产"
    assert decoder.decode("xiaofangtiyanguan") == "消防体验馆"
    assert decoder.decode("laojiuxiaoqu") == "老旧小区"
    assert decoder.decode("duoshao") is None  # 多少 is written nowhere in these plans
    assert decoder.decode("an") is None  # one syllable is too little to read


def test_pinyin_words_no_name_explains_are_read_together_across_the_space() -> None:
    """shiji dadao: each word alone reads as a common word (实际, 达到); read together, the syllables
    choose the name the plans write (世纪大道); a place's letters beside them are still the place."""
    from knowledge.latin import LatinResolver, PinyinDecoder
    from knowledge.pinyin_index import pinyin_forms

    corpus = "实际完成情况良好。各项指标达到预期。加快世纪大道改造。"
    pairs = {corpus[k:k + 2] for k in range(len(corpus) - 1)}
    decoder = PinyinDecoder(corpus, lambda pair: 0.0 if pair in pairs else None)
    assert decoder.decode("shiji") == "实际"
    resolver = LatinResolver([], ["东湖街"], keep=[], decoder=decoder)
    assert resolver.resolve("shiji dadao 改造") == "世纪大道 改造"
    assert resolver.resolve("donghujie shiji dadao gaizao") == "东湖街 世纪大道改造"
    assert pinyin_forms("东湖街")[0] == "donghujie"


def test_pinyin_words_read_together_into_a_run_the_plans_never_write_are_read_each_alone() -> None:
    """wenhuazhan tese: read together, 展 goes with 特 (发展特色) into 文化展特色, written nowhere; each word
    alone is 文化站 (more often written) and 特色; a run the plans write (世纪大道) is still read together."""
    from knowledge.latin import LatinResolver, PinyinDecoder

    corpus = "建好文化站。办好文化站。推进文化展示。发展特色产业。加快世纪大道改造。实际完成。"
    counts = {corpus[k:k + 2]: corpus.count(corpus[k:k + 2]) for k in range(len(corpus) - 1)}
    decoder = PinyinDecoder(corpus, lambda pair: float(counts[pair]) if pair in counts else None)
    resolver = LatinResolver([], [], keep=[], decoder=decoder, written=corpus.__contains__)
    assert resolver.resolve("wenhuazhan tese") == "文化站 特色"
    assert resolver.resolve("shiji dadao") == "世纪大道"


def test_pinyin_words_of_one_syllable_join_no_group() -> None:
    """48 jia shi nage: 家 and 是 typed apart are no 驾驶, though the plans write 驾驶."""
    from knowledge.latin import LatinResolver, PinyinDecoder

    corpus = "安全驾驶培训。生态企业48家。"
    counts = {corpus[k:k + 2]: corpus.count(corpus[k:k + 2]) for k in range(len(corpus) - 1)}
    decoder = PinyinDecoder(corpus, lambda pair: float(counts[pair]) if pair in counts else None)
    resolver = LatinResolver([], [], keep=[], decoder=decoder, written=corpus.__contains__)
    assert "驾驶" not in resolver.resolve("48 jia shi nage")


def test_a_word_of_initials_is_the_run_of_characters_the_plans_write_most_with_them() -> None:
    from knowledge.latin import InitialsReader
    from knowledge.pinyin_index import chars_by_sound

    corpus = "建设物流中心，完善物流中心配套，为了做细服务；加快形成新质生产力。"
    reader = InitialsReader(chars_by_sound(corpus), lambda: corpus)
    assert reader.read("wlzx") == "物流中心"  # twice, ahead of 为了做细 (once)
    assert reader.read("xzscl") is None  # once only: not clearly a word of the plans
    assert reader.read("qqqq") is None
    lines = ["南岭街道2024年工作计划", "一、重点工作", "1.加快形成新质生产力。", "2.以新质生产力推动产业升级。",
             "3.建设物流中心。"]
    index = SearchIndex(build_document("south.txt", lines))
    hits = index.search("xzscl").hits  # a question of one word of initials, read as the plans' word
    assert hits and "新质生产力" in hits[0].text


def test_a_question_in_pinyin_words_is_read_in_characters(index: SearchIndex) -> None:
    plain = index.search("安全生产有哪些任务")
    assert [h.id for h in index.search("anquan shengchan 有哪些任务").hits] == [h.id for h in plain.hits]


def test_chat_in_letters_after_the_words_read_is_left_out(index: SearchIndex) -> None:
    from knowledge.search import _read_head
    assert _read_head("新河街 消夏 晚会 hai ban bu ban") == "新河街 消夏 晚会"
    assert _read_head("新河街 hai ban") == ""  # one word read is too little to go on
    assert _read_head("hai 新河街 消夏") == ""  # unread words before: not a tail of chat
    plain = index.search("安全生产监管")
    assert plain.hits
    assert [h.id for h in index.search("anquan shengchan jianguan hai zuo bu zuo").hits][:1] == [plain.hits[0].id]


def test_a_long_text_is_cut_where_most_of_the_questions_words_are() -> None:
    from knowledge.hit_text import HIT_TEXT_CHARS, excerpt

    text = ("符合有合法稳定就业、合法稳定住所条件之一的，可以申领居住证。" + "其他城市是指常住户口所在地以外的市县。" * 12
            + "合法稳定就业，是指被机关单位录用或依法签订劳动合同。合法稳定就业的认定由人社部门负责。")
    cut = excerpt(text, "合法稳定就业")
    assert "合法稳定就业，是指" in cut and len(cut) <= HIT_TEXT_CHARS + 2


def test_the_heading_an_item_sits_under_explains_the_question() -> None:
    kb = build_document("north.txt", ["北湖街道国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "第一章 发展基础", "经济总量稳步提升，产业结构持续优化。",
                                      "第二节 二〇三五年远景目标", "展望2035年，北湖街道要建成生态宜居的滨湖新城。"])
    index = SearchIndex(kb)
    q = index.parse("北湖街道展望2035年的远景目标")
    may_answer = [index.entries[i].text for _, i in index.score(q).inside]
    assert may_answer and "滨湖新城" in may_answer[0]


def test_a_documents_coverage_of_the_question_is_relative_to_the_best_document(index: SearchIndex) -> None:
    cover = index.coverage.documents("鲁华泓锦产业园")
    east, west = (index._doc_number[f] for f in ("east.txt", "west.txt"))
    assert cover[east] == 1.0 and cover[west] < 0.5


def test_a_question_for_one_tasks_date_is_no_deadline_list(index: SearchIndex) -> None:
    result = index.search("东湖社区卫生服务站要在什么时候之前完成", today=dt.date(2025, 3, 1))
    assert result.reading == "answer" and result.hits and "卫生服务站" in result.hits[0].text


def test_a_place_said_in_passing_is_the_plan_that_names_it() -> None:
    unnamed = build_document("x.txt", ["XX街道2023年工作报告", "一、抓民生",
                                       "立足宝安区位优势，新增停车泊位1000个。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓交通", "新增停车泊位500个。"])
    index = SearchIndex(merge([unnamed, named]))
    for question in ("宝安那个街道新增停车泊位多少个", "宝安那街道新增停车泊位多少个", "宝安那边新增停车泊位多少个",
                     "宝安某街道新增停车泊位多少个"):
        hits = index.search(question).hits
        assert hits and hits[0].doc == "x.txt", question
    # …opening a later clause as well (停车泊位新增多少，宝安那边呢).
    assert index.search("停车泊位新增多少个，宝安那边呢").hits[0].doc == "x.txt"
    # …or said alone at the start of a later clause (车不好停，宝安新增停车泊位多少个).
    q = index.parse("车不好停，宝安新增停车泊位多少个")
    index.places.scope(q)
    assert q.docs == {"x.txt"} and q.places == ["宝安"]
    # "over there" after a word that names no place is no place (学校那边).
    assert index.parse("学校那边停车泊位").docs == set()
    assert index.search("塘沽街新增停车泊位多少个").hits == []  # a place no plan is about


def test_words_before_a_city_suffix_are_no_place_when_they_hold_function_characters() -> None:
    index = SearchIndex(merge([build_document("east.txt", ["东湖街道2023年工作计划", "一、抓市场",
                                                           "新增市场主体800户。"])]))
    assert index.parser_required(index.parse("新增了市场主体多少户")) == []
    assert index.parser_required(index.parse("拿过市质量奖的企业能再报吗")) == []  # (过: a verb's aspect)
    assert index.parser_required(index.parse("和平区新增市场主体多少户")) == ["和平区"]
    # A place said after its city (深圳粤海街道, 北京朝阳区) is that place; a city before a place the plans
    # are about is no other place.
    assert index.parser_required(index.parse("深圳粤海街道新增市场主体多少户")) == ["粤海街道"]
    assert index.parser_required(index.parse("北京朝阳区新增市场主体多少户")) == ["朝阳区"]
    assert index.parser_required(index.parse("天津东湖街道新增市场主体多少户")) == []
    # …nor when they are a verb that opens a task (推动几个市重点项目: 推动 is no city)…
    assert index.parser_required(index.parse("推动几个市重点项目落地")) == []
    # …nor a determiner with the kind of place (各个街道: every one of them).
    assert index.parser_required(index.parse("各个街道关于市场主体都有啥安排")) == []


def test_that_document_of_a_place_is_its_plan() -> None:
    unnamed = build_document("x.txt", ["XX街道2023年工作报告", "一、抓民生",
                                       "立足宝安区位优势，新增停车泊位1000个。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓交通", "新增停车泊位500个。"])
    index = SearchIndex(merge([unnamed, named]))
    assert index.parse("宝安那份停车泊位").docs == set()  # the parser alone knows no such place…
    hits = index.search("宝安那份新增停车泊位多少个").hits  # …the places a plan's text names do
    assert hits and hits[0].doc == "x.txt"


def test_a_same_sound_slip_finds_what_the_plans_write() -> None:
    index = SearchIndex(build_document("x.txt", ["某街道2024年工作计划", "一、文体活动", "1.组织有影响力的门球赛事。",
                                                 "2.开展全民健身活动。"]))
    hits = index.search("今年要搞门求赛吗").hits  # 求 for 球: without the swap, nothing is found
    assert hits and "门球赛事" in hits[0].text


def test_a_list_asked_of_one_column_of_a_table_is_its_rows() -> None:
    from knowledge.readings import read
    r = read("专栏1宜居宜业那一栏包括啥指标")
    assert (r.kind, r.wanted, r.topic) == ("list", "indicator", "专栏1宜居宜业")


def test_a_passage_hit_carries_the_next_paragraph_of_its_section_only() -> None:
    lines = ["东湖街道殡葬管理办法", "一、适用范围",
             "骨灰安放应当在公益性公墓内进行。",
             "特殊困难群众可以申请减免基本殡葬服务费用，由街道民政办审核。",
             "二、附则",
             "本办法由区民政局负责解释。"]
    index = SearchIndex(build_document("b.txt", lines))
    hit = next(h for h in index.search("骨灰安放在哪里").hits if h.kind == "passage")
    assert "减免基本殡葬服务费用" in hit.text  # the next paragraph, same section
    assert "负责解释" not in hit.text  # another section's


def test_a_procedure_word_in_what_the_asker_tells_of_themselves_is_not_asked(index: SearchIndex) -> None:
    # 申请 in the first clause is the asker's own situation; the question asks a figure.
    told = index.search("我们社区最近正在申请开展老旧小区改造，东湖街道计划里今年要完成多少个老旧小区改造呢")
    assert told.hits and "老旧小区改造8个" in told.hits[0].text
    # …but asked in the last clause, the plans' figure does not say which materials to bring.
    assert not index.search("东湖街道今年要完成老旧小区改造8个，我们社区想申请的话需要准备哪些材料呢？").hits


def test_the_articles_of_a_chapter_are_counted_and_listed() -> None:
    lines = ["东湖街道物业管理办法", "第一章　总则", "第一条　为规范本街道物业管理活动，制定本办法。",
             "第二条　本办法适用于本街道辖区内的住宅小区。", "第二章　物业服务",
             "第三条　物业服务企业应当在小区显著位置公开收费标准。", "第四条　业主应当按照合同约定按时交纳物业服务费。",
             "第五条　街道办事处负责对物业服务活动进行监督检查。"]
    index = SearchIndex(build_document("w.txt", lines))
    counted = index.search("物业管理办法第二章有几条")
    assert (counted.reading, counted.total) == ("count", 3)
    assert [h.text[:3] for h in counted.hits] == ["第三条", "第四条", "第五条"]
    assert index.search("第一章有哪几条").total == 2


def test_parallel_headings_ending_with_the_same_words_are_the_parts_asked_for() -> None:
    lines = ["东湖街道2023年重点工作任务", "一、抓项目促发展，在稳增长上奋力争先", "1.推进重点项目建设。",
             "二、抓民生优服务，在惠民生上奋力争先", "2.办好民生实事。", "三、抓治理保平安，在保稳定上奋力争先",
             "3.加强基层治理。"]
    index = SearchIndex(build_document("s.txt", lines))
    result = index.search("那三个奋力争先分别是啥")
    assert [h.line for h in result.hits] == [2, 4, 6]


def test_a_table_cell_asked_as_staff_ask_it(index: SearchIndex) -> None:
    q = index.parse("东湖街道固定资产投资那一栏填的是多少")
    assert q.text == "固定资产投资"  # (那一栏填的是: where the figure is written, not what it is)


def test_the_share_of_a_question_an_answer_must_explain_falls_as_the_question_grows() -> None:
    from knowledge.ranker import LONG_QUESTION
    from knowledge.search import EXPLAINED_FULL_UNTIL, MIN_EXPLAINED, min_explained
    # 太空投资 is not answered by 固定资产投资; chatter around 供热管 in a sentence of eleven is no veto.
    assert min_explained(4) == min_explained(EXPLAINED_FULL_UNTIL) == MIN_EXPLAINED
    assert 0 < min_explained(EXPLAINED_FULL_UNTIL + 1) < MIN_EXPLAINED
    assert min_explained(LONG_QUESTION) == 0.0


def test_a_place_said_alone_at_the_start_is_the_plan_that_names_it() -> None:
    unnamed = build_document("x.txt", ["XX街道2023年工作报告", "一、抓民生",
                                       "立足宝安区位优势，新增停车泊位1000个。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓交通", "新增停车泊位500个。"])
    index = SearchIndex(merge([unnamed, named]))
    q = index.parse("宝安附件里新增停车泊位多少个")
    index.places.scope(q)
    assert (q.docs, q.places) == ({"x.txt"}, ["宝安"]) and not q.text.startswith("宝安")
    hits = index.search("宝安附件里新增停车泊位多少个").hits
    assert hits and all(h.doc == "x.txt" for h in hits)
    # …or with its kind inside the question, after words about something else.
    q = index.parse("听说宝安街道新增停车泊位多少个")
    index.places.scope(q)
    assert q.docs == {"x.txt"} and "宝安" not in q.text
    # A word the plan of a named place writes is no place, though another plan writes it before 区.
    unnamed = build_document("x.txt", ["XX街道2023年工作报告", "一、抓产业", "建设产业区，新增停车泊位1000个。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓产业", "发展产业，新增停车泊位500个。"])
    index = SearchIndex(merge([unnamed, named]))
    q = index.parse("产业新增停车泊位多少个")
    index.places.scope(q)
    assert q.docs == set()


REVIEWED = ["南湖区2024年政府工作报告", "一、2023年工作回顾", "(一)办好民生实事",
            "家庭医生签约服务全面铺开，家庭医生签约服务签约5万人。", "二、2024年工作安排", "(一)增进民生福祉",
            "1.推进分级诊疗，深化家庭医生签约。", "2.开展家庭医生进小区活动。"]


def test_a_list_of_plans_shows_what_is_to_be_done_before_what_a_review_tells() -> None:
    index = SearchIndex(build_document("south.txt", REVIEWED))
    result = index.search("家庭医生签约服务都有哪些安排")
    assert result.reading == "list" and len(result.hits) >= 2
    reviewed = [index.listing.section_of[h.item.section].title for h in result.hits]  # type: ignore[union-attr]
    assert "办好民生实事" not in reviewed[:2]


def test_a_figure_in_a_long_sentence_is_matched_by_the_clauses_around_its_name() -> None:
    from knowledge.fuzzy import OWN_CLAUSES_FROM, own_clauses
    sentence = ("十四五期间，城市更新作为街道工作的重中之重，全力推进棚户区改造，加快推动社区充电桩建设，"
                "完善社区养老服务设施，推动老旧小区改造提质增效，实现新增就业5000人，城镇登记失业率控制在3.5%以内，"
                "不断提升居民生活品质。")
    assert len(sentence) > OWN_CLAUSES_FROM
    own = own_clauses("新增就业", sentence)
    assert "新增就业5000人" in own and "充电桩" not in own
    assert own_clauses("新增就业", "实现新增就业5000人。") == "实现新增就业5000人。"  # a short sentence whole
    assert own_clauses("森林覆盖率", sentence) == sentence  # a name the sentence does not hold


def test_a_list_of_a_place_no_plan_is_about_is_empty_with_a_note(index: SearchIndex) -> None:
    for question in ("和平区安全生产有哪些任务", "和平区安全生产有几项任务"):
        result = index.search(question)
        assert result.hits == [] and "没有关于" in (result.note or ""), question
    # Which (全区各街道) and the document (附件里乡村振兴) are no place.
    assert index.parser_required(index.parse("全区各街道安全生产有哪些任务")) == []
    assert index.parser_required(index.parse("附件里乡村振兴放在哪一部分")) == []
    # Nor is a table pointed into (表里那个街道: in the table, the street's figure).
    assert index.parser_required(index.parse("新河表里那个街道生产总值增速")) == []


def test_the_unknown_place_of_a_list_is_what_items_must_name_not_its_topic() -> None:
    doc = build_document("east.txt", ["东湖街道2024年工作计划", "一、抓合作", "1.深化与和平区教育合作。",
                                      "二、抓安全", "2.落实安全生产主体责任。"])
    result = SearchIndex(doc).search("和平区安全生产有哪些任务")
    # 深化与和平区教育合作 names the place but is no safety task; 落实安全生产 is not 和平区's.
    assert result.hits == [] and "和平区" in (result.note or "")


FIVE_YEAR = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础",
             "十三五时期，规上工业总产值2020年达到23亿元。", "第二章 主要目标",
             "到2025年，规上工业总产值达到50亿元。"]


def test_a_plan_period_named_is_a_constraint_on_the_years_of_the_figures() -> None:
    index = SearchIndex(build_document("east.txt", FIVE_YEAR))
    past = index.search("十三五规上工业总产值多少").hits
    assert past and "23亿元" in past[0].text
    ahead = index.search("十四五规上工业总产值目标").hits
    assert ahead and "50亿元" in ahead[0].text


def test_a_review_paragraph_stating_no_year_is_of_the_years_of_its_figures() -> None:
    text = ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础",
            "十三五时期，规上工业总产值2020年达到23亿元，累计发放各类救助资金500余万元。",
            "第二章 主要目标", "到2025年，规上工业总产值达到50亿元。"]
    hits = SearchIndex(build_document("east.txt", text)).search("东湖十三五期间一共发了多少救助资金").hits
    assert hits and "救助资金500余万元" in hits[0].text


def test_a_part_with_no_parts_of_its_own_is_listed_by_its_tasks(index: SearchIndex) -> None:
    result = index.search("东湖街道抓民生保安全那部分都有哪些")
    assert result.hits and all(h.kind == "task" for h in result.hits)
    assert any("安全生产" in h.title for h in result.hits)


def test_the_tasks_of_a_part_named_by_its_number_are_counted_not_the_part(index: SearchIndex) -> None:
    result = index.search("东湖街道计划第二部分有几项任务")
    assert result.reading == "count" and result.total == 3
    assert all(h.kind == "task" for h in result.hits)


def test_a_chapter_with_more_sections_than_typed_tasks_is_listed_by_its_sections() -> None:
    doc = build_document("five.txt", ["东湖街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展经济",
                                      "第一节 发展产业", "大力发展现代服务业。", "第二节 招商引资",
                                      "加大招商引资力度。", "第三节 科技创新", "1.建设科技园区。",
                                      "第二章 保障措施", "加强组织领导。"])
    result = SearchIndex(doc).search("东湖街道规划第一章有哪些任务")
    assert [h.kind for h in result.hits] == ["section"] * 3


def test_the_end_of_a_year_named_stays_a_time_things_fall_due(index: SearchIndex) -> None:
    today = dt.date(2024, 6, 15)
    q = index.parse("东湖街道今年底要完成的任务", today)
    assert q.year == 2024 and "年底" in q.text
    assert index.search("东湖街道今年底要完成的任务", today=today).reading == "due"
    # …but 截至2024年底 and a figure at the year end are a point in time.
    assert "年底" not in index.parse("截至2024年底固定资产投资多少", today).text
    assert "年底" not in index.parse("去年底的固定资产投资多少", today).text


def test_a_one_character_aspect_word_inside_a_word_is_part_of_it() -> None:
    # 年 (as in 2024年) and 数 (as in 人数) say which figure is asked for; inside 老年食堂, 数字经济
    # they are part of the word, and an item that writes the word explains the whole question.
    lines = ["北塘街道2024年工作计划", "一、民生保障",
             "推进日间照料和老年食堂建设工作，全街老人家食堂正常开业。",
             "二、产业发展", "培育数字经济企业，打造数字经济产业园。"]
    index = SearchIndex(build_document("north.txt", lines))
    for question, word in (("老年食堂", "老年食堂"), ("数字经济", "数字经济")):
        hits = index.search(question).hits
        assert hits and word in hits[0].text


def test_how_many_points_open_with_a_word_counts_the_parallel_paragraphs_or_headings() -> None:
    lines = ["北塘街道“十四五”规划", "一、基本原则",
             "坚持党的全面领导。坚持把党的领导贯穿全过程。", "坚持以人民为中心。办好民生实事。",
             "坚持系统观念。统筹发展和安全。", "二、重点任务", "(一)聚焦产业升级", "推进园区建设。",
             "(二)聚焦城市更新", "改造老旧小区。", "(三)聚焦民生保障", "完善养老服务。", "(四)加强组织领导",
             "压实责任。"]
    index = SearchIndex(build_document("north.txt", lines))
    points = index.search("北塘街道规划的基本原则列了几个坚持")
    assert points.reading == "count" and points.total == 3
    assert all(h.text.startswith("坚持") for h in points.hits)  # (the second 坚持 of a paragraph is no point)
    parts = index.search("北塘街道规划里用了多少个聚焦开头的条目")
    assert parts.reading == "count" and [h.kind for h in parts.hits] == ["section"] * 3
    # A count read from its measure word (多少条) with the rest of each point said by a placeholder.
    points = index.search("北塘街道规划的基本原则列了多少条坚持xx的原则")
    assert points.reading == "count" and points.total == 3


def test_points_ending_with_the_word_counted_are_a_series_too() -> None:
    lines = ["北塘街道政府工作报告", "一、加强政府自身建设", "旗帜鲜明讲政治，做对党忠诚的表率。把政治建设摆在首位。",
             "尊崇法治树公信，做依法行政的表率。坚持依法行政。", "秉公用权守底线，做清正廉洁的表率。压实责任。",
             "二、重点工作", "推进园区建设，做好招商引资。"]
    index = SearchIndex(build_document("north.txt", lines))
    points = index.search("北塘街道政府自身建设部分提了几个表率")
    assert points.reading == "count" and points.total == 3
    assert points.topic == "以“表率”结尾的段落"
    # 几个方面的表率: the points are still counted by their word, not read as the document's parts.
    points = index.search("北塘街道政府自身建设那段说要做几个方面的表率")
    assert points.reading == "count" and points.total == 3
    assert index.search("北塘街道政府工作报告分几个方面").reading != "count"


def test_the_words_of_a_title_asked_about_in_another_document_do_not_confine_it() -> None:
    # The first document's title is named by words the question asks about in the second: read
    # without that title's scope, the second answers.
    notice = ["关于印发《北湖市城乡居民基本医疗保险实施办法》的通知",
              "各县（市、区）人民政府：《北湖市城乡居民基本医疗保险实施办法》已经市政府同意，现印发给你们。"]
    children = ["北湖市关于加强困境儿童保障工作的实施意见", "一、加强医疗康复保障",
                "对特困供养儿童参加城乡居民基本医疗保险给予全额资助。"]
    index = SearchIndex(merge([build_document("notice.txt", notice), build_document("kids.txt", children)]))
    q = index.parse("特困供养儿童参加城乡居民基本医疗保险怎么资助")
    if q.docs != {"notice.txt"}:
        pytest.skip("the title was not read as named here")
    hits = index.search("特困供养儿童参加城乡居民基本医疗保险怎么资助").hits
    assert hits and hits[0].doc == "kids.txt" and "全额资助" in hits[0].text


def test_a_parts_paragraphs_are_shown_from_their_opening_words() -> None:
    """基本要求下面分了几个方面 (the bundled 新河街道 plan): each point is shown from its start, not cut
    around a word of the topic (兜牢基本民生底线)."""
    from knowledge.builder import build_bundled

    result = SearchIndex(build_bundled()).search("新河街十四五基本要求下面分了几个方面")
    assert len(result.hits) == 4 and all(h.text.startswith("坚持") for h in result.hits)
    # (no word is marked to show: the chat would cut the point around it)
    assert all(not h.marks for h in result.hits)


def test_a_rare_word_alone_does_not_answer_what_another_place_s_plan_states(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """河北区's report speaks of 认证 only in passing (检测认证) and never of 化工; 大港街's plan states
    the 化工园区 D级认证 target: 河北区's plans do not say it, and 大港街's item is another place's."""
    result = SearchIndex(bundled_kb).search("河北区化工园区的D级认证哪年能拿到")
    assert result.hits == []
    assert result.note.startswith("河北区")
    assert result.others and all("化工园区" in h.title + (h.text or "") for h in result.others[:1])


def _vision_plan(heading: str, text: str) -> SearchIndex:
    """A five-year plan with a vision part (its heading and its text as given) among other parts."""
    lines = ["东湖街道国民经济和社会发展第十四个五年规划", "一、发展基础和发展环境", "(一)发展基础",
             "十三五期间地区生产总值年均增长6%。", f"(二){heading}", text,
             "二、主要任务", "(一)推进城市更新", "完成老旧小区改造5个。", "(二)发展现代服务业", "新增市场主体800户。"]
    return SearchIndex(build_document("east.txt", lines))


def test_a_heading_that_writes_the_year_asked_is_matched_with_it() -> None:
    index = _vision_plan("2035年远景目标", "展望2035年，东湖街道要在全区街镇发展中走在前列，全面建成生态宜居的滨海街区。")
    for question in ("2035年东湖街道远景目标", "2035年东湖街道要建成个啥样"):
        hits = index.search(question).hits
        assert hits and "2035" in hits[0].title + hits[0].text, question


def test_a_year_written_in_chinese_digits_is_matched_as_one_in_digits() -> None:
    index = _vision_plan("二〇三五年远景目标", "到二〇三五年，东湖街道要全面建成生态宜居的滨海街区。")
    hits = index.search("东湖街道2035年远景是要建成什么").hits
    assert hits and "二〇三五" in hits[0].title + hits[0].text  # (shown as the plan writes it)
    # (the names and texts matched hold the year in digits, as the question is read)
    assert "2035年远景目标" in index.fuzzy.names and any("到2035年" in t for t in index.fuzzy.texts)


def test_a_top_heading_asked_for_is_a_part_of_the_document_not_a_heading_under_one() -> None:
    lines = ["东湖街道2024年工作计划", "一、厚植文化底蕴", "(一)文化惠民", "举办文化节。",
             "(二)完善公共文化设施", "新建书屋3个。", "二、抓安全保稳定", "(一)强化安全生产", "开展隐患排查。"]
    index = SearchIndex(build_document("east.txt", lines))
    result = index.search("东湖街道工作计划文化这块那个一级标题原话是什么")
    assert result.hits and result.hits[0].kind == "section" and "厚植文化底蕴" in result.hits[0].title


def test_a_word_ending_like_a_place_in_a_plan_s_text_is_no_place() -> None:
    """新建社康站: 新建社区 in a plan's text makes no place 新建社 (社区 names none)."""
    unnamed = build_document("x.txt", ["XX街道2023年重点工作", "一、抓民生",
                                       "1.新建社区卫生服务站两个，建设大族社康站。"])
    named = build_document("east.txt", ["东湖街道2023年工作计划", "一、抓医疗", "新建社康站一个。"])
    index = SearchIndex(merge([unnamed, named]))
    q = index.parse("新建社康站有哪几家")
    index.places.scope(q)
    assert q.places == [] and q.docs == set()


def test_a_place_after_a_preposition_and_a_place_said_alone_are_places(index: SearchIndex) -> None:
    """跟多哇镇… : the place is 多哇镇, which a plan writes; 南岭区 alone is a place no plan covers."""
    plan = build_document("plan.txt", ["东湖街道“十四五”规划", "一、对口帮扶",
                                       "1.与多哇镇东维村结对帮扶，开展劳务协作。"])
    other = build_document("other.txt", ["西山区2024年政府工作报告", "一、民生", "办好民生实事。"])
    both = SearchIndex(merge([plan, other]))
    result = both.search("东湖街道跟多哇镇东维村是帮扶关系，劳务这块打算怎么帮")
    assert result.hits and "多哇镇" in result.hits[0].text and not result.note
    assert index.search("南岭区").note and not index.search("南岭区").hits


def test_the_count_of_a_part_without_articles_counts_its_numbered_tasks() -> None:
    """附件第二部分有几条: a part of numbered tasks (3.…, 4.…) and no 第X条 articles counts its tasks."""
    annex = build_document("annex.txt", ["东湖街道2023年重点工作任务", "一、抓发展", "1.推进重点项目建设。", "2.优化营商环境。",
                                         "二、抓民生", "3.加强优质教育资源建设。", "4.促进医疗资源扩容。",
                                         "5.推动住房保障提质增效。"])
    result = SearchIndex(annex).search("东湖街道第二部分有几条")
    assert result.reading == "count" and result.total == 3


def test_a_year_the_place_s_plan_gives_no_figure_for_says_so_then_its_other_years_first() -> None:
    """东湖街道PM2.5 2023年: the plan gives 2024's; that comes before another place's figure."""
    east = build_document("east.txt", ["东湖街道2024年工作计划", "一、生态环境",
                                       "力争2024年PM2.5年均浓度不高于37微克/立方米。"])
    west = build_document("west.txt", ["西山区2023年政府工作报告", "一、主要目标",
                                       "2023年PM2.5平均浓度控制在30微克/立方米。"])
    result = SearchIndex(merge([east, west])).search("东湖街道PM2.5 2023年是多少")
    assert result.year == 2023 and not result.hits and "2023" in result.note
    assert result.others and result.others[0].doc == "east.txt"
    assert "“PM2.5”" in result.note  # (the words as typed, not their normalised form pm25)


def test_words_naming_a_document_that_are_nearly_all_the_question_stay_what_is_asked() -> None:
    """农村的公益性公墓怎么建，有没有标准可依: the words scope the document that writes them, and they
    are also what is asked (the rest, 可依, asks nothing)."""
    funeral = build_document("a.txt", ["关于促进殡葬事业健康发展的实施方案", "一、主要任务",
                                       "（一）加强农村公益性公墓建设。根据城乡公益性公墓建设标准和节地生态安葬规范，"
                                       "每个乡镇至少建成一个农村公益性公墓。",
                                       "（二）农村公益性公墓由村民委员会负责管理。",
                                       "（三）推行节地生态安葬。"])
    other = build_document("b.txt", ["关于加快发展养老服务业的实施意见", "一、主要任务",
                                     "（一）加强城市社区养老服务设施建设。", "（二）完善养老服务功能。"])
    index = SearchIndex(merge([funeral, other]))
    q = index.parse("农村的公益性公墓怎么建，有没有标准可依？")
    index.scope_by_phrase(q)
    assert q.titled and q.docs == {"a.txt"} and "公墓" in q.text
    hits = index.search("农村的公益性公墓怎么建，有没有标准可依？").hits
    assert hits and "建设标准" in hits[0].text


def test_a_plan_named_by_words_a_document_of_another_kind_writes_is_a_thing_it_writes_of() -> None:
    """港人生活村规划编好的时间点: the task list writes 港人生活村项目规划编制, but it is titled as a task
    list, not a 规划: the words are what is asked, not a document named."""
    tasks = build_document("a.txt", ["2023年重点工作任务", "一、产业发展",
                                     "1.持续推进港人生活村项目。完成港人生活村项目规划编制，完善区域内文化中心功能。2023年12月底前完成。",
                                     "2.推进滨海公园建设。2023年6月底前完成。"])
    other = build_document("b.txt", ["东湖街道2024年工作计划", "一、重点工作", "1.推进东湖社区卫生服务站建设。"])
    index = SearchIndex(merge([tasks, other]))
    q = index.parse("港人生活村规划编好的时间点，是哪年交")
    index.scope_by_phrase(q)
    assert not q.titled and "港人生活村" in q.text
    hits = index.search("港人生活村规划编好的时间点，是哪年交").hits
    assert hits and hits[0].doc == "a.txt" and hits[0].line == 3


@pytest.mark.parametrize(("question", "place"), [("合肥蜀山区安全生产有哪些任务", "蜀山区"),
                                               ("青岛市南区安全生产有哪些任务", "市南区")])
def test_a_place_after_a_city_the_tagger_does_not_know_as_one_is_read(index: SearchIndex, question: str,
                                                                     place: str) -> None:
    """合肥蜀山区, 青岛市南区: the city's word (合肥, 青岛) comes first; the place named by its kind after it is
    one no plan is about, and nothing else answers."""
    assert index.places.required(index.parse(question)) == [place]
    assert not index.search(question).hits


def test_a_word_running_on_past_a_kind_of_place_names_no_place(index: SearchIndex) -> None:
    """农贸市场, 助力乡村振兴: 市 and 乡 begin a word (市场, 乡村); nothing is read as a place."""
    for question in ("农贸市场改造有哪些任务", "助力乡村振兴有哪些任务", "推进乡村振兴有哪些任务"):
        q = index.parse(question)
        assert index.places.required(q) == [], question
        assert "没有关于" not in index.search(question).note, question
    assert index.places.required(index.parse("南湖街道安全生产有哪些任务")) == ["南湖街道"]


def test_a_part_written_as_paragraphs_counts_its_points() -> None:
    kb = build_document("p.txt", ["北塘街道“十四五”规划", "一、发展定位",
                                  "充分把握北塘与园区高度融合的特点，合理配置区域功能结构，明确以下发展定位：",
                                  "建设宜居街区。以建设宜居城区为目标，提升环境。再做一些别的事情，写得长一点。",
                                  "打造产业社区。构建协商机制，转变发展模式。提高服务效率和质量。",
                                  "打造物流中心。依托物流园资源，推动融合发展。形成规模化物流中心。"])
    result = SearchIndex(kb).search("北塘街道发展定位一共列了几条")
    assert result.reading == "count" and result.total == 3


def test_things_named_side_by_side_are_each_listed() -> None:
    """充电桩、充电设施; 入库、整备: a list of things named side by side holds the items of each."""
    kb = build_document("s.txt", ["南港街道2024年工作计划", "一、城市建设",
                                  "1.加快社区充电桩建设。完成12个社区布点。",
                                  "2.实现小区充电设施全覆盖。",
                                  "3.推进土地入库工作。年底前完成。",
                                  "4.完成土地整备更新。年底前完成。",
                                  "5.开展老年助餐服务。"])
    index = SearchIndex(kb)
    listed = index.search("南港街道充电桩、充电设施的安排都有哪些")
    assert {h.line for h in listed.hits} >= {3, 4} and 7 not in {h.line for h in listed.hits}
    assert listed.reading == "list"
    due = index.search("南港街道土地入库、整备这些，年底前要完成的有哪几项", today=dt.date(2024, 11, 20))
    assert {h.line for h in due.hits} == {5, 6}


def test_the_part_below_a_numbered_part_that_speaks_of_a_topic() -> None:
    """第二章讲园区的那节叫啥: the section of chapter two whose text speaks of 园区, not the chapter."""
    kb = build_document("f.txt", ["北塘街道“十四五”规划纲要", "第一章 发展基础", "回顾过去五年的发展。",
                                  "第二章 加快经济发展", "第一节 发展现代服务业", "推动商贸服务业发展。",
                                  "第二节 提升发展能级", "石化产业园区形成了以精细化工为主的产业体系。",
                                  "第三章 保障措施", "加强组织领导。"])
    index = SearchIndex(kb)
    hits = index.search("北塘街道规划第二章讲石化园区的那节叫啥").hits
    assert [h.title for h in hits][:1] and "提升发展能级" in hits[0].title
    # (the chapter named, when its own heading speaks of the topic)
    assert "加快经济发展" in index.search("北塘街道规划第二章讲经济发展的那章叫什么").hits[0].title


def test_the_number_of_things_named_before_the_asking_is_the_text_stating_it() -> None:
    """紧盯的规上企业是多少家 / 社区有几个: the sentence stating a number of them (紧盯738家规上企业)."""
    kb = build_document("n.txt", ["南港街道2023年重点工作任务", "一、抓产业促增长",
                                  "1.培育优质企业。力争新增规上企业5家，支持企业技术改造。",
                                  "2.守住工业基本盘。紧盯738家规上企业，强化龙头带动，稳定供应链。",
                                  "3.完善社区服务。辖区13个社区全部建成党群服务中心。"])
    index = SearchIndex(kb)
    first = index.search("南港街道紧盯的规上企业是多少家").hits[0]
    # (the item whose card shows 738: not an indicator whose own figure is another)
    assert first.line == 4 and (first.kind != "indicator" or "738" in first.title + str(first.item.target))
    assert index.search("南港街道社区有几个").hits[0].line == 5


def test_what_a_policy_is_used_for_is_asked_of_the_policy_alone(index: SearchIndex) -> None:
    """新三规政策拿来干啥: 拿来干啥 asks what it is for; the name is what is matched."""
    assert index.parse("新三规政策拿来干啥").text == "新三规政策"


CHAPTERS = ["北塘街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础", "十三五期间经济稳步增长。",
            "第二章 全面提升人居环境水平", "第一节 提高污染防治水平", "深入打好蓝天保卫战，开展扬尘治理。",
            "第二节 提升市容环境", "开展市容市貌整治，推进垃圾分类。",
            "第三章 推进产业发展", "第一节 做强招商引资", "开展以商招商。"]


def test_the_chapter_asked_for_is_the_one_holding_the_heading_that_names_the_topic() -> None:
    """哪一章讲污染防治: the chapter (第二章), then the 节 naming it; 第几章第几节 asks for the 节 itself."""
    index = SearchIndex(build_document("north.txt", CHAPTERS))
    hits = index.search("北塘街道规划哪一章专门讲污染防治").hits
    assert [h.title for h in hits[:2]] == ["全面提升人居环境水平", "提高污染防治水平"]
    assert index.search("北塘街道规划讲污染防治的是哪个大部分").hits[0].title == "全面提升人居环境水平"
    assert index.search("北塘街道招商引资是第几章第几节").hits[0].title == "做强招商引资"


HAPPY = ["东湖街道国民经济和社会发展第十四个五年规划", "一、增进民生福祉,全力打造幸福东湖", "践行以人民为中心的发展理念。",
         "(一)始终坚持就业优先", "千方百计稳定和扩大就业，新增就业不低于1万人。", "(二)强化社会保障职能",
         "健全多层次社会保障体系。", "(三)加强幼儿教育与管理", "规范幼儿教育机构管理。",
         "二、推进生态文明建设,全力打造生态东湖", "(一)完善环境保护责任体系", "压实企业环保主体责任。"]


def test_a_part_named_with_its_place_is_the_part_counted() -> None:
    """幸福东湖下面有几条: 东湖 is the place and part of the heading's name (全力打造幸福东湖), so the part
    counted is that one (its items, none of 生态东湖's)."""
    index = SearchIndex(merge([build_document("happy.txt", HAPPY), build_document("west.txt", WEST)]))
    q = index.parse("幸福东湖下面有几条")
    assert q.places == ["东湖"] and index.asked(q) == "幸福东湖下面有几条"
    assert index.asked(index.parse("东湖卫生服务站有几个")) == "卫生服务站有几个"
    result = index.search("幸福东湖下面有几条")
    assert result.reading == "count" and result.topic == "幸福东湖" and result.total
    assert not any("环保" in h.text for h in result.hits)


def test_a_question_about_what_is_to_come_is_not_answered_by_a_reported_figure() -> None:
    """燃气户内设施还没改，后面还弄吗: the review's figure (完成改造1万户, an actual) is what was done; the
    year ahead's task is what is asked."""
    lines = ["南港区2024年政府工作报告", "一、2023年工作回顾", "完成燃气户内设施改造1万户。",
             "二、2024年工作安排", "1.对燃气户内设施改造剩余户持续攻坚。"]
    index = SearchIndex(build_document("south.txt", lines))
    hits = index.search("我家燃气户内设施还没改，南港区后面还弄吗").hits
    assert hits and "剩余户" in hits[0].text
    assert all(not index.candidates[next(i for i, e in enumerate(index.entries) if e.item is h.item)].actual
               for h in hits)


def test_a_question_about_what_is_to_come_is_not_answered_from_a_review_part() -> None:
    """双万双服活动后面打算怎么推进: the review's paragraph (持续开展…均实现100%) tells what was done; the
    year ahead's task is what is asked. Asked without a word of what is to come, the review still answers."""
    lines = ["南港区2024年政府工作报告", "一、2023年工作回顾", "持续开展双万双服促发展活动，问题答复率、解决率均实现100%。",
             "二、2024年工作安排", "1.优化营商环境。深入开展双万双服促发展活动，实现惠企政策精准滴灌。",
             "2.推进绿色发展。抓好大气污染防治。"]
    index = SearchIndex(build_document("south.txt", lines))
    for question in ("南港区双万双服活动后面打算怎么推进", "南港区双万双服活动接下来怎么推进"):
        hits = index.search(question).hits
        assert hits and all("惠企政策" in h.text for h in hits), question
    assert "100%" in index.search("南港区双万双服活动问题答复率多少").hits[0].text


def test_a_part_named_and_pointed_at_answers_with_its_opening_when_nothing_in_it_does() -> None:
    """主要目标那段，对2025年总体定位是怎么表述的: no item of the part holds 定位; the part's first paragraph,
    what it says as a whole, is the answer (not a figure of its table, not "not found")."""
    lines = ["东湖街道国民经济和社会发展第十四个五年规划", "第一章 总体要求", "第一节 指导思想", "坚持以人民为中心的发展思想。",
             "第二节 主要目标", "到2025年，综合实力显著增强，基本建成生态宜居的滨海南部副城区。",
             "市场主体数量达到5000家，新增就业1万人。", "第二章 重点任务", "1.推进老旧小区改造。", "2.加强社区卫生服务。"]
    index = SearchIndex(build_document("east.txt", lines))
    hits = index.search("东湖街道主要目标那段，对2025年总体定位是怎么表述的").hits
    assert hits and hits[0].text.startswith("到2025年，综合实力显著增强")


def test_a_reports_year_ahead_said_as_its_work_deployment_is_that_part() -> None:
    """24年的工作部署分成几大项: 工作部署 is what staff call the part headed 工作安排; its parts are listed."""
    lines = ["南港区2024年政府工作报告", "一、2023年工作回顾", "生态环境持续改善。", "二、2024年工作安排",
             "(一)聚焦科技创新,在发展新质生产力上实现新突破", "1.加快建设科技园。",
             "(二)聚焦城市更新,在提升城市品质上实现新突破", "2.实施老旧小区改造15个。", "三、加强政府自身建设", "坚持依法行政。"]
    index = SearchIndex(build_document("south.txt", lines))
    assert [h.title[:6] for h in index.search("南港区24年的工作部署分成几大项").hits] == ["聚焦科技创新", "聚焦城市更新"]


def test_a_quoted_term_whose_meaning_is_asked_is_what_the_question_is_about() -> None:
    """规划里“一改”具体指的是改什么: 改什么 is the asking; the passage defining “一改” answers."""
    lines = ["东湖街道国民经济和社会发展第十四个五年规划", "一、统筹推进老城区发展",
             "总体思路为通过“一改”、“一更新”等途径巩固提升老城区。",
             "一改：在老城区推动棚户区改造，对周边多个小区进行微调整。",
             "一更新：在河底区域通过城市更新打造居住配套区。", "二、加强社会治理", "推进网格化管理。"]
    index = SearchIndex(merge([build_document("east.txt", lines), build_document("west.txt", WEST)]))
    hits = index.search("东湖街道规划里“一改”具体指的是改什么").hits
    assert hits and "一改：在老城区推动棚户区改造" in hits[0].text


def test_a_part_asked_by_name_and_named_by_no_heading_is_the_part_holding_the_topic(index: SearchIndex) -> None:
    """讲卫生服务站的那部分叫啥标题: no heading says 卫生服务站; the part holding what does is the answer."""
    hits = index.search("东湖街道讲卫生服务站的那部分叫啥标题").hits
    assert hits and hits[0].kind == "section" and "抓项目促发展" in hits[0].title


def test_work_to_hand_in_by_the_end_of_the_year_is_the_due_list(index: SearchIndex) -> None:
    """离年底就一个月了，…还有哪些要交: the year's open tasks, the time left told, not matched."""
    result = index.search("离年底就一个月了，东湖街道还有哪些任务要交", today=dt.date(2024, 12, 1))
    assert result.reading in ("due", "overdue") and result.hits


def test_headings_whose_last_clause_opens_with_the_word_are_its_series() -> None:
    """增进民生福祉,全力打造幸福新河 …: parallel headings say the shared word after a comma."""
    lines = ["东湖街道十四五规划", "一、聚焦高质量发展,全力打造创新东湖", "推进产业升级。",
             "二、增进民生福祉,全力打造幸福东湖", "办好民生实事。", "三、统筹安全和发展,全力打造平安东湖",
             "加强安全生产。", "四、保障措施", "加强组织领导。"]
    index = SearchIndex(build_document("east.txt", lines))
    result = index.search("东湖街道规划里全力打造啥啥东湖的一共几个")
    assert result.total == 3 and all("全力打造" in h.title for h in result.hits)


def test_the_words_of_asking_after_a_parts_name_leave_the_part() -> None:
    """文化新河分几个方面来写的: 分…来写的 is the asking; the parts of the chapter 全力打造文化新河 answer."""
    lines = ["新河街道“十四五”规划", "一、加强基层党建,全力打造红色新河", "(一)夯实党建基础", "加强党建。",
             "二、加强精神文明建设,全力打造文化新河", "(一)注入滨城精神", "讲好新河故事。", "(二)营造文化环境",
             "加强教育。", "(三)提升公共文化服务水平", "完善文化服务。"]
    index = SearchIndex(build_document("plan.txt", lines))
    result = index.search("文化新河分几个方面来写的")
    assert [h.title for h in result.hits] == ["注入滨城精神", "营造文化环境", "提升公共文化服务水平"]
    assert result.total == 3


def test_a_list_of_a_term_few_paragraphs_write_lists_each_of_them() -> None:
    """哪些计划提到了非遗: each paragraph that writes 非遗, though it is one phrase of a long task."""
    east = ["东湖街道2024年工作计划", "一、文化", "1.传承发展城市文化。深入实施文化惠民工程，开展新春联欢会、灯展等活动，"
            "推动“非遗”传统文化与现代元素深度融合，丰富群众精神文化生活。", "2.推进老旧小区改造。完成3个小区改造。"]
    west = ["西岭街道2024年工作计划", "一、文化", "1.繁荣发展文体事业。打造公共文化新空间，组织开展群众文化活动，"
            "举办线上演出，建立非遗文化传承基地。", "2.加强社区治理。完善网格化管理。"]
    index = SearchIndex(merge([build_document("east.txt", east), build_document("west.txt", west)]))
    result = index.search("哪些计划提到了非遗，都要干啥")
    assert result.reading == "list"
    assert {(h.doc, h.line) for h in result.hits} >= {("east.txt", 3), ("west.txt", 3)}
    assert not any("老旧小区" in h.text or "网格化" in h.text for h in result.hits)
    found = index.search("非遗相关的工作帮我都找出来")
    assert found.reading == "list" and {h.doc for h in found.hits} == {"east.txt", "west.txt"}


def test_good_air_days_and_a_total_said_plainly_are_the_plans_indicators(bundled_kb: KnowledgeBase) -> None:
    """好天气占比 → 优良天数, 卖货的总盘子 → 商品销售总额 (everyday_words)."""
    index = SearchIndex(bundled_kb)
    hits = index.search("大港街道一年里好天气占比打算达到多少").hits
    assert hits and "优良天数" in hits[0].title
    hits = index.search("大港街道卖货的总盘子，规划想做到多大").hits
    assert hits and hits[0].title == "商品销售总额"


def test_one_pinyin_word_read_into_a_run_the_plans_write_is_asked_in_characters() -> None:
    """bodaliusuan: 渤大硫酸, a company named inside a paragraph (no item is named so, for the pinyin
    index), is what the letters read as; the question is asked in those characters."""
    doc = ["东湖街道2024年工作计划", "一、抓发展", "1.做强化工园区。园区已集聚了渤化精细化工基地、渤大硫酸、长兴化学等企业。",
           "2.推进老旧小区改造。", "3.完成道路维修工程。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    assert [h.line for h in index.search("bodaliusuan").hits][:1] == [3]


def test_a_word_read_as_a_place_that_is_all_a_structure_question_asks_about(bundled_kb: KnowledgeBase) -> None:
    """河北区科教兴区那部分在第几条: 科教兴区 ends like a district, but the plans write it (科教兴区战略) and it
    is all that is asked about: the part holding it, not "nothing on 科教兴区"."""
    result = SearchIndex(bundled_kb).search("河北区科教兴区那部分在第几条")
    assert result.hits and "科教兴区" in result.hits[0].title and not result.note
    assert SearchIndex(bundled_kb).search("和平区安全生产有哪些任务").note  # a place no plan is about


def test_a_chapter_named_and_numbered_is_itself_not_a_part_under_it(bundled_kb: KnowledgeBase) -> None:
    """共同缔造的第3章: the chapter named (第3章 坚持党建引领共同缔造) bears the number, and a 章 is no part
    under a 章; 共同缔造那章第3节 is its third section."""
    index = SearchIndex(bundled_kb)
    hits = index.search("大港街道那个共同缔造的第3章写了啥").hits
    assert hits and hits[0].title == "坚持党建引领共同缔造"
    hits = index.search("大港街道共同缔造那章第3节写了啥").hits
    assert hits and hits[0].title == "推进全面从严治党"


def test_an_overdue_list_on_a_field_named_with_its_plan_is_on_the_field(bundled_kb: KnowledgeBase) -> None:
    """新河网格方面逾期的规划任务: 方面 and the plan (规划) are no words of the topic; each paragraph falling
    due is listed once, however many of its sentences write 网格."""
    result = SearchIndex(bundled_kb).search("新河网格方面逾期的规划任务", today=dt.date(2026, 3, 2))
    assert result.reading == "overdue" and len(result.hits) >= 3
    assert all("网格" in h.text for h in result.hits)
    lines = [(h.doc, h.line) for h in result.hits if h.kind == "passage"]
    assert len(lines) == len(set(lines))


def test_the_last_of_a_row_of_parts_sharing_a_word(bundled_kb: KnowledgeBase) -> None:
    """河北区2024重点任务最末那个聚焦: the last of the nine 聚焦 parts, not the report's last part."""
    hits = SearchIndex(bundled_kb).search("河北区2024重点任务最末那个聚焦讲什么").hits
    assert hits and hits[0].title.startswith("聚焦统筹发展和安全")


def test_a_year_named_chooses_among_headings_naming_years() -> None:
    """新河的2025目标在规划第几块: of the headings holding 目标, the one naming 2025, not 2035年远景目标."""
    lines = ["北塘街道国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "第一章 2035年远景目标", "到2035年，建成现代化街道。",
             "第二章 2025年发展目标", "到2025年，地区生产总值达到100亿元。", "第三章 保障措施", "加强组织领导。"]
    index = SearchIndex(build_document("north.txt", lines))
    for year, other in (("2025", "2035"), ("2035", "2025")):
        titles = [h.title for h in index.search(f"北塘街道{year}目标在规划第几块").hits if h.kind == "section"]
        assert titles and titles[0].startswith(year) and not any(t.startswith(other) for t in titles)


def test_what_is_to_be_completed_by_year_end_lists_the_work_stating_a_completion_first() -> None:
    """年底前要完成的有哪些, 到期的, in an annual plan whose tasks all fall due at its end: those that state
    a completion (完成…入库) before those pushing work on (推进…施工)."""
    lines = ["西岭街道2023年重点工作任务", "一、抓项目拓空间", "1.推动城市更新。推进工业园城市更新单元加快施工。",
             "2.推进工业上楼试点项目。完成嘉华地块土地入库工作。", "3.推动土地整备。完成民富路土地整备。"]
    index = SearchIndex(build_document("ridge.txt", lines))
    asked = index.search("西岭抓项目拓空间里年底前要完成的有哪些", today=dt.date(2023, 10, 25))
    assert asked.reading == "due" and [h.line for h in asked.hits] == [4, 5, 3]
    # Asked only what falls due (到期, 到点), what is to be delivered by the day falls due on it first too.
    for asked in ("西岭抓项目拓空间里年底前到期的有哪些", "西岭“抓项目拓空间”里这个月就到点的几件"):
        found = index.search(asked, today=dt.date(2023, 12, 5))
        assert found.reading == "due" and [h.line for h in found.hits] == [4, 5, 3], asked


def test_an_area_the_named_places_own_plan_writes_is_part_of_it_not_a_place_no_plan_is_about() -> None:
    """河北区今年意风区要干哪些事: 意风区 after the plan's place, written in that plan, is what is asked about;
    查意风区 (a verb said before it) is the same area."""
    lines = ["南岭街道2024年工作计划", "一、重点工作", "1.打造意风区文旅街区。推进意风区业态升级。",
             "2.推进老旧小区改造。"]
    index = SearchIndex(build_document("south.txt", lines))
    listed = index.search("南岭街道今年意风区要干哪些事", today=dt.date(2024, 5, 1))
    assert not listed.note and [h.line for h in listed.hits][:1] == [3]
    assert index.places.required(index.parse("查意风区业态升级")) == ["意风区"]


def test_a_place_no_plan_is_about_is_not_repaired_into_a_word_of_the_plans() -> None:
    """济南历下区: 历下 sounds as 励辖, which the plans write only inside 鼓励|辖区 (辖区 a word of its own):
    no place, so the question stays about 历下区, which no plan is about."""
    lines = ["南岭街道2024年工作计划", "一、重点工作", "1.鼓励辖区企业参与国际贸易。", "2.完善养老服务体系。"]
    index = SearchIndex(build_document("south.txt", lines))
    result = index.search("济南历下区养老怎么安排")
    assert result.hits == [] and "历下区" in result.note


def test_a_part_numbered_to_its_section_answers_what_its_words_do_not_say() -> None:
    """头一章的第二节讲国际国内形势吗: no line of that part writes the question's words; the part itself
    (its heading says what it is about) is the answer, not a refusal."""
    lines = ["北塘街道国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "第一章 发展基础和发展环境",
             "第一节 发展基础", "经济实力稳步提升。", "第二节 发展环境", "当今世界正经历百年未有之大变局。",
             "第二章 主要目标", "到2025年，地区生产总值达到100亿元。"]
    index = SearchIndex(build_document("north.txt", lines))
    hits = index.search("北塘街道十四五规划第一章第二节讲国际国内形势吗").hits
    assert hits and hits[0].kind == "section" and hits[0].title == "发展环境"


def test_work_to_be_finished_in_other_words_lists_the_completions_first() -> None:
    """年底前哪些得干完, 必须办完的, 就得交差的: what 要完成的 asks, said with other verbs of finishing."""
    lines = ["西岭街道2023年重点工作任务", "一、抓项目拓空间", "1.推动城市更新。推进工业园城市更新单元加快施工。",
             "2.推进工业上楼试点项目。完成嘉华地块土地入库工作。", "3.推动土地整备。完成民富路土地整备。"]
    index = SearchIndex(build_document("ridge.txt", lines))
    for asked in ("西岭抓项目拓空间里年底前哪些得干完", "西岭抓项目拓空间里年底前必须办完的",
                  "西岭抓项目拓空间里年底前就得交差的活儿"):
        found = index.search(asked, today=dt.date(2023, 10, 25))
        assert found.reading == "due" and [h.line for h in found.hits] == [4, 5, 3], asked


def test_a_due_list_of_a_part_named_by_its_number_keeps_to_that_part() -> None:
    """宝安第二块抓民生的，年底前哪些得干完: only the tasks of the part so numbered; words retelling its
    heading (民生) choose none of its tasks, a topic of their own (消防) still does."""
    lines = ["西岭街道2023年重点工作任务", "一、抓项目拓空间", "1.推动城市更新。完成工业园城市更新单元建设。",
             "2.推进工业上楼试点项目。完成嘉华地块土地入库工作。", "二、抓民生补短板", "3.推进学位建设。完成新建学校建设。",
             "4.强化消防安全。完成消防隐患整治。"]
    index = SearchIndex(build_document("ridge.txt", lines))
    today = dt.date(2023, 10, 25)
    assert [h.line for h in index.search("西岭第二块抓民生的，年底前哪些得干完", today=today).hits] == [6, 7]
    assert [h.line for h in index.search("西岭第二块里消防的年底前要完成的", today=today).hits] == [7]


def test_a_part_pointed_at_after_its_number_is_answered_by_its_heading() -> None:
    """想看规划第2章，养老文化那章: the words before 那章 tell what it holds; its heading is what is asked."""
    lines = ["北塘街道国民经济和社会发展第十四个五年规划", "第一章 发展基础", "过去五年经济平稳增长。",
             "第二章 增进民生福祉", "第一节 兜牢民生底线", "完善困难群众兜底保障，推进养老服务。",
             "第二节 繁荣文化事业", "建设文化站。"]
    index = SearchIndex(build_document("north.txt", lines))
    hits = index.search("想看北塘街道规划第2章，兜底养老文化那章").hits
    assert hits and hits[0].kind == "section" and hits[0].line == 4


def test_a_number_is_stated_in_its_own_clause_and_one_reached_when_asked_what_was_done() -> None:
    """高新技术企业一共多少家: 高新技术企业达到123家 states it when asked of what was done; 企业55家，国家高新技术企业
    17家 states 17 of them, not 55 (another clause's number); asked what a target is, a number reached is none."""
    kb = build_document("n.txt", ["南港街道2024年政府工作报告", "一、2023年工作回顾",
                                  "对外开放不断深化，注册资本超5000万元企业55家，国家高新技术企业17家。",
                                  "科技创新持续加强，国家级高新技术企业达到123家。"])
    index = SearchIndex(kb)

    def stated(question: str, past: bool) -> set[int]:
        q = index.parse(question)
        q.past = past
        return {index.entries[i].item.line for i in index.stated_counts(q)}

    assert 4 in stated("南港街道国家级高新技术企业一共多少家", past=True)
    assert 4 not in stated("南港街道国家级高新技术企业一共多少家", past=False)
    # (55家，国家高新技术企业: the number closes the clause before; it is no count of them)
    assert stated("南港街道高新技术企业一共多少家", past=False) == {3}
    lines = index.stated_counts(index.parse("南港街道高新技术企业一共多少家"))
    assert all("17" in index.entries[i].text for i in lines)


def test_a_code_word_of_the_question_is_a_rare_sign(bundled_kb: KnowledgeBase) -> None:
    """5G网络建设: 5g, a code of letters and digits, is held by few items, as a Latin word (AED) is."""
    index = SearchIndex(bundled_kb)
    idx = list(range(len(index.entries)))
    share = index.rare_chars("5g网络建设", idx)
    holding = [k for k in idx if "5g" in index.entries[k].text]
    assert holding and all(share[k] > 0 for k in holding)
    assert max(share[k] for k in idx if "5g" not in index.entries[k].text) < min(share[k] for k in holding)


def test_an_ordinal_only_sub_parts_bear_in_several_parts_is_each_of_them_the_plans_first() -> None:
    """报告第五条讲什么: a report numbers (一)… under its review and again under its plan; the number
    names both, the part ahead first; words retelling one heading put that one first; 第5大点 is such
    an ordinal too."""
    lines = ["北岭区2024年政府工作报告", "一、2023年工作回顾",
             *(f"({n})坚持{w}。" for n, w in zip("一二三四五", ("稳增长", "惠民生", "强创新", "绿色低碳理念", "保安全"), strict=True)),
             "二、2024年工作安排",
             *(f"({n})聚焦{w}。" for n, w in zip("一二三四五", ("产业升级", "城市更新", "民生保障", "街道支撑", "科教兴区"), strict=True)),
             "三、加强政府自身建设"]
    index = SearchIndex(build_document("ridge.txt", lines))
    for asked in ("北岭区报告第五条讲什么", "北岭区报告第(五)条方向是什么", "北岭区报告第5大点叫个啥名"):
        assert [h.title for h in index.search(asked).hits] == ["聚焦科教兴区", "坚持保安全"], asked
    told = index.search("北岭区报告(四)绿色低碳那条原标题")
    assert [h.title for h in told.hits][:1] == ["坚持绿色低碳理念"]


def test_a_chats_stall_and_a_little_of_what_is_done_are_no_words_of_the_topic(index: SearchIndex) -> None:
    """安全生产这摊子准备干点啥, 几个计划里对安全生产这摊子分别咋安排: 这摊子 points at the work as 这块 does,
    干点啥 asks as 干啥 does; neither is a word the answer must hold."""
    answered = index.search("东湖街道安全生产这摊子准备干点啥")
    assert answered.hits and "安全生产" in answered.hits[0].text
    listed = index.search("几个计划里对安全生产这摊子分别咋安排")
    assert listed.reading == "list" and {h.doc for h in listed.hits} == {"east.txt", "west.txt"}
    # (几个地方咋部署: how each of several places takes it up, listed plan by plan)
    places = index.search("安全生产这事几个地方咋部署")
    assert places.reading == "list" and {h.doc for h in places.hits} == {"east.txt", "west.txt"}


def test_when_a_task_is_to_be_wrapped_up_is_asked_with_the_words_of_finishing_around_it() -> None:
    """五经普要在哪年收尾, 经普那摊活啥时候得弄完: the time asked, with 要在, 得 and a verb of finishing
    (收尾, 弄完) around it, and the stall of work pointed at (那摊活), are no words of the task."""
    lines = ["南港街道2024年工作计划", "一、重点工作", "1.抢抓招商引资先机。扎实完成好五经普工作任务。",
             "2.推进老旧小区改造。"]
    index = SearchIndex(build_document("south.txt", lines))
    for asked in ("南港街道五经普要在哪年收尾", "南港街道经普那摊活啥时候得弄完"):
        assert [h.line for h in index.search(asked).hits][:1] == [3], asked


def test_a_point_said_as_the_plans_count_points_is_the_part_its_words_retell() -> None:
    """六是打造哪种新河: the plans' own count of points (一是…六是) names the sixth part, whose heading the
    rest of the question retells; 讲方针和目标的章叫啥, …那块标题全称 ask for a heading by what it speaks of."""
    lines = ["北塘街道国民经济和社会发展第十四个五年规划纲要",
             *(f"{n}、{t}" for n, t in zip("一二三四五六", ("发展基础", "指导方针和主要目标", "全力打造创新北塘",
                                                          "全力打造幸福北塘", "全力打造平安北塘", "全力打造生态北塘"), strict=True)),
             "加强生态环境保护。"]
    index = SearchIndex(build_document("north.txt", lines))
    assert [h.title for h in index.search("北塘那份规划 六是打造哪种北塘").hits][:1] == ["全力打造生态北塘"]
    for asked in ("北塘街道的规划里，讲方针和目标的章叫啥", "北塘规划讲方针和目标那块标题全称"):
        assert [h.title for h in index.search(asked).hits][:1] == ["指导方针和主要目标"], asked


def test_parts_asked_for_by_year_size_or_name_inside_a_numbered_part() -> None:
    """报告讲24年怎么干是哪一大部分: the top part naming the year; 分成多少个大的部分: the top parts counted;
    主要目标那节在第二章第几节: the part under the one numbered whose heading holds the words; 第二大项下面条目数
    是多少: a part holding no parts of its own holds its tasks; 数数看附录里名词解释有几条: the glossary's entries."""
    lines = ["南港区2024年政府工作报告", "一、2023年工作回顾", "(一)稳增长。", "(二)主要目标。", "经济稳中向好。",
             "二、2024年工作安排", "1.推进园区建设。", "2.改造老旧小区。", "3.新建养老服务中心。",
             "三、加强政府自身建设", "4.建设法治政府。"]
    index = SearchIndex(build_document("south.txt", lines))
    assert [h.title for h in index.search("南港区报告讲24年怎么干是哪一大部分").hits] == ["2024年工作安排"]
    counted = index.search("南港区报告分成多少个大的部分")
    assert counted.hits and counted.hits[0].title == "2023年工作回顾" and "一" not in counted.topic
    plan = ["北塘街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础", "经济稳步提升。",
            "第二章 指导方针和主要目标", "第一节 指导思想", "坚持稳中求进。", "第二节 主要目标", "到2025年，综合实力提升。"]
    where = SearchIndex(build_document("north.txt", plan)).search("北塘纲要主要目标那节在第二章第几节")
    assert [h.title for h in where.hits][:1] == ["主要目标"]
    tasks = index.search("南港区报告第二大项下面条目数是多少")
    assert tasks.reading == "count" and tasks.total == 3
    glossary = ["北岭区2024年政府工作报告", "一、重点工作", "1.推进园区建设。", "名词解释",
                "1.一街四所:街道与派出所、司法所等四所联动的工作机制。", "2.全科网格:以网格化为管理模式的基层治理方式。"]
    terms = SearchIndex(build_document("ridge.txt", glossary)).search("数数看北岭区附录里名词解释有几条")
    assert terms.reading == "count" and terms.total == 2


def test_the_first_part_and_a_parts_name_said_plainly() -> None:
    """排在最前面那个一级标题: the first part; 第二章章名是啥: the chapter's heading (章名 is its name), not the
    parts under it; 章名字 is no 章名 (第一章名字)."""
    plan = ["北塘街道国民经济和社会发展第十四个五年规划纲要", "第一章 发展基础", "经济稳步提升。",
            "第二章 指导方针和主要目标", "第一节 指导思想", "坚持稳中求进。", "第二节 主要目标", "到2025年，综合实力提升。"]
    index = SearchIndex(build_document("north.txt", plan))
    for asked in ("北塘规划排在最前面那个一级标题", "北塘纲要第一章名字叫什么"):
        assert [h.title for h in index.search(asked).hits] == ["发展基础"], asked
    assert [h.title for h in index.search("北塘那本规划，第二章章名是啥").hits] == ["指导方针和主要目标"]


def test_parts_numbered_with_the_word_said_and_counted_by_their_own_parts() -> None:
    """东湖街道第2章有几节: of a place's two documents, the one numbering its parts 第…章 (not a work plan's
    二、); 平安东湖那部分有几条, 第三部分含几小节: a part written in parts of its own counts them, not the
    paragraphs they hold; 完整章名 asks for the heading."""
    work = ["东湖街道2024年工作要点", "一、抓经济", "1.推进招商。", "二、抓民生", "2.办好实事。"]
    plan = ["东湖街道“十四五”发展规划", "第一章 发展基础", "经济稳步提升。",
            "第二章 全力打造平安东湖", "总体要求是统筹安全和发展。", "第一节 国家安全宣传", "开展国家安全教育。",
            "第二节 公共安全水平", "落实安全生产责任制。", "第三节 法治东湖建设", "推进法治政府建设。"]
    index = SearchIndex(merge([build_document("work.txt", work), build_document("plan.txt", plan)]))
    chapter = index.search("东湖街道第2章有几节")
    assert {h.doc for h in chapter.hits} == {"plan.txt"} and chapter.total == 3
    for asked in ("东湖街道打造平安东湖那部分有几条", "东湖规划第二章含几小节"):
        counted = index.search(asked)
        assert [h.title for h in counted.hits] == ["国家安全宣传", "公共安全水平", "法治东湖建设"], asked
    assert [h.title for h in index.search("东湖第一章 基础那章 完整章名").hits][:1] == ["发展基础"]


def test_where_several_things_named_are_said_is_the_part_holding_them_all() -> None:
    """海洋特色社区物流中心这几条定位归哪节: the things pointed at (这几条, no count) are each said in a point
    of one part; the smallest part holding every word is where they stand."""
    plan = ["北塘街道国民经济和社会发展第十四个五年规划纲要", "一、发展基础", "经济稳步提升，海洋经济起步。",
            "二、指导思想", "坚持以人民为中心，发展特色产业。",
            "三、发展定位", "打造海洋特色产业社区。在融合区域内构建发展平台。", "打造现代化物流中心。依托交通条件。"]
    index = SearchIndex(build_document("north.txt", plan))
    for asked in ("北塘街道海洋特色社区物流中心这几条定位 归哪节", "北塘街道海洋特色社区物流中心那几条定位在哪节"):
        assert [h.title for h in index.search(asked).hits][:1] == ["发展定位"], asked


def test_a_definition_and_a_glossary_word_before_the_term() -> None:
    """AA级信用是怎么定义的: 怎么定义 asks what a term means (no word of it); 名词一街四所: 名词 names the kind
    of item asked, no place 名词一街."""
    glossary = ["北岭区2024年政府工作报告", "一、重点工作", "1.推进园区建设。", "名词解释",
                "1.一街四所:街道与派出所、司法所等四所联动的工作机制。", "2.AA信用等级:企业偿还债务能力很强的信用等级。"]
    index = SearchIndex(build_document("ridge.txt", glossary))
    defined = index.search("AA级信用是怎么定义的")
    assert defined.hits and defined.hits[0].kind == "term" and defined.hits[0].title == "AA信用等级"
    named = index.search("名词一街四所，哪四个？")
    assert not named.note and named.hits and named.hits[0].title.strip("“”") == "一街四所"


def test_due_items_of_a_part_numbered_where_a_review_and_a_plan_each_have_one() -> None:
    """西山区(三)城市更新板块这个月到期的完成项: the (三) is where the items are (said before them); the
    report's review and its plan each have a (三), and the plan's is the one whose work falls due."""
    report = ["西山区2024年政府工作报告", "一、2023年工作回顾", "(一)稳增长", "经济运行稳中向好。", "(二)惠民生",
              "新增就业1万人。", "(三)城市更新", "完成老旧小区改造8个。", "二、2024年工作安排", "(一)抓好招商",
              "推进招商引资。完成城市更新项目签约10个。", "(二)办好民生", "新建养老服务中心。", "(三)推动城市更新",
              "持续推进城市更新。完成老旧小区改造5个。", "提升城区管理质量。完成道路养护3万平方米。"]
    index = SearchIndex(build_document("west.txt", report))
    due = index.search("西山区(三)城市更新板块 这个月到期的完成项", 10, dt.date(2024, 12, 3))
    assert due.reading == "due" and [h.line for h in due.hits] == [15, 16]


def test_a_word_for_the_plan_said_of_a_places_other_document_still_finds_it() -> None:
    """大港街道向企业家汇报机制，规划里是怎么说的: the place's plan titled 规划 says nothing of it; its work plan
    does, and answers (a chat says 规划 of any plan)."""
    plan = ["南港街道国民经济和社会发展第十四个五年规划纲要", "一、发展基础", "经济稳步提升。"]
    work = ["南港街道2024年工作要点", "一、优化营商环境", "1.常态化落实“向企业家汇报”机制，健全政策“直达快享”机制。"]
    other = ["北岭街道国民经济和社会发展第十四个五年规划纲要", "一、发展基础", "工业稳步发展。"]
    index = SearchIndex(merge([build_document("plan.txt", plan), build_document("work.txt", work),
                               build_document("other.txt", other)]))
    found = index.search("南港街道向企业家汇报机制，规划里是怎么说的")
    assert found.hits and found.hits[0].doc == "work.txt" and not found.note


def test_due_items_of_a_part_whose_heading_holds_the_topics_words_in_order() -> None:
    """本月到期的东湖产业增长任务: 产业 and 增长 in that order in one part's heading (抓产业促增长) name it, and its
    work falls due whatever words it writes; 产业空间 is no such part (抓项目拓空间，在优化产业载体上 writes
    the words the other way round): the tasks writing it are listed."""
    plan = ["东湖街道2023年重点工作任务", "一、抓产业促增长，在实现跨越发展上奋力争先", "1.守住工业基本盘。",
            "2.打好招商组合拳。", "二、抓项目拓空间，在优化产业载体上奋力争先", "3.提升产业空间品质。",
            "4.推动重点项目土地整备。"]
    index = SearchIndex(build_document("east.txt", plan))
    grown = index.search("本月到期的东湖产业增长任务列一下", 10, dt.date(2023, 12, 5))
    assert grown.reading == "due" and [h.line for h in grown.hits] == [3, 4]
    space = index.search("东湖街道产业空间的任务年底前还有哪些", 10, dt.date(2023, 11, 5))
    assert [h.line for h in space.hits] == [6]


def test_what_a_review_part_named_by_its_words_holds_and_a_numbered_one_of_a_row() -> None:
    """民生那块回顾分几个方面写的: 回顾 says the review is asked; 民生 names its part, whose paragraphs are counted.
    第二个聚焦底下有几个小段: the second of the headings opening with 聚焦, then what it holds."""
    report = ["西山区2024年政府工作报告", "一、2023年工作回顾", "(一)坚持稳增长,经济运行稳中向好", "经济运行稳中向好。",
              "(二)坚持以人民为中心、办好民生实事", "民生保障坚实有力。新增就业1万人。", "教育事业优质发展。新建学校2所。",
              "健康服务稳步提质。建成医联体。", "二、2024年工作安排", "(一)聚焦科技创新,培育新动能", "1.加快推动科技创新。",
              "(二)聚焦安全发展,构建新格局", "2.持续巩固安全发展基础。", "3.努力构建和谐稳定环境。",
              "(三)聚焦城市更新,拓展新空间", "4.持续推进城市更新。"]
    index = SearchIndex(build_document("west.txt", report))
    review = index.search("西山区民生那块回顾分几个方面写的")
    assert [h.line for h in review.hits] == [6, 7, 8]
    focus = index.search("西山区第二个聚焦底下有几个小段")
    assert [h.line for h in focus.hits] == [13, 14]


def test_whether_there_is_a_thing_and_numbers_said_in_words() -> None:
    """有调解室没 asks whether there is one (有…没 around its name); 六点五 is 6.5 and 百分百 is 100%, as plans
    write them."""
    from knowledge.numbers import decimals_in_digits, percents_in_digits
    assert decimals_in_digits("表里六点五对应的值") == "表里6.5对应的值" and decimals_in_digits("22点7亿") == "22.7亿"
    assert decimals_in_digits("一点一点推进") == "一点一点推进" and decimals_in_digits("八点五十分") == "八点五十分"
    assert percents_in_digits("照料中心百分百那个节点") == "照料中心100%那个节点"
    plan = ["南港街道2024年工作计划", "一、平安建设", "1.支持社区品牌调解室建设。", "2.开展安全生产检查。"]
    hits = SearchIndex(build_document("south.txt", plan)).search("南港街道有调解室没").hits
    assert hits and hits[0].line == 3


def test_things_named_side_by_side_without_the_words_summing_them_up() -> None:
    """大气、垃圾、保洁、水这些环境活: each thing named (not 水这些环境活 as the last, nor the place and its 在 before the
    first); a thing of one character (水) is left out, the others still listed."""
    from knowledge.listing import _alternatives

    raw = "宝安在大气、垃圾、保洁、水这些环境活上都有哪些安排"
    assert _alternatives(raw, "宝安在大气垃圾保洁水这些环境活上") == ["大气", "垃圾", "保洁"]
    assert _alternatives("土地入库、整备、收储有哪些安排", "土地入库整备收储安排") == ["土地入库", "整备", "收储"]


def test_three_things_named_side_by_side_and_asked_of_each_are_a_list() -> None:
    """大气、垃圾、保洁这些环境活都怎么干: three things named side by side, asked how each is done — the items of each
    (not only the best of one); two (充电桩、充电设施) may be one thing said twice and stay one answer."""
    from knowledge.listing import things_side_by_side

    doc = ["南湖街道2023年重点工作任务", "一、生态环境", "1.强化大气环境污染防治。加大工地扬尘管控。",
           "2.深入推进垃圾减量分类。强化督导。", "3.提高辖区环卫保洁水平。常态化保洁。", "4.推进老旧小区改造。完成改造。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    result = index.search("南湖在大气、垃圾、保洁这些环境活上都怎么干")
    assert result.reading == "list" and {h.title for h in result.hits} >= {"强化大气环境污染防治", "深入推进垃圾减量分类",
                                                                              "提高辖区环卫保洁水平"}
    assert things_side_by_side("充电桩、充电设施怎么安排", "充电桩充电设施") == []
    # (their figures asked, 三个数字, 各多少: one line often states them all; it is the answer)
    assert index.search("南湖大气、垃圾、保洁三个数字给我").reading != "list"


def test_the_rows_of_a_table_named_by_its_words_and_a_table_word(bundled_kb: KnowledgeBase) -> None:
    """那张主要指标表里头总共列了多少行, 指标表里有几个指标: the rows of the table whose heading the words name (or
    every table's), not the indicators a plan states in its running text."""
    index = SearchIndex(bundled_kb)
    tables = [i for i in bundled_kb.indicators if i.doc.startswith("004") and i.source == "table"]
    for question in ("新河那张主要指标表里头总共列了多少行", "新河指标表里有几个指标", "新河主要指标专栏里一共有几个指标"):
        result = index.search(question)
        assert (result.reading, result.total) == ("count", len(tables)), question
        assert all(h.kind == "indicator" and h.item.source == "table" for h in result.hits), question
    # 有几份规划附了主要指标专栏: asked of the plans, the tables themselves, one per plan
    result = index.search("有几份规划附了十四五主要指标专栏")
    assert [h.kind for h in result.hits] == ["section", "section"] and len({h.doc for h in result.hits}) == 2


def test_a_phrase_of_the_plan_is_no_place(bundled_kb: KnowledgeBase) -> None:
    """发挥街道支撑作用: a verb before 街道 that the plan writes on with the question's next words (聚焦发挥街道支撑
    作用) is the plan's phrase, no place no plan is about."""
    result = SearchIndex(bundled_kb).search("河北区发挥街道支撑作用具体有哪些举措")
    assert result.reading == "list" and not result.note
    assert {h.line for h in result.hits[:3]} == {159, 161, 163}


def test_a_list_of_a_two_character_topic_holds_only_items_writing_its_words(bundled_kb: KnowledgeBase) -> None:
    """河北区有哪些表率: a topic of two characters is listed by the items writing it; one sharing a character
    (数据资产入表, 地表水) is no slip of it, however sure the ranker is."""
    index = SearchIndex(bundled_kb)
    result = index.search("河北区有哪些表率")
    assert result.reading == "list" and sorted(h.line for h in result.hits) == [209, 211, 213, 215]
    # (nor is the part holding it: 四个表率那段排几 is not answered by the glossary holding 入表)
    hits = index.search("四个表率那段在河北区报告里排几").hits
    assert not hits or hits[0].line != 220


def test_a_part_named_by_the_words_of_its_parts(bundled_kb: KnowledgeBase) -> None:
    """产业招商科创园区那章拆了几节: no heading says the words together; the chapter whose sections' headings say
    them (产业转型, 招商引资, 园区发展) is the part asked of, and its sections are counted."""
    index = SearchIndex(bundled_kb)
    result = index.search("大港街道产业招商科创园区那章拆了几节")
    assert result.total == 6 and [h.line for h in result.hits[:4]] == [196, 200, 203, 206]
    result = index.search("新河讲海洋招商营商那部分，列了哪几个小题目")
    assert [h.line for h in result.hits] == [236, 240, 244, 248, 252]


def test_the_indicators_counted_in_a_unit(bundled_kb: KnowledgeBase) -> None:
    """按家统计的指标, 单位是亿元的那些指标: the indicators whose unit (a table's unit column, or their own values)
    is the one named, for a list or count and for the targets falling due."""
    index = SearchIndex(bundled_kb)
    result = index.search("大港街道按家统计的指标有几个")
    assert result.reading == "count" and {90, 96, 120} <= {h.line for h in result.hits}
    assert all(h.kind == "indicator" for h in result.hits)
    due = index.search("大港街道今年到期、单位是亿元的那些指标", today=dt.date(2025, 3, 1))
    assert due.reading == "due" and {78, 84, 102, 108} <= {h.line for h in due.hits}
    assert all(h.item.unit == "亿元" for h in due.hits)


def test_parts_asked_of_a_part_written_as_points_over_a_table(bundled_kb: KnowledgeBase) -> None:
    """大港街道2025主要目标分哪些方面: a part whose only part of its own is a table (专栏1) is listed by its own points;
    河北区社会治理方面成绩分几块: a review's part named without the words of what was done, by its paragraphs;
    讲指导思想和定位那一章标题: the chapter holding the heading the words name."""
    index = SearchIndex(bundled_kb)
    assert [h.line for h in index.search("大港街道2025主要目标分哪些方面").hits] == [59, 60, 61, 63, 64]
    assert [h.line for h in index.search("河北区社会治理方面成绩分几块").hits] == [113, 115, 117]
    hits = index.search("新河规划里讲指导思想和定位那一章标题").hits
    assert hits and (hits[0].kind, hits[0].line) == ("section", 40)


def test_more_ways_of_naming_a_part_and_what_it_holds(bundled_kb: KnowledgeBase) -> None:
    """下面的小标题, 条目数, 底下列了几条 (a part whose tasks are fewer than its parts counts its parts), 那条含几段
    (三生空间 in the lexicon), 指标表里带累计两字的 (a table's rows), 按家数算的."""
    index = SearchIndex(bundled_kb)
    assert [h.line for h in index.search("新河第九部分组织保障下面的小标题").hits] == [378, 382, 386]
    assert index.search("宝安第六部分民生条目数").total >= 4
    assert [h.line for h in index.search("文化新河底下列了几条").hits] == [334, 338, 342, 346]
    assert [h.line for h in index.search("河北区统筹三生空间那条含几段").hits] == [183, 185, 187]
    assert [h.line for h in index.search("新河十四五指标表里带累计两字的列一下").hits] == [92, 102, 112, 122, 142]
    due = index.search("大港街道今年到期按家数算的指标", today=dt.date(2025, 4, 1))
    assert {90, 96, 120} <= {h.line for h in due.hits}


def test_parts_pointed_at_then_the_kind_of_things_listed(bundled_kb: KnowledgeBase) -> None:
    """新赛道那段写了哪些行业: the words before a pointer at a part name it, the words after it say only what kind
    of things its items are (listed_kinds.txt); 应急那块的五基都包括啥: what follows is a thing of its own, no kind;
    过去五年成绩单一条条给我: what was done, named by nothing else, is what the review tells; 25年目标分成几个方面:
    not the part whose heading names another year (二〇三五年远景目标)."""
    index = SearchIndex(bundled_kb)
    assert {71, 73, 75, 77} <= {h.line for h in index.search("河北区新赛道那段写了哪些行业").hits[:6]}
    result = index.search("河北区放心不下那块干了哪些事")
    assert {113, 115, 117} <= {h.line for h in result.hits[:4]}
    assert result.topic == "放心不下"  # (the heading shows what is listed, not the kind of things, 事)
    assert not any(h.doc.startswith("004") for h in index.search("应急那块的五基都包括啥").hits[:1])
    assert [h.line for h in index.search("新河过去五年成绩单一条条给我").hits[:4]] == [16, 18, 20, 22]
    assert [h.line for h in index.search("大港街道前五年干成了啥 分条说说").hits[:4]] == [10, 11, 13, 14]
    assert [h.line for h in index.search("大港街道25年目标分成几个方面").hits] == [59, 60, 61, 63, 64]


def test_a_document_word_said_as_whose_the_rest_is(bundled_kb: KnowledgeBase) -> None:
    """河北区报告的工作安排, 报告讲的是哪一年的工作安排: the word for the document opening the question points at it,
    as 报告里 does; no word an answer must explain."""
    index = SearchIndex(bundled_kb)
    for question in ("河北区报告的工作安排", "河北区报告讲的是哪一年的工作安排"):
        hits = index.search(question).hits
        assert hits and (hits[0].kind, hits[0].line) == ("section", 125), question
    assert index.parse("河北区报告里的工作安排").text == index.parse("河北区报告的工作安排").text == "工作安排"


def test_more_ways_of_asking_for_items_by_a_word_or_a_unit_and_across_plans(bundled_kb: KnowledgeBase) -> None:
    """专栏1里写着累计的那几行 (写着 said as 带), 以家为单位的指标 (the unit), 几个规划里京津冀协同都是怎么写的 (each
    plan's best item first, not one plan's part before the others)."""
    index = SearchIndex(bundled_kb)
    assert {92, 102, 112, 122} <= {h.line for h in index.search("新河专栏1里写着累计的那几行指标").hits}
    assert [h.line for h in index.search("大港街道以家为单位的指标有哪些").hits[:3]] == [90, 96, 120]
    hits = index.search("几个规划里京津冀协同都是怎么写的").hits
    assert len({h.doc for h in hits[:3]}) == 3


def test_a_part_named_by_its_tasks_and_a_part_of_parts_listed_by_them(bundled_kb: KnowledgeBase) -> None:
    """教育医疗住房那部分数一数几条: the part whose tasks' titles say the words; 平安新河具体包括哪几项: a part written in
    parts of its own, its own text an introduction, lists them."""
    index = SearchIndex(bundled_kb)
    result = index.search("宝安教育医疗住房那部分数一数几条")
    assert result.reading == "count" and [h.line for h in result.hits[:3]] == [48, 49, 50]
    hits = index.search("平安新河具体包括哪几项").hits
    assert [(h.kind, h.line) for h in hits[:4]] == [("section", 298), ("section", 302), ("section", 306), ("section", 310)]

