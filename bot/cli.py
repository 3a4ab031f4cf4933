"""The `planbot` command line: build, search, and (from later work) console, run, ask, digest, reload."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from knowledge.builder import BUNDLED_PLANS, build_files
from knowledge.errors import PlanError
from knowledge.search import SearchIndex


def cmd_build(args: argparse.Namespace) -> int:
    """Build the knowledge base from plan files, write the JSON, print a summary."""
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
    """Search the knowledge base and print the ranked hits (JSON with --json)."""
    kb = build_files([Path(p) for p in args.plans])
    result = SearchIndex(kb).search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([h.as_contract() for h in result.hits], ensure_ascii=False))
        return 0
    if not result.hits:
        print("未找到。" + (f" 您是不是要找：{'、'.join(result.suggestions)}" if result.suggestions else ""))
    for hit in result.hits:
        print(f"{hit.score:6.1f}  {hit.kind:9}  {hit.title}  ({hit.doc}:{hit.line})")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    p = argparse.ArgumentParser(prog="planbot", description="规划助手 PlanBot")
    sub = p.add_subparsers(dest="command")
    b = sub.add_parser("build", help="解析规划文件，输出知识库 JSON")
    b.add_argument("paths", nargs="+")
    b.add_argument("--json", metavar="FILE")
    b.set_defaults(func=cmd_build)
    s = sub.add_parser("search", help="检索知识库")
    s.add_argument("query")
    s.add_argument("--json", action="store_true")
    s.add_argument("--limit", type=int, default=10)
    s.add_argument("--plans", nargs="+", default=[str(BUNDLED_PLANS)])
    s.set_defaults(func=cmd_search)
    from bot.admin_cli import add_parsers as add_admin_parsers  # reload, import (admin work)
    add_admin_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the `planbot` command."""
    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 0
    return int(args.func(args))
