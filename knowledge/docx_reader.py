"""The .docx reader: paragraphs, tables and text boxes in document order, one cell per line.

Before python-docx builds its tree, the archive is checked (encryption, zip bombs) and
word/document.xml is streamed once to count paragraphs, table cells and table nesting, so a
file over a limit is refused in seconds without being parsed.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from knowledge.errors import CorruptFileError, EncryptedFileError, LegacyWordError, ZipBombError
from knowledge.limits import MIB, Budget, ReadLimits, limit_error

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Only \n, \r\n and \r end a line (as in the .txt reader).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
TRUNCATED = "文件不完整或已损坏（压缩包无法解开），请重新保存或重新发送。"
# Deeper than this, text boxes inside text boxes are not followed.
_MAX_BOX_DEPTH = 4


def refuse_ole(data: bytes) -> None:
    """An OLE compound file: a password-protected .docx, an old Word .doc, or something else."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFileError(detail="OLE EncryptedPackage")
    if "WordDocument".encode("utf-16-le") in data:
        raise LegacyWordError(detail="OLE WordDocument")
    raise CorruptFileError("这是旧版 Office 文件，但不是 Word 文档，请另存为 .docx 后再发送。", detail="OLE compound file")


def check_zip(data: bytes, limits: ReadLimits) -> None:
    """Refuse encrypted documents, non-zip data, zip bombs and over-limit documents before
    python-docx opens them."""
    if data.startswith(OLE):
        refuse_ole(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        if data.startswith(b"PK"):
            raise CorruptFileError(TRUNCATED, detail=str(exc)) from exc
        raise CorruptFileError("文件内容不是 Word（.docx）格式，请在 Word 或 WPS 中另存为 .docx 后再发送。",
                               detail=str(exc)) from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_zip_members:
            raise ZipBombError(f"文件内部条目过多（超过 {limits.max_zip_members} 个），无法读取。",
                               detail=f"zip bomb: {len(infos)} zip members")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise EncryptedFileError(detail=info.filename)
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MIB and ratio > limits.max_zip_ratio:
                raise ZipBombError(f"文件压缩比异常（超过 {limits.max_zip_ratio} 倍，疑似压缩炸弹），无法读取。",
                                   detail=f"zip bomb: {info.filename} ratio {ratio:.0f}")
        if total > limits.max_unzipped_bytes:
            raise ZipBombError(f"文件解压后超过上限（{limits.max_unzipped_bytes // MIB} MB，疑似压缩炸弹），无法读取。",
                               detail=f"zip bomb: {total} bytes uncompressed")
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError as exc:
            raise CorruptFileError("这个压缩包不是 Word 文档（缺少正文 word/document.xml），请发送 .docx 文件。",
                                   detail="no word/document.xml") from exc
        _scan_body(archive, info, limits)


def _scan_body(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ReadLimits) -> None:
    """Stream word/document.xml (decompressed 1 MiB at a time) and count its paragraphs, table
    cells and table nesting, stopping at the first limit passed; the declared size is not
    trusted (a zip can lie about it)."""
    scan = _BodyScan(limits)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(MIB):
                scan.feed(chunk)
        scan.feed(b"", final=True)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:  # truncated or bad CRC
        raise CorruptFileError(TRUNCATED, detail=f"word/document.xml: {exc}") from exc


class _BodyScan:
    """Counts w:p, w:tc and w:tbl nesting in a stream of document.xml bytes."""

    def __init__(self, limits: ReadLimits) -> None:
        self.limits = limits
        self.budget = Budget(limits)
        self.size = self.depth = 0
        self.tail = b""
        self.tags: re.Pattern[bytes] | None = None

    def feed(self, chunk: bytes, final: bool = False) -> None:
        """Count the tags in `chunk`; a tag cut at its end is counted with the next chunk."""
        self.size += len(chunk)
        if self.size > self.limits.max_xml_bytes:
            raise limit_error("max_xml_bytes", self.limits.max_xml_bytes)
        text = self.tail + chunk
        if self.tags is None:
            # The prefix bound to the WordprocessingML namespace (nearly always "w").
            declared = re.search(rb'xmlns:(\w+)="' + re.escape(_W_NS) + b'"', text)
            prefix = re.escape(declared.group(1) if declared else b"w")
            self.tags = re.compile(b"<(/?)" + prefix + b":(p|tc|tbl)[\\s>/]")
        cut = len(text) if final else max(0, len(text) - 64)
        end = 0
        for match in self.tags.finditer(text):
            if match.start() >= cut:
                break
            end = match.end()
            closing, name = match.group(1), match.group(2)
            if name == b"tbl":
                self.depth += -1 if closing else 1
                if self.depth > self.limits.max_table_depth:
                    raise limit_error("max_table_depth", self.limits.max_table_depth)
            elif closing:
                continue
            elif name == b"p":
                self.budget.add_paragraphs()
            else:
                self.budget.add_cells()
        self.tail = text[max(cut, end):]


def _one_line(text: str) -> str:
    """Cell or paragraph text on one line (soft breaks and tabs between parts dropped)."""
    return re.sub(r"[\r\n\v]+", "", text).strip()


def read_docx(data: bytes, budget: Budget) -> list[str]:
    """Lines of a .docx: paragraphs (with Word's list labels), text boxes, and tables one cell
    per line with a blank line after each row."""
    check_zip(data, budget.limits)
    from docx import Document
    from lxml import etree

    from knowledge.docx_numbering import DocxNumbering

    try:
        document = Document(io.BytesIO(data))
    except etree.XMLSyntaxError as exc:
        raise CorruptFileError("Word 文档内容已损坏（XML 无法解析），请在 Word 或 WPS 中打开后另存为 .docx 再发送。",
                               detail=str(exc)) from exc
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise CorruptFileError(TRUNCATED, detail=str(exc)) from exc
    # Labels of Word's automatic numbering (一、 （一） 1.) are not in the text: add them.
    numbering = DocxNumbering(document)
    lines: list[str] = []
    _read_blocks(document.element.body, numbering, budget, lines, 0)
    return lines


def _read_blocks(parent: Any, numbering: Any, budget: Budget, lines: list[str], box_depth: int) -> None:
    """Append the lines of `parent`'s paragraphs and tables, following text boxes."""
    from knowledge.docx_numbering import with_label

    for kind, element in _body_blocks(parent):
        if kind == "table":
            lines.extend(budget.add_lines(_table_lines(element, numbering, budget)))
            continue
        budget.add_paragraphs()
        text = with_label(numbering.label(element), _paragraph_text(element))
        # A soft line break inside a paragraph starts a new line, as it does on screen.
        lines.extend(budget.add_lines([part.rstrip() for part in _LINE_BREAK.split(text)]))
        lines.append("")
        if box_depth < _MAX_BOX_DEPTH:
            for box in _text_boxes(element):
                _read_blocks(box, numbering, budget, lines, box_depth + 1)


def _text_boxes(p: Any) -> Iterator[Any]:
    """The text boxes (w:txbxContent) anchored in paragraph `p`, in document order: those of
    this paragraph only (not boxes inside boxes), and never a fallback copy (mc:Fallback holds
    the same box again for old Word versions)."""
    from docx.oxml.ns import qn

    box_tag = qn("w:txbxContent")
    fallback = f"{{{_MC_NS}}}Fallback"
    for box in p.iter(box_tag):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in (box_tag, fallback):
                break
            ancestor = ancestor.getparent()
        if ancestor is p:
            yield box


def _body_blocks(parent: Any) -> Iterator[tuple[str, Any]]:
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


def _table_lines(tbl: Any, numbering: Any, budget: Budget) -> list[str]:
    """One line per cell (a vertically merged continuation cell is blank), a blank line per row;
    a cell's paragraphs, nested tables and text boxes included, make one line (with their list
    labels, so an auto-numbered 序号 column keeps its numbers)."""
    from knowledge.docx_numbering import with_label

    def text(p: Any) -> str:
        return with_label(numbering.label(p), _paragraph_text(p), alone=True)

    lines: list[str] = []
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            budget.add_cells()
            if tc.vMerge == "continue":
                lines.append("")
                continue
            paragraphs = [p for p in tc.iter(_P_TAG) if not _in_fallback(p, tc)]
            budget.add_paragraphs(len(paragraphs))
            lines.append(_one_line("".join(text(p) for p in paragraphs)))
        lines.append("")
    return lines


_P_TAG = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _in_fallback(element: Any, stop: Any) -> bool:
    """Whether `element` sits in an mc:Fallback (a duplicate for old readers) below `stop`."""
    fallback = f"{{{_MC_NS}}}Fallback"
    ancestor = element.getparent()
    while ancestor is not None and ancestor is not stop:
        if ancestor.tag == fallback:
            return True
        ancestor = ancestor.getparent()
    return False
