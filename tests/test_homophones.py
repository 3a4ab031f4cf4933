"""Same-sound slips of the input method (knowledge/homophones.py): swapped back only where the plans
write both pairs the swap makes, and neither before."""

from __future__ import annotations

from knowledge.homophones import Homophones

PLANS = "组织门球赛事，推进老旧小区改造，做好再就业工作"


def _pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)}


def homophones(text: str = PLANS) -> Homophones:
    known = _pairs(text)
    return Homophones(text, known.__contains__)


def test_a_same_sound_slip_is_swapped_back() -> None:
    assert homophones().repair("门求赛") == "门球赛"
    assert homophones().repair("小区该造") == "小区改造"


def test_text_the_plans_write_is_left_alone() -> None:
    assert homophones().repair("老旧小区改造") is None


def test_a_character_at_either_end_is_never_swapped() -> None:
    # 求 ends the text: one pair is too weak a reason.
    assert homophones().repair("门求") is None


def test_a_character_with_a_known_pair_is_no_slip() -> None:
    # 就 has the pair 就业 the plans write: it is no slip (and 在, at the edge, is never swapped).
    assert homophones("再就业，在岗位上").repair("在就业") is None


def test_two_possible_swaps_are_a_guess_and_none_is_made() -> None:
    # 秋 could be 球 or 酋: both make pairs the plans write.
    known = {"门球", "球赛", "门酋", "酋赛"}
    assert Homophones("球酋求", known.__contains__).repair("门秋赛") is None


def test_the_first_character_is_swapped_when_three_in_a_row_are_written() -> None:
    plans = "办好启智学校，推进汽车智能网联"
    h = Homophones(plans, _pairs(plans).__contains__, plans.__contains__)
    # 期 could be 启 (启智) or 汽 (汽智): only 启智学 is written in the plans.
    assert h.repair("期智学校得奖") == "启智学校得奖"
    # Without the run of three written, nothing is swapped at the edge.
    assert Homophones(plans, _pairs(plans).__contains__).repair("期智学校得奖") is None


def test_a_slip_making_a_known_pair_is_swapped_when_the_run_of_three_is_written() -> None:
    """问金书院 for 问津书院: 问金 is a pair the plans write (问金融), but not 问金书, and only 津 makes a
    run of three they write; where the run as typed is written, nothing is swapped."""
    plans = "打造问津书院，问金融机构"
    h = Homophones(plans, _pairs(plans).__contains__, plans.__contains__)
    assert h.repair("问金书院在哪") == "问津书院在哪"
    assert h.repair("问金融机构") is None


def test_a_same_sound_slip_read_as_a_place_no_plan_is_about_is_repaired() -> None:
    """新和街 for 新河街, 饮冰市书斋 for 饮冰室书斋: not a place the plans do not cover."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    plan = build_document("plan.txt", ["新河街道“十四五”规划", "一、公共安全", "建设消防体验馆，提升居民消防意识。",
                                       "二、文化遗产", "推进饮冰室书斋保护修缮。"])
    other = build_document("other.txt", ["大港街道2024年工作计划", "一、民生", "办好民生实事。"])
    index = SearchIndex(merge([plan, other]))
    hits = index.search("新和街消防体验馆平时发挥啥作用").hits
    assert hits and "消防体验馆" in hits[0].text
    hits = index.search("饮冰市书斋修膳到哪步了").hits
    assert hits and "饮冰室书斋" in hits[0].text
    # A place sounding like none of the plans' is still a place they do not cover.
    assert index.search("和平区安全生产有哪些任务").note


def test_typed_pinyin_may_be_any_reading_of_a_character() -> None:
    """乐团 is typed yuetuan, though 乐 is read le more often."""
    from knowledge.latin import PinyinDecoder
    from knowledge.pinyin_index import chars_by_sound

    assert "乐" in chars_by_sound("乐团", every_reading=True)["yue"]
    assert "yue" not in chars_by_sound("乐团")
    pairs = {"交响": 1.0, "响乐": 1.0, "乐团": 1.0}
    decoder = PinyinDecoder("交响乐团快", pairs.get)
    assert decoder.decode("jiaoxiangyuetuan") == "交响乐团"


def test_typed_pinyin_prefers_a_dictionary_word_read_as_typed() -> None:
    """yuanxiao is 元宵 (a word), though the plans write 元消 more often (单元消防); a word read in
    another reading (台风 for yifeng: 台 has a reading yi) earns nothing."""
    from knowledge.latin import PinyinDecoder

    pairs = {"元宵": -6.0, "元消": -5.5, "宵踩": -7.0, "消踩": -7.0, "踩街": -6.0,
             "意风": -4.0, "台风": -4.1}
    words = {"元宵", "台风"}
    decoder = PinyinDecoder("元宵消踩街意台风", pairs.get, words.__contains__)
    assert decoder.decode("yuanxiao") == "元宵"
    assert decoder.decode("yifeng") == "意风"
    assert PinyinDecoder("元宵消", pairs.get).decode("yuanxiao") == "元消"  # (no dictionary: the pairs decide)


def test_a_slip_repaired_into_a_street_the_plans_write_is_repaired() -> None:
    """洪顺里街 for 鸿顺里街: repaired, it is still a street no plan is about, but one a plan writes."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    plan = build_document("plan.txt", ["北河区2024年政府工作报告", "一、街道经济",
                                       "1.鸿顺里街打造文商旅融合焕新示范街。"])
    other = build_document("other.txt", ["大港街道2024年工作计划", "一、民生", "办好民生实事。"])
    index = SearchIndex(merge([plan, other]))
    result = index.search("洪顺里街要打造成什么示范街")
    assert result.hits and "鸿顺里街" in result.hits[0].text and not result.note


def test_of_two_swaps_making_pairs_the_one_whose_run_of_three_is_written_is_made() -> None:
    # 原 could be 元 (开元, 元里) or 园 (开园, 园里); only 开元里 is written as three in a row.
    plans = "建立开元里文化基地，公园开园，园里绿化"
    h = Homophones(plans, _pairs(plans).__contains__, plans.__contains__)
    assert h.repair("开原里基地") == "开元里基地"
    # Without the text to read runs from, two swaps stay a guess.
    assert Homophones(plans, _pairs(plans).__contains__).repair("开原里基地") is None


def test_a_slip_ending_a_name_before_a_word_it_makes_no_pair_with_is_swapped_by_the_run_before() -> None:
    """会展弯哪年营业: 湾 makes no pair with 哪, but 会展湾 is a run the plans write; without it, nothing."""
    plans = "会展湾花园里开业运营，建设海湾"
    h = Homophones(plans, _pairs(plans).__contains__, plans.__contains__)
    assert h.repair("会展弯哪年营业") == "会展湾哪年营业"
    assert Homophones(plans, _pairs(plans).__contains__).repair("会展弯哪年营业") is None


def test_a_slip_ending_a_name_before_a_pointing_word_is_swapped_back() -> None:
    """五车弟那边: the name (五车地) is followed by 那边, a pointing word, as by a word of asking; the run of
    three the swap makes is written."""
    plans = "推动五车地棚户区改造，地区发展"
    h = Homophones(plans, _pairs(plans).__contains__, plans.__contains__)
    assert h.repair("五车弟那边改造咋弄") == "五车地那边改造咋弄"
    assert h.repair("五车弟这块有啥安排") == "五车地这块有啥安排"


def test_a_fuzzy_sound_slip_is_swapped_back_only_where_the_run_of_three_is_written() -> None:
    """景三花园 for 景山花园: an input method's fuzzy sounds (s for sh, an for ang) slip too; swapped only
    where the swap makes a run of three the plans write, and never when a same-sound swap exists."""
    from knowledge.homophones import near_sounds

    assert set(near_sounds("shan")) == {"san", "shang"} and set(near_sounds("zi")) == {"zhi"}
    plans = "完成景山花园老旧小区改造，景色宜人"
    h = Homophones(plans, _pairs(plans).__contains__, plans.__contains__)
    assert h.repair("景三花园改造") == "景山花园改造"
    # (without the run of three written, a fuzzy sound is no reason to swap)
    assert Homophones(plans, _pairs(plans).__contains__).repair("景三花园改造") is None



def test_a_pinyin_word_read_as_characters_the_plans_never_write_is_read_as_those_they_do() -> None:
    """hexingzhuang: 和兴 and 兴庄 are each written once (和兴化工, 张兴庄), so the pairs read 和兴庄, which no
    plan writes; 河兴庄, the same sound with one character swapped, is written: it is the name meant."""
    from knowledge.latin import LatinResolver, PinyinDecoder

    pairs = {"和兴": -5.0, "河兴": -5.0, "兴庄": -5.0}
    text = "和兴化工 张兴庄 河兴庄产业"
    decoder = PinyinDecoder("和河兴庄张化工产业", pairs.get)
    assert decoder.decode("hexingzhuang") == "和兴庄"
    resolver = LatinResolver([], [], [], decoder, written=lambda run: run in text)
    assert resolver.resolve("hexingzhuang gaizao") .split()[0] == "河兴庄"

