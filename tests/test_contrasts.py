"""Contradictions between a question and an item (knowledge/contrasts.py, data/contrasts.tsv)."""

from __future__ import annotations

from knowledge.contrasts import contradicts, swapped, unanswered_procedure


def test_a_procedure_asked_must_be_spoken_of() -> None:
    assert unanswered_procedure("老年食堂怎么申请", "推进老年食堂建设")
    assert not unanswered_procedure("老年食堂怎么申请", "申请老年食堂补贴的，向社区提交材料")
    assert not unanswered_procedure("老年食堂在哪", "推进老年食堂建设")


def test_a_procedure_done_wrongly_names_a_wrong_not_a_procedure_asked() -> None:
    """二房东乱收费有人管吗: 乱收费 is a wrong to stop, not a cost asked about."""
    assert not unanswered_procedure("二房东乱收费有人管吗", "持续清理二房东，整治散乱污危企业")
    assert unanswered_procedure("二房东收费标准是多少", "持续清理二房东，整治散乱污危企业")


def test_a_word_saying_the_same_procedure_answers_it() -> None:
    """申请 is answered by a text of 申报 / 填报; the reverse pair too."""
    assert not unanswered_procedure("市长奖怎么申请", "由本人填报申报表并附相关材料")
    assert not unanswered_procedure("补贴有多少", "给予一次性奖补10万元")
    assert unanswered_procedure("怎么申请", "加强组织领导")


def test_an_opposite_character_swapped_is_a_contradiction() -> None:
    assert swapped("实际利用外资", "实际利用内资")
    assert not swapped("实际利用外资", "实际利用外资")
    assert contradicts("老年食堂怎么申请", "", "推进老年食堂建设")


def test_a_procedure_word_naming_a_document_is_not_asked() -> None:
    """十四运会奖励办法第二十一条: 奖励 is part of the document's name; the article need not say 奖励.
    Asked as itself (有什么奖励, 奖励政策), it still must be answered."""
    assert not unanswered_procedure("十四运会奖励办法第二十一条针对的是教练员", "第二十一条对获得冠军的教练员优先评审职称")
    assert not unanswered_procedure("农机购置补助办法适用范围", "本办法适用于市级财政安排的资金")
    assert unanswered_procedure("获得冠军的教练员有什么奖励", "第二十一条对获得冠军的教练员优先评审职称")
    assert unanswered_procedure("教练员奖励政策", "第二十一条对获得冠军的教练员优先评审职称")


def test_conditions_are_answered_by_the_standards_a_text_sets() -> None:
    """译著三等奖需要满足什么条件: an article of 评奖标准 answers it (标准, 要求 say the conditions)."""
    assert not unanswered_procedure("获奖需要满足什么条件", "第十六条译著评奖标准：三等奖：选题正确")
    assert unanswered_procedure("获奖需要满足什么条件", "第十六条三等奖：选题正确，译文准确")


def test_being_allowed_to_apply_is_a_condition_not_a_procedure() -> None:
    """哪些奖可以申报市长奖: the clause saying who may apply answers it, though it says no 申报."""
    assert not unanswered_procedure("哪些教师项目奖可以申报市长奖", "（一）获得全国大赛教师项目一等奖1个及以上的教师")
    assert unanswered_procedure("市长奖怎么申报", "（一）获得全国大赛教师项目一等奖1个及以上的教师")


def test_a_definition_the_answer_is_read_by_is_no_procedure_asked() -> None:
    """按河北区口径，…才算: the standard the question reads by (按…口径), not a 口径 asked about."""
    assert not unanswered_procedure("按口径一栋楼才算双高", "双高楼宇按照税收标准认定")
    assert unanswered_procedure("统计口径是什么", "双高楼宇按照税收标准认定")
    # 限上口径预计规模: a scope said before the figure asked; …统计口径 at the end asks about it.
    assert not unanswered_procedure("消费品零售限上口径预计规模", "限额以上社会消费品零售总额6.57亿元")
    assert unanswered_procedure("固定资产投资统计口径", "固定资产投资额增长5%")
    assert not unanswered_procedure("社零限上口径是6个多亿吗", "限额以上社会消费品零售总额6.57亿元")
