"""The PDF reader: pypdfium2 (PDFium, BSD/Apache) for the text, pdfplumber only for pages that
hold ruled tables (one cell per line, as the .docx reader writes them).

Measured on the same PDFs (bench/bench_pdf.py): PDFium reads a 140-page text-layer plan about
15 times faster than pdfminer (which pdfplumber runs on every page) and yields the same lines;
pdfplumber's table finder is kept for the pages whose drawing holds horizontal and vertical
rules, so tables come out exactly as before.
"""

from __future__ import annotations

import ctypes
import io
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from knowledge.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    ScannedPdfError,
    UnreadablePdfError,
)
from knowledge.limits import Budget, limit_error
from knowledge.pdf_layout import (
    Block,
    TextLine,
    append_page,
    drop_unmapped,
    group_lines,
    is_page_number,
    paragraphs,
)
from knowledge.pdf_pages import is_running, running_keys

# A rule is a drawn segment at least this long (pdfplumber's edge_min_length).
_MIN_RULE = 3.0


@dataclass
class _PageDrawing:
    """What a page draws besides text: images, curves and ruling segments."""

    images: int = 0
    curves: int = 0
    horizontal: int = 0
    vertical: int = 0
    seen: set[int] = field(default_factory=set)

    @property
    def ruled(self) -> bool:
        """Horizontal and vertical rules both: a table grid or a box pdfplumber reads as a table."""
        return self.horizontal >= 2 and self.vertical >= 2


# PDFium is not thread-safe (the bot reads uploads in worker threads): one document at a time
# per process; isolated builds run in their own processes.
_PDFIUM_LOCK = threading.Lock()
# Objects and path segments looked at per page to find rules and images: a page drawn with
# millions of objects is judged by its first ones instead of being walked for minutes.
_MAX_DRAWING_WORK = 200_000


def read_pdf(data: bytes, budget: Budget) -> list[str]:
    """Lines of a PDF's text layer; raises a PlanError for scans, passwords, bad fonts, limits."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise CorruptFileError("文件扩展名为 .pdf，但内容不是 PDF，请检查后重新发送。", detail="no %PDF header")
    with _PDFIUM_LOCK:
        return _read_locked(data, budget)


def _read_locked(data: bytes, budget: Budget) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _load_error(exc, data) from exc
    try:
        return _read_document(pdf, data, budget)
    finally:
        pdf.close()


def pdfium_error() -> type[Exception]:
    """PyPDFium2's exception class (imported lazily like the library)."""
    import pypdfium2 as pdfium

    return pdfium.PdfiumError


def _load_error(exc: Exception, data: bytes) -> Exception:
    """The PlanError for a PDF PDFium cannot open. PDFium's error code is process-wide and can
    be left over from an earlier file, so the file itself is checked for what the code says."""
    import pypdfium2.raw as raw

    code = getattr(exc, "err_code", None)
    encrypted = b"/Encrypt" in data
    if encrypted and code == raw.FPDF_ERR_PASSWORD:
        return EncryptedFileError("PDF 设有打开密码，无法读取，请发送未加密的版本。", detail=str(exc))
    if encrypted and code == raw.FPDF_ERR_SECURITY:
        return EncryptedFileError("PDF 使用了无法识别的加密方式，请发送未加密的版本。", detail=str(exc))
    if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Type\s*/Page\b(?!s)", data):
        return EmptyFileError("PDF 文件没有任何页面，请重新导出后再发送。", detail=str(exc))
    return CorruptFileError("PDF 文件已损坏（无法解析其结构），请重新导出或另存为 PDF 后再发送。", detail=str(exc))


def _read_document(pdf: Any, data: bytes, budget: Budget) -> list[str]:
    pages = len(pdf)
    budget.check_pages(pages)
    if pages == 0:
        raise EmptyFileError("PDF 文件没有任何页面，请重新导出后再发送。", detail="0 pages")
    read: list[tuple[list[TextLine], float, bool, int]] = []  # per page: lines, height, ruled, unmapped
    chars = unmapped = drawn = 0
    for index in range(pages):
        try:
            page = pdf[index]
        except pdfium_error() as exc:
            raise CorruptFileError(f"PDF 第 {index + 1} 页已损坏，无法读取，请重新导出后再发送。",
                                   detail=str(exc)) from exc
        try:
            drawing = _drawing(page)
            lines, page_chars, page_unmapped = _pdfium_lines(page, budget)
            read.append((lines, page.get_height(), drawing.ruled and page_chars > 0, page_unmapped))
        finally:
            page.close()
        chars += page_chars
        unmapped += page_unmapped
        drawn += drawing.images + drawing.curves
    # Running headers and footers are found over all pages before any page is laid out.
    keys = running_keys([(lines, height) for lines, height, _ruled, _unmapped in read])

    def kept(line: TextLine, height: float) -> bool:
        return not is_page_number(line, height) and not is_running(line, height, keys)

    plumber = _Plumber(data, pages)
    blocks: list[Block] = []
    try:
        for index, (lines, height, ruled, page_unmapped) in enumerate(read):
            page_blocks = plumber.page_blocks(index, budget, page_unmapped, kept) if ruled else None
            if page_blocks is None:
                page_blocks = paragraphs([t for t in lines if kept(t, height)])
            for block in page_blocks:
                budget.add_lines(block.lines)
            append_page(blocks, page_blocks)
    finally:
        plumber.close()
    if chars == 0:
        if drawn:
            raise ScannedPdfError()
        raise EmptyFileError("PDF 中没有可读取的文字（页面是空白的），请检查文件后重新发送。")
    if unmapped > 0.3 * chars:
        raise UnreadablePdfError(detail=f"{unmapped} of {chars} glyphs have no Unicode mapping")
    return drop_unmapped([line for block in blocks for line in block.lines])


# ---------------------------------------------------------------- PDFium text


def _pdfium_lines(page: Any, budget: Budget) -> tuple[list[TextLine], int, int]:
    """The page's text lines (grouped and spaced as pdfplumber groups them), the number of
    glyphs read, and how many of them have no Unicode mapping (left out of the text)."""
    import pypdfium2.raw as raw

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = raw.FPDFText_CountChars(handle)
        if count > budget.limits.max_chars - budget.chars:  # refuse before walking the page
            raise limit_error("max_chars", budget.limits.max_chars, detail=f"page of {count} chars")
        # All the page's characters in one call (UTF-16, one unit per character index).
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        raw.FPDFText_GetText(handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        units = memoryview(buffer.raw[: count * 2]).cast("H")
        rect = raw.FS_RECTF()
        rect_ref = ctypes.byref(rect)
        box, map_error = raw.FPDFText_GetLooseCharBox, raw.FPDFText_HasUnicodeMapError
        origin = raw.FPDFText_GetCharOrigin
        x, y = ctypes.c_double(), ctypes.c_double()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        matrix = raw.FS_MATRIX()
        chars: list[tuple[float, float, float, float, str, float]] = []
        unmapped = glyphs = 0
        size = 10.0
        box_height = -1.0
        i = 0
        while i < count:
            code = units[i]
            index = i
            i += 1
            if 0xD800 <= code <= 0xDBFF and i < count and 0xDC00 <= units[i] <= 0xDFFF:
                code = 0x10000 + ((code - 0xD800) << 10) + (units[i] - 0xDC00)  # outside the BMP
                i += 1
            elif 0xD800 <= code <= 0xDFFF:
                continue
            text = chr(code) if code >= 0x20 and code not in (0xFFFE, 0xFFFF) else " "
            if text.isspace():
                # Spaces and line breaks PDFium made up are not the document's: geometry decides.
                if raw.FPDFText_IsGenerated(handle, index) == 1:
                    continue
            else:
                glyphs += 1
                if map_error(handle, index) == 1:
                    unmapped += 1
                    continue
            box(handle, index, rect_ref)
            origin(handle, index, x_ref, y_ref)
            # The font size changes only where the glyph box height does (same font, same size).
            if rect.top - rect.bottom != box_height:
                box_height = rect.top - rect.bottom
                size = raw.FPDFText_GetFontSize(handle, index) * _scale(handle, index, matrix)
            # Lines are grouped by a top derived from the baseline and the font size (as
            # pdfminer does), not by the glyph's own box: a comma is as tall as a Han character.
            baseline = height - y.value
            chars.append((baseline - 0.8 * size, baseline + 0.2 * size, rect.left, rect.right, text, size))
    finally:
        textpage.close()
    return group_lines(chars), glyphs, unmapped


def _scale(handle: Any, index: int, matrix: Any) -> float:
    """How much the text matrix scales a char's font size (pdfminer's size is the scaled one):
    some writers set the font at 319 pt and scale it by 0.05."""
    import pypdfium2.raw as raw

    if not raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        return 1.0
    det = abs(matrix.a * matrix.d - matrix.b * matrix.c)
    return det ** 0.5 if det > 0 else 1.0


def _drawing(page: Any) -> _PageDrawing:
    """Count the page's images, curves and axis-aligned rules (inside form XObjects too)."""
    import pypdfium2.raw as raw

    drawing = _PageDrawing()
    handle = page.raw
    objects = [raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))]
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()
    work = 0
    while objects and work < _MAX_DRAWING_WORK:
        work += 1
        obj = objects.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            drawing.images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            # Bounded: a form drawn many times is walked once (its objects are the same handles).
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            if key not in drawing.seen and len(drawing.seen) < 10_000:
                drawing.seen.add(key)
                objects.extend(raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj)))
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
            work += _count_segments(obj, matrix, drawing, x, y, _MAX_DRAWING_WORK - work)
    return drawing


def _count_segments(obj: Any, m: Any, drawing: _PageDrawing, x: Any, y: Any, most: int) -> int:
    """Add a path's horizontal and vertical segments (in page units) and whether it curves,
    looking at `most` segments; returns how many were looked at."""
    import pypdfium2.raw as raw

    start = prev = None
    curved = False
    segments = min(raw.FPDFPath_CountSegments(obj), max(most, 0))
    for j in range(segments):
        segment = raw.FPDFPath_GetPathSegment(obj, j)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            curved = True
        elif prev is not None:
            _count_rule(prev, point, drawing)
        prev = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None:
            _count_rule(point, start, drawing)
            prev = start
    if curved:
        drawing.curves += 1
    return segments


def _count_rule(a: tuple[float, float], b: tuple[float, float], drawing: _PageDrawing) -> None:
    dx, dy = abs(a[0] - b[0]), abs(a[1] - b[1])
    if dy <= 1 and dx >= _MIN_RULE:
        drawing.horizontal += 1
    elif dx <= 1 and dy >= _MIN_RULE:
        drawing.vertical += 1


# ---------------------------------------------------------------- pdfplumber for ruled pages


class _Plumber:
    """pdfplumber, opened on the first ruled page only; any failure means "use PDFium's text"."""

    def __init__(self, data: bytes, pages: int) -> None:
        self.data = data
        self.pages = pages
        self.pdf: Any = None
        self.failed = False

    def page_blocks(self, index: int, budget: Budget, pdfium_unmapped: int,
                    kept: Callable[[TextLine, float], bool]) -> list[Block] | None:
        """The page's paragraphs and tables as pdfplumber reads them, or None to fall back."""
        if self.failed:
            return None
        try:
            if self.pdf is None:
                import pdfplumber

                self.pdf = pdfplumber.open(io.BytesIO(self.data))
                if len(self.pdf.pages) != self.pages:
                    self.failed = True
                    return None
            page = self.pdf.pages[index]
            blocks = _plumber_blocks(page, budget, kept)
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

    def close(self) -> None:
        """Close pdfplumber if it was opened."""
        if self.pdf is not None:
            self.pdf.close()


def _is_grid(rows: list[list[str | None]]) -> bool:
    """Whether a table pdfplumber found is a grid: some row has two filled cells. A box drawn
    around text (a web page's content frame, a bordered note) fills one cell per row."""
    return any(sum(1 for cell in row if cell and cell.strip()) >= 2 for row in rows)


def _plumber_blocks(page: Any, budget: Budget, kept: Callable[[TextLine, float], bool]) -> list[Block] | None:
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
    text_lines = [TextLine(t["text"].strip(), t["x0"], t["x1"], t["top"], t["bottom"],
                           max((c.get("size", 10) for c in t.get("chars", [])), default=10))
                  for t in text_page.extract_text_lines(return_chars=True)]
    blocks = paragraphs([t for t in text_lines if kept(t, page.height)])
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
