"""What admins see of a change to the knowledge base: the checks an upload passes before it is parsed,
the change report of a draft (its guard first), and the second confirmation a guarded draft needs."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath

from bot.callback_data import PLAIN, DraftAction
from bot.replies import Attachment, Button, Reply, Span
from bot.versions import Draft
from knowledge.diff import ChangeReport
from knowledge.errors import EmptyFileError, FileTooLargeError, UnsupportedTypeError
from knowledge.identity import name_key
from knowledge.models import Document, KnowledgeBase, Warning_
from knowledge.readers import SUPPORTED_SUFFIXES, safe_filename

REPORT_LIMIT = 15  # items per category shown in the chat message
WARNING_LIMIT = 10
CONFIRM = "确认发布"


def check_file_name(name: str) -> str:
    """The bare file name, or BadFileNameError saying what is wrong with it (empty, control or
    direction characters, path parts, hidden, too long: knowledge.readers.safe_filename's messages)."""
    return safe_filename(unicodedata.normalize("NFC", name or ""))


def check_upload(name: str, size: int | None, max_bytes: int) -> str:
    """Checks that need no download: name, type, the size Telegram reports; returns the bare name."""
    name = check_file_name(name)
    if PurePosixPath(name).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(detail=name)
    if size is not None and size > max_bytes:
        raise FileTooLargeError(f"文件过大（{_size(size)}），上限为 {_size(max_bytes)}，请压缩或拆分后再发送。",
                                detail=str(size))
    if size == 0:
        raise EmptyFileError
    return name


def _size(n: int) -> str:
    """A byte count as people say it: 1.5 MB, 900 KB, 120 字节."""
    if n >= 1024 * 1024:
        return f"{n / 1048576:.1f} MB".replace(".0 MB", " MB")
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"


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


def find_documents(kb: KnowledgeBase, query: str) -> list[Document]:
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


def add_report(reply: Reply, report: ChangeReport, limit: int = REPORT_LIMIT) -> Reply:
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


def draft_reply(draft: Draft, heading: str, warnings: list[Warning_], skipped: list[str] | None = None) -> Reply:
    """The change report of a draft with 发布 / 取消 buttons (or "没有变化"); a guarded draft says
    so in the first line, files left out are named right after the heading."""
    reply = Reply()
    if draft.guard and not draft.report.no_change:
        reply.line(Span(draft.guard, "bold"))
    reply.title(heading)
    for line in skipped or []:
        reply.line(f"⚠️ {line}")
    if draft.report.no_change:
        return reply.line("没有变化：内容与当前生效版本（版本 ", str(draft.live_version), "）相同，无需发布。")
    reply.line("当前生效版本：", str(draft.live_version), "。以下变更尚未生效，确认后发布。")
    if draft.guard:
        reply.line("发布前需要再次确认。")
    add_report(reply, draft.report, REPORT_LIMIT)
    add_warnings(reply, warnings)
    full = draft.report.lines(limit=10**6)
    if len(full) > len(draft.report.lines(REPORT_LIMIT)) or len(warnings) > WARNING_LIMIT:
        # The message shows the first items per category; the attachment holds everything.
        lines = [*([draft.guard] if draft.guard else []), heading, *(skipped or []), *full, ""]
        lines += [f"警告 {w.doc}{f':{w.line}' if w.line else ''} {w.message}" for w in warnings]
        reply.document = Attachment(f"变更报告_{draft.id[:6]}.txt", "\n".join(lines).encode("utf-8"), "完整变更报告")
        reply.line("完整报告见附件。")
    return reply.row(Button("发布", PLAIN.encode(DraftAction("pub", draft.id))),
                     Button("取消", PLAIN.encode(DraftAction("can", draft.id))))


def confirmation_reply(draft_id: str, guard: str, note: str) -> Reply:
    """The second confirmation a guarded draft needs: what will go, 确认发布 / 取消."""
    return (Reply(replace=True).line(Span(guard, "bold")).line(f"草稿：{note}")
            .line("请再次确认：发布后上述内容将从知识库中删除（可用 /rollback 恢复）。")
            .row(Button(CONFIRM, PLAIN.encode(DraftAction("pub2", draft_id))),
                 Button("取消", PLAIN.encode(DraftAction("can", draft_id)))))
