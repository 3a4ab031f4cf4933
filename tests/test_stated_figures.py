"""The figures a question states (knowledge/numbers.py: stated_figures), which point at the item stating
the same figure (the ranker's stated_figure feature)."""

from __future__ import annotations

import pytest

from knowledge.numbers import stated_figures


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
