"""Admin service (chat-agnostic): uploads, reload, versions, rollback, remove — and, through
`bot.admin_people`, admins, aliases, the access list, stats and gaps. Every method checks the actor
is an admin and writes the audit log."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import unicodedata
from collections.abc import Awaitable, Callable
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.access import AccessPolicy
from bot.admin_base import AuditedAdmin
from bot.admin_people import AliasTable, PeopleAdmin
from bot.callback_data import PLAIN, DraftAction
from bot.inputs import BadInput, bounded_int
from bot.replies import Attachment, Button, Reply, Span
from bot.settings import Settings
from bot.versions import Draft, SourceRef, VersionConflict, Versions, only_documents, sha256_of
from bot.who import Actor
from knowledge import builder
from knowledge.diff import ChangeReport
from knowledge.errors import (
    BadFileNameError,
    EmptyFileError,
    FileTooLargeError,
    PlanError,
    UnsupportedTypeError,
)
from knowledge.identity import name_key
from knowledge.models import KnowledgeBase, Warning_
from knowledge.readers import SUPPORTED_SUFFIXES, read_bytes, safe_filename

log = logging.getLogger(__name__)

Progress = Callable[[str], Awaitable[None]]
REPORT_LIMIT = 15  # items per category shown in the chat message
MAX_VERSION = 10**9
WARNING_LIMIT = 10
async def _no_progress(_: str) -> None:
    """A progress callback that shows nothing (CLI, tests)."""


def check_file_name(name: str) -> str:
    """The bare file name, or BadFileNameError when it has path parts, control characters or is empty."""
    name = safe_filename(unicodedata.normalize("NFC", name or ""))
    # Hidden files and over-long names are refused too (they cannot be stored as plan files).
    if name.startswith(".") or len(name.encode()) > 255 or any(
            unicodedata.category(ch) in ("Cf", "Co", "Cs") for ch in name):
        raise BadFileNameError(detail=repr(name))
    return name


def check_upload(name: str, size: int | None, max_bytes: int) -> str:
    """Checks that need no download: name, type, the size Telegram reports; returns the bare name."""
    name = check_file_name(name)
    if PurePosixPath(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(detail=name)
    if size is not None and size > max_bytes:
        raise FileTooLargeError(f"文件过大（{size / 1048576:.1f} MB），上限为 {max_bytes / 1048576:.0f} MB，"
                                "请压缩或拆分后再发送。", detail=str(size))
    if size == 0:
        raise EmptyFileError
    return name


class KnowledgeAdmin(AuditedAdmin):
    """Changing the knowledge base: each change is a draft with a change report, published on 发布."""

    versions: Versions
    tz: ZoneInfo
    max_bytes: int

    # --- uploads ------------------------------------------------------------------------------

    def precheck_upload(self, actor: Actor, name: str, size: int | None) -> Reply | None:
        """Refuse before downloading: non-admin, bad name, wrong type, too large. None = go ahead."""
        if not self._allowed(actor):
            return self.refuse(actor, "upload", name)
        try:
            check_upload(name, size, self.max_bytes)
        except PlanError as exc:
            self.audit(actor, "upload", name, "rejected", exc.message)
            return Reply().line(f"❌ {exc.message}").line("知识库未作任何改动。")
        return None

    async def prepare_upload(self, actor: Actor, name: str, data: bytes,
                             progress: Progress = _no_progress) -> Reply:
        """Read, parse and validate an uploaded file, then report its changes as a draft to publish."""
        if not self._allowed(actor):
            return self.refuse(actor, "upload", name)
        try:
            name = check_upload(name, len(data), self.max_bytes)
            await asyncio.to_thread(self.versions.poll)  # catch up if another worker published
            await progress(f"正在读取 {name} …")
            lines = await asyncio.to_thread(read_bytes, data, name, self.max_bytes)
            await progress(f"已读取 {len(lines)} 行，正在识别章节、指标和任务 …")
            sha = sha256_of(data)
            part = await asyncio.to_thread(builder.build_document, name, lines, sha)
            errors = blocking_problems(part)
            if errors:
                raise PlanError("；".join(errors))
            await progress("解析完成，正在与当前版本比对 …")
            live = self.versions.state.kb
            replaced = replaced_files(live, part)
            keep_refs = [r for r in self.versions.refs if r.name not in replaced]
            ref = SourceRef(name, sha, "upload")
            # A replacement takes the place of the document it replaces; a new plan goes last.
            refs, placed = [], False
            for old in self.versions.refs:
                if old.name not in replaced:
                    refs.append(old)
                elif not placed:
                    refs.append(ref)
                    placed = True
            if not placed:
                refs.append(ref)
            kb = builder.merge([only_documents(live, {r.name for r in keep_refs}), part])
            draft = await asyncio.to_thread(
                self.versions.make_draft, "upload", refs, kb, author_id=actor.id, author_name=actor.name,
                note=f"上传 {name}", blobs={sha: data})
            if not draft.report.no_change:  # a stored draft: publishing elsewhere need not re-parse
                await asyncio.to_thread(self.versions.cache_parse, ref, part)
        except PlanError as exc:
            self.audit(actor, "upload", name, "rejected", exc.message)
            return Reply().line(f"❌ {exc.message}").line("知识库未作任何改动。")
        self.audit(actor, "upload", name, "draft" if not draft.report.no_change else "nochange",
                   draft.report.summary())
        return self._draft_reply(draft, f"上传文件：{name}", part.warnings)

    async def prepare_reload(self, actor: Actor, progress: Progress = _no_progress) -> Reply:
        """Rebuild from the plans folder and the live version's uploads; report as a draft."""
        if not self._allowed(actor):
            return self.refuse(actor, "reload")
        await progress("正在读取规划文件夹 …")
        await asyncio.to_thread(self.versions.poll)  # catch up if another worker published
        try:
            refs, blobs = await asyncio.to_thread(self.versions.reload_candidate)
            await progress(f"共 {len(refs)} 个文件，正在解析 …")
            kb = await asyncio.to_thread(self.versions.build, refs, blobs)
            await progress("解析完成，正在与当前版本比对 …")
            draft = await asyncio.to_thread(self.versions.make_draft, "reload", refs, kb, author_id=actor.id,
                                            author_name=actor.name, note="重新加载", blobs=blobs)
        except PlanError as exc:
            self.audit(actor, "reload", "", "rejected", exc.message)
            return Reply().line(f"❌ {exc.message}").line("知识库未作任何改动。")
        self.audit(actor, "reload", f"{len(refs)} files", "draft" if not draft.report.no_change else "nochange",
                   draft.report.summary())
        return self._draft_reply(draft, "重新加载规划文件夹", kb.warnings)

    def _draft_reply(self, draft: Draft, heading: str, warnings: list[Warning_]) -> Reply:
        """The change report of a draft, with 发布 / 取消 buttons (or "没有变化")."""
        reply = Reply().title(heading)
        if draft.report.no_change:
            return reply.line("没有变化：内容与当前生效版本（版本 ", str(draft.base_version), "）相同，无需发布。")
        reply.line("当前生效版本：", str(draft.base_version), "。以下变更尚未生效，确认后发布。")
        add_report(reply, draft.report, REPORT_LIMIT)
        add_warnings(reply, warnings)
        full = draft.report.lines(limit=10**6)
        if len(full) > len(draft.report.lines(REPORT_LIMIT)) or len(warnings) > WARNING_LIMIT:
            # The message shows the first items per category; the attachment holds everything.
            text = "\n".join([heading, *full, "", *(f"警告 {w.doc}{f':{w.line}' if w.line else ''} {w.message}"
                                                    for w in warnings)])
            reply.document = Attachment(f"变更报告_{draft.id[:6]}.txt", text.encode("utf-8"), "完整变更报告")
            reply.line("完整报告见附件。")
        return reply.row(Button("发布", PLAIN.encode(DraftAction("pub", draft.id))),
                         Button("取消", PLAIN.encode(DraftAction("can", draft.id))))

    # --- publish / cancel ---------------------------------------------------------------------

    async def on_callback(self, actor: Actor, data: str) -> Reply:
        """Handle a 发布 / 取消 button given its callback data."""
        button = PLAIN.decode(data)
        if not isinstance(button, DraftAction):
            button = DraftAction("", "")
        return await self.press(actor, button, data)

    async def press(self, actor: Actor, button: DraftAction, data: str = "") -> Reply:
        """Handle a 发布 (pub) or 取消 (can) button of a draft."""
        if not self._allowed(actor):
            return self.refuse(actor, "button", data or button.data())
        if button.verb == "pub":
            return await self.publish(actor, button.draft_id)
        if button.verb == "can":
            return self.cancel(actor, button.draft_id)
        return Reply().line("未知操作。")

    async def publish(self, actor: Actor, draft_id: str) -> Reply:
        """Publish a draft: the next version goes live at once for every query."""
        if not self._allowed(actor):
            return self.refuse(actor, "publish", draft_id)
        row = self.versions.draft(draft_id)
        if row is None or row.status != "open":
            state = {"published": "已发布", "cancelled": "已取消"}.get(row.status, "") if row else ""
            return Reply(replace=True).line(f"此草稿{state or '不存在或已失效'}，未作改动。")
        try:
            number = await asyncio.to_thread(self.versions.publish, draft_id, actor.id, actor.name)
        except VersionConflict:
            self.versions.cancel(draft_id)
            self.audit(actor, "publish", draft_id, "conflict", f"live is {self.versions.db_version()}")
            return Reply(replace=True).line(
                f"知识库已被更新为版本 {self.versions.db_version()}，此草稿已失效，请重新操作。")
        self.audit(actor, "publish", f"{row.action} {row.note}", "ok", f"版本 {number}：{row.summary}")
        return (Reply(replace=True).line(Span(f"✅ 已发布版本 {number}", "bold"))
                .line(row.note).line(row.summary).line("新的知识库已生效。"))

    def cancel(self, actor: Actor, draft_id: str) -> Reply:
        """Discard a draft; nothing changes."""
        if not self._allowed(actor):
            return self.refuse(actor, "cancel", draft_id)
        done = self.versions.cancel(draft_id)
        self.audit(actor, "cancel", draft_id, "ok" if done else "noop")
        return Reply(replace=True).line("已取消，知识库未作改动。" if done else "此草稿已处理过，未作改动。")

    # --- versions, rollback, remove -----------------------------------------------------------

    def list_versions(self, actor: Actor) -> Reply:
        """The recent versions: number, time, author, action, note, summary; the live one marked."""
        if not self._allowed(actor):
            return self.refuse(actor, "versions")
        reply = Reply().title("知识库版本（最近 20 个）")
        live = self.versions.state.version
        for row in self.versions.list_versions(20):
            at = row.created_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")
            mark = " ← 当前" if row.number == live else ""
            who = row.author_name or (str(row.author_id) if row.author_id else "系统")
            reply.line(Span(f"版本 {row.number}", "bold"), f"  {at}  {who}  {row.note}{mark}")
            if row.summary:
                reply.line(f"    {row.summary}")
        self.audit(actor, "versions", "", "ok")
        return reply

    async def prepare_rollback(self, actor: Actor, arg: str) -> Reply:
        """Propose going back to version N: a draft with N's sources and its change report."""
        if not self._allowed(actor):
            return self.refuse(actor, "rollback", arg)
        try:
            number = bounded_int(arg, 1, MAX_VERSION, "版本号")
        except BadInput as exc:
            return Reply().line(f"⚠️ {exc.message}").line("用法：/rollback 版本号，例如 /rollback 3（/versions 查看版本）。")
        await asyncio.to_thread(self.versions.poll)
        refs = self.versions.version_refs(number)
        if refs is None:
            self.audit(actor, "rollback", str(number), "rejected", "no such version")
            return Reply().line(f"没有版本 {number}。发送 /versions 查看可用版本。")
        kb = await asyncio.to_thread(self.versions.build, refs)
        draft = await asyncio.to_thread(self.versions.make_draft, "rollback", refs, kb, author_id=actor.id,
                                        author_name=actor.name, note=f"回滚到版本 {number}")
        self.audit(actor, "rollback", str(number), "draft" if not draft.report.no_change else "nochange",
                   draft.report.summary())
        return self._draft_reply(draft, f"回滚到版本 {number}", [])

    async def prepare_remove(self, actor: Actor, arg: str) -> Reply:
        """Propose withdrawing one document (by file name or title): a draft without it."""
        if not self._allowed(actor):
            return self.refuse(actor, "remove", arg)
        await asyncio.to_thread(self.versions.poll)
        live = self.versions.state.kb
        matches = find_documents(live, arg)
        if not arg.strip():
            return Reply().line("用法：/remove 文档名（文件名或标题的一部分）。当前文档：").text(
                "\n".join(f"• {d.file}  {d.title}" for d in live.documents))
        if not matches:
            self.audit(actor, "remove", arg, "rejected", "no match")
            return Reply().line(f"没有找到与“{arg}”匹配的文档。当前文档：").text(
                "\n".join(f"• {d.file}  {d.title}" for d in live.documents))
        if len(matches) > 1:
            return Reply().line(f"“{arg}”匹配到多个文档，请写得更具体（例如文件名）：").text(
                "\n".join(f"• {d.file}  {d.title}" for d in matches))
        gone = matches[0].file
        refs = [r for r in self.versions.refs if r.name != gone]
        if not refs:
            return Reply().line("不能撤下最后一个文档。")
        kb = only_documents(live, {r.name for r in refs})
        draft = await asyncio.to_thread(self.versions.make_draft, "remove", refs, kb, author_id=actor.id,
                                        author_name=actor.name, note=f"撤下 {gone}")
        self.audit(actor, "remove", gone, "draft", draft.report.summary())
        return self._draft_reply(draft, f"撤下文档：{gone}", [])

# --- helpers ------------------------------------------------------------------------------------

def blocking_problems(part: KnowledgeBase) -> list[str]:
    """Problems that stop an upload: no text, no section headings at all."""
    problems = []
    if not any(line.strip() for lines in part.texts.values() for line in lines):
        problems.append("文件中没有可读取的文字")
    elif not part.sections:
        problems.append("未识别到任何章节标题（如“一、”“（一）”“第一章”），请确认这是规划文件")
    return problems


def replaced_files(live: KnowledgeBase, part: KnowledgeBase) -> set[str]:
    """Live files an upload replaces: the same file name, or a document with the same title."""
    out: set[str] = set()
    for doc in part.documents:
        title = name_key(doc.title)
        for old in live.documents:
            if old.file == doc.file or (title and len(title) >= 6 and name_key(old.title) == title):
                out.add(old.file)
    return out


def find_documents(kb: KnowledgeBase, query: str) -> list:
    """Documents whose file name or title matches `query` (exact file name first)."""
    query = query.strip()
    if not query:
        return []
    exact = [d for d in kb.documents if d.file == query]
    if exact:
        return exact
    key = name_key(query)
    if not key:
        return []
    return [d for d in kb.documents if key in name_key(d.file) or key in name_key(d.title)]


def add_report(reply: Reply, report: ChangeReport, limit: int = 15) -> Reply:
    """Append a change report to a reply (category headings in bold)."""
    for text in report.lines(limit):
        if text.startswith("  "):
            reply.line(text)
        else:
            reply.line(Span(text, "bold"))
    return reply


def add_warnings(reply: Reply, warnings: list[Warning_], limit: int = WARNING_LIMIT) -> Reply:
    """Append validation warnings (no indicators, tasks without deadline, years outside the period)."""
    if not warnings:
        return reply
    reply.line(Span(f"⚠️ 校验提示（{len(warnings)}）：", "bold"))
    for w in warnings[:limit]:
        where = f"第 {w.line} 行 " if w.line else ""
        reply.line(f"  • {w.doc} {where}{w.message}")
    if len(warnings) > limit:
        reply.line(f"  … 另有 {len(warnings) - limit} 条")
    return reply


def now_local(tz: str = "Asia/Shanghai") -> dt.datetime:
    """The current time in the bot's time zone."""
    return dt.datetime.now(ZoneInfo(tz))


class AdminService(KnowledgeAdmin, PeopleAdmin):
    """What admins can do, for Telegram and the CLI alike; returns `Reply` objects."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session], versions: Versions,
                 lexicon: AliasTable | None = None, tz: str = "Asia/Shanghai",
                 access: AccessPolicy | None = None) -> None:
        super().__init__(settings, sessions, access)
        self.versions = versions
        self.lexicon = lexicon
        self.tz = ZoneInfo(tz)
        self.max_bytes = settings.max_upload_bytes

    def start(self) -> int:
        """At start-up: serve the database's live version (publishing the plans folder as version 1
        when there is none) and apply the aliases admins stored; returns the live version number."""
        number = self.versions.start()
        self.apply_stored_aliases()
        return number
