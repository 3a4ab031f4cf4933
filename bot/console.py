"""The console chat: the same service and replies as Telegram, in a terminal; buttons become numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TextIO

from bot.render import to_console
from bot.replies import Button, Reply
from bot.service import PlanService, Who

PROMPT = "你> "
QUIT_WORDS = {"exit", "quit", "q", "退出", "/exit", "/quit"}
CONSOLE_WHO = Who(user_id=0, chat_id=0, chat_type="private", username="console", full_name="控制台",
                  source="console")


@dataclass
class ConsoleRoutes:
    """What the console can do: commands by name and button callbacks by data prefix.

    Other modules add theirs (e.g. routes.commands["subscribe"] = fn, routes.callbacks["dg"] = fn).
    """

    service: PlanService
    commands: dict[str, Callable[[str, Who], Reply]] = field(default_factory=dict)
    callbacks: dict[str, Callable[[str, Who], Reply]] = field(default_factory=dict)

    def command(self, name: str, arg: str, who: Who) -> Reply:
        """Run /name arg."""
        fn = self.commands.get(name.lower())
        return fn(arg, who) if fn else self.service.command(name, arg, who)

    def callback(self, data: str, who: Who) -> Reply:
        """Press a button with this callback data."""
        fn = self.callbacks.get(data.split(":", 1)[0])
        return fn(data, who) if fn else self.service.callback(data, who)


class ConsoleChat:
    """One console conversation: remembers the last buttons so a typed number presses one."""

    def __init__(self, routes: ConsoleRoutes, who: Who = CONSOLE_WHO) -> None:
        self.routes = routes
        self.who = who
        self.choices: list[Button] = []

    def handle(self, line: str) -> Reply:
        """The reply to one typed line: a number picks a button, /cmd runs a command, else a question."""
        text = line.strip()
        if text.isdigit() and self.choices and 1 <= int(text) <= len(self.choices):
            button = self.choices[int(text) - 1]
            if button.url:
                return Reply().line(f"请在浏览器中打开：{button.url}")
            return self.routes.callback(button.data, self.who)
        if text.startswith("/"):
            head, _, arg = text.partition(" ")
            return self.routes.command(head[1:].split("@")[0], arg.strip(), self.who)
        return self.routes.service.ask(text, self.who)

    def render(self, reply: Reply) -> str:
        """The reply as console text; its buttons become the numbered choices."""
        text, self.choices = to_console(reply)
        return text


def run_console(routes: ConsoleRoutes, lines: Iterable[str] | None = None, out: TextIO | None = None,
                interactive: bool = True) -> int:
    """Chat in the terminal until EOF or 退出; `lines` replaces stdin (tests, pipes)."""
    import sys

    out = out or sys.stdout
    chat = ConsoleChat(routes)

    def emit(text: str) -> None:
        out.write(text + "\n")
        out.flush()

    emit(chat.render(routes.service.start("", chat.who)))
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
