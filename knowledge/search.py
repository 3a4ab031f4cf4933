"""Search: fuzzy matching of staff queries to indicators, tasks, sections and terms (STUB)."""

from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.models import Indicator, ItemKind, KnowledgeBase, Section, Task, Term


@dataclass
class Hit:
    """One ranked item: what it is, where it comes from, and how well it matched (0-100)."""

    kind: ItemKind
    id: str
    doc: str
    line: int
    title: str
    score: float
    item: Indicator | Task | Section | Term

    def as_contract(self) -> dict[str, object]:
        """The JSON shape promised by `planbot search --json`."""
        return {"kind": self.kind, "id": self.id, "doc": self.doc, "line": self.line,
                "title": self.title, "score": round(self.score, 2)}


@dataclass
class SearchResult:
    """Hits best first (empty = not found) and "did you mean" suggestions."""

    query: str
    hits: list[Hit] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


class SearchIndex:
    """An in-memory index over one knowledge base; immutable once built."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def search(self, query: str, limit: int = 10) -> SearchResult:
        """The items matching `query`, best first, above the answer threshold."""
        return SearchResult(query=query)
