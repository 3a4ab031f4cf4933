"""A long question whose best candidates all come from one document is answered from it, though no
single item is probable enough alone; a short one, or one scoped to a place, is not."""

from __future__ import annotations

import pytest

from knowledge.builder import build_document, merge
from knowledge.search import ONE_DOCUMENT_CHARS, Scored, SearchIndex, one_document_top

A = ["南湖市城市建筑垃圾管理办法"] + [f"第{n}条 建筑垃圾运输车辆应当密闭运输第{n}项要求。" for n in "一二三四五六七八"]
B = ["南湖市养老服务补贴办法"] + [f"第{n}条 高龄老人每月领取养老服务补贴第{n}项。" for n in "一二三四五六七八"]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    # Five documents of a size, as the bundled plans: six best candidates of one are agreement, not chance.
    others = [build_document(f"{c}.txt", [f"南湖市{c}区体育设施办法"] + [f"第{n}条 {c}区建设体育公园第{n}处。"
                                                                   for n in "一二三四五六七八"]) for c in "cde"]
    return SearchIndex(merge([build_document("a.txt", A), build_document("b.txt", B), *others]))


def _scored(index: SearchIndex, docs: list[str]) -> Scored:
    """Candidates, one per entry of these documents, best first."""
    members = [i for i, e in enumerate(index.entries) if e.item.doc in docs][:one_document_top(5) + 2]
    inside = [(0.1 - 0.001 * k, i) for k, i in enumerate(members)]
    return Scored(inside=inside, outside=[], rank={i: p for p, i in inside})


def test_best_candidates_of_one_document_answer_a_long_question(index: SearchIndex) -> None:
    q = index.parse("自己家装修敲下来的碎砖烂瓦能不能找辆车随便拉走倒掉")
    assert len(q.text) >= ONE_DOCUMENT_CHARS
    assert index._one_document(q, _scored(index, ["a.txt"]))


def test_candidates_of_two_documents_or_a_short_question_do_not(index: SearchIndex) -> None:
    long_q = index.parse("自己家装修敲下来的碎砖烂瓦能不能找辆车随便拉走倒掉")
    scored = _scored(index, ["a.txt"])
    mixed = Scored(inside=scored.inside[:3] + _scored(index, ["b.txt"]).inside[:3], outside=[],
                   rank={**scored.rank, **_scored(index, ["b.txt"]).rank})
    assert not index._one_document(long_q, mixed)
    assert not index._one_document(index.parse("碎砖烂瓦咋处理"), scored)


def test_a_question_scoped_to_a_document_does_not(index: SearchIndex) -> None:
    q = index.parse("自己家装修敲下来的碎砖烂瓦能不能找辆车随便拉走倒掉")
    q.docs = {"a.txt"}
    assert not index._one_document(q, _scored(index, ["a.txt"]))


def test_agreement_needs_fewer_candidates_among_more_documents() -> None:
    assert one_document_top(5) == 6
    assert one_document_top(39) == 4
    assert one_document_top(500) == 3
    assert one_document_top(1) > one_document_top(5)


def test_nearly_all_of_a_few_more_best_candidates_from_one_document_is_agreement_too() -> None:
    """4 of the best 5 among 39 documents is as far from chance as 4 of 4 (C(5,4)·39^-3 ≤ the bound)."""
    import math

    from knowledge.search import ONE_DOCUMENT_CHANCE, one_document_top

    top = one_document_top(39)
    assert math.comb(top + 1, top) * 39.0 ** -(top - 1) <= ONE_DOCUMENT_CHANCE
    # (five plans: 6 of 7 is no agreement — it happens by chance)
    assert math.comb(7, 6) * 5.0 ** -5 > ONE_DOCUMENT_CHANCE


def test_a_document_holding_a_large_share_of_the_items_leads_by_chance_more_often() -> None:
    """Six best candidates of five plans' largest (a third of the items) are what chance gives; six of a
    plan holding a fifth of them, as of one among five alike, are agreement."""
    from knowledge.search import one_document_agrees

    six = ["a.txt"] * 6 + ["b.txt", "c.txt"]
    assert one_document_agrees(six, 1 / 5, one_document_top(5))
    assert not one_document_agrees(six, 1 / 3, one_document_top(5))
    assert not one_document_agrees(["a.txt"] * 5 + ["b.txt"] * 3, 1 / 5, one_document_top(5))
