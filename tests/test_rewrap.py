"""Hard-wrapped text (knowledge/rewrap.py): lines broken at one width, rejoined into paragraphs
with their source lines; documents with real lines untouched. All inputs are invented."""

from __future__ import annotations

import pytest

from knowledge import rewrap
from knowledge.builder import build_document
from knowledge.doctext import document_text, logical_lines

_PARAGRAPHS = [
    "各位代表：",
    "现在，我代表区人民政府向大会报告工作，请予审议，并请区政协委员和列席人员提出意见。",
    "一、2024年工作回顾",
    "过去一年，全区上下团结奋斗，经济社会发展取得新成效。地区生产总值增长5.8%，一般公共预算收入增长6.2%，"
    "规模以上工业增加值增长7.1%，固定资产投资增长4.9%，社会消费品零售总额增长8.3%，主要指标好于预期。",
    "（一）坚持项目为王，经济运行稳中向好。全年实施重点项目126个，完成投资218亿元，新开工亿元以上项目35个，"
    "建成投产项目41个。新增规上工业企业28家，数字经济核心产业营业收入增长15.6%。",
    "二、2025年主要任务",
    "今年经济社会发展主要预期目标是：地区生产总值增长6.5%左右，一般公共预算收入增长5%左右，城镇新增就业1.2万人，"
    "居民人均可支配收入与经济增长基本同步。",
    "（一）扩大有效投资。谋划储备项目500个以上，力争新开工亿元以上项目40个，完成营造林12万亩，改造农村户厕"
    "3200座，年底前建成区全民健身中心。",
    "（二）深化改革开放。推进营商环境综合改革，新增市场主体1.5万户，实际利用外资增长10%以上。",
]


def _wrap(paragraph: str, columns: int = 56) -> list[str]:
    """A paragraph broken as a PDF breaks it: every line filled to `columns` display columns."""
    lines, line = [], ""
    for ch in paragraph:
        if rewrap.width(line + ch) > columns:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def _hard_wrapped(blank_between: bool, page_every: int = 9) -> tuple[list[str], list[int]]:
    """The paragraphs hard-wrapped, with page numbers; and each paragraph's first source line."""
    out: list[str] = []
    firsts: list[int] = []
    count = 0
    page = 1
    for paragraph in _PARAGRAPHS:
        for k, line in enumerate(_wrap(paragraph)):
            if k == 0:
                firsts.append(len(out) + 1)
            out.append(line)
            if blank_between:
                out.append("")
            count += 1
            if count % page_every == 0:
                out.extend([f"— {page} —", ""] if blank_between else [f"— {page} —"])
                page += 1
        if not blank_between:
            out.append("")  # blank lines only between paragraphs
    return out, firsts


@pytest.mark.parametrize("blank_between", [True, False])
def test_hard_wrapped_text_is_rejoined_with_source_lines(blank_between: bool) -> None:
    lines, firsts = _hard_wrapped(blank_between)
    assert rewrap.wrap_width(lines) is not None
    pieces = logical_lines(lines)
    assert pieces is not None
    assert [p.text for p in pieces] == _PARAGRAPHS  # page numbers gone, numbers whole (6.5%左右)
    assert [p.line for p in pieces] == firsts


def test_origin_inside_a_rejoined_paragraph() -> None:
    joined = rewrap.Joined("甲乙丙丁戊己", ((0, 3, 0), (3, 5, 2)))
    assert joined.origin(0) == (3, 0)
    assert joined.origin(2) == (3, 2)
    assert joined.origin(4) == (5, 3)


_REAL_LINES = [
    ["某某街道2025年工作要点", "一、总体要求", "坚持以人民为中心，统筹发展和安全，全面推进街道治理现代化。",
     "二、重点任务", "（一）优化营商环境。全年新增市场主体500户以上，走访企业全覆盖。",
     "（二）提升城市管理。完成老旧小区改造3个，新增停车泊位200个，年底前完成背街小巷整治。",
     "（三）办好民生实事。新建社区食堂2家，开展就业培训20场次。", "三、保障措施", "加强组织领导，压实工作责任。"] * 3,
    # a task table flattened one cell per line
    ["序号", "工作任务", "责任单位", "完成时限"] + [c for k in range(1, 15) for c in
                                       (str(k), f"推进第{k}批老旧小区综合改造工程建设", "区住房城乡建设局", "2025年12月底前")],
    # one-line paragraphs of every length, a few of them the same length by chance
    [("推进城市更新行动，" * n)[:-1] + "。" for n in (2, 9, 3, 14, 5, 9, 7, 11, 4, 13, 6, 8, 10, 12, 3, 9)],
]


@pytest.mark.parametrize("lines", _REAL_LINES)
def test_documents_with_real_lines_are_left_alone(lines: list[str]) -> None:
    assert rewrap.wrap_width(lines) is None
    assert logical_lines(lines) is None
    assert document_text("plan.txt", lines).origins is None


@pytest.mark.parametrize(("line", "page"), [
    ("— 12 —", True), ("- 3 -", True), ("— 23", True), ("第3页", True), ("第 3 页 共 12 页", True), ("3/12", True),
    ("-5", False), ("2025", False), ("第三条", False),
])
def test_page_number_lines(line: str, page: bool) -> None:
    assert bool(rewrap._PAGE_NUMBER.match(line)) is page


def test_items_of_a_hard_wrapped_report_sit_on_their_first_source_line() -> None:
    lines, firsts = _hard_wrapped(blank_between=True)
    kb = build_document("某某区2025年政府工作报告.txt", lines)
    sections = {s.title: s.line for s in kb.sections}
    assert sections["2024年工作回顾"] == firsts[2]
    assert sections["2025年主要任务"] == firsts[5]
    growth = next(i for i in kb.indicators if i.name == "地区生产总值")
    assert growth.target is not None and growth.target.number == 6.5
    assert growth.line == firsts[6]
    assert any(t.line == firsts[7] for t in kb.tasks)


def test_indented_first_lines_open_paragraphs() -> None:
    """Paragraphs ending on a full line (…。) and unnumbered ones after them: the indent tells."""
    sentence = "全区上下团结奋斗，经济社会发展取得新成效，主要指标好于预期，民生福祉持续增进，社会更和谐。"
    assert len(sentence) == 45
    paragraphs = [sentence * 2, "一年来，我们坚持稳中求进工作总基调，统筹发展和安全。" * 3, sentence * 6]
    lines = []
    for paragraph in paragraphs:
        wrapped = [paragraph[k:k + 30] for k in range(0, len(paragraph), 30)]
        lines.extend(["\u3000\u3000" + wrapped[0], *wrapped[1:]])
    assert lines[2].endswith("。") and rewrap.width(lines[2]) == 60  # the first paragraph ends on a full line
    pieces = logical_lines(lines)
    assert pieces is not None
    assert [p.text for p in pieces] == paragraphs


def test_a_table_laid_out_in_columns_is_left_alone() -> None:
    """Rows padded to one width (a PDF's layout text) look wrapped, but columns are no paragraph."""
    rows = [f"{k:<4}推进第{k}批老旧小区综合改造工程建设    区住房城乡建设局    2025年12月底前" for k in range(1, 16)]
    lines = ["序号  工作任务                          责任单位            完成时限", *rows]
    assert logical_lines(lines) is None
