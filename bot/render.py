"""Rendering a `Reply`: Telegram HTML messages (escaped, split under 4096 UTF-16 units) and console text."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bot.replies import Block, Button, Reply, Span

TELEGRAM_LIMIT = 4096  # Bot API limit for a message text, counted in UTF-16 code units
CAPTION_LIMIT = 1024
# Control characters (except tab and newline) and lone surrogates break the Bot API's JSON/HTML;
# bidirectional embeddings, overrides (U+202A–U+202E) and isolates (U+2066–U+2069) from a plan or a
# user could reorder what a reader sees (a file name or figure shown backwards): none is rendered.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_TAGS = {"bold": ("<b>", "</b>"), "italic": ("<i>", "</i>"), "code": ("<code>", "</code>")}


def clean(text: str) -> str:
    """`text` without characters Telegram cannot take (NUL, control characters, lone surrogates) and
    without bidirectional override and isolate characters."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Escape a value for Telegram HTML (only <, > and & are special in text)."""
    return html.escape(clean(text), quote=False)


def _tags(span: Span) -> tuple[str, str]:
    if span.style == "link" and span.url:
        return f'<a href="{html.escape(clean(span.url), quote=True)}">', "</a>"
    return _TAGS.get(span.style, ("", ""))


def _prefix_fitting(text: str, capacity: int) -> int:
    """How many leading characters of `text` fit in `capacity` UTF-16 units once escaped."""
    if utf16_len(html.escape(text, quote=False)) <= capacity:
        return len(text)  # the common case: the whole span fits, no per-character walk
    used = 0
    for i, ch in enumerate(text):
        used += utf16_len(html.escape(ch, quote=False))
        if used > capacity:
            return i
    return len(text)


def _block_pieces(block: Block, limit: int) -> list[str]:
    """The block as HTML, cut into pieces of at most `limit` units (tags closed in each piece)."""
    outer_open, outer_close = ("<blockquote>", "</blockquote>") if block.quote else ("", "")
    outer = utf16_len(outer_open + outer_close)
    pieces: list[str] = []
    current = ""
    for span in block.spans:
        text = clean(span.text)
        opener, closer = _tags(span)
        overhead = utf16_len(opener + closer)
        while text:
            capacity = limit - outer - utf16_len(current) - overhead
            take = _prefix_fitting(text, capacity) if capacity > 0 else 0
            if take == 0:
                if not current:  # cannot happen unless limit is tiny; avoid looping forever
                    take = 1
                else:
                    pieces.append(current)
                    current = ""
                    continue
            current += opener + escape(text[:take]) + closer
            text = text[take:]
    if current or not pieces:
        pieces.append(current)
    return [outer_open + p + outer_close if block.quote else p for p in pieces]


@dataclass
class TelegramMessage:
    """One message to send: HTML text and the buttons (only on the last message of a reply)."""

    text: str
    buttons: list[list[Button]] = field(default_factory=list)


def to_telegram(reply: Reply, limit: int = TELEGRAM_LIMIT) -> list[TelegramMessage]:
    """The reply as Telegram HTML messages, each under `limit` UTF-16 units, split between lines."""
    lines: list[str] = []
    for block in reply.blocks:
        lines.extend(_block_pieces(block, limit))
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        extra = utf16_len(line) + (1 if current else 0)
        if current and size + extra > limit:
            messages.append("\n".join(current))
            current, size = [], 0
            extra = utf16_len(line)
        current.append(line)
        size += extra
    if current:
        messages.append("\n".join(current))
    # Telegram rejects an empty text; blank lines at the edges are dropped.
    messages = [m.strip("\n") for m in messages if m.strip()]
    if not messages:
        messages = ["（空）"]
    out = [TelegramMessage(m) for m in messages]
    out[-1].buttons = reply.buttons
    return out


def html_to_plain(text: str) -> str:
    """Telegram HTML back to the text a user sees (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def console_lines(reply: Reply) -> list[str]:
    """The reply's text as console lines (quotes indented with a bar)."""
    lines: list[str] = []
    for block in reply.blocks:
        text = clean(block.plain())
        if block.quote:
            lines.extend("│ " + part for part in text.split("\n"))
        else:
            lines.append(text)
    return lines


def to_console(reply: Reply) -> tuple[str, list[Button]]:
    """The reply as console text, buttons shown as numbered choices; returns (text, choices)."""
    lines = console_lines(reply)
    choices: list[Button] = []
    for row in reply.buttons:
        cells = []
        for button in row:
            choices.append(button)
            cells.append(f"[{len(choices)}] {clean(button.label)}")
        lines.append("  ".join(cells))
    if reply.document is not None:
        lines.append(f"（附件：{reply.document.filename}，{len(reply.document.data)} 字节）")
    if reply.photo is not None:
        lines.append(f"（图片：{reply.photo.filename}，{len(reply.photo.data)} 字节）")
    for notice in reply.notices:
        first = next((b.plain() for b in notice.reply.blocks if b.plain().strip()), "")
        lines.append(f"（已通知 {notice.chat_id}：{first}）")
    return "\n".join(lines).strip("\n"), choices
