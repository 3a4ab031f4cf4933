"""A document named by its title in a question is a scope, and its title is not what is asked —
unless the question asks about the document itself (when it was issued, from when it applies)."""

from __future__ import annotations

from knowledge.builder import build_document, merge
from knowledge.doc_titles import DocumentTitles
from knowledge.models import Document
from knowledge.search import SearchIndex


def test_a_title_named_nearly_in_full_names_its_document() -> None:
    titles = DocumentTitles([Document(id="a", file="a.txt", title="关于支持文化旅游产业高质量发展的若干政策（试行）"),
                             Document(id="b", file="b.txt", title="2024年大港街工作计划")], shared=[])
    assert titles.named("2022年支持文化旅游产业高质量发展的若干政策对龙头企业奖励多少") == (
        ["a.txt"], "支持文化旅游产业高质量发展的若干政策")
    # A title's year is the question's to state: 大港街2024年 names no document by its title.
    assert titles.named("大港街2024年固定资产投资预计多少") is None
    assert titles.named("文化旅游产业有哪些奖励") is None  # a few of its words are no name


def _policies() -> SearchIndex:
    sport = build_document("sport.txt", [
        "广安市参加四川省第十四届运动会奖励办法",
        "《广安市参加四川省第十四届运动会奖励办法》已经市政府常务会议审议通过，现印发给你们，请认真贯彻执行。",
        "第一条 获得金牌的运动员奖励5万元。",
        "第二条 学生运动员由教育行政部门按照训练需要安排入学。",
        "第三条 本办法自2022年7月1日起施行。"])
    waste = build_document("waste.txt", ["广安主城区建筑垃圾管理办法", "第一条 建筑垃圾应当分类收集。",
                                         "第二条 学生参与垃圾分类宣传。"])
    return SearchIndex(merge([sport, waste]))


def test_the_clause_answers_not_the_notice_repeating_the_title() -> None:
    hits = _policies().search("广安市参加四川省第十四届运动会奖励办法里，学生运动员怎么安排入学").hits
    assert hits and hits[0].doc == "sport.txt" and "入学" in hits[0].text


def test_a_question_about_the_document_itself_keeps_its_title_to_match() -> None:
    index = _policies()
    q = index.parse("广安市参加四川省第十四届运动会奖励办法什么时候施行")
    assert q.docs == {"sport.txt"} and "奖励办法" in q.text
    hits = index.search("广安市参加四川省第十四届运动会奖励办法什么时候施行").hits
    assert hits and hits[0].doc == "sport.txt"


def test_a_section_hit_shows_what_the_section_says() -> None:
    index = SearchIndex(merge([build_document("rules.txt", [
        "东湖区社会稳定风险评估办法", "第一章 总则", "第一条 为预防社会矛盾，制定本办法。",
        "第二章 评估内容", "第二条 评估内容应当包括合法性、合理性、可行性评估。"])]))
    hit = next(h for h in index.search("东湖区社会稳定风险评估办法有几章").hits if h.title.endswith("评估内容"))
    assert hit.text.startswith("第二章 评估内容") and "合法性" in hit.text


def test_words_naming_a_document_without_a_title_line_scope_the_question() -> None:
    # Scraped pages open with the addressees: no title to align with, only what the document says.
    care = build_document("care.txt", [
        "各区县人民政府，市级各部门：根据《省政府关于加快发展养老服务业的实施意见》精神，现就养老服务业发展提出如下实施意见。",
        "一、总体要求。加快发展养老服务业，完善养老服务体系。",
        "二、部门职责。消防部门依法对养老服务机构消防安全工作进行监督检查。"])
    health = build_document("health.txt", [
        "各区县人民政府，市级各部门：为加快发展健康服务业，现就养老和医疗服务融合提出如下意见。",
        "一、消防部门要加强对医疗机构消防安全的检查。",
        "二、养老机构与医疗机构签约合作。"])
    index = SearchIndex(merge([care, health]))
    q = index.parse("加快发展养老服务业的实施意见里，消防部门对养老机构负什么责任")
    index.scope_by_phrase(q)
    assert q.docs == {"care.txt"} and "实施意见" not in q.text
    hits = index.search("加快发展养老服务业的实施意见里，消防部门对养老机构负什么责任").hits
    assert hits and hits[0].doc == "care.txt" and "监督检查" in hits[0].text


def test_words_naming_several_documents_or_no_document_scope_nothing() -> None:
    from knowledge.doc_titles import document_phrase

    assert document_phrase("国家高新技术企业数量各规划汇总下") is None
    assert document_phrase("养老服务有哪些补贴") is None
    assert document_phrase("社会救助实施办法中低保标准") == ("社会救助实施办法", "低保标准")
