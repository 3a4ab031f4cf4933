"""Hostile inputs, generated: what attackers and careless users type, for every command, every button
prefix, inline mode and free text (used by tests/test_hostile_inputs.py and bench/bench_faults.py).

Nothing here is tuned to one command: each payload is a kind of trouble (superscript and
full-width digits, integers past 2^63, lone surrogates, bidirectional overrides, control
characters, HTML, 10,000 characters, emoji, NUL …), and `inputs()` crosses them with every
target the registry offers, so a new command or button kind is probed without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.callback_data import Record
from bot.commands import COMMANDS
from bot.registry import Access

PAYLOADS: list[str] = [
    "²", "¹²³", "⁹⁹⁹⁹", "１２３", "٣", "①", "Ⅻ", "߁",
    "99999999999999999999", "-99999999999999999999", "9" * 400, "1e309", "-1", "0", "00000000000000000001",
    "\ud800", "a\udfffb", "\udc00\ud800",
    "\u202e固投\u202c", "\u2066规上\u2069", "\u202d1\u202c", "\u200f\u200e",
    "\x00", "\x00\x00固投", "\x07\x1b[31m红", "\r\n\t", "\x7f", "\u0085\u2028\u2029",
    "<b>粗</b>", "<script>alert(1)</script>", "&amp;&lt;", "<a href='javascript:x'>x</a>",
    "固" * 10_000, "a " * 5_000, "🔥" * 50, "👨\u200d👩\u200d👧", "\u200b\ufeff",
    "%s%n{0}{}", "' OR 1=1 --", "; DROP TABLE users;", "../../etc/passwd", "C:\\x\\y",
    "   ", "\u3000", "a\u0301" * 100, "1 2 3", "＃1", "全部 ²", "25:00", "99天", "9:99", "周八",
    "@planbot_test", "/start", "文件:" + "x" * 300, "单位:\x00", "-0", "+1", "0x10", "1_000",
]


@dataclass(frozen=True)
class Hostile:
    """One hostile input: what kind of update it is, the target (command, prefix) and the text."""

    kind: str  # command | admin_command | button | inline | text | group_text
    target: str
    text: str
    payload: str = ""

    def label(self) -> str:
        """A short printable id (for test ids and reports)."""
        return f"{self.kind}:{self.target}:{ascii(self.text[:12])}"


def _clip_bytes(text: str, limit: int = 64) -> str:
    """Callback data as Telegram would deliver it: at most 64 bytes of UTF-8 (forgers can send any)."""
    raw = text.encode("utf-8", "surrogatepass")[:limit]
    return raw.decode("utf-8", "surrogatepass") if _valid(raw) else raw.decode("utf-8", "ignore")


def _valid(raw: bytes) -> bool:
    try:
        raw.decode("utf-8", "surrogatepass")
        return True
    except UnicodeDecodeError:
        return False


def targets() -> dict[str, list[str]]:
    """Every command (user and admin), every callback prefix, inline and free text."""
    return {
        "command": [c.name for c in COMMANDS if c.telegram and c.access is not Access.BOT_ADMINS],
        "admin_command": [c.name for c in COMMANDS if c.telegram and c.access is Access.BOT_ADMINS],
        "button": sorted(Record.RECORDS) + ["~"],
        "inline": ["inline"],
        "text": ["private"],
        "group_text": ["mention"],
    }


def _button_data(prefix: str, payload: str, n: int) -> str:
    """Forged callback data for a prefix: the payload alone, or after a plausible first field."""
    if prefix == "~":
        return f"~{n % 7}" if n % 2 else "~" + payload
    shapes = [f"{prefix}:{payload}", f"{prefix}:1:{payload}", f"{prefix}:{payload}:{payload}",
              f"{prefix}:pv:{payload}", f"{prefix}:pub:{payload}"]
    return _clip_bytes(shapes[n % len(shapes)])


def inputs(per_target: int | None = 8) -> Iterator[Hostile]:
    """`per_target` payloads for every target, consecutive ones so that every payload is used
    (per_target=None: every payload for every target, every button shape)."""
    count = len(PAYLOADS)
    n = 0
    for kind, names in targets().items():
        for name in names:
            for k in range(per_target or count * (5 if kind == "button" else 1)):
                payload = PAYLOADS[n % count] if per_target else PAYLOADS[k % count]
                shape = n if per_target else k // count
                n += 1
                if kind == "button":
                    yield Hostile(kind, name, _button_data(name, payload, shape), payload)
                elif kind in ("command", "admin_command"):
                    yield Hostile(kind, name, f"/{name} {payload}", payload)
                elif kind == "group_text":
                    yield Hostile(kind, name, f"@planbot_test {payload}", payload)
                else:
                    yield Hostile(kind, name, payload, payload)
