"""A list's items completed by every line writing its topic's word (knowledge/listing.py, written_word)."""

from __future__ import annotations

from knowledge.builder import build_document, merge
from knowledge.models import KnowledgeBase
from knowledge.search import SearchIndex

PLAN = ["南岭街道2023年重点工作任务", "一、抓平安", "1.深入开展扫黑除恶专项斗争，强化平安建设。", "2.加强施工工地扬尘管控。",
        "二、抓民生", "3.推进老旧小区改造8个。", "4.开展防范非法集资、扫黑除恶等宣传活动。", "5.减少道路扬尘，提升保洁水平。"]


def _index() -> SearchIndex:
    return SearchIndex(merge([build_document("a.txt", PLAN)]))


def test_the_written_word_of_a_topic_is_its_run_the_plans_write() -> None:
    """The words framing the topic (的条目汇总) are no part of it; the kind of work said after a word the
    plans write on more lines is left out (扬尘管控 → 扬尘); another ending is kept (老旧小区改造)."""
    index = _index()
    assert index.listing.written_word(index, "扫黑除恶的条目汇总") == "扫黑除恶"
    assert index.listing.written_word(index, "扬尘管控") == "扬尘"
    assert index.listing.written_word(index, "老旧小区改造") == "老旧小区改造"
    assert index.listing.written_word(index, "垃圾焚烧") is None


def test_a_related_list_holds_every_line_writing_the_topic(bundled_kb: KnowledgeBase) -> None:
    """扬尘治理各家是怎么写的: each plan's line writing 扬尘, though the ranker lists only some."""
    result = SearchIndex(bundled_kb).search("扬尘治理各家是怎么写的")
    assert result.reading == "list"
    assert {(h.doc[:3], h.line) for h in result.hits} >= {("001", 252), ("003", 41), ("004", 324)}


def test_a_topic_the_plans_do_not_take_up_lists_nothing_though_a_word_of_it_is_written(
        bundled_kb: KnowledgeBase) -> None:
    """垃圾焚烧发电厂选址: 垃圾 is written, but nothing is about the topic: still "not found"."""
    assert SearchIndex(bundled_kb).search("垃圾焚烧发电厂选址各地规划里有没有说").hits == []


def test_a_question_with_a_same_sound_slip_is_read_again_as_a_whole(bundled_kb: KnowledgeBase) -> None:
    """景杉花园旧改能让几户受益: read with 景山花园 (the plans' name), the answer is what it would be so."""
    hits = SearchIndex(bundled_kb).search("景杉花园旧改能让几户受益").hits
    assert hits and (hits[0].doc[:3], hits[0].line) == ("003", 39)


def test_goals_pointed_at_by_a_word_no_target_row_writes_are_the_paragraphs_setting_them(
        bundled_kb: KnowledgeBase) -> None:
    """新河街道带美丽二字的目标哪些已经逾期了 (after the plan's period): no target row writes 美丽; the
    paragraphs of the five-year plan writing it, due at the period's end, are overdue."""
    import datetime as dt

    result = SearchIndex(bundled_kb).search("新河街道带美丽二字的目标哪些已经逾期了", today=dt.date(2026, 3, 10))
    assert result.reading == "overdue"
    assert {("004", 316), ("004", 372)} <= {(h.doc[:3], h.line) for h in result.hits}
