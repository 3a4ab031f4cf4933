"""Admin features through the real Application and the fake Bot API: refusals, uploads with progress,
publish, queries during a reload, rollback, restart, and the allowlist in private chats and groups."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

import pytest

from bot.access import ACCESS_REFUSAL, GROUP_REFUSAL
from bot.admin_base import NOT_ADMIN
from bot.kbstate import KnowledgeState
from bot.settings import Settings
from bot.storage import make_engine, make_sessionmaker
from bot.versions import Versions
from knowledge.builder import BUNDLED_PLANS
from tests.harness import GROUP_CHAT, BotHarness

ADMIN_USER = {"id": 900, "is_bot": False, "first_name": "管理员", "username": "boss"}
STRANGER = {"id": 777, "is_bot": False, "first_name": "陌生人"}
PLAN = ("某某街道2026年工作要点\n一、主要目标\n地区生产总值增长6%。\n二、重点任务\n"
        "（一）完成背街小巷整治，2026年6月底前完成。\n（二）推进智慧社区建设。\n")


@pytest.fixture
def admin_settings(tmp_path: Path, db_url: str) -> Settings:
    """Settings over a fresh database (each test runs on SQLite and on PostgreSQL) and a plans folder copy."""
    plans = tmp_path / "plans"
    shutil.copytree(BUNDLED_PLANS, plans)
    return Settings(_env_file=None, token=None, admin_ids=[ADMIN_USER["id"]],
                    database_url=db_url, plans_dir=plans, access="open",
                    api_base_url=None, api_file_url=None, proxy_url=None, max_upload_bytes=1024 * 1024)


async def _harness(settings: Settings, bundled_kb) -> BotHarness:  # type: ignore[no-untyped-def]
    sessions = make_sessionmaker(make_engine(settings.database_url))
    return await BotHarness.create(settings, KnowledgeState(bundled_kb), sessions)


@pytest.fixture
async def h(admin_settings: Settings, bundled_kb):  # type: ignore[no-untyped-def]
    harness = await _harness(admin_settings, bundled_kb)
    yield harness
    await harness.close()
    harness.services.sessions.kw["bind"].dispose()  # type: ignore[union-attr]


def _state(h: BotHarness) -> KnowledgeState:
    return h.services.state


def _versions(h: BotHarness) -> Versions:
    return h.services.admin.versions  # type: ignore[union-attr]


async def _publish(h: BotHarness) -> list[str]:
    calls = await h.press_label("发布", user=ADMIN_USER)
    return h.texts(calls)


ADMIN_COMMANDS = ["/reload", "/versions", "/rollback 1", "/remove 某文件", "/admin add 777", "/admin",
                  "/alias 规上 规模以上", "/alias", "/unalias 规上", "/allow 777", "/deny 777", "/stats",
                  "/gaps", "/audit"]


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_admin_commands_refuse_non_admins(h: BotHarness, command: str) -> None:
    live = _state(h).active
    texts = h.texts(await h.command(command, user=STRANGER))
    assert texts == [NOT_ADMIN]
    assert _state(h).active is live


async def test_non_admin_upload_and_buttons_refused_without_download(h: BotHarness) -> None:
    calls = await h.send(h.document_update("F1", "plan.txt", PLAN.encode(), user=STRANGER))
    assert h.texts(calls) == [NOT_ADMIN] and not any(c.method == "getFile" for c in calls)
    calls = await h.press("adm:pub:0123456789abcdef", user=STRANGER)
    assert NOT_ADMIN in h.texts(calls)
    assert _state(h).version == 1


async def test_upload_progress_report_publish(h: BotHarness) -> None:
    calls = await h.send(h.document_update("F2", "2026年工作要点.txt", PLAN.encode(), user=ADMIN_USER))
    texts = h.texts(calls)
    assert texts[0].startswith("已收到") and len(texts) >= 4  # progress message, then edits
    assert [c.method for c in h.messages(calls)][1:] == ["editMessageText"] * (len(texts) - 1)
    assert "新增文档" in texts[-1]
    assert [label for label, _ in h.last_buttons()] == ["发布", "取消"]
    assert _state(h).version == 1
    done = await _publish(h)
    assert any("已发布版本 2" in t for t in done)
    assert "2026年工作要点.txt" in {d.file for d in _state(h).kb.documents}
    again = await h.send(h.document_update("F3", "2026年工作要点.txt", PLAN.encode(), user=ADMIN_USER))
    assert "没有变化" in h.texts(again)[-1]


@pytest.mark.parametrize("name,content,size", [
    ("plan.exe", b"MZ", None), ("../plan.txt", PLAN.encode(), None), ("big.pdf", b"%PDF", 50 * 1024 * 1024),
])
async def test_bad_upload_refused_before_download(h: BotHarness, name: str, content: bytes,
                                                  size: int | None) -> None:
    update = h.document_update("F4", name, content, user=ADMIN_USER)
    if size is not None:
        update["message"]["document"]["file_size"] = size
    calls = await h.send(update)
    texts = h.texts(calls)
    assert len(texts) == 1 and texts[0].startswith("❌") and "未作任何改动" in texts[0]
    assert not any(c.method == "getFile" for c in calls)
    assert _state(h).version == 1


async def test_bad_upload_after_download_changes_nothing(h: BotHarness) -> None:
    live = _state(h).active
    calls = await h.send(h.document_update("F5", "plan.docx", b"PK\x03\x04 broken", user=ADMIN_USER))
    assert "❌" in h.texts(calls)[-1]
    assert _state(h).active is live and _versions(h).db_version() == 1


def _to_user(h: BotHarness, calls: list) -> list:  # type: ignore[type-arg]
    """The calls sending to the default user's chat."""
    return [c for c in calls if int(c.params.get("chat_id", h.user["id"])) == h.user["id"]]


async def test_queries_during_reload_answer_from_old_version(h: BotHarness, admin_settings: Settings,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    before = h.texts(await h.command("/docs"))
    answer_before = h.texts(await h.text("规上工业总产值目标"))
    gone = sorted(admin_settings.plans_dir.iterdir())[0]
    gone.unlink()
    original = Versions.build_skipping
    release = threading.Event()

    def held_build(self, refs, blobs=None):  # type: ignore[no-untyped-def]
        release.wait(10)  # the reload is parsing (held until the queries below have run)
        return original(self, refs, blobs)

    monkeypatch.setattr(Versions, "build_skipping", held_build)
    reload_task = asyncio.create_task(h.command("/reload", user=ADMIN_USER))
    during = []
    overlapped = 0
    for _ in range(5):
        await asyncio.sleep(0.01)
        overlapped += not reload_task.done()
        # (only this chat's messages: the reload's own progress messages to the admin may be sent
        # while a query is answered, and would be counted among its calls)
        during.append(h.texts(_to_user(h, await h.command("/docs"))))
        during.append(h.texts(_to_user(h, await h.text("规上工业总产值目标"))))
    release.set()
    await reload_task
    assert overlapped == 5  # every query ran while the reload was parsing
    assert all(d == before for d in during[::2])
    assert all(a == answer_before for a in during[1::2])
    assert h.errors == []
    assert h.texts(await h.command("/docs")) == before  # the draft is not live
    await _publish(h)
    after = h.texts(await h.command("/docs"))
    assert after != before and _state(h).version == 2


async def test_rollback_restores_identical_answers(h: BotHarness) -> None:
    queries = ["/docs", "规上工业总产值", "老旧小区改造什么时候完成", "/indicators 1", "/tasks 改造"]

    async def answers() -> list[list[str]]:
        return [h.texts(await h.command(q)) for q in queries]

    v1 = await answers()
    first = _state(h).kb.documents[0].file
    await h.command(f"/remove {first}", user=ADMIN_USER)
    await _publish(h)
    assert await answers() != v1
    calls = await h.command("/rollback 1", user=ADMIN_USER)
    assert "新增文档" in h.texts(calls)[-1]
    await _publish(h)
    assert _state(h).version == 3
    assert await answers() == v1
    texts = h.texts(await h.command("/versions", user=ADMIN_USER))
    assert "版本 3" in texts[0] and "回滚到版本 1" in texts[0]


async def test_restart_after_publish_serves_new_version(admin_settings: Settings, bundled_kb) -> None:  # type: ignore[no-untyped-def]
    first = await _harness(admin_settings, bundled_kb)
    await first.send(first.document_update("F6", "2026年工作要点.txt", PLAN.encode(), user=ADMIN_USER))
    await _publish(first)
    docs_v2 = first.texts(await first.command("/docs"))
    await first.close()
    # A new process: its state starts from the plans folder (which lacks the upload); the DB wins.
    second = await _harness(admin_settings, bundled_kb)
    try:
        assert _state(second).version == 2
        assert "2026年工作要点.txt" in {d.file for d in _state(second).kb.documents}
        assert second.texts(await second.command("/docs")) == docs_v2
    finally:
        await second.close()


async def test_alias_takes_effect_at_once_and_is_listed(h: BotHarness) -> None:
    svc = h.services.admin
    if svc.lexicon is None:
        pytest.skip("no runtime lexicon in knowledge.lexicon")
    query = "丙丁戊"  # matches nothing in the plans
    assert "未找到" in h.texts(await h.text(query))[0]
    try:
        texts = h.texts(await h.command(f"/alias {query} 智慧社区覆盖率", user=ADMIN_USER))
        assert "立即生效" in texts[0]
        assert "智慧社区覆盖率" in h.texts(await h.text(query))[0]
        assert f"{query} → 智慧社区覆盖率" in "\n".join(h.texts(await h.command("/alias", user=ADMIN_USER)))
    finally:
        await h.command(f"/unalias {query}", user=ADMIN_USER)
    assert "未找到" in h.texts(await h.text(query))[0]
    assert query not in "\n".join(h.texts(await h.command("/alias", user=ADMIN_USER)))


async def test_allowlist_private_chat(h: BotHarness, admin_settings: Settings) -> None:
    admin_settings.access = "allowlist"
    first = h.texts(await h.text("固投", user=STRANGER))
    assert first == [ACCESS_REFUSAL]
    assert await h.text("固投", user=STRANGER) == []  # refused once, then silence
    assert await h.command("/docs", user=STRANGER) == []
    assert h.texts(await h.command("/allow 777", user=ADMIN_USER))[0].startswith("已允许")
    assert h.texts(await h.command("/docs", user=STRANGER))
    assert h.texts(await h.command("/deny 777", user=ADMIN_USER))[0].startswith("已取消")
    assert h.texts(await h.command("/docs", user=STRANGER)) == [ACCESS_REFUSAL]
    assert h.texts(await h.command("/docs", user=ADMIN_USER))  # admins always pass


async def test_allowlist_group(h: BotHarness, admin_settings: Settings) -> None:
    admin_settings.access = "allowlist"
    other = {"id": 778, "is_bot": False, "first_name": "路人乙"}
    calls = await h.text("@planbot_test 固投", chat_type="supergroup", user=STRANGER)
    assert h.texts(calls) == [GROUP_REFUSAL.format(id=GROUP_CHAT["id"])]
    assert await h.text("@planbot_test 固投", chat_type="supergroup", user=other) == []
    assert await h.command("/find 固投", chat_type="supergroup", user=STRANGER) == []
    await h.command(f"/allow {GROUP_CHAT['id']}", user=ADMIN_USER)
    assert h.texts(await h.text("@planbot_test 固投", chat_type="supergroup", user=other))
    assert await h.inline("固投", user={"id": 779, "is_bot": False, "first_name": "丙"}) != []


async def test_audit_log_records_actions(h: BotHarness) -> None:
    await h.command("/versions", user=ADMIN_USER)
    await h.command("/stats", user=STRANGER)
    texts = h.texts(await h.command("/audit", user=ADMIN_USER))
    assert "versions" in texts[0] and "refused" in texts[0]


def test_console_admin_commands(admin_settings: Settings, bundled_kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from bot.app import assemble
    from bot.console import ConsoleChat

    sessions = make_sessionmaker(make_engine(admin_settings.database_url))
    state = KnowledgeState(bundled_kb)
    assembly = assemble(admin_settings, state=state, sessions=sessions, telegram=False)
    assembly.serve_live_version()
    chat = ConsoleChat(assembly.services)
    assert "版本 1" in chat.render(chat.handle("/versions"))
    plan = tmp_path / "2026年工作要点.txt"
    plan.write_text(PLAN, encoding="utf-8")
    report = chat.render(chat.handle(f"/import {plan}"))
    assert "新增文档" in report and "[1] 发布" in report
    assert "已发布版本 2" in chat.render(chat.handle("1"))
    assert state.version == 2


async def test_long_report_comes_with_full_attachment(h: BotHarness) -> None:
    kb = _state(h).kb
    biggest = max(kb.documents, key=lambda d: sum(1 for i in kb.indicators if i.doc == d.file))
    calls = await h.command(f"/remove {biggest.file}", user=ADMIN_USER)
    docs = [c for c in calls if c.method == "sendDocument"]
    assert docs and "完整报告见附件" in "\n".join(h.texts(calls))
    assert [label for label, _ in h.last_buttons()] == ["发布", "取消"]
