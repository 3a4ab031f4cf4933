"""`planbot reload` and `planbot import FILE`: the admin flow from a shell (report, confirm, publish)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.admin_service import AdminService
from bot.callback_data import PLAIN, DraftAction
from bot.replies import Reply
from bot.who import CLI_NAME, Actor


def _service() -> AdminService:
    """An admin service on the configured database, serving its live version (publishing v1 if empty)."""
    from bot.app import assemble
    from bot.kbstate import KnowledgeState
    from knowledge.models import KnowledgeBase

    # An empty state: the live version is loaded from the database, not built from the folder first.
    assembly = assemble(state=KnowledgeState(KnowledgeBase(), version=0), telegram=False)
    assembly.serve_live_version()
    assert assembly.services.admin is not None
    return assembly.services.admin


async def _show(text: str) -> None:
    """Progress lines on stderr."""
    print(text, file=sys.stderr)


def _button(reply: Reply, verb: str) -> DraftAction | None:
    """The draft button with this verb in a reply, if any."""
    return next((button for b in reply.button_list()
                 if isinstance(button := PLAIN.decode(b.data), DraftAction) and button.verb == verb), None)


def _ask(question: str, yes_words: tuple[str, ...]) -> bool:
    """Ask on the terminal; True only for one of `yes_words`."""
    try:
        return input(question).strip().lower() in yes_words
    except EOFError:
        return False


def _confirm_and_publish(service: AdminService, reply: Reply, yes: bool, allow_removal: bool = False) -> int:
    """Print the report; publish on --yes or a typed "y"; 0 published or nothing to do, 1 cancelled, 2 refused.

    A guarded draft (no documents, more than half of the items removed) needs a second confirmation:
    typing 确认, or --allow-removal with --yes."""
    print(reply.plain_text())
    pub = _button(reply, "pub")
    if pub is None:
        return 2 if reply.plain_text().startswith("❌") else 0
    actor = Actor(None, CLI_NAME)
    cancel = DraftAction("can", pub.draft_id)
    if not yes and not _ask("发布这些变更？[y/N] ", ("y", "yes", "是")):
        print(asyncio.run(service.press(actor, cancel)).plain_text())
        return 1
    done = asyncio.run(service.press(actor, pub))
    second = _button(done, "pub2")
    if second is not None:
        print(done.plain_text())
        if not (allow_removal if yes else _ask("此操作将删除上述内容。输入“确认”继续：", ("确认",))):
            if yes:
                print("未发布：此变更需要再次确认，请加 --allow-removal 参数或交互式运行。", file=sys.stderr)
            print(asyncio.run(service.press(actor, cancel)).plain_text())
            return 1
        done = asyncio.run(service.press(actor, second))
    print(done.plain_text())
    return 0


def cmd_reload(args: argparse.Namespace) -> int:
    """Rebuild from the plans folder and stored uploads, show the change report, publish on confirmation."""
    service = _service()
    reply = asyncio.run(service.prepare_reload(Actor(None, CLI_NAME), _show))
    return _confirm_and_publish(service, reply, args.yes, args.allow_removal)


def cmd_import(args: argparse.Namespace) -> int:
    """Import one plan file as an upload: validate, report, publish on confirmation."""
    path = Path(args.file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=sys.stderr)
        return 2
    service = _service()
    actor = Actor(None, CLI_NAME)
    refusal = service.precheck_upload(actor, path.name, path.stat().st_size)
    if refusal is not None:
        print(refusal.plain_text())
        return 2
    reply = asyncio.run(service.prepare_upload(actor, path.name, path.read_bytes(), _show))
    return _confirm_and_publish(service, reply, args.yes, args.allow_removal)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `reload` and `import` to the planbot sub-commands."""
    r = sub.add_parser("reload", help="重新加载规划文件夹（显示变更，确认后发布）")
    r.add_argument("--yes", "-y", action="store_true", help="不询问，直接发布")
    r.add_argument("--allow-removal", action="store_true", help="与 --yes 同用：变更将删除大部分内容时也发布")
    r.set_defaults(func=cmd_reload)
    i = sub.add_parser("import", help="导入一个规划文件（.docx/.pdf/.txt）")
    i.add_argument("file")
    i.add_argument("--yes", "-y", action="store_true", help="不询问，直接发布")
    i.add_argument("--allow-removal", action="store_true", help="与 --yes 同用：变更将删除大部分内容时也发布")
    i.set_defaults(func=cmd_import)
