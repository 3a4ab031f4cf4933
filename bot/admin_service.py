"""Admin service (chat-agnostic): uploads, reload, versions, rollback, remove — and, through
`bot.admin_people`, admins, aliases, the access list, stats and gaps. Every method checks the actor
is an admin and writes the audit log. Uploads and reloads are parsed through `Versions.build_sources`
(in the bot: a child process under the memory and time limits of the settings)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, sessionmaker

from bot.access import AccessPolicy
from bot.admin_base import AuditedAdmin
from bot.admin_people import AliasTable, PeopleAdmin
from bot.admin_report import (
    blocking_problems,
    check_upload,
    confirmation_reply,
    draft_reply,
    find_documents,
    replaced_files,
)
from bot.callback_data import PLAIN, DraftAction
from bot.inputs import BadInput, bounded_int
from bot.replies import Reply, Span
from bot.settings import Settings
from bot.versions import (
    DraftExpired,
    NeedsConfirmation,
    SourceRef,
    VersionConflict,
    Versions,
    only_documents,
    sha256_of,
)
from bot.who import Actor
from knowledge import builder
from knowledge.errors import PlanError

log = logging.getLogger(__name__)

Progress = Callable[[str], Awaitable[None]]
MAX_VERSION = 10**9


async def _no_progress(_: str) -> None:
    """A progress callback that shows nothing (CLI, tests)."""


def _refused(exc: PlanError) -> Reply:
    """The reply to an upload or change that was refused: what was wrong, and that nothing changed."""
    return Reply().line(f"❌ {exc.message}").line("知识库未作任何改动。")


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
            return _refused(exc)
        return None

    async def prepare_upload(self, actor: Actor, name: str, data: bytes,
                             progress: Progress = _no_progress) -> Reply:
        """Read, parse and validate an uploaded file, then report its changes as a draft to publish."""
        if not self._allowed(actor):
            return self.refuse(actor, "upload", name)
        try:
            name = check_upload(name, len(data), self.max_bytes)
            await progress(f"已收到 {name}（{len(data) / 1024:.0f} KB），正在检查 …")
            await asyncio.to_thread(self.versions.poll)  # catch up if another worker published
            limits = self.settings.build_limits()
            await progress(f"正在读取并解析 {name}（上限：{limits.memory_bytes // 2**20} MB 内存、"
                           f"{limits.seconds:g} 秒）…")
            part = await asyncio.to_thread(self.versions.build_sources, [(name, data)])
            errors = blocking_problems(part)
            if errors:
                raise PlanError("；".join(errors))
            await progress("解析完成，正在与当前版本比对 …")
            sha = sha256_of(data)
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
            return _refused(exc)
        self.audit(actor, "upload", name, "draft" if not draft.report.no_change else "nochange",
                   draft.report.summary())
        return draft_reply(draft, f"上传文件：{name}", part.warnings)

    async def prepare_reload(self, actor: Actor, progress: Progress = _no_progress) -> Reply:
        """Rebuild from the plans folder and the live version's uploads; report as a draft (files that
        cannot be read or parsed are left out and named)."""
        if not self._allowed(actor):
            return self.refuse(actor, "reload")
        await progress("正在读取规划文件夹 …")
        await asyncio.to_thread(self.versions.poll)  # catch up if another worker published
        try:
            skipped: list[str] = []
            refs, blobs = await asyncio.to_thread(self.versions.reload_candidate, skipped)
            await progress(f"共 {len(refs)} 个文件，正在解析 …")
            kb, refs, problems = await asyncio.to_thread(self.versions.build_skipping, refs, blobs)
            skipped += problems
            await progress("解析完成，正在与当前版本比对 …")
            draft = await asyncio.to_thread(self.versions.make_draft, "reload", refs, kb, author_id=actor.id,
                                            author_name=actor.name, note="重新加载", blobs=blobs)
        except PlanError as exc:
            self.audit(actor, "reload", "", "rejected", exc.message)
            return _refused(exc)
        self.audit(actor, "reload", f"{len(refs)} files", "draft" if not draft.report.no_change else "nochange",
                   "；".join([draft.report.summary(), *skipped]))
        return draft_reply(draft, "重新加载规划文件夹", kb.warnings, skipped)

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
        if button.verb in ("pub", "pub2"):
            return await self.publish(actor, button.draft_id, confirmed=button.verb == "pub2")
        if button.verb == "can":
            return self.cancel(actor, button.draft_id)
        return Reply().line("未知操作。")

    async def publish(self, actor: Actor, draft_id: str, *, confirmed: bool = False) -> Reply:
        """Publish a draft: the next version goes live at once for every query. A guarded draft (no
        documents, more than half of the items removed) first answers with the second confirmation."""
        if not self._allowed(actor):
            return self.refuse(actor, "publish", draft_id)
        row = self.versions.draft(draft_id)
        if row is None or row.status != "open":
            state = {"published": "已发布", "cancelled": "已取消", "expired": "已过期"}.get(row.status, "") if row else ""
            return Reply(replace=True).line(f"此草稿{state or '不存在或已失效'}，未作改动。")
        try:
            number = await asyncio.to_thread(self.versions.publish, draft_id, actor.id, actor.name,
                                             confirmed=confirmed)
        except NeedsConfirmation as exc:
            self.audit(actor, "publish", draft_id, "confirm", exc.guard)
            return confirmation_reply(draft_id, exc.guard, row.note)
        except DraftExpired:
            self.versions.cancel(draft_id)
            hours = self.versions.draft_ttl.total_seconds() / 3600
            return Reply(replace=True).line(f"此草稿已过期（超过 {hours:g} 小时），未作改动，请重新上传或重新加载。")
        except VersionConflict:
            self.versions.cancel(draft_id)
            self.audit(actor, "publish", draft_id, "conflict", f"live is {self.versions.db_version()}")
            return Reply(replace=True).line(
                f"知识库已被更新为版本 {self.versions.db_version()}，此草稿已失效，请重新操作。")
        except PlanError as exc:
            self.audit(actor, "publish", draft_id, "rejected", exc.message)
            return _refused(exc)
        self.audit(actor, "publish", f"{row.action} {row.note}", "ok", f"版本 {number}：{row.summary}")
        reply = Reply(replace=True).line(Span(f"✅ 已发布版本 {number}", "bold")).line(row.note).line(row.summary)
        if row.guard:
            reply.line(row.guard)
        return reply.line("新的知识库已生效。")

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
        try:
            refs = self.versions.version_refs(number)
            if refs is None:
                self.audit(actor, "rollback", str(number), "rejected", "no such version")
                return Reply().line(f"没有版本 {number}。发送 /versions 查看可用版本。")
            kb = await asyncio.to_thread(self.versions.build, refs)
        except PlanError as exc:
            self.audit(actor, "rollback", str(number), "rejected", exc.message)
            return Reply().line(f"❌ 无法回滚到版本 {number}：{exc.message}").line("知识库未作任何改动。")
        draft = await asyncio.to_thread(self.versions.make_draft, "rollback", refs, kb, author_id=actor.id,
                                        author_name=actor.name, note=f"回滚到版本 {number}")
        self.audit(actor, "rollback", str(number), "draft" if not draft.report.no_change else "nochange",
                   draft.report.summary())
        return draft_reply(draft, f"回滚到版本 {number}", [])

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
        return draft_reply(draft, f"撤下文档：{gone}", [])

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
