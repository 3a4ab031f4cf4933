"""`planbot search`: the live knowledge base (or the given plan files) searched from the command line."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bot.app import Assembly
    from knowledge.search import SearchIndex, SearchResult

STDIN = "-"  # the query argument that means "one query per line of standard input"


@contextmanager
def plans_index(paths: list[str]) -> Iterator[SearchIndex]:
    """An index over these plan files or folders only (no database)."""
    from knowledge.builder import build_files
    from knowledge.search import SearchIndex

    yield SearchIndex(build_files([Path(p) for p in paths]))


@contextmanager
def live_index(live: Callable[[], Assembly]) -> Iterator[SearchIndex]:
    """The index the chat answers from: the assembly's live knowledge-base version, as `planbot ask` serves it."""
    assembly = live()
    try:
        yield assembly.services.state.active.index
    finally:
        assembly.close()


def as_json(result: SearchResult) -> str:
    """The contract's JSON list of a result's hits, on one line."""
    return json.dumps([hit.as_contract() for hit in result.hits], ensure_ascii=False)


def as_lines(result: SearchResult) -> str:
    """A result as human-readable lines: one per hit, or "not found" with suggestions."""
    if not result.hits:
        return "未找到。" + (f" 您是不是要找：{'、'.join(result.suggestions)}" if result.suggestions else "")
    return "\n".join(f"{hit.score:6.1f}  {hit.kind:9}  {hit.title}  ({hit.doc}:{hit.line})" for hit in result.hits)


def answer(index: SearchIndex, query: str, limit: int, json_out: bool) -> str:
    """What one query prints: its JSON list (`[]` for an empty query) or its human lines."""
    query = query.strip()
    if not query:
        return "[]" if json_out else "未找到。"
    result = index.search(query, limit=limit)
    return as_json(result) if json_out else as_lines(result)


def run_queries(index: SearchIndex, queries: Iterable[str], limit: int, json_out: bool, out: TextIO,
                headed: bool = False) -> None:
    """Answer each query on one index, flushing after each (a pipe reads answers as they come); `headed`
    puts the query above its human lines and a blank line after them."""
    for query in queries:
        text = answer(index, query, limit, json_out)
        if headed and not json_out:
            text = f"» {query.strip()}\n{text}\n"
        out.write(text + "\n")
        out.flush()


def _utf8(stream: TextIO, errors: str | None = None) -> TextIO:
    """The stream re-set to UTF-8 (and to `errors`, if given) when it is a real text stream that is not
    already so (a C locale may say ASCII)."""
    if isinstance(stream, io.TextIOWrapper) and (stream.encoding.lower().replace("-", "") != "utf8"
                                                 or (errors is not None and stream.errors != errors)):
        stream.reconfigure(encoding="utf-8", errors=errors)
    return stream


def stdin_queries() -> Iterator[str]:
    """Standard input's lines as UTF-8 (a byte that is not UTF-8 is replaced, a leading BOM dropped)."""
    for number, line in enumerate(_utf8(sys.stdin, "replace")):
        yield line.lstrip("\ufeff") if number == 0 else line


def cmd_search(args: argparse.Namespace, live: Callable[[], Assembly]) -> int:
    """Search the live knowledge base (or `--plans`) for the query, or for each stdin line with `-`."""
    from knowledge.errors import PlanError

    source: AbstractContextManager[SearchIndex] = plans_index(args.plans) if args.plans else live_index(live)
    out = _utf8(sys.stdout)
    try:
        with source as index:
            if args.query == STDIN:
                run_queries(index, stdin_queries(), args.limit, args.json, out, headed=True)
            else:
                run_queries(index, [args.query], args.limit, args.json, out)
    except PlanError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    return 0
