"""Glossary terms: entries of 名词解释-like lists, on synthetic texts and the bundled plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.doctext import DocText
from knowledge.models import Document, Term
from knowledge.structure import parse_sections
from knowledge.terms import extract_terms, parse_entry

GOLD = Path(__file__).parent / "data" / "gold"


def terms_of(lines: list[str], chrome: set[int] | None = None) -> list[Term]:
    text = DocText(file="t.txt", lines=lines, chrome=chrome or set())
    doc = Document(id="D1", file="t.txt", title="t")
    return extract_terms(doc, text, parse_sections(doc, text))


def test_parse_entry_patterns() -> None:
    assert parse_entry("1.数据资产入表:将数据确认为资产。") == ("数据资产入表", "将数据确认为资产。")
    assert parse_entry("（2）一街四所：统筹辖区内各所。") == ("一街四所", "统筹辖区内各所。")
    assert parse_entry("双碳。碳达峰与碳中和的简称。") == ("双碳", "碳达峰与碳中和的简称。")
    assert parse_entry("9:00-18:00") is None
    assert parse_entry("这是一句很长的正文，没有术语。") is None


def test_glossary_section_entries_with_ids_and_wrapped_definitions() -> None:
    terms = terms_of([
        "一、工作安排",
        "1.不是术语:正文里的冒号不算。",
        "附：名词解释",
        "1.“海河·谛听”大模型:依托计算中心,",
        "合作开发的模型。",
        "2.AA信用等级:企业信用度的等级类别。",
        "您需要登录后才可以回帖",
    ], chrome={7})
    assert [(t.term, t.line, t.id) for t in terms] == [
        ("“海河·谛听”大模型", 4, "D1-G4"), ("AA信用等级", 6, "D1-G6")]
    assert terms[0].definition == "依托计算中心,合作开发的模型。"
    assert terms[0].section == "D1-S3"


def test_text_after_the_list_does_not_join_a_definition() -> None:
    terms = terms_of(["名词解释", "双碳:碳达峰和碳中和。", "各位代表继续努力"])
    assert [t.definition for t in terms] == ["碳达峰和碳中和。"]


def test_no_glossary_no_terms() -> None:
    assert terms_of(["一、总则", "1.术语:定义。"]) == []


def test_bundled_glossary_matches_gold() -> None:
    from knowledge.builder import build_bundled

    kb = build_bundled()
    gold = json.loads((GOLD / "glossary.json").read_text(encoding="utf-8"))
    ours = {(t.doc, t.line): t for t in kb.terms}
    assert {(g["file"], g["line"]) for g in gold} <= set(ours)
    for g in gold:
        t = ours[(g["file"], g["line"])]
        assert t.term == g["term"]
        assert t.definition.startswith(g["definition_start"])


def test_other_glossary_formats() -> None:
    terms = terms_of([
        "第八章 保障措施",
        "正文。",
        "注释",
        "[1] 两新一重:新型基础设施、新型城镇化和重大工程。",
        "【2】双碳——碳达峰与碳中和。",
        "3）一街四所：统筹辖区内各所。",
    ])
    assert [(t.term, t.definition) for t in terms] == [
        ("两新一重", "新型基础设施、新型城镇化和重大工程。"),
        ("双碳", "碳达峰与碳中和。"),
        ("一街四所", "统筹辖区内各所。"),
    ]


def test_a_section_that_merely_mentions_terms_is_no_glossary() -> None:
    assert terms_of(["一、推广术语标准化工作", "重点:统一口径。"]) == []


def test_glossary_box_inside_a_chapter() -> None:
    terms = terms_of(["第一章 总则", "专栏1 名词解释", "双碳:碳达峰与碳中和。", "第二章 任务", "任务一:完成。"])
    assert [t.term for t in terms] == ["双碳"]


@pytest.mark.parametrize("heading", ["※名词解释※", "【名词解释】", "名 词 解 释", "附：名词解释", "注释", "★ 名词解释 ★",
                                     "——名词解释——"])
def test_glossary_heading_in_any_decoration(heading: str) -> None:
    from knowledge import builder

    lines = ["2024年某县政府工作报告", "各位代表：", "一、2024年工作安排", "推进乡村振兴。巩固“两不愁三保障”成果。",
             heading, "〔1〕两不愁三保障：指稳定实现农村贫困人口不愁吃、不愁穿，义务教育、基本医疗、住房安全有保障。",
             "[2]一网通办：指依托一体化政务服务平台，实现政务服务事项一网受理、一网办理。",
             "③五网：指交通网、水网、能源网、信息网、物流网。"]
    kb = builder.build_document("report.txt", lines)
    assert [t.term for t in kb.terms] == ["两不愁三保障", "一网通办", "五网"]
    assert not any(t.title.startswith(("两不愁", "一网通办", "五网")) for t in kb.tasks)


def test_glossary_in_unbroken_text() -> None:
    from knowledge import builder

    line = ("各位代表：一、2024年工作安排推进乡村振兴，巩固“两不愁三保障”成果，加快“一网通办”改革，持续提升群众满意度，"
            "全力办好民生实事，扎实推进老旧小区改造和城市更新，不断增强人民群众的获得感、幸福感、安全感。"
            "二、加强政府自身建设坚持依法行政，自觉接受监督，持续改进作风，狠抓工作落实，确保各项任务落地见效。"
            "※名词解释※1.两不愁三保障：指不愁吃、不愁穿，义务教育、基本医疗、住房安全有保障。"
            "2.一网通办：指依托一体化政务服务平台实现一网办理。")
    kb = builder.build_document("report.txt", ["2024年某县政府工作报告", line])
    assert [t.term for t in kb.terms] == ["两不愁三保障", "一网通办"]
    assert all(t.line == 2 and line[t.offset:].startswith(("1.", "2.")) for t in kb.terms)


def test_terms_a_rule_defines_in_its_running_text() -> None:
    from knowledge.terms import defined_terms

    text = ("第二条本办法所称污泥，是指污水处理过程中产生的半固态物质。污泥其他接收单位，是指少量接收污泥的单位；"
            "二、用地使用权转让第五条　建设用地使用权转让是指将建设用地使用权转移的行为。第六条 运输单位应当密闭运输。")
    assert [t for t, _ in defined_terms(text)] == ["污泥", "污泥其他接收单位", "建设用地使用权转让"]
    assert defined_terms("各地要按照规定执行，是指导性文件。") == []  # (是指导: no 是指 after a term)


def test_a_definition_asked_is_answered_by_the_sentence_defining_it() -> None:
    from knowledge.builder import build_document, merge
    from knowledge.search import SearchIndex

    rules = build_document("sludge.txt", [
        "南湖市污泥处理处置管理办法",
        "第一条 为加强污泥管理，制定本办法。第二条 本办法所称污泥，是指污水处理过程中产生的半固态物质。"
        "污泥其他接收单位，是指以调试自身设施为目的，少量接收污泥的单位。污泥处置，是指对处理后污泥进行最终消纳的过程。"
        "第三条 污泥产生单位、污泥其他接收单位应当执行转移联单制度。第四条 污泥其他接收单位应当建立台账。"])
    other = build_document("other.txt", ["南湖市养老服务实施意见", "一、发展居家养老。推进社区养老服务。"])
    hits = SearchIndex(merge([rules, other])).search("污泥其他接收单位指什么？").hits
    assert hits and "污泥其他接收单位，是指" in hits[0].text
