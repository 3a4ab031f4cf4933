"""The ledger and the board: /export (the .xlsx 督办台账), /board (counts per plan and lead unit, worst
first, with lists and a chart), the ledger attached to weekly digests, and the indicator chart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.callback_data import CallbackCodec, OpenTask
from bot.charts import NO_FONT, Charts
from bot.desk_records import BoardChart, BoardList
from bot.desk_render import note_text, trajectory_lines
from bot.digest_service import EngineCache
from bot.kbstate import KnowledgeState
from bot.paging import nav, page_of
from bot.plan_text import doc_short, short
from bot.replies import Attachment, Button, Reply, Span
from knowledge.desk.ledger import (
    DONE,
    NORMAL,
    ONGOING,
    OVERDUE,
    SOON,
    STATUSES,
    LedgerRow,
    LedgerScope,
    Tally,
    board_units,
    by_plan,
    by_status,
    by_unit,
    in_scope,
    ledger_rows,
)
from knowledge.desk.office import OfficeMap
from knowledge.desk.xlsx import ledger_heading, write_ledger
from knowledge.digest.engine import DigestEngine, DigestFilters
from knowledge.digest.options import EXPORT_HELP, OptionError, parse_export
from knowledge.models import KnowledgeBase
from knowledge.trajectory import TrajectoryIndex

BOARD_ROWS = 8  # plans and units listed on the board (the worst ones)
LIST_PAGE = 8
MARKS = {OVERDUE: "🔴", SOON: "🟡", NORMAL: "🟢", DONE: "✅", ONGOING: "🔵"}
# Status codes of the board's list buttons.
CODES = {"o": (OVERDUE,), "s": (SOON,), "n": (NORMAL, ONGOING), "d": (DONE,),
         "u": (OVERDUE, SOON, NORMAL, ONGOING), "a": STATUSES}
CODE_NAMES = {"u": "未完成", "o": "逾期", "s": "临期", "n": "正常", "d": "已完成", "a": "全部"}


class LedgerService:
    """Ledger rows of the live knowledge base with the office's progress; `now` is the digests' clock."""

    def __init__(self, state: KnowledgeState, engine: EngineCache, office: Callable[[KnowledgeBase], OfficeMap],
                 now: Callable[[], dt.datetime], codec: CallbackCodec, charts: Charts) -> None:
        self.state = state
        self.engine = engine
        self.office = office
        self.now = now
        self.codec = codec
        self.charts = charts

    def rows(self, filters: DigestFilters | None = None) -> tuple[DigestEngine, list[LedgerRow]]:
        """The engine of the live knowledge base and the ledger rows passing `filters`."""
        engine = self.engine()
        ids = engine.matching_ids(filters) if filters is not None else None
        return engine, ledger_rows(engine.kb, self.now().date(), self.office(engine.kb), ids)

    # ----- /export --------------------------------------------------------------------------------

    def export(self, arg: str) -> Reply:
        """/export [关键词…] [文件:…] [单位:…] [逾期|本月|…]: the ledger of the matching tasks as .xlsx."""
        if arg.strip() in ("帮助", "help", "?", "？"):
            return Reply().text(EXPORT_HELP)
        try:
            req = parse_export(arg)
        except OptionError as exc:
            return Reply().line(f"⚠️ {exc}").blank().text(EXPORT_HELP)
        engine = self.engine()
        problem = engine.filter_problem(req.filters.doc, req.filters.unit)
        if problem:
            return Reply().line(f"⚠️ {problem}")
        scope = LedgerScope(req.statuses, req.period, req.window)
        attachment, rows = self.workbook(req.filters, scope)
        if attachment is None:
            return Reply().line("没有符合条件的任务，未生成台账。")
        reply = Reply().line(f"📊 已生成督办台账：{len(rows)} 项任务。")
        reply.line(_counts_line(by_status(rows)))
        reply.document = attachment
        return reply

    def workbook(self, filters: DigestFilters, scope: LedgerScope | None = None
                 ) -> tuple[Attachment | None, list[LedgerRow]]:
        """The .xlsx of the tasks passing the filters and scope (None when there are none), and its rows."""
        engine, rows = self.rows(filters)
        today = self.now().date()
        scope = scope or LedgerScope()
        rows = in_scope(rows, scope, today)
        if not rows:
            return None, rows
        described = " · ".join(x for x in (filters.describe() if not filters.is_empty else "", scope.describe()) if x)
        heading = ledger_heading(self.now(), described, len(rows))
        names = {d.file: doc_short(engine.kb, d.file) for d in engine.kb.documents}
        data = write_ledger(rows, heading, names)
        caption = f"督办台账 {today.isoformat()}：{described or '全部任务'}，共 {len(rows)} 项"
        return Attachment(f"督办台账-{today.isoformat()}.xlsx", data, caption), rows

    def attachment(self, filters: DigestFilters) -> Attachment | None:
        """The ledger a subscription asked to get with its weekly digest (its filters, every status)."""
        return self.workbook(filters)[0]

    # ----- /board ---------------------------------------------------------------------------------

    def board(self) -> Reply:
        """/board: counts per plan and per lead unit (逾期/临期/正常/已完成), worst first, with a button
        into each list and one for the chart."""
        engine, rows = self.rows()
        if not rows:
            return Reply().line("知识库中还没有任务。")
        today = self.now().date()
        reply = Reply().title(f"📋 督办看板 · {today.isoformat()}")
        reply.line(_counts_line(by_status(rows)) + f" · 共 {len(rows)} 项")
        for title, dim, tallies in (("按规划", "p", by_plan(rows)), ("按牵头单位", "u", by_unit(rows, lead_only=True))):
            reply.blank().line(Span(title + "（逾期多的在前）", "bold"))
            buttons: list[Button] = []
            for n, tally in enumerate(tallies[:BOARD_ROWS], 1):
                name = doc_short(engine.kb, tally.key) if dim == "p" else tally.name
                reply.line(f"{n}. {short(name, 24)}  {_tally_line(tally)}")
                key = str(_doc_index(engine.kb, tally.key)) if dim == "p" else tally.key
                buttons.append(Button(f"{'规划' if dim == 'p' else '单位'}{n}",
                                      self.codec.encode(BoardList(dim, "u", 0, key))))
            if len(tallies) > BOARD_ROWS:
                reply.line(f"……另有 {len(tallies) - BOARD_ROWS} 项未列出（/export 导出完整台账）")
            for start in range(0, len(buttons), 4):
                reply.row(*buttons[start:start + 4])
        reply.line(Span("牵头单位：文件未写明时按第一个责任单位计。", "italic"))
        return reply.row(Button("📊 图表", self.codec.encode(BoardChart())))

    def board_list(self, record: BoardList) -> Reply:
        """A board row's tasks of one status group, worst first, paginated, each opening its card."""
        engine, rows = self.rows()
        if record.dim == "p":
            index = int(record.key)
            if not 0 <= index < len(engine.kb.documents):
                raise LookupError(record.key)
            file = engine.kb.documents[index].file
            name = doc_short(engine.kb, file)
            mine = [r for r in rows if r.document.file == file]
        else:
            name = record.key
            mine = [r for r in rows if record.key in board_units(r.task)]
        wanted = CODES.get(record.status)
        if wanted is None:
            raise ValueError(record.status)
        chosen = [r for r in mine if r.status in wanted]
        order = {s: n for n, s in enumerate(STATUSES)}
        chosen.sort(key=lambda r: (order[r.status], r.deadline or dt.date.max, r.task.line))
        reply = Reply(replace=True).title(f"📋 {short(name, 30)} · {CODE_NAMES[record.status]}（{len(chosen)} 项）")
        if not chosen:
            reply.line("没有这类任务。")
        else:
            chunk, page, pages = page_of(chosen, record.page, LIST_PAGE)
            first = page * LIST_PAGE + 1
            for n, row in enumerate(chunk, first):
                due = row.deadline.isoformat() if row.deadline else "未写明时限"
                reply.line(f"{n}. {MARKS[row.status]} ", Span(short(row.task.title, 40), "bold"), f" — {due}")
                if row.office is not None and row.office.latest is not None:
                    reply.line(f"    进展：{short(note_text(row.office.latest), 40)}（{row.office.latest.by}）")
            datas = [self.codec.encode(OpenTask(r.task.id)) for r in chunk]
            for start in range(0, len(datas), 4):
                reply.row(*[(str(first + start + k), d) for k, d in enumerate(datas[start:start + 4])])
            row_nav = nav(lambda p: self.codec.encode(BoardList(record.dim, record.status, p - 1, record.key)),
                          page + 1, pages)
            if row_nav:
                reply.row(*row_nav)
        reply.row(*[Button(("✔" if code == record.status else "") + CODE_NAMES[code],
                           self.codec.encode(BoardList(record.dim, code, 0, record.key)))
                    for code in ("u", "o", "s", "d")])
        return reply

    def board_chart(self) -> Reply:
        """📊 图表: the board as a PNG (or a note when the server has no Chinese font)."""
        engine, rows = self.rows()
        plans = by_plan(rows)
        for tally in plans:
            tally.name = doc_short(engine.kb, tally.key)
        png = self.charts.board(plans, by_unit(rows, lead_only=True))
        if png is None:
            return Reply().line(NO_FONT).extend(self.board())
        reply = Reply()
        reply.photo = Attachment(f"督办看板-{self.now().date().isoformat()}.png", png,
                                 "督办看板：" + _counts_line(by_status(rows)))
        return reply

    # ----- indicators -----------------------------------------------------------------------------

    def indicator_chart(self, kb: KnowledgeBase, index: TrajectoryIndex, indicator_id: str) -> Reply:
        """📈 图表 on an indicator card: the trajectory's PNG with its progress as the caption; the table
        with a note when there is no Chinese font or no number to draw. LookupError for an unknown id."""
        trajectory = index.of(indicator_id)
        if trajectory is None:
            raise LookupError(indicator_id)
        png = self.charts.trajectory(trajectory)
        if png is None:
            reply = Reply()
            reason = NO_FONT if self.charts.font_path() is None else "（这项指标没有可绘制的数值，以下为表格。）"
            reply.line(reason)
            trajectory_lines(reply, kb, trajectory)
            return reply
        caption = f"{trajectory.place} · {trajectory.name}".strip(" ·")
        progress = trajectory.progress()
        reply = Reply()
        reply.photo = Attachment(f"{short(trajectory.name, 20)}.png", png,
                                 caption + (f"\n{progress}" if progress else ""))
        return reply


def _counts_line(counts: dict[str, int]) -> str:
    """"🔴 逾期 3 · 🟡 7天内 1 · 🟢 正常 20 · ✅ 已完成 2 · 🔵 长期 0"."""
    return " · ".join(f"{MARKS[s]} {s} {counts[s]}" for s in STATUSES if counts.get(s) or s != ONGOING)


def _tally_line(tally: Tally) -> str:
    """"🔴3 🟡1 🟢20 ✅2" (长期 counted with 正常)."""
    c = tally.counts
    return f"🔴{c[OVERDUE]} 🟡{c[SOON]} 🟢{c[NORMAL] + c[ONGOING]} ✅{c[DONE]}"


def _doc_index(kb: KnowledgeBase, file: str) -> int:
    return next((n for n, d in enumerate(kb.documents) if d.file == file), -1)


