"""Running headers and footers of a PDF: lines repeated at the top or bottom of most pages.

A browser printing a web page puts the print time and the page's title at the top of every
page and its address and "1/6" at the bottom; office documents repeat a running title, the
issuer or "第 x 页 共 y 页". Such a line is chrome wherever it stands, so it is dropped before
paragraphs are rejoined (else it would split a paragraph running over a page break, or
become the title). A line counts when, with its digits masked, it stands among the first or
last lines of at least half of the pages (two at least), inside the page's top or bottom
margin.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from knowledge.pdf_layout import TextLine

# Share of the page height, at the top and at the bottom, where running lines stand.
_MARGIN_SHARE = 0.12
# Lines looked at from each edge of a page (a header may take two lines: date | title, URL).
_EDGE_LINES = 3
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
# A running line has words (a title, a site, a URL): table cells of bare numbers at the page
# edges (212.29, 3.01 …) mask to the same key and are no header.
_WORD = re.compile(r"[^\W\d_]")


def line_key(text: str) -> str:
    """A line with its spaces removed and every run of digits masked (page numbers, dates)."""
    return _DIGITS.sub("#", _SPACE.sub("", text))


def in_margin(line: TextLine, height: float) -> bool:
    """Whether a line stands in the page's top or bottom margin band."""
    return line.top < _MARGIN_SHARE * height or line.bottom > (1 - _MARGIN_SHARE) * height


def _edge_lines(lines: list[TextLine], height: float) -> Iterable[TextLine]:
    ordered = sorted(lines, key=lambda t: t.top)
    edges = ordered[:_EDGE_LINES] + ordered[-_EDGE_LINES:] if len(ordered) > 2 * _EDGE_LINES else ordered
    return (t for t in edges if in_margin(t, height))


def running_keys(pages: list[tuple[list[TextLine], float]]) -> set[str]:
    """Keys (line_key) of the lines that run over the pages' top or bottom margins."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines, height in pages:
        counts.update({line_key(t.text) for t in _edge_lines(lines, height)})
    need = max(2, math.ceil(0.5 * len(pages)))
    return {key for key, count in counts.items() if count >= need and len(_WORD.findall(key)) >= 2}


def is_running(line: TextLine, height: float, keys: set[str]) -> bool:
    """Whether a line is one of the running headers or footers found by running_keys."""
    return bool(keys) and in_margin(line, height) and line_key(line.text) in keys
