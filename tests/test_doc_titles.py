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
    # …的文件: a document named by what it is about and the plain word for a document (not written in it).
    assert document_phrase("改革全科医生培养使用激励机制的文件围绕的医疗目标") == ("改革全科医生培养使用激励机制", "围绕的医疗目标")


def test_a_title_named_with_characters_left_out_and_its_kind_said_after_is_named_whole() -> None:
    titles = DocumentTitles([Document(id="a", file="a.txt", title="南湖市林木采伐管理办法"),
                             Document(id="b", file="b.txt", title="南湖市推动融资担保公司服务小微企业的实施办法")],
                            shared=[])
    # 南湖 + 林木采伐管理办法: the place written without 市 is part of the name.
    assert titles.named("南湖林木采伐管理办法中市级部门审批多大面积") == (["a.txt"], "南湖林木采伐管理办法")
    # …小微企业的办法中: the kind the title ends with, said after its words.
    assert titles.named("推动融资担保公司服务小微企业的办法中哪些部门负责绩效") == (
        ["b.txt"], "推动融资担保公司服务小微企业的办法")
    # 评估报告: a kind the title is not, so a thing asked about, not the document's name.
    titles = DocumentTitles([Document(id="c", file="c.txt", title="南湖市社会稳定风险评估办法")], shared=[])
    assert titles.named("社会稳定风险评估报告应当包括哪些内容") == (["c.txt"], "社会稳定风险评估")


def test_the_bare_name_of_the_place_every_document_shares_is_no_place() -> None:
    a = build_document("a.txt", ["南湖市林木采伐管理办法", "发文机关：南湖市人民政府",
                                 "第一条 市级林业部门审批受灾林木采伐5公顷以上的。"])
    b = build_document("b.txt", ["南湖市质量奖评选办法", "发文机关：南湖市人民政府", "第一条 每年评选一次。"])
    index = SearchIndex(merge([a, b]))
    q = index.parse("南湖林木采伐管理办法中，市级林业部门审批多大面积的受灾林木采伐？")
    assert q.docs == {"a.txt"} and index.parser_required(q) == []
    hits = index.search("南湖林木采伐管理办法中，市级林业部门审批多大面积的受灾林木采伐？").hits
    assert hits and "5公顷" in hits[0].text


def test_a_document_named_by_its_title_answers_with_its_best_clause_not_its_notice() -> None:
    waste = build_document("waste.txt", [
        "南湖主城区建筑垃圾管理办法",
        "《南湖主城区建筑垃圾管理办法》已经市政府常务会议审议通过，现印发给你们，请认真组织实施。",
        "第一条 为加强南湖主城区建筑垃圾管理，制定本办法。",
        "第二条 鼓励社会资本依法投资建设和经营建筑垃圾弃置场。",
        "第三条 运输车辆应当密闭。"])
    sport = build_document("sport.txt", ["南湖市运动会奖励办法", "第一条 获得金牌的运动员奖励5万元。"])
    hits = SearchIndex(merge([waste, sport])).search("南湖主城区建筑垃圾管理办法允许民间资本建弃置场吗？").hits
    assert hits and "弃置场" in hits[0].text and "印发" not in hits[0].text


def test_who_issued_a_document_when_said_to_name_it_is_no_question_about_it() -> None:
    index = _policies()
    # 人民政府2022年印发的《…》里，…: the issuing words name the document; its text is what is asked.
    q = index.parse("广安市人民政府2022年印发的参加四川省第十四届运动会奖励办法里，学生运动员怎么安排入学")
    assert q.docs == {"sport.txt"} and "印发" not in q.text and "奖励办法" not in q.text
    hits = index.search("广安市人民政府2022年印发的参加四川省第十四届运动会奖励办法里，学生运动员怎么安排入学").hits
    assert hits and "入学" in hits[0].text
    # 什么时候印发了《…》: a question about the document itself keeps its title to match.
    assert "奖励办法" in index.parse("什么时候印发了参加四川省第十四届运动会奖励办法").text


def test_words_naming_a_document_with_an_abbreviation_scope_the_question() -> None:
    """支持文旅产业的若干政策里: 文旅 is how the document's words 文化旅游 are said."""
    tourism = build_document("tourism.txt", [
        "各区县人民政府，市级各部门：《关于支持文化旅游产业高质量发展的若干政策》已经市政府同意，现予印发。",
        "一、对新建的文化旅游核心项目给予贷款贴息。", "二、对新评定的景区给予奖励。"])
    loans = build_document("loans.txt", [
        "各区县人民政府，市级各部门：为支持小微企业发展，现就创业担保贷款提出如下若干政策。",
        "一、创业担保贷款按规定给予贴息。", "二、支持产业园区建设。"])
    index = SearchIndex(merge([tourism, loans]))
    q = index.parse("支持文旅产业的若干政策里，贷款贴息针对哪些项目")
    index.scope_by_phrase(q)
    assert q.docs == {"tourism.txt"}


def test_who_leads_a_task_is_no_question_about_who_issued_the_document() -> None:
    assert not DocumentTitles.about_document("全方位推广工作由哪个部门牵头")
    assert DocumentTitles.about_document("这个办法是哪个部门印发的")
    assert DocumentTitles.about_document("本办法由哪个部门解释")


def test_a_title_sharing_fewer_words_than_an_untitled_document_writes_gives_way() -> None:
    """促进慈善…实施意见 shares 促进…事业健康发展实施 with the funeral plan's title; the charity document,
    scraped without a title line, writes 促进慈善事业健康发展 itself."""
    funeral = build_document("funeral.txt", [
        "促进殡葬事业健康发展实施方案",
        "一、加强组织领导。各县要建立殡葬改革工作领导小组。",
        "二、推行节地生态安葬。"])
    charity = build_document("charity.txt", [
        "各区县人民政府：为贯彻落实《关于促进慈善事业健康发展的指导意见》，结合实际，提出如下实施意见。"
        "一、建立慈善工作联席会议制度，由民政部门牵头。二、对初创期慈善组织给予资金支持。"])
    index = SearchIndex(merge([funeral, charity]))
    q = index.parse("促进慈善事业健康发展实施意见中，对初创期慈善组织有什么支持？")
    assert q.docs == {"funeral.txt"}  # (the title's run, read alone)
    index.scope_by_phrase(q)
    assert q.docs == {"charity.txt"} and q.text == "对初创期慈善组织支持"  # (有 of 有什么 asks)
    # A title named in full keeps its document.
    hits = index.search("促进殡葬事业健康发展实施方案里，节地生态安葬怎么推行？").hits
    assert hits and hits[0].doc == "funeral.txt"


def test_a_forwarding_notice_answers_only_a_question_about_the_document() -> None:
    doc = build_document("aged.txt", [
        "各区县人民政府，市级有关部门：《南湖市养老服务发展实施办法》已经市政府常务会议审议通过，现印发给你们，请认真贯彻执行。",
        "第一条 养老机构应当配备消防设施。", "第二条 养老服务企业可以申请创业担保贷款，贷款由财政贴息。",
        "第三条 区县人民政府应当将养老服务设施建设纳入城市规划。"])
    index = SearchIndex(merge([doc, build_document("other.txt", ["南湖市质量奖评选办法", "第一条 每年评选一次。"])]))
    hits = index.search("区县人民政府在养老服务发展上要做什么").hits
    assert hits and hits[0].text.startswith("第三条")
    # The notice's addressees are not what the document asks of them.
    assert not index.search("养老服务发展实施办法要求市级有关部门做什么").hits
    hits = index.search("南湖市养老服务发展实施办法是什么时候审议通过的").hits
    assert hits and "审议通过" in hits[0].text
