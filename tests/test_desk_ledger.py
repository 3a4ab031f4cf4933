"""The ledger (督办台账): statuses, /export filters, and the .xlsx read back with openpyxl — cells, types,
fills, frozen header, filters, widths, one sheet per plan plus the summary."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from bot.callback_data import PLAIN
from bot.charts import Charts
from bot.digest_service import EngineCache
from bot.kbstate import KnowledgeState
from bot.ledger_service import LedgerService
from knowledge.desk.ledger import (
    DONE,
    NORMAL,
    ONGOING,
    OVERDUE,
    SOON,
    LedgerScope,
    by_unit,
    in_scope,
    ledger_rows,
    status_of,
)
from knowledge.desk.office import APPROVED, EXTENSION, NOTE, Note, TaskOffice, task_keys
from knowledge.desk.office import DONE as DONE_NOTE
from knowledge.desk.xlsx import STATUS_FILLS, write_ledger
from knowledge.digest.options import OptionError, parse_export
from tests.digest_fixtures import StubIndex, sample_kb, task

TODAY = dt.date(2024, 12, 20)
AT = dt.datetime(2024, 12, 18, 2, 0, tzinfo=dt.UTC)


def office() -> dict[str, TaskOffice]:
    return {"T2": TaskOffice([Note(1, DONE_NOTE, "已完工", "张三", AT)]),
            "T8": TaskOffice([Note(2, EXTENSION, "通道施工延后", "李四", AT, dt.date(2025, 2, 28), APPROVED, "管理员", AT)]),
            "T3": TaskOffice([Note(3, NOTE, "=SUM(A1:A2) 正在招标", "王五", AT)])}


def test_statuses_as_of_a_day() -> None:
    kb = sample_kb()
    tasks = {t.id: t for t in kb.tasks}
    mine = office()
    assert status_of(tasks["T1"], TODAY) == OVERDUE
    assert status_of(tasks["T2"], TODAY) == SOON
    assert status_of(tasks["T2"], TODAY, mine["T2"]) == DONE  # the office marked it done
    assert status_of(tasks["T4"], TODAY) == NORMAL
    assert status_of(tasks["T6"], TODAY) == ONGOING
    assert status_of(tasks["T7"], TODAY) == NORMAL  # undated
    assert status_of(tasks["T8"], TODAY) == OVERDUE
    assert status_of(tasks["T8"], TODAY, mine["T8"]) == NORMAL  # the approved extension moved it
    assert status_of(tasks["T5"], TODAY) == NORMAL  # monthly: due at the end of this month, 11 days on


def test_task_keys_survive_renumbering_and_tell_repeats_apart() -> None:
    first = [task("A-1", "完成消防通道整治", None), task("A-2", "完成消防通道整治", None), task("A-3", "其他", None)]
    rebuilt = [task("B-9", "其他", None), task("B-1", "（一）完成消防通道整治。", None), task("B-2", "完成消防通道整治", None)]
    before, after = task_keys(first), task_keys(rebuilt)
    assert before["A-1"] == after["B-1"] and before["A-2"] == after["B-2"] and before["A-3"] == after["B-9"]
    assert before["A-1"] != before["A-2"]


def test_export_words_reuse_the_subscription_filters() -> None:
    req = parse_export("消防 单位:应急办 逾期 临期 本月 30天")
    assert req.filters.keywords == ("消防",) and req.filters.unit == "应急办"
    assert req.statuses == {OVERDUE, SOON} and req.period == "month" and req.window == 30
    with pytest.raises(OptionError, match="推送选项"):
        parse_export("消防 周一 9:00")


def test_scopes_cut_rows_by_status_period_and_window() -> None:
    rows = ledger_rows(sample_kb(), TODAY, office())
    ids = lambda scope: sorted(r.task.id for r in in_scope(rows, scope, TODAY))  # noqa: E731
    assert ids(LedgerScope(frozenset({OVERDUE}))) == ["T1"]
    assert ids(LedgerScope(frozenset({"open"}))) == ["T1", "T3", "T4", "T5", "T6", "T7", "T8"]
    assert ids(LedgerScope(period="month")) == ["T1", "T2", "T5"]  # deadlines in December 2024
    assert ids(LedgerScope(window=14)) == ["T3", "T5"]  # due within 14 days, not done


def read(data: bytes):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(data))


def test_the_workbook_has_dates_fills_filters_and_a_sheet_per_plan() -> None:
    kb = sample_kb()
    rows = ledger_rows(kb, TODAY, office())
    wb = read(write_ledger(rows, ["督办台账", "范围：全部任务"], {"plan_a.txt": "某街道2024", "plan_b.txt": "城市更新"}))
    assert wb.sheetnames == ["汇总", "某街道2024", "城市更新"]
    ws = wb["某街道2024"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["序号", "规划", "章节", "任务", "任务全文", "完成时限"] and "最新进展" in header
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:N{ws.max_row}"
    assert ws.column_dimensions["E"].width > ws.column_dimensions["A"].width
    by_title = {r[3].value: r for r in ws.iter_rows(min_row=2)}
    first = by_title["开展消防安全隐患排查"]
    assert first[5].is_date and first[5].value.date() == dt.date(2024, 12, 10)
    assert first[9].value == OVERDUE and first[9].fill.fgColor.rgb.endswith(STATUS_FILLS[OVERDUE])
    assert first[8].value == "应急办、消防站" and first[13].value.endswith("第10行")
    done = by_title["完成燃气管道更新改造"]
    assert done[9].value == DONE and done[9].fill.fgColor.rgb.endswith(STATUS_FILLS[DONE])
    assert done[10].value == "［已完成］已完工" and done[11].is_date and done[12].value == "张三"
    moved = by_title["完成消防通道整治"]
    assert moved[5].value.date() == dt.date(2025, 2, 28) and "延期已批准（原定 2024-11-30）" in moved[6].value
    undated = by_title["推进智慧社区建设"]
    assert undated[5].value is None and undated[9].value == NORMAL
    assert undated[9].fill.fgColor.rgb.endswith(STATUS_FILLS[NORMAL])
    note = read_sheet_row(wb["城市更新"], "老旧小区加装电梯")
    assert note[10].value == "=SUM(A1:A2) 正在招标" and note[10].data_type == "s"  # text, never a formula
    summary = [[c.value for c in r] for r in wb["汇总"].iter_rows()]
    assert summary[0][:1] == ["督办台账"]
    counts = {r[0]: r[1] for r in summary if r and r[0] in (OVERDUE, SOON, NORMAL, DONE, ONGOING)}
    assert counts == {OVERDUE: 1, SOON: 0, NORMAL: 5, DONE: 1, ONGOING: 1}
    units = {r[0]: r[-1] for r in summary if r and r[0] in ("应急办", "消防站")}
    assert units == {"应急办": 2, "消防站": 2}


def read_sheet_row(ws, title: str):  # type: ignore[no-untyped-def]
    return next(r for r in ws.iter_rows(min_row=2) if r[3].value == title)


def test_board_units_fall_back_to_the_first_responsible_unit() -> None:
    rows = ledger_rows(sample_kb(), TODAY)
    lead = {t.name: t.counts for t in by_unit(rows, lead_only=True)}
    assert lead["应急办"][OVERDUE] == 1 and "消防站" in lead and "未注明单位" in lead
    assert by_unit(rows, lead_only=True)[0].counts[OVERDUE] >= by_unit(rows, lead_only=True)[-1].counts[OVERDUE]


@pytest.fixture
def ledger() -> LedgerService:
    kb = sample_kb()
    state = KnowledgeState(kb, index=StubIndex(kb))

    def now() -> dt.datetime:
        return dt.datetime(2024, 12, 20, 10, 0)

    return LedgerService(state, EngineCache(state), lambda _kb: office(), now, PLAIN, Charts())


def test_export_command_filters_and_explains_bad_input(ledger: LedgerService) -> None:
    reply = ledger.export("单位:应急办")
    assert reply.document is not None and reply.document.filename == "督办台账-2024-12-20.xlsx"
    wb = read(reply.document.data)
    titles = sorted(r[3].value for name in wb.sheetnames[1:] for r in wb[name].iter_rows(min_row=2))
    assert titles == ["开展消防安全隐患排查", "每月开展安全生产检查"]
    assert "逾期" in reply.plain_text()
    assert "没有找到文件" in ledger.export("文件:不存在").plain_text()
    assert "推送选项" in ledger.export("周一").plain_text()
    assert "没有符合条件的任务" in ledger.export("消防 已完成").plain_text()
    assert "用法：/export" in ledger.export("帮助").plain_text()


def test_planbot_export_writes_the_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from bot.cli import main
    from knowledge.builder import BUNDLED_PLANS

    out = tmp_path / "台账.xlsx"
    assert main(["export", str(out), "逾期", "--today", "2024-12-20", "--plans", str(BUNDLED_PLANS)]) == 0
    wb = read(out.read_bytes())
    statuses = {r[9].value for name in wb.sheetnames[1:] for r in wb[name].iter_rows(min_row=2)}
    assert statuses == {OVERDUE} and "已写入" in capsys.readouterr().out
    assert main(["export", str(out), "周一", "--plans", str(BUNDLED_PLANS)]) == 2
    assert "推送选项" in capsys.readouterr().err
