"""The expected answer type of a question (knowledge/answer_types.py) and the ranker feature it fills."""

from __future__ import annotations

import pytest

from knowledge.answer_types import asked_types, holds_answer
from knowledge.builder import build_document
from knowledge.features import NAMES
from knowledge.normalize import normalize
from knowledge.search import SearchIndex


@pytest.mark.parametrize("question,types", [
    ("墓位管理费最多能一次收多少年", ("number",)),
    ("申报截止时限是哪天", ("time",)),
    ("由哪个部门牵头", ("body",)),
    ("申请质量奖要满足什么条件", ("condition",)),
    ("评上以后被查出抄袭会怎么处理", ("consequence",)),
    ("能不能把剩菜卖给私人", ("permission",)),
    ("帮扶的那两个村分别叫什么名字", ("name",)),
    ("医院管理要实现哪几化", ("series",)),
    ("这个办法依据的是省里哪个文件", ("basis",)),
    ("推进垃圾分类", ()),
])
def test_the_kind_of_answer_a_question_expects(question: str, types: tuple[str, ...]) -> None:
    assert asked_types(normalize(question)) == types


def test_a_text_holding_an_answer_of_the_kind_expected() -> None:
    texts = ["墓位管理费一次性收取不得超过20年。", "加强公墓管理，规范收费行为。"]
    assert holds_answer(("number",), texts).tolist() == [1.0, 0.0]
    # (texts are matched normalised: the words in 化 without the 、 between them)
    texts = [normalize("推动医院管理法治化、规范化、精细化"), normalize("加快医院信息化建设")]
    assert holds_answer(("series",), texts).tolist() == [1.0, 0.0]
    assert holds_answer((), texts).tolist() == [0.0, 0.0]
    # (several types: the share of them held)
    assert holds_answer(("number", "body"), ["市民政局牵头，每年开展一次。"]).tolist() == [1.0]
    assert holds_answer(("number", "body"), ["市民政局牵头。"]).tolist() == [0.5]
    assert holds_answer(("name",), ["依托响螺湾医院成立社区卫生服务中心。", "协调推进社区卫生服务站建设。"]).tolist() == [1.0, 0.0]


def test_the_index_fills_the_feature_for_each_candidate() -> None:
    kb = build_document("a.txt", ["东湖街道殡葬管理办法", "一、公墓管理",
                                  "加强公墓管理，规范公墓管理费收费行为。",
                                  "公墓管理费一次性收取不得超过20年。"])
    index = SearchIndex(kb)
    idx, x = index.features(index.parse("公墓管理费最多一次收多少年"))
    held = {index.entries[i].text: x[k, NAMES.index("answer_type")] for k, i in enumerate(idx)}
    # (entries hold the matching form of the text: no punctuation)
    assert held["公墓管理费一次性收取不得超过20年"] == 1.0
    assert held["加强公墓管理规范公墓管理费收费行为"] == 0.0


def test_what_a_place_is_to_become_is_answered_by_what_it_is_to_be_built_into() -> None:
    """定位是啥, 要建成个啥样: a role, which a text states as 建设成为 / 建成 / 打造成."""
    assert "role" in asked_types("远景目标里的定位是啥")
    assert "role" in asked_types("2035年要建成个啥样")
    assert holds_answer(("role",), ["将大港街全面建设成为生态宜居宜业滨城副城", "推进老旧小区改造"]).tolist() == [1.0, 0.0]


def test_the_document_a_text_is_made_under_answers_what_it_is_based_on() -> None:
    texts = ["根据《四川省人民政府关于做好促进就业工作的实施意见》，结合我市实际，制定本办法。", "就业是最大的民生。"]
    assert holds_answer(("basis",), [normalize(t) for t in texts]).tolist() == [1.0, 0.0]


def test_a_digit_inside_a_latin_name_states_no_number() -> None:
    """PM2.5 and 5G are names: a text naming them holds no figure by that alone."""
    texts = [normalize(t) for t in ["实现PM2.5平均浓度不断降低", "推进5G基站建设", "PM2.5平均浓度42微克/立方米"]]
    assert holds_answer(("number",), texts).tolist() == [0.0, 0.0, 1.0]


def test_the_unit_a_how_many_question_asks_in() -> None:
    """几平方公里, 多少场: the unit a text must state a figure in; 几个 and the parts of a document name none."""
    from knowledge.answer_types import asked_units, states_unit
    assert asked_units("那片有几平方公里") == ("平方公里",)
    assert asked_units("一年要开多少场招商会") == ("场",)
    assert asked_units("有几个社区") == () and asked_units("第三章有几条") == ()
    assert states_unit(("场",), ["全年开展招商活动20场以上", "招商引资"]).tolist() == [1.0, 0.0]


def test_a_quantity_named_with_a_number_asked_asks_for_its_units() -> None:
    """面积有多大: an area is stated in 平方公里, 亩 …; named without asking a number (绿化面积怎么扩大) it asks none."""
    from knowledge.answer_types import asked_units, states_unit
    units = asked_units("融合发展区面积有多大")
    assert "平方公里" in units and "亩" in units
    assert asked_units("绿化面积怎么扩大") == ()
    assert states_unit(units, ["融合发展区21平方公里", "做好融合发展区服务"]).tolist() == [1.0, 0.0]
