"""Versions: first start publishes the plans folder, drafts change nothing until published,
rollback restores identical search results, a restart (or another worker) serves the new version."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.admin_service import AdminService
from bot.kbstate import KnowledgeState
from bot.settings import Settings
from bot.storage import admin as store
from bot.storage.base import make_engine, make_sessionmaker
from bot.versions import Versions
from knowledge.models import KnowledgeBase
from tests.admin.helpers import ADMIN, FakeLexicon


def _append_line(plans: Path, text: str) -> Path:
    path = sorted(plans.iterdir())[-1]
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")
    return path


def test_first_start_publishes_version_1(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, _ = world
    assert state.version == 1 and versions.db_version() == 1
    [row] = versions.list_versions()
    assert row.action == "initial" and len(row.sources()) == 5
    with versions.sessions() as session:
        assert session.query(store.KbSource).count() == 5
        assert session.query(store.KbParseCache).count() == 5


def test_reload_without_change_reports_no_change(world) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    reply = asyncio.run(service.prepare_reload(ADMIN))
    assert "没有变化" in reply.plain_text() and not reply.buttons
    assert versions.db_version() == 1 and not versions.stored_drafts()


def test_reload_draft_changes_nothing_until_published(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    before = state.kb
    _append_line(plans_dir, "（九）新增一项测试任务，2026年底前完成。")
    reply = asyncio.run(service.prepare_reload(ADMIN))
    assert reply.buttons, reply.plain_text()
    assert "替换文档" in reply.plain_text()
    assert state.kb is before and state.version == 1  # nothing live changed
    publish = reply.buttons[0][0].data
    done = asyncio.run(service.on_callback(ADMIN, publish))
    assert "已发布版本 2" in done.plain_text()
    assert state.version == 2 and state.kb is not before
    again = asyncio.run(service.on_callback(ADMIN, publish))
    assert "已发布" in again.plain_text() and state.version == 2


def test_cancel_discards_draft_and_its_sources(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    _append_line(plans_dir, "额外的一行文字。")
    reply = asyncio.run(service.prepare_reload(ADMIN))
    cancel = reply.buttons[0][1].data
    assert "已取消" in asyncio.run(service.on_callback(ADMIN, cancel)).plain_text()
    assert state.version == 1
    with versions.sessions() as session:
        assert session.query(store.KbSource).count() == 5


def test_rollback_restores_identical_search_results(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    queries = ["规上工业", "老旧小区改造", "固定资产投资", "GDP"]

    def answers() -> list[list[tuple[str, str, int]]]:
        return [[(h.kind, h.id, h.line) for h in state.index.search(q).hits] for q in queries]

    v1 = answers()
    v1_kb = state.kb.to_contract()
    for path in list(plans_dir.iterdir())[:2]:
        path.unlink()
    reply = asyncio.run(service.prepare_reload(ADMIN))
    confirm = asyncio.run(service.on_callback(ADMIN, reply.buttons[0][0].data))
    if state.version == 1:  # more than half of the items go: a second, explicit confirmation
        assert reply.plain_text().startswith("⚠️") and confirm.buttons[0][0].label == "确认发布"
        asyncio.run(service.on_callback(ADMIN, confirm.buttons[0][0].data))
    assert state.version == 2 and len(state.kb.documents) == 3
    draft = asyncio.run(service.prepare_rollback(ADMIN, "1"))
    assert "新增文档" in draft.plain_text()
    asyncio.run(service.on_callback(ADMIN, draft.buttons[0][0].data))
    assert state.version == 3
    assert state.kb.to_contract() == v1_kb
    assert answers() == v1
    assert [v.action for v in versions.list_versions()] == ["rollback", "reload", "initial"]


def test_restart_serves_published_version(world, settings, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    doomed = sorted(plans_dir.iterdir())[0].name
    reply = asyncio.run(service.prepare_remove(ADMIN, doomed))
    asyncio.run(service.on_callback(ADMIN, reply.buttons[0][0].data))
    assert state.version == 2
    # A new process (or another worker): its plans folder still has every file, the DB wins.
    fresh = KnowledgeState(KnowledgeBase(), version=0)
    other = Versions(make_sessionmaker(make_engine(settings.database_url)), fresh, plans_dir)
    assert other.start() == 2
    assert fresh.kb.to_contract() == state.kb.to_contract()
    assert doomed not in {d.file for d in fresh.kb.documents}


def test_other_worker_polls_and_reloads(world, settings) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    fresh = KnowledgeState(KnowledgeBase(), version=0)
    other = Versions(make_sessionmaker(make_engine(settings.database_url)), fresh, settings.plans_dir)
    other.start()
    assert not other.poll()
    reply = asyncio.run(service.prepare_remove(ADMIN, state.kb.documents[-1].file))
    asyncio.run(service.on_callback(ADMIN, reply.buttons[0][0].data))
    assert other.poll() and fresh.version == 2 and len(fresh.kb.documents) == 4


def test_conflicting_drafts_second_publish_refused(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    a = asyncio.run(service.prepare_remove(ADMIN, state.kb.documents[0].file))
    b = asyncio.run(service.prepare_remove(ADMIN, state.kb.documents[1].file))
    asyncio.run(service.on_callback(ADMIN, a.buttons[0][0].data))
    second = asyncio.run(service.on_callback(ADMIN, b.buttons[0][0].data))
    assert "已失效" in second.plain_text()
    assert state.version == 2 and len(state.kb.documents) == 4


@pytest.mark.postgres
def test_versions_on_postgres(pg_url: str, bundled_kb: KnowledgeBase, plans_dir: Path) -> None:
    """Sources (bytea), drafts, publish, and a second worker reloading, on PostgreSQL."""
    sessions = make_sessionmaker(make_engine(pg_url))
    state = KnowledgeState(bundled_kb.model_copy(deep=True), version=0)
    versions = Versions(sessions, state, plans_dir)
    assert versions.start() == 1
    service = AdminService(Settings(_env_file=None, admin_ids=[ADMIN.id], plans_dir=plans_dir), sessions,
                           versions, FakeLexicon())
    reply = asyncio.run(service.prepare_remove(ADMIN, state.kb.documents[0].file))
    asyncio.run(service.on_callback(ADMIN, reply.buttons[0][0].data))
    fresh = KnowledgeState(KnowledgeBase(), version=0)
    other = Versions(make_sessionmaker(make_engine(pg_url)), fresh, plans_dir)
    assert other.start() == 2 and fresh.kb.to_contract() == state.kb.to_contract()
    service.settings.access = "allowlist"
    assert service.access.decision(5, 5) == "refuse" and service.access.decision(5, 5) == "silent"
