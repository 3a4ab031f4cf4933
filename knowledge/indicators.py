"""Indicators: table rows and quantified targets in prose (STUB)."""

from __future__ import annotations

from knowledge.doctext import DocText
from knowledge.models import Document, Indicator, Section


def extract_indicators(doc: Document, text: DocText, sections: list[Section]) -> list[Indicator]:
    """Every quantified indicator or target in the document, with section and line."""
    return []
