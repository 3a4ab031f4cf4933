"""A question asking what was done (有几家了, 已有, 那年收了) is answered by a review or a figure reached
(the ranker's asked_past feature: 1 for an item looking back, 0 for any other)."""

from __future__ import annotations

import numpy as np

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
