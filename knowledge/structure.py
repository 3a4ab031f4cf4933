"""Structure: the heading tree from the numbering plans use (STUB)."""

from __future__ import annotations

from knowledge.doctext import DocText
from knowledge.models import Document, Section


def parse_sections(doc: Document, text: DocText) -> list[Section]:
    """The document's headings with levels, parents and citation paths, in line order."""
    return []


def section_at(sections: list[Section], line: int) -> Section | None:
    """The innermost section whose heading precedes `line` (sections in line order)."""
    found: Section | None = None
    for section in sections:
        if section.line <= line:
            found = section
        else:
            break
    return found
