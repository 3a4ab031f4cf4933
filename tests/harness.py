"""In-process test harness: the real PTB Application and handlers, a fake Bot API at the HTTP boundary.

Usage (see tests/test_chat_handlers.py; the `bot_harness` fixture in conftest.py builds one):

    h = await BotHarness.create(settings, state, sessions)   # builds, initialises, runs post_init
    calls = await h.text("固投")                   # a private message from the default user
    calls = await h.command("/docs")               # entities added for you
    calls = await h.text("@planbot_test 固投", chat_type="supergroup")   # a group mention
    calls = await h.press("od:0")                  # press a button (callback query)
    calls = await h.press_label("下一页 ▶")         # press a button the bot sent, by its label
    calls = await h.inline("固投")                  # an inline query
    h.texts(calls)        # the texts of sendMessage/editMessageText calls, in order
    h.last_buttons()      # [(label, data)] of the latest message with a keyboard
    await h.close()

Each helper returns the Bot API calls (tests.fakebot.Call: method, params, text, buttons) made
while that update was processed. A handler exception fails the test (HandlerError), unless the
call passes `expect_error=True`. Build other updates with `h.update(...)` or the `*_update`
builders and send them with `await h.send(update_dict)`. `h.api` is the FakeBotAPI
(`h.api.files[file_id] = b"..."` serves a file for getFile/download; `h.api.fail_methods`
makes a method fail). `await h.start_jobs()` starts the JobQueue for job tests.

The application is the one `bot.app.assemble` builds for `planbot run` (every handler of the
command registry, the access guard, the jobs), over the given settings, knowledge state and database:
- act as an admin with `user=ADMIN_USER` (id 900 = conftest's `settings.admin_ids`);
- upload a file: `await h.send(h.document_update("F1", "plan.docx", data, user=ADMIN_USER))`;
- the services are `h.services` (= `h.app.bot_data.services`); the DB is the `sessions` fixture
  (SQLite; use `db_url` to run a test on SQLite and PostgreSQL);
- a fixed date: `settings.today = dt.date(2025, 3, 3)` before `BotHarness.create`;
- job callbacks can be run directly: `await job.callback(context)` with
  `CallbackContext.from_job(job, h.app)`, or `await h.start_jobs()` and let the JobQueue fire.
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes
from telegram.request import BaseRequest, RequestData

from bot.app import assemble
from bot.kbstate import KnowledgeState
from bot.services import BotServices
from bot.settings import Settings
from tests.fakebot import BOT_ID, BOT_USER, BOT_USERNAME, Call, FakeBotAPI

DEFAULT_USER = {"id": 501, "is_bot": False, "first_name": "张", "last_name": "三", "username": "zhangsan",
                "language_code": "zh-hans"}
ADMIN_USER = {"id": 900, "is_bot": False, "first_name": "管理员", "username": "admin"}
GROUP_CHAT = {"id": -100200300, "type": "supergroup", "title": "街道工作群"}


class HandlerError(AssertionError):
    """A handler raised while processing an update (PTB would have swallowed it)."""


class FakeRequest(BaseRequest):
    """A BaseRequest that answers from a FakeBotAPI instead of the network."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None,
                         connect_timeout: Any = None, pool_timeout: Any = None) -> tuple[int, bytes]:
        """Answer one Bot API request (or a file download) from the fake API."""
        if "/file/" in url:
            return 200, self.api.file_content(url)
        params = dict(request_data.parameters) if request_data else {}
        files = dict(request_data.multipart_data) if request_data and request_data.contains_files else {}
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        status, body = self.api.handle(api_method, params, files)
        return status, json.dumps(body).encode()


class BotHarness:
    """The real Application wired to a FakeBotAPI, with update builders and call inspection."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], api: FakeBotAPI) -> None:
        self.app = app
        self.api = api
        self.errors: list[BaseException] = []
        self.wait_for_logs = True
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self.user = dict(DEFAULT_USER)

    @classmethod
    async def create(cls, settings: Settings, state: KnowledgeState, sessions: Any = None) -> BotHarness:
        """Build the application over a fake API, initialise it and run post_init (menu, username)."""
        api = FakeBotAPI()
        app = assemble(settings, state=state, sessions=sessions, database=False, request=FakeRequest(api),
                       rate_limiter=False).application
        assert app is not None
        harness = cls(app, api)
        app.add_error_handler(harness._record_error)
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        return harness

    @property
    def services(self) -> BotServices:
        """The application's services (typed bot_data)."""
        return self.app.bot_data.services  # type: ignore[no-any-return]

    async def _record_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            self.errors.append(context.error)

    async def start_jobs(self) -> None:
        """Start the JobQueue (and the application) so scheduled jobs run."""
        await self.app.start()

    async def close(self) -> None:
        """Stop and shut the application down."""
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    # ----- sending updates ----------------------------------------------------------------------

    async def send(self, update: dict[str, Any], *, expect_error: bool = False) -> list[Call]:
        """Process one update (a Bot API JSON dict); return the API calls it caused."""
        mark = len(self.api.calls)
        errors_before = len(self.errors)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        if self.wait_for_logs:  # the query log is written in the background: wait for it
            self.services.answers.querylog.flush()
        new_errors = self.errors[errors_before:]
        if new_errors and not expect_error:
            raise HandlerError(f"handler raised: {new_errors[0]!r}") from new_errors[0]
        return self.api.calls[mark:]

    async def text(self, text: str, *, chat_type: str = "private", user: dict[str, Any] | None = None,
                   chat: dict[str, Any] | None = None, reply_to_bot: bool = False, **kw: Any) -> list[Call]:
        """Send a text message (commands and @mentions get their entities)."""
        return await self.send(self.message_update(text, chat_type=chat_type, user=user, chat=chat,
                                                   reply_to_bot=reply_to_bot), **kw)

    async def command(self, text: str, **kwargs: Any) -> list[Call]:
        """Send a command such as "/find 固投" (same as `text`)."""
        return await self.text(text, **kwargs)

    async def press(self, data: str, *, message: dict[str, Any] | None = None,
                    user: dict[str, Any] | None = None, chat_type: str = "private", **kw: Any) -> list[Call]:
        """Press an inline button with this callback data (on `message`, default: a bot message)."""
        return await self.send(self.callback_update(data, message=message, user=user, chat_type=chat_type), **kw)

    async def press_label(self, label: str, **kwargs: Any) -> list[Call]:
        """Press the button with this label on the latest bot message that has it."""
        for call in reversed(self.api.calls):
            for text, data in call.buttons:
                if text == label:
                    return await self.press(data, message=self._message_of(call), **kwargs)
        raise AssertionError(f"no button labelled {label!r} was sent")

    async def inline(self, query: str, *, user: dict[str, Any] | None = None, **kw: Any) -> list[Call]:
        """Send an inline query (`@bot query` typed in any chat)."""
        return await self.send(self.inline_update(query, user=user), **kw)

    # ----- update builders (Bot API JSON, turned into Updates with Update.de_json) -------------

    def chat_for(self, chat_type: str, user: dict[str, Any]) -> dict[str, Any]:
        """A private chat with `user`, or the test group."""
        if chat_type == "private":
            return {"id": user["id"], "type": "private", "first_name": user.get("first_name", ""),
                    "username": user.get("username")}
        return {**GROUP_CHAT, "type": chat_type}

    def message_dict(self, text: str, *, chat_type: str = "private", user: dict[str, Any] | None = None,
                     chat: dict[str, Any] | None = None, reply_to_bot: bool = False) -> dict[str, Any]:
        """A user's message as the Bot API sends it."""
        user = user or self.user
        chat = chat or self.chat_for(chat_type, user)
        self.api.chats[chat["id"]] = chat
        msg: dict[str, Any] = {"message_id": next(self._message_ids), "date": int(time.time()),
                               "chat": chat, "from": user, "text": text}
        entities = []
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0,
                             "length": _utf16(text.split()[0] if text.split() else text)})
        mention = "@" + BOT_USERNAME
        if mention in text:
            prefix = text[: text.index(mention)]
            entities.append({"type": "mention", "offset": _utf16(prefix), "length": _utf16(mention)})
        if entities:
            msg["entities"] = entities
        if reply_to_bot:
            msg["reply_to_message"] = {"message_id": 1, "date": int(time.time()), "chat": chat,
                                       "from": BOT_USER, "text": "上一条回答"}
        return msg

    def message_update(self, text: str, **kwargs: Any) -> dict[str, Any]:
        """An update carrying a user's text message."""
        return {"update_id": next(self._ids), "message": self.message_dict(text, **kwargs)}

    def document_update(self, file_id: str, file_name: str, content: bytes, *, caption: str | None = None,
                        chat_type: str = "private", user: dict[str, Any] | None = None) -> dict[str, Any]:
        """An update carrying a document upload; the fake API serves `content` for it."""
        self.api.files[file_id] = content
        msg = self.message_dict("", chat_type=chat_type, user=user)
        del msg["text"]
        msg["document"] = {"file_id": file_id, "file_unique_id": "u" + file_id, "file_name": file_name,
                           "file_size": len(content)}
        if caption:
            msg["caption"] = caption
        return {"update_id": next(self._ids), "message": msg}

    def callback_update(self, data: str, *, message: dict[str, Any] | None = None,
                        user: dict[str, Any] | None = None, chat_type: str = "private") -> dict[str, Any]:
        """An update for a pressed inline button."""
        user = user or self.user
        if message is None:
            chat = self.chat_for(chat_type, user)
            message = {"message_id": 999, "date": int(time.time()), "chat": chat, "from": BOT_USER, "text": "…"}
        return {"update_id": next(self._ids),
                "callback_query": {"id": str(next(self._ids)), "from": user, "chat_instance": "ci-1",
                                   "data": data, "message": message}}

    def inline_update(self, query: str, *, user: dict[str, Any] | None = None) -> dict[str, Any]:
        """An update for an inline query."""
        return {"update_id": next(self._ids),
                "inline_query": {"id": str(next(self._ids)), "from": user or self.user, "query": query,
                                 "offset": ""}}

    def _message_of(self, call: Call) -> dict[str, Any]:
        if isinstance(call.result, dict) and "message_id" in call.result:
            return call.result
        chat_id = int(call.params.get("chat_id", self.user["id"]))
        chat = self.api.chats.get(chat_id, self.chat_for("private", self.user))
        msg = {"message_id": int(call.params.get("message_id", 999)), "date": int(time.time()),
               "chat": chat, "from": BOT_USER, "text": call.text}
        markup = call.params.get("reply_markup")
        if markup:
            msg["reply_markup"] = markup if isinstance(markup, dict) else json.loads(markup)
        return msg

    # ----- inspection ---------------------------------------------------------------------------

    @staticmethod
    def texts(calls: list[Call]) -> list[str]:
        """Texts of the messages sent or edited, in order."""
        return [c.text for c in calls if c.method in ("sendMessage", "editMessageText")]

    @staticmethod
    def messages(calls: list[Call]) -> list[Call]:
        """The sendMessage/editMessageText calls."""
        return [c for c in calls if c.method in ("sendMessage", "editMessageText")]

    def last_buttons(self) -> list[tuple[str, str]]:
        """(label, data) of the latest message the bot sent or edited with a keyboard."""
        for call in reversed(self.api.calls):
            if call.buttons:
                return call.buttons
        return []


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


__all__ = ["ADMIN_USER", "BOT_ID", "BOT_USERNAME", "BotHarness", "DEFAULT_USER", "FakeRequest", "HandlerError", "TelegramError"]
