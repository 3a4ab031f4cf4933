"""Digest commands and buttons through the real Application and the fake Bot API."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.commands import BY_NAME
from bot.kbstate import KnowledgeState
from bot.render import html_to_plain
from bot.settings import Settings
from bot.storage import digests as store
from jobs.scheduler import JOB_NAME
from tests.digest_fixtures import StubIndex, sample_kb
from tests.harness import GROUP_CHAT, BotHarness

TODAY = dt.date(2024, 12, 20)
ADMIN = {"id": 601, "is_bot": False, "first_name": "管理员"}
MEMBER = {"id": 602, "is_bot": False, "first_name": "成员"}


@pytest.fixture
async def h(settings: Settings, sessions) -> AsyncIterator[BotHarness]:  # type: ignore[no-untyped-def]
    kb = sample_kb()
    state = KnowledgeState(kb, index=StubIndex(kb))
    # A hand-built knowledge base: start-up keeps serving it (it is not the plans folder's).
    harness = await BotHarness.create(settings.model_copy(update={"today": TODAY}), state, sessions)
    original = harness.api._result

    def result(method: str, params: dict[str, Any]) -> Any:  # group roles for getChatMember
        if method.lower() == "getchatmember":
            uid = int(params["user_id"])
            user = {"id": uid, "is_bot": False, "first_name": "x"}
            if uid == ADMIN["id"]:
                return {"status": "administrator", "user": user, "can_be_edited": False,
                        "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
                        "can_manage_video_chats": True, "can_restrict_members": True,
                        "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
                        "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False}
            return {"status": "member", "user": user}
        return original(method, params)

    harness.api._result = result  # type: ignore[method-assign]
    yield harness
    await harness.close()


DIGEST_COMMANDS = ("subscribe", "subscriptions", "unsubscribe", "due", "overdue", "digest", "ics")
COMMANDS = [(name, BY_NAME[name].description) for name in DIGEST_COMMANDS]  # each from the registry


def plain(calls) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(html_to_plain(t) for t in BotHarness.texts(calls))


def subs(sessions) -> list[store.Subscription]:  # type: ignore[no-untyped-def]
    with sessions() as session:
        return list(session.scalars(select(store.Subscription).order_by(store.Subscription.id)))


async def test_commands_are_in_the_menu(h: BotHarness) -> None:
    names = [c["command"] for c in h.api.calls_of("setMyCommands")[0].params["commands"]]
    assert {name for name, _ in COMMANDS} <= set(names)
    assert all(name in BY_NAME for name, _ in COMMANDS)


async def test_subscribe_with_options_then_update_and_list(h: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    text = plain(await h.command("/subscribe 消防 周五 下午4点 30天 静音"))
    assert "已订阅" in text and "关键词：消防" in text and "周五 16:00" in text and "提前 30 天" in text
    # The fixed "today" keeps the real time of day: after 16:00 Asia/Shanghai today's push has passed.
    from zoneinfo import ZoneInfo

    passed = dt.datetime.now(ZoneInfo("Asia/Shanghai")).time() >= dt.time(16, 0)
    assert f"下次推送：{'2024-12-27' if passed else '2024-12-20'}（周五）16:00" in text
    [sub] = subs(sessions)
    assert (sub.weekday, sub.send_time, sub.window_days, sub.quiet) == (4, dt.time(16, 0), 30, True)
    # Same filters again: the subscription is updated, not duplicated.
    assert "已更新" in plain(await h.command("/subscribe 消防 周一 9:00"))
    [sub] = subs(sessions)
    assert (sub.weekday, sub.send_time, sub.quiet) == (0, dt.time(9, 0), True)
    listing = await h.command("/subscriptions")
    assert f"#{sub.id} 关键词：消防" in plain(listing)
    assert (f"⚙️ 修改 #{sub.id}", f"dg:set:{sub.id}") in h.last_buttons()


@pytest.mark.parametrize("args, message", [
    ("25:00", "时间“25:00”无效"),
    ("0天", "提前天数须在 1 到 365 之间"),
    ("文件:不存在的文件", "没有找到文件“不存在的文件”"),
    ("单位:不存在的单位", "没有任务的责任单位包含"),
    ("文件:", "后面缺少内容"),
])
async def test_bad_subscribe_input_explains_and_changes_nothing(h: BotHarness, sessions, args: str,  # type: ignore[no-untyped-def]
                                                                message: str) -> None:
    assert message in plain(await h.command(f"/subscribe {args}"))
    assert subs(sessions) == []


async def test_settings_buttons_change_the_subscription(h: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    await h.command("/subscribe 单位:应急办")
    [sub] = subs(sessions)
    await h.press(f"dg:set:{sub.id}")
    calls = await h.press_label("周三")
    assert calls[-1].method == "editMessageText" and "周三 09:00" in plain(calls)
    await h.press_label("17:00")
    await h.press_label("60天")
    await h.press_label("🔕 静音")
    await h.press_label("空周报：发一行")
    [sub] = subs(sessions)
    assert (sub.weekday, sub.send_time, sub.window_days, sub.quiet, sub.send_empty) == (
        2, dt.time(17, 0), 60, True, False)
    await h.press_label("🗑 退订")
    assert subs(sessions) == []


async def test_unsubscribe_by_number_and_all(h: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    await h.command("/subscribe 消防")
    await h.command("/subscribe 单位:应急办")
    first, second = subs(sessions)
    assert "请选择要退订的订阅" in plain(await h.command("/unsubscribe"))
    assert "没有编号为 999 的订阅" in plain(await h.command("/unsubscribe 999"))
    assert f"已退订：#{first.id}" in plain(await h.command(f"/unsubscribe {first.id}"))
    assert [s.id for s in subs(sessions)] == [second.id]
    await h.command("/unsubscribe 全部")
    assert subs(sessions) == []


async def test_group_subscription_needs_a_group_admin(h: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    text = plain(await h.command("/subscribe 消防", chat_type="supergroup", user=MEMBER))
    assert "只有群管理员" in text and subs(sessions) == []
    await h.command("/subscribe 消防", chat_type="supergroup", user=ADMIN)
    [sub] = subs(sessions)
    assert sub.chat_id == GROUP_CHAT["id"] and sub.user_id == ADMIN["id"]
    # Members can still read the group's digests.
    assert "开展消防安全隐患排查" in plain(await h.command("/digest", chat_type="supergroup", user=MEMBER))


async def test_due_overdue_and_digest_preview(h: BotHarness) -> None:
    due = plain(await h.command("/due 30"))
    assert "30 天内到期的任务" in due and "完成燃气管道更新改造" in due and "已逾期" not in due
    assert "天数须在 1 到 365 之间" in plain(await h.command("/due 999"))
    overdue = plain(await h.command("/overdue"))
    assert "🔴 已逾期 2 项" in overdue and "开展消防安全隐患排查" in overdue
    assert "消防" in plain(await h.command("/overdue 消防"))
    preview = plain(await h.command("/digest"))
    assert "周报预览（全部任务）" in preview and "/subscribe" in preview
    await h.command("/subscribe 老旧小区")
    preview = plain(await h.command("/digest"))
    assert "老旧小区加装电梯" in preview and "燃气" not in preview


async def test_item_buttons_done_snooze_and_card(h: BotHarness) -> None:
    await h.command("/overdue")
    card = await h.press("dg:card:T1")
    assert "开展消防安全隐患排查" in plain(card) and "应急办" in plain(card)
    done = await h.press("dg:done:T1")
    assert done[0].method == "answerCallbackQuery" and "已标记完成" in plain(done)
    snoozed = await h.press("dg:snz:T8")
    assert "2024-12-27 起重新提醒" in plain(snoozed)
    assert "没有逾期的任务" in plain(await h.command("/overdue"))
    # In a group only admins may mark tasks.
    refused = await h.press("dg:done:T2", chat_type="supergroup", user=MEMBER)
    [answer] = [c for c in refused if c.method == "answerCallbackQuery"]
    assert "只有群管理员" in str(answer.params.get("text"))


async def test_ics_sends_a_calendar_document(h: BotHarness) -> None:
    await h.command("/subscribe 消防")
    calls = await h.command("/ics")
    [doc] = [c for c in calls if c.method == "sendDocument"]
    filename, raw, _mime = doc.files["document"]  # multipart (name, bytes, type)
    assert filename == "planbot-deadlines-2024-12-20.ics"
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 2


async def test_the_tick_job_is_scheduled_and_delivers(h: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    job = h.app.job_queue.get_jobs_by_name(JOB_NAME)[-1]  # type: ignore[union-attr]  (the repeating one)
    await h.command("/subscribe 消防 周五 0:00")  # TODAY is a Friday
    mark = len(h.api.calls)
    await job.run(h.app)  # subscribed after today's 00:00 slot: the first digest is next Friday's
    assert [c for c in h.api.calls[mark:] if c.method == "sendMessage"] == []
    with sessions() as session:  # as if it had been subscribed last week
        session.execute(update(store.Subscription).values(created_at=dt.datetime(2024, 12, 10, tzinfo=dt.UTC)))
        session.commit()
    await job.run(h.app)
    sent = [c for c in h.api.calls[mark:] if c.method == "sendMessage"]
    assert len(sent) == 1 and "每周截止任务提醒" in html_to_plain(sent[0].text)
    assert ("✅1 已完成", "dg:done:T1") in sent[0].buttons
    await job.run(h.app)  # the next tick: already sent
    assert len([c for c in h.api.calls[mark:] if c.method == "sendMessage"]) == 1


async def test_started_job_queue_sends_a_due_digest_at_start_up(h: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    await h.command("/subscribe 消防 周五 0:00")
    with sessions() as session:  # subscribed last week: today's 00:00 digest is due (missed at start-up)
        session.execute(update(store.Subscription).values(created_at=dt.datetime(2024, 12, 10, tzinfo=dt.UTC)))
        session.commit()
    mark = len(h.api.calls)
    await h.start_jobs()  # the start-up run
    for _ in range(100):
        if any(c.method == "sendMessage" for c in h.api.calls[mark:]):
            break
        await asyncio.sleep(0.05)
    sent = [c for c in h.api.calls[mark:] if c.method == "sendMessage"]
    assert len(sent) == 1 and "开展消防安全隐患排查" in html_to_plain(sent[0].text)
