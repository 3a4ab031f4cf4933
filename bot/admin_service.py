"""Admin service (chat-agnostic): uploads, reload, versions, rollback, remove, admins, aliases,
access list, stats and gaps. Every method checks the actor is an admin and writes the audit log."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot import insight
from bot.replies import Attachment, Button, Reply, Span
from bot.storage import admin as store
from bot.versions import Draft, SourceRef, VersionConflict, Versions, only_documents, sha256_of
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

CALLBACK_PREFIX = "adm:"
Progress = Callable[[str], Awaitable[None]]
REPORT_LIMIT = 15  # items per category shown in the chat message
WARNING_LIMIT = 10
CLI_NAME = "命令行"
ADMIN_HELP: list[tuple[str, str]] = [
    ("reload", "重新加载规划文件夹（预览变更，确认后发布）"),
    ("versions", "知识库版本列表"),
    ("rollback", "回滚到指定版本，如 /rollback 3"),
    ("remove", "撤下一个文档，如 /remove 文件名"),
    ("alias", "简称词表；/alias 规上 规模以上 添加"),
    ("unalias", "删除简称，如 /unalias 规上"),
    ("admin", "管理员列表；/admin add|remove ID"),
    ("allow", "白名单；/allow ID 允许用户或群组"),
    ("deny", "从白名单移除，如 /deny ID"),
    ("stats", "使用统计"),
    ("gaps", "未找到答案的查询"),
    ("audit", "管理操作记录"),
]
NOT_ADMIN = "抱歉，此命令仅限管理员使用。"
# The same words as the chat module's own check (handlers.common.NO_ACCESS_TEXT).
ACCESS_REFUSAL = "抱歉，您还没有使用权限，请联系管理员开通。"
GROUP_REFUSAL = "抱歉，本群尚未开通使用权限，请联系管理员开通（群 ID：{id}）。"


async def _no_progress(_: str) -> None:
    """A progress callback that shows nothing (CLI, tests)."""


@dataclass(frozen=True)
class Actor:
    """Who is acting: Telegram user id (None for the CLI) and a display name."""

    id: int | None
    name: str | None = None

    @property
    def label(self) -> str:
        """How the actor appears in lists and the audit log."""
        if self.id is None:
            return self.name or "命令行"
        return f"{self.name}（{self.id}）" if self.name else str(self.id)


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


class AdminService:
    """What admins can do, for Telegram and the CLI alike; returns `Reply` objects."""

    def __init__(self, settings: object, sessions: sessionmaker[Session], versions: Versions,
                 lexicon: object | None = None, tz: str = "Asia/Shanghai") -> None:
        self.settings = settings
        self.sessions = sessions
        self.versions = versions
        self.lexicon = lexicon
        self.tz = ZoneInfo(tz)
        self.max_bytes: int = int(getattr(settings, "max_upload_bytes", 20 * 1024 * 1024))

    # --- admins and audit -------------------------------------------------------------------

    def is_admin(self, user_id: int | None) -> bool:
        """Admins are the ids in settings plus those added with /admin add."""
        if user_id is None:
            return False
        if user_id in set(getattr(self.settings, "admin_ids", []) or []):
            return True
        with self.sessions() as session:
            return session.get(store.AdminUser, user_id) is not None

    def audit(self, actor: Actor, action: str, detail: str, result: str, message: str = "") -> None:
        """Record an admin action (who, when, what, result)."""
        with self.sessions.begin() as session:
            store.audit(session, actor.id, actor.name, action, detail, result, message)
        log.info("admin %s %s %s → %s %s", actor.label, action, detail, result, message)

    def refuse(self, actor: Actor, action: str, detail: str = "") -> Reply:
        """The refusal a non-admin gets (and the audit line that records it)."""
        self.audit(actor, action, detail, "refused", "not an admin")
        return Reply().line(NOT_ADMIN)

    def _allowed(self, actor: Actor) -> bool:
        """The CLI (actor id None) acts with the machine owner's rights; chat users must be admins."""
        return (actor.id is None and actor.name == CLI_NAME) or self.is_admin(actor.id)

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
        return reply.row(Button("发布", f"{CALLBACK_PREFIX}pub:{draft.id}"),
                         Button("取消", f"{CALLBACK_PREFIX}can:{draft.id}"))

    # --- publish / cancel ---------------------------------------------------------------------

    async def on_callback(self, actor: Actor, data: str) -> Reply:
        """Handle an "adm:" button: pub:<draft> or can:<draft>."""
        if not self._allowed(actor):
            return self.refuse(actor, "button", data)
        _, _, rest = data.partition(CALLBACK_PREFIX)
        verb, _, draft_id = rest.partition(":")
        if verb == "pub":
            return await self.publish(actor, draft_id)
        if verb == "can":
            return self.cancel(actor, draft_id)
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
            number = int(arg.strip())
        except ValueError:
            return Reply().line("用法：/rollback 版本号，例如 /rollback 3（/versions 查看版本）。")
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

    # --- admins -------------------------------------------------------------------------------

    def admin_command(self, actor: Actor, args: list[str]) -> Reply:
        """/admin (list) | /admin add <id> | /admin remove <id>."""
        if not self._allowed(actor):
            return self.refuse(actor, "admin", " ".join(args))
        configured = sorted(set(getattr(self.settings, "admin_ids", []) or []))
        if not args:
            with self.sessions() as session:
                added = [a.user_id for a in session.scalars(select(store.AdminUser))]
            return (Reply().title("管理员").line("配置文件：", "、".join(map(str, configured)) or "无")
                    .line("命令添加：", "、".join(map(str, added)) or "无")
                    .line("用法：/admin add 用户ID，/admin remove 用户ID").blank()
                    .title("管理命令").text("\n".join(f"/{n}  {d}" for n, d in ADMIN_HELP)))
        if len(args) != 2 or args[0] not in ("add", "remove") or not _is_id(args[1]):
            return Reply().line("用法：/admin add 用户ID，/admin remove 用户ID（ID 为数字）。")
        verb, target = args[0], int(args[1])
        with self.sessions.begin() as session:
            row = session.get(store.AdminUser, target)
            if verb == "add":
                if row is None and target not in configured:
                    session.add(store.AdminUser(user_id=target, added_by=actor.id))
                message = f"已将 {target} 设为管理员。"
            elif target in configured:
                message = f"{target} 是配置文件中的管理员，需修改配置（PLANBOT_ADMIN_IDS）才能移除。"
            elif row is None:
                message = f"{target} 不是管理员。"
            else:
                session.delete(row)
                message = f"已移除管理员 {target}。"
        self.audit(actor, f"admin {verb}", str(target), "ok", message)
        return Reply().line(message)

    # --- aliases ------------------------------------------------------------------------------

    def apply_stored_aliases(self) -> int:
        """At start-up: apply the aliases admins added (and removed) to the lexicon."""
        if self.lexicon is None:
            return 0
        with self.sessions() as session:
            rows = list(session.scalars(select(store.Alias)))
        for row in rows:
            if row.full:
                self.lexicon.add(row.abbr, row.full)  # type: ignore[attr-defined]
            else:
                _lexicon_remove(self.lexicon, row.abbr)
        return len(rows)

    def alias(self, actor: Actor, args: list[str]) -> Reply:
        """/alias (list) or /alias 简称 全称: takes effect at once, stored, audited."""
        if not self._allowed(actor):
            return self.refuse(actor, "alias", " ".join(args))
        if not args:
            return self._alias_list()
        if len(args) != 2 or not all(1 <= len(a) <= 64 for a in args) or args[0] == args[1]:
            return Reply().line("用法：/alias 简称 全称，例如 /alias 规上 规模以上；/alias 查看全部；/unalias 简称 删除。")
        abbr, full = args
        if self.lexicon is not None:
            try:
                self.lexicon.add(abbr, full)  # type: ignore[attr-defined]
            except ValueError as exc:  # the lexicon explains in Chinese (empty, identical forms …)
                self.audit(actor, "alias", f"{abbr}={full}", "rejected", str(exc))
                return Reply().line(f"❌ {exc}")
        with self.sessions.begin() as session:
            row = session.get(store.Alias, abbr)
            if row is None:
                session.add(store.Alias(abbr=abbr, full=full, added_by=actor.id))
            else:
                row.full, row.added_by = full, actor.id
        self.audit(actor, "alias", f"{abbr}={full}", "ok")
        return Reply().line(f"已添加简称：{abbr} → {full}，立即生效。")

    def unalias(self, actor: Actor, args: list[str]) -> Reply:
        """/unalias 简称: removes it at once (a shipped one too), stored, audited."""
        if not self._allowed(actor):
            return self.refuse(actor, "unalias", " ".join(args))
        if len(args) != 1:
            return Reply().line("用法：/unalias 简称，例如 /unalias 规上。")
        abbr = args[0]
        known = abbr in dict(self._alias_entries())
        if not known:
            self.audit(actor, "unalias", abbr, "rejected", "unknown")
            return Reply().line(f"没有简称“{abbr}”。发送 /alias 查看全部。")
        if self.lexicon is not None:
            _lexicon_remove(self.lexicon, abbr)
        with self.sessions.begin() as session:
            row = session.get(store.Alias, abbr)
            # An empty full form is a tombstone: the shipped entry stays removed after a restart.
            if row is None:
                session.add(store.Alias(abbr=abbr, full="", added_by=actor.id))
            else:
                row.full, row.added_by = "", actor.id
        self.audit(actor, "unalias", abbr, "ok")
        return Reply().line(f"已删除简称：{abbr}，立即生效。")

    def _alias_entries(self) -> list[tuple[str, str]]:
        """(abbreviation, full form) pairs: the lexicon's, or the stored ones without a lexicon."""
        if self.lexicon is not None:
            return _lexicon_entries(self.lexicon)
        with self.sessions() as session:
            return [(a.abbr, a.full) for a in session.scalars(select(store.Alias)) if a.full]

    def _alias_list(self) -> Reply:
        """Every abbreviation, admin-added ones marked."""
        with self.sessions() as session:
            added = {a.abbr for a in session.scalars(select(store.Alias)) if a.full}
        entries = self._alias_entries()
        reply = Reply().title(f"简称词表（{len(entries)} 条，★ 为管理员添加）")
        for abbr, full in entries:
            reply.line(f"{'★ ' if abbr in added else ''}{abbr} → {full}")
        return reply

    # --- access list --------------------------------------------------------------------------

    def allow(self, actor: Actor, args: list[str]) -> Reply:
        """/allow <user or chat id> (no argument: list): lets them use the bot in allowlist mode."""
        if not self._allowed(actor):
            return self.refuse(actor, "allow", " ".join(args))
        if not args:
            with self.sessions() as session:
                ids = [e.id for e in session.scalars(select(store.AccessEntry))]
            configured = list(getattr(self.settings, "allowed_ids", []) or [])
            mode = getattr(self.settings, "access", "open")
            refused = "、".join(f"{r.id}（{r.count} 次）" for r in self.recent_refusals())
            return (Reply().title(f"访问控制：{'白名单' if mode == 'allowlist' else '开放'}模式")
                    .line("配置文件：", "、".join(map(str, configured)) or "无")
                    .line("命令添加：", "、".join(map(str, ids)) or "无")
                    .line("最近被拒绝：", refused or "无")
                    .line("用法：/allow ID，/deny ID（用户 ID 或群组 ID，群组 ID 为负数）"))
        if len(args) != 1 or not _is_id(args[0]):
            return Reply().line("用法：/allow ID（用户 ID 或群组 ID，群组 ID 为负数）。")
        target = int(args[0])
        with self.sessions.begin() as session:
            if session.get(store.AccessEntry, target) is None:
                session.add(store.AccessEntry(id=target, added_by=actor.id))
            refusal = session.get(store.AccessRefusal, target)
            if refusal is not None:
                session.delete(refusal)
        self.audit(actor, "allow", str(target), "ok")
        return Reply().line(f"已允许 {target} 使用本机器人。")

    def deny(self, actor: Actor, args: list[str]) -> Reply:
        """/deny <id>: removes it from the allowlist."""
        if not self._allowed(actor):
            return self.refuse(actor, "deny", " ".join(args))
        if len(args) != 1 or not _is_id(args[0]):
            return Reply().line("用法：/deny ID（用户 ID 或群组 ID）。")
        target = int(args[0])
        with self.sessions.begin() as session:
            row = session.get(store.AccessEntry, target)
            if row is not None:
                session.delete(row)
        configured = target in set(getattr(self.settings, "allowed_ids", []) or [])
        self.audit(actor, "deny", str(target), "ok" if row is not None else "noop")
        if configured:
            return Reply().line(f"{target} 在配置文件（PLANBOT_ALLOWED_IDS）中，需修改配置才能移除。")
        return Reply().line(f"已取消 {target} 的使用权限。" if row is not None else f"{target} 不在白名单中。")

    def access_decision(self, user_id: int | None, chat_id: int | None) -> str:
        """In allowlist mode: "ok", "refuse" (send the one polite refusal) or "silent".

        A person or a group is refused once: a stranger told off in private is not told again in a
        group, and a group that was told is not told again for each member.
        """
        if getattr(self.settings, "access", "open") != "allowlist":
            return "ok"
        configured = set(getattr(self.settings, "allowed_ids", []) or [])
        ids = list(dict.fromkeys(i for i in (user_id, chat_id) if i is not None))
        if any(i in configured for i in ids) or self.is_admin(user_id):
            return "ok"
        with self.sessions() as session:
            if any(session.get(store.AccessEntry, i) is not None for i in ids):
                return "ok"
        if not ids:
            return "silent"
        decision = "refuse"
        with self.sessions.begin() as session:
            for key in ids:
                row = session.get(store.AccessRefusal, key)
                if row is None:
                    session.add(store.AccessRefusal(id=key, count=1))
                else:
                    decision = "silent"
                    row.count += 1
                    row.last_at = store.utcnow()
        log.info("access refused: user %s chat %s (%s)", user_id, chat_id, decision)
        return decision

    def refusal_text(self, user_id: int | None, chat_id: int | None) -> str:
        """The polite refusal: in a group it names the group id an admin needs for /allow."""
        if chat_id is not None and chat_id < 0:
            return GROUP_REFUSAL.format(id=chat_id)
        return ACCESS_REFUSAL

    def recent_refusals(self, limit: int = 10) -> list[store.AccessRefusal]:
        """Who was refused lately (for /allow), most recent first."""
        with self.sessions() as session:
            return list(session.scalars(select(store.AccessRefusal)
                                        .order_by(store.AccessRefusal.last_at.desc()).limit(limit)))

    # --- insight ------------------------------------------------------------------------------

    def stats(self, actor: Actor, days: int = 7) -> Reply:
        """/stats: users, queries per day, top queries, subscriptions, digests sent and failed."""
        if not self._allowed(actor):
            return self.refuse(actor, "stats")
        self.audit(actor, "stats", "", "ok")
        return insight.stats_reply(self.sessions, self.tz, days, self.versions.state.version)

    def gaps(self, actor: Actor, days: int = 30) -> Reply:
        """/gaps: recent queries that found nothing, most frequent first."""
        if not self._allowed(actor):
            return self.refuse(actor, "gaps")
        self.audit(actor, "gaps", "", "ok")
        return insight.gaps_reply(self.sessions, self.tz, days)

    def audit_log(self, actor: Actor, limit: int = 20) -> Reply:
        """/audit: the latest admin actions."""
        if not self._allowed(actor):
            return self.refuse(actor, "audit")
        with self.sessions() as session:
            rows = store.recent_audit(session, limit)
        reply = Reply().title(f"操作记录（最近 {limit} 条）")
        for row in rows:
            at = row.created_at.astimezone(self.tz).strftime("%m-%d %H:%M")
            who = row.actor_name or (str(row.actor_id) if row.actor_id is not None else "命令行")
            reply.line(f"{at} {who} {row.action} {row.detail[:40]} → {row.result} {row.message[:60]}")
        return reply


# --- helpers ------------------------------------------------------------------------------------

def _is_id(text: str) -> bool:
    """A Telegram user or chat id (chat ids of groups are negative)."""
    return text.lstrip("-").isdigit() and len(text) <= 20


def _lexicon_remove(lexicon: object, abbr: str) -> None:
    """Remove an abbreviation from the lexicon (absent is fine)."""
    with contextlib.suppress(KeyError):
        lexicon.remove(abbr)  # type: ignore[attr-defined]


def _lexicon_entries(lexicon: object) -> list[tuple[str, str]]:
    """The lexicon's (abbreviation, full form) pairs, whatever shape `entries()` returns."""
    entries = lexicon.entries()  # type: ignore[attr-defined]
    if isinstance(entries, dict):
        entries = entries.items()
    out: list[tuple[str, str]] = []
    for entry in entries:
        if isinstance(entry, tuple | list):
            abbr, full = entry[0], entry[1]
        else:  # knowledge.lexicon.Entry(short, full, kind)
            abbr = getattr(entry, "short", None) or getattr(entry, "abbr", str(entry))
            full = getattr(entry, "full", "")
        if isinstance(full, list | tuple):
            full = "、".join(full)
        out.append((str(abbr), str(full)))
    return sorted(out)


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
