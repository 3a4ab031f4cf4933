"""Lead phrases of work-report paragraphs: an aim and an order (以…为突破，着力…。) and the first
sentence after an ordinal (一是…，…。) lead their paragraph. Invented paragraphs."""

from __future__ import annotations

import pytest

from knowledge.measures import lead_phrase_measures


@pytest.mark.parametrize(("paragraph", "titles"), [
    ("以提升城市品质为突破，着力建设宜居宜业新城区。投资3亿元，实施滨河公园基础设施建设，推进老街改造工程，力争年底开园。",
     ["以提升城市品质为突破，着力建设宜居宜业新城区"]),
    ("以产业融合发展为导向，推进产业结构调整。启动2万亩蔬菜基地建设，全面完成12个养殖小区项目建设。",
     ["以产业融合发展为导向，推进产业结构调整"]),
    ("一是准确把握政策，找准投资方向。紧密结合国家政策导向，认真谋划项目建设。具体来讲，就是要全力完成今年50个重点项目的投资计划。",
     ["准确把握政策，找准投资方向"]),
    # an aim without an order, and a statement, lead nothing
    ("以人民为中心，这是我们的根本立场。全年民生支出占比达到80%。", []),
])
def test_lead_phrases(paragraph: str, titles: list[str]) -> None:
    drafts = lead_phrase_measures(1, paragraph)
    assert [d.title for d in drafts] == titles
    assert all(d.text for d in drafts)


def test_a_numbered_project_naming_its_units_is_no_duty_line() -> None:
    from knowledge.builder import build_document

    lines = ["关于推进人才工程的实施意见", "一、重点项目",
             "1.人才服务中心。按照“政府引导、市场运作”的原则，建设综合性人才服务平台。（牵头单位：市委组织部，配合单位：市财政局）",
             "2.区人才办。负责统筹协调人才工程各项工作。"]
    tasks = build_document("意见.txt", lines).tasks
    first = next(t for t in tasks if t.line == 3)
    assert (first.title, first.lead_units, first.units) == ("人才服务中心", ["市委组织部"], ["市委组织部", "市财政局"])
    duty = next(t for t in tasks if t.line == 4)
    assert "区人才办" in duty.units + duty.lead_units  # a unit and its duties


@pytest.mark.parametrize(("text", "number"), [("121人才梯队项目", None), ("十万人口死亡率", None), ("500人参加培训", 500.0)])
def test_person_words_are_no_unit(text: str, number: float | None) -> None:
    from knowledge.numbers import find_quantities

    counted = [q.number for q in find_quantities(text) if q.unit]
    assert counted == ([number] if number is not None else [])
