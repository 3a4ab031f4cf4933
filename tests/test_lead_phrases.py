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
