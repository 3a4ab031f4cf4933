"""`planbot export FILE.xlsx [过滤…]`: the supervision ledger (督办台账) written to a file."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bot.digest_cli import _date, _today


def add_parser(sub: Any) -> None:
    """Register the `export` sub-command on the CLI's sub-parsers."""
    e = sub.add_parser("export", help="导出督办台账（.xlsx），可加与 /export 相同的过滤词")
    e.add_argument("file", help="输出文件，如 台账.xlsx")
    e.add_argument("filters", nargs="*", metavar="过滤",
                   help="关键词、文件:…、单位:…、逾期/临期/已完成/未完成、本月/本季度/今年、30天")
    e.add_argument("--today", type=_date, help="设定今天（YYYY-MM-DD），默认 PLANBOT_TODAY 或当前日期")
    e.add_argument("--plans", nargs="+", help="只用这些规划文件（不读数据库里的进展）；默认：线上知识库和进展")
    e.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Write the ledger of the matching tasks; bad filters get a Chinese message and exit code 2."""
    from bot.callback_data import PLAIN
    from bot.charts import Charts
    from bot.digest_service import EngineCache
    from bot.kbstate import KnowledgeState
    from bot.ledger_service import LedgerService
    from knowledge.desk.ledger import LedgerScope
    from knowledge.digest.options import OptionError, parse_export

    try:
        req = parse_export(" ".join(args.filters))
    except OptionError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    today = _today(args)
    clock = _clock(today)
    assembly = None
    if args.plans:
        from knowledge.builder import build_files

        state = KnowledgeState(build_files([Path(p) for p in args.plans]))
        ledger = LedgerService(state, EngineCache(state), lambda _kb: {}, clock, PLAIN, Charts())
    else:
        from bot.app import assemble
        from bot.settings import get_settings

        assembly = assemble(get_settings(), telegram=False)
        assembly.serve_live_version()
        services = assembly.services
        ledger = LedgerService(services.state, services.digests.engine, services.desk.office, clock, PLAIN, Charts())
    try:
        engine = ledger.engine()
        if req.filters.doc and not engine.matching_documents(req.filters.doc):
            print(f"错误：没有找到文件“{req.filters.doc}”。", file=sys.stderr)
            return 2
        attachment, rows = ledger.workbook(req.filters, LedgerScope(req.statuses, req.period, req.window))
        if attachment is None:
            print("没有符合条件的任务，未生成台账。", file=sys.stderr)
            return 1
        Path(args.file).write_bytes(attachment.data)
        print(f"已写入 {args.file}：{len(rows)} 项任务")
        return 0
    finally:
        if assembly is not None:
            assembly.close()


def _clock(today: dt.date) -> Any:
    """The settings' local clock on `today` (the ledger's statuses are as of that day)."""
    from bot.settings import Settings, local_clock

    return local_clock(Settings(today=today))
