"""Bad uploads at the reader level: each is read correctly or refused quickly with its own
Chinese message naming what was wrong, and nothing but a PlanError is ever raised.

Inputs are generated here (no fixtures): hostile sizes use small limits or streams that stop at
the first limit passed, so the whole file runs in a few seconds.
"""

from __future__ import annotations

import io
import os
import random
import re
import time
import zipfile
from collections.abc import Callable

import pytest
from docx import Document

from knowledge import errors
from knowledge.errors import PlanError
from knowledge.limits import MIB, ReadLimits
from knowledge.readers import read_bytes

PLAN = "某某街道2024年工作计划\n\n一、主要目标\n1.全年完成规模以上工业总产值81.11亿元。\n"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# ---------------------------------------------------------------- makers


def docx_bytes(document: Document | None = None) -> bytes:
    document = document or _plan_document()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _plan_document() -> Document:
    document = Document()
    for line in PLAN.strip().split("\n"):
        document.add_paragraph(line)
    return document


def docx_with_body(body_xml: str | bytes) -> bytes:
    """A real .docx whose word/document.xml is replaced by `body_xml` (inside w:body)."""
    base = docx_bytes()
    xml = body_xml.encode() if isinstance(body_xml, str) else body_xml
    document = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="' + W.encode() \
        + b'"><w:body>' + xml + b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, document if info.filename == "word/document.xml" else src.read(info))
    return out.getvalue()


def text_box_docx() -> bytes:
    """Text only in text boxes (a drawing's wps:txbx and its VML fallback copy), as Word saves it."""
    from docx.oxml import parse_xml

    ns = (f'xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')

    def box(paragraphs: list[str]) -> str:
        return "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in paragraphs) + "</w:txbxContent>"

    document = Document()
    body = document.element.body
    for texts in (["某某街道2024年工作计划", "一、主要目标"], ["1.全年完成规模以上工业总产值81.11亿元。"]):
        xml = (f"<w:p {ns}><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
               f"<a:graphic><a:graphicData><wps:wsp><wps:txbx>{box(texts)}</wps:txbx></wps:wsp></a:graphicData>"
               f"</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
               f"{box(texts)}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>")
        body.insert(len(body) - 1, parse_xml(xml))
    return docx_bytes(document)


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def raw_pdf(objects: list[bytes], xref: bool = True) -> bytes:
    """A hand-made PDF (object 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def _stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def pdf_pages(count: int) -> bytes:
    """A PDF of `count` pages sharing one content stream (Helvetica text)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
               _stream(b"BT /F1 12 Tf 50 700 Td (Plan 2024 tasks) Tj ET"),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                b"/Resources << /Font << /F1 4 0 R >> >> >>"] * count
    return raw_pdf(objects)


def cid_pdf() -> bytes:
    """Text in a Type0 Identity-H font with no ToUnicode map: pdfminer prints (cid:N)."""
    codes = b"".join(b"%04x" % (i % 50 + 3) for i in range(200))
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        _stream(b"BT /F1 12 Tf 50 700 Td <" + codes + b"> Tj ET"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /XYZ /Encoding /Identity-H /DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZ /CIDSystemInfo << /Registry (Adobe) /Ordering "
        b"(Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 >>",
        b"<< /Type /FontDescriptor /FontName /XYZ /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ])


def reportlab_pdf(encrypt: object = None, image: bool = False) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK")
    buf = io.BytesIO()
    if image:
        from PIL import Image as PILImage

        picture = io.BytesIO()
        PILImage.new("RGB", (200, 100), "white").save(picture, "PNG")
        picture.seek(0)
        story: list = [Image(picture, 200, 100)]
    else:
        story = [Paragraph(line, style) for line in PLAN.strip().split("\n") if line]
    SimpleDocTemplate(buf, pagesize=A4, encrypt=encrypt).build(story)
    return buf.getvalue()


def owner_only_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return reportlab_pdf(StandardEncryption(userPassword="", ownerPassword="owner", canModify=0, canCopy=0,
                                            strength=128))


def user_password_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return reportlab_pdf(StandardEncryption(userPassword="secret", ownerPassword="owner", strength=128))


def nested_tables(depth: int) -> str:
    xml = "<w:p><w:r><w:t>区发改委</w:t></w:r></w:p>"
    for _ in range(depth):
        xml = f"<w:tbl><w:tr><w:tc>{xml}<w:p/></w:tc></w:tr></w:tbl>"
    return xml


def mixed_encodings() -> bytes:
    return "某某街道2024年工作计划\n一、主要目标\n".encode() + "1.全年完成规模以上工业总产值81.11亿元。\n".encode("gbk") * 3


# ---------------------------------------------------------------- the cases

Maker = Callable[[], tuple[str, bytes]]
# (case, maker, expected error class or None when the file must be read, words the message
# holds, the limits to read with)
CASES: list[tuple[str, Maker, type[PlanError] | None, str, ReadLimits]] = [
    ("empty file", lambda: ("plan.txt", b""), errors.EmptyFileError, "空", ReadLimits()),
    ("blank docx", lambda: ("plan.docx", docx_bytes(Document())), errors.EmptyFileError, "空", ReadLimits()),
    ("truncated docx", lambda: ("plan.docx", docx_bytes()[:3000]), errors.CorruptFileError, "不完整", ReadLimits()),
    ("zip without a document", lambda: ("plan.docx", zip_of({"a.txt": b"hi"})), errors.CorruptFileError,
     "不是 Word", ReadLimits()),
    ("docx named .pdf", lambda: ("plan.pdf", docx_bytes()), None, "", ReadLimits()),
    ("docx named .txt", lambda: ("plan.txt", docx_bytes()), None, "", ReadLimits()),
    ("old .doc content", lambda: ("plan.docx", OLE + os.urandom(500) + "WordDocument".encode("utf-16-le")),
     errors.LegacyWordError, ".doc", ReadLimits()),
    (".doc name", lambda: ("plan.doc", PLAN.encode()), errors.UnsupportedTypeError, "不支持", ReadLimits()),
    ("password docx", lambda: ("plan.docx", OLE + os.urandom(500) + "EncryptedPackage".encode("utf-16-le")),
     errors.EncryptedFileError, "密码", ReadLimits()),
    ("png named .txt", lambda: ("plan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(3000)),
     errors.UnsupportedTypeError, "图片", ReadLimits()),
    # (seeded: bytes drawn afresh each run began with a format's magic now and then — BM of a bitmap)
    ("random bytes named .txt", lambda: ("plan.txt", random.Random(4000).randbytes(4000)), errors.EncodingError, "编码",
     ReadLimits()),
    ("xlsx named .docx", lambda: ("plan.docx", zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"})),
     errors.UnsupportedTypeError, "Excel", ReadLimits()),
    ("rtf named .docx", lambda: ("plan.docx", b"{\\rtf1\\ansi " + PLAN.encode("gbk") + b"}"),
     errors.UnsupportedTypeError, "RTF", ReadLimits()),
    ("utf-16 without BOM", lambda: ("plan.txt", PLAN.encode("utf-16-le")), None, "", ReadLimits()),
    ("big5", lambda: ("plan.txt", "某某街道2024年工作計劃\n一、主要目標\n".encode("big5")), None, "", ReadLimits()),
    ("mixed utf-8 and gbk", lambda: ("plan.txt", mixed_encodings()), None, "", ReadLimits()),
    ("huge line", lambda: ("plan.txt", ("字" * 400_000).encode()), errors.LimitExceededError, "一行", ReadLimits()),
    ("many lines", lambda: ("plan.txt", b"a\n" * 300_000), errors.LimitExceededError, "行数", ReadLimits()),
    ("19 MiB text", lambda: ("plan.txt", ("规划" * (19 * MIB // 6)).encode()), errors.LimitExceededError,
     "字数", ReadLimits()),
    ("300,000 paragraphs", lambda: ("plan.docx", docx_with_body("".join(
        f"<w:p><w:r><w:t>{i * 7919 % 100_003}</w:t></w:r></w:p>" for i in range(300_000)))),
     errors.LimitExceededError, "段落数", ReadLimits()),
    ("many cells", lambda: ("plan.docx", docx_with_body("<w:tbl>" + "".join(
        "<w:tr>" + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * 5 + "</w:tr>" for _ in range(200)) + "</w:tbl>")),
     errors.LimitExceededError, "单元格", ReadLimits(max_table_cells=500)),
    ("nested tables", lambda: ("plan.docx", docx_with_body(nested_tables(30))), errors.LimitExceededError, "嵌套",
     ReadLimits()),
    ("zip bomb", lambda: ("plan.docx", zip_of({"[Content_Types].xml": b"<Types/>",
                                                "word/document.xml": b"<" + b" " * (60 * MIB) + b"/>"})),
     errors.ZipBombError, "压缩", ReadLimits()),
    ("zip of many members", lambda: ("plan.docx", zip_of({f"word/m{i}.xml": b"" for i in range(600)}
                                                         | {"word/document.xml": b"<x/>"}, zipfile.ZIP_STORED)),
     errors.ZipBombError, "条目", ReadLimits(max_zip_members=500)),
    ("bad xml in docx", lambda: ("plan.docx", docx_with_body(b"<w:p><w:r><w:t>unclosed</w:r></w:p>")),
     errors.CorruptFileError, "XML", ReadLimits()),
    ("text-box docx", lambda: ("plan.docx", text_box_docx()), None, "", ReadLimits()),
    ("pdf with a user password", lambda: ("plan.pdf", user_password_pdf()), errors.EncryptedFileError, "密码",
     ReadLimits()),
    ("pdf with an owner password only", lambda: ("plan.pdf", owner_only_pdf()), None, "", ReadLimits()),
    ("scanned pdf", lambda: ("scan.pdf", reportlab_pdf(image=True)), errors.ScannedPdfError, "扫描", ReadLimits()),
    ("pdf fonts without unicode", lambda: ("plan.pdf", cid_pdf()), errors.UnreadablePdfError, "编码信息",
     ReadLimits()),
    ("pdf with 0 pages", lambda: ("plan.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                        b"<< /Type /Pages /Kids [] /Count 0 >>"])),
     errors.EmptyFileError, "页", ReadLimits()),
    ("pdf with a corrupt xref", lambda: ("plan.pdf", re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", pdf_pages(2))),
     None, "", ReadLimits()),
    ("pdf without xref or trailer", lambda: ("plan.pdf", raw_pdf([b"<< /Type /Catalog >>"], xref=False)),
     errors.CorruptFileError, "PDF", ReadLimits()),
    ("text named .pdf", lambda: ("plan.pdf", PLAN.encode()), errors.CorruptFileError, "不是 PDF", ReadLimits()),
    ("pdf over the character limit", lambda: ("plan.pdf", reportlab_pdf()), errors.LimitExceededError, "字数",
     ReadLimits(max_chars=20)),
    ("pdf of 1,001 pages", lambda: ("plan.pdf", pdf_pages(1_001)), errors.LimitExceededError, "页数", ReadLimits()),
    ("name with a path", lambda: ("../plans/plan.txt", PLAN.encode()), errors.BadFileNameError, "路径", ReadLimits()),
    ("name with a backslash", lambda: ("C:\\plans\\plan.txt", PLAN.encode()), errors.BadFileNameError, "路径",
     ReadLimits()),
    ("name with control characters", lambda: ("plan\x00\n.txt", PLAN.encode()), errors.BadFileNameError, "控制",
     ReadLimits()),
    ("name with bidi override", lambda: ("plan\u202etxt.docx", PLAN.encode()), errors.BadFileNameError, "控制",
     ReadLimits()),
    ("hidden name", lambda: (".plan.txt", PLAN.encode()), errors.BadFileNameError, "“.”", ReadLimits()),
    ("name too long", lambda: ("计划" * 50 + ".txt", PLAN.encode()), errors.BadFileNameError, "过长", ReadLimits()),
    ("too large", lambda: ("plan.txt", PLAN.encode() * 20), errors.FileTooLargeError, "上限", ReadLimits(max_bytes=1000)),
]


@pytest.mark.parametrize(("case", "make", "expected", "words", "limits"), CASES, ids=[c[0] for c in CASES])
def test_bad_upload(case: str, make: Maker, expected: type[PlanError] | None, words: str, limits: ReadLimits) -> None:
    name, data = make()
    start = time.perf_counter()
    if expected is None:
        lines = read_bytes(data, name, limits=limits)
        text = "".join(lines)
        assert "工作计划" in text or "主要目标" in text or "Plan 2024" in text, lines[:5]
    else:
        with pytest.raises(PlanError) as info:
            read_bytes(data, name, limits=limits)
        assert type(info.value) is expected, f"{case}: {type(info.value).__name__} {info.value}"
        assert words in info.value.message, info.value.message
        assert re.search("[\u4e00-\u9fff]", info.value.message)
    assert time.perf_counter() - start < 5, case


def test_refusals_say_what_was_wrong() -> None:
    # Different reasons, different messages: only cases of one reason may share a message.
    reasons: dict[str, set[str]] = {}
    for case, make, expected, _words, limits in CASES:
        if expected is None:
            continue
        name, data = make() if "300,000" not in case and "19 MiB" not in case else ("x.txt", b"")
        if not data:
            continue
        try:
            read_bytes(data, name, limits=limits)
        except PlanError as exc:
            reasons.setdefault(exc.message, set()).add(case)
    shared = {message: cases for message, cases in reasons.items() if len(cases) > 1}
    allowed = [{"name with a path", "name with a backslash"},
               {"name with control characters", "name with bidi override"}]
    assert all(cases in allowed for cases in shared.values()), shared


def test_text_boxes_are_read_once_in_order() -> None:
    lines = [line for line in read_bytes(text_box_docx(), "plan.docx") if line]
    assert lines == ["某某街道2024年工作计划", "一、主要目标", "1.全年完成规模以上工业总产值81.11亿元。"]


def test_owner_password_pdf_reads_like_the_open_one() -> None:
    assert read_bytes(owner_only_pdf(), "a.pdf") == read_bytes(reportlab_pdf(), "a.pdf")


@pytest.mark.parametrize("seed", [1, 2])
def test_damaged_files_raise_only_plan_errors(seed: int) -> None:
    # Random byte flips, cuts and insertions in a .pdf, an owner-password .pdf and a .docx.
    import random

    rnd = random.Random(seed)
    originals = [("a.pdf", reportlab_pdf()), ("b.pdf", owner_only_pdf()), ("c.docx", docx_bytes())]
    for _ in range(60):
        name, data = rnd.choice(originals)
        damaged = bytearray(data)
        for _ in range(rnd.randint(1, 8)):
            if not damaged:
                break
            pos = rnd.randrange(len(damaged))
            op = rnd.random()
            if op < 0.6:
                damaged[pos] = rnd.randrange(256)
            elif op < 0.8:
                del damaged[pos:pos + rnd.randint(1, 200)]
            else:
                damaged[pos:pos] = rnd.randbytes(rnd.randint(1, 50))
        try:
            read_bytes(bytes(damaged), name)
        except PlanError as exc:
            assert re.search("[\u4e00-\u9fff]", exc.message)
