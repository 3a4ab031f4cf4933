"""Indicators as trajectories: one indicator of one place, year by year, across the plans.

A five-year plan gives a baseline and a target, an annual plan the year's target, a work report the
year's target and last year's result. Statements are linked into one trajectory when they are the
same indicator (`identity.indicator_key`), of the same place (`places.place_keys`: from the
documents' own metadata) and in the same unit — never across places or units. The progress
towards the five-year target is computed from the numbers, not copied from the text.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from knowledge.figures import with_unit
from knowledge.identity import indicator_key
from knowledge.models import Document, Indicator, KnowledgeBase, Value
from knowledge.places import ALONE, place_keys, place_label

# What a value is, by the kind of document stating it and whether it is a baseline or a target.
_ROLES: dict[tuple[str, str], str] = {
    ("five_year_plan", "baseline"): "基期",
    ("five_year_plan", "target"): "目标",
    ("annual_plan", "baseline"): "上年完成",
    ("annual_plan", "target"): "计划",
    ("work_report", "baseline"): "完成",
    ("work_report", "target"): "年度目标",
    ("work_report", "result"): "完成",
}
# Which statement of a year is shown first (and used as the year's figure): results, then plans.
_ROLE_ORDER = {"完成": 0, "上年完成": 0, "计划": 1, "年度目标": 1, "目标": 2, "基期": 0}
# A target that is a ceiling (PM2.5 不高于37): a share of it means nothing.
_CEILING = re.compile(r"不高于|不超过|低于|以下|以内|控制在|下降|减少|压减")
# A cumulative total over the period is not comparable with one year's figure.
_CUMULATIVE = re.compile(r"累计")
_RATE_UNITS = {"%", "％", "百分点"}


@dataclass(frozen=True)
class Point:
    """One figure of a trajectory: its year, the value as written, the number, what it is, where it is from."""

    year: int
    value: str
    number: float | None
    role: str  # 基期 | 目标 | 计划 | 年度目标 | 完成 | 上年完成
    indicator: Indicator
    document: Document

    def shown(self, unit: str | None) -> str:
        """The value with its unit ("81.11亿元")."""
        return with_unit(self.value, unit)


@dataclass
class Trajectory:
    """The statements of one indicator of one place in one unit, by year."""

    name: str
    unit: str | None
    place: str  # as written (大港街), "" when unknown
    indicators: list[Indicator] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        """Whether it brings several statements together (more than one point)."""
        return len(self.points) > 1

    def goal(self) -> Point | None:
        """The five-year plan's target with a number (the latest such), if any."""
        goals = [p for p in self.points if p.role == "目标" and p.number is not None]
        return max(goals, key=lambda p: p.year) if goals else None

    def base(self, goal: Point) -> Point | None:
        """The baseline of the goal's plan (else any baseline before the goal) with a number."""
        bases = [p for p in self.points if p.role == "基期" and p.number is not None and p.year < goal.year]
        own = [p for p in bases if p.document.file == goal.document.file]
        pool = own or bases
        return max(pool, key=lambda p: p.year) if pool else None

    def latest(self, goal: Point, base: Point | None) -> Point | None:
        """The latest figure before the goal's year after the baseline (results before plans)."""
        after = base.year if base is not None else -1
        pool = [p for p in self.points if p.number is not None and after < p.year < goal.year
                and p.role != "基期" and _comparable(p, goal)]
        if not pool:
            return None
        return min(pool, key=lambda p: (-p.year, _ROLE_ORDER.get(p.role, 3)))

    def progress(self) -> str | None:
        """The progress towards the five-year target, computed: share reached, growth needed; None
        when the figures do not allow it (no numeric target, or nothing to compare)."""
        goal = self.goal()
        if goal is None or goal.number is None:
            return None
        base = self.base(goal)
        latest = self.latest(goal, base)
        if latest is None and base is None:
            return None
        unit = self.unit
        goal_text = f"{goal.year}年目标 {goal.shown(unit)}"
        if _CEILING.search(goal.value) or (latest is not None and _CEILING.search(latest.value)):
            if latest is None:
                return None
            return f"{latest.year}年{latest.role} {latest.shown(unit)}；{goal_text}（上限值，越低越好）"
        if (unit or "").strip() in _RATE_UNITS:
            return _rate_progress(goal, base, latest, unit)
        parts: list[str] = []
        if latest is not None and latest.number is not None and goal.number > 0:
            parts.append(f"{latest.year}年{latest.role} {latest.shown(unit)}，占{goal_text}的 "
                         f"{latest.number / goal.number:.0%}")
        else:
            parts.append(goal_text)
        cumulative = bool(_CUMULATIVE.search(goal.indicator.name))  # a period total: no growth rate
        if base is not None and base.number is not None and not cumulative:
            needed = _annual_growth(base.number, goal.number, goal.year - base.year)
            if needed is not None:
                parts.append(f"按{base.year}年基期 {base.shown(unit)}，{_growth('年均需', needed)}")
            if latest is not None and latest.number is not None:
                so_far = _annual_growth(base.number, latest.number, latest.year - base.year)
                rest = _annual_growth(latest.number, goal.number, goal.year - latest.year)
                if so_far is not None and rest is not None:
                    then = (f"{goal.year}年需" if goal.year - latest.year == 1 else "此后需年均")
                    parts.append(f"{base.year}—{latest.year}年{_growth('年均', so_far)}，{_growth(then, rest)}")
        return "；".join(parts) if len(parts) > 1 or latest is not None else None


def _rate_progress(goal: Point, base: Point | None, latest: Point | None, unit: str | None) -> str | None:
    """A rate (%) is compared in percentage points, not as a share of itself."""
    assert goal.number is not None
    ref = latest or base
    if ref is None or ref.number is None:
        return None
    gap = goal.number - ref.number
    where = "距" if gap > 0 else "已达到"
    tail = f"还差 {gap:.1f} 个百分点" if gap > 0 else f"（高出 {-gap:.1f} 个百分点）"
    if where == "已达到":
        return f"{ref.year}年{ref.role} {ref.shown(unit)}，已达到{goal.year}年目标 {goal.shown(unit)}{tail}"
    return f"{ref.year}年{ref.role} {ref.shown(unit)}，距{goal.year}年目标 {goal.shown(unit)}{tail}"


def _growth(lead: str, rate: float) -> str:
    """"年均需增长 7.0%" or "年均需下降 2.2%": a falling figure is said to fall, not to grow negatively."""
    return f"{lead}增长 {rate:.1%}" if rate >= 0 else f"{lead}下降 {-rate:.1%}"


def _annual_growth(start: float, end: float, years: int) -> float | None:
    """The compound annual growth rate from `start` to `end` over `years` years."""
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return math.exp(math.log(end / start) / years) - 1


def _comparable(point: Point, goal: Point) -> bool:
    """A period total (累计) and a one-year figure are not compared."""
    return bool(_CUMULATIVE.search(point.indicator.name)) == bool(_CUMULATIVE.search(goal.indicator.name))


def unit_key(unit: str | None) -> str:
    """The identity of a unit: width and spaces do not count (％ = %)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", unit or "")).lower()


def _role(doc: Document, kind: str, ind: Indicator) -> str:
    """What a value is: 基期/目标 (five-year plan), 计划 (annual plan), 完成/年度目标 (work report)."""
    if doc.kind == "work_report" and doc.review_lines and doc.review_lines[0] <= ind.line <= doc.review_lines[1]:
        kind = "result"  # the review of the past year reports results
    return _ROLES.get((doc.kind, kind), "基期" if kind == "baseline" else "目标")


def _points(ind: Indicator, doc: Document) -> list[Point]:
    """The dated figures of one statement of an indicator."""
    out = []
    for kind, value in (("baseline", ind.baseline), ("target", ind.target)):
        if isinstance(value, Value) and value.year is not None:
            out.append(Point(value.year, value.value, value.number, _role(doc, kind, ind), ind, doc))
    return out


class TrajectoryIndex:
    """Every indicator's trajectory in one knowledge base (built once per knowledge base)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        docs = {d.file: d for d in kb.documents}
        places = place_keys(kb.documents)
        groups: dict[tuple[str, str, str], list[Indicator]] = defaultdict(list)
        for ind in kb.indicators:
            key = indicator_key(ind.name)
            place = places.get(ind.doc, ALONE + ind.doc)
            # Without a name key or a place, an indicator is linked to nothing but itself.
            groups[(key or ALONE + ind.id, place, unit_key(ind.unit))].append(ind)
        self._by_id: dict[str, Trajectory] = {}
        for members in groups.values():
            first = members[0]
            doc = docs.get(first.doc)
            trajectory = Trajectory(first.name, first.unit, place_label(doc) if doc else "", members)
            seen: set[tuple[int, str, str]] = set()
            for ind in members:
                owner = docs.get(ind.doc)
                if owner is None:
                    continue
                for point in _points(ind, owner):
                    # The same figure stated twice (a table row and its sentence) is one point.
                    same = (point.year, point.role, f"{point.number}" if point.number is not None else point.value)
                    if same not in seen:
                        seen.add(same)
                        trajectory.points.append(point)
            trajectory.points.sort(key=lambda p: (p.year, _ROLE_ORDER.get(p.role, 3)))
            for ind in members:
                self._by_id[ind.id] = trajectory

    def of(self, indicator_id: str) -> Trajectory | None:
        """The trajectory an indicator belongs to (None for an unknown id)."""
        return self._by_id.get(indicator_id)

    def all(self) -> list[Trajectory]:
        """Every distinct trajectory, in the order of their first indicator."""
        seen: dict[int, Trajectory] = {}
        for trajectory in self._by_id.values():
            seen.setdefault(id(trajectory), trajectory)
        return list(seen.values())
