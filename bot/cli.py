"""The `planbot` command line: build, search, console, ask, run (polling or webhook), health, migrate,
digest, reload, import. Heavy modules are imported by the sub-command that needs them, so
`planbot --help` and `planbot health` start in a fraction of a second."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bot.digest_cli import add_parser as add_digest_parser


def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge base from plan files, write the JSON, print a summary."""
    from knowledge.builder import build_files
    from knowledge.errors import PlanError

    started = time.perf_counter()
    try:
        kb = build_files([Path(p) for p in args.paths])
    except PlanError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    if args.json:
        Path(args.json).write_text(kb.to_contract_json(), encoding="utf-8")
    for doc in kb.documents:
        counts = [sum(1 for x in items if x.doc == doc.file)
                  for items in (kb.sections, kb.indicators, kb.tasks, kb.terms)]
        print(f"{doc.file}\t{doc.kind}\t{doc.year}\t{doc.title}\n"
              f"  章节 {counts[0]}  指标 {counts[1]}  任务 {counts[2]}  名词 {counts[3]}")
    for warning in kb.warnings:
        where = f":{warning.line}" if warning.line else ""
        print(f"  警告 {warning.doc}{where} {warning.message}")
    print(f"共 {len(kb.documents)} 个文档，用时 {elapsed:.2f} 秒")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Search the live knowledge base (or --plans) and print the ranked hits (JSON with --json); the query
    `-` reads one query per line from standard input."""
    from bot.search_cli import cmd_search as search

    return search(args, live=_console_assembly)


def _settings():  # type: ignore[no-untyped-def]
    from bot.settings import get_settings

    return get_settings()


def cmd_migrate(args: argparse.Namespace) -> int:
    """Upgrade the database to the latest schema (also done by run/console/ask), or --downgrade to a
    revision, or --show the current one."""
    from bot.storage.base import current_revision, downgrade, migrate

    settings = _settings()
    where = settings.database_url.split("@")[-1]
    if args.show:
        print(f"{where}：{current_revision(settings.database_url) or '（空数据库）'}")
    elif args.downgrade:
        downgrade(settings.database_url, args.downgrade)
        print(f"数据库已降级到 {args.downgrade}：{where}（现为 {current_revision(settings.database_url) or 'base'}）")
    else:
        migrate(settings.database_url, init_empty=args.init_empty)
        print(f"数据库已升级到最新版本（{current_revision(settings.database_url)}）：{where}")
    return 0


def _console_assembly():  # type: ignore[no-untyped-def]
    """Settings, database and services for the console, serving the live knowledge-base version."""
    from bot.app import assemble

    assembly = assemble(_settings(), telegram=False)
    assembly.serve_live_version()
    return assembly


def cmd_console(args: argparse.Namespace) -> int:
    """Chat with the bot in the terminal (same answers as Telegram)."""
    from bot.console import run_console

    assembly = _console_assembly()
    try:
        return run_console(assembly.services, interactive=sys.stdin.isatty())
    finally:
        assembly.close()


def cmd_ask(args: argparse.Namespace) -> int:
    """Print the answer to one question (or /command), as the console shows it."""
    from bot.console import ConsoleChat

    assembly = _console_assembly()
    try:
        chat = ConsoleChat(assembly.services)
        print(chat.render(chat.handle(" ".join(args.question))))
        return 0
    finally:
        assembly.close()


def cmd_run(args: argparse.Namespace) -> int:
    """Connect to Telegram by long polling (or, with --webhook, serve as a webhook worker); without a
    token, open the console chat."""
    settings = _settings()
    if not settings.token:
        if args.webhook:
            print("错误：webhook 模式需要 PLANBOT_TOKEN。", file=sys.stderr)
            return 2
        print("未设置 PLANBOT_TOKEN，进入本地控制台对话（设置后即连接 Telegram）。")
        return cmd_console(args)
    if args.webhook and settings.webhook_register and not settings.webhook_url:
        print("错误：webhook 模式需要 PLANBOT_WEBHOOK_URL（Telegram 推送更新的公网 HTTPS 地址），"
              "或设置 PLANBOT_WEBHOOK_REGISTER=false 由运维自行调用 setWebhook。", file=sys.stderr)
        return 2
    from telegram.error import InvalidToken, NetworkError

    from bot import logs, runner
    from bot.app import assemble

    logs.configure(settings.log_format)
    assembly = assemble(settings)
    try:
        assert assembly.application is not None
        if args.webhook:
            runner.run_webhook(assembly.application, settings)
        else:
            runner.run_polling(assembly.application, settings)
    except InvalidToken:
        print("错误：PLANBOT_TOKEN 无效，请检查 @BotFather 给出的令牌。", file=sys.stderr)
        return 2
    except NetworkError as exc:
        print(f"错误：无法连接 Telegram（{exc}）。如在境内网络，请设置 PLANBOT_PROXY_URL。", file=sys.stderr)
        return 3
    finally:
        assembly.close()
    return 0


def cmd_health(args: argparse.Namespace) -> int:
    """Exit 0 when the running bot is healthy (webhook: its /healthz; polling: a fresh heartbeat), else 1."""
    from bot.runner import health

    healthy, seen = health(_settings(), args.url)
    print(seen)
    return 0 if healthy else 1


def parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    p = argparse.ArgumentParser(prog="planbot", description="规划助手 PlanBot")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="解析规划文件，输出知识库 JSON")
    b.add_argument("paths", nargs="+")
    b.add_argument("--json", metavar="FILE")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("search", help="检索知识库")
    s.add_argument("query", help="检索词；“-”表示从标准输入逐行读取（每行一个检索词）")
    s.add_argument("--json", action="store_true", help="输出 JSON 列表（逐行模式下每个检索词一行）")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--plans", nargs="+", help="只检索这些规划文件或文件夹（不读数据库）；默认：线上知识库")
    s.set_defaults(func=cmd_search)
    sub.add_parser("console", help="在终端里与机器人对话").set_defaults(func=cmd_console)
    m = sub.add_parser("migrate", help="把数据库升级到最新结构（或 --downgrade 到指定版本）")
    m.add_argument("--downgrade", metavar="REV", help="降级到该版本（如 0003_admin；base 为清空）")
    m.add_argument("--show", action="store_true", help="只显示当前版本")
    m.add_argument("--init-empty", action="store_true", help="把已存在的空（0 字节）数据库文件当作新数据库初始化")
    m.set_defaults(func=cmd_migrate)
    a = sub.add_parser("ask", help="回答一个问题并退出")
    a.add_argument("question", nargs="+")
    a.set_defaults(func=cmd_ask)
    r = sub.add_parser("run", help="连接 Telegram（长轮询，或 --webhook）；未设置令牌时进入控制台")
    r.add_argument("--webhook", action="store_true",
                   help="以 webhook 工作进程运行（多进程部署：反向代理 + PostgreSQL，见 README）")
    r.set_defaults(func=cmd_run)
    h = sub.add_parser("health", help="健康检查：webhook 模式查 /healthz，长轮询模式查心跳文件")
    h.add_argument("--url", help="要检查的 /healthz 地址（默认按设置推断）")
    h.set_defaults(func=cmd_health)
    add_digest_parser(sub)
    from bot.desk_cli import add_parser as add_export_parser  # the supervision ledger (issue 14)
    add_export_parser(sub)
    from bot.admin_cli import add_parsers as add_admin_parsers  # reload, import (admin work)
    add_admin_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the `planbot` command."""
    from bot.storage.opening import DatabaseRefused

    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 0
    try:
        return int(args.func(args))
    except DatabaseRefused as exc:  # a database that cannot be trusted: say why, change nothing
        print(f"错误：{exc.message}", file=sys.stderr)
        return 4
