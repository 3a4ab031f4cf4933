"""One notion of "the same": the Traditional→Simplified conversion, the name key, the indicator key."""

from __future__ import annotations

from knowledge.identity import indicator_key, name_key, to_simplified
from knowledge.search import SearchIndex


def test_to_simplified_is_phrase_aware_and_leaves_simplified_text_alone() -> None:
    assert to_simplified("查看: 75|回覆: 0") == "查看: 75|回复: 0"  # 覆 alone is no Traditional character
    assert to_simplified("規模以上工業總產值") == "规模以上工业总产值"
    text = "规模以上工业总产值（亿元）"
    assert to_simplified(text) is text


def test_name_key_ignores_numbering_units_width_script_and_punctuation() -> None:
    assert name_key("（三）規模以上工業增加值（%）") == name_key("规模以上工业增加值") == "规模以上工业增加值"
    assert name_key("ＧＤＰ 增速") == "gdp增速"


def test_indicator_key_groups_qualified_names_and_is_empty_for_one_character() -> None:
    assert indicator_key("固定资产投资额累计") == indicator_key("固定资产投资") == indicator_key("街道固定资产投资额")
    assert indicator_key("规模以上工业增加值") != indicator_key("规模以上工业总产值")
    assert indicator_key("率") == ""


def test_search_groups_by_the_indicator_key(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    index = SearchIndex(bundled_kb)
    for group in index.search("固定资产投资", limit=20).groups:
        keys = {indicator_key(h.title) for h in group.hits}
        assert len(keys) == 1
        assert {h.id for h in group.hits} == {i.id for i in [*bundled_kb.indicators, *bundled_kb.actuals]
                                               if indicator_key(i.name) in keys}
