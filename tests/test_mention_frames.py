"""Questions asking where the plans write a word, in any order of the words around it."""

from __future__ import annotations

import pytest

from knowledge.builder import build_document
from knowledge.mention_frames import mention_in_frame
from knowledge.normalize import normalize
from knowledge.search import SearchIndex

WRITTEN = {"仲裁", "法庭", "工会", "青年", "政协", "网格员", "四风", "人大代表", "和平社区", "社区", "口袋公园",
           "安全生产", "双拥", "信访", "非遗", "商会", "整治四风", "托幼", "意大利", "5g", "爱国卫生", "纠治四风", "邪教"}


@pytest.mark.parametrize(("question", "word"), [
    ("涉及仲裁的条目全列出来", "仲裁"),                 # verb before, a place of the text, a list asked
    ("各份材料里跟法庭有关的表述都找出来", "法庭"),      # the documents looked in, a tie to the word
    ("工会相关的内容各规划里分布在哪", "工会"),          # where the places are
    ("带青年二字的段落数数有几段", "青年"),              # the word pointed at as a word
    ("所有规划里出现政协的段落有几个", "政协"),
    ("网格员这个词有几处", "网格员"),                   # no verb: 这个词 says it is the writing
    ("四风一共在几处提到", "四风"),                      # the verb after the count
    ("人大代表在几段文字里被提到", "人大代表"),
    ("提到和平社区的段落有几个", "和平社区"),            # the longest word the plans write
    ("仲裁这仨字规划里一共提到几回", "仲裁"),            # the word pointed at by its characters
    ("工会提了几次", "工会"),                            # 提 alone, a verb after the word
    ("法庭相关段落数", "法庭"),                          # 段落数: the places and the count in one word
    ("青年相关内容汇总", "青年"),
    ("五份材料里讲信访的段落数", "信访"),                # 讲 alone, the documents counted by number
    ("双拥工作写了几处", "双拥"),                        # the word said with the kind of work it is
    ("非遗相关安排的表述都列出来", "非遗"),              # …with a tie and an arrangement
    ("商会的事儿计划里提了几处", "商会"),                # 的事儿: what is about the word
    ("整治四风的内容都在哪几处", "四风"),                # the object of a work verb, however it is taken up
    ("托幼相关的内容帮我全翻出来", "托幼"),
    ("那份报告里头意大利一共冒出来几次", "意大利"),      # the document pointed at (那份)
    ("5g这个词翻遍五份材料能找着几处", "5g"),            # looked through, found
    ("搞爱国卫生这事五份材料加起来提了几次", "爱国卫生"),  # 搞…这事 around the word, the count added up
    ("纠治四风这个说法计划里总共有几处", "四风"),
    ("打击邪教的段落数", "邪教"),                        # the object of a verb the plans do not write so
    ("双拥工作提到的地方给我汇总下", "双拥"),            # the places it is said (verb, 的, place), listed
    ("信访相关有几处", "信访"),                          # a tie right after the word says of it as a verb
    ("仲裁有关的一共几处", "仲裁"),
])
def test_the_word_is_read_whatever_the_order_of_the_frame(question: str, word: str) -> None:
    assert mention_in_frame(question, WRITTEN.__contains__) == word


@pytest.mark.parametrize("question", [
    "规划里提到的社区有哪些",      # the word after 提到的 is what is asked for: which communities
    "口袋公园有几处",              # 处 counts things too: without a verb it asks a figure
    "安全生产有哪些任务",          # tasks about a topic, not where a word is written
    "跟安全生产有关的表述",        # nothing asks for the count or the list
    "仲裁院在哪几个段落里",        # the word is not one the plans write
    "哪些规划里写到了安全生产",    # the plans' items on it: a verb and a list alone are no count of lines
    "安全生产哪些地方提了",        # which places take it up: a place with a verb is a mention only when counted
])
def test_other_questions_are_no_mention_frames(question: str) -> None:
    assert mention_in_frame(question, WRITTEN.__contains__) == ""


def test_a_list_of_mentions_in_the_search_is_every_line_writing_the_word() -> None:
    """跟仲裁有关的段落都列出来: each line writing 仲裁, counted, in the plans' order."""
    lines = ["南岭街道2023年重点工作任务", "一、抓民生", "1.健全劳动争议仲裁机制。完成调解组织建设。",
             "2.完成老旧小区改造8个。", "3.推进劳动仲裁院标准化建设。"]
    index = SearchIndex(build_document("south.txt", lines))
    result = index.search("跟仲裁有关的段落都列出来")
    assert result.reading == "count" and [h.line for h in result.hits] == [3, 5]


def test_the_kind_of_work_said_after_a_word_the_plans_write_is_no_part_of_it() -> None:
    """扬尘治理总共有几段提到: 治理 (a kind of work, as headings end) after 扬尘, which the plans write."""
    assert mention_in_frame("扬尘治理总共有几段提到", {"扬尘"}.__contains__) == "扬尘"


@pytest.mark.parametrize(("question", "word"), [
    ("翻遍五个规划，文化站这三个字一共能搜到几段", "文化站"),   # looked through, found by searching
    ("全文有几段带“志愿”字眼的", "志愿"),                       # the whole text, the word's characters
    ("反恐两个字在这些规划里总共能搜到几段", "反恐"),
    ("标准化这词在五个文件里有几段提了", "标准化"),             # 这词: the word itself
    ("数一下那个报告滨城两字有几段", "滨城"),                   # 数一下 asks for the count
    ("瞪羚企业这几个规划里一共提了几处", "瞪羚"),               # the kind of thing after it (企业) left out
])
def test_a_word_searched_for_in_the_whole_text_is_read(question: str, word: str) -> None:
    assert mention_in_frame(normalize(question), {"文化站", "志愿", "反恐", "标准化", "滨城", "瞪羚", "瞪羚企业"}.__contains__) == word


def test_mentions_in_the_document_of_the_year_named() -> None:
    """24年那个报告滨城两字有几段: the 2024 plan's lines, not those of a five-year plan whose period holds 2024."""
    from knowledge.builder import merge

    plan = ["东湖街道2024年工作计划", "一、抓发展", "1.建设美丽滨城。"]
    outline = ["东湖街道“十四五”规划（2021-2025年）", "第一章 总体要求", "第一节 目标", "建设滨城。"]
    index = SearchIndex(merge([build_document("a.txt", plan), build_document("b.txt", outline)]))
    result = index.search("数一下东湖街道24年那个计划滨城两字有几段")
    assert result.reading == "count" and {h.doc for h in result.hits} == {"a.txt"}


@pytest.mark.parametrize(("question", "word"), [("材料里凡是沾仲裁的都给我摘出来", "仲裁"), ("凡是提到工会的段落都摘出来", "工会")])
def test_lines_touching_a_word_asked_to_be_excerpted(question: str, word: str) -> None:
    """凡是沾X的都摘出来: 沾 says the lines write it, 摘出来 asks for those lines (凡是: every one)."""
    assert mention_in_frame(question, WRITTEN.__contains__) == word


@pytest.mark.parametrize(("question", "word"), [("哪几份材料写到了仲裁这块", "仲裁"), ("工会二字那本规划里算下来几处", "工会")])
def test_documents_writing_a_word_and_a_count_added_up(question: str, word: str) -> None:
    """哪几份材料写到了: the documents counted as places it is written; 那本…算下来几处: the document pointed at."""
    assert mention_in_frame(question, WRITTEN.__contains__) == word


def test_a_field_of_work_named_with_work_counts_the_lines_writing_the_field() -> None:
    """信访工作相关条目: the lines writing 信访 (信访工作 is only some of them), as 瞪羚企业 counts 瞪羚."""
    written = {"信访", "信访工作"}.__contains__
    assert mention_in_frame("信访工作相关条目全找出来", written) == "信访"
    assert mention_in_frame("信访工作相关条目全找出来", {"信访工作"}.__contains__) == "信访工作"


@pytest.mark.parametrize(("question", "word"), [
    (" 涉及国企的统计下段数", "国企"),                      # a place taken out leaves a space; 统计下 counts
    ("凡是讲到商圈的地方都给我拉个清单", "商圈"),            # the places saying it, asked as a list (清单)
    ("把各规划里扫黑除恶的相关条目汇总给我", "扫黑除恶"),    # 把 before what is listed
])
def test_more_frames_of_counting_and_listing_the_places_a_word_is_written(question: str, word: str) -> None:
    assert mention_in_frame(question, {"国企", "商圈", "扫黑除恶"}.__contains__) == word


def test_places_that_take_a_word_up_are_no_places_of_the_text() -> None:
    """哪些地方提到商圈 asks which plans or places take it up (no 的 and place after the word)."""
    assert mention_in_frame("哪些地方提到商圈", {"商圈"}.__contains__) == ""


@pytest.mark.parametrize(("question", "word"), [("所有提到信访的地方", "信访"), ("写到疫情的段落", "疫情")])
def test_the_places_saying_a_word_named_as_the_whole_question_are_asked_for(question: str, word: str) -> None:
    """所有提到信访的地方: no asking word; a verb before the word, then 的 and a place of the text, last."""
    assert mention_in_frame(question, {"信访", "疫情"}.__contains__) == word


@pytest.mark.parametrize("question", ["规划里提到的社区", "信访的地方", "提到信访的地方在哪个社区"])
def test_without_an_asking_word_other_phrases_are_no_frames(question: str) -> None:
    assert mention_in_frame(question, {"信访", "社区"}.__contains__) == ""


def test_a_mention_asked_with_the_work_done_about_a_thing_counts_the_lines_writing_the_thing(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """几处提到酒店建设, 退役军人服务相关的条目: the lines writing 酒店 (one of them writes 酒店建设), as the
    list topics widen (knowledge/listing.py: Listing.widened)."""
    index = SearchIndex(bundled_kb)
    result = index.search("几处提到酒店建设")
    assert result.reading == "count" and len(result.hits) == 2 and all("酒店" in h.text for h in result.hits)
    result = index.search("双拥共建一共在几个地方写到")
    assert result.reading == "count" and len(result.hits) >= 3 and all("双拥" in h.text for h in result.hits)


@pytest.mark.parametrize("question", ["凡是涉及残疾人的条目都给我拉出来", "涉及残疾人的条目都捞出来"])
def test_pulled_out_asks_for_the_lines_as_a_list(question: str) -> None:
    """拉出来, 捞出来: what is pulled or fished out of the plans is asked for as a list, as 摘出来 is."""
    assert mention_in_frame(question, {"残疾人"}.__contains__) == "残疾人"


@pytest.mark.parametrize(("question", "word"), [
    ("养老俩字一共几行提到", "养老"),              # lines of the text counted, as paragraphs are
    ("志愿俩字出现几行", "志愿"),
    ("那篇里头沾碳字的段落数一下", "碳"),          # one character, pointed at as the character written
])
def test_lines_and_single_characters_pointed_at_are_counted(question: str, word: str) -> None:
    assert mention_in_frame(question, {"养老", "志愿", "碳"}.__contains__) == word


def test_a_single_character_not_pointed_at_as_written_is_no_word_of_a_frame() -> None:
    """涉及碳的段落: one character alone (no 字 after it) is too little to count the places of."""
    assert mention_in_frame("涉及碳的段落有几段", {"碳"}.__contains__) == ""


def test_mentions_list_what_is_planned_before_what_a_review_tells() -> None:
    """涉及退役军人的内容都找出来: a review's lines come after those of the work ahead."""
    lines = ["南港区2024年政府工作报告", "一、2023年工作回顾", "保障退役军人权益，双拥工作扎实。",
             "二、2024年工作安排", "1.做好退役军人服务保障。完善服务站建设。"]
    index = SearchIndex(build_document("south.txt", lines))
    found = index.search("涉及退役军人的内容都帮我找出来")
    assert found.total == 2 and [h.line for h in found.hits] == [5, 3]


@pytest.mark.parametrize(("question", "word"), [
    ("报告里楼宇一词有几处", "楼宇"),            # the word named as a word
    ("那份规划网格化之类的出现几回", "网格化"),  # the word and those like it
])
def test_a_word_named_as_a_word_or_with_those_like_it_is_counted(question: str, word: str) -> None:
    assert mention_in_frame(question, {"楼宇", "网格化"}.__contains__) == word


def test_a_way_of_putting_it_is_a_place_of_the_text() -> None:
    """带15分钟字样的提法有几处: 提法 (a way of putting it) is a place of the text, as 说法 is."""
    assert mention_in_frame("那本规划里带15分钟字样的提法有几处", {"15分钟"}.__contains__) == "15分钟"


@pytest.mark.parametrize(("question", "word"), [
    ("翻那本规划学校两个字一共出来几段", "学校"),   # turning up (出来) in the text flipped through (翻)
    ("规划全文里招商俩字落在几段里头", "招商"),     # landing (落在) in paragraphs
])
def test_a_word_turning_up_or_landing_in_the_text_is_counted(question: str, word: str) -> None:
    assert mention_in_frame(question, {"学校", "招商"}.__contains__) == word
