"""The PDF reader: pypdfium2 (PDFium, BSD/Apache) for the text, pdfplumber (knowledge/pdf_plumber.py)
only for pages that hold ruled tables (one cell per line, as the .docx reader writes them) and
pages whose glyphs PDFium cannot measure (below).

Measured on the same PDFs (bench/bench_pdf.py): PDFium reads a 140-page text-layer plan about
15 times faster than pdfminer (which pdfplumber runs on every page) and yields the same lines;
pdfplumber's table finder is kept for the pages whose drawing holds horizontal and vertical
rules, so tables come out exactly as before.

PDFium's text page leaves out every text object whose box has no width, and it measures a glyph
by its outline: a glyph it has no outline for (a font the PDF names but does not embed, drawn
on a server without a Chinese font; an OCR layer's glyph-less font) is drawn nowhere, so a
text object holding one such character (the last character of a wrapped title, alone on its
line; a producer placing every glyph on its own) is lost. A page with such text objects and
such glyphs (or no text PDFium could read) is read by pdfminer, which places glyphs by the
widths the PDF gives. A text object of spaces has no width either: a page whose glyphs all have
outlines stays with PDFium.
"""

from __future__ import annotations

import ctypes
import re
import threading
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
from knowledge.pdf_plumber import Plumber

# A rule is a drawn segment at least this long (pdfplumber's edge_min_length).
_MIN_RULE = 3.0


@dataclass
class _PageDrawing:
    """What a page draws besides text: images, curves and ruling segments."""

    images: int = 0
    curves: int = 0
    horizontal: int = 0
    vertical: int = 0
    # Text objects without width: PDFium's text page leaves them out (see the module docstring).
    zero_width_text: int = 0
    seen: set[int] = field(default_factory=set)

    @property
    def ruled(self) -> bool:
        """Horizontal and vertical rules both: a table grid or a box pdfplumber reads as a table."""
        return self.horizontal >= 2 and self.vertical >= 2


# PDFium is not thread-safe (the bot reads uploads in worker threads): one document at a time
# per process; isolated builds run in their own processes.
_PDFIUM_LOCK = threading.Lock()
# PDFium's text page skips a text object narrower than this (kSizeEpsilon in cpdf_textpage.cpp).
_PDFIUM_MIN_WIDTH = 0.01
# A glyph PDFium has no outline for gets a box of (nearly) no height (0.01 pt, say: rounding);
# the flattest glyph drawn (a dash) is a good half point high.
_NO_OUTLINE = 0.1
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
    plumber = Plumber(data, pages)
    try:
        for index in range(pages):
            try:
                page = pdf[index]
            except pdfium_error() as exc:
                raise CorruptFileError(f"PDF 第 {index + 1} 页已损坏，无法读取，请重新导出后再发送。",
                                       detail=str(exc)) from exc
            try:
                drawing = _drawing(page)
                lines, page_chars, page_unmapped, outlineless = _pdfium_lines(
                    page, budget, measure_outlines=drawing.zero_width_text > 0)
                if drawing.zero_width_text and (outlineless or not page_chars):
                    # PDFium left text objects out, and it has no outline for glyphs on this
                    # page (or read none at all): what it left out may be text, pdfminer reads it.
                    plumbed = plumber.page_lines(index, page_unmapped)
                    if plumbed is not None:
                        lines = plumbed
                        page_chars = max(page_chars, sum(len("".join(t.text.split())) for t in plumbed))
                read.append((lines, page.get_height(), drawing.ruled and page_chars > 0, page_unmapped))
            finally:
                page.close()
            chars += page_chars
            unmapped += page_unmapped
            drawn += drawing.images + drawing.curves
        blocks = _lay_out(read, plumber, budget)
    finally:
        plumber.close()
    if chars == 0:
        if drawn:
            raise ScannedPdfError()
        raise EmptyFileError("PDF 中没有可读取的文字（页面是空白的），请检查文件后重新发送。")
    if unmapped > 0.3 * chars:
        raise UnreadablePdfError(detail=f"{unmapped} of {chars} glyphs have no Unicode mapping")
    return drop_unmapped([line for block in blocks for line in block.lines])


def _lay_out(read: list[tuple[list[TextLine], float, bool, int]], plumber: Plumber, budget: Budget) -> list[Block]:
    """The pages' paragraphs and tables, running headers, footers and page numbers left out."""
    # Running headers and footers are found over all pages before any page is laid out.
    keys = running_keys([(lines, height) for lines, height, _ruled, _unmapped in read])

    def kept(line: TextLine, height: float) -> bool:
        return not is_page_number(line, height) and not is_running(line, height, keys)

    blocks: list[Block] = []
    for index, (lines, height, ruled, page_unmapped) in enumerate(read):
        page_blocks = plumber.page_blocks(index, budget, page_unmapped, kept) if ruled else None
        if page_blocks is None:
            page_blocks = paragraphs([t for t in lines if kept(t, height)])
        for block in page_blocks:
            budget.add_lines(block.lines)
        append_page(blocks, page_blocks)
    return blocks


# ---------------------------------------------------------------- PDFium text


def _pdfium_lines(page: Any, budget: Budget, measure_outlines: bool = False) -> tuple[list[TextLine], int, int, int]:
    """The page's text lines (grouped and spaced as pdfplumber groups them), the number of
    glyphs read, how many of them have no Unicode mapping (left out of the text) and, with
    `measure_outlines`, how many PDFium has no outline for (their box has no height)."""
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
        unmapped = glyphs = outlineless = 0
        tight = (ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double())
        tight_refs = [ctypes.byref(v) for v in tight]
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
                if measure_outlines:
                    raw.FPDFText_GetCharBox(handle, index, *tight_refs)  # left, right, bottom, top
                    outlineless += tight[3].value - tight[2].value < _NO_OUTLINE
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
    return group_lines(chars), glyphs, unmapped, outlineless


def _scale(handle: Any, index: int, matrix: Any) -> float:
    """How much the text matrix scales a char's font size (pdfminer's size is the scaled one):
    some writers set the font at 319 pt and scale it by 0.05."""
    import pypdfium2.raw as raw

    if not raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix)):
        return 1.0
    det = abs(matrix.a * matrix.d - matrix.b * matrix.c)
    return det ** 0.5 if det > 0 else 1.0


def _drawing(page: Any) -> _PageDrawing:
    """Count the page's images, curves, axis-aligned rules and text objects without width
    (inside form XObjects too)."""
    import pypdfium2.raw as raw

    drawing = _PageDrawing()
    handle = page.raw
    objects = [raw.FPDFPage_GetObject(handle, i) for i in range(raw.FPDFPage_CountObjects(handle))]
    x, y = ctypes.c_float(), ctypes.c_float()
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    bounds = [ctypes.byref(v) for v in (left, bottom, right, top)]
    matrix = raw.FS_MATRIX()
    work = 0
    while objects and work < _MAX_DRAWING_WORK:
        work += 1
        obj = objects.pop()
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT:
            if raw.FPDFPageObj_GetBounds(obj, *bounds) and abs(right.value - left.value) < _PDFIUM_MIN_WIDTH:
                drawing.zero_width_text += 1
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
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
