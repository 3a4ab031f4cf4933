"""Glossary terms (名词解释 and similar lists) (STUB)."""

from __future__ import annotations

from knowledge.doctext import DocText
from knowledge.models import Document, Section, Term


def extract_terms(doc: Document, text: DocText, sections: list[Section]) -> list[Term]:
    """Every glossary entry in the document."""
    return []
