"""About the bot: /start, /help (generated from the command registry) and /version."""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING

from bot.callback_data import OutlineDocument, OutlineRoot
from bot.replies import Reply, Span

if TYPE_CHECKING:
    from bot.services import BotServices


def start_reply(services: BotServices) -> Reply:
    """/start: what the bot does and how to ask."""
    active = services.state.active
    r = Reply().title("您好，我是规划助手。")
    r.line(f"我已读取 {len(active.kb.documents)} 份规划文件，可以查询指标、任务、章节和名词解释，"
           "答案都注明出处。")
    r.blank().line("直接发问即可，例如：")
    for q in services.answers.examples(active):
        r.line("• ", Span(q, "code"))
    r.blank().line("发送 /help 查看全部命令。")
    r.row(("📚 文件列表", services.codec.encode(OutlineDocument(-1))), ("🗂 目录", services.codec.encode(OutlineRoot())))
    return r


def help_reply(services: BotServices) -> Reply:
    """/help: every command the registry lists for /help, with a working example."""
    from bot.commands import COMMANDS, available

    r = Reply().title("使用说明")
    r.line("私聊中直接发送问题；群聊中请用 /find 或 @我 提问。")
    r.blank()
    for command in COMMANDS:
        if command.help is None or not command.telegram or not available(command, services):
            continue
        example = command.example(services) if command.example else f"/{command.name}"
        r.line(Span(f"/{command.name}", "bold"), f" — {command.help}，如 ", Span(example, "code"))
    if services.bot_username:
        r.blank().line("在任意聊天中输入 ", Span(f"@{services.bot_username} 固投", "code"), " 可直接插入答案。")
    return r


def version_reply(services: BotServices) -> Reply:
    """/version: the bot's version and the live knowledge base's version number."""
    try:
        bot_version = metadata.version("planbot")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        bot_version = "未知"
    active = services.state.active
    return (Reply().title("规划助手 PlanBot")
            .field("程序版本", bot_version)
            .field("知识库版本", f"{active.version}（{len(active.kb.documents)} 份规划文件）"))
