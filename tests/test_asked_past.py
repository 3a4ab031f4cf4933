"""A question asking what was done (有几家了, 已有, 那年收了) is answered by a review or a figure reached
(the ranker's asked_past feature: 1 for an item looking back, 0 for any other)."""

from __future__ import annotations

import numpy as np

from knowledge.builder import build_document
from knowledge.features import NAMES
from knowledge.models import KnowledgeBase
from knowledge.search import SearchIndex


def test_the_feature_is_set_only_when_the_question_asks_what_was_done(bundled_kb: KnowledgeBase) -> None:
    index = SearchIndex(bundled_kb)
    k = NAMES.index("asked_past")
    q = index.parse("河北区华为生态企业有几家了", None)
    index.places.scope(q)
    q.past = True
    idx, x = index.features(q)
    looking_back = [index.candidates[i].actual or index._looking_back[i] for i in idx]
    assert np.array_equal(x[:, k], np.where(looking_back, 1.0, 0.0)) and x[:, k].any()
    q.past = False
    assert not index.features(q)[1][:, k].any()


def test_what_was_reached_comes_before_what_is_set_out(bundled_kb: KnowledgeBase) -> None:
    """河北区华为生态企业有几家了: the review's 48家 (line 55), not the plan's aim for the year (line 143);
    河北区今年要…: the plan's."""
    index = SearchIndex(bundled_kb)
    hits = index.search("河北区华为生态企业有几家了").hits
    assert hits and hits[0].line == 55
    hits = index.search("河北区一般预算收入那年收了多少亿").hits
    assert hits and hits[0].line == 51


def test_a_verb_with_the_le_of_a_completed_action_asks_what_was_done() -> None:
    """搞了啥合作, 开放了多长, 扩到多大算力了: what was done; 要开工了吗, 打算怎么搞 and a 了 of nothing done
    (有没有了) ask no such thing."""
    from knowledge.search import _asks_done
    assert _asks_done("和通州区搞了啥合作") and _asks_done("测试的路开放了多长") and _asks_done("计算中心扩到多大算力了")
    assert not _asks_done("新厂房要开工了吗") and not _asks_done("以后打算怎么搞") and not _asks_done("充电桩有没有")
    # (a number asked with its measure word, as jieba may join them: 弄了几部, 建了多少台)
    assert _asks_done("小区加装电梯弄了几部") and _asks_done("充电桩建了多少台")
    # (the 过 of what has been, 建过没, whatever is wished for before it; the 完 of what is through, with a
    # figure asked after it — not 不过 / 超过, nor 完成 to be done)
    assert _asks_done("小区边上想要个口袋公园区里建过没") and _asks_done("智算中心扩完容是多少p")
    assert not _asks_done("不过没关系") and not _asks_done("要完成几个")
    # (the 好 or 完 of a thing finished, asked after: 建好了没, 弄好没, 修完了吗)
    assert _asks_done("钟书阁建好了没") and _asks_done("区里智慧停车弄好没") and _asks_done("那条路修完了吗")
    # (how what was undertaken has gone: 弄得咋样, 进展如何; not how it is to be done, 要做得怎么样)
    assert _asks_done("改管网改户内弄得咋样") and _asks_done("老旧小区改造进展如何")
    assert not _asks_done("要做得怎么样")


def test_asked_what_is_planned_a_review_is_ranked_lower(bundled_kb: KnowledgeBase) -> None:
    """远洋大厦二期有啥安排 (the asked_ahead feature: −1 for an item looking back, 0 for any other; none set
    when nothing planned is asked)."""
    index = SearchIndex(bundled_kb)
    k = NAMES.index("asked_ahead")
    q = index.parse("远洋大厦二期有啥安排", None)
    idx, x = index.features(q)
    looking_back = [index.candidates[i].actual or index._looking_back[i] for i in idx]
    assert np.array_equal(x[:, k], np.where(looking_back, -1.0, 0.0)) and x[:, k].any()
    assert not index.features(index.parse("远洋大厦二期", None))[1][:, k].any()


def test_the_unit_feature_lowers_what_states_no_figure_in_the_unit_asked(bundled_kb: KnowledgeBase) -> None:
    """一年要开多少场招商会: −1 for a candidate stating no figure in 场, 0 for one that does."""
    index = SearchIndex(bundled_kb)
    k = NAMES.index("asked_unit")
    idx, x = index.features(index.parse("宝安一年要开多少场招商会", None))
    assert set(x[:, k].tolist()) == {-1.0, 0.0}
    assert not index.features(index.parse("宝安招商会", None))[1][:, k].any()


def test_how_many_things_were_done_is_the_number_a_review_states_not_a_count_of_items() -> None:
    """一共整改了多少项隐患: 项 counts the things done (整改各类隐患1.39万项), not the items on 隐患; asked of
    the plans' items (部署了几项任务) it is still a count."""
    lines = ["南港区2024年政府工作报告", "一、2023年工作回顾",
             "开展重大事故隐患专项排查整治，整改各类隐患1.39万项，立案查处安全违法行为273件。",
             "二、2024年工作安排", "1.持续巩固安全发展基础。开展隐患排查整治。", "2.强化消防隐患治理。"]
    index = SearchIndex(build_document("south.txt", lines))
    done = index.search("南港区一共整改了多少项隐患")
    assert done.reading == "answer" and [h.line for h in done.hits][:1] == [3]
    assert index.search("南港区隐患排查有多少项任务").reading == "count"
