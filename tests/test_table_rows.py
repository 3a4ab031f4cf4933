"""An indicator named by its table row (专栏第3项, 专栏1序号1): the row's 序号 is kept (Indicator.row) and a
question naming it is answered by that row (knowledge/table_rows.py)."""

from __future__ import annotations

import pytest

from knowledge.models import KnowledgeBase
from knowledge.search import SearchIndex
from knowledge.table_rows import row_asked


@pytest.mark.parametrize(("question", "asked"), [
    ("大港街道专栏第3项的企业家数目标", (None, 3)), ("新河街道专栏1序号1那个增速", (1, 1)),
    ("专栏指标第8项高新技术企业", (None, 8)), ("专栏一里第五项是什么", (1, 5)),
    ("专栏头一行增速填的几", (None, 1)), ("专栏1首行是啥", (1, 1))])  # the first row, said without its number
def test_a_row_named_by_its_number(question: str, asked: tuple[int | None, int]) -> None:
    assert row_asked(question) == asked


@pytest.mark.parametrize("question", ["放指标的专栏是第几个", "专栏1有几项", "第三章第二节", "专栏头一年的增速"])
def test_no_row_named(question: str) -> None:
    assert row_asked(question) is None


def test_table_rows_keep_their_number(bundled_kb: KnowledgeBase) -> None:
    rows = [i for i in bundled_kb.indicators if i.source == "table" and i.doc.startswith("001")]
    assert [i.row for i in rows[:3]] == [1, 2, 3] and rows[2].name == "规模以上工业企业数量"


def test_the_search_answers_with_the_row_named(bundled_kb: KnowledgeBase) -> None:
    index = SearchIndex(bundled_kb)
    hits = index.search("大港街道专栏第3项的企业家数目标").hits
    assert hits and hits[0].title == "规模以上工业企业数量"
    hits = index.search("新河街道专栏1序号1那个增速，2025列写的几").hits
    assert hits and hits[0].title == "街道地区生产总值增速"
