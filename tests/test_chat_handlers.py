"""The real Application and chat handlers against the fake Bot API: commands, buttons, inline, groups."""

from __future__ import annotations

import pytest

from bot.app import ERROR_TEXT
from bot.commands import menu as all_commands
from bot.render import TELEGRAM_LIMIT, html_to_plain, utf16_len
from tests.harness import BotHarness, HandlerError


async def test_post_init_sets_chinese_command_menu(bot_harness: BotHarness) -> None:
    calls = bot_harness.api.calls_of("setMyCommands")
    assert len(calls) == 1
    commands = calls[0].params["commands"]
    names = [c["command"] for c in commands]
    assert {"find", "docs", "outline", "indicators", "tasks", "term", "help", "start"} <= set(names)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in c["description"]) for c in commands)
    assert [n for n, _ in all_commands()] == names


@pytest.mark.parametrize("command", ["/start", "/help", "/docs", "/outline", "/indicators", "/tasks",
                                     "/term", "/find", "/find 固投", "/indicators 1", "/tasks 改造",
                                     "/outline 1", "/term 不存在的词汇"])
async def test_every_command_answers_in_chinese(bot_harness: BotHarness, command: str) -> None:
    calls = await bot_harness.command(command)
    texts = bot_harness.texts(calls)
    assert texts, f"{command} sent nothing"
    assert all(utf16_len(t) <= TELEGRAM_LIMIT for t in texts)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in texts[0])


async def test_start_buttons_work(bot_harness: BotHarness) -> None:
    await bot_harness.command("/start")
    labels = [label for label, _ in bot_harness.last_buttons()]
    assert labels
    for label in labels:
        calls = await bot_harness.press_label(label)
        assert bot_harness.texts(calls)
        assert calls[0].method == "answerCallbackQuery"


async def test_outline_navigation_edits_message(bot_harness: BotHarness) -> None:
    await bot_harness.command("/outline")
    first_doc = bot_harness.last_buttons()[0]
    calls = await bot_harness.press_label(first_doc[0])
    assert [c.method for c in calls][-1] == "editMessageText"
    assert "⬆ 文件列表" in [label for label, _ in bot_harness.last_buttons()]


async def test_group_chatter_is_ignored(bot_harness: BotHarness) -> None:
    calls = await bot_harness.text("大家好，明天开会", chat_type="supergroup")
    assert calls == []


async def test_group_find_and_mention_answer(bot_harness: BotHarness) -> None:
    for text in ["/find 固投", "/find@planbot_test 固投", "@planbot_test 固投"]:
        calls = await bot_harness.text(text, chat_type="supergroup")
        messages = bot_harness.messages(calls)
        assert messages, text
        assert messages[0].params.get("reply_parameters"), "group answers quote the question"
        assert "@planbot_test" not in html_to_plain(messages[0].text)


async def test_group_reply_to_bot_is_a_question(bot_harness: BotHarness) -> None:
    calls = await bot_harness.text("固投", chat_type="supergroup", reply_to_bot=True)
    assert bot_harness.messages(calls)


HOSTILE = ["<b>粗体</b>", "A & B <i>", "x" * 10_000, "😀🇨🇳 固投 👍", "固\x00投\x00", "</code><script>", "&amp;"]


@pytest.mark.parametrize("text", HOSTILE)
async def test_hostile_text_is_escaped_and_answered(bot_harness: BotHarness, text: str) -> None:
    calls = await bot_harness.text(text)
    messages = bot_harness.messages(calls)
    assert messages
    for m in messages:
        assert "\x00" not in m.text
        assert utf16_len(m.text) <= TELEGRAM_LIMIT
        # Only our own tags appear: any < in user text is escaped.
        stripped = m.text
        for tag in ("<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "<blockquote>", "</blockquote>"):
            stripped = stripped.replace(tag, "")
        assert "<" not in stripped


async def test_inline_query_answers_articles(bot_harness: BotHarness) -> None:
    calls = await bot_harness.inline("固投")
    answers = [c for c in calls if c.method == "answerInlineQuery"]
    assert len(answers) == 1
    assert answers[0].params["results"], "固投 finds something"
    for result in answers[0].params["results"]:
        assert result["type"] == "article"
        assert "来源" in result["input_message_content"]["message_text"]


async def test_empty_inline_query_answers_nothing(bot_harness: BotHarness) -> None:
    calls = await bot_harness.inline("")
    assert calls[0].method == "answerInlineQuery"
    assert calls[0].params["results"] == []


async def test_handler_error_gets_chinese_apology(bot_harness: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(bot_harness.services, "ask", boom)
    with pytest.raises(HandlerError):
        await bot_harness.text("固投")
    calls = await bot_harness.text("固投", expect_error=True)
    assert ERROR_TEXT in bot_harness.texts(calls)


async def test_stale_button_is_explained(bot_harness: BotHarness) -> None:
    calls = await bot_harness.press("i:no-such-id")
    assert "失效" in bot_harness.texts(calls)[0]


# ----- on a small synthetic knowledge base (deterministic results, independent of search tuning) -----

@pytest.fixture
async def small_harness(settings, sessions):  # type: ignore[no-untyped-def]
    from bot.kbstate import KnowledgeState
    from tests.test_service import StandInIndex, make_kb

    kb = make_kb()
    # A hand-built knowledge base: start-up keeps serving it (it is not the plans folder's).
    h = await BotHarness.create(settings, KnowledgeState(kb, index=StandInIndex(kb)), sessions)  # type: ignore[arg-type]
    yield h
    await h.close()


async def test_answer_card_then_more_results_paginate_by_editing(small_harness: BotHarness) -> None:
    calls = await small_harness.text("测试指标")
    [msg] = small_harness.messages(calls)
    assert msg.text.startswith("📊 <b>测试指标0</b>")
    calls = await small_harness.press_label("更多结果（共 12 条）▶")
    assert calls[0].method == "answerCallbackQuery"
    assert calls[-1].method == "editMessageText"
    assert calls[-1].params["message_id"] == msg.result["message_id"]
    assert "找到 12 条" in html_to_plain(calls[-1].text)
    calls = await small_harness.press_label("下一页 ▶")
    assert "11. " in html_to_plain(calls[-1].text)
    calls = await small_harness.press_label("11")
    assert calls[-1].method == "sendMessage" and "测试指标10" in calls[-1].text


async def test_same_page_pressed_twice_is_quiet(small_harness: BotHarness) -> None:
    await small_harness.text("测试指标")
    small_harness.api.fail_methods["editMessageText"] = (
        400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same")
    calls = await small_harness.press_label("更多结果（共 12 条）▶")
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]


async def test_inline_articles_insert_cards_with_source(small_harness: BotHarness) -> None:
    calls = await small_harness.inline("规模以上工业总产值")
    [answer] = [c for c in calls if c.method == "answerInlineQuery"]
    results = answer.params["results"]
    assert results[0]["title"] == "规模以上工业总产值"
    content = results[0]["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert "来源" in content["message_text"] and "81.11" in content["message_text"]
    assert len({r["id"] for r in results}) == len(results)


async def test_group_mention_answers_with_card(small_harness: BotHarness) -> None:
    calls = await small_harness.text("@planbot_test 一街四所", chat_type="group")
    [msg] = small_harness.messages(calls)
    assert "街道与派出所" in msg.text
    assert msg.params["chat_id"] < 0


async def test_allowlist_refuses_strangers_and_admits_admins(settings, sessions, kb_state) -> None:  # type: ignore[no-untyped-def]
    settings.access = "allowlist"
    settings.allowed_ids = [502]
    # The one access policy: settings' allowlist and admins, the database's allowlist, one refusal.
    h = await BotHarness.create(settings, kb_state, sessions)
    try:
        calls = await h.text("固投")
        assert h.texts(calls) == ["抱歉，您还没有使用权限，请联系管理员开通。"]
        calls = await h.inline("固投")
        assert calls[0].params["results"] == []
        assert (await h.text("@planbot_test 固投", chat_type="supergroup")) == []
        for uid in (502, 900):
            calls = await h.text("/docs", user={"id": uid, "is_bot": False, "first_name": "x"})
            assert "已载入" in h.texts(calls)[0]
    finally:
        await h.close()


async def test_reply_with_document_is_uploaded(bot_harness: BotHarness) -> None:
    """A Reply's Attachment is sent with sendDocument after the text (admins' change reports use it)."""
    from telegram.ext import CommandHandler

    from bot.replies import Attachment, Reply
    from handlers.common import send_reply

    async def report(update, context):  # type: ignore[no-untyped-def]
        reply = Reply(document=Attachment("报告.txt", "变更 & 说明".encode(), "变更<报告>")).line("报告如下")
        await send_reply(update, context, reply)

    bot_harness.app.add_handler(CommandHandler("report", report), group=-2)
    calls = await bot_harness.command("/report")
    assert [c.method for c in calls] == ["sendMessage", "sendDocument"]
    assert calls[1].files and calls[1].params["caption"] == "变更<报告>"


async def test_long_answer_is_split_under_limit(small_harness: BotHarness) -> None:
    state = small_harness.services.state
    kb = state.kb.model_copy(deep=True)
    kb.terms[0].definition = "很长的定义😀&<b>" * 1500
    from tests.test_service import StandInIndex

    state.swap(kb, index=StandInIndex(kb))  # type: ignore[arg-type]
    calls = await small_harness.command("/term 一街四所")
    messages = small_harness.messages(calls)
    assert len(messages) >= 3
    assert all(utf16_len(m.text) <= TELEGRAM_LIMIT for m in messages)
    assert "".join(html_to_plain(m.text) for m in messages).count("很长的定义😀&<b>") == 1500


async def test_edited_message_is_not_answered_again(bot_harness: BotHarness) -> None:
    update = bot_harness.message_update("固投")
    update["edited_message"] = update.pop("message")
    update["edited_message"]["edit_date"] = update["edited_message"]["date"]
    assert await bot_harness.send(update) == []


async def test_section_card_reads_whole_section(bot_harness: BotHarness) -> None:
    await bot_harness.command("/outline 1")
    first_section = bot_harness.last_buttons()[0][0]
    await bot_harness.press_label(first_section)
    calls = await bot_harness.press_label("阅读全文")
    text = html_to_plain(bot_harness.texts(calls)[-1])
    assert "来源：" in text and len(text) > 200
