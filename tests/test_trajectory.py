"""Indicators as trajectories: linked by identity, place (from the documents' metadata) and unit; the
progress to the five-year target computed; never linked across places or units."""

from __future__ import annotations

import pytest

from knowledge.models import Document, Indicator, KnowledgeBase, Value
from knowledge.places import ALONE, place_keys, place_name
from knowledge.trajectory import TrajectoryIndex


def test_the_bundled_plans_link_daganjie_output_across_its_two_plans(bundled_kb: KnowledgeBase) -> None:
    index = TrajectoryIndex(bundled_kb)
    five_year = next(d for d in bundled_kb.documents if d.kind == "five_year_plan" and "大港" in d.title)
    ind = next(i for i in bundled_kb.indicators if i.name == "规模以上工业总产值" and i.doc == five_year.file)
    trajectory = index.of(ind.id)
    assert trajectory is not None and trajectory.place == "大港街"
    assert [(p.year, p.number, p.role) for p in trajectory.points] == [
        (2020, 76.4, "基期"), (2024, 81.11, "计划"), (2025, 107.21, "目标")]
    kinds = {p.document.kind for p in trajectory.points}
    assert kinds == {"five_year_plan", "annual_plan"}
    progress = trajectory.progress() or ""
    # Computed: 81.11 / 107.21 = 75.7 %; (107.21 / 76.4) ** (1/5) − 1 = 7.0 %.
    assert "2024年计划 81.11亿元，占2025年目标 107.21亿元的 76%" in progress
    assert "按2020年基期 76.4亿元，年均需增长 7.0%" in progress
    assert "2025年需增长 32.2%" in progress  # 107.21 / 81.11 − 1


def test_nothing_is_linked_across_daganjie_and_xinhe(bundled_kb: KnowledgeBase) -> None:
    index = TrajectoryIndex(bundled_kb)
    places = place_keys(bundled_kb.documents)
    for trajectory in index.all():
        assert len({places[i.doc] for i in trajectory.indicators}) == 1, trajectory.name
    daganjie = next(d for d in bundled_kb.documents if d.kind == "five_year_plan" and "大港" in d.title)
    xinhe = next(d for d in bundled_kb.documents if "新河" in d.title)
    assert places[daganjie.file] != places[xinhe.file]
    invest = next(i for i in bundled_kb.indicators if i.doc == daganjie.file and i.name.startswith("固定资产投资"))
    trajectory = index.of(invest.id)
    assert trajectory is not None
    assert {p.document.file for p in trajectory.points} <= {d.file for d in bundled_kb.documents
                                                              if places[d.file] == places[daganjie.file]}
    assert xinhe.file not in {i.doc for i in trajectory.indicators}


def doc(file: str, title: str, issuer: str | None, kind: str = "five_year_plan", year: int = 2025) -> Document:
    return Document(id=file, file=file, title=title, issuer=issuer, kind=kind, year=year)  # type: ignore[arg-type]


def test_places_come_from_the_issuer_and_the_title_chain() -> None:
    docs = [doc("a", "甲县城关镇2021—2025年发展规划", "城关镇"), doc("b", "乙县城关镇2021—2025年发展规划", "城关镇"),
            doc("c", "城关镇2024年工作计划", "城关镇", "annual_plan"),
            doc("d", "南湖区发展和改革局2025年工作要点", "南湖区发展和改革局", "annual_plan"),
            doc("e", "南湖区2025年政府工作报告", "南湖区人民政府", "work_report"),
            doc("f", "2023年重点工作任务", None, "task_list"),
            doc("g", "东风街道2024年工作计划", "东风街", "annual_plan"), doc("h", "东风街道“十四五”规划", "东风街道")]
    keys = place_keys(docs)
    assert keys["a"] != keys["b"]  # two 城关镇 of two counties
    assert keys["c"].startswith(ALONE)  # which 城关镇? it cannot be told: alone
    assert keys["d"] == keys["e"]  # a department of 南湖区 and its government: one place
    assert keys["f"].startswith(ALONE)
    assert keys["g"] == keys["h"]  # 街 is the short form of 街道
    assert place_name("河北区人民政府") == place_name("河北区")
    # With one county named, a plan naming only the town joins it.
    assert len(set(place_keys([docs[0], docs[2]]).values())) == 1


def ind(iid: str, file: str, name: str, unit: str | None, baseline: tuple[int, str, float] | None = None,
        target: tuple[int, str, float | None] | None = None) -> Indicator:
    def value(v: tuple[int, str, float | None] | None) -> Value | None:
        return None if v is None else Value(year=v[0], value=v[1], number=v[2])

    return Indicator(id=iid, doc=file, name=name, unit=unit, baseline=value(baseline), target=value(target), line=1)


def kb_of(*indicators: Indicator) -> KnowledgeBase:
    docs = [doc("p.txt", "某镇2021—2025年规划", "某镇"), doc("a.txt", "某镇2024年工作计划", "某镇", "annual_plan", 2024),
            doc("o.txt", "另一镇2021—2025年规划", "另一镇")]
    return KnowledgeBase(documents=docs, indicators=list(indicators))


def test_units_must_agree_and_other_places_stay_out() -> None:
    kb = kb_of(ind("I1", "p.txt", "老旧小区改造", "个", (2020, "10", 10), (2025, "30", 30)),
               ind("I2", "a.txt", "老旧小区改造", "万平方米", None, (2024, "11.6", 11.6)),
               ind("I3", "a.txt", "老旧小区改造", "个", None, (2024, "20", 20)),
               ind("I4", "o.txt", "老旧小区改造", "个", None, (2025, "99", 99)))
    trajectory = TrajectoryIndex(kb).of("I1")
    assert trajectory is not None
    assert [i.id for i in trajectory.indicators] == ["I1", "I3"]
    assert "2024年计划 20个，占2025年目标 30个的 67%" in (trajectory.progress() or "")


@pytest.mark.parametrize("indicators, expected", [
    # A ceiling is not a share to reach.
    ((ind("I1", "p.txt", "PM2.5浓度", "微克/立方米", (2020, "47", 47), (2025, "不高于42", 42)),
      ind("I2", "a.txt", "PM2.5浓度", "微克/立方米", None, (2024, "不高于37", 37))),
     "2024年计划 不高于37微克/立方米；2025年目标 不高于42微克/立方米（上限值，越低越好）"),
    # A rate is compared in percentage points.
    ((ind("I1", "p.txt", "城镇化率", "%", (2020, "60", 60), (2025, "65", 65)),),
     "2020年基期 60%，距2025年目标 65%还差 5.0 个百分点"),
    # A falling figure falls; it does not "grow by −2.2 %".
    ((ind("I1", "p.txt", "单位能耗", "吨标煤", (2020, "47", 47), (2025, "42", 42)),), "年均需下降 2.2%"),
])
def test_progress_wording_fits_the_figure(indicators: tuple[Indicator, ...], expected: str) -> None:
    trajectory = TrajectoryIndex(kb_of(*indicators)).of("I1")
    assert trajectory is not None and expected in (trajectory.progress() or "")


def test_a_period_total_gets_no_growth_rate_and_words_get_no_progress() -> None:
    cumulative = TrajectoryIndex(kb_of(ind("I1", "p.txt", "固定资产投资额累计", "亿元", (2020, "4.4", 4.4),
                                           (2025, "20", 20)))).of("I1")
    assert cumulative is not None and "年均" not in (cumulative.progress() or "")
    words = TrajectoryIndex(kb_of(ind("I1", "p.txt", "节能减排", None, None, (2025, "完成市下达任务", None)))).of("I1")
    assert words is not None and words.progress() is None and not words.linked


def test_a_work_report_reports_results_and_a_result_comes_before_a_plan() -> None:
    report = Document(id="r", file="r.txt", title="某镇2025年政府工作报告", issuer="某镇人民政府", kind="work_report",
                      year=2025, review_lines=(1, 20))
    kb = kb_of(ind("I1", "p.txt", "地区生产总值", "亿元", (2020, "50", 50), (2025, "80", 80)),
               ind("I2", "a.txt", "地区生产总值", "亿元", None, (2024, "70", 70)))
    kb.documents.append(report)
    # Line 5 lies in the report's review of the past year: a result, not a target.
    kb.indicators.append(Indicator(id="I3", doc="r.txt", name="地区生产总值", unit="亿元", line=5,
                                   target=Value(year=2024, value="72", number=72)))
    trajectory = TrajectoryIndex(kb).of("I1")
    assert trajectory is not None
    assert [(p.year, p.value, p.role) for p in trajectory.points] == [
        (2020, "50", "基期"), (2024, "72", "完成"), (2024, "70", "计划"), (2025, "80", "目标")]
    assert (trajectory.progress() or "").startswith("2024年完成 72亿元，占2025年目标 80亿元的 90%")
