"""Tasks: numbered tasks and lead-phrase measures with deadlines and units (STUB)."""

from __future__ import annotations

from knowledge.doctext import DocText
from knowledge.models import Document, Section, Task


def extract_tasks(doc: Document, text: DocText, sections: list[Section]) -> list[Task]:
    """Every forward-looking task in the document, with deadline, units, section and line."""
    return []
