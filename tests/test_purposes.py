"""Why a document was made: the question's words and the clause that answers it first."""

from __future__ import annotations

from knowledge.builder import build_document, merge
from knowledge.purposes import asks_purpose, is_purpose_clause
from knowledge.search import SearchIndex

RULES = ["南湖市体育比赛奖励办法",
         "第一条　为激励全市运动员在体育比赛中刻苦训练，奋勇争先，做好体育比赛奖励工作，结合我市实际，制定本办法。",
         "第二条　本办法适用于参加省运动会的运动员、教练员。",
         "第三条　对获得金牌的运动员，奖励2万元；对其教练员，奖励1万元。"]
OTHER = ["南湖市养老服务补贴办法", "第一条　为做好养老服务工作，制定本办法。", "第二条　对高龄老人发放补贴。"]


def test_questions_asking_why_a_document_was_made() -> None:
    assert asks_purpose("这个办法的出发点是什么")
    assert asks_purpose("为什么要出台这个奖励办法")
    assert asks_purpose("给运动员发奖图的是什么")
    assert not asks_purpose("旅游目的地建设有哪些任务")
    assert not asks_purpose("金牌奖励多少钱")
    # Without a document named, the purpose of a measure is asked, not the document's …
    assert not asks_purpose("加强穿透审查的目的是什么", document_named=False)
    # … unless the words speak of making a document.
    assert asks_purpose("为什么要出台这个奖励办法", document_named=False)


def test_the_purpose_clause_and_what_is_not_one() -> None:
    assert is_purpose_clause(RULES[1])
    assert is_purpose_clause("市民政局市财政局为贯彻落实有关精神，推动政策衔接，结合我市实际，制定本实施方案。")
    assert not is_purpose_clause(RULES[3])
    assert not is_purpose_clause("作为重点任务，各地要制定本地区方案。")


def test_why_a_rule_was_made_is_answered_by_its_purpose_clause_first() -> None:
    index = SearchIndex(merge([build_document("rules.txt", RULES), build_document("other.txt", OTHER)]))
    hits = index.search("体育比赛奖励办法给运动员和教练员发奖，图的是什么").hits
    assert hits and hits[0].doc == "rules.txt" and "激励全市运动员" in hits[0].text
    # A question of what the rule gives is answered by what it gives.
    assert "2万元" in index.search("省运动会获得金牌的运动员奖励多少").hits[0].text


def test_why_a_named_document_was_made() -> None:
    """出台…奖励办法是为了什么: the words naming the document stay to match its purpose clause."""
    index = SearchIndex(merge([build_document("rules.txt", RULES), build_document("other.txt", OTHER)]))
    hits = index.search("南湖市出台体育比赛奖励办法是为了什么").hits
    assert hits and "激励全市运动员" in hits[0].text
