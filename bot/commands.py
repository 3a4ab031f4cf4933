"""The command registry: every command and every kind of button, once.

Adding a command is one `Command(...)` entry here plus the service function it runs: the Telegram
handler, the console, /help (when `help` is given), /admin (for bot-admin commands) and the command
menu follow from the entry. Adding a kind of button is one record type in `bot.callback_data` plus
one `ButtonRoute` here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot import about, deeplink
from bot.callback_data import (
    Ask,
    DigestAction,
    DraftAction,
    IndicatorPage,
    IndicatorSearchPage,
    OpenIndicatorGroup,
    OpenItem,
    OutlineDocument,
    OutlineRoot,
    OutlineSection,
    ReadParagraph,
    ReadSection,
    Record,
    ResultsPage,
    TaskPage,
)
from bot.desk_records import BoardChart, BoardList, DeskAction, ExtensionDecision, IndicatorChart
from bot.registry import Access, ButtonRoute, Command, Request, Where
from bot.replies import Reply

if TYPE_CHECKING:
    from bot.admin_service import AdminService
    from bot.services import BotServices


def _admin(req: Request) -> AdminService:
    """The admin service (admin commands are only offered when there is one: a database)."""
    admin = req.services.admin
    if admin is None:
        raise RuntimeError("admin commands need a database")
    return admin


def _import_file(req: Request) -> Reply:
    """Console /import PATH: upload a local plan file as an admin would in chat."""
    import asyncio
    from pathlib import Path

    admin = _admin(req)
    path = Path(req.arg.strip()).expanduser()
    if not path.is_file():
        return Reply().line(f"找不到文件：{req.arg}。用法：/import 文件路径")
    refusal = admin.precheck_upload(req.actor, path.name, path.stat().st_size)
    return refusal or asyncio.run(admin.prepare_upload(req.actor, path.name, path.read_bytes()))


def _find_example(services: BotServices) -> str:
    examples = services.answers.examples()
    return f"/find {examples[1 % len(examples)]}"


def _term_example(services: BotServices) -> str:
    # Without glossary terms, /term alone (the list) is the example that works.
    terms = services.state.active.kb.terms
    return f"/term {terms[0].term}" if terms else "/term"


def _example(text: str) -> Callable[[BotServices], str]:
    return lambda _services: text


COMMANDS: list[Command] = [
    # ----- questions and browsing -----
    Command("find", "查询指标、任务、章节或名词，如 /find 固投",
            lambda r: r.services.answers.find(r.arg, r.who),
            help="查询指标、任务、章节或名词", example=_find_example),
    Command("docs", "已载入的规划文件", lambda r: r.services.browse.docs(), help="已载入的规划文件"),
    Command("outline", "按目录浏览文件", lambda r: r.services.browse.outline(r.arg), help="按目录浏览文件"),
    Command("indicators", "指标列表，可加文件序号", lambda r: r.services.browse.indicators(r.arg),
            help="指标列表（可指定文件序号或名称）", example=_example("/indicators 1")),
    Command("tasks", "任务与完成时限，可加关键词", lambda r: r.services.browse.tasks(r.arg),
            help="任务和完成时限（可加关键词）", example=_example("/tasks 改造")),
    Command("term", "名词解释", lambda r: r.services.browse.term(r.arg), help="名词解释", example=_term_example),
    Command("help", "使用说明", lambda r: about.help_reply(r.services, r.who), help="本说明"),
    Command("start", "开始使用", lambda r: about.start_reply(r.services, r.arg), help="开始使用（链接可带参数直达命令）",
            redirect=deeplink.parse),
    # ----- deadline digests -----
    Command("subscribe", "订阅每周截止任务提醒（可加关键词、文件、单位）",
            lambda r: r.services.digests.subscribe(r.chat_id, r.who.user_id, r.arg),
            access=Access.GROUP_ADMINS, help="订阅每周截止任务提醒（可加关键词、文件、单位）",
            example=_example("/subscribe 老旧小区"), blocking=True),
    Command("subscriptions", "查看和修改本聊天的订阅",
            lambda r: r.services.digests.list_subscriptions(r.chat_id), help="查看和修改本聊天的订阅"),
    Command("unsubscribe", "退订", lambda r: r.services.digests.unsubscribe(r.chat_id, r.arg),
            access=Access.GROUP_ADMINS, help="退订（编号或“全部”）", example=_example("/unsubscribe 全部"),
            blocking=True),
    Command("due", "近期到期的任务，如 /due 30", lambda r: r.services.digests.due(r.chat_id, r.arg),
            help="近期到期的任务（可加天数和关键词）", example=_example("/due 30")),
    Command("overdue", "已逾期的任务", lambda r: r.services.digests.overdue(r.chat_id, r.arg),
            help="已逾期的任务（可加关键词）"),
    Command("digest", "预览下一期周报", lambda r: r.services.digests.preview(r.chat_id), help="预览下一期周报"),
    Command("ics", "导出截止日期日历文件（.ics）", lambda r: r.services.digests.ics(r.chat_id),
            help="导出截止日期日历文件（.ics）"),
    # ----- the supervision desk (督办) -----
    Command("export", "导出督办台账（Excel），可加关键词、文件、单位、逾期/本月",
            lambda r: r.services.ledger.export(r.arg), help="导出督办台账（Excel；可加关键词、文件:、单位:、逾期、本月）",
            example=_example("/export 逾期"), blocking=True),
    Command("board", "督办看板：各规划、各牵头单位的逾期/临期/正常/已完成",
            lambda r: r.services.ledger.board(), help="督办看板（逾期/临期/正常/已完成，可看图表）",
            blocking=True),
    Command("history", "任务的进展记录，如 /history 老旧小区", lambda r: r.services.desk.history_command(r.arg),
            help="任务的进展记录（任务卡片上可直接填报进展）", example=_example("/history 改造")),
    Command("version", "机器人和知识库的版本", lambda r: about.version_reply(r.services), help="机器人和知识库的版本"),
    # ----- bot admins (listed by /admin, not in the menu) -----
    Command("reload", "重新加载规划文件夹（预览变更，确认后发布）",
            lambda r: _admin(r).prepare_reload(r.actor, r.progress),
            access=Access.BOT_ADMINS, menu=False, progress="正在重新加载 …"),
    Command("versions", "知识库版本列表", lambda r: _admin(r).list_versions(r.actor),
            access=Access.BOT_ADMINS, menu=False, blocking=True),
    Command("rollback", "回滚到指定版本，如 /rollback 3", lambda r: _admin(r).prepare_rollback(r.actor, r.arg),
            access=Access.BOT_ADMINS, menu=False),
    Command("remove", "撤下一个文档，如 /remove 文件名", lambda r: _admin(r).prepare_remove(r.actor, r.arg),
            access=Access.BOT_ADMINS, menu=False),
    Command("alias", "简称词表；/alias 规上 规模以上 添加", lambda r: _admin(r).alias(r.actor, r.args),
            access=Access.BOT_ADMINS, menu=False),
    Command("unalias", "删除简称，如 /unalias 规上", lambda r: _admin(r).unalias(r.actor, r.args),
            access=Access.BOT_ADMINS, menu=False),
    Command("admin", "管理员列表；/admin add|remove ID",
            lambda r: _admin(r).admin_command(r.actor, r.args, admin_help()),
            access=Access.BOT_ADMINS, menu=False),
    Command("allow", "白名单；/allow ID 允许用户或群组", lambda r: _admin(r).allow(r.actor, r.args),
            access=Access.BOT_ADMINS, menu=False),
    Command("deny", "从白名单移除，如 /deny ID", lambda r: _admin(r).deny(r.actor, r.args),
            access=Access.BOT_ADMINS, menu=False),
    Command("stats", "使用统计", lambda r: _admin(r).stats(r.actor), access=Access.BOT_ADMINS, menu=False,
            blocking=True),
    Command("gaps", "未找到答案的查询", lambda r: _admin(r).gaps(r.actor), access=Access.BOT_ADMINS, menu=False,
            blocking=True),
    Command("audit", "管理操作记录", lambda r: _admin(r).audit_log(r.actor), access=Access.BOT_ADMINS, menu=False),
    Command("import", "导入一个本地规划文件，如 /import 文件路径", _import_file, access=Access.BOT_ADMINS,
            menu=False, telegram=False),
]

BY_NAME: dict[str, Command] = {c.name: c for c in COMMANDS}


def admin_help() -> list[tuple[str, str]]:
    """The bot-admin commands offered in chat, with their descriptions (for /admin)."""
    return [(c.name, c.description) for c in COMMANDS if c.access is Access.BOT_ADMINS and c.telegram]


def menu() -> list[tuple[str, str]]:
    """Telegram's command menu: (name, Chinese description), in registry order."""
    return [(c.name, c.description) for c in COMMANDS if c.menu and c.telegram]


MENU_SCOPES = ("private", "groups", "group_admins", "bot_admins")


def menus() -> dict[str, list[tuple[str, str]]]:
    """The command menu of each scope, from the registry's `access` and `where`: private chats, group
    members, group admins (who also manage the group's subscriptions), and bot admins in their private
    chat (the admin commands too)."""
    offered = [c for c in COMMANDS if c.telegram]
    everyday = [c for c in offered if c.menu and c.access is not Access.BOT_ADMINS]
    private = [c for c in everyday if c.where & Where.PRIVATE]
    in_groups = [c for c in everyday if c.where & Where.GROUP]
    scopes = {
        "private": private,
        "groups": [c for c in in_groups if c.access is Access.EVERYONE],
        "group_admins": in_groups,
        "bot_admins": private + [c for c in offered if c.access is Access.BOT_ADMINS],
    }
    return {scope: [(c.name, c.description) for c in commands] for scope, commands in scopes.items()}


def available(command: Command, services: BotServices) -> bool:
    """Whether this bot offers the command (admin commands need the admin service, i.e. a database)."""
    return command.access is not Access.BOT_ADMINS or services.admin is not None


# ----- buttons: one route per record type (one callback prefix each) -----------------------------

def _open_item(req: Request, record: OpenItem) -> Reply:
    return req.services.cards.open(req.services.state.active.kb, record.KIND, record.id)


def _digest_access(record: DigestAction) -> Access:
    return Access.GROUP_ADMINS if record.changes else Access.EVERYONE


def _desk(req: Request, record: DeskAction) -> Reply:
    """A task's desk button: start a report (n, d, x), undo completion (r), history (h), cancel (c)."""
    desk = req.services.desk
    if record.verb == "c":
        return desk.cancel(req.who)
    if record.verb == "h":
        return desk.history(record.task_id)
    if record.verb == "r":
        return desk.reopen(req.who, record.task_id)
    return desk.start(req.who, record.task_id, {"n": "note", "d": "done", "x": "extension"}[record.verb])


async def _in_thread(run: Callable[[], Reply]) -> Reply:
    """Run CPU-heavy work (charts) in a worker thread, off the event loop."""
    import asyncio

    return await asyncio.to_thread(run)


def _indicator_chart(req: Request, record: IndicatorChart) -> Awaitable[Reply]:
    kb = req.services.state.active.kb
    index = req.services.cards.trajectories(kb)
    return _in_thread(lambda: req.services.ledger.indicator_chart(kb, index, record.id))


BUTTONS: list[ButtonRoute] = [
    ButtonRoute(ResultsPage, lambda r, b: r.services.answers.page(b.query, b.page, r.who)),
    ButtonRoute(Ask, lambda r, b: r.services.answers.ask(b.text, r.who)),
    *[ButtonRoute(kind, _open_item) for kind in OpenItem.__subclasses__()],
    ButtonRoute(OpenIndicatorGroup, lambda r, b: r.services.cards.open_group(r.services.state.active.kb, b.ids)),
    ButtonRoute(ReadSection,
                lambda r, b: r.services.cards.section_page(r.services.state.active.kb, b.section_id, b.page)),
    ButtonRoute(ReadParagraph,
                lambda r, b: r.services.cards.paragraph(r.services.state.active.kb, b.passage_id, b.marks)),
    ButtonRoute(OutlineRoot, lambda r, b: r.services.browse.outline_root(replace=True)),
    ButtonRoute(OutlineDocument, lambda r, b: r.services.browse.outline_doc(b.index)),
    ButtonRoute(OutlineSection, lambda r, b: r.services.browse.outline_section(b.section_id)),
    ButtonRoute(IndicatorPage, lambda r, b: r.services.browse.indicator_page(b.doc, "", b.page)),
    ButtonRoute(IndicatorSearchPage, lambda r, b: r.services.browse.indicator_page(None, b.keyword, b.page)),
    ButtonRoute(TaskPage, lambda r, b: r.services.browse.task_page(b.keyword, b.page)),
    ButtonRoute(DigestAction, lambda r, b: r.services.digests.press(r.chat_id, r.who.user_id, b),
                access=_digest_access, expired=False, toast=True, blocking=True),
    ButtonRoute(DraftAction, lambda r, b: _admin(r).press(r.actor, b, r.arg), access=lambda _b: Access.BOT_ADMINS,
                expired=False),
    ButtonRoute(DeskAction, _desk),
    ButtonRoute(ExtensionDecision, lambda r, b: r.services.desk.decide(r.who, b.note_id, b.verb == "a"),
                access=lambda _b: Access.BOT_ADMINS, expired=False),
    ButtonRoute(BoardList, lambda r, b: r.services.ledger.board_list(b)),
    ButtonRoute(BoardChart, lambda r, b: _in_thread(r.services.ledger.board_chart)),
    ButtonRoute(IndicatorChart, _indicator_chart),
]

ROUTES: dict[type[Record], ButtonRoute] = {route.record: route for route in BUTTONS}
