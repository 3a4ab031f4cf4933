"""Web pages printed by a browser and copied as text, and official headers: the print margins
are chrome, navigation lines and the 文号 are never the title. Invented documents."""

from __future__ import annotations

import pytest

from knowledge.builder import build_document
from knowledge.cleaning import is_chrome_line


@pytest.mark.parametrize(("line", "chrome"), [
    ("2025/3/4 09:49 某某市支持创新型企业发展行动计划_政策法规_某某市工业和信息化局", True),
    ("2024-11-05 下午3:21 关于印发某某区2025年工作要点的通知", True),
    ("https://www.example.gov.cn/zwgk/zcfg/content/post_12345.html 2/6", True),
    ("www.example.gov.cn/art/2024/1/5/art_1.html", True),
    ("2025/3/4 09:49 某某会议召开。会议强调，要扎实推进各项工作。", False),  # a sentence
    ("2025年3月4日，某某区召开推进会。", False),
    ("比例达到1/3以上", False),
])
def test_print_margins(line: str, chrome: bool) -> None:
    assert is_chrome_line(line) is chrome


_PRINTED = [
    "2025/3/4 09:49 某某市支持创新型企业发展行动计划_政策法规_某某市工业和信息化局",
    "进入关怀版",
    "导航",
    "当前位置 : 首页 > 政务公开 > 政府信息公开目录 > 政策法规",
    "某某市支持创新型企业发展行动计划（2025—2027年）",
    "2025-03-04 09:49:09 【字体： 大 中 小 】",
    "某工信〔2025〕44号",
    "为加快培育创新型企业，结合本市实际，制定本行动计划。",
    "一、工作目标",
    "到2027年，累计培育创新型企业1000家。",
    "https://www.example.gov.cn/zwgk/zcfg/content/post_12345.html 1/3",
    "2025/3/4 09:49 某某市支持创新型企业发展行动计划_政策法规_某某市工业和信息化局",
    "二、主要任务",
    "1.建立企业培育库。每年遴选一批优质企业，实行动态管理。",
    "2.强化金融支持。为培育库企业量身定制金融服务方案。",
    "https://www.example.gov.cn/zwgk/zcfg/content/post_12345.html 2/3",
    "网站标识码：0000000000",
    "某ICP备00000000号",
]


def test_printed_page_copied_as_text() -> None:
    kb = build_document("page.txt", _PRINTED)
    doc = kb.documents[0]
    assert doc.title == "某某市支持创新型企业发展行动计划（2025—2027年）"
    assert (doc.kind, doc.year, doc.period) == ("implementation_plan", 2025, (2025, 2027))
    assert [s.title for s in kb.sections] == ["工作目标", "主要任务"]
    assert {t.title: str(t.deadline) for t in kb.tasks} == {"建立企业培育库": "2027-12-31", "强化金融支持": "2027-12-31"}


def test_a_doc_number_line_is_no_title() -> None:
    lines = ["某某省发展和改革委员会办公室", "某发改办规划〔2023〕12号",
             "某某省发展改革委办公室关于做好2023年重大项目前期工作的通知", "各市（州）发展改革委：",
             "为加快推进重大项目前期工作，现将有关事项通知如下。", "一、加快项目前期工作",
             "各地要在2023年6月底前完成项目可行性研究报告编制。", "某某省发展和改革委员会办公室", "2023年3月15日"]
    doc = build_document("notice.txt", lines).documents[0]
    assert doc.title == "某某省发展改革委办公室关于做好2023年重大项目前期工作的通知"
    assert (doc.kind, doc.year, doc.issuer) == ("notice", 2023, "某某省发展和改革委员会办公室")
