"""The text a hit carries (the chat shows it, `planbot search --json` prints it): at most about 300
characters of the item's text, cut around the question's words when they are further in, and for a
passage the sentences after it in its paragraph."""

from __future__ import annotations

from knowledge.marks import marks_in
from knowledge.models import Indicator, KnowledgeBase, Passage, Section, Task, Term

HIT_TEXT_CHARS = 300
# Characters kept before the question's words when a long text is cut around them.
EXCERPT_LEAD = 40


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
    """At most about HIT_TEXT_CHARS characters of a text: its start, or, when the question's words
    are further in (a long paragraph of tasks), the part around them."""
    if len(text) <= HIT_TEXT_CHARS:
        return text
    marks = marks_in(q_text, text)
    at = text.find(marks[0]) if marks else -1
    if at < 0 or at + len(marks[0]) <= HIT_TEXT_CHARS - EXCERPT_LEAD:
        return text[:HIT_TEXT_CHARS] + "…"
    start = max(0, at - EXCERPT_LEAD)
    end = start + HIT_TEXT_CHARS
    return "…" + text[start:end] + ("…" if end < len(text) else "")


def with_following(text: str, following: list[str]) -> str:
    """A passage's text with the sentences after it in its paragraph, as far as a hit's text may go:
    the list a sentence introduces (下列条件：…) is part of its answer."""
    for more in following:
        if len(text) + len(more) > HIT_TEXT_CHARS:
            break
        text += more
    return text
