"""Readers: turn .txt/.docx/.pdf bytes into numbered text lines, or raise a clear PlanError.

Every reader returns a list of lines (index 0 is line 1) that holds no newline characters.
Tables (real .docx/.pdf tables) are flattened the way the bundled plans flatten them: one
cell per line, the cells of a row on consecutive lines, a blank line after each row.
What one file may hold (paragraphs, cells, characters, lines, pages) is bounded by
`knowledge.limits.ReadLimits`, checked while reading. The .docx and .pdf readers live in
`docx_reader` and `pdf_reader`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from knowledge.docx_reader import OLE as _OLE
from knowledge.docx_reader import read_docx, refuse_ole
from knowledge.errors import (
    BadFileNameError,
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    FileTooLargeError,
    PlanError,
    UnsupportedTypeError,
)
from knowledge.identity import to_simplified
from knowledge.limits import DEFAULT_LIMITS, Budget, ReadLimits, limit_error
from knowledge.pdf_reader import drop_unmapped as _drop_unmapped  # noqa: F401  (kept for callers)
from knowledge.pdf_reader import read_pdf

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_bytes
SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")

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


_NAME_EMPTY = "文件名为空或不合法，请重命名后再发送。"
_NAME_CONTROL = "文件名包含控制字符或不可见的格式字符（如文字方向控制符），请重命名后再发送。"
_NAME_PATH = "文件名不能包含路径（/、\\ 或盘符），请重命名后再发送。"
_NAME_HIDDEN = "文件名不能以“.”开头（隐藏文件），请重命名后再发送。"
_NAME_LONG = "文件名过长（超过 255 字节），请缩短后再发送。"


def safe_filename(name: str) -> str:
    """The bare file name, or BadFileNameError naming what is wrong with it (empty, control or
    direction characters, path parts, hidden, too long)."""
    cleaned = (name or "").strip()
    if not cleaned or cleaned in {".", ".."}:
        raise BadFileNameError(_NAME_EMPTY, detail=repr(name))
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") for ch in cleaned):
        raise BadFileNameError(_NAME_CONTROL, detail=repr(name))
    if "/" in cleaned or "\\" in cleaned or _DRIVE.match(cleaned):
        raise BadFileNameError(_NAME_PATH, detail=repr(name))
    if PurePosixPath(cleaned).name != cleaned or PureWindowsPath(cleaned).name != cleaned:
        raise BadFileNameError(_NAME_PATH, detail=repr(name))
    # Hidden files and names no file system can store (255 bytes) are refused too.
    if cleaned.startswith("."):
        raise BadFileNameError(_NAME_HIDDEN, detail=repr(name))
    if len(cleaned.encode("utf-8")) > 255:
        raise BadFileNameError(_NAME_LONG, detail=repr(name))
    return cleaned


def split_lines(text: str) -> list[str]:
    """The text's lines split on \\n, \\r\\n and \\r only (a final newline ends the last line)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_bytes(data: bytes, filename: str, max_bytes: int | None = None, *,
               limits: ReadLimits = DEFAULT_LIMITS) -> list[str]:
    """Lines of the file's text (index 0 is line 1); raises a PlanError subclass on bad input.

    `max_bytes` (when given) overrides `limits.max_bytes`; the other limits are checked while
    the file is read."""
    name = safe_filename(filename)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(detail=name)
    # Size first: nothing is parsed when the file is over the limit.
    check_size(len(data), max_bytes or limits.max_bytes, name)
    if not data or not data.strip():
        raise EmptyFileError(detail=name)
    budget = Budget(limits)
    try:
        kind = _sniff(data) or suffix
        if kind == ".txt":
            lines = _read_txt(data, budget)
        elif kind == ".docx":
            lines = read_docx(data, budget)
        elif kind == ".pdf":
            lines = read_pdf(data, budget)
        else:
            refuse_ole(data)
    except PlanError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # any parser failure is a damaged file, never a crash
        raise CorruptFileError(detail=f"{name}: {type(exc).__name__}: {exc}") from exc
    if not any(line.strip() for line in lines):
        raise EmptyFileError(detail=name)
    return halfwidth_numbers(simplified_if_traditional(lines))


def check_size(size: int, max_bytes: int, name: str = "") -> None:
    """FileTooLargeError naming the size and the limit when `size` is over `max_bytes`."""
    if size > max_bytes:
        raise FileTooLargeError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB），请压缩或拆分后再发送。",
            detail=name,
        )


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
    if data.lstrip()[:5] == b"{\\rtf":
        raise UnsupportedTypeError("这是 RTF 格式文件，请在 Word 或 WPS 中另存为 .docx 后再发送。", detail="RTF")
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        if b"xl/" in head:
            raise UnsupportedTypeError("这是 Excel 表格（.xlsx），请复制到 Word 中另存为 .docx 后再发送。", detail="xlsx")
        if b"ppt/" in head:
            raise UnsupportedTypeError("这是 PowerPoint 演示文稿（.pptx），请另存为 PDF 或 .docx 后再发送。", detail="pptx")
        return ".docx"  # any other zip: the .docx reader says what it lacks
    # Binary formats always hold NUL bytes near the start; text (even "BM…" or "MZ…") does not.
    for magic, what in _BINARY_MAGIC if b"\x00" in data[:4096] else ():
        if data.startswith(magic):
            raise UnsupportedTypeError(f"文件内容是{what}，不是文字文档，请发送 .docx、.pdf 或 .txt 文件。", detail=what)
    return None


# Binary formats that are no document we read, by their first bytes.
_BINARY_MAGIC = (
    (b"\x89PNG", "图片（PNG）"), (b"\xff\xd8\xff", "图片（JPEG）"), (b"GIF8", "图片（GIF）"),
    (b"BM", "图片（BMP）"), (b"II*\x00", "图片（TIFF）"), (b"MM\x00*", "图片（TIFF）"),
    (b"Rar!", "压缩包（RAR）"), (b"7z\xbc\xaf", "压缩包（7z）"), (b"\x1f\x8b", "压缩包（gzip）"),
    (b"MZ", "程序（exe）"), (b"\x7fELF", "程序（ELF）"),
)


def read_file(path: Path, max_bytes: int | None = None, *, limits: ReadLimits = DEFAULT_LIMITS) -> list[str]:
    """Lines of the file at `path` (see `read_bytes`); the size is checked before reading."""
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise UnsupportedTypeError(detail=path.name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptFileError("文件无法打开。", detail=str(exc)) from exc
    check_size(size, max_bytes or limits.max_bytes, path.name)
    return read_bytes(path.read_bytes(), path.name, max_bytes, limits=limits)


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
    mixed = _mixed_utf8_gb18030(data)
    if mixed is not None:
        return mixed
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATE_ENCODINGS).best()
    if best is not None:
        text = str(best)
        if _plausible(text, best.encoding):
            return text
    raise EncodingError()


def _mixed_utf8_gb18030(data: bytes) -> str | None:
    """Text whose lines are some UTF-8 and some GB18030 (files pasted together): each line
    decoded in the encoding it is valid in, when the whole reads as text."""
    lines = data.split(b"\n")
    decoded, utf8 = [], 0
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            try:
                decoded.append(line.decode("gb18030"))
            except UnicodeDecodeError:
                return None
    text = "\n".join(decoded)
    return text if utf8 and _plausible(text, "gb18030") else None


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


def _read_txt(data: bytes, budget: Budget) -> list[str]:
    """Lines of a text file, refused early when it has too many lines or characters."""
    text = decode_text(data)
    if len(text) > budget.limits.max_chars:
        raise limit_error("max_chars", budget.limits.max_chars, detail=f"{len(text)} chars")
    # Count the lines before splitting, so a file of a million blank lines costs no list.
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    if breaks > budget.limits.max_lines:
        raise limit_error("max_lines", budget.limits.max_lines, detail=f"{breaks} line breaks")
    return budget.add_lines(split_lines(text))


