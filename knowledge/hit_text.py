"""The text a hit carries (the chat shows it, `planbot search --json` prints it): at most about 300
characters of the item's text, cut around the question's words when they are further in, and for a
passage the sentences after it in its paragraph."""

from __future__ import annotations

import re

from knowledge.models import Indicator, KnowledgeBase, Passage, Section, Task, Term

HIT_TEXT_CHARS = 300
# A cut starting closer than this to the end would show only the end.
EXCERPT_LEAD = 40
# A cut starts after a sentence end or a clause break (；, 。, a colon that opens a list).
_OPENING = re.compile(r"[。；！？;!?：:]")


def display_text(kb: KnowledgeBase, item: Indicator | Task | Section | Term | Passage) -> str:
    """What the chat shows for an item, whole (`excerpt` cuts it)."""
    if isinstance(item, Passage):
        text = item.text
    elif isinstance(item, Term):
        text = item.definition
    elif isinstance(item, Section):
        text = " › ".join(item.path) if item.path else item.title
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
