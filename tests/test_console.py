"""Console chat: same content as Telegram for the same input; numbered buttons; the CLI entry points."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import assemble
from bot.console import ConsoleChat, run_console
from bot.render import html_to_plain, to_console
from bot.settings import Settings
from tests.harness import BotHarness

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ["规上工业总产值2025年目标", "固投", "老旧小区改造什么时候完成", "什么是一街四所", "火星基地",
          "/docs", "/outline 2", "/indicators 1", "/tasks 改造", "/term", "/help", "/start"]


def _telegram_view(calls) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    labels: list[str] = []
    for call in BotHarness.messages(calls):
        text = call.text
        # A quote is one <blockquote> in Telegram and bar-prefixed lines in the console.
        text = text.replace("<blockquote>", "\x01").replace("</blockquote>", "\x02")
        plain = html_to_plain(text)
        in_quote = False
        for ln in plain.split("\n"):
            if ln.startswith("\x01"):
                in_quote = True
            shown = ln.replace("\x01", "").replace("\x02", "")
            lines.append(("│ " + shown) if in_quote else shown)
            if "\x02" in ln:
                in_quote = False
        labels.extend(label for label, _ in call.buttons)
    return lines, labels


@pytest.mark.parametrize("text", INPUTS)
async def test_console_and_telegram_show_the_same_content(bot_harness: BotHarness, text: str) -> None:
    calls = await bot_harness.text(text)
    tg_lines, tg_labels = _telegram_view(calls)
    chat = ConsoleChat(bot_harness.services)
    reply = chat.handle(text)
    console_text, choices = to_console(reply)
    n_button_rows = len(reply.buttons)
    console_lines = console_text.split("\n")
    if n_button_rows:
        console_lines = console_lines[:-n_button_rows]
    assert [ln for ln in console_lines if ln.strip()] == [ln for ln in tg_lines if ln.strip()]
    assert [c.label for c in choices] == tg_labels


def test_typed_number_presses_a_button(kb_state) -> None:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    services = assemble(Settings(_env_file=None), state=kb_state, database=False, telegram=False).services
    run_console(services, ["/docs", "1", "退出"], out, interactive=True)
    text = out.getvalue()
    assert "你> /docs" in text and "已载入 5 份规划文件" in text
    assert "⬆ 文件列表" in text  # pressing 目录 1 opened the first document's outline
    assert text.rstrip().endswith("再见。")


def _cli(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=env, input=stdin,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.slow
def test_run_without_token_opens_the_console(tmp_path: Path) -> None:
    done = _cli(["run"], tmp_path, stdin="/docs\n1\n退出\n")
    assert done.returncode == 0, done.stderr
    assert "未设置 PLANBOT_TOKEN" in done.stdout
    assert "你> /docs" in done.stdout and "已载入 5 份规划文件" in done.stdout
    assert (tmp_path / "data" / "planbot.db").exists()


@pytest.mark.slow
def test_ask_prints_one_answer(tmp_path: Path) -> None:
    done = _cli(["ask", "/docs"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已载入 5 份规划文件" in done.stdout
