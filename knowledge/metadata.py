"""Document metadata: title, issuer, kind, year, period, review part (STUB)."""

from __future__ import annotations

from knowledge.doctext import DocText
from knowledge.models import Document, Section


def describe(text: DocText, doc_id: str) -> Document:
    """A Document with title, issuer, kind, plan year and period guessed from the text."""
    first = next((t for _, t in text.content()), text.file)
    return Document(id=doc_id, file=text.file, title=first, line_count=len(text.lines))


def review_range(doc: Document, text: DocText, sections: list[Section]) -> tuple[int, int] | None:
    """In a work report, the lines that review the past year (achievements, not tasks)."""
    return None
