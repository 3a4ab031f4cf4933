"""The text of one document as the extractors see it: numbered lines minus web chrome.

For a normal document the lines are the source lines. For unbroken text (knowledge/unbroken.py)
and hard-wrapped text (knowledge/rewrap.py) they are logical lines, each with its origin — the source line and the offset where it starts
there — and `to_source` moves every extracted item back onto the source lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from knowledge import cleaning, rewrap, unbroken
from knowledge.models import KnowledgeBase, Section


@dataclass
class DocText:
    """Lines of one document (index 0 is line 1) and the 1-based lines that are chrome.

    `origins[k]` is (source line, offset) of line k + 1 when the lines are logical lines.
    """

    file: str
    lines: list[str]
    chrome: set[int] = field(default_factory=set)
    origins: list[tuple[int, int]] | None = None

    def line(self, number: int) -> str:
        """Line `number` (1-based), or "" when it is chrome or out of range."""
        if number in self.chrome or not 1 <= number <= len(self.lines):
            return ""
        return self.lines[number - 1]

    def content(self) -> Iterator[tuple[int, str]]:
        """(line number, stripped text) for every non-blank line that is not chrome."""
        for number, text in enumerate(self.lines, start=1):
            if number in self.chrome:
                continue
            stripped = text.strip()
            if stripped:
                yield number, stripped

    def source(self, number: int) -> tuple[int, int]:
        """The source line and offset where line `number` starts."""
        if self.origins is None or not 1 <= number <= len(self.origins):
            return number, 0
        return self.origins[number - 1]


def logical_lines(lines: list[str]) -> list[unbroken.Piece] | None:
    """A document's logical lines with their origins, or None when its lines are its lines:
    hard-wrapped text is rejoined into paragraphs (knowledge/rewrap.py), then any unbroken
    line — source or rejoined — is cut at its own structure (knowledge/unbroken.py)."""
    joined = rewrap.rejoin(lines)
    if joined is None:
        return unbroken.logical_lines(lines)
    total = sum(len(j.text) for j in joined)
    pieces: list[unbroken.Piece] = []
    for j in joined:
        if unbroken.is_unbroken(j.text, total):
            pieces.extend(unbroken.Piece(*j.origin(p.offset), p.text) for p in unbroken.split_line(j.text, 0))
        else:
            pieces.append(unbroken.Piece(*j.origin(0), j.text))
    return pieces


def document_text(file: str, lines: list[str]) -> DocText:
    """The DocText of a document's source lines: logical lines when the text is unbroken or
    hard-wrapped."""
    pieces = logical_lines(lines)
    if pieces is None:
        return DocText(file=file, lines=lines, chrome=cleaning.chrome_lines(lines))
    logical = [p.text for p in pieces]
    return DocText(file=file, lines=logical, chrome=cleaning.chrome_lines(logical),
                   origins=[(p.line, p.offset) for p in pieces])


def to_source(kb: KnowledgeBase, text: DocText, source_lines: list[str]) -> None:
    """Move the items of one document's knowledge base from logical lines to source lines
    and offsets (nothing to do for a normal document)."""
    if text.origins is None:
        return

    def src(number: int) -> int:
        return text.source(number)[0]

    def off(number: int) -> int:
        return text.source(number)[1]

    for doc in kb.documents:
        doc.line_count = len(source_lines)
        if doc.review_lines:
            doc.review_lines = (src(doc.review_lines[0]), src(doc.review_lines[1]))
        if doc.date_line:
            doc.date_line = src(doc.date_line)
    for s in kb.sections:
        if s.end_line is not None:
            s.end_offset = off(s.end_line)
            s.end_line = src(s.end_line)
        s.line, s.offset = text.source(s.line)
    for i in [*kb.indicators, *kb.actuals]:
        i.lines = sorted({src(n) for n in i.lines})
        i.line, i.offset = text.source(i.line)
    for t in kb.tasks:
        t.line, t.offset = text.source(t.line)
    for g in kb.terms:
        g.line, g.offset = text.source(g.line)
    for p in kb.passages:
        line, start = text.source(p.line)
        p.line, p.offset = line, start + p.offset
    for w in kb.warnings:
        if w.line is not None:
            w.line = src(w.line)


_NOT_GIVEN: list[unbroken.Piece] = []


def section_lines(lines: list[str], section: Section, end_line: int | None = None,
                  pieces: list[unbroken.Piece] | None = _NOT_GIVEN) -> list[str]:
    """The non-blank lines under a heading (the heading's own line left out), up to its end.

    For unbroken text these are the logical lines between the heading and the section's end
    (section.end_line/end_offset); for a normal document, source lines as they are. `pieces` are the
    document's logical lines when the caller has them already (they take a while to compute).
    """
    end = section.end_line if end_line is None else end_line
    if end is None:
        end = len(lines)
    if pieces is _NOT_GIVEN:
        pieces = logical_lines(lines)
    if pieces is None:
        return [ln.strip() for ln in lines[section.line:end] if ln.strip()]
    stop = (end, section.end_offset if section.end_offset is not None else 1 << 60)
    return [p.text for p in pieces if (section.line, section.offset) < (p.line, p.offset) <= stop]
