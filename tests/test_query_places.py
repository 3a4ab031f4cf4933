"""Places a question names, read against the documents' issuers and titles: an issuing office's
place is its document's place, and a place every document shares neither filters nor is matched."""

from __future__ import annotations

from knowledge.models import Document
from knowledge.query import QueryParser, place_aliases


def doc(file: str, title: str, issuer: str) -> Document:
    return Document(id=file, file=file, title=title, issuer=issuer)


def test_an_issuing_office_gives_its_place() -> None:
    strong, _ = place_aliases(doc("a.txt", "关于调整全市最低工资标准的通知", "广安市人民政府办公室"))
    assert "广安市" in strong
    strong, _ = place_aliases(doc("b.txt", "2024年政府工作报告", "河北区人民政府"))
    assert "河北区" in strong and "河北区区" not in strong
    strong, _ = place_aliases(doc("c.txt", "森林防火命令", "广安市人民政府"))
    assert "广安市区" not in strong


def test_a_place_every_document_shares_neither_filters_nor_is_matched() -> None:
    parser = QueryParser([doc("a.txt", "关于调整全市最低工资标准的通知", "广安市人民政府"),
                          doc("b.txt", "广安市质量奖评选管理办法", "广安市人民政府办公室")])
    q = parser.parse("广安市月最低工资标准是多少")
    assert q.docs == set() and "广安" not in q.text and "最低工资标准" in q.text


def test_two_bare_places_named_together_are_both_places() -> None:
    parser = QueryParser([doc("a.txt", "天津市滨海新区大港街道2024年工作计划", "大港街道办事处"),
                          doc("b.txt", "天津市滨海新区新河街道2024年工作计划", "新河街道办事处"),
                          doc("c.txt", "天津市河北区2024年政府工作报告", "河北区人民政府")])
    q = parser.parse("大港和新河两个规划的指导思想分别怎么写的")
    assert q.docs == {"a.txt", "b.txt"}
    assert parser.parse("大港新河路改造").docs == {"a.txt"}  # a second bare name inside a name is no place


def test_a_bare_place_joined_to_a_place_named_in_full_is_a_place_too() -> None:
    parser = QueryParser([doc("a.txt", "天津市滨海新区大港街道2024年工作计划", "大港街道办事处"),
                          doc("b.txt", "天津市滨海新区新河街道2024年工作计划", "新河街道办事处"),
                          doc("c.txt", "天津市河北区2024年政府工作报告", "河北区人民政府")])
    for question in ("新河街道和大港的养老服务", "大港、河北区的养老服务"):
        q = parser.parse(question)
        assert q.docs == ({"a.txt", "b.txt"} if "新河" in question else {"a.txt", "c.txt"}), question
        assert "大港" not in q.text
    assert parser.parse("新河街道大港油田的事").docs == {"b.txt"}  # (no join: a bare name inside a name)
    q = parser.parse("家庭医生签约大港和新河都怎么写的")  # (two bare names joined: both places)
    assert q.docs == {"a.txt", "b.txt"} and "和" not in q.text


def test_kinds_of_place_joined_and_words_before_a_place_are_no_place() -> None:
    """到2022年市和区…: 到 goes with the year and 市和区 names kinds of place; 查一下河北区: 一下 goes
    with the verb taken out."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["南湖市养老服务实施意见", "到2022年，市、区（县）至少建立1所老年大学。", "推进医养结合。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    result = index.search("到2022年市和区县至少要各建几所老年大学？")
    assert not result.note and result.hits and "老年大学" in result.hits[0].text
    q = index.parse("领导让我查一下南湖市老年大学")
    assert not q.text.startswith("一下")


def test_a_kind_of_place_before_a_kind_is_no_place() -> None:
    """乡镇街道在…: 乡镇 names a kind of place (not_places.txt), so 乡镇街道 is no place no plan is about."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["南湖市困境儿童保障实施意见", "畅通乡镇人民政府（街道办事处）与县级民政、公安、教育部门的联系。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    assert index.parser_required(index.parse("乡镇街道在困境儿童工作上要和哪些县级部门畅通联系")) == []
    assert index.parser_required(index.parse("和平街道在困境儿童工作上要和哪些县级部门畅通联系")) == ["和平街道"]


def test_a_place_is_no_place_joined_across_a_question_word() -> None:
    """跟北京哪个区签了协议: 北京区 is read only once 哪个 is out; the question never named it."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["南湖区2024年政府工作报告", "与石景山区签订战略合作框架协议。", "推进医养结合。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    assert index.parser_required(index.parse("跟北京哪个区签了战略合作框架协议")) == []
    result = index.search("南湖区跟北京哪个区签了战略合作框架协议")
    assert not result.note and result.hits and "石景山区" in result.hits[0].text


def test_a_place_sounded_the_same_as_one_a_plan_writes_is_that_place() -> None:
    """保安街道 for 宝安 (the plan writes 宝安区, no alias): the same sound, the place the plans write."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["街道2023年重点工作任务", "一、抓交通", "1.推动福洲大道一期快速化改造落地。", "2.宝安区首批老旧小区改造。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    result = index.search("保安街道福洲大道一期快速化改造有安排没")
    assert not result.note and result.hits and "福洲大道" in result.hits[0].text
    assert index.search("和平街道福洲大道一期快速化改造有安排没").note
    # (a same-sound swap elsewhere, 调一下 → 调以下, leaves the place as said: no repair of it)
    assert index.search("帮我调一下古林街道规划里的福洲大道改造").note


def _scope_beside_an_unplaced_plan(question: str) -> set[str]:
    """The documents a question is scoped to, over a plan whose title names no place (a.txt, writing 宝安区)
    and 东湖街道's plan (b.txt)."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["街道2023年重点工作任务", "一、抓民生", "1.宝安区首批老旧小区改造。", "2.举办社区活动不少于700场。"]
    other = ["东湖街道2023年工作计划", "一、抓民生", "1.举办社区活动不少于500场。"]
    index = SearchIndex(merge([build_document("a.txt", doc), build_document("b.txt", other)]))
    q = index.parse(question)
    index.places.scope(q)
    return q.docs


def test_a_place_after_the_time_a_question_opens_with_scopes_it() -> None:
    """年底前宝安…: the name after 年底前 is read as it is at the start (a plan writes 宝安区)."""
    from knowledge.readings import after_leading_time

    assert after_leading_time("年底前宝安面向居民的活动") == "宝安面向居民的活动"
    assert _scope_beside_an_unplaced_plan("年底前宝安社区活动还要办多少场") == {"a.txt"}


def test_a_place_jieba_cuts_into_the_next_word_is_still_read_at_the_start() -> None:
    """宝安定的…目标: jieba reads 宝|安定; the place a plan writes as 宝安区 is still the question's scope."""
    assert _scope_beside_an_unplaced_plan("宝安定的社区活动目标多少场") == {"a.txt"}


def test_a_place_before_a_word_for_another_kind_of_document_scopes_to_its_plans() -> None:
    """宝安计划第一部分: 计划 alone would choose 东湖街道's 工作计划; the place's plan (a task list) is meant."""
    assert _scope_beside_an_unplaced_plan("宝安计划第一部分标题") == {"a.txt"}


def test_a_verb_after_a_documents_title_and_the_body_word_it_opens_are_no_place() -> None:
    """评奖办法规定市评奖委员会…: 规定 is the document's verb and 市评奖委员会 its word, no city 规定市."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["广安市社会科学优秀成果评奖办法", "第五条 成立市评奖委员会，由专家学者组成，其中具有高级职称的不少于三分之二。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    q = index.parse("社会科学优秀成果评奖办法规定市评奖委员会成员构成")
    assert q.docs == {"a.txt"} and index.parser_required(q) == []
    result = index.search("社会科学优秀成果评奖办法规定市评奖委员会成员构成")
    assert not result.note and result.hits and "评奖委员会" in result.hits[0].text


def test_a_places_name_said_as_a_word_mid_question_scopes_it() -> None:
    """…救心脏的AED宝安会多装吗: 宝安 (a plan writes 宝安区) scopes the question wherever it is said;
    a verb a plan writes before 区 (停放区) is no place."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["街道2023年重点工作任务", "一、抓民生", "1.宝安区首批老旧小区改造。", "2.增加公共场所AED安装数量。",
           "3.规范非机动车停放区管理。"]
    other = ["东湖街道2023年工作计划", "一、抓民生", "1.增加公共场所AED安装数量。"]
    index = SearchIndex(merge([build_document("a.txt", doc), build_document("b.txt", other)]))
    q = index.parse("商场里救心脏的AED宝安会多装吗")
    index.places.scope(q)
    assert q.docs == {"a.txt"} and q.places == ["宝安"]
    q = index.parse("共享单车乱停放怎么管")
    index.places.scope(q)
    assert q.docs == set() and q.places == []


def test_the_document_pointed_at_after_a_place_is_no_word_to_match() -> None:
    """五基建设在宝安那份任务里具体指什么: 那份任务里 points into 宝安's document; 任务 and 在 are no part of
    what is asked."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["街道2023年重点工作任务", "一、抓安全", "1.宝安区推进应急管理规范化建设。以基层队伍、基础设施“五基”建设为抓手。"]
    other = ["东湖街道2023年工作计划", "一、抓民生", "1.完成老旧小区改造8个。"]
    index = SearchIndex(merge([build_document("a.txt", doc), build_document("b.txt", other)]))
    q = index.parse("五基建设在宝安那份任务里具体指什么")
    index.places.scope(q)
    assert q.docs == {"a.txt"} and "任务" not in q.text and "在" not in q.full


def test_a_place_the_plans_name_only_as_another_place_said_over_there_has_no_plan() -> None:
    """石景山那边2024年有什么民生实事: a report names 石景山区 only as a partner; no plan is its plan, so
    an answer must hold its name (here none does)."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    report = ["河西区2024年政府工作报告", "一、2023年工作回顾", "与石景山区签订战略合作框架协议。",
              "二、2024年工作安排", "办好20项民生实事。"]
    index = SearchIndex(merge([build_document("a.txt", report)]))
    result = index.search("石景山那边2024年有什么民生实事")
    assert result.hits == [] and "石景山" in result.note


def test_a_count_of_places_is_no_place() -> None:
    """两份街道十四五规划…: two of the 街道 (a count), no place named 两份."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    plan = ["东湖街道“十四五”规划纲要", "第一章 发展", "第一节 优化营商环境建设", "推进一网通办。"]
    index = SearchIndex(merge([build_document("a.txt", plan)]))
    q = index.parse("两份街道十四五规划，营商环境分别是哪节")
    assert index.parser_required(q) == []


def test_a_place_said_over_there_after_its_city_has_no_plan() -> None:
    """广州天河那边的招商目标: 广州 is written (in a list of cities to learn from), 天河 nowhere — the
    answer must speak of 天河, and none does."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    report = ["河西区2024年政府工作报告", "一、2024年工作安排", "学习借鉴上海、广州、深圳等地区先行先试经验。",
              "完成招商引资目标100亿元。"]
    index = SearchIndex(merge([build_document("a.txt", report)]))
    result = index.search("广州天河那边的招商目标能查到不")
    assert result.hits == [] and "天河" in result.note


def test_a_province_or_city_opening_the_question_that_no_plan_writes_has_no_plan() -> None:
    """广东天河那块楼宇经济税收贡献, 江苏的垃圾分类: a place-name word (by its part of speech) opening the
    question that no plan writes is a place no plan is about; 上海 (written, as a city to learn from) is not."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    report = ["河西区2024年政府工作报告", "一、2024年工作安排", "学习借鉴上海、深圳等地区先行先试经验。",
              "推进楼宇经济发展，税收贡献超亿元楼宇达到10座。", "深入推进垃圾分类。"]
    index = SearchIndex(merge([build_document("a.txt", report)]))
    result = index.search("广东天河那块楼宇经济税收贡献")
    assert result.hits == [] and "广东" in result.note
    assert index.search("江苏的垃圾分类怎么搞").hits == []
    assert index.parser_required(index.parse("上海的楼宇经济")) == []


def test_a_street_said_with_the_other_kind_word_is_the_street_the_plans_write() -> None:
    """王串场街道 for 王串场街, which a district's report names: not a place no plan speaks of."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    report = ["河西区2024年政府工作报告", "一、2023年工作回顾", "王串场街、乾华园社区入选年度基层治理创新典型案例。",
              "二、2024年工作安排", "办好20项民生实事。"]
    index = SearchIndex(merge([build_document("a.txt", report)]))
    result = index.search("王串场街道拿了个啥典型")
    assert result.hits and "王串场街" in result.hits[0].text and not result.note


def test_a_place_the_plans_have_then_an_area_word_ending_with_a_kind_is_no_other_place() -> None:
    """宝安港区码头: 宝安 (whose plan names 宝安区), then 港区 (a port area); no place named 宝安港区."""
    from knowledge.unknown_places import _inner_word_first

    assert _inner_word_first("宝安港区") == "宝安"
    assert _inner_word_first("和平区") == "" and _inner_word_first("古林街道") == ""


def test_a_verb_toward_the_office_before_its_kind_names_no_place() -> None:
    """企业找街道提诉求: 找 says where the firm turns, no place 企业找街道 (古林街道 still is one)."""
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    doc = ["街道2023年重点工作任务", "一、优化服务", "1.健全企业服务机制。企业诉求即时办理，确保不过夜。"]
    index = SearchIndex(merge([build_document("a.txt", doc)]))
    assert not index.search("企业找街道提诉求多久给办").note
    assert index.search("古林街道企业诉求多久给办").note


def test_a_place_joined_after_the_period_of_the_first_places_plan() -> None:
    """东湖街道十四五和宝安那份, 东湖街道加宝安: the first place's plan period and 加 join the places too."""
    assert _scope_beside_an_unplaced_plan("东湖街道十四五和宝安那份里社区活动有哪些") == {"a.txt", "b.txt"}
    assert _scope_beside_an_unplaced_plan("东湖街道加宝安的社区活动都列出来") == {"a.txt", "b.txt"}


def test_of_bare_places_as_long_the_one_said_first_names_the_plan() -> None:
    """新河北河底区域: 新河 is said first; 河北 only straddles it and the name after it."""
    parser = QueryParser([doc("x.txt", "新河街道十四五规划", ""), doc("h.txt", "2024年河北区政府工作报告", "")])
    q = parser.parse("新河北河底区域城市更新")
    assert q.docs == {"x.txt"} and "北河底" in q.text


def test_a_word_for_a_document_narrows_a_places_plans_and_keeps_the_others() -> None:
    """大港街那个…机制，规划里是怎么说的: 规划 picks the place's plan so titled; the place's other documents
    are kept, to be read when that plan says nothing."""
    parser = QueryParser([doc("p.txt", "大港街道十四五规划", ""), doc("w.txt", "大港街道2024年工作要点", ""),
                          doc("x.txt", "新河街道十四五规划", "")])
    q = parser.parse("大港街道向企业家汇报机制，规划里是怎么说的")
    assert q.docs == {"p.txt"} and q.worded_docs == {"p.txt", "w.txt"}
