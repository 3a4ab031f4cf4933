"""The figures a question states (knowledge/numbers.py: stated_figures), which point at the item stating
the same figure (the ranker's stated_figure feature)."""

from __future__ import annotations

import pytest

from knowledge.numbers import in_spans, stated_figures, stated_spans


@pytest.mark.parametrize("text,values", [
    ("新河街道累计新增就业1万人对不对", {10000.0}),
    ("新增就业人口累计2020年2000 2025年10000", {10000.0}),  # (2000 may be a year: no figure)
    ("固投攒到5个亿是哪年的", {5e8}),
    ("固定资产投资额5亿元", {5e8}),
    ("地区生产总值增长4.5%左右", {4.5}),
    ("2800家市场主体", {2800.0}),
    ("2025年专栏1有3项", set()),  # a year and small bare numbers point at nothing
])
def test_stated_figures(text: str, values: set[float]) -> None:
    assert stated_figures(text) == values


@pytest.mark.parametrize("text,spans", [
    ("就业新增了1点几万人来着", ((1e4, 2e4),)),
    ("优良天占比是六成几", ((60.0, 70.0),)),
    ("规上企业有二十几家", ((20.0, 30.0),)),
    ("十几个社区", ((10.0, 20.0),)),
    ("三千多家市场主体", ((3000.0, 4000.0),)),
    ("新增就业1.5万人", ()),  # a figure stated exactly is no span
    ("一年挡下几百万损失", ((1e6, 1e7),)),  # an order of magnitude asked
    ("算力目标是几百P", ((100.0, 1000.0),)),
    ("二十几万人", ((2e5, 3e5),)),  # (几 after a numeral is the rough figure's, not a magnitude)
])
def test_a_figure_recalled_roughly_is_a_span(text: str, spans: tuple[tuple[float, float], ...]) -> None:
    assert stated_spans(text) == spans


def test_a_value_falls_in_a_span_without_its_upper_end() -> None:
    assert in_spans(frozenset({16500.0}), ((1e4, 2e4),)) and not in_spans(frozenset({2e4}), ((1e4, 2e4),))


def test_a_rough_figure_is_asked_for_as_much_as_duoshao(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """河北区优良天占比是六成几: 六成几 asks for the figure (63.6%), as 多少 does; the review's figure in the
    span recalled comes before the plan's words on the same thing."""
    from knowledge.search import SearchIndex

    index = SearchIndex(bundled_kb)
    hits = index.search("河北区优良天占比是六成几").hits
    assert hits and "63.6%" in hits[0].text
    hits = index.search("河北区报告里说就业新增了1点几万人来着").hits
    assert hits and "1.65万人" in hits[0].text


def test_an_indicator_on_a_shared_line_states_only_its_own_figures(bundled_kb) -> None:  # type: ignore[no-untyped-def]
    """河北区定的2024经济增速是四个半点吗: the line sets four targets; only 地区生产总值 states 4.5% (its
    neighbours, 固定资产投资 实现正增长, state none), and a bare value is read in its unit (1.65 万人)."""
    from knowledge.search import SearchIndex

    index = SearchIndex(bundled_kb)
    hits = index.search("河北区定的2024经济增速是四个半点吗").hits
    assert hits and hits[0].title == "地区生产总值"
    assert all(h.title != "固定资产投资" for h in hits[:1])
