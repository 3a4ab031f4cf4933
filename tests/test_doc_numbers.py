"""The issuer a 文号 abbreviates (knowledge/doc_numbers.py), read back only when the title's
places and the text's own organ names bear it out. Invented names."""

from __future__ import annotations

import pytest

from knowledge.builder import build_document
from knowledge.doc_numbers import issuer_from_number

_BODY = "市工业和信息化局、市财政局按职责分工负责。区人民政府办公室负责统筹协调。"


@pytest.mark.parametrize(("number", "places", "issuer"), [
    ("甲工信〔2025〕44号", ["甲乙市"], "甲乙市工业和信息化局"),
    ("甲财规〔2024〕3号", ["甲乙市"], "甲乙市财政局"),
    ("甲丙府办规〔2023〕5号", ["甲乙市", "丙丁区"], "甲乙市丙丁区人民政府办公室"),
    ("甲发改〔2025〕1号", ["甲乙市"], None),  # the text names no 发展和改革 organ
    ("戊工信〔2025〕44号", ["甲乙市"], None),  # the place does not match the title's
    ("甲工信〔2025〕44号", [], None),  # the title names no place
    ("工信部规〔2025〕1号", ["甲乙市"], None),  # no place before the organ
    (None, ["甲乙市"], None),
])
def test_issuer_from_number(number: str | None, places: list[str], issuer: str | None) -> None:
    assert issuer_from_number(number, places, _BODY) == issuer


def test_a_page_without_signature_takes_the_issuer_its_doc_number_names() -> None:
    lines = ["甲乙市支持创新型企业发展行动计划（2025—2027年）", "甲工信〔2025〕44号",
             "为加快培育创新型企业，结合本市实际，制定本行动计划。", "一、保障措施",
             "市工业和信息化局统筹推进创新型企业培育工作。"]
    doc = build_document("page.txt", lines).documents[0]
    assert doc.issuer == "甲乙市工业和信息化局"
