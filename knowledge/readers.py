"""Readers: turn .txt/.docx/.pdf bytes into numbered text lines, or raise a clear PlanError.

Every reader returns a list of lines (index 0 is line 1) that holds no newline characters.
Tables (real .docx/.pdf tables) are flattened the way the bundled plans flatten them: one
cell per line, the cells of a row on consecutive lines, a blank line after each row.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from knowledge.errors import (
    BadFileNameError,
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    EncryptedFileError,
    FileTooLargeError,
    LegacyWordError,
    PlanError,
    ScannedPdfError,
    UnreadablePdfError,
    UnsupportedTypeError,
)
from knowledge.identity import to_simplified

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")

# Zip-bomb guards for .docx: the whole archive may not expand past this many bytes, nor any
# large member compress better than this ratio (real Word XML compresses 5-20x).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_ZIP_MEMBERS = 5000
MAX_PDF_PAGES = 2000

# Encodings tried by charset-normalizer once strict UTF-8 and strict GB18030 fail.
_CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16"]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Only \n, \r\n and \r end a line: this keeps our numbering equal to `nl -ba`
# (str.splitlines would also split on \x0b, \x0c, \x1c-\x1e, \x85, \u2028, \u2029).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DRIVE = re.compile(r"^[A-Za-z]:")
# A PDF line starting like a heading or a numbered item opens a new paragraph.
_NUMBERED = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|"
    r"\d+[.．、](?!\d)|专栏\s*\d)"
)


def safe_filename(name: str) -> str:
    """The bare file name, or BadFileNameError when it has path parts or control characters."""
    cleaned = (name or "").strip()
    if not cleaned or cleaned in {".", ".."}:
        raise BadFileNameError(detail=repr(name))
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in cleaned):
        raise BadFileNameError(detail=repr(name))
    if "/" in cleaned or "\\" in cleaned or _DRIVE.match(cleaned):
        raise BadFileNameError(detail=repr(name))
    if PurePosixPath(cleaned).name != cleaned or PureWindowsPath(cleaned).name != cleaned:
        raise BadFileNameError(detail=repr(name))
    # Hidden files and names no file system can store (255 bytes) are refused too.
    if cleaned.startswith(".") or len(cleaned.encode("utf-8")) > 255:
        raise BadFileNameError(detail=repr(name))
    return cleaned


def split_lines(text: str) -> list[str]:
    """The text's lines split on \\n, \\r\\n and \\r only (a final newline ends the last line)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_bytes(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Lines of the file's text (index 0 is line 1); raises a PlanError subclass on bad input."""
    name = safe_filename(filename)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(detail=name)
    # Size first: nothing is parsed when the file is over the limit.
    if len(data) > max_bytes:
        raise FileTooLargeError(
            f"文件过大（{len(data) / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB），请压缩或拆分后再发送。",
            detail=name,
        )
    if not data or not data.strip():
        raise EmptyFileError(detail=name)
    try:
        kind = _sniff(data) or suffix
        if kind == ".txt":
            lines = _read_txt(data)
        elif kind == ".docx":
            lines = _read_docx(data)
        elif kind == ".pdf":
            lines = _read_pdf(data)
        else:
            _refuse_ole(data)
    except PlanError:
        raise
    except Exception as exc:  # any parser failure is a damaged file, never a crash
        raise CorruptFileError(detail=f"{name}: {type(exc).__name__}: {exc}") from exc
    if not any(line.strip() for line in lines):
        raise EmptyFileError(detail=name)
    return halfwidth_numbers(simplified_if_traditional(lines))


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_FULLWIDTH_POINT = re.compile(r"(?<=\d)．(?=\d)")


def halfwidth_numbers(lines: list[str]) -> list[str]:
    """Full-width digits (２０２５年, ６％, ３．５) as ASCII, so years, values and deadlines parse
    alike; nothing else in a line changes, so one line stays one line."""
    if not any("０" <= ch <= "９" or ch == "％" for line in lines for ch in line):
        return lines
    return [_FULLWIDTH_POINT.sub(".", line.translate(_FULLWIDTH_DIGITS)) for line in lines]


def _sniff(data: bytes) -> str | None:
    """The format the bytes really have, whatever the name says (a PDF saved as .docx…)."""
    if data.lstrip()[:5].startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return ".docx"
    if data.startswith(_OLE):
        return ".ole"
    return None


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """Lines of the file at `path` (see `read_bytes`); the size is checked before reading."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(detail=path.name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptFileError("文件无法打开。", detail=str(exc)) from exc
    if size > max_bytes:
        raise FileTooLargeError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB），请压缩或拆分后再发送。",
            detail=path.name,
        )
    return read_bytes(path.read_bytes(), path.name, max_bytes)


# ---------------------------------------------------------------- traditional Chinese

# Frequent characters that exist only in traditional writing: a text using them is traditional.
_TRADITIONAL_ONLY = re.compile(
    "[們個這來為對說時會發經與國過開後關學業區門長點體動產務當實現應間頭進東車變從處員"
    "計劃規劃綱報設縣鎮鄉濟環標達質優結構幹協調創護費價項積極際號總續]"
)


def simplified_if_traditional(lines: list[str]) -> list[str]:
    """Traditional-Chinese lines converted to simplified (one line stays one line), so the
    same cue words find headings, indicators and deadlines; simplified text is left alone."""
    sample = "".join(lines)[:20_000]
    han = len(_HAN.findall(sample))
    marked = len(_TRADITIONAL_ONLY.findall(sample))
    if not han or marked < max(3, 0.02 * han):
        return lines
    return [to_simplified(line) for line in lines]


# ---------------------------------------------------------------- .txt


def decode_text(data: bytes) -> str:
    """The text of `data`: BOM → strict UTF-8 → strict GB18030 → charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(detail=str(exc)) from exc
    # A BOM-less UTF-16 file is half NUL bytes; any other NUL means binary data.
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise EncodingError(detail="NUL bytes")
    strict = _first_plausible(data, ("utf-8", "gb18030"))
    if strict is not None:
        return strict
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is not None:
        text = str(best)
        if _plausible(text, best.encoding):
            return text
    raise EncodingError()


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 text without a BOM: only tried when the data holds NUL bytes (newlines, ASCII)."""
    if b"\x00" not in data or len(data) % 2:
        return None
    return _first_plausible(data, ("utf-16-le", "utf-16-be"))


def _first_plausible(data: bytes, encodings: tuple[str, ...]) -> str | None:
    """The text of `data` in the first of `encodings` that decodes strictly and reads as text."""
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text, encoding):
            return text
    return None


# Characters documents are made of: ASCII, CJK (with extension A and radicals), CJK and
# full-width punctuation, general punctuation, Latin-1, circled and Roman numerals, bullets.
_UNCOMMON = re.compile(
    "[^\x20-\x7e\t\n\r\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\xa0-\xff"
    "\u2460-\u24ff\u2150-\u218f\u25a0-\u25ff\u3400-\u4dbf\u2e80-\u2fdf\ufe30-\ufe4f\ufeff]"
)
# Control characters and private-use code points: binary data decoded as text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ue000-\uf8ff\ud800-\udfff]")
_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")


def _plausible(text: str, encoding: str) -> bool:
    """Whether decoded text looks like a document rather than binary data or mojibake."""
    if not text.strip():
        return True
    sample = text[:200_000]
    if len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        return False
    if len(_UNCOMMON.findall(sample)) > 0.1 * len(sample):
        return False
    if encoding.replace("_", "-").lower() in {"gb18030", "gbk"}:
        # Big5 (or other) bytes often decode as valid but rare GB18030 characters: real
        # simplified-Chinese text keeps nearly all its Han characters inside GB2312.
        han = _HAN.findall(sample)
        if han:
            common = sum(1 for ch in han if _in_gb2312(ch))
            if common < 0.9 * len(han):
                return False
    return True


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _read_txt(data: bytes) -> list[str]:
    return split_lines(decode_text(data))


# ---------------------------------------------------------------- .docx


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _refuse_ole(data: bytes) -> None:
    """An OLE compound file: a password-protected .docx, an old Word .doc, or something else."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFileError(detail="OLE EncryptedPackage")
    if "WordDocument".encode("utf-16-le") in data:
        raise LegacyWordError(detail="OLE WordDocument")
    raise CorruptFileError(detail="OLE compound file")


def _check_zip(data: bytes) -> None:
    """Refuse encrypted documents, non-zip data and zip bombs before python-docx opens them."""
    if data.startswith(_OLE):
        _refuse_ole(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptFileError(detail=str(exc)) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise CorruptFileError(detail=f"{len(infos)} zip members")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise EncryptedFileError(detail=info.filename)
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
                raise CorruptFileError(detail=f"zip bomb: {info.filename} ratio {ratio:.0f}")
        if total > MAX_UNCOMPRESSED_BYTES:
            raise CorruptFileError(detail=f"zip bomb: {total} bytes uncompressed")
        if "word/document.xml" not in archive.namelist():
            raise CorruptFileError(detail="no word/document.xml")


def _one_line(text: str) -> str:
    """Cell or paragraph text on one line (soft breaks and tabs between parts dropped)."""
    return re.sub(r"[\r\n\v]+", "", text).strip()


def _read_docx(data: bytes) -> list[str]:
    _check_zip(data)
    from docx import Document

    from knowledge.docx_numbering import DocxNumbering, with_label

    document = Document(io.BytesIO(data))
    # Labels of Word's automatic numbering (一、 （一） 1.) are not in the text: add them.
    numbering = DocxNumbering(document)
    lines: list[str] = []
    for kind, element in _body_blocks(document.element.body):
        if kind == "table":
            lines.extend(_table_lines(element, numbering))
        else:
            text = with_label(numbering.label(element), _paragraph_text(element))
            # A soft line break inside a paragraph starts a new line, as it does on screen.
            lines.extend(part.rstrip() for part in _LINE_BREAK.split(text))
            lines.append("")
    return lines


def _body_blocks(parent: Any) -> Iterator[tuple[str, object]]:
    """("p", w:p) and ("table", w:tbl) in document order, looking inside content controls
    (w:sdt), which python-docx's iter_inner_content() skips."""
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield "p", child
        elif child.tag == qn("w:tbl"):
            yield "table", child
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _body_blocks(content)


# Runs whose text shows in Word: plain, in hyperlinks, tracked insertions, fields, smart tags
# (deleted runs, w:del, are left out).
_RUN_PATHS = ("w:r | w:hyperlink/w:r | w:ins/w:r | w:fldSimple/w:r | w:smartTag/w:r | w:customXml/w:r"
              " | w:sdt/w:sdtContent/w:r | w:ins/w:hyperlink/w:r")


def _paragraph_text(p: Any) -> str:
    """A w:p element's visible text (tabs as tabs, line breaks as newlines)."""
    return "".join(run.text for run in p.xpath(_RUN_PATHS)).replace("\v", "\n")


def _table_lines(tbl: Any, numbering: Any = None) -> list[str]:
    """One line per cell (a vertically merged continuation cell is blank), a blank line per row;
    a cell's paragraphs, nested tables included, make one line (with their list labels, so an
    auto-numbered 序号 column keeps its numbers)."""
    from knowledge.docx_numbering import with_label

    def text(p: Any) -> str:
        return with_label(numbering.label(p), _paragraph_text(p), alone=True) if numbering else _paragraph_text(p)

    lines: list[str] = []
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            if tc.vMerge == "continue":
                lines.append("")
                continue
            lines.append(_one_line("".join(text(p) for p in tc.xpath(".//w:p"))))
        lines.append("")
    return lines


# ---------------------------------------------------------------- .pdf


def _read_pdf(data: bytes) -> list[str]:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise CorruptFileError(detail="no %PDF header")
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        # pdfplumber wraps pdfminer's password errors in its own exception.
        causes = [exc, exc.__cause__, exc.__context__, *exc.args]
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise EncryptedFileError(detail=repr(exc)) from exc
        raise
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise FileTooLargeError(f"PDF 页数过多（超过 {MAX_PDF_PAGES} 页），请拆分后再发送。")
        blocks: list[_Block] = []
        chars = images = 0
        for page in pdf.pages:
            chars += len(page.chars)
            # Images, or text drawn as outlines (curves), without any characters: a scan.
            images += len(page.images) + len(page.curves)
            page_blocks = _page_blocks(page)
            # A paragraph running off the bottom of a page continues at the top of the next
            # one when that starts at the left margin (a new paragraph would be indented).
            if (page_blocks and blocks and blocks[-1].open_end and page_blocks[0].at_margin
                    and not _NUMBERED.match(page_blocks[0].lines[0])):
                blocks[-1].lines[-1] += page_blocks[0].lines[0]
                blocks[-1].open_end = page_blocks[0].open_end
                page_blocks = page_blocks[1:]
            blocks.extend(page_blocks)
            page.flush_cache()
    if chars == 0:
        raise ScannedPdfError() if images else EmptyFileError()
    return _drop_unmapped([line for block in blocks for line in block.lines])


_CID = re.compile(r"\(cid:\d+\)")


def _drop_unmapped(lines: list[str]) -> list[str]:
    """Lines without pdfminer's "(cid:1234)" codes for glyphs it cannot map to Unicode;
    UnreadablePdfError when such codes make up most of the text."""
    text = "".join(lines)
    codes = _CID.findall(text)
    if not codes:
        return lines
    glyphs = len(text) - sum(len(c) for c in codes) + len(codes)
    if len(codes) > 0.3 * glyphs:
        raise UnreadablePdfError(detail=f"{len(codes)} of {glyphs} glyphs are (cid:N)")
    return [_CID.sub("", line) for line in lines]


@dataclass
class _Block:
    """Lines a PDF page yields in reading order: one paragraph, or a table's cells."""

    top: float
    lines: list[str]
    at_margin: bool = False  # a paragraph whose first line starts at the left margin
    open_end: bool = False  # a paragraph whose last line runs to the right margin


def _page_blocks(page: Any) -> list[_Block]:
    """The page's paragraphs and tables (one cell per line) in reading order (top to bottom)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    text_lines = [line for line in text_page.extract_text_lines(return_chars=True)
                  if not _is_page_number(line, page.height)]
    blocks = _paragraphs(text_lines)
    for table in tables:
        cells: list[str] = []
        for row in table.extract():
            # None marks a cell covered by a merge: keep its slot blank, like Word continuations.
            cells.extend(_one_line(c or "") for c in row)
            cells.append("")
        blocks.append(_Block(table.bbox[1], cells))
    blocks.sort(key=lambda b: b.top)
    return blocks


# A printed page number: "— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 12 页", "3/12".
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$")


def _is_page_number(line: dict, page_height: float) -> bool:
    """A page number in the top or bottom margin: dropped, so paragraphs join across pages."""
    in_margin = line["top"] > 0.9 * page_height or line["bottom"] < 0.08 * page_height
    return in_margin and bool(_PAGE_NUMBER.match(line["text"].strip()))


def _paragraphs(text_lines: list[dict]) -> list[_Block]:
    """Re-join lines the PDF wrapped: a line that runs (nearly) to the right margin continues
    on the next line when that one starts at the left margin at the usual line spacing."""
    if not text_lines:
        return []
    right = max(t["x1"] for t in text_lines)
    left = min(t["x0"] for t in text_lines)
    gaps = sorted(b["top"] - a["bottom"] for a, b in zip(text_lines, text_lines[1:], strict=False)
                  if b["top"] > a["bottom"])
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0
    out: list[_Block] = []
    current: _Block | None = None
    for i, line in enumerate(text_lines):
        text = line["text"].strip()
        size = max((c.get("size", 10) for c in line.get("chars", [])), default=10)
        if current is None:
            current = _Block(line["top"], [text], at_margin=line["x0"] <= left + 0.5 * size)
        else:
            current.lines[-1] += text
        wide = right - left > 10 * size
        full = line["x1"] >= right - 1.5 * size
        # CJK wrapping moves an unbreakable run (1680个；) to the next line, leaving a gap.
        nearly = line["x1"] >= right - 0.2 * (right - left) and not text.endswith(("。", "！", "？", "：", ":"))
        current.open_end = wide and (full or nearly)
        nxt = text_lines[i + 1] if i + 1 < len(text_lines) else None
        continues = (
            current.open_end
            and nxt is not None
            and nxt["x0"] <= left + 0.5 * size
            and nxt["top"] - line["bottom"] <= usual_gap + 0.3 * size
            and not _NUMBERED.match(nxt["text"].strip())
        )
        if not continues:
            out.append(current)
            current = None
    return out
