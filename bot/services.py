"""The application's services, typed: what every handler, job and the console reach (PTB `bot_data`).

`BotServices.create` makes them over one knowledge state and database; the composition root
(`bot.app`) calls it once per process. `command`, `press` and `ask` are the front door of the
console and the tests: the same registry, access rules and services Telegram goes through.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from bot.access import AccessPolicy
from bot.admin_service import AdminService
from bot.answering import Answers
from bot.browsing import Browsing
from bot.button_keys import DatabaseOverflow, MemoryOverflow
from bot.callback_data import CallbackCodec, OverflowStore
from bot.cards import Cards
from bot.charts import Charts
from bot.desk_service import DeskService
from bot.digest_service import DigestService
from bot.kbstate import KnowledgeState
from bot.ledger_service import LedgerService
from bot.registry import Progress, Request, call_button, call_command, expired, no_progress, redirected
from bot.render import clean
from bot.replies import Reply
from bot.settings import Settings, local_clock
from bot.versions import Versions
from bot.who import Who
from knowledge.isolated_build import build_isolated
from knowledge.lexicon import default_lexicon


@dataclass
class BotServices:
    """Settings, the live knowledge state, the database and every service, built once."""

    settings: Settings
    state: KnowledgeState
    sessions: sessionmaker[Session] | None
    codec: CallbackCodec
    cards: Cards
    answers: Answers
    browse: Browsing
    digests: DigestService
    access: AccessPolicy
    admin: AdminService | None  # None without a database
    desk: DeskService  # progress in chat (needs a database to record anything)
    ledger: LedgerService  # /export, /board, charts
    bot_username: str | None = None
    mode: str = "console"  # how this process serves: console, polling or webhook (set by the runner)

    @classmethod
    def create(cls, settings: Settings, state: KnowledgeState,
               sessions: sessionmaker[Session] | None = None) -> BotServices:
        """Every service over `state` (and `sessions`, when there is a database)."""
        overflow: OverflowStore = (DatabaseOverflow(sessions, dt.timedelta(days=settings.button_key_days))
                                   if sessions is not None else MemoryOverflow())
        codec = CallbackCodec(overflow)
        desk = DeskService(settings, state, sessions, local_clock(settings), codec)
        cards = Cards(codec, desk.office if sessions is not None else None)
        digests = DigestService(state, sessions, local_clock(settings), desk.office if sessions is not None else None)
        answers = Answers(state, cards, codec, sessions, due=digests.of_tasks, today=digests.today)
        browse = Browsing(state, cards, codec, lambda q: answers.search(state.active, q))
        access = AccessPolicy(settings, sessions)
        admin = None
        if sessions is not None:
            versions = Versions(sessions, state, settings.plans_dir, settings.max_upload_bytes,
                                build=lambda sources: build_isolated(sources, settings.build_limits()),
                                draft_ttl=dt.timedelta(hours=settings.draft_ttl_hours))
            admin = AdminService(settings, sessions, versions, default_lexicon(), settings.timezone, access)
        ledger = LedgerService(state, digests.engine, desk.office, local_clock(settings), codec,
                               Charts(settings.cjk_font))
        return cls(settings, state, sessions, codec, cards, answers, browse, digests, access, admin, desk, ledger)

    # ----- the front door for the console and tests --------------------------------------------

    def ask(self, text: str, who: Who | None = None) -> Reply:
        """The answer to a free-text question."""
        return self.answers.ask(text, who)

    def say(self, text: str, who: Who | None = None) -> Reply:
        """A typed text: it completes the user's progress report when one is waiting, else it is a question."""
        who = who or Who()
        pending = self.desk.receive(who, text)
        return pending if pending is not None else self.ask(text, who)

    def command(self, name: str, arg: str = "", who: Who | None = None, progress: Progress = no_progress) -> Reply:
        """Run /name with its argument text, as the registry says (unknown commands get a hint)."""
        from bot.commands import BY_NAME, available

        command = BY_NAME.get(name.lower())
        if command is None or not available(command, self):
            return Reply().line(f"未知命令 /{name}。").line("发送 /help 查看可用命令。")
        req = Request(self, who or Who(), clean(arg).strip(), progress)
        command = redirected(command, req, BY_NAME)
        if not available(command, self):
            return Reply().line(f"未知命令 /{command.name}。").line("发送 /help 查看可用命令。")
        return call_command(command, req)

    def press(self, data: str, who: Who | None = None) -> Reply:
        """Press a button with this callback data (expired or unknown data says so)."""
        from bot.commands import ROUTES

        record = self.codec.expand((who or Who()).chat_id or 0, data)
        route = ROUTES.get(type(record)) if record is not None else None
        if record is None or route is None:
            return expired()
        return call_button(route, record, Request(self, who or Who(), data))
