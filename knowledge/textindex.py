"""BM25 over character bigrams: one field (names, headings or texts) of every searchable item.

Chinese has no spaces; character bigrams are the usual full-text unit for it and need no
dictionary, so indexing stays vectorised (a 100× knowledge base indexes in about a second, where
segmenting every text with jieba would take tens of seconds). Items that share a string (the same
name in many plans) are indexed once; document frequencies still count every item.
"""

from __future__ import annotations

import numpy as np

K1 = 1.2
B = 0.75
_ITEM_BITS = 24  # up to 16 million distinct strings
_CODE_BITS = 20  # characters are folded to 20 bits (CJK and ASCII keep their codes)


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64) & ((1 << _CODE_BITS) - 1)


def bigram_key(pair: str) -> int:
    """The key of one two-character string, as `bigrams` and the fields' `idf_of` encode it."""
    mask = (1 << _CODE_BITS) - 1
    return ((ord(pair[0]) & mask) << _CODE_BITS) | (ord(pair[1]) & mask)


def bigrams(text: str) -> np.ndarray:
    """The distinct bigram keys of a (normalised) query string; a one-character query is its
    character paired with itself, so single characters still count."""
    c = _codes(text)
    if len(c) == 1:
        return np.array([(c[0] << _CODE_BITS) | c[0]], dtype=np.int64)
    return np.unique((c[:-1] << _CODE_BITS) | c[1:])


class BigramField:
    """BM25 weights of every (bigram, string) pair of one field, as sorted postings."""

    def __init__(self, strings: list[str]) -> None:
        ids: dict[str, int] = {}
        self.inverse = np.fromiter((ids.setdefault(s, len(ids)) for s in strings), dtype=np.int64,
                                   count=len(strings))
        unique = list(ids)
        self.size = len(strings)
        mult = np.bincount(self.inverse, minlength=len(unique)).astype(np.float64)
        lengths = np.fromiter((len(s) for s in unique), dtype=np.int64, count=len(unique))
        self.keys = np.zeros(0, dtype=np.int64)
        self.owner = np.zeros(0, dtype=np.int64)
        self.weight = np.zeros(0, dtype=np.float64)
        self.idf_of: dict[int, float] = {}
        self.unique_size = len(unique)
        if not unique or not lengths.sum():
            return
        codes = _codes("\x00".join(unique))
        owner = np.repeat(np.arange(len(unique), dtype=np.int64), lengths + 1)[: len(codes)]
        key = (codes[:-1] << _CODE_BITS) | codes[1:]
        valid = (codes[:-1] != 0) & (codes[1:] != 0)
        # Single-character strings get their self-pair, as queries do.
        single = np.flatnonzero(lengths == 1)
        start = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))
        alone = codes[start[single]]
        packed = np.concatenate(((key[valid] << _ITEM_BITS) | owner[:-1][valid],
                                 (((alone << _CODE_BITS) | alone) << _ITEM_BITS) | single))
        packed.sort()
        first = np.concatenate(([True], packed[1:] != packed[:-1]))
        starts = np.flatnonzero(first)
        tf = np.diff(np.append(starts, len(packed))).astype(np.float64)
        packed = packed[starts]
        self.keys = packed >> _ITEM_BITS
        self.owner = packed & ((1 << _ITEM_BITS) - 1)
        # Document frequency counts items, not distinct strings.
        bounds = np.flatnonzero(np.concatenate(([True], self.keys[1:] != self.keys[:-1])))
        df = np.add.reduceat(mult[self.owner], bounds)
        df_per = np.repeat(df, np.diff(np.append(bounds, len(self.keys))))
        idf = np.log1p((self.size - df_per + 0.5) / (df_per + 0.5))
        item_len = np.maximum(lengths - 1, 1).astype(np.float64)
        avg = float((item_len * mult).sum() / max(1.0, mult.sum()))
        dl = item_len[self.owner]
        self.weight = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * dl / max(avg, 1.0)))
        self.idf_of = dict(zip(self.keys[bounds].tolist(),
                               np.log1p((self.size - df + 0.5) / (df + 0.5)).tolist(), strict=True))

    def idf(self, grams: np.ndarray) -> np.ndarray:
        """idf of each gram (an unseen gram gets the idf of a gram in no item)."""
        top = float(np.log1p((self.size + 0.5) / 0.5)) if self.size else 0.0
        return np.array([self.idf_of.get(g, top) for g in grams.tolist()], dtype=np.float64)

    def scores(self, grams: np.ndarray) -> np.ndarray:
        """BM25 score of every item for these query grams."""
        if len(grams) == 0 or len(self.keys) == 0:
            return np.zeros(self.size, dtype=np.float64)
        lo = np.searchsorted(self.keys, grams, side="left")
        hi = np.searchsorted(self.keys, grams, side="right")
        sel = [np.arange(a, b) for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a]
        if not sel:
            return np.zeros(self.size, dtype=np.float64)
        idx = np.concatenate(sel)
        per = np.bincount(self.owner[idx], weights=self.weight[idx], minlength=self.unique_size)
        return per[self.inverse]

    def coverage(self, grams: np.ndarray) -> np.ndarray:
        """Per item, the idf-weighted share of the query grams it holds (0-1)."""
        if len(grams) == 0 or len(self.keys) == 0:
            return np.zeros(self.size, dtype=np.float64)
        lo = np.searchsorted(self.keys, grams, side="left")
        hi = np.searchsorted(self.keys, grams, side="right")
        idf = self.idf(grams)
        total = float(idf.sum()) or 1.0
        parts, weights = [], []
        for k, (a, b) in enumerate(zip(lo.tolist(), hi.tolist(), strict=True)):
            if b > a:
                parts.append(self.owner[a:b])
                weights.append(np.full(b - a, idf[k]))
        if not parts:
            return np.zeros(self.size, dtype=np.float64)
        per = np.bincount(np.concatenate(parts), weights=np.concatenate(weights), minlength=self.unique_size)
        return per[self.inverse] / total
