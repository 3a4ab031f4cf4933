"""How questions are read (knowledge/readings.py): a table of questions and their readings."""

from __future__ import annotations

import pytest

from knowledge.normalize import normalize
from knowledge.readings import (
    LAST,
    carried_word,
    part_pointed_at,
    pointed_word,
    read,
    series_word,
    title_word,
    unbracket_span,
    unquote_part_number,
    without_time_of_asking,
)

CASES = [
    # question, kind, wanted, topic
    ("安全生产有哪些任务", "list", "task", "安全生产"),
    ("会展相关的任务都有哪些", "list", "task", "会展"),
    ("防汛这块都要做啥", "list", None, "防汛"),
    ("专栏1有哪些指标", "list", "indicator", "专栏1"),
    ("名词解释有哪些", "list", "term", ""),
    ("抓会展强配套有几项任务", "count", "task", "抓会展强配套"),
    ("抓产业促增长一共几项", "count", None, "抓产业促增长"),
    ("名词解释一共几条", "count", "term", ""),
    ("附的术语说明有多少个", "count", "term", ""),  # a glossary by any of its names
    ("打造世界级商圈的几件事", "count", None, "打造世界级商圈"),  # things to do counted in 件 and 样
    ("落实重大战略那部分讲了几点", "count", None, "落实重大战略"),  # the points a part makes
    ("创新新河下面都有哪些抓手", "list", "task", "创新新河"),  # 抓手: measures
    ("深港协同那块都要干哪些活", "list", None, "深港协同"),  # the things to do, as 有哪些
    ("去年干了哪些事", "list", None, "去年事"),  # (干了, as 做了, is the verb the cue leaves behind)
    ("过去五年成绩单一条条给我", "list", None, "过去五年成绩单"),  # item by item, whatever the verb after it
    ("前五年干成了啥分条说说", "list", None, "前五年"),
    ("坚持xx发展挨个列", "list", None, "坚持xx发展"),
    ("生态环保那栏的几个指标", "list", "indicator", "生态环保"),  # "the few" indicators, a column pointed at
    ("跟劳资纠纷沾边的条目", "list", None, "跟劳资纠纷"),
    ("附的词条解释总数", "count", "term", ""),  # how many entries of a kind, by its noun and 总数
    ("任务条数", "count", "task", ""),
    ("第一部分里面几个小标题", "count", "section", "里面"),  # how many a part holds, the 有 left unsaid
    ("给自己定的几个发展定位都是啥", "list", None, "发展定位"),
    ("五年目标拆成经济民生共几块", "structure", None, "五年目标经济民生"),  # the total said before 几块
    ("十三五成绩写了多少段", "structure", None, "十三五成绩"),
    ("远景目标章节是怎么编排的", "structure", None, "远景目标"),
    ("第三部分小标题分别叫啥", "structure", "section", ""),  # the headings under it, not its own title
    ("宝安今年要办哪些活动", "list", None, "宝安今年要办活动"),  # (活动 is no 活 of work)
    ("发展定位里要打造的几样", "count", None, "发展定位里要打造"),
    ("名词释义有几个", "count", "term", ""),
    ("有几章", "structure", None, ""),
    ("深港协同这一大项下面列了几条", "count", None, "深港协同"),
    ("科教兴区下面写了几段", "structure", None, "科教兴区"),  # the paragraphs (or parts) a part is written in
    ("讲人居环境的章分节名称给我", "structure", None, "人居环境"),  # 的章: the part it speaks of
    ("产业招商科创园区那章拆了几节", "structure", "section", "产业招商科创园区"),  # 拆了几, as 拆成几
    ("基本要求下面几个坚持数一下", "count", None, "基本要求坚持"),  # asked to count them
    ("发展环境一共分了几层", "structure", None, "发展环境一共层"),  # 分了几 after 一共 is still the cue
    ("主要目标讲了哪些方面", "structure", None, "主要目标"),  # the sides it covers: its parts  # the part pointed at, any measure word
    ("主要指标表里头总共列了多少行", "count", None, "主要指标表里"),  # a table's rows counted
    ("第五章增进民生下面几节名字", "structure", "section", "增进民生"),  # the names asked are no topic
    ("工作回顾分哪几个方面", "structure", None, "工作回顾"),
    # the name of a part pointed at, whatever it is called (段, 块 as 部分)
    ("讲城市治理那段叫啥", "structure", None, "城市治理"),
    # which of two places in the outline (是三还是四) is where it stands
    ("讲政府自身建设是三还是四", "structure", None, "政府自身建设"),
    ("幼儿教育是哪个小标题", "structure", None, "幼儿教育"),  # which heading holds it
    ("政府自身建设在第三章还是第四章", "structure", None, "政府自身建设"),
    ("讲园区那一块的题目叫什么", "structure", None, "园区"),
    ("这个月到期的安全生产任务", "due", "task", "安全生产"),
    ("逾期的住房保障任务", "overdue", "task", "住房保障"),
    ("年底前要完成的教育任务", "due", "task", "教育"),
    ("跟香港有关的工作有哪些", "list", "task", "香港"),
    ("与安全生产相关的任务有哪些", "list", "task", "安全生产"),
    # Targets asked for in a deadline question are listed by the year they fall due.
    ("到年底要做到100%的指标有哪些", "due", "indicator", "100"),
    ("要完成的目标哪些已经过期了", "overdue", "indicator", ""),
    ("这个月就收官了要达到的还有哪些", "due", "indicator", ""),
    ("年底前要完成的目标任务", "due", "task", ""),
    # What is left of the year, beside a word of work falling due; a verb said twice to list.
    ("剩下一个月还有哪些该开工的", "due", "task", "一个月该开工"),
    ("养老方面的任务给我列列", "list", "task", "养老"),
    # By what the parts are divided (按主题) is no topic: the document's own parts.
    ("那份按主题分成几大块", "structure", None, ""),
    ("下半年还有哪些项目要开工", "due", "task", "开工"),
    ("固投目标", "answer", None, "固投目标"),
    ("新河街道有几个社区", "answer", None, "新河街道有几个社区"),
    # What the cues leave at the topic's ends is trimmed; a word naming the document before 里 goes.
    ("抓会展那块都有哪些任务", "list", "task", "抓会展"),
    ("生态环保类指标有哪几个", "list", "indicator", "生态环保类"),
    ("垃圾分类方面的任务和指标全部列出来", "list", None, "垃圾分类"),  # (both kinds asked: every kind)
    ("规划里养老那一节", "structure", None, "养老"),
    ("这个方案分几个部分", "structure", None, ""),
    # A cue's verb said with 了 before its asking word reads as the cue (分成了几, 拆成了多少).
    ("这个方案分成了几个部分", "structure", None, ""),
    ("工作安排拆成了多少条大项", "structure", "section", "工作安排"),
    # The names of the chapters are the chapters; 那份 points at the document.
    ("纲要分了哪些章，章名列一下", "structure", "section", ""),
    ("那份计划大标题一共几条", "count", "section", ""),
    # 大标题 and 小点 name the parts counted (a cue's 一共 before 多少个 leaves no 个 behind); a chapter of
    # its own asked for by what it speaks of; words of what was done or when are no part of a topic.
    ("计划一共分了多少个大标题", "count", "section", ""),
    ("重点工作附件分了几个大类", "structure", None, "重点工作附件"),  # (大类: the top parts, as 部分)
    ("人居环境有没有单独成章", "structure", None, "人居环境"),
    ("养老方面做了哪些工作", "list", "task", "养老"),
    # The heading's name asked after the noun; a part named by what it speaks of after the asker's
    # own account of the layout; a count asked as 总数是多少个; 方面 without 个; a quantity guessed.
    ("计划分了五大块讲城市治理那一块叫什么标题", "structure", None, "城市治理"),
    ("名词解释总数是多少个", "count", "term", ""),
    ("附了一串名词解释一共几个", "count", "term", ""),
    ("工作回顾分几方面", "structure", None, "工作回顾"),
    ("主要做了几方面工作", "structure", None, "主要"),
    ("发展定位里头有哪些", "list", None, "发展定位"),
    # The year's end said as it comes near; pointing words and "the work" around a due list's topic.
    ("都快年底了土地方面要完成的活还有哪些入库收储这些", "due", "task", "土地方面入库收储"),
    # 建成 is work falling due; 哪几样 lists; why the asker asks is no topic.
    ("快年底了要建成的是哪几样我对下进度", "due", "task", "建成"),
    ("养老服务有哪几样", "list", None, "养老服务"),
    # A place in a row said as a rank (排在第三位的) is an ordinal.
    ("工作安排里排在第三位的是哪块", "structure", None, ""),
    # The plans' arrangements are what a list holds, not its topic.
    ("跟养老相关的安排有哪些", "list", None, "养老"),
    # How the asker wants to see it is no topic; 多少 before a part word asks as 几; 几大项 are parts.
    ("政府工作报告的框架是怎样的", "structure", None, ""),
    ("规划目录发我看看", "structure", None, ""),
    ("规划分了多少章", "structure", None, ""),
    ("工作安排有几大项", "structure", None, "工作安排"),
    ("示范机构要求几年内建成", "answer", None, "示范机构要求几年内建成"),
    ("指标表里民生那一类都列了啥", "list", None, "指标表里民生"),
    ("安全生产的任务帮我列全", "list", "task", "安全生产"),
    # Words around the topic (围绕, 都安排了, 那一块) and the everyday noun of work to do (活儿).
    ("围绕会展那一块都安排了哪些任务", "list", "task", "会展"),
    ("抓品质增韧性方面有哪些活儿", "list", "task", "抓品质增韧性"),
    # 多少个 with the noun of an item kind counts the items; where they stand and the figure asked go.
    ("政府报告后面附了多少个名词解释", "count", "term", ""),
    ("规划文本章节数是多少", "structure", None, ""),
    # Asking the parts' names (题目各叫啥, 都叫啥) adds nothing to read; 那章 points at the part.
    ("工作计划正文分几个部分，题目各叫啥", "structure", "section", ""),
    ("保障措施那章下面有几节都叫啥", "structure", None, "保障措施"),
    ("报告文末那些名词注释总共列了多少个词", "count", "term", ""),
    # Items listed and then counted (哪几项…数一下) are a count of items.
    ("专栏1里哪几项属于约束性，数一下", "count", None, "专栏1里约束性"),
    ("规划一共几大部分", "structure", None, ""),
    ("增进民生福祉那部分分几块", "structure", None, "增进民生福祉"),
    ("深港合作那几项任务逾期了吗", "overdue", "task", "深港合作"),
    ("名词解释一共有几条", "count", "term", ""),
    ("规划分几章", "structure", None, ""),
    # A count said over "that part" counts what the part holds.
    ("会展那部分一共几条任务", "count", "task", "会展"),
    ("幸福新河那一章下面一共几节", "count", "section", "幸福新河"),
    ("专栏1总共多少项指标", "count", "indicator", "专栏1"),
    # Each chapter: the document's parts.
    ("把各章标题发我一下", "structure", "section", ""),
    # Headings under a part; a document's annex before the topic (报告附件里…) is no part of it.
    ("创新新河那部分底下有哪些小标题", "structure", "section", "创新新河"),
    ("平安新河下面几个小节", "count", "section", "平安新河"),
    ("专栏1都列了哪些指标", "list", "indicator", "专栏1"),
    ("哪些计划里说了要办招聘会都摘出来", "list", None, "办招聘会"),
    ("家庭医生签约这块哪些规划里有提", "list", None, "家庭医生签约"),
    # Asking politely (帮我, 给我) is no part of the topic; nor is how many headings there are (几个),
    # nor a word naming the document where a cue stood.
    ("帮我把工作计划的几个小标题列一下", "list", "section", ""),
    ("给我念一下五个小标题", "list", "section", ""),
    ("规划哪个部分专门讲文化", "structure", None, "文化"),
    # The words before 那部分 name the part; what follows is what the asker thinks is in it.
    ("发展环境那部分对机遇和挑战分了几个方面", "structure", None, "发展环境"),
    # By now (到现在应该都…了吧, 截至目前): what was to be done by today.
    ("安全生产任务到现在应该都完成了吧", "due", "task", "安全生产任务"),
    # What the documents say about a topic (说法, 讲到): the saying is no part of it; 安排 are tasks.
    ("各份材料里讲到河道治理有哪些说法", "list", None, "河道治理"),
    ("几个规划里说到社区食堂的都有哪些", "list", None, "社区食堂"),
    # A deadline question asking how much is to be done (完成多少) asks for the figures to reach.
    ("年底前各类培训场次要完成多少，都列一下", "due", "indicator", "各类培训场次多少"),
    ("年底前要完成多少项任务，都列一下", "due", "task", ""),
    # A point in the year the asker stands at (截至8月) and the annual task list itself are no topic;
    # 定了数的 targets are every target.
    ("截至9月，年度任务中标明招商引资的那几项分别是啥", "list", None, "招商引资"),
    ("计划里定了数的那些目标现在都该到期了吧", "due", "indicator", ""),
    # 交差 (handing the work in) is finishing it; the line of work (口子上) is no part of the topic.
    ("文旅口子上这个月该交差的有哪几项", "due", "task", "文旅"),
    # A classifier said twice after 一 (一条条) is item by item; 捞出来 fishes out all of it; what is not done
    # yet (没办完的) is what falls due, no part of the topic.
    ("康养相关的安排一条条列出来", "list", None, "康养"),
    ("垃圾分类的任务一项一项列出来", "list", "task", "垃圾分类"),
    ("写到应急管理的句子都给我捞出来", "list", None, "写到应急管理的句子"),
    ("逾期没办完的招聘相关事项", "overdue", "task", "招聘"),
    # Who asked and the source asked for (同事问的, 有原文吗, 给个出处) are asides; 几个节, 几小节 ask for parts.
    ("同事问的：人居环境那章几个节，有原文吗", "structure", "section", "人居环境"),
    ("平安新河那部分含几小节，给个出处", "structure", None, "平安新河"),
    # 哪一大块: which top part; 必须交账 is finishing the work.
    ("报告哪一大块讲自身建设", "structure", None, "自身建设"),
    ("年底前必须交账的几件事给我捋捋", "due", "task", ""),
    # 给我捋一下 asks for the items in order; a table's rows (几行, 哪几行) are counted and listed as items;
    # 归哪个大标题 asks where.
    ("交通那块的任务给我捋一下", "list", "task", "交通"),
    ("表格经济发展归类下几行", "count", None, "表格经济发展"),
    # 共几节: the parts counted, as 一共几节 (共 is no word of the topic).
    ("党建一章里从严治党意识形态共几节", "count", "section", "党建一章里从严治党意识形态"),
    ("党建一章里从严治党意识形态一共几节", "count", "section", "党建一章里从严治党意识形态"),
    # A word said plainly may make another (那段完整标题 → 那段标题 → 那一节标题); 的标题全称, 啥标题 and 什么标题 ask
    # for the heading, as 标题是啥 asks.
    ("落细落实改革开放那段完整标题", "structure", None, "落细落实改革开放"),
    ("专栏1的标题全称", "structure", None, "专栏1"),
    ("石化园区那节啥标题", "structure", None, "石化园区"),
    ("石化园区那节什么标题", "structure", None, "石化园区"),
]


@pytest.mark.parametrize("question,kind,wanted,topic", CASES)
def test_reading(question: str, kind: str, wanted: str | None, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.wanted, r.topic) == (kind, wanted, topic)


def test_small_points_under_a_numbered_part_are_its_parts() -> None:
    r = read(normalize("纲要第八部分党建那块底下列了多少个小点"))
    assert (r.kind, r.wanted, r.path, r.topic) == ("count", "section", (8,), "党建")


def test_a_chapter_of_its_own_is_a_top_part() -> None:
    r = read(normalize("人居环境是不是单列了一章，叫什么"))
    assert (r.kind, r.top, r.parts) == ("structure", True, False) and r.topic.startswith("人居环境")


def test_already_is_no_part_of_a_due_lists_topic() -> None:
    r = read(normalize("学校医院住房已经到期的有哪些"))
    assert r.kind == "due" and "已经" not in r.topic


def test_a_part_pointed_at_before_a_question_of_its_own() -> None:
    assert part_pointed_at("主要目标那段对总体定位是怎么表述的") == "主要目标"
    assert part_pointed_at("远景目标那一节里提了哪几个定位") == "远景目标"
    assert part_pointed_at("养老那块都有哪些安排") == ""  # (那块 is said of any topic)
    assert part_pointed_at("主要目标有哪些") == ""


def test_what_a_part_lists_is_counted_whatever_the_measure_word() -> None:
    """列了几个 / 列了几点: how many a part lists (not a figure stated, as 有几个社区 asks)."""
    assert read(normalize("名词解释报告里列了几个")).kind == "count"
    assert read(normalize("发展基础部分列了几点成绩")).kind == "count"
    assert read(normalize("辖区有几个社区")).kind == "answer"


def test_a_word_asked_of_headings_titles() -> None:
    assert title_word("规划里标题带安全二字的有哪几节") == "安全"
    assert title_word("哪些小节的名字带文化") == "文化"
    assert title_word("安全生产有哪些任务") == ""


def test_ordinal_part_of_a_document() -> None:
    r = read(normalize("规划第三章是什么内容"))
    assert (r.kind, r.ordinal, r.parts) == ("structure", 3, False)


def test_a_part_counted_in_blocks_or_aspects_and_the_part_it_is_counted_in() -> None:
    r = read(normalize("重点工作第八块讲什么"))
    assert (r.kind, r.ordinal, r.within, r.parts) == ("structure", 8, "重点工作", False)
    r = read(normalize("幸福新河的第四部分拆成多少个小标题"))
    assert (r.kind, r.wanted, r.ordinal, r.within, r.parts) == ("structure", "section", 4, "幸福新河", True)
    assert read(normalize("工作回顾的第三个方面讲什么")).ordinal == 3
    # 第六大块, 第二个板块: a part counted with 大 or 板块.
    r = read(normalize("附件第六大块叫啥"))
    assert (r.kind, r.ordinal, r.wanted) == ("structure", 6, "section")
    assert read(normalize("规划第二个板块是什么")).ordinal == 2
    # 第三大项, and 第五个聚焦: the fifth of the parts counted, named by the word they open with.
    r = read(normalize("计划的第三大项主要讲啥内容"))
    assert (r.kind, r.ordinal, r.parts) == ("structure", 3, False)
    r = read(normalize("工作安排里第五个聚焦说的是啥"))
    assert (r.kind, r.ordinal, r.within) == ("structure", 5, "工作安排")


def test_words_of_what_was_done_mark_a_question_about_the_past() -> None:
    assert read(normalize("去年家庭医生签约服务取得了哪些成效")).past is True
    assert read(normalize("家庭医生签约服务都有哪些安排")).past is False
    assert read(normalize("工作回顾分哪几个方面")).topic == "工作回顾"  # (the words stay in the topic)


def test_which_part_is_about_a_topic_is_a_where_question() -> None:
    r = read(normalize("哪一部分专门讲生态"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "生态")


def test_a_part_named_by_its_parts_or_by_itself() -> None:
    assert read(normalize("幸福新河那部分有几节")).parts is True
    assert read(normalize("发展环境那一节")).parts is False


def test_an_ordinal_inside_a_question_about_content_is_not_the_outline() -> None:
    r = read(normalize("第六章第二十一条规定了哪些行为会受到处罚"))
    assert r.ordinal is None


def test_due_horizons() -> None:
    assert read(normalize("本周到期的任务")).horizon == "week"
    assert read(normalize("这个月到期的任务")).horizon == "month"
    assert read(normalize("年底前要完成哪些任务")).horizon == "year"
    # (said with 以前 / 之前 as well)
    r = read(normalize("年底以前要完工的工程有哪些"))
    assert (r.kind, r.horizon, r.topic) == ("due", "year", "完工")
    assert read(normalize("月底之前到期的任务")).horizon == "month"


@pytest.mark.parametrize("question,kind", [
    ("城市更新包括哪几部分", "structure"), ("这个规划分为几个阶段", "structure"), ("快到期的任务", "due"),
    ("拖期的任务", "overdue"), ("安全生产有多少条措施", "count"), ("民生实事有哪些", "list"),
])
def test_more_ways_of_asking(question: str, kind: str) -> None:
    assert read(normalize(question)).kind == kind


def test_a_topic_that_only_names_the_document_is_no_topic() -> None:
    assert read(normalize("这个规划分为几个阶段")).topic == ""


def test_the_parts_of_a_numbered_part() -> None:
    r = read(normalize("第七章有几节"))
    assert (r.kind, r.ordinal, r.parts) == ("structure", 7, True)


def test_ordinals_in_turn_name_a_part_inside_a_part() -> None:
    r = read(normalize("规划第四章第五节讲什么"))
    assert (r.kind, r.path, r.parts) == ("structure", (4, 5), False)


def test_the_last_part_is_counted_from_the_end() -> None:
    r = read(normalize("规划最后一章讲什么"))
    assert (r.kind, r.ordinal, r.parts) == ("structure", -1, False)


@pytest.mark.parametrize("question,topic", [
    ("增进民生福祉下面分几条", "增进民生福祉"), ("年底前要竣工的项目还有哪些", "竣工"),
])
def test_what_a_chat_leaves_around_the_topic_is_trimmed(question: str, topic: str) -> None:
    assert read(normalize(question)).topic == topic


def test_which_part_a_topic_is_in() -> None:
    r = read(normalize("规划里专门讲养老服务新体系的是哪一节"))
    assert (r.kind, r.parts) == ("structure", False)


def test_asking_when_one_task_is_due_is_no_deadline_list() -> None:
    assert read(normalize("老旧小区改造要在什么时候之前完成")).kind == "answer"
    assert read(normalize("年底前要完成的教育任务")).kind == "due"


def test_a_number_where_ji_would_be_asks_the_same() -> None:
    r = read(normalize("重点任务分哪八个方面"))
    assert (r.kind, r.parts) == ("structure", True)


def test_a_list_asked_of_a_part_is_its_parts() -> None:
    r = read(normalize("保障措施那部分有哪几节"))
    assert (r.kind, r.parts, r.topic) == ("structure", True, "保障措施")


def test_what_a_structure_cue_leaves_after_the_document_word_is_trimmed() -> None:
    r = read(normalize("计划分了哪几个部分"))
    assert (r.kind, r.topic) == ("structure", "")


@pytest.mark.parametrize("question,kind,wanted,topic", [
    ("报告后面名词解释一共几条", "count", "term", ""),  # where in the document is no topic
    ("规划里哪一节专门讲养老", "structure", None, "养老"),
    ("有哪几个大部分", "structure", None, ""),
])
def test_where_and_how_a_part_is_said_is_no_part_of_the_topic(question: str, kind: str, wanted: str | None,
                                                                topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.wanted, r.topic) == (kind, wanted, topic)


def test_the_last_part_named_by_what_it_is_about() -> None:
    r = read(normalize("规划最后保障那部分分几节"))
    assert (r.kind, r.path, r.parts) == ("structure", (-1,), True)


@pytest.mark.parametrize("question,kind,topic", [
    ("报告回顾工作是从哪几方面写的", "structure", "报告回顾工作"),
    ("要推动上市的是哪几家企业", "list", "推动上市企业"),
    ("定的要开工建设的项目现在都逾期了吧有哪些", "overdue", "开工建设"),
    ("非遗方面各地有啥打算都列一下", "list", "非遗"),
    ("几个规划里关于招聘会的内容列一下", "list", "招聘会"),
    ("那几个大模型列一下", "list", "大模型"),
    ("哪些地方提到了非遗，列一下", "list", "非遗"),
    ("规划里提到过垃圾分类的有哪些", "list", "垃圾分类"),
])
def test_how_a_chat_frames_a_list_is_no_part_of_its_topic(question: str, kind: str, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.topic) == (kind, topic)


def test_a_figure_asked_at_the_end_of_the_year_is_no_deadline_list() -> None:
    assert read(normalize("年底了闲置楼宇盘活目标是多少")).kind == "answer"
    assert read(normalize("年底前要完成哪些任务")).kind == "due"


@pytest.mark.parametrize("question,kind", [
    ("下周要去化工园区检查对化工园区规范化管理都提了哪些要求", "list"),  # a time said in passing
    ("这个月有哪些任务要完成", "due"), ("本周到期的", "due"), ("年底前老旧小区改造", "due"),
    ("到年底要实现全覆盖的有哪几项", "due"), ("年底了实现全覆盖的有哪几项", "list"),
])
def test_a_time_asks_for_due_tasks_only_beside_words_of_finishing_work(question: str, kind: str) -> None:
    assert read(normalize(question)).kind == kind


def test_parts_of_a_numbered_part_asked_with_chat_words() -> None:
    r = read(normalize("规划第四部分下面有几个小节 都是啥"))
    assert (r.kind, r.path, r.wanted) == ("count", (4,), "section")


def test_a_box_asked_for_its_content() -> None:
    r = read(normalize("规划专栏1是啥内容"))
    assert (r.kind, r.parts) == ("structure", False) and r.topic.endswith("专栏1")


def test_the_part_an_ordinal_counts_in() -> None:
    r = read(normalize("报告工作安排第七条讲的是啥"))
    assert (r.kind, r.path, r.within) == ("structure", (7,), "报告工作安排")
    assert read(normalize("规划最后保障那部分分几节")).within == ""


@pytest.mark.parametrize("question", ["各计划里群众文化活动一年要搞多少场", "几个规划里新建停车场都是咋安排的",
                                      "招聘会这块 各个计划都怎么安排的"])
def test_a_question_across_the_plans_is_a_list(question: str) -> None:
    assert read(normalize(question)).kind == "list"


def test_a_run_of_part_numbers_asks_for_those_parts() -> None:
    r = read(normalize("附件一到五的大标题分别是啥"))
    assert (r.kind, r.span, r.parts, r.topic) == ("structure", (1, 5), True, "")  # 附件: the document's annex
    assert read(normalize("工作重点第一到第三部分讲什么")).span == (1, 3)


@pytest.mark.parametrize("question", ["建设3到5个社区", "2021到2025年的目标", "1-5月完成多少", "五到三", "幼儿园收不收2到3岁的小娃"])
def test_numbers_that_are_no_run_of_parts(question: str) -> None:
    assert read(normalize(question)).span is None


def test_where_a_topic_stands_asks_for_the_part_holding_it() -> None:
    r = read(normalize("计划里安全生产放在哪个部分"))
    assert (r.kind, r.where, r.parts, r.topic) == ("structure", True, False, "安全生产")
    assert read(normalize("营商环境放在第几章第几节")).where is True
    assert read(normalize("讲街道作用的是哪一部分")).topic == "街道作用"
    # A long question asks what the text says (…原话在哪一部分，是怎么写的), not where it stands.
    assert read(normalize("规划里好像提到要用烈士陵园搞爱国主义教育原话在哪一部分是怎么写的")).where is False


@pytest.mark.parametrize("question,topic", [
    ("主要指标表是第几个专栏", "主要指标表"),  # the kind of part asked after the asking word
    ("定位是放在第几个大标题下", "定位"),
    ("远景那段在规划哪个位置", "远景"),  # the place in the document, the stretch pointed at
    ("智慧社区放在第几章", "智慧社区"),
])
def test_the_kind_of_part_asked_and_the_document_are_no_part_of_a_where_topic(question: str, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.where, r.topic) == ("structure", True, topic)


def test_a_stretch_of_time_pointed_at_is_no_part() -> None:
    r = read(normalize("那段时间的工作有哪些"))
    assert (r.kind, r.topic) == ("list", "时间")


def test_articles_of_a_part_are_asked_by_their_measure() -> None:
    assert read(normalize("第五章有几条")).articles is True
    assert read(normalize("第五章有哪几条")).articles is True
    assert read(normalize("第五章有几节")).articles is False
    assert read(normalize("抓民生那部分有几条任务")).articles is False  # no ordinal part: its tasks


def test_the_document_then_its_annex_is_no_part_of_the_topic() -> None:
    r = read(normalize("报告附件里讲民生的是第几部分"))
    assert (r.where, r.topic) == (True, "民生")


@pytest.mark.parametrize("question,word", [
    ("基本原则列了几个坚持", "坚持"), ("规划要打造几个“新河”", "新河"),
    ("工作安排用了多少个聚焦开头的条目", "聚焦"), ("有几个社区", "社区"), ("固投增长多少", ""),
    # "this X and that X" said of the points, when a count is asked.
    ("基本原则坚持这坚持那的一共几个", "坚持"), ("规划里加强这加强那说了一堆", ""),
    # the noun the points end with, after the verb they say it with (做对党忠诚的表率: 做…表率)
    ("报告最后讲做表率一共几条", "表率"), ("报告里当排头兵的有几个", "排头兵"), ("做表率", ""),
    # the words the points open with, then what they all end with (全力打造幸福新河, …生态新河)
    ("规划有几个全力打造的新河", "全力打造"),
    # the parts so opening, by the word for them
    ("报告里“聚焦”开头的大项有几个", "聚焦"),
    # the word each listed point opens with, counted by 条
    ("回顾工作时一共列了几条坚持", "坚持"),
    # counted by the word they open with, said as how they are divided (按方面 is the parts themselves)
    ("工作安排按聚焦算一共有几条", "聚焦"), ("按章来分有几个", ""),
    # 几项…的工作: the word the points open with, then what they are
    ("科教兴区下面有几项加快的工作", "加快"),
])
def test_how_many_points_open_with_a_word(question: str, word: str) -> None:
    from knowledge.readings import series_word
    assert series_word(normalize(question)) == word


def test_the_opening_word_of_counted_points_said_before_the_count() -> None:
    from knowledge.readings import series_word

    assert series_word(normalize("工作安排那几个聚焦打头的一共多少条")) == "聚焦"
    assert series_word(normalize("列了几个坚持")) == "坚持"
    assert series_word(normalize("开头一共几条")) == ""
    assert series_word(normalize("第二章列了多少条坚持XX的原则")) == "坚持"  # (the rest said by a placeholder)


@pytest.mark.parametrize("question,path", [
    ("2023年那八个方面里第五个", (5,)), ("分的几大块中的第三块讲什么", (3,)), ("5个部分中第2个是啥", (2,)),
    # (第六章里的第二节: an ordinal part, then one of its own by its place — not a count of parts)
    ("第六章里的第二节叫什么", (6, 2)),
    # a kind (类) of the parts, by its place, when asked what it is
    ("70项任务的第七类是什么方面", (7,)),
    # a number right after the word for the document is its part so numbered
    ("24年计划二是哪方面的内容", (2,)),
    # (第三小节的标题: the cue 节的标题 inside the ordinal is no cue)
    ("幸福新河里头第三小节的标题", (3,)),
])
def test_one_of_the_parts_counted_by_its_place(question: str, path: tuple[int, ...]) -> None:
    r = read(normalize(question))
    assert (r.kind, r.wanted, r.path) == ("structure", "section", path)


def test_a_heading_number_quoted_as_written_is_that_part() -> None:
    from knowledge.readings import unquote_part_number

    said = unquote_part_number("计划里“三、”后面跟的是啥")
    assert said.startswith("计划里第三部分")
    r = read(normalize(said))
    assert (r.kind, r.ordinal) == ("structure", 3)


@pytest.mark.parametrize("question,topic", [("纲要里讲发展环境的一共看了几个层面", "发展环境"),
                                            ("发展环境分了几个角度", "发展环境"),
                                            ("纲要的主要目标数下来是几个方面", "主要目标")])
def test_sides_of_a_matter_and_counting_aloud_ask_for_a_parts_parts(question: str, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.parts, r.topic) == ("structure", True, topic)


def test_what_a_document_is_made_of_is_how_it_is_divided() -> None:
    r = read(normalize("政府工作报告正文由几部分组成"))
    assert (r.kind, r.parts, r.topic) == ("structure", True, "")
    r = read(normalize("劳资纠纷有哪些具体安排"))
    assert (r.kind, r.topic) == ("list", "劳资纠纷")


def test_what_is_meant_to_be_done_by_a_time_is_the_due_lists_topic() -> None:
    r = read(normalize("年内打算建成哪几样东西"))
    assert (r.kind, r.topic) == ("due", "建成")


def test_a_kind_named_by_its_place_before_other_words_is_no_part() -> None:
    assert read(normalize("第一类疫苗怎么打")).ordinal is None


def test_the_kind_of_item_looked_in_and_touching_on_are_no_part_of_a_lists_topic() -> None:
    from knowledge.own_words import without_trailing_chatter

    r = read(normalize("任务里跟海洋沾边的有哪些"))
    assert r.kind == "list" and without_trailing_chatter(r.topic) == "海洋"


@pytest.mark.parametrize("question,word", [("任务里带试点的有几条", "试点"), ("报告有几个地方说到鸿蒙", "鸿蒙"),
                                           ("三线一单在那份纲要里出现过几处", "三线一单"), ("有几个社区", ""),
                                           ("任务里写明香港的条目数", "香港"), ("规划里提楼宇的段落有几段", "楼宇"),
                                           ("标题带安全二字的有哪几节", ""), ("规划中宣讲出现了几次", "宣讲"),
                                           ("规划里有几段提到疫情", "疫情"), ("谈到景观带、景观改造的共几段", ""),
                                           ("首店一共出现几次", "首店"), ("滨城两字一共在几段里", "滨城"),
                                           ("有几条任务提到7个社区", "7个社区"), ("报告里提了几回元宇宙", "元宇宙"),
                                           ("计划提到滨城的段落数", "滨城"), ("两份文件里说新材料的有几处", ""),
                                           ("提到雏鹰企业的共有几处", "雏鹰企业"), ("说到直播电商的都有哪些地方", "直播电商"),
                                           ("清单里泥头车在几条任务里提过", "泥头车"), ("说明书有几处", ""),
                                           ("报告里讲供热的有几处", ""), ("按平方公里说面积的有几处", ""),
                                           # (which documents write it: a list of what they say of it)
                                           ("哪些文件提到了鸿蒙", ""),
                                           # (the kind of content the word stands for is no part of it)
                                           ("全民健身这类内容总共出现几处", "全民健身"),
                                           ("工会一词在各规划里前后共出现了几处", "工会")])
def test_the_places_a_word_is_written_are_counted(question: str, word: str) -> None:
    from knowledge.readings import mention_word

    assert mention_word(normalize(question)) == word


def test_a_kind_of_the_parts_pointed_at_with_its_title_asked_is_that_part() -> None:
    r = read(normalize("任务清单里安全稳定这一类的标题"))
    assert (r.kind, r.named, r.topic) == ("structure", True, "安全稳定")


def test_the_documents_asked_of_each_are_no_part_of_the_topic() -> None:
    from knowledge.readings import asks_each_document

    r = read(normalize("市容和城市环境提升在两个规划哪节"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "市容和城市环境提升")
    assert asks_each_document(normalize("两份街道十四五规划营商环境分别是哪节"))
    assert not asks_each_document(normalize("大港街道规划里营商环境在哪一节"))


def test_a_word_headings_are_titled_with() -> None:
    assert title_word(normalize("以从严治党为题的小节共几个")) == "从严治党"
    assert title_word(normalize("标题带安全二字的有哪几节")) == "安全"


def test_what_a_term_means_asked_of_its_content_is_no_structure_question() -> None:
    assert read(normalize("提的五基具体指什么内容")).kind == "answer"


def test_what_a_numbered_part_mainly_tells_is_that_part() -> None:
    r = read(normalize("规划第七章主要讲哪块工作"))
    assert (r.kind, r.ordinal, r.topic) == ("structure", 7, "")


def test_the_last_big_part_pointed_at_is_the_last_part() -> None:
    r = read(normalize("计划收尾那一大块的标题叫啥"))
    assert (r.kind, r.ordinal) == ("structure", -1)


def test_a_part_asked_for_by_its_place_whatever_it_holds() -> None:
    r = read(normalize("政府自身建设是第几大块内容"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "政府自身建设")


@pytest.mark.parametrize("question", ["规划最后收尾讲的啥内容", "规划结尾写了什么"])
def test_what_the_end_of_a_document_says_is_its_last_part(question: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.ordinal) == ("structure", -1)
    assert read(normalize("最后落脚要建成个啥")).ordinal is None  # (最后 said of the outcome, not of a part)


@pytest.mark.parametrize("question", ["规划收尾一章讲什么", "规划末尾一章讲什么", "规划最后一章讲什么"])
def test_every_word_of_the_last_one_names_the_last_part(question: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.ordinal) == ("structure", -1)


def test_a_parts_bracketed_sub_part_is_the_next_ordinal() -> None:
    from knowledge.readings import unbracket_span

    said = unbracket_span("报告第二部分（五）讲的什么")
    assert said == "报告第二部分第五节讲的什么"
    assert read(normalize(said)).path == (2, 5)
    # A lone bracketed number is a sub-part too, of the part the question names by its heading.
    assert unbracket_span("（五）讲的什么") == "第五节讲的什么"
    said = unbracket_span("工作安排中的（四）是围绕哪个方面展开的")
    r = read(normalize(said))
    assert (r.kind, r.path, r.within) == ("structure", (4,), "工作安排")


@pytest.mark.parametrize("question", ["计划的第三块围绕什么主题来写", "第三块主题是什么", "收尾那一章叫啥名字"])
def test_asking_a_parts_theme_or_name_asks_for_the_part(question: str) -> None:
    r = read(normalize(question))
    assert r.kind == "structure" and r.path and not r.topic.strip("来写")


@pytest.mark.parametrize("question,same_as", [
    ("基本要求拢共几条", "基本要求一共几条"), ("基本要求合计几条", "基本要求一共几条"),
    ("幼儿教育放在哪个小节", "幼儿教育放在哪一节"),
])
def test_a_word_said_for_another_reads_as_that_word(question: str, same_as: str) -> None:
    assert read(normalize(question)) == read(normalize(same_as))
    assert read(normalize(question)).kind in ("count", "structure")


def test_which_area_of_work_a_part_is_about_is_the_part_itself() -> None:
    r = read(normalize("第二部分第五节讲的哪块工作"))
    assert (r.kind, r.path, r.where, r.parts, r.wanted) == ("structure", (2, 5), False, False, "section")


def test_hurrying_to_finish_is_no_part_of_a_due_topic() -> None:
    assert read(normalize("赶在年内收尾竣工的项目都有啥")).topic == "竣工"


def test_what_each_party_means_to_do_is_a_list() -> None:
    r = read(normalize("垃圾分类各家都打算做什么"))
    assert (r.kind, r.topic) == ("list", "垃圾分类")


def test_asking_what_a_part_is_called_asks_for_the_part() -> None:
    r = read(normalize("规划第七章讲人居环境吗标题叫啥"))
    assert (r.kind, r.path, r.parts) == ("structure", (7,), False)
    # An ordinal keeps its own measure word (第五节叫啥 is the fifth section of the fourth chapter).
    assert read(normalize("规划第四章第五节叫啥")).path == (4, 5)
    # (第五小节: a section said small, as 第二大部分 is said large)
    r = read(normalize("幸福新河第五小节题目是什么"))
    assert (r.kind, r.path, r.wanted, r.within) == ("structure", (5,), "section", "幸福新河")


@pytest.mark.parametrize("question,kind,wanted,topic", [
    ("年内必须完工交付的工程给我列列", "due", "task", "完工交付"),
    ("限定当年要达成的目标都有啥，现在该对账了", "due", "indicator", ""),
])
def test_words_of_obligation_around_a_due_list_are_no_topic(question: str, kind: str, wanted: str,
                                                           topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.wanted, r.topic) == (kind, wanted, topic)


def test_asking_for_a_heading_s_wording_asks_for_the_part() -> None:
    r = read(normalize("安全和稳定放在第几部分，标题原文"))
    assert (r.kind, r.parts) == ("structure", False)
    r = read(normalize("文化这块那个一级标题原话是什么"))
    assert (r.kind, r.topic) == ("structure", "文化")


def test_which_year_s_end_asks_for_one_item_s_date() -> None:
    """哪年底要完成 is the deadline of one task, not the tasks due at a year's end."""
    assert read(normalize("老旧小区改造哪年底要完成五个")).kind == "answer"
    assert read(normalize("年底要完成哪些任务")).kind == "due"


def test_the_time_left_in_the_year_and_when_targets_were_set_are_no_topic() -> None:
    r = read(normalize("只剩四个月，年初定下的当年目标有哪些"))
    assert (r.kind, r.wanted, r.topic) == ("due", "indicator", "")
    assert read(normalize("今年剩下一个月还有哪些该开工的没动")).kind == "due"  # (剩下 is the year's end)


def test_a_word_said_for_another_is_not_replaced_inside_a_longer_word() -> None:
    assert read(normalize("保障措施在哪个节")).kind == "structure"
    assert read(normalize("项目推进到哪个节点了")).kind == "answer"  # 节点 is no section


def test_an_ordinal_counting_a_tables_rows_is_no_part_of_the_outline() -> None:
    """专栏指标第8项…: the eighth row of a table, not the eighth part of the document."""
    assert read(normalize("专栏指标第8项高新技术企业那一栏写的几家")).inside == ()
    assert read(normalize("第六章第二十一条规定了哪些行为要受到处罚")).inside == (6, 21)


@pytest.mark.parametrize("question,topic", [
    ("揭榜挂帅哪些计划里准备用", "揭榜挂帅"),
    ("智慧养老在各个计划里都是怎么安排的", "智慧养老"),
    ("企业上市的事，哪几份材料里都写了", "企业上市"),
    ("几个街道的计划里，招聘会分别打算怎么办", "招聘会"),
])
def test_several_documents_said_by_a_quantifier_ask_for_each_plans_items(question: str, topic: str) -> None:
    """哪些计划里, 几个街道的计划里: a list across the plans; the words are no part of the topic."""
    r = read(normalize(question))
    assert (r.kind, r.topic) == ("list", topic)


def test_documents_others_are_to_make_are_no_quantifier_of_the_plans() -> None:
    """各地制订的实施方案: what the localities are to write, not "each of the plans"."""
    assert "实施方案" in read(normalize("通知要求各地制订的实施方案要明确什么")).topic


def test_this_part_and_the_last_part_pointed_at_are_read() -> None:
    r = read(normalize("文化新河这一部分包含几个小节"))
    assert (r.kind, r.wanted, r.topic) == ("count", "section", "文化新河")
    r = read(normalize("纲要收尾那一部分是讲什么内容"))
    assert (r.kind, r.path) == ("structure", (-1,))


@pytest.mark.parametrize("question,topic", [
    ("都11月下旬了，报告里年内要完工交付的工程还剩哪些", "完工交付"),
    ("眼看要过完了，土地整备这块要完成的任务有哪些", "土地整备"),
])
def test_the_time_of_asking_told_is_no_topic(question: str, topic: str) -> None:
    """都11月下旬了, 眼看(今年)要过完了: when the asker asks, not what the items are about."""
    assert read(normalize(question)).topic.startswith(topic)


def test_the_time_of_asking_told_is_no_question_of_what_was_done() -> None:
    assert not read(normalize("过去大半了，计划开工的项目有哪些")).past


def test_a_part_counted_from_the_end_or_named_in_brackets() -> None:
    """倒数那章, 倒数第二章, 最后一大部分: counted from the end; （第八章） said in brackets is the ordinal."""
    assert read(normalize("规划倒数那章叫什么名字")).path == (-1,)
    r = read(normalize("规划倒数第二章叫什么"))
    assert (r.kind, r.path, r.within) == ("structure", (-2,), "")
    assert read(normalize("报告最后一大部分标题")).path == (-1,)
    assert read(unbracket_span("规划倒数那章（第八章）叫什么名字")).path == (8,)


def test_parts_counted_by_dividing_by_them() -> None:
    """按方面划分的话有多少个: how many parts of that kind, as 分几个方面 asks."""
    r = read(normalize("附件按方面划分的话有多少个"))
    assert (r.kind, r.parts) == ("structure", True)


def test_the_heading_a_topic_belongs_to_is_a_where_question() -> None:
    """X那块在计划里对应的大标题: the top part holding X; 在计划里 is no part of the topic."""
    r = read(normalize("全面深化改革开放那块，在计划里对应的大标题怎么写的"))
    assert (r.kind, r.where, r.top) == ("structure", True, True)
    assert r.topic.startswith("全面深化改革开放") and "计划" not in r.topic


def test_what_a_part_pointed_at_says_is_a_question_about_its_text() -> None:
    """防范化解风险那一节里，说…原话咋写的: the words inside the part, not the part."""
    r = read(normalize("防范化解风险那一节里，说按照书记四铁和什么六个必的要求，原话咋写的"))
    assert r.kind == "answer"
    assert read(normalize("保障措施那部分里有哪几节")).kind == "structure"


def test_item_by_item_and_how_each_is_worded_ask_for_a_list() -> None:
    r = read(normalize("几份计划里关于PM2.5的目标分别怎么写的，挨个列下"))
    assert (r.kind, r.topic) == ("list", "pm25的目标")


def test_pointing_back_at_things_named_is_no_count_of_parts() -> None:
    """工会、妇女儿童、青年这几块各有哪些任务: a list of those things, not the parts of the document."""
    r = read(normalize("工会、妇女儿童、青年这几块各有哪些任务"))
    assert (r.kind, r.wanted) == ("list", "task")
    assert read(normalize("各个计划里关于充电桩的内容汇总一下")).kind == "list"
    assert read(normalize("秘书组汇总评审结果后要做什么")).kind == "answer"


def test_a_verb_between_the_total_and_the_asking_word_is_no_part_of_the_cue() -> None:
    """总共解释了几个词: a count of the terms, as 总共几个词 asks."""
    r = read(normalize("文末名词解释总共解释了几个词"))
    assert (r.kind, r.wanted) == ("count", "term")


def test_parts_counted_by_their_bracketed_numbers() -> None:
    """按（一）（二）排下来一共几条: the bracketed parts of the part named are counted."""
    r = read(normalize(unbracket_span("工作安排按（一）（二）排下来一共几条")))
    assert (r.kind, r.parts, r.topic) == ("structure", True, "工作安排")


@pytest.mark.parametrize("question,wanted,topic", [
    ("智慧社区有关的指标、任务都给我列一下", None, "智慧社区"),  # (有关: concerning, no part of the topic)
    ("养老的任务和指标有哪些", None, "养老"),
    ("养老的任务有哪些", "task", "养老"),
    ("规划保障措施那部分有哪几节", "section", "规划保障措施"),
])
def test_two_kinds_of_item_asked_side_by_side_are_every_kind(question: str, wanted: str | None, topic: str) -> None:
    r = read(normalize(question))
    assert (r.wanted, r.topic) == (wanted, topic)


def test_a_chapter_or_major_part_asked_for_is_the_top_part_holding_the_topic() -> None:
    """哪一章讲…, 哪个大部分: the chapter holding the heading that names the topic; 第几章第几节 asks for the
    heading under the chapter as well, so nothing is lifted."""
    r = read(normalize("规划哪一章专门讲污染防治市容治理那些的"))
    assert (r.kind, r.where, r.top) == ("structure", True, True)
    r = read(normalize("那个规划讲污染防治的是哪个大部分"))
    assert (r.kind, r.where, r.top) == ("structure", True, True) and r.topic == "污染防治"
    r = read(normalize("招商引资是第几章第几节"))
    assert (r.kind, r.where, r.top) == ("structure", True, False)


def test_the_full_name_of_a_heading_asked_for_is_no_part_of_the_topic() -> None:
    r = read(normalize("规划里文化新河对应第几部分标题全称是啥"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "文化新河")


@pytest.mark.parametrize("question, topic", [
    ("推动城市更新那一项编号是几", "推动城市更新"),
    ("推动城市更新那一项是第几项", "推动城市更新"),
    ("城市更新排在第几", "城市更新"),
])
def test_the_position_of_a_part_asked_is_a_where_question(question: str, topic: str) -> None:
    """编号是几, 第几项 (not 几项: a count), 排在第几: the part holding the topic, by its number."""
    r = read(normalize(question))
    assert (r.kind, r.where, r.topic) == ("structure", True, topic)


def test_first_to_do_something_is_no_part_of_the_document() -> None:
    """第一个完成 (the first to finish) is no ordinal part; 第一个聚焦 is."""
    assert read(normalize("城市更新想抢第一个完成时间节点是")).ordinal is None
    assert read(normalize("第一个聚焦讲什么")).ordinal == 1


def test_a_cue_inside_a_longer_word_is_no_cue() -> None:
    """框架 asks for the outline; 框架协议 is a word of its own (a fourth column of the table)."""
    assert read(normalize("框架是怎样的")).kind == "structure"
    assert read(normalize("跟北京哪个区签了战略合作框架协议")).kind != "structure"
    assert read(normalize("建筑垃圾弃置场使用到期后要恢复什么")).kind == "answer"


def test_the_name_of_a_part_asked_with_a_heading_word() -> None:
    """叫啥标题, 小节标题: the part itself; 小节 makes a heading under a chapter, 那一章 a top part."""
    r = read(normalize("党建那章里管意识形态的小节标题"))
    assert (r.kind, r.parts, r.named, r.top) == ("structure", False, True, False)
    r = read(normalize("讲招商和物流的那部分叫啥标题"))
    assert (r.kind, r.named, r.topic) == ("structure", True, "招商和物流")
    r = read(normalize("收尾那一章讲规划怎么落实标题是啥"))
    assert (r.kind, r.named, r.top) == ("structure", True, True)
    assert not read(normalize("日照中心2.0那部分说的啥")).named


def test_points_counted_by_the_word_the_document_divides_them_by() -> None:
    assert series_word("主要工作按几个坚持分的") == "坚持"
    assert series_word("附件里的按几个奋力争先分组的") == "奋力争先"
    assert series_word("按几个部分分的") == "部分"  # (a part word: read as structure by the search)


def test_a_question_after_a_part_said_without_li_asks_what_it_says() -> None:
    r = read(normalize("在优化社会发展环境那一节，提到石化企业社会化移交遗留的问题要怎么处置化解"))
    assert r.kind == "answer"


@pytest.mark.parametrize("question, kind, topic", [
    ("各份计划里非遗方面有啥安排", "list", "非遗"),
    ("规划里讲到双碳的地方都列一下", "list", "双碳"),
    ("企业户数的目标都是多少", "list", "企业户数"),
])
def test_how_a_list_is_asked_is_no_part_of_its_topic(question: str, kind: str, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.topic) == (kind, topic)


def test_work_to_hand_in_by_a_time_left_is_work_falling_due() -> None:
    """离年底就一个月了…还有哪些活儿要交: 年底 stays as the horizon, the time left is told, not asked."""
    r = read(normalize("离年底就一个月了还有哪些编制类的活儿要交"))
    assert (r.kind, r.horizon) == ("due", "year")
    assert without_time_of_asking("十四五就剩这一个月了企业户数") == "十四五企业户数"
    assert without_time_of_asking("离年底就一个月了要交") == "年底要交"
    assert without_time_of_asking("离年底就仨月了得编完") == "年底得编完"  # (仨: three, its measure said)
    # 眼看年底了…还有哪些…没办: work not yet done as the year's end comes near falls due by then
    r = read(normalize("眼看年底了还有哪些立项入库的活没办"))
    assert (r.kind, r.horizon) == ("due", "year") and "还有" not in r.topic
    # (the year of asking told: 都2024年了; 到2025年 is no time of asking)
    assert without_time_of_asking("都2024年了宝安去年该立项的事哪些逾期了") == "宝安去年该立项的事哪些逾期了"
    assert without_time_of_asking("到2025年了吗") == "到2025年了吗"
    # (the season of asking told: 马上到汛期了; 年底 stays, the time things fall due by)
    assert without_time_of_asking("马上到汛期了规划里防汛这块都要做啥") == "规划里防汛这块都要做啥"
    assert without_time_of_asking("马上到年底了还有哪些没完成") == "马上到年底了还有哪些没完成"


def test_the_head_of_a_row_of_groups_is_the_first_part() -> None:
    """排头一组 (the group at the head of the row) is the first part, as 第一组 is."""
    r = read(normalize("重点任务里排头一组是围绕什么来的"))
    assert (r.kind, r.ordinal, r.wanted) == ("structure", 1, "section")
    assert read(normalize("第二组讲的什么")).ordinal == 2


def test_points_counted_by_what_they_do_or_before_their_kind() -> None:
    """坚持了几个, 那几条坚持原则一共有多少条: the points opening with 坚持."""
    assert series_word("基本原则数一数坚持了几个") == "坚持"
    assert series_word("那几条坚持原则一共有多少条") == "坚持"
    assert series_word("指导思想后面那几条基本要求都是坚持什么") == "坚持"
    assert series_word("都是坚持什么") == ""  # (no points pointed at)


def test_parts_counted_after_a_word_of_work_are_parts_of_that_work() -> None:
    """重点工作一共排了多少个方面: the parts of 重点工作, not tasks about 重点."""
    r = read(normalize("重点工作一共排了多少个方面"))
    assert (r.kind, r.wanted, r.topic) == ("structure", None, "重点工作")
    assert read(normalize("安全生产有几项任务")).wanted == "task"


def test_a_placeholder_before_the_count_names_the_points_word() -> None:
    """全力打造啥啥新河的一共几个: the headings opening (or whose last clause opens) with 全力打造."""
    assert series_word("规划里全力打造啥啥新河的一共几个") == "全力打造"
    assert series_word("多少条坚持xx的原则") == "坚持"


@pytest.mark.parametrize("question, topic, top", [
    ("生态那部分是第几大块", "生态", True),
    ("社会治理归第几大项", "社会治理归", True),
    ("那本规划里养老服务写在哪章哪节", "养老服务", False),
    ("外来人口和流动人口管理是哪个小节讲的", "外来人口和流动人口管理", False),
])
def test_the_position_of_a_part_asked_in_other_words(question: str, topic: str, top: bool) -> None:
    """第几大块 / 第几大项 (a top part's position, not how many: 几大块), 写在哪章哪节, 是哪个小节讲的."""
    r = read(normalize(question))
    assert (r.kind, r.where, r.topic, r.top) == ("structure", True, topic, top)


def test_the_position_in_a_row_of_points_is_no_count_of_them() -> None:
    """城市更新排在第几个聚焦: a position (where), not 几个聚焦 (a count of the 聚焦 points)."""
    assert series_word("城市更新排在第几个聚焦") == ""
    assert read(normalize("城市更新排在第几个聚焦")).where


@pytest.mark.parametrize("question, kind, wanted, topic", [
    ("幸福新河一章下面一共拆成多少个小标题来写", "structure", "section", "幸福新河"),
    ("第八章保障措施小节数量多少", "count", "section", "保障措施"),
    ("抓项目拓空间大项下面编了几条号", "count", None, "抓项目拓空间大项"),
    ("重点抓的工作拆成了几大条", "structure", None, "重点抓的工作"),
])
def test_parts_and_numbered_items_counted_in_other_words(question: str, kind: str, wanted: str | None,
                                                         topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.wanted, r.topic) == (kind, wanted, topic)


def test_a_filler_inside_a_longer_word_stays() -> None:
    """的活 (the work) is a filler; 的活动 is a word of the topic (a filler row's fourth column)."""
    r = read(normalize("年底前面向居民的活动场次还得办够哪些"))
    assert "活动场次" in r.topic
    assert without_time_of_asking("十四五都结束了要实现全覆盖") == "十四五要实现全覆盖"


def test_a_whole_question_before_an_ordinal_asks_what_that_part_says() -> None:
    """…独居老人还要发什么钱，第五章怎么写的: the answer is inside chapter five, no part named before it."""
    r = read(normalize("对社区里困难空巢独居老人要建台账还要发什么钱第五章怎么写的"))
    assert (r.kind, r.inside, r.within) == ("answer", (5,), "")


def test_which_area_is_no_part_of_the_document() -> None:
    """分别指哪块地方: places on the ground (哪块 before 地 is no part asked for)."""
    assert read(normalize("一老一新分别指哪块地方")).kind == "answer"
    assert read(normalize("生态那部分在哪块")).where


@pytest.mark.parametrize("question", ["宝安重点任务里抓党建是第几方面", "营商环境一号工程在哪一条下面"])
def test_which_numbered_part_holds_it_asks_where(question: str) -> None:
    """第几方面, 在哪一条下面: the part holding what is named, as 第几个方面 and 在哪部分 ask."""
    r = read(normalize(question))
    assert (r.kind, r.where) == ("structure", True)


@pytest.mark.parametrize("verb", ["含", "包含", "包括", "涵盖"])
def test_what_a_part_holds_is_counted_as_what_it_has(verb: str) -> None:
    """第七部分含几个小标题: counted as 有几个小标题 is."""
    assert read(normalize(f"第七部分{verb}几个小标题")).kind == read(normalize("第七部分有几个小标题")).kind == "count"


@pytest.mark.parametrize(("question", "topic"), [
    ("有关部门有哪些职责", "有关部门职责"), ("要求有哪些", "要求"), ("中小企业有哪些扶持", "中小企业扶持"),
    ("都市产业有哪些", "都市产业"), ("高中有哪些", "高中"), ("有哪些养老服务", "养老服务"), ("哪些是养老的", "养老"),
])
def test_an_edge_word_is_taken_off_a_topic_only_where_it_is_a_word_of_its_own(question: str, topic: str) -> None:
    """有 / 的 / 中 / 要 at a topic's ends are the asking's words, unless they begin or end a word (有关部门, 要求)."""
    assert read(normalize(question)).topic == topic


def test_must_be_done_said_with_de_is_no_part_of_the_topic() -> None:
    """年底前得完成的土地入库、整备任务: 得完成的 is 要完成的, chat around what is listed."""
    assert read(normalize("宝安年底前得完成的土地入库、整备任务")).topic == read(normalize("宝安年底前要完成的土地入库、整备任务")).topic
    assert read(normalize("年底前还有哪些写明的事要办完")).topic in ("", "事")  # (要办完 says what 要完成 says)
    said = read(normalize("年底前还有哪些工程得开工"))
    assert (said.kind, said.topic) == (read(normalize("年底前还有哪些工程要开工")).kind, "开工")


def test_finding_the_words_is_no_part_of_a_lists_topic() -> None:
    """智慧社区在哪些规划里能搜到: 能搜到 is the asking; 第几组任务 asks where, as 第几方面 does."""
    assert read(normalize("智慧社区在哪些规划里能搜到")).topic == "智慧社区"
    assert read(normalize("讲民生的是第几组任务")).where


@pytest.mark.parametrize("question,topic,top", [("人口管理在第几小节", "人口管理", False),
                                                ("社会治理那一大类任务的标题", "社会治理", False),
                                                ("讲廉洁和法治的大标题", "廉洁和法治", True)])
def test_the_part_holding_what_is_named_is_asked_by_its_place_or_its_title(question: str, topic: str, top: bool) -> None:
    """在第几小节, 那一大类任务的标题, 讲…的大标题: the part that holds the topic (a top one for 大标题)."""
    r = read(normalize(question))
    assert (r.kind, r.topic, r.top) == ("structure", topic, top)


@pytest.mark.parametrize("question,path", [("大港街道规划第二大章的题目", (2,)), ("规划第七章开头那一节是啥题目", (7, 1)),
                                           ("计划五大块里压轴那块标题叫啥", (-1,)), ("规划第二章节叫什么名字", (2,))])
def test_parts_said_by_their_place_in_other_words(question: str, path: tuple[int, ...]) -> None:
    """第二大章 is a chapter, 开头那一节 the first, 压轴那块 the last, 第二章节 the second chapter."""
    r = read(normalize(question))
    assert (r.kind, r.wanted, r.path) == ("structure", "section", path)


@pytest.mark.parametrize("question,topic", [("规划讲精神文明那大块的题目", "精神文明"),
                                            ("回顾里讲新赛道那一段标题", "新赛道"),
                                            ("政府怎么抓自身建设，第几部分", "政府自身建设"),
                                            ("保障措施那章是第几", "保障措施")])
def test_the_part_about_a_topic_asked_in_other_words(question: str, topic: str) -> None:
    """那大块, 那一段标题 point at a part as 那部分 does; 怎么抓 is how, not what; 那章是第几 asks where."""
    r = read(normalize(question))
    assert (r.kind, r.topic) == ("structure", topic)


@pytest.mark.parametrize("question,topic", [("托幼机构各地规划咋布局", "托幼机构"), ("燃气这块各地怎么整治的", "燃气")])
def test_how_a_listed_thing_is_done_is_no_part_of_the_topic(question: str, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.topic) == ("list", topic)


@pytest.mark.parametrize("question,path", [("大港街道十四五最后一章第三节讲什么", (-1, 3)),
                                           ("那份计划里排第二的大标题", (2,)), ("排在第三位的大标题", (3,))])
def test_a_part_by_its_rank_or_inside_the_last_part(question: str, path: tuple[int, ...]) -> None:
    """最后一章第三节 is the third section of the last chapter (一章 is no count of chapters); 排第二的大标题
    is the second top heading, not the heading of a part that holds 第二."""
    r = read(normalize(question))
    assert (r.kind, r.path) == ("structure", path)


@pytest.mark.parametrize("question,topic", [("生态新河排在哪个大标题下", "生态新河"),
                                            ("扶贫和对口支援成果在哪个小标题下", "扶贫和对口支援成果"),
                                            ("人居环境放第几章", "人居环境")])
def test_where_a_part_is_put_is_asked_as_where_it_is(question: str, topic: str) -> None:
    """排在哪个大标题下, 放第几章: the verb of putting is no part of what is looked for."""
    r = read(normalize(question))
    assert (r.kind, r.topic) == ("structure", topic)


def test_the_words_a_document_explains_are_its_glossary() -> None:
    """领导让数数报告末尾解释了多少个新词: the terms are counted; who asked and where they stand is no topic."""
    r = read(normalize("领导让数数报告末尾解释了多少个新词"))
    assert (r.kind, r.topic, r.wanted) == ("count", "", "term")


def test_what_a_numbered_name_stands_for_is_no_list() -> None:
    """两个平台指的哪两个平台 asks what the name means, not for a list of platforms."""
    assert read(normalize("两个平台指的哪两个平台")).kind == "answer"


@pytest.mark.parametrize("question,path,within", [
    ("报告第（七）项工作标题叫啥", (7,), ""),            # the number written bracketed after 第
    ("政府报告回顾部分的（四）是关于啥的", (4,), "政府报告回顾"),  # 部分 names no heading
    ("附件里标五的那一块是奔什么去的", (5,), ""),        # a part pointed at by the number it is marked with
])
def test_parts_pointed_at_by_their_numbers_as_written(question: str, path: tuple[int, ...], within: str) -> None:
    from knowledge.readings import unbracket_span

    r = read(normalize(unbracket_span(question)))
    assert (r.kind, r.path, r.within) == ("structure", path, within)


@pytest.mark.parametrize("question,kind", [("今年剩下这几个月街道还要成立啥机构", "due"),
                                           ("距年底不到四个月了，还得整治的事有哪些", "due"),
                                           ("托幼相关的内容帮我全翻出来", "list")])
def test_what_is_still_to_do_by_year_end_is_due_and_turned_out_is_listed(question: str, kind: str) -> None:
    """还要, 还得 say work still to be done (a time in the year then asks what falls due); 全翻出来 lists."""
    assert read(normalize(question)).kind == kind


def test_where_a_part_is_asked_with_the_part_it_is_in() -> None:
    """提升土地利用效能是保障措施里第几节: the part asked about comes before 是; the one after names where to
    look (组织在线平台: 在 inside a name is no such split)."""
    assert read(normalize("提升土地利用效能是保障措施里第几节")).topic == "提升土地利用效能"
    assert read(normalize("组织在线平台在哪一节")).topic == "组织在线平台"


@pytest.mark.parametrize("question,path", [("河北区那份政府报告，排第三的大板块叫啥名", (3,)),
                                           ("那份安排第二大条讲的是哪块", (2,))])
def test_a_top_part_said_as_a_big_block_or_a_big_point(question: str, path: tuple[int, ...]) -> None:
    """大板块, 大条: a top part by its place; 叫啥名 asks its name as 叫啥名字 does."""
    r = read(normalize(question))
    assert (r.kind, r.path, r.top) == ("structure", path, True)


@pytest.mark.parametrize("question,kind,topic", [
    ("宝安七十项任务里抓项目那一块全称", "structure", "宝安七十项任务里抓项目"),  # 那一块全称: the part itself
    ("第7章写人居环境还是别的", "structure", "人居环境"),            # whether a part speaks of it (写: its verb)
    ("禁毒方面都有啥动作，列一列", "list", "禁毒"),                   # the moves made on it, listed
    ("打击邪教这块，哪几份规划有写", "list", "打击邪教"),             # 有写: said to be written
])
def test_a_part_asked_by_its_full_name_or_content_and_moves_listed(question: str, kind: str, topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.topic) == (kind, topic)


@pytest.mark.parametrize("question,path", [("开篇一章叫啥名", (1,)), ("开篇那部分讲的啥", (1,)),
                                           ("规划开头那章讲啥", (1,)), ("第七章打头的那节讲啥", (7, 1))])
def test_the_opening_part_said_as_kaipian(question: str, path: tuple[int, ...]) -> None:
    """开篇一章, 开头那章, 打头的那节: the first part, however the opening is said."""
    r = read(normalize(question))
    assert (r.kind, r.path) == ("structure", path)


def test_a_modal_before_the_work_falling_due_is_no_part_of_its_topic() -> None:
    """年底前得建好的都有哪些: 得 (must) is no word of what falls due."""
    r = read(normalize("年底前得建好的都有哪些"))
    assert (r.kind, r.topic) == ("due", "建好")


@pytest.mark.parametrize("question,kind,topic", [
    ("信访方面准备咋做，列一下", "list", "信访"),               # what is meant to be done is no topic
    ("计划里要推进全覆盖的都有哪几项", "list", "推进全覆盖"),    # 都有哪几项 is the cue, 项 no word of the topic
])
def test_what_is_meant_to_be_done_and_a_measure_word_after_the_cue_are_no_topic(question: str, kind: str,
                                                                              topic: str) -> None:
    r = read(normalize(question))
    assert (r.kind, r.topic) == (kind, topic)


@pytest.mark.parametrize("question", ["保障措施底下拆成了哪些节", "第九项组织保障分了哪几小块"])
def test_the_sections_under_a_part_asked_with_which(question: str) -> None:
    """哪些节, 哪几小块: the parts under what is named (小块 is no word of the topic)."""
    r = read(normalize(question))
    assert r.kind == "structure" and r.parts and "小" not in r.topic


def test_a_part_named_before_an_ordinal_with_its_part_word_cut_by_a_cue() -> None:
    """回顾部分第五节: 回顾 names the part (部 left once 分 is read is no word of it)."""
    assert read(normalize("回顾部分第五节讲啥")).within == "回顾"


@pytest.mark.parametrize("question,path", [("附件里“四”是哪块", (4,)), ("那份规划六那一大块标题咋写的", (6,)),
                                           # (written as the plans number it, unquoted, then pointed at)
                                           ("附件里五、开头那一大类叫啥", (5,)), ("重点任务六、是哪块内容", (6,))])
def test_a_number_alone_in_quotes_or_after_the_document_word_is_the_part_so_numbered(question: str,
                                                                                     path: tuple[int, ...]) -> None:
    r = read(normalize(unbracket_span(unquote_part_number(question))))
    assert (r.kind, r.path) == ("structure", path)


@pytest.mark.parametrize("question,path", [("区长作报告开头那一大块是啥内容", (1,)),
                                           ("工作安排里排第七的那个大板块叫什么名", (7,))])
def test_the_opening_block_and_a_ranked_part_pointed_at(question: str, path: tuple[int, ...]) -> None:
    """开头那一大块: the first part; 排第七的那个大板块: the seventh (那个 between is no word of it)."""
    r = read(normalize(question))
    assert (r.kind, r.path) == ("structure", path)


def test_a_glossary_said_as_its_terms_explained_is_counted() -> None:
    """术语解释数一数有几条: the 名词解释 entries."""
    assert read(normalize("报告末尾附的术语解释数一数有几条")).topic == "名词解释"


@pytest.mark.parametrize("question,path", [("纲要第一章收尾那一节叫啥", (1, LAST)), ("第三部分最后那一节讲什么", (3, LAST)),
                                           ("最后那一部分第二节讲的啥", (LAST, 2)), ("最后那章是第几章", (LAST,))])
def test_the_last_part_said_beside_an_ordinal_counts_under_or_over_it(question: str, path: tuple[int, ...]) -> None:
    """第一章收尾那一节: the last section of chapter one; 最后那一部分第二节: the second of the last part."""
    r = read(normalize(question))
    assert (r.kind, r.path) == ("structure", path)


@pytest.mark.parametrize("question,path", [("工作计划里排老二的那部分叫什么", (2,)), ("排行老大的那一章讲啥", (1,))])
def test_a_part_ranked_as_siblings_are(question: str, path: tuple[int, ...]) -> None:
    """排老二的: the second (老大 the first)."""
    r = read(normalize(question))
    assert (r.kind, r.path) == ("structure", path)


@pytest.mark.parametrize("question,topic", [("绿化那一大部分题目怎么写", "绿化"), ("教育那一大项下面有几条任务", "教育"),
                                            ("安全发展下分几段", "安全发展"), ("人才那节在哪", "人才"),
                                            ("第三章写的产业布局，章名原文", "产业布局")])
def test_a_part_pointed_at_in_everyday_words_is_a_structure_question(question: str, topic: str) -> None:
    """那一大部分题目怎么写, 那一大项下面, 下分几段, 那节在哪, 章名原文: the part itself, its parts, or where it is."""
    r = read(normalize(question))
    assert r.kind in ("structure", "count") and r.topic == topic


def test_the_day_of_asking_told_is_no_part_of_the_topic() -> None:
    """今天12月6号，…年底前都有哪些: the date told is the asking's (the search is given it), not the topic's."""
    assert without_time_of_asking(normalize("今天12月6号，要新建的场馆年底前都有哪些")) == "要新建的场馆年底前都有哪些"
    assert without_time_of_asking("12月6号开工的项目") == "12月6号开工的项目"


def test_the_month_end_with_its_before_and_a_kind_of_project_are_no_words_of_the_topic() -> None:
    """这个月底前该完成的; 体育场地类项目: the kind before 类 is the topic."""
    r = read(normalize("体育场地类项目这个月底前该完成哪些"))
    assert (r.kind, r.topic) == ("due", "体育场地")


@pytest.mark.parametrize("question,word", [("自身建设里表率分成几个方面写", "表率"), ("原则里坚持分了几条", "坚持")])
def test_the_points_word_before_what_they_are_divided_into(question: str, word: str) -> None:
    """表率分成几个方面写: the points carrying 表率 are counted, as 要做几个方面的表率 counts them."""
    assert series_word(normalize(question)) == word


def test_a_table_box_pointed_at_is_a_part() -> None:
    """主要指标那张专栏标题: the part (专栏) whose heading says 主要指标."""
    r = read(normalize("主要指标那张专栏标题"))
    assert (r.kind, r.topic) == ("structure", "主要指标")


@pytest.mark.parametrize("question,path,topic", [("九个聚焦里排第八的讲啥", (8,), "聚焦"),
                                                 ("那几个坚持当中排第二的讲啥", (2,), "坚持")])
def test_one_of_the_parts_sharing_a_word_by_its_rank(question: str, path: tuple[int, ...], topic: str) -> None:
    """九个聚焦里排第八的: the eighth of the parts that share 聚焦 (as 第八个聚焦 is read)."""
    r = read(normalize(question))
    assert (r.kind, r.path, r.topic) == ("structure", path, topic)


@pytest.mark.parametrize("question,path", [("麻烦看下年度计划，打头那一章叫什么", (1,)), ("附件打头那一章的完整标题", (1,))])
def test_the_opening_part_said_as_what_leads(question: str, path: tuple[int, ...]) -> None:
    """打头那一章: the first part; 完整标题 its title; 麻烦看下 is asking politely."""
    r = read(normalize(question))
    assert (r.kind, r.path) == ("structure", path) and "麻烦" not in r.topic


def test_a_word_pointed_at_as_its_characters_is_the_topic() -> None:
    """带美丽二字的: the word itself (美丽); a topic said otherwise is left as it is."""
    assert pointed_word("带美丽二字") == "美丽"
    assert pointed_word("含有滨城字样的") == "滨城"
    assert pointed_word("美丽乡村") == "美丽乡村"



def test_a_list_topic_may_ask_its_items_to_hold_a_word() -> None:
    assert carried_word("专栏里带累计") == "累计"
    assert carried_word("带预期二字的") == "预期"
    assert carried_word("带动就业") == "" and carried_word("安全生产") == ""


@pytest.mark.parametrize("question", ["规划最前面那章名字叫什么", "纲要最开始那一章讲什么", "最前头那部分叫啥"])
def test_the_part_said_to_come_first_is_the_first(question: str) -> None:
    """最前面那章, 最开始那一章: the first part, as 开头那章 says."""
    r = read(normalize(question))
    assert r.kind == "structure" and r.ordinal == 1


def test_which_place_in_the_row_said_in_jest_is_a_where_question() -> None:
    """打造文化新河排老几: 老几 is 第几, the part holding the words asked about."""
    r = read(normalize("规划里打造文化新河排老几"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "打造文化新河")


def test_the_last_of_a_row_named_by_its_word_is_counted_from_the_end() -> None:
    """最末那个聚焦: the last of the parts sharing 聚焦, as 倒数第一个聚焦 says."""
    r = read(normalize("重点任务最末那个聚焦讲什么"))
    assert (r.kind, r.path, r.topic) == ("structure", (-1,), "聚焦")


def test_a_chapter_and_section_said_by_their_numbers_alone() -> None:
    """五章二节: 第五章第二节."""
    r = read(normalize("十四五规划五章二节标题"))
    assert (r.kind, r.path) == ("structure", (5, 2))


@pytest.mark.parametrize(("question", "past"), [
    ("华为生态企业有几家了", True), ("国字号高新企业已有几家", True), ("一般预算收入那年收了多少亿", True),
    ("今年要新增就业多少", False), ("固投目标是多少", False)])
def test_a_question_asking_what_was_done_is_read_so_whatever_its_kind(question: str, past: bool) -> None:
    """有几家了, 已有, 那年收了: what was reached (a review tells it), for a single answer as for a list."""
    assert read(normalize(question)).past is past


@pytest.mark.parametrize("question,kind,topic,path", [
    ("写定位的章节叫啥", "structure", "定位", ()),          # a part named by what it writes, asked its name
    ("讲国际国内形势的小节叫什么", "structure", "国际国内形势", ()),
    ("七十项任务里第五大类的名字", "structure", None, (5,)),  # 第五大类的名字: the fifth part's name
    ("健康新河的任务哪些已逾期", "overdue", "健康新河", ()),  # 已逾期: overdue, 已 no part of the topic
    ("年底前得办完哪几件劳资纠纷的活儿", "due", "劳资纠纷", ()),  # 哪几件: counted in 件 as in 项
])
def test_a_part_named_by_what_it_writes_or_its_place_and_work_already_overdue(
        question: str, kind: str, topic: str | None, path: tuple[int, ...]) -> None:
    r = read(normalize(question))
    assert r.kind == kind and r.path == path and (topic is None or r.topic == topic)


def test_a_run_of_numbers_is_no_part_number() -> None:
    assert unquote_part_number("按一、二、三是什么") == "按一、二、三是什么"


def test_words_said_for_others_are_read_as_them() -> None:
    from knowledge.readings import said_plainly

    assert said_plainly("禁毒统共出现过几次") == "禁毒一共出现过几次"


def test_what_is_written_gathered_is_a_list() -> None:
    """跟央企对接合作的内容汇总: 内容汇总 asks for what is written of it, gathered, as 汇总一下 does."""
    assert read(normalize("跟国企合作的内容汇总")).kind == "list"
    # 涉及新材料的产业任务汇总: the tasks gathered, the request said as a noun at the end.
    assert read(normalize("涉及新能源的产业任务汇总")).kind == "list"


def test_every_arrangement_asked_with_dou_is_a_list() -> None:
    """妇女儿童权益保障都咋安排的: 都 before how it is arranged asks for each arrangement; without 都 it
    asks how one thing is arranged."""
    assert read(normalize("残疾人就业都怎么安排的")).kind == "list"
    assert read(normalize("残疾人就业都咋安排的".replace("咋", "怎么"))).topic == "残疾人就业"
    assert read(normalize("残疾人就业怎么安排的")).kind != "list"


@pytest.mark.parametrize("question,path", [("附件任务清单第四类名头", (4,)), ("第二大段讲什么", (2,))])
def test_a_big_stretch_or_a_class_named_plainly_is_a_part(question: str, path: tuple[int, ...]) -> None:
    assert read(normalize(question)).path == path


def test_a_big_stretch_pointed_at_is_a_part() -> None:
    """讲人民城市的那一大段: 那一大段 points at a part, as 那一大块 does."""
    reading = read(normalize("讲人民城市的那一大段"))
    assert reading.kind == "structure" and reading.topic == "人民城市"


def test_where_things_counted_stand_asked_after_them_is_a_where_question() -> None:
    """几条基本原则放在哪节: where they stand; 那部分一共几条任务: a count of what the part holds."""
    where = read(normalize("大港十四五里几条基本原则放在哪节"))
    assert where.kind == "structure" and where.where
    assert read(normalize("那部分一共几条任务")).kind == "count"


def test_things_pointed_at_before_asking_where_they_stand() -> None:
    """物流中心这几条定位归哪节: the list pointed at (这几条) is where the things are, the question is where."""
    for asked in ("海洋特色社区物流中心这几条定位归哪节", "物流中心那几条定位在哪节"):
        r = read(normalize(asked))
        assert (r.kind, r.where, r.parts) == ("structure", True, False), asked


def test_the_heading_a_thing_falls_under() -> None:
    r = read(normalize("国家安全宣传教育归哪个大标题"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "国家安全宣传教育")


def test_numbered_by_its_opening_words_is_no_first_part() -> None:
    """“六、”打头那部分: the part numbered so, not the first part (打头 says which part only of a 章 or 节)."""
    assert read(normalize("附件里“六、”打头那部分讲啥")).path != (1,)


def test_a_chapter_or_section_said_by_its_number_alone() -> None:
    """三章党建底下节数, 五章二节: a chapter and a section said by their numbers alone are 第三章, 第五章第二节; a
    number of chapters (分三章, 前三章) or 一章 (a chapter: 党建一章里) is none."""
    r = read(normalize("三章党建底下节数"))
    assert (r.kind, r.path, r.unit, r.topic) == ("structure", (3,), "章", "党建")
    assert read(normalize("五章二节讲啥")).path == (5, 2)
    assert read(normalize("第五章二节讲啥")).path == (5, 2)
    for question in ("规划分三章写的", "前三章讲了什么", "党建一章里有几节"):
        assert read(normalize(question)).path == (), question


def test_a_heading_number_then_its_words_pointed_at() -> None:
    """新河五、统筹安全那部分: the heading's number as the plans write it, then words of its heading, then the
    pointing, is that part (a run of numbers, 一、二、三这几块, is not)."""
    assert unquote_part_number("五、统筹安全那部分都有啥") == "第五部分统筹安全那部分都有啥"
    r = read(normalize(unquote_part_number("五、统筹安全那部分都有啥内容")))
    assert (r.kind, r.path, r.unit, r.topic) == ("structure", (5,), "部分", "统筹安全")
    assert unquote_part_number("一、二、三这几块讲什么") == "一、二、三这几块讲什么"
    assert unquote_part_number("纲要一、里面几个小标题") == "纲要第一部分里面几个小标题"
    # (规划四、标题全称, 七、的标题是: the number, then its heading asked for)
    assert unquote_part_number("规划四、标题全称") == "规划第四部分标题全称"
    r = read(normalize(unquote_part_number("宝安那份七、的标题是")))
    assert (r.kind, r.path) == ("structure", (7,))


def test_the_table_of_readings_states_each_row_once() -> None:
    """Each row of question_readings.tsv is written once (a row said twice adds nothing, and hides which is meant)."""
    from knowledge.readings import READINGS_FILE

    rows = [line.strip() for line in READINGS_FILE.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) == len(set(rows)), sorted({r for r in rows if rows.count(r) > 1})


def test_past_words_and_what_they_leave_are_out_of_a_review_topic() -> None:
    """社会治理方面成绩: without the word of what was done (成绩), the 方面 it leaves at the end goes too."""
    from knowledge.readings import without_past_words

    assert without_past_words("社会治理方面成绩") == "社会治理"
    assert without_past_words("民生那块回顾") == "民生"
    assert without_past_words("养老服务") == "养老服务"


def test_a_cue_begins_inside_no_word_for_a_part() -> None:
    """那几段是哪节 asks where those paragraphs stand (几段 inside 那几段 counts nothing); 营商环境那部分几个小节: 分几个
    would take the 分 of 部分, 那部分几个 asks what it holds; 数量多少 asks a figure, 数一下 to count."""
    r = read(normalize("国际国内天津新区那几段是哪节"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "国际国内天津新区")
    r = read(normalize("营商环境那部分几个小节"))
    assert (r.kind, r.parts, r.topic) == ("structure", True, "营商环境")  # (那部分几个: what it holds, counted)
    assert read(normalize("市场主体数量多少家")).kind == "answer"


def test_a_placeholder_names_the_word_the_points_open_with_first() -> None:
    """定位里打造啥啥啥一共排了几个: the word before the placeholder (打造), after where it is (里); not 共排, a verb
    the count's words leave."""
    assert series_word("定位里打造啥啥啥一共排了几个") == "打造"
    assert series_word("多少条坚持xx的原则") == "坚持"



def test_the_sides_a_part_speaks_of_are_its_parts() -> None:
    """主要目标讲了哪些方面: its parts (or points), as 写了哪些方面 reads; 讲了哪些 alone asks what it says."""
    assert read(normalize("主要目标讲了哪些方面")).parts
    assert not read(normalize("第三章讲了哪些")).parts


def test_a_sections_number_and_each_ones_view_asked() -> None:
    """讲养老体系的节号: which section holds it; 国际国内天津新区分别咋判断: what each says, a list."""
    r = read(normalize("讲养老体系的节号"))
    assert (r.kind, r.where, r.topic) == ("structure", True, "养老体系")
    assert read(normalize("对外部形势国际国内天津新区分别咋判断")).kind == "list"

