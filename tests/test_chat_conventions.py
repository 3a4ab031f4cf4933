"""Chat conventions: /help from the one registry, deep links on /start, greeting a group and pausing
its subscriptions when the bot is removed."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select

from bot import deeplink
from bot.commands import COMMANDS
from bot.registry import Access
from bot.render import html_to_plain
from bot.storage import digests as store
from tests.fakebot import BOT_USER
from tests.harness import ADMIN_USER, GROUP_CHAT, BotHarness


def _plain(calls: list[Any]) -> str:
    return "\n".join(html_to_plain(t) for t in BotHarness.texts(calls))


async def test_help_lists_every_command_of_the_registry(bot_harness: BotHarness) -> None:
    user_help = _plain(await bot_harness.command("/help"))
    admin_help = _plain(await bot_harness.command("/help", user=ADMIN_USER))
    for command in COMMANDS:
        if not command.telegram:
            continue
        if command.access is Access.BOT_ADMINS:
            assert f"/{command.name} —" not in user_help, command.name
            assert f"/{command.name} —" in admin_help, command.name
        else:
            assert f"/{command.name} —" in user_help, command.name
    for digest_command in ("subscribe", "subscriptions", "unsubscribe", "due", "overdue", "digest", "ics"):
        assert f"/{digest_command} —" in user_help


@pytest.mark.parametrize(("command", "arg", "expected"), [
    ("subscribe", "老旧小区", "sub-6ICB5pen5bCP5Yy6"), ("subscribe", "GDP", "sub_GDP"), ("find", "固投", "q-5Zu65oqV"),
    ("docs", "", "docs"), ("due", "30", "due_30"), ("tasks", "改造 2025", None),
])
def test_deep_link_payloads_round_trip(command: str, arg: str, expected: str | None) -> None:
    text = deeplink.payload(command, arg)
    if expected is not None:
        assert text == expected
    assert len(text) <= 64 and all(c.isascii() and (c.isalnum() or c in "_-") for c in text)
    assert deeplink.parse(text) == (command, arg)
    assert deeplink.link("planbot_test", command, arg).startswith("https://t.me/planbot_test?start=")


@pytest.mark.parametrize("bad", ["", "zz_1", "sub-!!", "sub-" + "A" * 61, "q-_w", "sub-" + "gA", "SUB_x", "sub x"])
def test_bad_payloads_are_not_ours(bad: str) -> None:
    assert deeplink.parse(bad) is None


def test_a_link_too_long_for_telegram_is_refused() -> None:
    with pytest.raises(ValueError):
        deeplink.payload("subscribe", "老旧小区改造" * 4)
    with pytest.raises(ValueError):
        deeplink.payload("reload")  # admin commands cannot be linked


async def test_start_with_a_deep_link_runs_its_command(bot_harness: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    text = _plain(await bot_harness.command(f"/start {deeplink.payload('subscribe', '老旧小区')}"))
    assert "已订阅" in text and "老旧小区" in text
    with sessions() as s:
        [sub] = s.scalars(select(store.Subscription)).all()
    assert sub.keyword_list == ["老旧小区"] and sub.chat_id == bot_harness.user["id"]
    answer = _plain(await bot_harness.command(f"/start {deeplink.payload('find', '固投')}"))
    assert "固定资产投资" in answer
    unknown = _plain(await bot_harness.command("/start nonsense-%%"))
    assert "无法识别" in unknown and "规划助手" in unknown


async def test_a_deep_link_subscription_in_a_group_needs_a_group_admin(bot_harness: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    bot_harness.api.fail_methods["getChatMember"] = (400, "Bad Request: user not found")
    text = _plain(await bot_harness.command(f"/start {deeplink.payload('subscribe', 'GDP')}", chat_type="supergroup"))
    assert "只有群管理员" in text
    with sessions() as s:
        assert s.scalars(select(store.Subscription)).all() == []


def _membership(h: BotHarness, chat: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    return {"update_id": int(time.time() * 1000) % 10**9, "my_chat_member": {
        "chat": chat, "from": h.user, "date": int(time.time()),
        "old_chat_member": _member(old), "new_chat_member": _member(new)}}


def _member(status: str) -> dict[str, Any]:
    return {"user": BOT_USER, "status": status, **({"until_date": 0} if status == "kicked" else {})}


async def test_joining_a_group_greets_it_and_removal_pauses_its_subscriptions(bot_harness: BotHarness,  # type: ignore[no-untyped-def]
                                                                              sessions) -> None:
    greeting = _plain(await bot_harness.send(_membership(bot_harness, GROUP_CHAT, "left", "member")))
    assert "大家好，我是规划助手" in greeting and "/subscribe" in greeting
    with sessions.begin() as s:  # the group subscribed meanwhile
        sub = store.Subscription(chat_id=GROUP_CHAT["id"], user_id=1, weekday=0)
        sub.keyword_list = ["消防"]
        s.add(sub)
    assert await bot_harness.send(_membership(bot_harness, GROUP_CHAT, "member", "kicked")) == []
    with sessions() as s:
        [paused] = s.scalars(select(store.Subscription)).all()
    assert paused.paused and paused.pause_reason == "机器人已被移出群组"
    again = _plain(await bot_harness.send(_membership(bot_harness, GROUP_CHAT, "left", "member")))
    assert "1 条订阅" in again and "/subscriptions" in again


async def test_a_user_blocking_the_bot_pauses_their_subscriptions(bot_harness: BotHarness, sessions) -> None:  # type: ignore[no-untyped-def]
    await bot_harness.command("/subscribe 消防")
    private = bot_harness.chat_for("private", bot_harness.user)
    assert await bot_harness.send(_membership(bot_harness, private, "member", "kicked")) == []
    with sessions() as s:
        [sub] = s.scalars(select(store.Subscription)).all()
    assert sub.paused and sub.pause_reason == "用户已停用机器人"
