"""Admin service: bad uploads change nothing, non-admins are refused, uploads report and publish,
aliases, the access list, stats and gaps."""

from __future__ import annotations

import asyncio
import io
import os
import zipfile

import pytest

from bot.admin_base import NOT_ADMIN
from bot.admin_service import AdminService
from bot.storage import admin as store
from tests.admin.helpers import ADMIN, STRANGER, FakeLexicon


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (12 * 1024 * 1024) + b"/>")
    return buf.getvalue()


def _scanned_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawImage(ImageReader(Image.new("RGB", (200, 100), "white")), 50, 500, 200, 100)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


BAD_UPLOADS = {
    "wrong type": ("plan.exe", b"MZ\x90\x00" * 10),
    "too large": ("plan.txt", "一、总体要求\n".encode() * 200_000),
    "encrypted docx": ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000)),
    "corrupt docx": ("plan.docx", b"PK\x03\x04" + os.urandom(2000)),
    "zip bomb": ("plan.docx", None),
    "scanned pdf": ("scan.pdf", None),
    "empty": ("plan.txt", b""),
    "blank text": ("plan.txt", b"   \n\n \n"),
    "binary txt": ("plan.txt", os.urandom(3000)),
    "path parts": ("../../etc/plan.txt", "一、总体要求\n".encode()),
    "windows path": ("C:\\plans\\plan.txt", "一、总体要求\n".encode()),
    "hidden file": (".plan.txt", "一、总体要求\n".encode()),
    "no sections": ("note.txt", "这是一段没有任何标题的文字。\n".encode()),
}


def _counts(service: AdminService) -> tuple[int, int, int, int]:
    with service.sessions() as session:
        return (session.query(store.KbSource).count(), session.query(store.KbDraft).count(),
                session.query(store.KbParseCache).count(), session.query(store.KbVersion).count())


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_bad_upload_changes_nothing(world, case: str) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    name, data = BAD_UPLOADS[case]
    if data is None:
        data = _zip_bomb() if case == "zip bomb" else _scanned_pdf()
    live, before = state.active, _counts(service)
    refusal = service.precheck_upload(ADMIN, name, len(data))
    reply = refusal or asyncio.run(service.prepare_upload(ADMIN, name, data))
    text = reply.plain_text()
    assert text.startswith("❌") and "未作任何改动" in text, text
    assert not reply.buttons
    assert state.active is live and state.version == 1
    assert _counts(service) == before
    with service.sessions() as session:
        last = store.recent_audit(session, 1)[0]
    assert (last.action, last.result) == ("upload", "rejected")


def test_size_reported_by_telegram_is_checked_before_download(world) -> None:  # type: ignore[no-untyped-def]
    _, _, service = world
    reply = service.precheck_upload(ADMIN, "big.pdf", 50 * 1024 * 1024)
    assert reply is not None and "文件过大" in reply.plain_text()
    assert service.precheck_upload(ADMIN, "ok.pdf", 1000) is None


def test_upload_new_plan_reports_and_publishes(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    text = ("某某街道2026年工作要点\n一、主要目标\n地区生产总值增长6%。\n二、重点任务\n"
            "（一）完成背街小巷整治，2026年6月底前完成。\n（二）推进智慧社区建设。\n")
    progress: list[str] = []

    async def note(line: str) -> None:
        progress.append(line)

    reply = asyncio.run(service.prepare_upload(ADMIN, "2026年工作要点.txt", text.encode(), note))
    body = reply.plain_text()
    assert "新增文档" in body and [b.label for b in reply.button_list()] == ["发布", "取消"]
    assert len(progress) >= 3
    assert state.version == 1 and "2026年工作要点.txt" not in {d.file for d in state.kb.documents}
    done = asyncio.run(service.on_callback(ADMIN, reply.buttons[0][0].data))
    assert "已发布版本 2" in done.plain_text()
    assert "2026年工作要点.txt" in {d.file for d in state.kb.documents}
    # The same file again: no change, nothing stored.
    before = _counts(service)
    again = asyncio.run(service.prepare_upload(ADMIN, "2026年工作要点.txt", text.encode()))
    assert "没有变化" in again.plain_text() and not again.buttons
    assert _counts(service) == before
    # A changed deadline shows old → new.
    changed = asyncio.run(service.prepare_upload(
        ADMIN, "2026年工作要点.txt", text.replace("6月底前", "9月底前").encode()))
    assert "替换文档" in changed.plain_text()


def test_every_admin_command_refuses_non_admins(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    live = state.active
    replies = [
        service.precheck_upload(STRANGER, "plan.txt", 10),
        asyncio.run(service.prepare_upload(STRANGER, "plan.txt", "一、总体\n".encode())),
        asyncio.run(service.prepare_reload(STRANGER)),
        service.list_versions(STRANGER),
        asyncio.run(service.prepare_rollback(STRANGER, "1")),
        asyncio.run(service.prepare_remove(STRANGER, state.kb.documents[0].file)),
        asyncio.run(service.on_callback(STRANGER, "adm:pub:whatever")),
        asyncio.run(service.publish(STRANGER, "whatever")),
        service.cancel(STRANGER, "whatever"),
        service.admin_command(STRANGER, ["add", str(STRANGER.id)]),
        service.alias(STRANGER, ["规上", "规模以上"]),
        service.alias(STRANGER, []),
        service.unalias(STRANGER, ["规上"]),
        service.allow(STRANGER, [str(STRANGER.id)]),
        service.deny(STRANGER, ["1"]),
        service.stats(STRANGER),
        service.gaps(STRANGER),
        service.audit_log(STRANGER),
    ]
    for reply in replies:
        assert reply is not None and reply.plain_text() == NOT_ADMIN
    assert state.active is live and not service.is_admin(STRANGER.id)
    with service.sessions() as session:
        refused = session.query(store.AuditEntry).filter_by(result="refused").count()
    assert refused == len(replies)


def test_admin_add_and_remove(world) -> None:  # type: ignore[no-untyped-def]
    _, _, service = world
    assert "已将" in service.admin_command(ADMIN, ["add", "42"]).plain_text()
    assert service.is_admin(42)
    assert "需修改配置" in service.admin_command(ADMIN, ["remove", str(ADMIN.id)]).plain_text()
    assert "已移除" in service.admin_command(ADMIN, ["remove", "42"]).plain_text()
    assert not service.is_admin(42)
    assert "用法" in service.admin_command(ADMIN, ["add", "abc"]).plain_text()


def test_alias_add_list_remove_survive_restart(world) -> None:  # type: ignore[no-untyped-def]
    _, versions, service = world
    lexicon = service.lexicon
    assert "立即生效" in service.alias(ADMIN, ["固投", "固定资产投资"]).plain_text()
    assert lexicon.table["固投"] == "固定资产投资"
    listing = service.alias(ADMIN, []).plain_text()
    assert "★ 固投 → 固定资产投资" in listing and "规上 → 规模以上" in listing
    assert "已删除" in service.unalias(ADMIN, ["规上"]).plain_text()
    assert "规上" not in lexicon.table
    assert "没有简称" in service.unalias(ADMIN, ["不存在"]).plain_text()
    # A restart: a fresh lexicon gets the admin's additions and removals back from the DB.
    fresh = FakeLexicon()
    AdminService(service.settings, service.sessions, versions, fresh).apply_stored_aliases()
    assert fresh.table == {"固投": "固定资产投资"}
    with service.sessions() as session:
        actions = [e.action for e in session.query(store.AuditEntry)]
    assert "alias" in actions and "unalias" in actions


def test_allowlist_decisions(world, settings) -> None:  # type: ignore[no-untyped-def]
    _, _, service = world
    assert service.access.decision(STRANGER.id, STRANGER.id) == "ok"  # open mode
    settings.access = "allowlist"
    assert service.access.decision(ADMIN.id, ADMIN.id) == "ok"
    assert service.access.decision(STRANGER.id, STRANGER.id) == "refuse"
    assert service.access.decision(STRANGER.id, STRANGER.id) == "silent"
    assert service.access.decision(STRANGER.id, -100123) == "silent"  # told once already, in private
    assert service.access.decision(3003, -100124) == "refuse"  # a new group and a new person
    assert service.access.decision(3004, -100124) == "silent"  # the group was told once
    assert service.access.decision(3003, -100123) == "silent"  # this person was told once
    assert "-100124（2 次）" in service.allow(ADMIN, []).plain_text()
    service.allow(ADMIN, ["-100123"])
    assert service.access.decision(3003, -100123) == "ok"
    service.allow(ADMIN, [str(STRANGER.id)])
    assert service.access.decision(STRANGER.id, STRANGER.id) == "ok"
    assert "已取消" in service.deny(ADMIN, [str(STRANGER.id)]).plain_text()
    assert service.access.decision(STRANGER.id, STRANGER.id) == "refuse"


def test_stats_and_gaps_read_query_log(world) -> None:  # type: ignore[no-untyped-def]
    _, _, service = world
    from bot.storage.chat import QueryLog, User

    with service.sessions.begin() as session:
        session.add(User(id=5, full_name="张三"))
        session.flush()
        for query, found in [("固投", True), ("双碳目标", False), ("双碳目标", False), ("夜间经济", False)]:
            session.add(QueryLog(query=query, user_id=5, found=found, hits=1 if found else 0))
    stats = service.stats(ADMIN).plain_text()
    assert "1 人" in stats and "4 次" in stats and "2×  双碳目标" in stats
    gaps = service.gaps(ADMIN).plain_text().splitlines()
    assert gaps[1].startswith("2×  双碳目标") and gaps[2].startswith("1×  夜间经济")


def test_stats_tolerates_missing_tables_and_reads_digest_tables(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """On a bare database: no chat tables (tolerated), digest tables of the digests module's shape."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import text

    from bot import insight
    from bot.storage.base import make_engine, make_sessionmaker

    sessions = make_sessionmaker(make_engine(f"sqlite:///{tmp_path}/bare.db"))
    assert "暂无记录" in insight.stats_reply(sessions, ZoneInfo("Asia/Shanghai"), 7, 1).plain_text()
    assert "暂无查询记录" in insight.gaps_reply(sessions, ZoneInfo("Asia/Shanghai"), 30).plain_text()
    with sessions.begin() as session:
        session.execute(text("CREATE TABLE digest_subscriptions (id INTEGER PRIMARY KEY, chat_id BIGINT, "
                             "paused BOOLEAN)"))
        session.execute(text("CREATE TABLE digest_log (id INTEGER PRIMARY KEY, status TEXT, "
                             "created_at TIMESTAMP, sent_at TIMESTAMP)"))
        session.execute(text("INSERT INTO digest_subscriptions (chat_id, paused) VALUES (1, 0), (2, 1), (2, 0)"))
        now = "2099-01-01 00:00:00"
        session.execute(text("INSERT INTO digest_log (status, created_at, sent_at) VALUES "
                             f"('sent', '{now}', '{now}'), ('sent', '{now}', '{now}'), ('failed', '{now}', NULL)"))
    stats = insight.stats_reply(sessions, ZoneInfo("Asia/Shanghai"), 7, 1).plain_text()
    assert "订阅：3 个（暂停 1 个），覆盖 2 个聊天" in stats
    assert "成功 2 份，失败 1 份" in stats


def test_replacement_upload_keeps_document_position(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    target = state.kb.documents[1].file
    text = (service.settings.plans_dir / target).read_text(encoding="utf-8")
    changed = text.replace("2025", "2026", 1)
    reply = asyncio.run(service.prepare_upload(ADMIN, target, changed.encode()))
    assert "替换文档" in reply.plain_text()
    asyncio.run(service.on_callback(ADMIN, reply.buttons[0][0].data))
    assert [d.file for d in state.kb.documents][1] == target
    assert [r.origin for r in versions.refs][1] == "upload"


def test_stats_with_the_digest_module_tables(world) -> None:  # type: ignore[no-untyped-def]
    _, _, service = world
    from bot.storage.digests import DigestLog, Subscription

    with service.sessions.begin() as session:
        subs = [Subscription(chat_id=1, user_id=1), Subscription(chat_id=2, user_id=2, paused=True)]
        session.add_all(subs)
        session.flush()
        session.add_all([DigestLog(subscription_id=subs[0].id, period="2026-11-16", status="sent"),
                         DigestLog(subscription_id=subs[0].id, period="2026-11-23", status="sent"),
                         DigestLog(subscription_id=subs[1].id, period="2026-11-16", status="failed")])
    stats = service.stats(ADMIN).plain_text()
    assert "订阅：2 个（暂停 1 个），覆盖 2 个聊天" in stats
    assert "成功 2 份，失败 1 份" in stats


def test_docx_of_the_same_plan_replaces_the_txt_without_item_changes(world) -> None:  # type: ignore[no-untyped-def]
    """Items are matched by document and normalised name, not by line: the .docx's lines differ."""
    from tests.plan_variants import to_docx

    state, versions, service = world
    name = max(state.kb.documents, key=lambda d: d.line_count).file
    docx_name = name.rsplit(".", 1)[0] + ".docx"
    reply = asyncio.run(service.prepare_upload(ADMIN, docx_name, to_docx(name)))
    draft = next(iter(versions._drafts.values()))
    report = draft.report
    assert [(c.old.file, c.new.file) for c in report.documents_replaced] == [(name, docx_name)]
    assert {k: n for k, n in report.counts().items() if n} == {"documents_replaced": 1}, reply.plain_text()


def test_alias_list_counts_the_shipped_everyday_words_instead_of_listing_them(world) -> None:  # type: ignore[no-untyped-def]
    from knowledge.lexicon import Lexicon

    _, _, service = world
    service.lexicon = Lexicon.load()
    listing = service.alias(ADMIN, []).plain_text()
    assert "规上 → 规模以上" in listing
    assert "电瓶车 → 电动自行车" not in listing and "日常用语对照" in listing
