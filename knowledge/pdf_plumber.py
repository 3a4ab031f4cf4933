"""pdfplumber (pdfminer) beside PDFium: the pages whose drawing holds ruled tables, read with
pdfplumber's table finder (one cell per line, as the .docx reader writes them), and the pages
whose text PDFium cannot place (glyphs without outlines, see knowledge/pdf_reader.py)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from knowledge.limits import Budget
from knowledge.pdf_layout import Block, TextLine, paragraphs


class Plumber:
    """pdfplumber, opened on the first page that needs it; any failure means "use PDFium's text"."""

    def __init__(self, data: bytes, pages: int) -> None:
        self.data = data
        self.pages = pages
        self.pdf: Any = None
        self.failed = False

    def page_blocks(self, index: int, budget: Budget, pdfium_unmapped: int,
                    kept: Callable[[TextLine, float], bool]) -> list[Block] | None:
        """The page's paragraphs and tables as pdfplumber reads them, or None to fall back."""
        try:
            page = self._page(index)
            if page is None:
                return None
            blocks = plumber_blocks(page, budget, kept)
            page.flush_cache()
        except Exception:  # pdfminer cannot read what PDFium can (owner passwords, odd xrefs)
            self.failed = True
            return None
        # pdfminer failing on fonts PDFium maps (an owner-password PDF, say): keep PDFium's text.
        if blocks is None:
            return None
        if not pdfium_unmapped and any("(cid:" in line for b in blocks for line in b.lines):
            return None
        return blocks

    def page_lines(self, index: int, pdfium_unmapped: int) -> list[TextLine] | None:
        """The page's text lines as pdfminer reads them, or None to keep PDFium's."""
        try:
            page = self._page(index)
            if page is None:
                return None
            lines = _plumber_lines(page)
            page.flush_cache()
        except Exception:  # pdfminer cannot read what PDFium can (owner passwords, odd xrefs)
            self.failed = True
            return None
        if not pdfium_unmapped and any("(cid:" in t.text for t in lines):
            return None
        return lines

    def _page(self, index: int) -> Any:
        """pdfplumber's page, opening the document on first use; None when it cannot serve."""
        if self.failed:
            return None
        if self.pdf is None:
            import pdfplumber

            self.pdf = pdfplumber.open(io.BytesIO(self.data))
            if len(self.pdf.pages) != self.pages:
                self.failed = True
                return None
        return self.pdf.pages[index]

    def close(self) -> None:
        """Close pdfplumber if it was opened."""
        if self.pdf is not None:
            self.pdf.close()


def _plumber_lines(page: Any) -> list[TextLine]:
    """A pdfplumber page's (or filtered page's) text lines."""
    return [TextLine(t["text"].strip(), t["x0"], t["x1"], t["top"], t["bottom"],
                     max((c.get("size", 10) for c in t.get("chars", [])), default=10))
            for t in page.extract_text_lines(return_chars=True)]


def _is_grid(rows: list[list[str | None]]) -> bool:
    """Whether a table pdfplumber found is a grid: some row has two filled cells. A box drawn
    around text (a web page's content frame, a bordered note) fills one cell per row."""
    return any(sum(1 for cell in row if cell and cell.strip()) >= 2 for row in rows)


def plumber_blocks(page: Any, budget: Budget, kept: Callable[[TextLine, float], bool]) -> list[Block] | None:
    """The page's paragraphs and tables (one cell per line) in reading order (top to bottom),
    or None when the page holds no grid (then PDFium's text is read as on any page)."""
    found = [(t, t.extract()) for t in page.find_tables()]
    tables = [(t, rows) for t, rows in found if _is_grid(rows)]
    if not tables:
        return None  # only frames drawn around text (a browser's print of a web page): PDFium's text
    boxes = [t.bbox for t, _rows in tables]

    def outside(obj: dict) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    blocks = paragraphs([t for t in _plumber_lines(text_page) if kept(t, page.height)])
    for table, rows in tables:
        cells: list[str] = []
        for row in rows:
            budget.add_cells(len(row))
            # None marks a cell covered by a merge: keep its slot blank, like Word continuations.
            cells.extend(re.sub(r"[\r\n\v]+", "", c or "").strip() for c in row)
            cells.append("")
        blocks.append(Block(table.bbox[1], cells))
    blocks.sort(key=lambda b: b.top)
    return blocks
