"""`planbot run` as a real process against a fake Bot API server on 127.0.0.1 (real HTTP, long polling)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.render import html_to_plain
from tests.fakebot import FakeBotServer, message_update, wait_for

ROOT = Path(__file__).resolve().parent.parent
USER = {"id": 777, "is_bot": False, "first_name": "王", "username": "wang"}
CHAT = {"id": 777, "type": "private", "first_name": "王"}




@pytest.mark.slow
def test_planbot_run_polls_and_answers_over_http(tmp_path: Path) -> None:
    with FakeBotServer() as server:
        api = server.api
        api.updates.append(message_update(1, CHAT, USER, text="/start"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
        env.update(PLANBOT_TOKEN="123456:TEST-TOKEN", PLANBOT_API_BASE_URL=server.base_url,
                   PLANBOT_API_FILE_URL=server.file_url,
                   PLANBOT_DATABASE_URL=f"sqlite:///{tmp_path}/run.db",
                   PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""))
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            assert wait_for(lambda: len(api.calls_of("sendMessage")) >= 1), "no answer to /start"
            api.updates.append(message_update(2, CHAT, USER, text="固投"))
            assert wait_for(lambda: len(api.calls_of("sendMessage")) >= 2), "no answer to a question"
            # A button press arrives as a callback query through getUpdates too.
            api.updates.append({"update_id": 3, "callback_query": {
                "id": "cq1", "from": USER, "chat_instance": "ci", "data": "od:-1",
                "message": {"message_id": 5, "date": int(time.time()), "chat": CHAT, "text": "x",
                            "from": {"id": 1, "is_bot": True, "first_name": "bot"}}}})
            assert wait_for(lambda: len(api.calls_of("answerCallbackQuery")) >= 1)
            assert wait_for(lambda: len(api.calls_of("sendMessage")) >= 3), "no answer to a button"
        finally:
            proc.terminate()
            try:
                output = proc.communicate(timeout=15)[0]
            except subprocess.TimeoutExpired:
                proc.kill()
                output = proc.communicate()[0]
        methods = [c.method for c in api.calls]
        assert "getMe" in methods and "setMyCommands" in methods and "getUpdates" in methods, output
        sent = api.calls_of("sendMessage")
        assert sent[0].params["chat_id"] == 777
        assert sent[0].params["parse_mode"] == "HTML"
        assert "规划助手" in html_to_plain(sent[0].text)
        assert "已载入" in html_to_plain(sent[2].text)
        assert (tmp_path / "run.db").exists()
        assert proc.returncode is not None


@pytest.mark.slow
def test_unreachable_telegram_gives_a_clear_message(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
    env.update(PLANBOT_TOKEN="123456:TEST-TOKEN", PLANBOT_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
               PLANBOT_DATABASE_URL=f"sqlite:///{tmp_path}/run.db", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 3, done.stderr[-2000:]
    assert "无法连接 Telegram" in done.stderr and "PLANBOT_PROXY_URL" in done.stderr
