"""A fake Telegram Bot API: records every call and answers it like Telegram would (enough for PTB 22).

Used two ways:
- in process, behind `tests.harness.FakeRequest` (a `telegram.request.BaseRequest`);
- over real HTTP on 127.0.0.1 with `FakeBotServer` (for `planbot run` started as a process).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_ID = 7000001
BOT_USERNAME = "planbot_test"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "规划助手", "username": BOT_USERNAME}


@dataclass
class Call:
    """One Bot API request the bot made: method name, parameters, uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, Any] = field(default_factory=dict)
    result: Any = None  # what the fake API answered (the sent Message dict for sendMessage)

    @property
    def text(self) -> str:
        """The message text (or caption) sent, "" if none."""
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """(label, callback_data or url) of every inline button in the call's reply_markup."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = (markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data") or b.get("url", "")) for row in rows for b in row]


class FakeBotAPI:
    """The state of a fake Bot API: calls made, messages sent, files to serve, updates to deliver."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self.files: dict[str, bytes] = {}  # file_id -> content (for getFile + download)
        self.updates: list[dict[str, Any]] = []  # queued for getUpdates
        self._next_message_id = 1000
        self._lock = threading.Lock()
        self.fail_methods: dict[str, tuple[int, str]] = {}  # method -> (error_code, description)

    # The answer to one Bot API method call.
    def handle(self, method: str, params: dict[str, Any], files: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        """Record the call and return (HTTP status, JSON body)."""
        call = Call(method, params, files or {})
        with self._lock:
            self.calls.append(call)
        if method in self.fail_methods:
            code, desc = self.fail_methods[method]
            return code, {"ok": False, "error_code": code, "description": desc}
        call.result = self._result(method, params)
        return 200, {"ok": True, "result": call.result}

    def _message(self, params: dict[str, Any], **extra: Any) -> dict[str, Any]:
        with self._lock:
            self._next_message_id += 1
            mid = self._next_message_id
        chat_id = int(params.get("chat_id", 0))
        chat = self.chats.get(chat_id, {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup",
                                         "first_name": "user"} if chat_id > 0 else
                              {"id": chat_id, "type": "supergroup", "title": "group"})
        msg = {"message_id": mid, "date": int(time.time()), "chat": chat, "from": BOT_USER}
        msg.update(extra)
        return msg

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        m = method.lower()
        if m == "getme":
            return {**BOT_USER, "can_join_groups": True, "can_read_all_group_messages": False,
                    "supports_inline_queries": True, "can_connect_to_business": False,
                    "has_main_web_app": False}
        if m in ("sendmessage",):
            msg = self._message(params, text=params.get("text", ""))
            if params.get("reply_markup"):
                markup = params["reply_markup"]
                msg["reply_markup"] = json.loads(markup) if isinstance(markup, str) else markup
            return msg
        if m in ("editmessagetext",):
            msg = self._message(params, text=params.get("text", ""), edit_date=int(time.time()))
            msg["message_id"] = int(params.get("message_id", msg["message_id"]))
            return msg
        if m == "senddocument":
            return self._message(params, document={"file_id": "DOC1", "file_unique_id": "U1",
                                                   "file_name": "file"}, caption=params.get("caption"))
        if m == "sendphoto":
            return self._message(params, photo=[{"file_id": "PH1", "file_unique_id": "UP1", "width": 800,
                                                 "height": 500}], caption=params.get("caption"))
        if m == "getfile":
            fid = str(params.get("file_id"))
            data = self.files.get(fid, b"")
            return {"file_id": fid, "file_unique_id": "u" + fid, "file_size": len(data),
                    "file_path": f"documents/{fid}"}
        if m == "getupdates":
            return self._take_updates(params)
        if m in ("getmycommands",):
            return []
        if m == "getchat":
            cid = int(params.get("chat_id", 0))
            return self.chats.get(cid, {"id": cid, "type": "private"})
        # setMyCommands, answerCallbackQuery, answerInlineQuery, deleteWebhook, sendChatAction, …
        return True

    def _take_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 0.5)
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                pending = [u for u in self.updates if u["update_id"] >= offset]
                self.updates = pending  # confirmed ones are dropped, as Telegram does
            if pending or time.monotonic() >= deadline:
                return pending
            time.sleep(0.02)

    def file_content(self, path: str) -> bytes:
        """The bytes of a file path produced by getFile."""
        return self.files.get(path.rsplit("/", 1)[-1], b"")

    def calls_of(self, method: str) -> list[Call]:
        """Every recorded call of one method (case-insensitive)."""
        return [c for c in self.calls if c.method.lower() == method.lower()]


class _Handler(BaseHTTPRequestHandler):
    api: FakeBotAPI

    def log_message(self, *args: Any) -> None:  # keep test output quiet
        pass

    def _reply(self, status: int, body: dict[str, Any] | bytes) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if not isinstance(body, bytes) else "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # file downloads: /file/bot<token>/<path>
        if self.path.startswith("/file/"):
            self._reply(200, self.api.file_content(self.path))
        else:
            self._dispatch({})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        ctype = self.headers.get("Content-Type", "")
        params: dict[str, Any] = {}
        if "application/json" in ctype and raw:
            params = json.loads(raw)
        elif "x-www-form-urlencoded" in ctype:
            for key, values in urllib.parse.parse_qs(raw.decode(), keep_blank_values=True).items():
                params[key] = _maybe_json(values[0])
        self._dispatch(params)

    def _dispatch(self, params: dict[str, Any]) -> None:
        method = self.path.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
        status, body = self.api.handle(method, params)
        self._reply(status, body)


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


class FakeBotServer:
    """The fake Bot API over HTTP on 127.0.0.1 (a free port), in a background thread."""

    def __init__(self, api: FakeBotAPI | None = None) -> None:
        self.api = api or FakeBotAPI()
        handler = type("Handler", (_Handler,), {"api": self.api})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The value for PLANBOT_API_BASE_URL (PTB appends the token)."""
        return f"http://127.0.0.1:{self.httpd.server_port}/bot"

    @property
    def file_url(self) -> str:
        """The value for PLANBOT_API_FILE_URL."""
        return f"http://127.0.0.1:{self.httpd.server_port}/file/bot"

    def __enter__(self) -> FakeBotServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def message_update(update_id: int, chat: dict[str, Any], user: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A getUpdates entry holding one message (text starting with / gets its bot_command entity)."""
    msg = {"message_id": update_id, "date": int(time.time()), "chat": chat, "from": user, **fields}
    text = fields.get("text")
    if isinstance(text, str) and text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": msg}


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    """Poll `predicate` every 50 ms until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
