"""How the desk shows in the chat: the office's status on a task card, its buttons, a task's history,
an indicator's trajectory as a table (年份 · 数值 · 来源)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.callback_data import CallbackCodec
from bot.desk_records import DeskAction, IndicatorChart
from bot.plan_text import doc_short, short
from bot.replies import Button, Reply, Span
from knowledge.desk.office import APPROVED, DONE, EXTENSION, PENDING, REJECTED, REOPEN, Note, TaskOffice
from knowledge.models import KnowledgeBase, Task
from knowledge.trajectory import Trajectory

TZ = ZoneInfo("Asia/Shanghai")  # the chat's times (design.md: times are Asia/Shanghai)
NOTE_PREVIEW = 80
_STATES = {PENDING: "待审批", APPROVED: "已批准", REJECTED: "未批准"}


def when(at: dt.datetime) -> str:
    """"2024-12-20 10:31" in the chat's time zone."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(TZ).strftime("%Y-%m-%d %H:%M")


def note_text(note: Note) -> str:
    """One note as a line: what it says, and for an extension the date asked for and its state."""
    if note.kind == DONE:
        return "［已完成］" + (note.text or "")
    if note.kind == REOPEN:
        return "［撤销完成］" + (note.text or "")
    if note.kind == EXTENSION:
        state = _STATES.get(note.status or "", "")
        decided = f"，{note.decided_by}" if note.decided_by and note.status != PENDING else ""
        return f"［申请延期至 {note.new_deadline}，{state}{decided}］{note.text}"
    return note.text


def office_lines(reply: Reply, task: Task, office: TaskOffice | None) -> None:
    """The office's status on a task card: completion or latest progress, an extension, who and when."""
    if office is None or office.latest is None:
        return
    done = office.done
    if done is not None:
        reply.field("督办状态", f"已完成（{done.by}，{when(done.at)}）")
    ext = office.extension
    if ext is not None:
        original = task.deadline.isoformat() if task.deadline else "未写明"
        reply.field("延期", f"已批准至 {ext.new_deadline}（原定 {original}，{ext.decided_by or ''}）")
    pending = office.pending
    if pending is not None:
        reply.field("延期申请", f"{pending.new_deadline}，待审批（{pending.by}）")
    latest = office.latest
    reply.field("最新进展", f"{short(note_text(latest), NOTE_PREVIEW)}（{latest.by}，{when(latest.at)}）")


def desk_buttons(codec: CallbackCodec, task: Task) -> list[Button]:
    """📝 填报进展 and 📜 进展记录 for a task card (none when the id does not fit in callback data)."""
    try:
        return [Button("📝 填报进展", codec.encode(DeskAction("n", task.id))),
                Button("📜 进展记录", codec.encode(DeskAction("h", task.id)))]
    except ValueError:
        return []


def history_reply(kb: KnowledgeBase, task: Task, notes: list[Note]) -> Reply:
    """/history: every note on a task, oldest first, with who and when."""
    reply = Reply().title(f"📜 进展记录：{short(task.title, 60)}")
    reply.line(Span(doc_short(kb, task.doc), "italic"))
    if not notes:
        reply.line("还没有人填报进展。点“📝 填报进展”填写第一条。")
    for n, note in enumerate(notes, 1):
        reply.line(f"{n}. {when(note.at)} {note.by}：{note_text(note)}")
    return reply


def trajectory_lines(reply: Reply, kb: KnowledgeBase, trajectory: Trajectory) -> None:
    """The trajectory as a table (年份 · 数值 · 来源) and the computed progress to the five-year target."""
    where = " · ".join(x for x in (trajectory.place, trajectory.unit) if x)
    reply.blank().line(Span("📈 历年数值" + (f"（{where}）" if where else ""), "bold"))
    reply.line(Span("年份 · 数值 · 来源", "italic"))
    for point in trajectory.points:
        reply.line(f"{point.year}年 · {point.shown(trajectory.unit)} · {doc_short(kb, point.document.file)}"
                   f"（{point.role}）")
    progress = trajectory.progress()
    if progress:
        reply.field("进度", progress)


def chart_button(codec: CallbackCodec, indicator_id: str) -> Button | None:
    """📈 图表 for an indicator card (None when the id does not fit in callback data)."""
    try:
        return Button("📈 图表", codec.encode(IndicatorChart(indicator_id)))
    except ValueError:
        return None
