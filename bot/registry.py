"""The command registry's types and its dispatch: what a command or a button is, who may use it, and how
one runs for Telegram (handlers.commands) and for the console and tests (`BotServices.command`/`press`).

The entries themselves are in `bot.commands`: each command once — name, Chinese description, the
service function it runs, who may use it, where — and each button record once with its handler.
The Telegram handlers, the console, /help, /admin and the command menu are all generated from them.
"""

from __future__ import annotations

import asyncio
import enum
import inspect
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError

from bot.callback_data import Record
from bot.inputs import BadInput, check_argument, clean_button_data, normalise
from bot.replies import Reply
from bot.storage.base import is_busy, retry_on_busy
from bot.who import Actor, Who

if TYPE_CHECKING:
    from bot.services import BotServices

log = logging.getLogger(__name__)
Progress = Callable[[str], Awaitable[None]]
ADMINS_ONLY = "在群组中只有群管理员可以管理订阅和标记任务。"
DB_BUSY = "数据库正忙（另一项操作正在写入），您的操作未完成，请稍后再试。"
EXPIRED = "这个按钮已失效（知识库可能已更新），请重新提问。"


async def no_progress(_: str) -> None:
    """A progress callback that shows nothing (console, tests)."""


class Access(enum.Enum):
    """Who may use a command or a button (on top of the access policy, which admits people at all)."""

    EVERYONE = "everyone"
    GROUP_ADMINS = "group_admins"  # in a group: its administrators only; in private: anyone
    BOT_ADMINS = "bot_admins"  # the bot's admins (settings and /admin add); the console is one


class Where(enum.Flag):
    """Where a command is offered."""

    PRIVATE = enum.auto()
    GROUP = enum.auto()
    ANYWHERE = PRIVATE | GROUP


@dataclass
class Request:
    """One command or button press as a service function sees it.

    `arg` is normalised on construction (bot.inputs.normalise: NFKC, ASCII digits, no surrogates,
    control or format characters, single spaces), whoever builds the request; `raw` keeps what
    was received (a button's data is checked on it).
    """

    services: BotServices
    who: Who
    arg: str = ""
    progress: Progress = no_progress
    raw: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.raw = self.arg
        self.arg = normalise(self.arg)

    @property
    def args(self) -> list[str]:
        """The argument text split on whitespace."""
        return self.arg.split()

    @property
    def actor(self) -> Actor:
        """The acting user for the admin services (the console acts with the CLI's rights)."""
        return Actor.of(self.who)

    @property
    def chat_id(self) -> int:
        """The chat the request comes from (0 in the console)."""
        return int(self.who.chat_id or 0)


Run = Callable[[Request], Reply | Awaitable[Reply]]


@dataclass(frozen=True)
class Command:
    """One command: its name, menu description, the service call it runs, who may use it, where."""

    name: str
    description: str  # the command menu's Chinese description
    run: Run
    access: Access = Access.EVERYONE
    where: Where = Where.ANYWHERE
    help: str | None = None  # the /help line; None: not listed by /help
    example: Callable[[BotServices], str] | None = None  # /help's example (default: the bare command)
    menu: bool = True  # in Telegram's command menu (admin commands are listed by /admin instead)
    telegram: bool = True  # False: console only (/import PATH reads a local file)
    blocking: bool = False  # Telegram runs it in a worker thread (database-heavy reports)
    progress: str | None = None  # Telegram sends this first and edits it as the work goes on


@dataclass(frozen=True)
class ButtonRoute:
    """The handler of one kind of button (one callback record type, i.e. one prefix)."""

    record: type[Record]
    run: Callable[[Request, Any], Reply | Awaitable[Reply]]
    access: Callable[[Any], Access] = field(default=lambda _record: Access.EVERYONE)
    expired: bool = True  # a LookupError/ValueError from `run` means the button outlived its data
    toast: bool = False  # the reply carries a toast: Telegram answers the press after running it
    blocking: bool = False  # Telegram runs it in a worker thread (it writes to the database)


async def resolve(result: Reply | Awaitable[Reply]) -> Reply:
    """The reply of a service call that may or may not be a coroutine."""
    if inspect.isawaitable(result):
        return await result
    return result


def run_sync(result: Reply | Awaitable[Reply]) -> Reply:
    """The reply of a service call from synchronous code (console, tests, CLI)."""
    if inspect.isawaitable(result):
        return asyncio.run(_await(result))
    return result


async def _await(result: Awaitable[Reply]) -> Reply:
    return await result


GroupAdminCheck = Callable[[], Awaitable[bool]]


def decided(services: BotServices, access: Access, who: Who) -> bool | None:
    """Whether `who` may use something with this access level; None when only Telegram can tell
    (a group member's role). The console may use everything."""
    if access is Access.EVERYONE or who.is_console:
        return True
    if access is Access.BOT_ADMINS:
        return services.access.is_admin(who.user_id)
    return True if not who.in_group else None


async def permitted(services: BotServices, access: Access, who: Who, group_admin: GroupAdminCheck) -> bool:
    """`decided`, asking Telegram (`group_admin`) whether a group member is one of its admins."""
    verdict = decided(services, access, who)
    return verdict if verdict is not None else await group_admin()


def refusal(services: BotServices, access: Access, action: str, req: Request, *, button: bool = False) -> Reply:
    """What a caller without the right gets (a bot-admin refusal is also written to the audit log)."""
    if access is Access.BOT_ADMINS:
        if services.admin is not None:
            return services.admin.refuse(req.actor, action, req.arg)
        from bot.admin_base import NOT_ADMIN

        return Reply().line(NOT_ADMIN)
    if button:  # a group member pressing an admin's button: a toast, nothing in the chat
        return Reply(toast=ADMINS_ONLY)
    return Reply().line(ADMINS_ONLY)


def misplaced(command: Command, who: Who) -> Reply | None:
    """The hint for a command used where it is not offered (None when it is offered here)."""
    here = Where.GROUP if who.in_group and not who.is_console else Where.PRIVATE
    if command.where & here:
        return None
    if command.where is Where.PRIVATE:
        return Reply().line(f"请在与我的私聊中使用 /{command.name}。")
    return Reply().line(f"/{command.name} 只能在群组中使用。")


async def execute(command: Command, req: Request) -> Reply:
    """Telegram: run a command whose caller was admitted (blocking ones in a worker thread); an
    argument the command cannot use is answered with what was wrong with it; a busy database is
    waited out (the event loop stays free meanwhile)."""

    async def once() -> Reply:
        if command.blocking:
            return await resolve(await asyncio.to_thread(command.run, req))
        return await resolve(command.run(req))

    try:
        check_argument(req.arg)
        return await while_busy(once, req.services.settings.db_retry_seconds)
    except BadInput as exc:
        return bad_input(exc)


async def while_busy(call: Callable[[], Awaitable[Reply]], seconds: float) -> Reply:
    """`call()`, again after a pause while the database is busy (another writer holds its lock), for
    up to `seconds`; then the reply says the database is busy and nothing was done. A service call
    is one unit of work whose failed transaction was rolled back, so running it again is safe."""
    started, pause = time.monotonic(), 0.1
    while True:
        try:
            return await call()
        except DBAPIError as exc:
            if not is_busy(exc):
                raise
            if time.monotonic() - started + pause > seconds:
                log.error("database still busy after %.0f s: %s", seconds, exc)
                return Reply().line(DB_BUSY)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 2.0)


def call_command(command: Command, req: Request) -> Reply:
    """Console and tests: the same checks (a group role cannot be asked: refused), then the same run."""
    wrong_place = misplaced(command, req.who)
    if wrong_place is not None:
        return wrong_place
    if not decided(req.services, command.access, req.who):
        return refusal(req.services, command.access, command.name, req)
    try:
        check_argument(req.arg)
        return retry_on_busy(lambda: run_sync(command.run(req)), seconds=req.services.settings.db_retry_seconds)
    except BadInput as exc:
        return bad_input(exc)
    except DBAPIError as exc:
        if not is_busy(exc):
            raise
        return Reply().line(DB_BUSY)


def bad_input(exc: BadInput) -> Reply:
    """The reply to an argument a command cannot use: what was wrong, and that nothing changed."""
    return Reply().line(f"⚠️ {exc.message}")


async def run_button(route: ButtonRoute, record: Record, req: Request, group_admin: GroupAdminCheck) -> Reply:
    """Telegram: check the caller's right to press this button, then run its handler; stale data says so."""
    if clean_button_data(req.raw) is None:
        return expired()
    access = route.access(record)
    if not await permitted(req.services, access, req.who, group_admin):
        return refusal(req.services, access, "button", req, button=True)
    async def once() -> Reply:
        if route.blocking:
            return await resolve(await asyncio.to_thread(route.run, req, record))
        return await resolve(route.run(req, record))

    try:
        return await while_busy(once, req.services.settings.db_retry_seconds)
    except BadInput as exc:
        return bad_input(exc)
    except (LookupError, ValueError):
        if not route.expired:
            raise
        return expired()


def call_button(route: ButtonRoute, record: Record, req: Request) -> Reply:
    """Console and tests: `run_button` without Telegram."""
    if clean_button_data(req.raw) is None:
        return expired()
    access = route.access(record)
    if not decided(req.services, access, req.who):
        return refusal(req.services, access, "button", req, button=True)
    try:
        return run_sync(route.run(req, record))
    except BadInput as exc:
        return bad_input(exc)
    except (LookupError, ValueError):
        if not route.expired:
            raise
        return expired()


def expired() -> Reply:
    """The reply to a button whose data is unknown or malformed."""
    return Reply().line(EXPIRED)
