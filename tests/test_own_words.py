"""A question's own words (knowledge/own_words.py): the specific ones an everyday question is about,
and none when it names a thing the plans never mention."""

from __future__ import annotations

from knowledge.own_words import own_focus, tagged
from knowledge.search import SearchIndex

USES = {"二房东": 1, "租房": 1, "扶持": 2, "政策": 30, "街道": 40, "发展": 60, "加价": 0}


def _using(word: str) -> int:
    return USES.get(word, 0)


def test_the_specific_words_the_plans_use_in_a_few_items() -> None:
    assert [w for w, _ in tagged("租房全是二房东加价")][:1] == ["租房"]
    focus = own_focus("租房全是二房东加价街道", _using, most=5, known=lambda w: False)
    assert focus == ["租房", "二房东"]  # (街道 is in too many items; 加价 in none)


def test_a_thing_no_item_mentions_leaves_no_focus() -> None:
    # 民宿 is a thing the question names and no item mentions: no item is about it.
    assert own_focus("街道对民宿发展有啥扶持政策", _using, most=5, known=lambda w: False) == []
    # …unless the lexicon knows it as an everyday word for the plans' term.
    assert own_focus("街道对民宿发展有啥扶持政策", _using, most=5, known=lambda w: w == "民宿") == ["扶持"]


def test_a_thing_the_plans_never_write_whose_head_they_do_is_that_head() -> None:
    # 闹元宵 (jieba's one word) is written nowhere; its head 元宵 is, in one item: that is the focus.
    uses = {"元宵": 1, "活动": 30, "安排": 30}
    focus = own_focus("过年闹元宵活动安排", lambda w: uses.get(w, 0), most=5, known=lambda w: False)
    assert focus == ["元宵"]
    # (a head written nowhere either leaves the thing unknown: no focus)
    del uses["元宵"]
    assert own_focus("过年闹元宵活动安排", lambda w: uses.get(w, 0), most=5, known=lambda w: False) == []


def test_words_of_asking_and_places_named_are_no_focus() -> None:
    uses = {"安排": 1, "河西区": 1, "老旧小区": 2}
    focus = own_focus("河西区老旧小区改造安排了多少个", lambda w: uses.get(w, 0), most=5, known=lambda w: False,
                      exclude=("河西区",))
    assert "安排" not in focus and "河西区" not in focus



def test_the_administration_said_as_where_it_sits_is_no_focus() -> None:
    """区里智慧停车弄好没: 区里 (the district, whoever does it) is no thing asked about, though an item writes it (完成区里
    指标要求); 停车 still is."""
    uses = {"区里": 1, "停车": 2}
    focus = own_focus("区里智慧停车弄好没", lambda w: uses.get(w, 0), most=5, known=lambda w: False, exclude=())
    assert "区里" not in focus


def test_an_everyday_complaint_is_answered_by_the_item_using_its_specific_word() -> None:
    # (the bundled plans: a word is specific when under 0.8 % of a knowledge base's items use it,
    # and a made-up plan of a dozen items has none so rare)
    from knowledge.builder import build_bundled

    index = SearchIndex(build_bundled())
    hits = index.search("宝安这边二房东转租加价，街道管不管").hits
    assert hits and "二房东" in hits[0].text
    assert index.search("宝安街道对民宿发展有啥扶持政策").hits == []


def test_the_lexicons_short_forms_are_words() -> None:
    """五经普, 非遗: jieba alone cuts them in two; the shipped lexicon's abbreviations are words."""
    assert ("五经普", "j") in tagged("五经普的活儿哪份计划里有")
    assert "非遗" in [w for w, _ in tagged("哪些计划提到了非遗都要干啥")]


def test_the_words_of_asking_after_a_lists_topic_are_taken_off() -> None:
    from knowledge.own_words import without_trailing_chatter

    assert without_trailing_chatter("非遗都要干") == "非遗"
    assert without_trailing_chatter("深港协同这一大块给") == "深港协同"
    assert without_trailing_chatter("安全生产方面的") == "安全生产"
    # A verb of two characters says what is done; a measure word may end a name (充电桩).
    assert without_trailing_chatter("燃气安全和改造都") == "燃气安全和改造"
    assert without_trailing_chatter("充电桩") == "充电桩"
    # A long topic is a question in the plans' own words: read whole.
    long = "死亡后危及安全的古树名木和国家保护珍贵树木的采伐是怎么"
    assert without_trailing_chatter(long) == long


def test_the_preposition_opening_a_lists_topic_is_no_part_of_it() -> None:
    from knowledge.own_words import without_trailing_chatter

    assert without_trailing_chatter("对劳资纠纷") == "劳资纠纷"
    assert without_trailing_chatter("关于垃圾分类") == "垃圾分类"
    assert without_trailing_chatter("对口帮扶") == "对口帮扶"  # (对口 is a word, no preposition)


def test_a_term_written_only_inside_other_words_is_not_written_as_a_word() -> None:
    """企业主 stands in 企业主体责任 and in 龙头企业主动跟进, never as a word of its own."""
    from knowledge.own_words import said_as_word

    assert not said_as_word("落实企业主体责任，编制应急处置预案", "企业主")
    assert not said_as_word("借助龙头企业主动跟进", "企业主")
    assert said_as_word("走访辖区企业主，听取意见", "企业主")

    # (a word jieba makes up of characters it does not know, 岁托班, hides no term: 托班 is written)
    assert said_as_word("推动幼儿园开设2-3岁托班服务", "托班")
    # (nor does a word made of the term's last word and the next, 服务体系 of 心理健康服务体系)
    assert said_as_word("健全妇女儿童心理健康服务体系", "心理健康服务")


def test_a_word_jieba_cuts_into_characters_that_no_item_writes_leaves_no_focus() -> None:
    # 电竞 is 电|竞 to jieba: one word it does not know, which no item writes; 扶持 is then no focus.
    assert own_focus("电竞产业扶持措施", _using, most=5, known=lambda w: False) == []
    # (the characters of chat between words are no such word: 的, 个)
    assert own_focus("二房东的个加价", _using, most=5, known=lambda w: False) == ["二房东"]


def test_a_thing_jieba_does_not_know_leaves_nothing_to_answer_with_its_other_words() -> None:
    from knowledge.builder import build_bundled

    index = SearchIndex(build_bundled())
    # 月|子 and 电|竞, written by no plan: the question's 扶持 alone is not what it asks about.
    assert index.focus_terms("月子中心扶持") == []
    assert index.search("月子中心有没有扶持").hits == []
    assert index.search("电竞产业有什么扶持措施").hits == []



def test_a_degree_before_a_state_is_no_thing_named() -> None:
    """夜里街上太暗，有没有亮化工程: 太暗 (jieba may tag it a noun) says how a street is, no thing the plans
    must mention; 亮化, which one item writes, is the focus. 太空 is a thing."""
    uses = {"亮化": 1, "工程": 30}
    focus = own_focus("夜里街上太暗亮化工程", lambda w: uses.get(w, 0), most=5, known=lambda w: False)
    assert "亮化" in focus
    assert own_focus("太空旅游有啥规划", lambda w: 0, most=5, known=lambda w: False) == []
