"""Benchmark: the supervision ledger of the 100× knowledge base as .xlsx, and the desk's charts.

    python bench/bench_desk.py [--copies 100] [--repeat 3] [--today 2024-12-20]

Part 1 builds the 100× knowledge base (bench_search.synthetic: every document and item copied, a
third of the names perturbed), gives one task in ten a progress note, one in twenty a completion and
one in fifty an approved extension, then times what /export does: the ledger rows (status,
deadline, progress per task) and the workbook (summary sheet plus a sheet per plan). Target ≤ 5 s.

Part 2 times a trajectory chart (规模以上工业总产值 of the bundled plans) and the board chart: the
first one (matplotlib imported, font found) and then warm renders. Target ≤ 300 ms a chart.

It measures and prints, with the ratio of each figure to its target; it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_search import synthetic  # noqa: E402

from knowledge.builder import build_bundled  # noqa: E402
from knowledge.desk.ledger import by_plan, by_unit, ledger_rows  # noqa: E402
from knowledge.desk.office import APPROVED, DONE, EXTENSION, NOTE, Note, TaskOffice  # noqa: E402
from knowledge.desk.xlsx import ledger_heading, write_ledger  # noqa: E402
from knowledge.models import KnowledgeBase  # noqa: E402
from knowledge.trajectory import TrajectoryIndex  # noqa: E402

LEDGER_TARGET = 5.0
CHART_TARGET = 0.300


def office_for(kb: KnowledgeBase, seed: int = 11) -> dict[str, TaskOffice]:
    """Progress on a share of the tasks: notes, completions, approved extensions."""
    rng = random.Random(seed)
    at = dt.datetime(2024, 12, 1, 9, tzinfo=dt.UTC)
    office: dict[str, TaskOffice] = {}
    for n, task in enumerate(kb.tasks):
        roll = rng.random()
        if roll < 0.10:
            note = Note(n, NOTE, "已完成前期摸排，正在组织实施。" * 3, "张三", at)
        elif roll < 0.15:
            note = Note(n, DONE, "已完成。", "李四", at)
        elif roll < 0.17:
            note = Note(n, EXTENSION, "资金尚未到位", "王五", at, dt.date(2025, 6, 30), APPROVED, "管理员", at)
        else:
            continue
        office[task.id] = TaskOffice([note])
    return office


def bench_ledger(kb: KnowledgeBase, today: dt.date, repeat: int) -> None:
    """Time rows + workbook (what /export does once the filters are matched)."""
    office = office_for(kb)
    times, cpu, size, rows_count, sheets = [], [], 0, 0, 0
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        rows = ledger_rows(kb, today, office)
        data = write_ledger(rows, ledger_heading(dt.datetime.now(), "全部任务", len(rows)))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        size, rows_count = len(data), len(rows)
    from openpyxl import load_workbook

    sheets = len(load_workbook(io.BytesIO(data), read_only=True).sheetnames)
    best, median = min(times), statistics.median(times)
    print(f"ledger: {rows_count} tasks, {sheets} sheets, {size / 1e6:.1f} MB")
    print(f"  written in {median:.2f} s median, {best:.2f} s best of {repeat} (CPU {statistics.median(cpu):.2f} s; "
          f"target ≤ {LEDGER_TARGET:.0f} s: {median / LEDGER_TARGET:.2f} of the budget)")


def bench_charts(repeat: int) -> None:
    """Time the trajectory and board charts, first (cold) and warm."""
    from bot.charts import Charts

    kb = build_bundled()
    index = TrajectoryIndex(kb)
    trajectory = max((t for t in index.all() if t.linked), key=lambda t: len(t.points))
    charts = Charts()
    started = time.perf_counter()
    font = charts.font_path()
    first_png = charts.trajectory(trajectory)
    cold = time.perf_counter() - started
    if font is None or first_png is None:
        print("charts: no CJK font found — charts fall back to tables (install fonts-noto-cjk or fonts-wqy-microhei)")
        return
    print(f"charts: font {font}")
    print(f"  first chart (import matplotlib, find the font, render): {cold * 1000:.0f} ms")
    rows = ledger_rows(kb, dt.date(2024, 12, 20))
    for name, draw in (("trajectory " + trajectory.name, lambda: charts.trajectory(trajectory)),
                       ("board", lambda: charts.board(by_plan(rows), by_unit(rows, lead_only=True)))):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            png = draw()
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(f"  {name}: {median * 1000:.0f} ms median of {repeat} ({len(png or b'') // 1024} KB PNG; "
              f"target ≤ {CHART_TARGET * 1000:.0f} ms: {median / CHART_TARGET:.2f} of the budget)")


def main() -> None:
    """Run both parts and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2024, 12, 20))
    args = parser.parse_args()
    started = time.perf_counter()
    kb = synthetic(build_bundled(), args.copies)
    print(f"knowledge base: {len(kb.documents)} documents, {len(kb.tasks)} tasks "
          f"({args.copies}×, built in {time.perf_counter() - started:.1f} s)")
    bench_ledger(kb, args.today, args.repeat)
    bench_charts(max(args.repeat, 5))


if __name__ == "__main__":
    main()
