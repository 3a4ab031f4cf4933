"""`planbot run` as real processes over HTTP: an admin uploads a plan (getFile + download), publishes it,
and a restarted process (same database) serves the new version."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.render import html_to_plain
from tests.fakebot import FakeBotServer, message_update, wait_for

ROOT = Path(__file__).resolve().parent.parent.parent
ADMIN = {"id": 900, "is_bot": False, "first_name": "管理员"}
CHAT = {"id": 900, "type": "private", "first_name": "管理员"}
PLAN = ("某某街道2026年工作要点\n一、主要目标\n地区生产总值增长6%。\n二、重点任务\n"
        "（一）完成背街小巷整治，2026年6月底前完成。\n")




def _start(server: FakeBotServer, tmp_path: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
    env.update(PLANBOT_TOKEN="123456:TEST-TOKEN", PLANBOT_API_BASE_URL=server.base_url,
               PLANBOT_API_FILE_URL=server.file_url, PLANBOT_ADMIN_IDS="900",
               PLANBOT_DATABASE_URL=f"sqlite:///{tmp_path}/run.db",
               PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _stop(proc: subprocess.Popen) -> str:  # type: ignore[type-arg]
    proc.terminate()
    try:
        return proc.communicate(timeout=15)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[0]


def _texts(server: FakeBotServer) -> list[str]:
    return [html_to_plain(c.text) for c in server.api.calls if c.method in ("sendMessage", "editMessageText")]


@pytest.mark.slow
def test_upload_publish_restart_over_http(tmp_path: Path) -> None:
    with FakeBotServer() as server:
        api = server.api
        api.files["FILE1"] = PLAN.encode()
        api.updates.append(message_update(1, CHAT, ADMIN, document={"file_id": "FILE1", "file_unique_id": "uF1",
                                                 "file_name": "2026年工作要点.txt", "file_size": len(PLAN.encode())}))
        proc = _start(server, tmp_path)
        output = ""
        try:
            assert wait_for(lambda: any(b[0] == "发布" for c in api.calls for b in c.buttons)), "no report"
            data = next(b[1] for c in api.calls for b in c.buttons if b[0] == "发布")
            api.updates.append({"update_id": 2, "callback_query": {
                "id": "cq1", "from": ADMIN, "chat_instance": "ci", "data": data,
                "message": {"message_id": 5, "date": int(time.time()), "chat": CHAT, "text": "x",
                            "from": {"id": 1, "is_bot": True, "first_name": "bot"}}}})
            assert wait_for(lambda: any("已发布版本 2" in t for t in _texts(server))), "not published"
        finally:
            output = _stop(proc)
        assert any(c.method == "getFile" for c in api.calls), output
        mark = len(api.calls)
        api.updates.append(message_update(3, CHAT, ADMIN, text="/versions"))
        proc = _start(server, tmp_path)
        try:
            assert wait_for(lambda: any("版本 2" in html_to_plain(c.text) and "当前" in html_to_plain(c.text)
                                         for c in api.calls[mark:] if c.method == "sendMessage"))
        finally:
            _stop(proc)
