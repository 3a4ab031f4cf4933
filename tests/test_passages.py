"""Passages: every paragraph cut into one to a few sentences, each with its source line and section."""

from __future__ import annotations

from knowledge.builder import build_document
from knowledge.passages import MAX_CHARS, pack, sentences


def test_sentences_cut_after_sentence_ends_and_before_numbered_clauses() -> None:
    text = "加快城市更新。推进老旧小区改造；完成管网更新！一是抓项目，二是抓招商。"
    pieces = [p for _, p in sentences(text)]
    assert pieces[:3] == ["加快城市更新。", "推进老旧小区改造；", "完成管网更新！"]
    assert "二是抓招商。" in pieces


def test_passages_are_packed_and_never_longer_than_the_limit() -> None:
    line = "。".join(["推进重点项目建设，加快形成实物工作量"] * 40) + "。"
    out = pack(line)
    assert len(out) > 1
    assert all(len(t) <= MAX_CHARS for _, t in out)
    # Offsets point into the line, so the chat can quote from the source.
    for offset, text in out:
        assert line[offset:offset + len(text)] == text


def test_a_sentence_longer_than_the_limit_is_cut_at_a_comma() -> None:
    line = "，".join(["推进重点项目建设加快形成实物工作量"] * 30) + "。"
    assert all(len(t) <= MAX_CHARS for _, t in pack(line))


def test_build_gives_passages_with_section_and_line_and_skips_headings_and_cells() -> None:
    lines = ["东湖街道2024年工作计划", "一、抓项目促发展", "推进“一城一区两带”布局，完善石化产业链条。加快鲁华泓锦项目建设。",
             "38", "二、抓民生", "建设南益社区卫生服务站。"]
    kb = build_document("p.txt", lines)
    texts = [p.text for p in kb.passages]
    assert any("一城一区两带" in t for t in texts)
    assert "38" not in texts and not any(t == "一、抓项目促发展" for t in texts)
    by_line = {p.line: p for p in kb.passages}
    assert by_line[6].text == "建设南益社区卫生服务站。"
    section = kb.section(by_line[6].section)
    assert section is not None and "抓民生" in section.title
    assert kb.paragraph(by_line[3]).startswith("推进“一城一区两带”")


def test_a_passage_ending_in_a_colon_holds_the_lines_it_introduces() -> None:
    lines = ["某区建筑垃圾管理办法", "一、选址", "建筑垃圾弃置场的选址，应当符合下列规定：", "（一）符合国土空间规划；",
             "（二）远离水源保护区。"]
    kb = build_document("r.txt", lines)
    lead = next(p for p in kb.passages if p.line == 3)
    assert "符合国土空间规划" in lead.text and "远离水源保护区" in lead.text


def test_unbroken_text_passages_point_back_to_the_source_line() -> None:
    body = "".join(f"（{n}）推进第{n}项重点工作，加快建设进度，确保按期完成。" for n in "一二三四五六七八")
    line = ("某街道2024年工作要点一、总体要求坚持稳中求进。全年完成固定资产投资12亿元，推动经济平稳增长，持续改善"
            "民生，确保社会大局和谐稳定。二、重点任务" + body * 3)
    kb = build_document("u.txt", [line])
    assert kb.passages
    for p in kb.passages:
        assert p.line == 1
        assert line[p.offset:p.offset + len(p.text)] == p.text


def test_build_json_has_passages() -> None:
    kb = build_document("p.txt", ["某街道工作计划", "一、重点工作", "建设南益社区卫生服务站。"])
    rows = kb.to_contract()["passages"]
    assert rows and set(rows[0]) >= {"id", "doc", "section", "line", "text"}


def test_a_line_that_only_repeats_the_title_is_no_passage() -> None:
    from knowledge.passages import extract_passages

    lines = [(1, "广安市质量奖评选管理办法"), (2, "第一条为推动质量强市建设，制定本办法。"), (3, "广安市质量奖评选管理办法")]
    texts = [p.text for p in extract_passages("D1", "q.txt", lines, [], title="广安市质量奖评选管理办法")]
    assert texts == ["第一条为推动质量强市建设，制定本办法。"]
