"""How much of a question lies beyond one item's own fields: in a passage together with its
neighbours in the paragraph, anywhere in a whole document, and on the bigrams the plans hold only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from knowledge.features import FieldScores
from knowledge.models import Passage
from knowledge.textindex import BigramField, bigrams

if TYPE_CHECKING:
    from knowledge.fuzzy import _Entry

# Passages whose window of neighbours is kept (bigram sets), for long questions asked again.
WINDOW_CACHE = 50_000


class Coverage:
    """The paragraphs and documents of one index's entries, for coverage beyond an item's fields."""

    def __init__(self, entries: list[_Entry], fields: tuple[BigramField, BigramField, BigramField],
                 entry_doc: np.ndarray, documents: int) -> None:
        self.entries = entries
        self.fields = fields  # name, heading, text
        self.documents_count = documents
        # A passage's neighbours in its paragraph: a long question is often answered by a sentence
        # whose subject is named in the sentence before it.
        # (the entries of its paragraph, its place among them)
        self.paragraph_of: dict[int, tuple[list[int], int]] = {}
        paragraphs: dict[tuple[str, int], list[int]] = {}
        for i, e in enumerate(entries):
            if isinstance(e.item, Passage):
                members = paragraphs.setdefault((e.item.doc, e.item.para), [])
                self.paragraph_of[i] = (members, len(members))
                members.append(i)
        self.paragraphs = paragraphs  # (document, paragraph number) → its passages, in order
        self._window_grams: dict[int, frozenset[int]] = {}
        text = fields[2]
        # The document of each distinct text string (the last one holding it; `documents` for none).
        self._unique_doc = np.full(text.unique_size, documents, dtype=np.int64)
        known = entry_doc >= 0
        self._unique_doc[text.inverse[known]] = entry_doc[known]

    def window(self, text: str, idx: list[int], fs: FieldScores) -> list[float]:
        """Per candidate, the idf-weighted share of the question's bigrams held by a passage with the
        passages before and after it in its paragraph (other kinds: their own text's coverage)."""
        grams = bigrams(text).tolist() if text else []
        idf = self.fields[2].idf(np.array(grams, dtype=np.int64)).tolist() if grams else []
        total = sum(idf)
        out: list[float] = []
        for i in idx:
            paragraph = self.paragraph_of.get(i)
            if paragraph is None or not total:
                out.append(float(fs.cov_text[i]))
                continue
            held = self._window_grams.get(i)
            if held is None:
                members, k = paragraph
                held = frozenset(bigrams("".join(self.entries[j].text for j in members[max(0, k - 1): k + 2])).tolist())
                if len(self._window_grams) < WINDOW_CACHE:
                    self._window_grams[i] = held
            share = sum(w for g, w in zip(grams, idf, strict=True) if g in held) / total
            out.append(max(float(fs.cov_text[i]), share))
        return out

    def documents(self, text: str) -> np.ndarray:
        """Per document number, the idf-weighted share of the question's bigrams its text holds
        anywhere, relative to the best document's: which document is about the question at all."""
        out = np.zeros(self.documents_count + 1)
        grams = bigrams(text) if text else np.zeros(0, dtype=np.int64)
        f = self.fields[2]
        if not len(grams) or not len(f.keys):
            return out
        idf = f.idf(grams)
        lo = np.searchsorted(f.keys, grams, side="left")
        hi = np.searchsorted(f.keys, grams, side="right")
        for k, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
            if b > a:
                held = np.bincount(self._unique_doc[f.owner[a:b]], minlength=len(out)) > 0
                out[held] += idf[k]
        out[-1] = 0.0  # strings of no document
        top = out.max()
        return out / top if top > 0 else out

    def known(self, variants: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per item, the idf-weighted share of a topic's bigrams it holds in its name, heading and
        text, counting only bigrams some item holds: what a chat adds around a topic (那几件, 了没)
        is in no plan and must not hide the topic (best of the variants given)."""
        best = [np.zeros(self.fields[0].size) for _ in self.fields]
        first = None  # (the share of the topic's own bigrams the plans hold)
        for v in variants:
            grams = bigrams(v)
            seen = grams[[any(g in f.idf_of for f in self.fields) for g in grams.tolist()]]
            share = len(seen) / len(grams) if len(grams) else 0.0
            if first is None:
                first = share
            elif share < first:
                # 泥头车管理 → 渣土车管理: a rewrite the plans hold less of than the topic itself (管理 alone)
                # would count an item holding 管理 as all of it.
                continue
            if len(seen):
                for k, f in enumerate(self.fields):
                    np.maximum(best[k], f.coverage(seen), out=best[k])
        return best[0], best[1], best[2]
