"""Shared by the search evaluations: our search seen through its contract, and a BM25 baseline.

The evaluations must survive a rewrite of knowledge/search.py, so they use only the contract shape:
`SearchIndex(kb).search(q, limit=K).hits`, each hit's `as_contract()` (kind, id, doc, line, title,
score, text, and `lines` when present), and `hit.item.lines` when an item carries several lines.
Anything missing falls back to the hit's attributes.
"""

from __future__ import annotations

import datetime as dt
import inspect
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402
from rank_bm25 import BM25Okapi  # noqa: E402

from knowledge.models import KnowledgeBase  # noqa: E402

jieba.setLogLevel(60)

CONTRACT_FIELDS = ("kind", "id", "doc", "line", "title", "score", "text")


@dataclass(frozen=True)
class EvalHit:
    """One answer of a searcher, as the evaluation sees it."""

    kind: str
    id: str
    doc: str
    line: int
    title: str = ""
    score: float = 0.0
    text: str = ""
    lines: frozenset[int] = field(default_factory=frozenset)
    item: Any = None

    def all_lines(self) -> set[int]:
        """The hit's line and every line of its item (a table row spans several)."""
        return {self.line} | set(self.lines)


def _contract(hit: Any) -> dict[str, Any]:
    if hasattr(hit, "as_contract"):
        try:
            data = dict(hit.as_contract())
        except Exception:  # noqa: BLE001 — an older or broken contract: fall back to attributes
            data = {}
    else:
        data = dict(hit) if isinstance(hit, dict) else {}
    for name in (*CONTRACT_FIELDS, "lines"):
        if name not in data and hasattr(hit, name):
            data[name] = getattr(hit, name)
    return data


def to_eval_hit(hit: Any) -> EvalHit:
    """Normalise one hit of our search (contract dict, Hit object or dict) for scoring."""
    data = _contract(hit)
    item = getattr(hit, "item", None)
    lines = set(data.get("lines") or []) | set(getattr(item, "lines", None) or [])
    text = data.get("text") or ""
    if not text and item is not None:
        text = item_text(str(data.get("kind", "")), item)
    return EvalHit(kind=str(data.get("kind", "")), id=str(data.get("id", "")), doc=str(data.get("doc", "")),
                   line=int(data.get("line") or 0), title=str(data.get("title") or ""),
                   score=float(data.get("score") or 0.0), text=str(text), lines=frozenset(lines), item=item)


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


class OurSearch:
    """Our search through the contract; passes a question's date when the API has a `today` setting."""

    def __init__(self, kb: KnowledgeBase) -> None:
        from knowledge.search import SearchIndex

        self._cls = SearchIndex
        self.kb = kb
        self.index = SearchIndex(kb)
        self.today_in_search = _accepts(self.index.search, "today")
        self.today_in_index = not self.today_in_search and _accepts(SearchIndex, "today")
        self._dated: dict[dt.date, Any] = {}

    @property
    def today_support(self) -> str:
        """How a question's date reaches the search (for the report header)."""
        if self.today_in_search:
            return "search(today=…)"
        return "SearchIndex(kb, today=…)" if self.today_in_index else "not supported (ignored)"

    def search(self, query: str, limit: int = 10, today: dt.date | None = None) -> list[EvalHit]:
        """Best first; an empty list means "not found"."""
        index, kwargs = self.index, {}
        if today is not None and self.today_in_search:
            kwargs["today"] = today
        elif today is not None and self.today_in_index:
            if today not in self._dated:
                self._dated[today] = self._cls(self.kb, today=today)
            index = self._dated[today]
        result = index.search(query, limit=limit, **kwargs)
        hits = getattr(result, "hits", result)
        return [to_eval_hit(h) for h in list(hits)[:limit]]


def kb_items(kb: Any) -> list[tuple[str, Any]]:
    """(kind, item) of every item, passages included when the knowledge base has them."""
    out: list[tuple[str, Any]] = []
    for kind, attr in (("indicator", "indicators"), ("task", "tasks"), ("section", "sections"),
                       ("term", "terms"), ("passage", "passages")):
        out.extend((kind, it) for it in getattr(kb, attr, None) or [])
    return out


def _get(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def item_title(kind: str, item: Any) -> str:
    """An item's name: indicator name, task/section title, term; a passage has none."""
    for name in ("name", "title", "term"):
        value = _get(item, name)
        if value:
            return str(value)
    return ""


def item_text(kind: str, item: Any) -> str:
    """An item's running text: indicator sentence, task text, term definition, passage text."""
    for name in ("text", "definition"):
        value = _get(item, name)
        if value:
            return str(value)
    return item_title(kind, item)


def tokens(text: str) -> list[str]:
    """jieba tokens, lower-cased, without whitespace and punctuation-only tokens."""
    return [t for t in jieba.lcut(text.lower()) if any(ch.isalnum() for ch in t)]


class BM25Items:
    """BM25 (rank-bm25 Okapi) over jieba tokens of every item's title and text. Never refuses."""

    def __init__(self, kb: Any) -> None:
        self.items = kb_items(kb)
        docs = []
        for kind, it in self.items:
            title, text = item_title(kind, it), item_text(kind, it)
            docs.append(tokens(title if text == title else f"{title} {text}") or ["∅"])
        self.bm25 = BM25Okapi(docs)

    def search(self, query: str, limit: int = 10, today: dt.date | None = None) -> list[EvalHit]:
        """The `limit` best items by BM25 score (ties in item order)."""
        scores = self.bm25.get_scores(tokens(query))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
        out = []
        for i in order:
            kind, it = self.items[i]
            lines = frozenset(_get(it, "lines") or [])
            out.append(EvalHit(kind=kind, id=str(_get(it, "id")), doc=str(_get(it, "doc")),
                               line=int(_get(it, "line") or 0), title=item_title(kind, it),
                               score=float(scores[i]), text=item_text(kind, it), lines=lines, item=it))
        return out


def build_kb(plans: Iterable[str] | None) -> KnowledgeBase:
    """The knowledge base the builder makes from the bundled plans, or from the given paths."""
    from knowledge.builder import build_bundled, build_files

    paths = list(plans or [])
    return build_files([Path(p) for p in paths]) if paths else build_bundled()


def kb_summary(kb: Any) -> str:
    """Item counts of a knowledge base, for report headers."""
    parts = [f"{len(getattr(kb, a, None) or [])} {a}"
             for a in ("documents", "indicators", "tasks", "sections", "terms", "passages")
             if hasattr(kb, a)]
    return ", ".join(parts)
