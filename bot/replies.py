"""Chat-agnostic replies: text blocks with light markup, button rows, an optional document.

Every service (answers, digests, admin) returns a `Reply`; `bot.render` turns it into Telegram
HTML messages or console text. Values are stored raw: the renderer escapes them.

Markup: a `Block` is one line made of `Span`s, each plain, bold, italic, code or link;
`Block(quote=True)` is a quoted excerpt; an empty block is a blank line. Buttons are rows of
`Button(label, data)` where `data` is callback data (at most 64 bytes), or `Button(label, url=...)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["plain", "bold", "italic", "code", "link"]
MAX_CALLBACK_BYTES = 64


@dataclass(frozen=True)
class Span:
    """A run of text in one style (`url` for links)."""

    text: str
    style: Style = "plain"
    url: str | None = None


@dataclass
class Block:
    """One line of a reply; `quote` marks an excerpt from a document."""

    spans: list[Span] = field(default_factory=list)
    quote: bool = False

    def plain(self) -> str:
        """The text without markup."""
        return "".join(s.text for s in self.spans)


@dataclass(frozen=True)
class Button:
    """An inline button: callback `data`, or a `url` to open."""

    label: str
    data: str = ""
    url: str | None = None

    def __post_init__(self) -> None:
        if self.url is None and len(self.data.encode("utf-8")) > MAX_CALLBACK_BYTES:
            raise ValueError(f"callback data longer than {MAX_CALLBACK_BYTES} bytes: {self.data!r}")


@dataclass(frozen=True)
class Attachment:
    """A file sent with the reply (e.g. a change report)."""

    filename: str
    data: bytes
    caption: str = ""


@dataclass
class Notice:
    """A message for another chat, sent along with a reply (an admin told of a request to decide)."""

    chat_id: int
    reply: Reply


@dataclass
class Reply:
    """What a service answers: blocks of text, rows of buttons, maybe a document.

    `replace=True` hints that a front end may edit the message the pressed button belongs to
    (pagination, tree navigation) instead of sending a new one.
    """

    blocks: list[Block] = field(default_factory=list)
    buttons: list[list[Button]] = field(default_factory=list)
    document: Attachment | None = None
    replace: bool = False
    toast: str = ""  # a short notice for the pressed button (Telegram shows it briefly)
    photo: Attachment | None = None  # an image sent after the text (a chart)
    notices: list[Notice] = field(default_factory=list)  # messages for other chats

    # Builders (each returns self so calls chain).
    def line(self, *parts: str | Span) -> Reply:
        """Append a line; strings are plain spans."""
        self.blocks.append(Block([p if isinstance(p, Span) else Span(p) for p in parts if p != ""]))
        return self

    def title(self, text: str) -> Reply:
        """Append a bold heading line."""
        return self.line(Span(text, "bold"))

    def text(self, text: str) -> Reply:
        """Append plain text (several lines if it holds newlines)."""
        for part in text.split("\n"):
            self.line(part)
        return self

    def field(self, label: str, value: str) -> Reply:
        """Append "label：value" with the label in bold."""
        return self.line(Span(label, "bold"), "：", value)

    def quote(self, text: str) -> Reply:
        """Append a quoted excerpt (one block; newlines kept)."""
        self.blocks.append(Block([Span(text)], quote=True))
        return self

    def source(self, text: str) -> Reply:
        """Append an italic source line ("来源：…")."""
        return self.line(Span("来源：" + text, "italic"))

    def blank(self) -> Reply:
        """Append an empty line."""
        self.blocks.append(Block())
        return self

    def row(self, *buttons: Button | tuple[str, str]) -> Reply:
        """Append a row of buttons; tuples are (label, callback data)."""
        row = [b if isinstance(b, Button) else Button(b[0], b[1]) for b in buttons]
        if row:
            self.buttons.append(row)
        return self

    def extend(self, other: Reply) -> Reply:
        """Append another reply's blocks and buttons."""
        self.blocks.extend(other.blocks)
        self.buttons.extend(other.buttons)
        return self

    def plain_text(self) -> str:
        """All blocks as plain text, one per line (for logs and tests)."""
        return "\n".join(b.plain() for b in self.blocks)

    def button_list(self) -> list[Button]:
        """Every button, row by row."""
        return [b for row in self.buttons for b in row]
