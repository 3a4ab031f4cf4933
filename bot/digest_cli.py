"""`planbot digest`: preview a digest (or write the .ics calendar) in the console, with a settable today."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from bot.digest_render import render_digest
from bot.render import to_console
from knowledge.builder import build_files
from knowledge.digest.engine import DEFAULT_WINDOW, URGENCIES, DigestEngine, DigestFilters
from knowledge.digest.ics import calendar_ics


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，收到：{text}") from exc


def add_parser(sub: Any) -> None:
    """Register the `digest` sub-command on the CLI's sub-parsers."""
    from knowledge.builder import BUNDLED_PLANS

    d = sub.add_parser("digest", help="预览截止任务周报（--preview）或导出 .ics 日历")
    d.add_argument("--preview", action="store_true", help="在终端打印周报")
    d.add_argument("--keywords", nargs="+", default=[], metavar="词", help="关键词（与聊天检索相同）")
    d.add_argument("--doc", help="只看某个文件（文件名或标题的一部分）")
    d.add_argument("--unit", help="只看某个责任单位")
    d.add_argument("--window", type=int, default=DEFAULT_WINDOW, help="提前天数（默认 14）")
    d.add_argument("--today", type=_date, help="设定今天（YYYY-MM-DD），默认 PLANBOT_TODAY 或当前日期")
    d.add_argument("--ics", metavar="FILE", help="把符合条件的截止日期写成 .ics 日历文件")
    d.add_argument("--plans", nargs="+", default=[str(BUNDLED_PLANS)])
    d.set_defaults(func=cmd_digest)


def _today(args: argparse.Namespace) -> dt.date:
    """--today, else PLANBOT_TODAY, else the current date in the configured time zone."""
    if args.today:
        return args.today  # type: ignore[no-any-return]
    from bot.settings import Settings, local_clock

    return local_clock(Settings())().date()


def cmd_digest(args: argparse.Namespace) -> int:
    """Print the digest for the given filters and date, or write the .ics calendar."""
    if not args.preview and not args.ics:
        print("请加 --preview（打印周报）或 --ics 文件名（导出日历）。", file=sys.stderr)
        return 2
    if not 1 <= args.window <= 3660:
        print("提前天数须在 1 到 3660 之间。", file=sys.stderr)
        return 2
    today = _today(args)
    kb = build_files([Path(p) for p in args.plans])
    engine = DigestEngine(kb)
    filters = DigestFilters(tuple(args.keywords), args.doc, args.unit)
    if args.doc and not engine.matching_documents(args.doc):
        print(f"没有找到文件“{args.doc}”。可用的文件：" + "、".join(d.title for d in kb.documents), file=sys.stderr)
        return 2
    if args.unit and not engine.unit_ids(args.unit):
        print(f"没有任务的责任单位包含“{args.unit}”，请检查单位名称。", file=sys.stderr)
        return 2
    if args.preview:
        digest = engine.compute(filters, today, args.window)
        text, _ = to_console(render_digest(engine, digest, buttons=False))
        print(text)
    if args.ics:
        digest = engine.compute(filters, today, 3660, groups=URGENCIES, per_group=100000)
        items = sorted(digest.items(), key=lambda i: (i.due, i.task.id))
        stamp = dt.datetime.now(dt.UTC)
        data = calendar_ics(items, {i.task.id: engine.source_of(i.task) for i in items}, stamp)
        Path(args.ics).write_bytes(data)
        print(f"已写入 {args.ics}：{len(items)} 项截止日期")
    return 0
