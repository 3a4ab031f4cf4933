"""Deep links: `https://t.me/<bot>?start=<payload>` opens the chat and runs a command with an argument.

Telegram allows 1–64 characters from A–Z a–z 0–9 _ - in a start payload, so the payload is a short
verb naming a registry command, then either "_" and the argument as it is (ASCII letters, digits,
"_" and "-") or "-" and the argument's UTF-8 in unpadded base64url (anything else, e.g. Chinese):

    sub_GDP                 /subscribe GDP
    sub-6ICB5pen5bCP5Yy6    /subscribe 老旧小区
    q-5Zu65oqV              /find 固投
    docs                    /docs

The verb is followed by the first "_" or "-", which says how to read the rest (the verbs are
letters only). A payload that does not decode, names no verb, or carries an argument a button or
command would refuse, is ignored (the plain /start answer says so).
"""

from __future__ import annotations

import base64
import binascii
import re

from bot.callback_fields import words

MAX_PAYLOAD = 64
# The commands a link may run, by verb (short: the argument needs the room).
VERBS = {"sub": "subscribe", "q": "find", "tasks": "tasks", "due": "due", "ind": "indicators",
         "term": "term", "outline": "outline", "docs": "docs", "digest": "digest", "help": "help"}
COMMAND_VERBS = {command: verb for verb, command in VERBS.items()}
_PLAIN_ARG = re.compile(r"[A-Za-z0-9_-]+")
_PAYLOAD = re.compile(r"([a-z]+)(?:([_-])([A-Za-z0-9_-]+))?")


def payload(command: str, arg: str = "") -> str:
    """The start payload that runs `/command arg`; raises ValueError if it cannot be linked (unknown
    command, an argument too long for Telegram's 64 characters)."""
    verb = COMMAND_VERBS.get(command)
    if verb is None:
        raise ValueError(f"/{command} cannot be opened from a link")
    arg = arg.strip()
    if not arg:
        text = verb
    elif _PLAIN_ARG.fullmatch(arg):
        text = f"{verb}_{arg}"
    else:
        encoded = base64.urlsafe_b64encode(words(arg).encode("utf-8")).decode("ascii").rstrip("=")
        text = f"{verb}-{encoded}"
    if len(text) > MAX_PAYLOAD:
        raise ValueError(f"the link payload would be {len(text)} characters (Telegram allows {MAX_PAYLOAD})")
    return text


def parse(text: str) -> tuple[str, str] | None:
    """(command, argument) of a start payload, or None when it is not one of ours."""
    match = _PAYLOAD.fullmatch(text.strip()) if len(text) <= MAX_PAYLOAD else None
    if match is None or match.group(1) not in VERBS:
        return None
    command, mark, rest = VERBS[match.group(1)], match.group(2), match.group(3) or ""
    if mark != "-":
        return command, rest
    try:
        decoded = base64.urlsafe_b64decode(rest + "=" * (-len(rest) % 4)).decode("utf-8")
        return command, words(decoded)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def link(username: str, command: str, arg: str = "", *, group: bool = False) -> str:
    """The t.me link that opens a chat with the bot (or, with `group`, adds it to a group) and runs it."""
    return f"https://t.me/{username}?{'startgroup' if group else 'start'}={payload(command, arg)}"
