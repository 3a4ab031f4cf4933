"""Structure: heading tree from numbering, on small synthetic texts and the bundled plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.doctext import DocText
from knowledge.models import Document, Section
from knowledge.structure import parse_sections, section_at

GOLD = Path(__file__).parent / "data" / "gold"


def parse(lines: list[str], chrome: set[int] | None = None) -> list[Section]:
    text = DocText(file="t.txt", lines=lines, chrome=chrome or set())
    return parse_sections(Document(id="D1", file="t.txt", title="t"), text)


def brief(sections: list[Section]) -> list[tuple[int, int, str | None, str]]:
    return [(s.line, s.level, s.number, s.title) for s in sections]


def test_chapters_and_sections_with_mixed_numerals() -> None:
    secs = parse([
        "前言",
        "正文。",
        "第一章  总体要求",
        "第一节 指导思想",
        "坚持……。",
        "第2节 基本原则",
        "第3章 主要任务",
        "第一节 产业",
    ])
    assert brief(secs) == [
        (1, 1, None, "前言"),
        (3, 1, "第一章", "总体要求"),
        (4, 2, "第一节", "指导思想"),
        (6, 2, "第2节", "基本原则"),
        (7, 1, "第3章", "主要任务"),
        (8, 2, "第一节", "产业"),
    ]
    assert secs[3].parent == secs[1].id
    assert secs[5].path == ["第3章 主要任务", "第一节 产业"]
    assert secs[2].id == "D1-S4"


def test_levels_follow_first_appearance_not_a_fixed_table() -> None:
    # Here 1. comes first and （一） under it: 1. is level 1, （一） level 2.
    secs = parse(["1.总体目标", "（一）经济发展", "正文。", "（二）社会民生", "2.重点任务", "（一）招商"])
    assert [(s.number, s.level) for s in secs] == [
        ("1.", 1), ("（一）", 2), ("（二）", 2), ("2.", 1), ("（一）", 2)]
    assert secs[4].parent == secs[3].id


def test_usual_order_cn_list_paren_arabic() -> None:
    secs = parse([
        "一、发展基础和发展环境",
        "(一)发展基础",
        "1.经济发展",
        "正文内容。",
        "(二)发展环境",
        "二、主要目标",
    ])
    assert [(s.number, s.level) for s in secs] == [("一、", 1), ("(一)", 2), ("1.", 3), ("(二)", 2), ("二、", 1)]
    assert secs[2].path == ["一、发展基础和发展环境", "(一)发展基础", "1.经济发展"]


def test_numbered_tasks_and_sentences_are_not_headings() -> None:
    secs = parse([
        "一、抓会展强配套,在打造世界级商圈上奋力争先",
        "1.优化配置会展资源。实施会展战略,招引2家以上机构。",
        "2.全力做好展会各项服务保障工作,确保60场展会顺利举办,实现展览面积超过500万平方米",
        "3.5亿元投资已到位",
        "一年来,主要做了以下工作:",
        "1.车联网先导区拓展区:市政府将河北区等区域列为车联网先导区拓展区。",
    ])
    assert brief(secs) == [(1, 1, "一、", "抓会展强配套,在打造世界级商圈上奋力争先")]


def test_inline_heading_keeps_its_lead_as_title() -> None:
    secs = parse(["一、主要任务", "（一）强化组织领导。坚持党总揽全局、协调各方。"])
    assert brief(secs)[1] == (2, 2, "（一）", "强化组织领导")


def test_number_alone_takes_title_from_next_line() -> None:
    secs = parse(["第一章", "总体要求", "正文。"])
    assert brief(secs) == [(1, 1, "第一章", "总体要求")]


def test_box_sits_inside_the_open_section() -> None:
    secs = parse(["第一章 目标", "第三节 主要目标", "专栏1“十四五”时期主要指标", "类别", "第二章 任务"])
    box = secs[2]
    assert (box.number, box.level, box.parent) == ("专栏1", 3, secs[1].id)
    assert box.end_line == 4
    assert secs[3].level == 1


def test_unnumbered_headings_glossary_and_attachment() -> None:
    secs = parse([
        "三、持续加强政府自身建设",
        "正文。",
        "名词解释:",
        "1.术语:定义。",
        "附件:",
        "2023年重点工作任务",
        "一、抓会展强配套",
        "1.优化配置会展资源。实施。",
    ])
    assert brief(secs) == [
        (1, 1, "三、", "持续加强政府自身建设"),
        (3, 1, None, "名词解释"),
        (5, 0, "附件", "2023年重点工作任务"),
        (7, 1, "一、", "抓会展强配套"),
    ]
    assert secs[3].parent == secs[2].id
    assert secs[1].end_line == 4


def test_chrome_lines_are_skipped_and_end_lines_stop_before_chrome() -> None:
    lines = ["当前位置:首页", "一、总则", "正文。", "", "二、附则", "正文。", "返回顶部"]
    secs = parse(lines, chrome={1, 7})
    assert brief(secs) == [(2, 1, "一、", "总则"), (5, 1, "二、", "附则")]
    assert secs[0].end_line == 3
    assert secs[1].end_line == 6


def test_section_at_finds_innermost() -> None:
    secs = parse(["一、甲", "(一)乙", "正文。", "专栏1 表", "值", "二、丙", "正文。"])
    assert section_at(secs, 3).title == "乙"
    assert section_at(secs, 5).number == "专栏1"
    assert section_at(secs, 7).title == "丙"
    assert section_at([], 3) is None


def test_ids_are_stable_across_rebuilds() -> None:
    lines = ["一、甲", "(一)乙"]
    assert [s.id for s in parse(lines)] == [s.id for s in parse(list(lines))]


@pytest.fixture(scope="module")
def bundled_sections() -> list[Section]:
    from knowledge.builder import build_bundled

    return build_bundled().sections


def test_bundled_plans_match_gold_sections(bundled_sections: list[Section]) -> None:
    gold = json.loads((GOLD / "sections.json").read_text(encoding="utf-8"))
    ours = {(s.doc, s.line): s for s in bundled_sections if 1 <= s.level <= 2}
    gold_keys = {(g["file"], g["line"]) for g in gold}
    found = sum(1 for k in gold_keys if k in ours)
    assert found / len(gold_keys) >= 0.98
    assert sum(1 for k in ours if k in gold_keys) / len(ours) >= 0.98
    levels_right = sum(1 for g in gold if (s := ours.get((g["file"], g["line"]))) and s.level == g["level"])
    assert levels_right / len(gold) >= 0.98


def test_table_of_contents_entries_are_not_sections() -> None:
    with_pages = parse(["目录", "第一章 总则……………1", "第二章 任务 ........ 5", "第一章 总则", "正文。",
                        "第二章 任务", "正文。"])
    assert brief(with_pages) == [(4, 1, "第一章", "总则"), (6, 1, "第二章", "任务")]
    without_pages = parse(["目 录", "前言", "第一章 总则", "第二章 任务", "前言", "这是前言的正文，写得比较长。",
                           "第一章 总则", "正文。", "第二章 任务"])
    assert [s.line for s in without_pages] == [5, 7, 9]


def test_more_numerals_and_part_above_chapter() -> None:
    secs = parse(["第一章 总则", "第一部分 总体要求", "第一章 指导思想", "十一、重点任务", "（十二）强化保障",
                  "１．组织领导"])
    assert [(s.number, s.level) for s in secs] == [
        ("第一章", 1), ("第一部分", 1), ("第一章", 2), ("十一、", 3), ("（十二）", 4), ("１．", 5)]
    assert secs[0].parent is None  # a chapter before any part stays at the root (level = depth)
    assert secs[2].parent == secs[1].id


def test_section_before_chapter_still_ranks_below_it() -> None:
    secs = parse(["第一节 引子", "第一章 总则", "第一节 目标"])
    assert [(s.number, s.level) for s in secs] == [("第一节", 1), ("第一章", 1), ("第一节", 2)]
    assert secs[2].parent == secs[1].id


def test_inline_headings_with_clauses_or_colon_leads() -> None:
    secs = parse([
        "一、2023年工作回顾",
        "（一）坚持稳中求进，经济运行回升向好。全年地区生产总值增长5%。",
        "（二）总体目标：到2025年，地区生产总值达到100亿元。",
        "（三）这是一段很长很长的正文没有标题只是恰好以括号数字开头而且一直写下去直到超过四十个字才结束。",
    ])
    assert brief(secs)[1:] == [(2, 2, "（一）", "坚持稳中求进，经济运行回升向好"), (3, 2, "（二）", "总体目标")]


def test_typical_work_plan_outline() -> None:
    secs = parse([
        "XX街道2024年工作要点",
        "2024年是关键一年。",
        "一、总体要求",
        "以习近平新时代中国特色社会主义思想为指导。",
        "二、重点任务",
        "（一）推动经济高质量发展",
        "1.加大招商引资力度。全年引进项目10个以上。（牵头单位：经济办）",
        "2.优化营商环境。深化“放管服”改革。",
        "（二）提升城市治理水平",
        "1.推进老旧小区改造。6月底前完成3个小区。",
        "三、保障措施",
        "（一）加强组织领导。成立领导小组，统筹推进各项工作。",
        "（二）强化督查考核。",
        "附件：重点任务分解表",
    ])
    assert brief(secs) == [
        (3, 1, "一、", "总体要求"),
        (5, 1, "二、", "重点任务"),
        (6, 2, "（一）", "推动经济高质量发展"),
        (9, 2, "（二）", "提升城市治理水平"),
        (11, 1, "三、", "保障措施"),
        (12, 2, "（一）", "加强组织领导"),
        (13, 2, "（二）", "强化督查考核"),
        (14, 0, "附件", "重点任务分解表"),
    ]
    assert section_at(secs, 10).path == ["二、重点任务", "（二）提升城市治理水平"]


def test_plain_headings_without_numbers() -> None:
    secs = parse(["某区养老服务机构燃气安全专项整治工作方案", "为切实保障安全，特制订本方案。",
                  "总体要求", "认真贯彻落实燃气安全重要指示批示要求，全面排查风险隐患。",
                  "工作安排", "专项整治分三个阶段进行。", "(一)集中攻坚阶段。2023年10月底前完成排查。",
                  "(二)巩固提升阶段。2024年6月底前完成整改。",
                  "工作要求", "(一)提高政治站位。认真开展自查自纠工作。"])
    assert brief(secs) == [(3, 1, None, "总体要求"), (5, 1, None, "工作安排"), (7, 2, "(一)", "集中攻坚阶段"),
                           (8, 2, "(二)", "巩固提升阶段"), (9, 1, None, "工作要求"), (10, 2, "(一)", "提高政治站位")]
    # one short line alone is no heading
    assert parse(["某区工作方案", "为保障安全，制订本方案。", "总体要求", "认真贯彻落实要求，全面排查隐患。"]) == []


def test_plain_headings_led_by_a_year() -> None:
    """A work report's parts without numbers: 2023年工作回顾 / 2024年工作安排 on lines of their own."""
    secs = parse(["各位代表：", "现在，我代表县人民政府向大会报告工作，请予审议。",
                  "2023年工作回顾", "过去一年，全县经济运行稳中向好，地区生产总值增长6%。",
                  "（一）产业发展势头良好。新增规上企业12家。",
                  "2024年工作安排", "今年是实现规划目标的关键一年。",
                  "（一）做强工业经济。加快园区提质扩容。"])
    assert brief(secs) == [(3, 1, None, "2023年工作回顾"), (5, 2, "（一）", "产业发展势头良好"),
                           (6, 1, None, "2024年工作安排"), (8, 2, "（一）", "做强工业经济")]
    # a dated sentence is no heading
    assert parse(["通知如下。", "2024年完成改造。", "各单位认真落实。", "2025年全面完成。", "特此通知。"]) == []
