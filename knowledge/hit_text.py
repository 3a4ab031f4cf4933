"""The text a hit carries (the chat shows it, `planbot search --json` prints it): at most about 300
characters of the item's text, cut around the question's words when they are further in, and for a
passage the sentences after it in its paragraph."""

from __future__ import annotations

import re

from knowledge.doctext import logical_lines, section_lines
from knowledge.models import Indicator, KnowledgeBase, Passage, Section, Task, Term
from knowledge.unbroken import Piece

HIT_TEXT_CHARS = 300
# The most of a section's text kept for its hits to be cut from.
SECTION_BODY_CHARS = 3000
# A cut starting closer than this to the end would show only the end.
EXCERPT_LEAD = 40
# A cut starts after a sentence end or a clause break (；, 。, a colon that opens a list).
_OPENING = re.compile(r"[。；！？;!?：:]")


class SectionBodies:
    """The text under each heading of a knowledge base, computed per document when first asked
    (cutting an unbroken document into its logical lines takes milliseconds: once per document)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._bodies: dict[str, str] = {}
        self._pieces: dict[str, list[Piece] | None] = {}

    def of(self, section: Section) -> str:
        """The text under a heading, up to its end, in one string."""
        body = self._bodies.get(section.id)
        if body is None:
            lines = self.kb.texts.get(section.doc, [])
            if section.doc not in self._pieces:
                self._pieces[section.doc] = logical_lines(lines)
            body = "".join(section_lines(lines, section, pieces=self._pieces[section.doc]))
            # A top heading's body is its whole document: what a hit shows is cut from the start.
            body = self._bodies[section.id] = body[:SECTION_BODY_CHARS]
        return body


def display_text(kb: KnowledgeBase, item: Indicator | Task | Section | Term | Passage,
                 bodies: SectionBodies) -> str:
    """What the chat shows for an item, whole (`excerpt` cuts it)."""
    if isinstance(item, Passage):
        text = item.text
    elif isinstance(item, Term):
        text = item.definition
    elif isinstance(item, Section):
        # Its path, then what it says (the chat's section card shows both): 第四章 评估内容 alone
        # tells nothing of what the contents are.
        heading = " › ".join(item.path) if item.path else item.title
        body = bodies.of(item)
        text = f"{heading}：{body}" if body else heading
    elif isinstance(item, Task):
        text = item.text or item.title
    else:
        text = item.text
        if not text:
            lines = kb.texts.get(item.doc, [])
            text = lines[item.line - 1].strip() if 0 < item.line <= len(lines) else item.name
    return text


def excerpt(text: str, q_text: str) -> str:
    """At most about HIT_TEXT_CHARS characters of a text: the part that holds most of the question's
    words (its start when that does as well as any), opening at a sentence when it can."""
    if len(text) <= HIT_TEXT_CHARS:
        return text
    wanted = {q_text[k:k + 2] for k in range(len(q_text) - 1)}
    best, best_held = 0, (-1, -1)
    for start in _openings(text):
        window = text[start:start + HIT_TEXT_CHARS]
        # The most of the question's words, then the most mentions of them (the sentence that is
        # about them, not the one that names them in passing).
        held = (sum(1 for g in wanted if g in window), sum(window.count(g) for g in wanted))
        if held > best_held:
            best, best_held = start, held
    if best == 0:
        return text[:HIT_TEXT_CHARS] + "…"
    end = best + HIT_TEXT_CHARS
    return "…" + text[best:end] + ("…" if end < len(text) else "")


def _openings(text: str) -> list[int]:
    """Where a cut may start: the text's start and after each sentence end or clause break."""
    return [0] + [m.end() for m in _OPENING.finditer(text) if m.end() < len(text) - EXCERPT_LEAD]


def with_following(text: str, following: list[str]) -> str:
    """A passage's text with the sentences after it in its paragraph, as far as a hit's text may go:
    the list a sentence introduces (下列条件：…) is part of its answer."""
    for more in following:
        if len(text) + len(more) > HIT_TEXT_CHARS:
            break
        text += more
    return text
