"""The real Application and chat handlers against the fake Bot API: commands, buttons, inline, groups."""

from __future__ import annotations

import pytest

from bot.app import ERROR_TEXT, all_commands
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
    for result in answers[0].params["results"]:
        assert result["type"] == "article"
        assert "来源" in result["input_message_content"]["message_text"]


async def test_empty_inline_query_answers_nothing(bot_harness: BotHarness) -> None:
    calls = await bot_harness.inline("")
    assert calls[0].method == "answerInlineQuery"
    assert calls[0].params["results"] == []


async def test_handler_error_gets_chinese_apology(bot_harness: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.deps import get_deps

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(get_deps(bot_harness.app.bot_data).service, "ask", boom)
    with pytest.raises(HandlerError):
        await bot_harness.text("固投")
    calls = await bot_harness.text("固投", expect_error=True)
    assert ERROR_TEXT in bot_harness.texts(calls)


async def test_stale_button_is_explained(bot_harness: BotHarness) -> None:
    calls = await bot_harness.press("i:no-such-id")
    assert "失效" in bot_harness.texts(calls)[0]
