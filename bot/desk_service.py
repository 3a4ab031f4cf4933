"""Progress in chat, shared by the office: 📝 填报进展 on a task card, the note that follows, 已完成 or
申请延期, admins approving extensions, a task's history — chat-agnostic, over the database.

A report in the making is a row (desk_pending) keyed by chat and user, with a deadline: the next
text that user sends in that chat completes it, on whichever worker receives it, before or after a
restart. Notes are stored per document and stable task key (knowledge.desk.office), never per chat,
and each one is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.callback_data import PLAIN, CallbackCodec, OpenTask
from bot.desk_records import DeskAction, ExtensionDecision
from bot.desk_render import history_reply, note_text, when
from bot.kbstate import KnowledgeState
from bot.plan_text import short
from bot.replies import Button, Notice, Reply, Span
from bot.settings import Settings
from bot.storage import admin as admin_store
from bot.storage import desk as store
from bot.who import Who
from knowledge.deadlines import resolve_deadline
from knowledge.desk.office import (
    APPROVED,
    DONE,
    EXTENSION,
    NOTE,
    PENDING,
    REJECTED,
    REOPEN,
    Note,
    OfficeMap,
    office_by_task,
    task_keys,
)
from knowledge.identity import name_key
from knowledge.models import KnowledgeBase, Task

log = logging.getLogger(__name__)

PENDING_MINUTES = 10  # how long the bot waits for the text of a report
MAX_NOTE_CHARS = 500
CHECK_SECONDS = 5.0  # how stale another worker's notes may be before this one looks again
NO_DB = "填报进展需要数据库，当前未配置。"
CANCEL_WORDS = {"取消", "算了", "cancel", "/cancel"}
NONE_WORDS = {"无", "没有", "-", "—", "无说明"}
_ISO_DATE = re.compile(r"^((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_PROMPTS = {
    NOTE: "请在本聊天直接发送进展说明（{limit} 字以内）。",
    DONE: "将标记为已完成。请发送完成情况说明（{limit} 字以内；不需说明请发“无”）。",
    EXTENSION: "请发送新的完成日期和理由，例如：2025-06-30 资金尚未到位（日期也可写 2025年6月底）。",
}


class OfficeCache:
    """Every note, reloaded when the notes change: at once for this worker's own writes, within
    CHECK_SECONDS for another worker's (one aggregate query tells)."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self._lock = threading.Lock()
        self._signature: tuple[object, ...] | None = None
        self._checked = 0.0
        self._notes: dict[tuple[str, str], list[Note]] = {}
        self._maps: tuple[KnowledgeBase | None, tuple[object, ...] | None, OfficeMap] = (None, None, {})

    def invalidate(self) -> None:
        """Look again at the next read (after a write of this worker)."""
        self._checked = 0.0

    def _refresh(self) -> None:
        if time.monotonic() - self._checked < CHECK_SECONDS:
            return
        with self.sessions() as session:
            signature = tuple(session.execute(select(func.count(store.TaskNote.id), func.max(store.TaskNote.id),
                                                     func.max(store.TaskNote.decided_at))).one())
            if signature != self._signature:
                self._notes = store.all_notes(session)
                self._signature = signature
        self._checked = time.monotonic()

    def of(self, kb: KnowledgeBase) -> OfficeMap:
        """The office's view of `kb`'s tasks (task id → notes)."""
        with self._lock:
            self._refresh()
            known, signature, office = self._maps
            if known is not kb or signature != self._signature:
                office = office_by_task(kb, self._notes)
                self._maps = (kb, self._signature, office)
            return office


class DeskService:
    """The progress flow and its records; `now` is the digests' clock (PLANBOT_TODAY aware)."""

    def __init__(self, settings: Settings, state: KnowledgeState, sessions: sessionmaker[Session] | None,
                 now: Callable[[], dt.datetime], codec: CallbackCodec) -> None:
        self.settings = settings
        self.state = state
        self.sessions = sessions
        self.now = now
        self.codec = codec
        self.cache = OfficeCache(sessions) if sessions is not None else None

    def office(self, kb: KnowledgeBase) -> OfficeMap:
        """The office's view of `kb`'s tasks ({} without a database)."""
        return self.cache.of(kb) if self.cache is not None else {}

    def _task(self, task_id: str) -> tuple[KnowledgeBase, Task, tuple[str, str]]:
        """The live task with this id and its (document, key); LookupError when it is gone."""
        kb = self.state.active.kb
        task = next((t for t in kb.tasks if t.id == task_id), None)
        if task is None:
            raise LookupError(task_id)
        return kb, task, task_keys(kb.tasks)[task.id]

    # ----- starting, switching, cancelling a report --------------------------------------------

    def start(self, who: Who, task_id: str, mode: str = NOTE) -> Reply:
        """📝 填报进展 (and 标记已完成 / 申请延期 on its prompt): wait for this user's next text here."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        _kb, task, (doc, key) = self._task(task_id)
        chat_id, user_id = int(who.chat_id or 0), int(who.user_id or 0)
        expires = self.now() + dt.timedelta(minutes=PENDING_MINUTES)
        with self.sessions.begin() as session:
            store.drop_expired(session, self.now())  # reports nobody finished: forget them here
            row = store.pending(session, chat_id, user_id)
            if row is None:
                row = store.PendingInput(chat_id=chat_id, user_id=user_id)
                session.add(row)
            row.doc, row.task_key, row.task_id, row.mode, row.expires_at = doc, key, task.id, mode, expires
        reply = Reply(replace=False).title(f"📝 填报进展：{short(task.title, 60)}")
        reply.line(_PROMPTS[mode].format(limit=MAX_NOTE_CHARS))
        if who.in_group:
            reply.line("（在群里请直接回复这条消息。）")
        reply.line(Span(f"{PENDING_MINUTES} 分钟内有效；发送“取消”或点“取消”放弃。", "italic"))
        buttons = []
        if mode != DONE:
            done = self.office(self.state.active.kb).get(task.id)
            if done is not None and done.done is not None:
                buttons.append(Button("↩️ 撤销完成", self.codec.encode(DeskAction("r", task.id))))
            else:
                buttons.append(Button("✅ 标记已完成", self.codec.encode(DeskAction("d", task.id))))
        if mode != EXTENSION:
            buttons.append(Button("⏳ 申请延期", self.codec.encode(DeskAction("x", task.id))))
        buttons.append(Button("✖ 取消", self.codec.encode(DeskAction("c"))))
        return reply.row(*buttons)

    def cancel(self, who: Who) -> Reply:
        """✖ 取消 (or the word 取消): forget the report in the making."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        with self.sessions.begin() as session:
            dropped = store.drop_pending(session, int(who.chat_id or 0), int(who.user_id or 0))
        return Reply().line("已取消填报。" if dropped else "没有正在填报的进展。")

    def reopen(self, who: Who, task_id: str) -> Reply:
        """↩️ 撤销完成: the task is open again (a note says who undid it)."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        kb, task, key = self._task(task_id)
        office = self.office(kb).get(task.id)
        if office is None or office.done is None:
            return Reply().line("这项任务没有标记为已完成。")
        with self.sessions.begin() as session:
            store.drop_pending(session, int(who.chat_id or 0), int(who.user_id or 0))
            self._write(session, who, task, key, REOPEN, "撤销完成标记")
        return Reply().line(f"↩️ 已撤销完成标记：{short(task.title, 60)}。")

    # ----- the text that completes a report ------------------------------------------------------

    def receive(self, who: Who, text: str) -> Reply | None:
        """The reply to a text that completes this user's report in this chat; None when there is none
        waiting (or it timed out: then the text is an ordinary message)."""
        if self.sessions is None or who.user_id is None:
            return None
        chat_id, user_id = int(who.chat_id or 0), int(who.user_id)
        now = self.now()
        with self.sessions.begin() as session:
            row = store.pending(session, chat_id, user_id)
            if row is None:
                return None
            if row.expires_at < now:
                session.delete(row)
                return None
            text = text.strip()
            if text in CANCEL_WORDS:
                session.delete(row)
                return Reply().line("已取消填报。")
            kb = self.state.active.kb
            wanted = (row.doc, row.task_key)
            task_id = next((tid for tid, key in task_keys(kb.tasks).items() if key == wanted), None)
            task = next((t for t in kb.tasks if t.id == task_id), None)
            if task is None:
                session.delete(row)
                return Reply().line("这项任务已不在当前知识库中（规划可能已更新），本次填报已取消。")
            problem, new_date, body = self._read(row.mode, text, now.date())
            if problem:
                row.expires_at = now + dt.timedelta(minutes=PENDING_MINUTES)  # a second try, same report
                return Reply().line(f"⚠️ {problem}").line("请重新发送，或发送“取消”放弃。")
            session.delete(row)
            note = self._write(session, who, task, (row.doc, row.task_key), row.mode, body, new_date)
            note_id = note.id
        return self._confirmation(who, task, row.mode, body, new_date, note_id)

    @staticmethod
    def _read(mode: str, text: str, today: dt.date) -> tuple[str | None, dt.date | None, str]:
        """(problem in Chinese or None, the new date for an extension, the note's text)."""
        if not text:
            return "内容不能为空。", None, ""
        if len(text) > MAX_NOTE_CHARS:
            return f"内容太长（{len(text)} 字），请控制在 {MAX_NOTE_CHARS} 字以内。", None, ""
        if mode == DONE:
            return None, None, "" if text in NONE_WORDS else text
        if mode != EXTENSION:
            return None, None, text
        new_date, reason = _date_and_reason(text, today)
        if new_date is None:
            return "没有读出新的完成日期。请以日期开头，例如：2025-06-30 资金尚未到位。", None, ""
        if new_date <= today:
            return f"新的完成日期（{new_date}）须晚于今天（{today}）。", None, ""
        if not reason:
            return "请在日期后写明延期理由，例如：2025-06-30 资金尚未到位。", None, ""
        return None, new_date, reason

    def _write(self, session: Session, who: Who, task: Task, key: tuple[str, str], kind: str, text: str,
               new_date: dt.date | None = None) -> store.TaskNote:
        """Store a note (and its audit line); the cache looks again at the next read."""
        name = who.full_name or who.username or str(who.user_id or "")
        row = store.TaskNote(doc=key[0], task_key=key[1], task_title=task.title, kind=kind, text=text,
                             new_deadline=new_date, status=PENDING if kind == EXTENSION else None,
                             user_id=who.user_id, user_name=name, chat_id=who.chat_id,
                             created_at=self.now())
        session.add(row)
        session.flush()
        detail = f"{key[0]} {task.title}"
        message = f"{new_date} {text}" if new_date else text
        admin_store.audit(session, who.user_id, name, f"desk_{kind}", detail, "ok", message)
        if self.cache is not None:
            self.cache.invalidate()
        return row

    def _confirmation(self, who: Who, task: Task, mode: str, text: str, new_date: dt.date | None,
                      note_id: int) -> Reply:
        """What the reporter sees, and for an extension the admins' notices with 批准 / 驳回."""
        title = short(task.title, 60)
        reply = Reply()
        if mode == DONE:
            reply.line(f"✅ 已标记完成：{title}。全办公室可见，以后的周报不再提醒。")
        elif mode == EXTENSION:
            reply.line(f"⏳ 已提交延期申请：{title}，新的完成日期 {new_date}，等待管理员审批。")
            ask = Reply().title("⏳ 延期申请待审批")
            ask.line(f"任务：{title}")
            ask.line(f"原定时限：{task.deadline.isoformat() if task.deadline else '未写明'} → 申请：{new_date}")
            ask.line(f"理由：{text}")
            ask.line(f"申请人：{who.full_name or who.username or who.user_id}")
            ask.row(Button("✅ 批准", PLAIN.encode(ExtensionDecision("a", note_id))),
                    Button("❌ 驳回", PLAIN.encode(ExtensionDecision("r", note_id))))
            reply.notices.extend(Notice(admin, ask) for admin in self.admin_ids() if admin != who.user_id)
            if who.user_id in self.admin_ids():  # an admin asking may decide at once
                reply.buttons.extend(ask.buttons)
        else:
            reply.line(f"📝 已记录进展：{title}。")
        reply.row(Button("📄 任务卡片", self.codec.encode(OpenTask(task.id))),
                  Button("📜 进展记录", self.codec.encode(DeskAction("h", task.id))))
        return reply

    def admin_ids(self) -> list[int]:
        """The bot's admins: settings plus those added with /admin add."""
        ids = list(self.settings.admin_ids or [])
        if self.sessions is not None:
            with self.sessions() as session:
                ids += [i for i in session.scalars(select(admin_store.AdminUser.user_id)) if i not in ids]
        return ids

    # ----- admins decide -------------------------------------------------------------------------

    def decide(self, who: Who, note_id: int, approve: bool) -> Reply:
        """批准 / 驳回 an extension request (admins only: the registry checks); the requester's chat is told."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        name = who.full_name or who.username or str(who.user_id or "")
        with self.sessions.begin() as session:
            row = session.get(store.TaskNote, note_id)
            if row is None or row.kind != EXTENSION:
                return Reply().line("这条延期申请已不存在。")
            # One decision, even when two admins press at once on two workers: only a pending row changes.
            changed = session.execute(
                update(store.TaskNote).where(store.TaskNote.id == note_id, store.TaskNote.status == PENDING)
                .values(status=APPROVED if approve else REJECTED, decided_by=who.user_id, decided_name=name,
                        decided_at=self.now()).execution_options(synchronize_session=False))
            if not getattr(changed, "rowcount", 0):
                session.refresh(row)
                return Reply().line(f"这条延期申请已处理：{note_text(row.as_note())}")
            verdict = "已批准" if approve else "未批准"
            admin_store.audit(session, who.user_id, name, "desk_extension_" + ("approve" if approve else "reject"),
                              f"{row.doc} {row.task_title}", "ok", f"{row.new_deadline} {row.text}")
            requester_chat, title, date = row.chat_id, row.task_title, row.new_deadline
        if self.cache is not None:
            self.cache.invalidate()
        text = f"延期申请{verdict}：{short(title, 60)}，新的完成日期 {date}" if approve else \
            f"延期申请{verdict}：{short(title, 60)}（申请的日期 {date}），仍按原定时限。"
        reply = Reply(replace=True).line(("✅ " if approve else "❌ ") + text + f"（{name}）")
        if requester_chat is not None and requester_chat != who.chat_id:
            reply.notices.append(Notice(requester_chat, Reply().line(("✅ " if approve else "❌ ") + text)))
        return reply

    # ----- history -------------------------------------------------------------------------------

    def history(self, task_id: str) -> Reply:
        """📜 进展记录 on a task card: every note, oldest first."""
        kb, task, (doc, key) = self._task(task_id)
        if self.sessions is None:
            return Reply().line(NO_DB)
        with self.sessions() as session:
            notes = [r.as_note() for r in store.task_notes(session, doc, key)]
        reply = history_reply(kb, task, notes)
        return reply.row(Button("📝 填报进展", self.codec.encode(DeskAction("n", task.id))),
                         Button("📄 任务卡片", self.codec.encode(OpenTask(task.id))))

    def history_command(self, arg: str) -> Reply:
        """/history 关键词: the history of the one matching task, or a list to pick from."""
        if not arg.strip():
            return Reply().line("用法：/history 任务关键词，例如 /history 老旧小区。也可在任务卡片上点“📜 进展记录”。")
        active = self.state.active
        hits = [h for h in active.index.search(arg, limit=50).hits if h.kind == "task"][:8]
        if not hits:
            return Reply().line(f"没有找到与“{short(arg, 30)}”相关的任务。")
        exact = [h for h in hits if name_key(h.title) == name_key(arg)]
        if len(hits) == 1 or len(exact) == 1:
            return self.history((exact or hits)[0].id)
        reply = Reply().line(f"找到 {len(hits)} 项相关任务，请选择：")
        for n, hit in enumerate(hits, 1):
            reply.line(f"{n}. {short(hit.title, 50)}")
        datas = [self.codec.encode(DeskAction("h", h.id)) for h in hits]
        for start in range(0, len(datas), 4):
            reply.row(*[(str(start + k + 1), d) for k, d in enumerate(datas[start:start + 4])])
        return reply


def _date_and_reason(text: str, today: dt.date) -> tuple[dt.date | None, str]:
    """The date a text starts with (2025-06-30, 2025/6/30, 2025年6月30日, 6月底, 年底前) and the rest."""
    match = _ISO_DATE.match(text)
    if match:
        try:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3))), \
                text[match.end():].strip(" ，,。:：;；")
        except ValueError:
            return None, ""
    parts = re.split(r"[\s，,。:：;；]+", text, maxsplit=1)
    head, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    deadline = resolve_deadline(head, today.year, None)
    if deadline.kind != "explicit" or deadline.date is None:
        return None, ""
    when_date = deadline.date
    if when_date <= today and not re.search(r"(19|20)\d{2}", head):
        when_date = resolve_deadline(head, today.year + 1, None).date or when_date  # 6月底 said in December
    return when_date, rest.strip(" ，,。:：;；")


__all__ = ["DeskService", "OfficeCache", "when"]
