"""Computing and rendering digests from a hand-built knowledge base, and the .ics calendar."""

from __future__ import annotations

import datetime as dt

from bot.digest_render import render_digest, render_task_card
from knowledge.digest.engine import DigestEngine, DigestFilters
from knowledge.digest.ics import MAX_OCTETS, calendar_ics, escape_text, fold
from tests.digest_fixtures import StubIndex, sample_kb

D = dt.date
TODAY = D(2024, 12, 20)  # a Friday


def engine() -> DigestEngine:
    kb = sample_kb()
    return DigestEngine(kb, StubIndex(kb))


def ids(digest, group: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.task.id for i in digest.groups[group]]


def test_groups_by_urgency_with_recurring_and_undated_left_out() -> None:
    d = engine().compute(DigestFilters(), TODAY, window=14)
    assert ids(d, "overdue") == ["T1", "T8"]  # most recently overdue first
    assert ids(d, "soon") == ["T2"]  # 4 days left
    assert ids(d, "window") == ["T5", "T3"]  # monthly → 31 Dec (11 days), then 2 Jan (13 days)
    assert d.total == 5
    t5 = d.groups["window"][0]
    assert t5.recurring == "每月" and t5.due == D(2024, 12, 31)
    t2 = d.groups["soon"][0]
    assert (t2.left.calendar, t2.left.working) == (4, 2)  # Sat/Sun off: Mon 23, Tue 24


def test_window_done_and_snoozed_are_respected() -> None:
    e = engine()
    assert e.compute(DigestFilters(), TODAY, window=7).totals == {"overdue": 2, "soon": 1, "window": 0}
    d = e.compute(DigestFilters(), TODAY, window=14, exclude={"T1", "T2"})
    assert ids(d, "overdue") == ["T8"] and ids(d, "soon") == []
    assert e.compute(DigestFilters(), TODAY, window=120).totals["window"] == 3  # T4 on 31 Mar


def test_filters_keywords_via_search_document_and_unit() -> None:
    e = engine()
    kw = e.compute(DigestFilters(keywords=("消防",)), TODAY)
    assert ids(kw, "overdue") == ["T1", "T8"] and kw.total == 2
    # A section hit brings in the tasks of the section and its sub-sections.
    section = e.compute(DigestFilters(keywords=("城市更新",)), TODAY, window=120)
    assert {i.task.id for i in section.items()} == {"T3", "T4"}
    doc = e.compute(DigestFilters(doc="城市更新实施方案"), TODAY, window=14)
    assert [i.task.id for i in doc.items()] == ["T3"]
    unit = e.compute(DigestFilters(unit="应急办"), TODAY, window=14)
    assert {i.task.id for i in unit.items()} == {"T1", "T5"}
    both = e.compute(DigestFilters(keywords=("消防",), unit="应急办"), TODAY)
    assert [i.task.id for i in both.items()] == ["T1"]
    none = e.compute(DigestFilters(keywords=("不存在的词",)), TODAY)
    assert none.is_empty


def test_rendered_digest_has_groups_days_sources_and_buttons() -> None:
    e = engine()
    reply = render_digest(e, e.compute(DigestFilters(), TODAY))
    text = reply.plain_text()
    assert text.index("🔴 已逾期 2 项") < text.index("🟡 7 天内到期 1 项") < text.index("🟢 8–14 天到期 2 项")
    assert "截止 2024-12-24（周二）· 还剩 4 天（2 个工作日）" in text
    assert "已逾期 10 天" in text and "每月（本期）" in text
    assert "《某街道2024年重点工作任务》 一、 安全生产 第10行" in text
    assert "责任单位：应急办、消防站" in text
    data = [b.data for b in reply.button_list()]
    assert "dg:done:T1" in data and "dg:snz:T1" in data and "dg:card:T1" in data
    assert all(len(x.encode()) <= 64 for x in data)


def test_empty_digest_is_one_short_line_and_group_overflow_is_counted() -> None:
    e = engine()
    empty = render_digest(e, e.compute(DigestFilters(keywords=("不存在的词",)), TODAY))
    assert len(empty.blocks) == 1 and "没有到期或逾期的任务" in empty.plain_text()
    capped = e.compute(DigestFilters(), TODAY, per_group=1)
    assert len(capped.groups["overdue"]) == 1 and capped.totals["overdue"] == 2
    assert "另有 1 项未列出" in render_digest(e, capped).plain_text()


def test_task_card() -> None:
    e = engine()
    card = render_task_card(e, e.tasks["T2"], TODAY).plain_text()
    assert "完成燃气管道更新改造" in card and "还剩 4 天" in card and "城管科" in card
    assert "长期坚持" in render_task_card(e, e.tasks["T6"], TODAY).plain_text()


def unfold(raw: bytes) -> list[str]:
    """Content lines of an .ics: CRLF-separated, continuation lines joined (RFC 5545 §3.1)."""
    text = raw.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= MAX_OCTETS
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, i = "", 0
    while i < len(value):
        if value[i] == "\\":
            out += {"n": "\n", "N": "\n"}.get(value[i + 1], value[i + 1])
            i += 2
        else:
            out += value[i]
            i += 1
    return out


def test_ics_parses_back_line_by_line() -> None:
    e = engine()
    d = e.compute(DigestFilters(), TODAY, window=120, per_group=100)
    stamp = dt.datetime(2024, 12, 20, 1, 2, 3, tzinfo=dt.UTC)
    raw = calendar_ics(d.items(), {t: e.source_of(e.tasks[t]) for t in e.tasks}, stamp)
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events: list[dict[str, str]] = []
    for line in lines:
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT" and ":" in line and not line.startswith("END:VCALENDAR"):
            name, value = line.split(":", 1)
            events[-1].setdefault(name, value)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(events) == d.total
    assert len({ev["UID"] for ev in events}) == len(events)
    first = events[0]
    assert first["DTSTAMP"] == "20241220T010203Z"
    assert first["DTSTART;VALUE=DATE"] == "20241210" and first["DTEND;VALUE=DATE"] == "20241211"
    assert unescape(first["SUMMARY"]) == "截止：开展消防安全隐患排查"
    assert "责任单位：应急办、消防站" in unescape(first["DESCRIPTION"]).split("\n")


def test_ics_escaping_and_folding() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "规划" * 60)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts) and all(p.startswith(" ") for p in parts[1:])
    assert "".join([parts[0]] + [p[1:] for p in parts[1:]]) == "DESCRIPTION:" + "规划" * 60
