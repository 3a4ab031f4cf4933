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


def test_a_part_named_with_a_same_sound_slip_is_read_as_the_part(bundled_kb: KnowledgeBase) -> None:
    """新河平按建设那部分分了几小节: no part is named 平按; read as 平安建设, the parts of 全力打造平安新河 are listed
    (the question asked stays as typed)."""
    result = SearchIndex(bundled_kb).search("新河平按建设那部分分了几小节")
    assert result.reading in ("list", "count") and result.query == "新河平按建设那部分分了几小节"
    assert [(h.doc[:3], h.line) for h in result.hits[:2]] == [("004", 298), ("004", 302)]


def test_a_part_named_in_everyday_words_is_the_part_its_heading_says_in_the_plans_words(
        bundled_kb: KnowledgeBase) -> None:
    """宝安平安稳定那一大块: 平安稳定 is said 安全稳定 in the plans' words, those of 七、抓安全保稳定…; its tasks are counted,
    and those due by the year's end listed."""
    import datetime as dt

    index = SearchIndex(bundled_kb)
    counted = index.search("宝安平安稳定那一大块总共几项任务")
    assert counted.reading == "count" and [(h.doc[:3], h.line) for h in counted.hits[:3]] == [
        ("003", 59), ("003", 60), ("003", 61)]
    due = index.search("年底前宝安平安稳定类任务里要完成的有哪些", today=dt.date(2023, 11, 20))
    assert due.reading == "due" and {("003", 65), ("003", 67), ("003", 71)} <= {(h.doc[:3], h.line) for h in due.hits}


def test_a_heading_ending_with_the_word_asking_for_items_is_the_part_listed(bundled_kb: KnowledgeBase) -> None:
    """大港街道规划落实靠哪些保障措施: 措施 asks for measures, and ends the heading 第八章 保障措施 with the words before it."""
    result = SearchIndex(bundled_kb).search("大港街道规划落实靠哪些保障措施")
    assert [(h.doc[:3], h.line) for h in result.hits[:4]] == [("001", 263), ("001", 266), ("001", 269), ("001", 276)]
    assert result.topic == "保障措施"  # (the part's heading, not the words around it)
    # (退役军人服务保障有哪些措施: the words before 保障措施 are a topic of their own, what the measures are about)
    other = SearchIndex(bundled_kb).search("退役军人服务保障有哪些措施")
    assert ("001", 263) not in {(h.doc[:3], h.line) for h in other.hits}


def test_a_heading_said_before_inside_scopes_the_answer_to_its_part(bundled_kb: KnowledgeBase) -> None:
    """大港街道主要目标里基本建成的年份: 主要目标 is a heading, whole; the answer is in that part (到2025年…基本建成…)."""
    hits = SearchIndex(bundled_kb).search("大港街道主要目标里基本建成的年份").hits
    assert hits and (hits[0].doc[:3], hits[0].line) == ("001", 57)


def test_a_list_of_items_holding_a_word_lists_those_whose_names_hold_it(bundled_kb: KnowledgeBase) -> None:
    """新河专栏里带累计的指标都有啥: the indicators named with 累计 (not a review's line 累计完成…), titled by the word."""
    result = SearchIndex(bundled_kb).search("新河专栏里带累计的指标都有啥")
    assert result.reading == "list" and result.topic == "带“累计”"
    assert all("累计" in h.title for h in result.hits)
    assert {("004", 92), ("004", 102), ("004", 112), ("004", 122), ("004", 142)} <= {(h.doc[:3], h.line) for h in result.hits}


def test_goals_pointed_at_by_a_word_no_target_row_writes_are_the_paragraphs_setting_them(
        bundled_kb: KnowledgeBase) -> None:
    """新河街道带美丽二字的目标哪些已经逾期了 (after the plan's period): no target row writes 美丽; the
    paragraphs of the five-year plan writing it, due at the period's end, are overdue."""
    import datetime as dt

    result = SearchIndex(bundled_kb).search("新河街道带美丽二字的目标哪些已经逾期了", today=dt.date(2026, 3, 10))
    assert result.reading == "overdue"
    assert {("004", 316), ("004", 372)} <= {(h.doc[:3], h.line) for h in result.hits}
