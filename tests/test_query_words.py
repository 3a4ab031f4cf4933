"""What a staff member says around a question (a request, what the answer is for) is not matched."""

from __future__ import annotations

import pytest

from knowledge.models import Document
from knowledge.query import QueryParser


@pytest.fixture
def parser() -> QueryParser:
    """A parser over one made-up plan of 东湖街道."""
    return QueryParser([Document(id="a", file="a.txt", title="东湖街道2024年工作计划", issuer="东湖街道")])


def test_requests_and_purposes_around_a_question_are_not_matched(parser: QueryParser) -> None:
    q = parser.parse("麻烦帮我查一下，东湖街道对建筑安装企业有什么发展打算，我写材料要用")
    assert "建筑安装企业" in q.text
    assert not any(w in q.text for w in ("麻烦", "材料", "帮我"))
    # …，年初汇报用: the occasion the answer is for, as a clause of its own.
    assert parser.parse("东湖街道新增就业多少，年初汇报用").text == "新增就业"


def test_chat_words_around_a_list_topic_are_not_matched(parser: QueryParser) -> None:
    assert parser.parse("枫桥经验 各份材料里都是怎么写的").text == "枫桥经验"


def test_everyday_ways_of_asking_who_and_whether_are_not_matched(parser: QueryParser) -> None:
    assert parser.parse("楼道堆放杂物谁来管").text == "楼道堆放杂物"
    assert parser.parse("小区空地能不能建停车场").text == "小区空地建停车场"


def test_which_n_of_them_asks_what_a_term_holds(parser: QueryParser) -> None:
    assert parser.parse("一街四所是哪四所").text == "一街四所"
    assert parser.parse("东湖街道现在民兵一共多少人").text == "民兵"


def test_what_a_short_name_stands_for_is_asked_of_the_name_alone(parser: QueryParser) -> None:
    q = parser.parse("东湖街道常说的两新具体指哪两个")
    assert q.text == "两新"
    assert q.intent == "term"


def test_the_years_of_a_period_said_again_are_not_matched() -> None:
    parser = QueryParser([Document(id="a", file="a.txt", title="东湖街道十四五规划", issuer="东湖街道")])
    q = parser.parse("东湖十三五那几年新建了几个公园")
    assert q.period is not None and "那几年" not in q.text


def test_this_year_said_as_the_year_we_are_in_is_the_current_year(parser: QueryParser) -> None:
    q = parser.parse("东湖街道这一年里要竣工的项目", 2024)
    assert q.year == 2024 and "这一年" not in q.text


def test_clauses_telling_of_the_asker_are_dropped_but_their_place_is_kept() -> None:
    parser = QueryParser([Document(id="a", file="a.txt", title="东湖街道2024年工作计划", issuer="东湖街道"),
                          Document(id="b", file="b.txt", title="西山区2024年政府工作报告", issuer="西山区")])
    q = parser.parse("我是东湖街道的社区网格员，居民问今年打算办多少场招聘会，我该怎么跟他们说")
    assert q.docs == {"a.txt"}
    assert "网格员" not in q.text and "他们" not in q.text and "招聘会" in q.text
    # A question of one clause is left as it is.
    assert "网格员" in parser.parse("我是网格员想问东湖街道招聘会").full
    # What is left once they are out must ask something alone: 社区管不管我们 does not (the asker is the topic).
    assert "租房" in parser.parse("我是租房住的，社区管不管我们").text
    # What the asker is writing, for which the answer is wanted (我写材料要引用原话), is no part of the question.
    assert parser.without_asker("东湖街道讲用地效能时用什么指标衡量准入，我写材料要引用原话") == "东湖街道讲用地效能时用什么指标衡量准入"


def test_the_text_of_a_plan_points_into_the_document_named() -> None:
    parser = QueryParser([Document(id="a", file="a.txt", title="东湖街道2024年工作计划", issuer="东湖街道"),
                          Document(id="b", file="b.txt", title="东湖街道十四五规划纲要", issuer="东湖街道")])
    assert parser.parse("东湖街道规划文本章节数是多少").docs == {"b.txt"}


def test_the_whole_of_the_place_named_is_no_place_of_its_own() -> None:
    parser = QueryParser([Document(id="a", file="a.txt", title="西山区2024年政府工作报告", issuer="西山区")])
    assert parser.parse("去年西山区全区新增就业人数是多少", 2024).text == "新增就业人数"


def test_within_this_year_keeps_the_time_work_falls_due() -> None:
    parser = QueryParser([Document(id="a", file="a.txt", title="西山区2024年政府工作报告", issuer="西山区")])
    q = parser.parse("西山区今年内要竣工的项目有哪些", 2024)
    assert q.year == 2024 and q.full.startswith("年内要竣工")  # (年内 is read as the time things fall due)
    q = parser.parse("西山区这一年里必须完工的工程给我列列", 2024)
    assert q.year == 2024 and q.full.startswith("年内必须完工")
    q = parser.parse("西山区这一年里新增就业多少人", 2024)
    assert q.year == 2024 and "年内" not in q.full  # (no work falling due: the year only)


def test_a_number_with_a_unit_is_a_quantity_not_a_year(parser: QueryParser) -> None:
    assert parser.parse("东湖街道文化站面积要2000平米以上，社区文化设施要多少平米").year is None
    assert parser.parse("东湖街道2024重点任务清单").year == 2024
    # (平, the chat's word for 平方米, is a unit too; 2024平安建设 still names a year)
    assert parser.parse("东湖街道文化服务中心面积啥时候要达到2000平").year is None
    assert parser.parse("东湖街道2024平安建设任务").year == 2024
    assert parser.parse("到2025年底新增多少").year == 2025


def test_asking_to_look_in_both_documents_named_is_not_matched() -> None:
    parser = QueryParser([Document(id="a", file="a.txt", title="东湖街道2024年工作计划", issuer="东湖街道",
                                   kind="annual_plan"),
                          Document(id="b", file="b.txt", title="东湖街道十四五规划", issuer="东湖街道",
                                   kind="five_year_plan")])
    assert parser.parse("东湖街道的招聘会怎么安排的，年度计划和十四五规划都看一下").text == "招聘会"


def test_asking_whether_something_goes_on_is_not_matched(parser: QueryParser) -> None:
    assert parser.parse("东湖街道元宵踩街还搞不搞").text == "元宵踩街"
    assert parser.parse("消夏晚会以后还办吗").text.startswith("消夏晚会")


def test_how_many_of_a_thing_in_its_unit_asks_a_figure(parser: QueryParser) -> None:
    """要实现几座, 改造几公里: a figure (indicator intent); 分好几册出版: several, no question of a number."""
    assert parser.parse("东湖街道双高楼宇今年要实现几座").intent == "indicator"
    assert parser.parse("供热管网改造几公里").intent == "indicator"
    assert parser.parse("我写的书分好几册出版能参评吗").intent is None
    assert parser.parse("规划分了几块").intent is None


def test_the_year_before_and_a_year_said_twice_are_read_once(parser: QueryParser) -> None:
    """上一年 is the year before; 今年 said again is no word to match."""
    q = parser.parse("东湖街道上一年新增就业人数是多少", 2024)
    assert q.year == 2023 and "上一" not in q.text and "新增就业" in q.text
    q = parser.parse("今年过去大半了，东湖街道计划今年开工的项目有哪些", 2024)
    assert q.year == 2024 and "今年" not in q.text


def test_a_year_pointed_at_again_and_what_kind_of_thing_is_asked(parser: QueryParser) -> None:
    q = parser.parse("东湖街道22年那一年新增就业人数")
    assert (q.year, q.text) == (2022, "新增就业人数")
    q = parser.parse("1+1+N是个什么模式")
    assert (q.text, q.intent) == ("11n模式", "term")
    assert parser.parse("这个目标的时间节点").intent == "task"


def test_the_closing_year_of_a_plan_period_is_its_last_year(parser: QueryParser) -> None:
    assert parser.parse("十三五收官那年新增就业人数").year == 2020
    assert parser.parse("十四五收官之年的目标").year == 2025
    # Before it opens, its base year; the year it opens, its first.
    assert parser.parse("十四五开局前PM2.5基数").year == 2020
    assert parser.parse("十四五开局那年新增就业").year == 2021
    assert parser.parse("十四五期间新增就业").year is None


def test_the_whole_of_a_year_named_is_that_year(parser: QueryParser) -> None:
    q = parser.parse("河北区23年一年下来就业多出来多少万人")
    assert q.year == 2023 and "一年" not in q.text


def test_a_word_pointing_at_the_document_is_not_matched(parser: QueryParser) -> None:
    """24年那份计划里…全年投资预计能到几个亿: 那份 points at the plan, 能到 asks the figure."""
    text = parser.parse("24年那份计划里东湖街道全年投资预计能到几个亿").text
    assert "那份" not in text and "能到" not in text and "投资" in text


def test_a_word_of_what_is_asked_is_matched_when_nothing_else_is_left(parser: QueryParser) -> None:
    """东湖街道的目标是什么: the place taken out, 目标 is all there is to match (not the question words)."""
    assert parser.parse("东湖街道的目标是什么").text == "目标"
    assert parser.parse("东湖街道PM2.5目标是什么").text.startswith("pm2")


def test_the_askers_own_office_said_as_this_side_is_no_topic(parser: QueryParser) -> None:
    assert "这边" not in parser.parse("年底以前要完工的工程有哪些，街道这边").text


def test_gan_ma_asks_what_a_thing_is_for_as_gan_sha_does(parser: QueryParser) -> None:
    assert parser.parse("昆纬路那个地块东湖街道准备拿来干嘛").text == parser.parse("昆纬路那个地块东湖街道准备拿来干啥").text


@pytest.mark.parametrize("question, text", [
    ("XX免查是怎么回事", "xx免查"),
    ("一窗通办是咋回事", "一窗通办"),
    ("定位是个啥样的街区", "街区"),  # (定位是…: the role asked, answer type role)
])
def test_the_copula_before_a_question_word_goes_with_it(parser: QueryParser, question: str, text: str) -> None:
    """是怎么回事, 是个啥样的: the 是 (and 的) around the question word are no words of what is asked."""
    assert parser.parse(question).text == text


def test_five_years_on_names_the_five_year_plan(parser: QueryParser) -> None:
    """规划定的五年后盘子多大: the target at the end of a five-year plan's period, not a work plan's."""
    q = parser.parse("规上工业产值规划定的五年后盘子多大")
    assert "five_year_plan" in q.doc_kinds and "五年后" not in q.text


def test_a_two_character_year_said_in_chinese_digits_is_that_year(parser: QueryParser) -> None:
    """二四年 as staff say 24年; not a school year nor a run of numerals."""
    from knowledge.query import arabic_years

    assert parser.parse("河北区二四年政府报告重点工作").year == 2024
    assert arabic_years("二三年级") == "二三年级" and arabic_years("两三年内") == "两三年内"


def test_a_year_of_the_last_plan_period_said_short_is_that_year(parser: QueryParser) -> None:
    """一九年, 19年: a year of the last plan period said short; 一二年 (one or two years) and 12年 are no year."""
    from knowledge.query import arabic_years

    assert parser.parse("河北区一九年的一般预算收入").year == 2019
    assert parser.parse("河北区19年的一般预算收入").year == 2019
    assert parser.parse("河北区一二年内的一般预算收入").year is None
    assert arabic_years("一二年") == "一二年" and arabic_years("十九年") == "十九年"


def test_a_year_in_chinese_digits_said_without_nian_is_that_year(parser: QueryParser) -> None:
    """远景二〇三五那一节: four digits of a year (二〇…, 一九…) are a year without 年; other runs of numerals are not."""
    from knowledge.query import arabic_years

    assert parser.parse("大港街远景二〇三五那一节讲了啥").year == 2035
    assert arabic_years("一九四九") == "1949"
    assert arabic_years("一二三四五六") == "一二三四五六" and arabic_years("第二〇三号") == "第二〇三号"


def test_pointing_at_a_figure_is_no_word_of_what_is_asked(parser: QueryParser) -> None:
    """对口帮扶那350万啥时候完成: 那 points at the figure; 350万 is matched, not 那350万."""
    assert parser.parse("对口帮扶那350万啥时候完成").text == "对口帮扶350万"
    assert parser.parse("市场主体这个2800家是哪年的").text.startswith("市场主体2800家")
    assert "那曲" in parser.parse("那曲的对口支援项目").text  # (no figure follows: a name)


def test_what_each_part_of_a_formula_stands_for_is_a_definition(parser: QueryParser) -> None:
    q = parser.parse("1+3+7+N每个数代表什么")
    assert (q.intent, "代表" in q.text) == ("term", False)


def test_a_doubled_verb_of_asking_is_no_part_of_the_word_before(parser: QueryParser) -> None:
    """大排查查改掉多少: 排查, then 查 (asked); 帮我查查 is asking."""
    assert "排查" in parser.parse("那次大排查查改掉多少毛病").text
    assert parser.parse("帮我查查养老服务").text == "养老服务"


def test_the_end_of_a_plan_said_as_its_last_part_is_no_year(parser: QueryParser) -> None:
    """十四五规划末尾一部分: the plan's last part (末尾), not the end of the period (十四五末 = 2025)."""
    assert parser.parse("十四五规划末尾一部分是啥内容").year is None
    assert parser.parse("十四五末养老床位").year == 2025


def test_a_five_year_outline_said_plainly_is_that_kind_of_document(parser: QueryParser) -> None:
    assert "five_year_plan" in parser.parse("那本五年纲要开篇一章叫啥").doc_kinds


def test_a_name_the_asker_adds_in_brackets_is_a_word_of_the_question() -> None:
    """花园里综合体（会展湾）: a bracketed name is matched; a bracketed unit (亿元) is not."""
    from knowledge.normalize import normalize, unbracket_words

    assert "会展湾" in normalize(unbracket_words("宝安那个花园里综合体（会展湾）哪年营业"))
    assert "亿元" not in normalize(unbracket_words("投资额（亿元）是多少"))
    # A year in brackets is the year asked (基期数值（2020年）).
    assert "2020年" in normalize(unbracket_words("PM2.5基期数值（2020年）"))
    assert "2020年" in normalize(unbracket_words("PM2.5基期数值(2020)"))
    assert "2021年" not in unbracket_words("工信部联政法〔2021〕70号文件") + unbracket_words("津政发（2021）3号文件")
    # (a part's title after its number only says which part it is)
    assert "经济发展动能" not in normalize(unbracket_words("纲要第四章（经济发展动能）下面有多少个节"))


def test_a_class_in_roman_numerals_is_the_class_said_in_chinese() -> None:
    """劣V类水体 is said 劣五类 in a chat, III类 三类."""
    from knowledge.normalize import normalize

    assert normalize("劣V类水体全面消除") == normalize("劣五类水体全面消除")
    assert normalize("地表水好于Ⅲ类水体比例") == normalize("地表水好于三类水体比例")


def test_a_span_of_years_asks_for_what_it_comes_to_at_its_end(parser: QueryParser) -> None:
    """2016到2020年累计…: the figure at the span's end (a review's 2020 figure), the span no word to match."""
    q = parser.parse("东湖街道2016到2020年累计固投完成多少")
    assert q.year == 2020 and "2016" not in q.text and "到" not in q.text


def test_a_plan_period_said_as_its_whole_time_is_that_period(parser: QueryParser) -> None:
    """十三五整个时期: the 十三五 period (整个 between is no word to match)."""
    q = parser.parse("十三五整个时期东湖街道投资累计干了多少")
    assert q.period is not None and q.period[1] == (2016, 2020) and "整个" not in q.text


def test_what_a_report_needs_after_saying_what_it_is_for_is_asked(parser: QueryParser) -> None:
    """写材料要用…的数字: the clause tells what the answer is for, then what it needs — that is asked."""
    q = parser.parse("写材料要用东湖街道有效发明专利的数字，到底达到了多少件")
    assert "有效发明专利" in q.text


@pytest.mark.parametrize("question", ["按东湖街道口径，一栋楼怎样才算双高", "共同缔造理念怎么理解"])
def test_how_a_thing_counts_or_is_understood_asks_its_definition(parser: QueryParser, question: str) -> None:
    assert parser.parse(question).intent == "term"


@pytest.mark.parametrize("question", ["领导要材料：东湖街道民营经济前三季度增加值是多少", "东湖街道民营经济前三季度增加值是多少，科长要"])
def test_who_wants_the_answer_is_no_part_of_the_question(parser: QueryParser, question: str) -> None:
    """领导要材料：…, …，科长要: who wants it (a colon ends that clause too), not what is asked."""
    q = parser.parse(question)
    assert "民营经济" in q.text and not any(w in q.text for w in ("领导", "科长", "材料"))


def test_a_year_followed_by_a_word_opening_with_inner_is_no_within_the_year(parser: QueryParser) -> None:
    """2024年内资: 内资 is the word (利用内资), the year is 2024 — not 2024年内, within the year."""
    q = parser.parse("东湖街道2024年内资要引进来几个亿")
    assert q.year == 2024 and "内资" in q.text
    assert "内" not in parser.parse("东湖街道2024年内要完成的任务").text


def test_an_outline_said_alone_is_a_five_year_plan(parser: QueryParser) -> None:
    """大港纲要: 纲要 alone is a plan outline's word (an annual plan or a report is no 纲要)."""
    q = parser.parse("大港纲要最前面那章名字叫什么")
    assert "five_year_plan" in q.doc_kinds and "纲要" not in q.text


def test_the_pointer_at_a_plan_named_by_its_period_goes_with_it(parser: QueryParser) -> None:
    """那本十四五第二章: 那本 points at the plan 十四五 names; neither is a word to match."""
    q = parser.parse("大港街道那本十四五第二章讲什么")
    assert "那本" not in q.text and "five_year_plan" in q.doc_kinds



def test_a_growth_said_against_the_year_before_asks_no_year(parser: QueryParser) -> None:
    """比上年多几个百分点, 较去年同期: the year before is what a growth is measured against, not the year asked."""
    assert parser.parse("东湖街道财政收入要比上年多几个百分点", 2024).year is None
    assert parser.parse("东湖街道较去年同期增长多少", 2024).year is None
    assert parser.parse("东湖街道去年财政收入多少", 2024).year == 2023
