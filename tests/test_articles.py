"""Articles (第X条) as headings: with a caption they are sections under their chapter; an article
whose text follows its number is no heading. Invented inputs."""

from __future__ import annotations

import pytest

from knowledge.doctext import DocText
from knowledge.models import Document
from knowledge.structure import _article_title, parse_sections


@pytest.mark.parametrize(("rest", "title"), [
    ("【宗旨】", "宗旨"),
    (" 【支持开展数字化改造】", "支持开展数字化改造"),
    ("（目的和依据）为了规范资金管理，根据有关规定，制定本办法。", "目的和依据"),
    ("〔适用范围〕本办法适用于本区。", "适用范围"),
    ("［实施部门］", "实施部门"),
    ("宗旨", "宗旨"),  # a caption alone on its line
    ("为了加强对文物的保护，根据有关法律，制定本办法。", None),  # the article's text
    ("本镇鼓励和支持文物保护的科学技术研究", None),  # too long for a caption without brackets
    ("运输建筑垃圾应遵守下列规定：", None),  # a lead-in to a list
    ("（一）对企业新建产线给予奖励。", None),  # an item number, not a caption
    ("", None),
])
def test_article_captions(rest: str, title: str | None) -> None:
    assert _article_title(rest) == title


def test_captioned_articles_are_sections_under_their_chapter() -> None:
    lines = [
        "某某区促进产业发展若干措施",
        "第一章 总则",
        "第一条【宗旨】",
        "为促进产业高质量发展，制定本措施。",
        "第二条 本措施适用于在本区登记注册的企业。",
        "第二章 支持措施",
        "第三条 【支持企业技术改造】",
        "对企业技术改造项目，按投资额的10%给予资助。",
        "第四条（支持人才引进）对引进的高层次人才给予安家补贴。",
    ]
    doc = Document(id="D1", file="t.txt", title="t")
    sections = parse_sections(doc, DocText(file="t.txt", lines=lines))
    assert [(s.level, s.number, s.title) for s in sections] == [
        (1, "第一章", "总则"),
        (2, "第一条", "宗旨"),
        (1, "第二章", "支持措施"),
        (2, "第三条", "支持企业技术改造"),
        (2, "第四条", "支持人才引进"),
    ]
