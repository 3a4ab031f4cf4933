"""The command registry: every front end (Telegram handlers, console, /help, menus) comes from it."""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.admin_base import NOT_ADMIN
from bot.commands import BUTTONS, COMMANDS, admin_help, menu
from bot.registry import Access
from bot.render import to_console
from bot.who import Who
from tests.harness import BotHarness


def test_each_command_once_with_a_chinese_description() -> None:
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in c.description) for c in COMMANDS)
    assert [name for name, _ in admin_help()] == [c.name for c in COMMANDS
                                                  if c.access is Access.BOT_ADMINS and c.telegram]
    assert not {name for name, _ in admin_help()} & {name for name, _ in menu()}


async def test_telegram_handlers_are_generated_from_the_registry(bot_harness: BotHarness) -> None:
    handlers = [h for group in bot_harness.app.handlers.values() for h in group]
    commands = {name for h in handlers if isinstance(h, CommandHandler) for name in h.commands}
    assert commands == {c.name for c in COMMANDS if c.telegram}
    patterns = {h.pattern.pattern for h in handlers if isinstance(h, CallbackQueryHandler) and h.pattern}
    assert {f"^{route.record.PREFIX}:" for route in BUTTONS} <= patterns


async def test_help_lists_every_command_the_registry_gives_help_for(bot_harness: BotHarness) -> None:
    text = to_console(bot_harness.services.command("help"))[0]
    for command in COMMANDS:
        assert (f"/{command.name} — " in text) == (command.help is not None and command.telegram)


async def test_access_levels_are_applied_by_the_registry(bot_harness: BotHarness) -> None:
    services = bot_harness.services
    stranger = Who(user_id=4242, chat_id=4242)
    assert to_console(services.command("stats", "", stranger))[0] == NOT_ADMIN
    assert "使用统计" in to_console(services.command("stats", "", Who(user_id=900, chat_id=900)))[0]
    in_group = Who(user_id=4242, chat_id=-100, chat_type="supergroup")
    assert "群管理员" in to_console(services.command("subscribe", "消防", in_group))[0]  # no role known: refused
    console = Who(source="console")
    assert "使用统计" in to_console(services.command("stats", "", console))[0]


def test_where_a_command_is_offered() -> None:
    from bot.registry import Command, Where, misplaced
    from bot.replies import Reply

    private_only = Command("x", "仅私聊", lambda r: Reply(), where=Where.PRIVATE)
    group = Who(user_id=1, chat_id=-100, chat_type="group")
    assert misplaced(private_only, Who(user_id=1, chat_id=1)) is None
    assert "私聊" in to_console(misplaced(private_only, group))[0]  # type: ignore[arg-type]
    assert all(misplaced(c, group) is None and misplaced(c, Who()) is None for c in COMMANDS)
