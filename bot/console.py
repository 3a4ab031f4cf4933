"""The console chat: the same service and replies as Telegram, in a terminal; buttons become numbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from bot.render import to_console
from bot.replies import Button, Reply
from bot.services import BotServices
from bot.who import Who

PROMPT = "你> "
QUIT_WORDS = {"exit", "quit", "q", "退出", "/exit", "/quit"}
CONSOLE_WHO = Who(user_id=0, chat_id=0, chat_type="private", username="console", full_name="控制台",
                  source="console")


class ConsoleChat:
    """One console conversation: remembers the last buttons so a typed number presses one."""

    def __init__(self, services: BotServices, who: Who = CONSOLE_WHO) -> None:
        self.services = services
        self.who = who
        self.choices: list[Button] = []

    def handle(self, line: str) -> Reply:
        """The reply to one typed line: a number picks a button, /cmd runs a command, else a question."""
        text = line.strip()
        if text.isdigit() and self.choices and 1 <= int(text) <= len(self.choices):
            button = self.choices[int(text) - 1]
            if button.url:
                return Reply().line(f"请在浏览器中打开：{button.url}")
            reply = self.services.press(button.data, self.who)
            # A button that only acknowledges (a toast in Telegram) shows its toast as a line.
            return reply if (reply.blocks or reply.buttons or not reply.toast) else reply.line(reply.toast)
        if text.startswith("/"):
            head, _, arg = text.partition(" ")
            return self.services.command(head[1:].split("@")[0], arg.strip(), self.who)
        return self.services.say(text, self.who)

    def render(self, reply: Reply) -> str:
        """The reply as console text; its buttons become the numbered choices."""
        text, self.choices = to_console(reply)
        return text


def run_console(services: BotServices, lines: Iterable[str] | None = None, out: TextIO | None = None,
                interactive: bool = True) -> int:
    """Chat in the terminal until EOF or 退出; `lines` replaces stdin (tests, pipes)."""
    import sys

    out = out or sys.stdout
    chat = ConsoleChat(services)

    def emit(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    emit(chat.render(services.command("start", "", chat.who)))
    emit("（输入问题或 /命令；输入数字选择按钮；输入“退出”结束）")
    source = iter(lines) if lines is not None else None
    while True:
        if source is None:
            try:
                line = input(PROMPT if interactive else "")
            except (EOFError, KeyboardInterrupt):
                emit("")
                return 0
            if not interactive:  # piped input: echo it so the transcript reads like a chat
                emit(PROMPT + line.rstrip("\n"))
        else:
            try:
                line = next(source)
            except StopIteration:
                return 0
            if interactive:
                emit(PROMPT + line.rstrip("\n"))
        if not line.strip():
            continue
        if line.strip().lower() in QUIT_WORDS:
            emit("再见。")
            return 0
        emit(chat.render(chat.handle(line)))
        emit("")
