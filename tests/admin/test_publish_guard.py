"""Guards on publishing: a version with no documents, or one removing more than half of the items, says
so in the first line of its report and needs a second, explicit confirmation naming what will go;
drafts expire after their lifetime."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.callback_data import PLAIN, DraftAction
from bot.publish_guard import guard_of
from bot.storage import admin as store
from bot.versions import NeedsConfirmation
from knowledge.diff import diff
from knowledge.models import KnowledgeBase
from tests.admin.helpers import ADMIN


def _press(service, reply, label: str):  # type: ignore[no-untyped-def]
    button = next(b for b in reply.button_list() if b.label == label)
    return asyncio.run(service.on_callback(ADMIN, button.data))


def test_guard_rules(bundled_kb: KnowledgeBase) -> None:
    empty = KnowledgeBase()
    assert "没有任何文档" in (guard_of(bundled_kb, empty, diff(bundled_kb, empty)) or "")
    assert guard_of(empty, empty, diff(empty, empty)) is None  # nothing live: nothing to lose
    docs = bundled_kb.documents
    for keep in range(len(docs) + 1):
        from bot.versions import only_documents

        part = only_documents(bundled_kb, {d.file for d in docs[:keep]})
        report = diff(bundled_kb, part)
        items = len(bundled_kb.indicators) + len(bundled_kb.tasks)
        removed = len(report.indicators_removed) + len(report.tasks_removed)
        guard = guard_of(bundled_kb, part, report)
        assert (guard is not None) == (keep == 0 or removed * 2 > items), keep
        if guard and keep:
            assert f"{removed} / {items}" in guard and "《" in guard


def test_empty_plans_folder_needs_a_second_confirmation(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    for path in plans_dir.iterdir():
        path.unlink()
    reply = asyncio.run(service.prepare_reload(ADMIN))
    assert reply.plain_text().splitlines()[0].startswith("⚠️ 注意：此版本没有任何文档")
    second = _press(service, reply, "发布")
    assert state.version == 1 and len(state.kb.documents) == 5  # not yet
    assert "没有任何文档" in second.plain_text() and "请再次确认" in second.plain_text()
    assert [b.label for b in second.button_list()] == ["确认发布", "取消"]
    # A forged plain 发布 on the guarded draft is refused by the version store itself.
    draft_id = PLAIN.decode(second.button_list()[0].data).draft_id  # type: ignore[union-attr]
    with pytest.raises(NeedsConfirmation):
        versions.publish(draft_id, ADMIN.id, ADMIN.name)
    done = _press(service, second, "确认发布")
    assert "已发布版本 2" in done.plain_text() and state.version == 2 and not state.kb.documents


def test_second_confirmation_can_be_cancelled(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    for path in sorted(plans_dir.iterdir())[:4]:
        path.unlink()
    reply = asyncio.run(service.prepare_reload(ADMIN))
    first = reply.plain_text().splitlines()[0]
    assert first.startswith("⚠️ 注意：此版本将删除") and "超过一半" in first
    second = _press(service, reply, "发布")
    assert "已取消" in _press(service, second, "取消").plain_text()
    assert state.version == 1 and versions.db_version() == 1


def test_small_change_publishes_at_once(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    doomed = sorted(plans_dir.iterdir())[-1]
    reply = asyncio.run(service.prepare_remove(ADMIN, doomed.name))
    if reply.plain_text().startswith("⚠️"):
        pytest.skip("this plan holds more than half of the items")
    assert "已发布版本 2" in _press(service, reply, "发布").plain_text()


def test_expired_draft_is_not_published(world, plans_dir: Path) -> None:  # type: ignore[no-untyped-def]
    state, versions, service = world
    path = sorted(plans_dir.iterdir())[-1]
    path.write_text(path.read_text(encoding="utf-8") + "\n（九）新增任务，2026年底前完成。\n", encoding="utf-8")
    reply = asyncio.run(service.prepare_reload(ADMIN))
    draft_id = PLAIN.decode(reply.button_list()[0].data).draft_id  # type: ignore[union-attr]
    with versions.sessions.begin() as session:
        session.execute(update(store.KbDraft).where(store.KbDraft.id == draft_id)
                        .values(created_at=store.utcnow() - dt.timedelta(hours=25)))
    done = asyncio.run(service.on_callback(ADMIN, PLAIN.encode(DraftAction("pub", draft_id))))
    assert "已过期" in done.plain_text() and state.version == 1
    assert versions.draft(draft_id).status == "cancelled"  # type: ignore[union-attr]


def test_cli_needs_allow_removal_for_a_guarded_draft(world, settings, plans_dir: Path,  # type: ignore[no-untyped-def]
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import cli
    from bot.settings import get_settings

    state, versions, service = world
    for path in plans_dir.iterdir():
        path.unlink()
    monkeypatch.setenv("PLANBOT_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PLANBOT_PLANS_DIR", str(plans_dir))
    get_settings.cache_clear()
    try:
        assert cli.main(["reload", "-y"]) == 1 and versions.db_version() == 1
        assert cli.main(["reload", "-y", "--allow-removal"]) == 0 and versions.db_version() == 2
    finally:
        get_settings.cache_clear()
