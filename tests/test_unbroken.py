"""Unbroken text: a document whose line breaks were removed, cut back into logical lines.

The excerpts are invented in the style of scraped government pages (covering notice,
signature block, the issued document, numbering run together, file links at the end).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import builder, unbroken
from knowledge.doctext import document_text, section_lines

PLANS = Path(__file__).resolve().parent.parent / "knowledge" / "plans"
UNSEEN = Path(__file__).parent / "data" / "unseen"

REGULATION = (
    "各县（区）人民政府，市直各部门：《某某市城市绿地管理办法》已经市政府常务会议审议通过，现印发给你们，"
    "请认真贯彻执行。某某市人民政府办公室2023年3月8日某某市城市绿地管理办法第一章　总则第一条　为加强城市绿地"
    "管理，改善人居环境，根据有关法律法规，结合本市实际，制定本办法。第二条　本办法适用于本市城市规划区内"
    "绿地的规划、建设、保护和管理。违反本办法第二条规定的，依法处理。第二章　规划建设第三条　新建居住区绿地率"
    "不低于30%。第四条　绿地建设应当遵守下列规定：（一）符合绿地系统规划；（二）优先选用乡土树种。"
    "第三章　附则第五条　本办法自2023年5月1日起施行。相关附件：某府办规〔2023〕2号关于印发某某市城市绿地"
    "管理办法的通知.pdf(/xxgk/c1/2023/abc.pdf)二维码开始扫一扫在手机打开当前页"
)

PLAN = (
    "各镇人民政府，区直有关部门：为推动老旧小区改造，结合实际，制定本方案。一、总体要求坚持以人民为中心，"
    "统筹推进城镇老旧小区改造，着力补齐设施短板，提升居民生活品质，推动城市更新取得新成效。到2025年，"
    "基本完成2000年底前建成的老旧小区改造任务。二、主要任务（一）完善基础设施。改造供水、排水、供电、"
    "道路等设施，6月底前完成项目摸排。（二）提升服务功能。加装电梯，增设养老托育设施。三、保障措施"
    "（一）加强组织领导。各镇要成立工作专班。某某区人民政府2024年2月1日"
)


def texts(line: str) -> list[str]:
    return [p.text for p in unbroken.split_line(line, 1)]


def test_regulation_is_cut_at_its_own_structure() -> None:
    pieces = texts(REGULATION)
    assert pieces[0] == "各县（区）人民政府，市直各部门："
    assert pieces[2] == "某某市人民政府办公室2023年3月8日"
    assert pieces[3] == "某某市城市绿地管理办法"
    assert pieces[4] == "第一章　总则"
    assert pieces[5].startswith("第一条　为加强城市绿地管理")
    # 第二条规定 inside a sentence is a reference, not a new article
    assert any(p.startswith("第二条　本办法适用于") and p.endswith("依法处理。") for p in pieces)
    assert "（一）符合绿地系统规划；" in pieces
    assert "第三章　附则" in pieces
    # web leftovers stand alone, so the cleaner can drop them
    assert "(/xxgk/c1/2023/abc.pdf)" in pieces
    assert any(p.startswith("相关附件：") for p in pieces)


def test_offsets_point_into_the_source_line() -> None:
    for piece in unbroken.split_line(REGULATION, 7):
        assert piece.line == 7
        assert REGULATION[piece.offset:].startswith(piece.text)


def test_run_on_heading_title_is_cut_before_its_body() -> None:
    pieces = texts(PLAN)
    assert "一、总体要求" in pieces
    assert any(p.startswith("坚持以人民为中心") for p in pieces)
    assert "二、主要任务" in pieces
    assert any(p.startswith("（一）完善基础设施。") for p in pieces)
    assert pieces[-1] == "某某区人民政府2024年2月1日"


@pytest.mark.parametrize(("line", "expected"), [
    # a heading whose first sentence is short keeps it: the inline-lead rule reads it
    ("一、明确工作目标。全年完成改造10个小区。", ["一、明确工作目标。全年完成改造10个小区。"]),
    # 三、 without 二、 before it is no numbering of this text
    ("按照要求。三、四级道路由各镇负责。", ["按照要求。三、四级道路由各镇负责。"]),
    # a date that goes on (自…起施行) is no signature block
    ("本方案自2024年3月1日起施行，有效期2年。", ["本方案自2024年3月1日起施行，有效期2年。"]),
    # 12. is not 2.
    ("指标值为12.5。", ["指标值为12.5。"]),
])
def test_what_is_not_cut(line: str, expected: list[str]) -> None:
    assert texts(line) == expected


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.txt")) + sorted(UNSEEN.glob("*.txt")),
                         ids=lambda p: p.name)
def test_normal_documents_stay_as_they_are(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert unbroken.logical_lines(lines) is None
    assert document_text(path.name, lines).origins is None


def test_builder_cites_source_line_and_offset() -> None:
    kb = builder.build_document("notice.txt", [REGULATION])
    assert kb.documents[0].line_count == 1
    sections = [s for s in kb.sections if s.doc == "notice.txt"]
    assert [s.number for s in sections if s.level == 1] == ["第一章", "第二章", "第三章"]
    for s in sections:
        assert s.line == 1
        assert REGULATION[s.offset:].startswith(s.number or s.title)
    contract = kb.to_contract()
    assert all("offset" in s for s in contract["sections"])
    assert all("lead_units" in t and "offset" in t for t in contract["tasks"])
    # the chat can read a section of unbroken text in full
    chapter = next(s for s in sections if s.number == "第二章")
    body = section_lines([REGULATION], chapter)
    assert body[0].startswith("第三条")
    assert body[-1].endswith("（二）优先选用乡土树种。")


def test_mixed_document_keeps_normal_lines() -> None:
    lines = ["某某区2024年老旧小区改造实施方案", "", PLAN]
    text = document_text("plan.txt", lines)
    assert text.origins is not None
    assert text.lines[0] == lines[0] and text.origins[0] == (1, 0)
    assert text.origins[1] == (2, 0)
    assert all(line == 3 for line, _ in text.origins[2:])


REPORT = (
    "各位代表： 现在，我代表县人民政府向大会报告工作，请予审议。一、2023年工作回顾 过去的一年，全县上下"
    "团结奋斗，地区生产总值增长6.2%，规上工业增加值增长8%，经济运行稳中向好，发展质量稳步提升，民生保障"
    "持续加强。 二、2024年工作安排 2024年政府工作的总体要求是：坚持稳中求进，推动高质量发展。 按照以上要求，"
    "重点抓好以下工作： （一）聚力扩大有效投资。全年实施重点项目120个，完成投资300亿元以上。 （二）聚力壮大"
    "工业经济。新增规上工业企业30家。"
)


def test_a_copied_report_keeps_the_spaces_of_its_lost_line_breaks() -> None:
    """A page copied with a space where each line break was: a marker after 。+space starts a line,
    and a heading's title ends at the space before its body."""
    pieces = texts(REPORT)
    assert "一、2023年工作回顾" in pieces
    assert "二、2024年工作安排" in pieces
    assert any(p.startswith("（一）聚力扩大有效投资。") for p in pieces)
    assert any(p.startswith("（二）聚力壮大工业经济。") for p in pieces)
    assert any(p.startswith("2024年政府工作的总体要求是") for p in pieces)


def test_a_year_led_part_heading_glued_between_sentences_is_a_line_of_its_own() -> None:
    line = ("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。2023年工作回顾2023年是极不平凡的一年。"
            "（一）经济稳中向好。全市地区生产总值增长6%，规上工业增加值增长8%，固定资产投资增长5%。"
            "（二）民生持续改善。城镇新增就业4万人，新建学校12所。2024年工作安排建议今年是关键之年。"
            "一、做强实体经济。新增规上企业50家。二、增进民生福祉。新建学校10所。")
    pieces = texts(line)
    assert "2023年工作回顾" in pieces and "2024年工作安排建议" in pieces
    assert any(p.startswith("2023年是极不平凡的一年。") for p in pieces)
    # a sentence that starts with the same words is no heading
    assert texts("全年任务已经完成。2024年工作安排，由各部门分别报送。" * 3)[0].startswith("全年任务已经完成。")


def test_items_of_a_list_of_cases_in_unbroken_text_are_no_headings() -> None:
    """有下列行为之一的…：（一）…的；（二）…的。: the cases are running text (passages), not parts."""
    from knowledge.builder import build_document

    line = ("南湖市建筑垃圾管理办法第一章　总则第一条　为加强管理，制定本办法。第二章　责任追究第二条　运输单位有下列行为之一的，"
            "由城管执法部门依法处罚：（一）将建筑垃圾混入生活垃圾的；（二）擅自设立弃置场的；（三）随意倾倒、抛撒或者堆放建筑垃圾的。"
            "第三条　本办法自2023年1月1日起施行。")
    kb = build_document("rules.txt", [line * 1 + "各地要认真执行。" * 30])
    titles = [s.title for s in kb.sections]
    assert not any("随意倾倒" in t or "混入生活垃圾" in t for t in titles)
    assert any("随意倾倒" in p.text for p in kb.passages)
