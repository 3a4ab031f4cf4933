"""Answers never wait: updates of different chats run concurrently (work off the event loop), one
chat's updates keep their order; a crash is reported, apologised for, and never logged as a gap."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram import Update

from bot.concurrency import ChatOrderedProcessor, chat_key
from bot.error_report import ReportThrottle
from bot.registry import ERROR_TEXT
from bot.storage.chat import QueryLog
from tests.harness import BotHarness

USER_B = {"id": 502, "is_bot": False, "first_name": "李", "username": "lisi"}


async def _through_the_queue(h: BotHarness, updates: list[dict[str, Any]], expected_messages: int,
                             timeout: float = 10.0) -> list[tuple[float, int, str]]:
    """Feed updates as polling/webhook would (the app's queue and update processor); return
    (time, chat id, text) of each sendMessage, in order, once `expected_messages` were sent."""
    await h.start_jobs()
    started = time.perf_counter()
    for update in updates:
        await h.app.update_queue.put(Update.de_json(update, h.app.bot))
    deadline = started + timeout
    while len(h.api.calls_of("sendMessage")) < expected_messages and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    return [(started, int(c.params["chat_id"]), c.text) for c in h.api.calls_of("sendMessage")]


async def test_a_slow_chat_does_not_hold_up_another(bot_harness: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    services = bot_harness.services
    real_ask = services.ask
    order: list[str] = []

    def ask(text: str, who: Any = None) -> Any:
        if text == "慢":  # a long piece of work (an upload's parse, a slow query) in chat A, which
            deadline = time.monotonic() + 5  # only ends once chat B has had its answer
            while not bot_harness.api.calls_of("sendMessage") and time.monotonic() < deadline:
                time.sleep(0.01)
            order.append("slow")
        else:
            order.append("fast")
        return real_ask(text, who)

    monkeypatch.setattr(services, "ask", ask)
    slow = bot_harness.message_update("慢")
    fast = bot_harness.message_update("固投", user=USER_B)
    sent = await _through_the_queue(bot_harness, [slow, fast], expected_messages=2)
    assert order == ["fast", "slow"]
    assert [chat for _, chat, _ in sent] == [USER_B["id"], bot_harness.user["id"]]


async def test_one_chats_updates_keep_their_order(bot_harness: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    services = bot_harness.services
    real_ask = services.ask

    def ask(text: str, who: Any = None) -> Any:
        if text == "第一":
            time.sleep(0.3)  # the first is slow: the second must still come after it
        return real_ask(text, who)

    monkeypatch.setattr(services, "ask", ask)
    updates = [bot_harness.message_update(t) for t in ("第一", "第二", "第三")]
    sent = await _through_the_queue(bot_harness, updates, expected_messages=3)
    texts = [text for _, _, text in sent]
    assert len(texts) == 3
    assert texts.index(next(t for t in texts if "第二" in t)) < texts.index(next(t for t in texts if "第三" in t))
    assert "第一" in texts[0]


def test_chat_key_orders_chats_but_not_inline_queries(bot_harness: BotHarness) -> None:
    bot = bot_harness.app.bot
    assert chat_key(Update.de_json(bot_harness.message_update("x"), bot)) == bot_harness.user["id"]
    assert chat_key(Update.de_json(bot_harness.inline_update("x"), bot)) is None


async def test_processor_forgets_idle_chats() -> None:
    processor = ChatOrderedProcessor(8)

    async def work() -> None:
        await asyncio.sleep(0)

    await asyncio.gather(*(processor.process_update(object(), work()) for _ in range(5)))
    assert processor.busy_chats == 0


async def test_a_search_crash_is_apologised_for_reported_and_not_a_gap(settings, kb_state, sessions,  # type: ignore[no-untyped-def]
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    settings.error_chat_id = -100999
    h = await BotHarness.create(settings, kb_state, sessions)
    try:
        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("index corrupted")

        monkeypatch.setattr(kb_state.active.index, "search", broken)
        update = h.message_update("固投")
        calls = await h.send(update, expect_error=True)
        texts = h.texts(calls)
        assert ERROR_TEXT in texts and not any("未找到" in t for t in texts)
        [report] = [c for c in calls if c.params.get("chat_id") == -100999]
        assert f"处理更新 {update['update_id']} 时出错" in report.text
        assert "Traceback" in report.text and "RuntimeError: index corrupted" in report.text
        with sessions() as s:
            assert s.scalar(select(func.count()).select_from(QueryLog)) == 0  # not logged as a gap
    finally:
        await h.close()


def test_the_same_failure_is_reported_once_a_minute() -> None:
    throttle = ReportThrottle(interval=60)
    try:
        raise ValueError("x")
    except ValueError as exc:
        error = exc
    assert throttle.admit(error, now=0) == (True, 0)
    assert throttle.admit(error, now=10) == (False, 0)
    assert throttle.admit(error, now=20) == (False, 0)
    assert throttle.admit(error, now=61) == (True, 2)
