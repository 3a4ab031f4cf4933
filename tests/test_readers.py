"""Readers: encodings, line numbering, .docx/.pdf text and tables, and every bad-input error."""

from __future__ import annotations

import io
import os
import random
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

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
from knowledge.readers import read_bytes, read_file, safe_filename, split_lines

PLANS = Path(__file__).resolve().parents[1] / "knowledge/plans"
SAMPLE = "某某街道2024年工作计划\n\n一、坚持创新引领\n1.抢抓招商引资先机。全年完成规模以上工业总产值81.11亿元。\n"


# ---------------------------------------------------------------- .txt


@pytest.mark.parametrize("path", sorted(PLANS.glob("*.txt")), ids=lambda p: p.name)
def test_txt_numbering_matches_nl(path: Path) -> None:
    lines = read_file(path)
    nl = subprocess.run(["nl", "-ba", str(path)], capture_output=True, check=True).stdout.decode()
    numbered = nl.splitlines()
    assert len(lines) == len(numbered)
    for number, (line, row) in enumerate(zip(lines, numbered, strict=True), start=1):
        count, _, text = row.partition("\t")
        assert int(count) == number
        assert text == line


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_txt_encodings(encoding: str) -> None:
    text = (PLANS / "004_94047d62e3d4206a.txt").read_text(encoding="utf-8")
    assert read_bytes(text.encode(encoding), "plan.txt") == read_bytes(text.encode("utf-8"), "plan.txt")


def test_txt_big5() -> None:
    text = "大港街2024年工作計劃\n一、堅持創新引領，在發展新質生產力上走深走實\n規模以上工業總產值81.11億元，同比增長3.2%。\n"
    # Decoded as Big5, then (being traditional) converted to simplified.
    assert read_bytes(text.encode("big5"), "plan.txt")[0] == "大港街2024年工作计划"


def test_only_real_line_breaks_split() -> None:
    text = "甲\x0b乙\x0c丙\x1c丁\x85戊\u2028己\r\n二\r三\n四"
    assert split_lines(text) == ["甲\x0b乙\x0c丙\x1c丁\x85戊\u2028己", "二", "三", "四"]
    assert split_lines("a\n\nb\n") == ["a", "", "b"]
    assert split_lines("\ufeffa") == ["a"]


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", "\ufeff\n".encode("utf-8")])
def test_empty_txt(data: bytes) -> None:
    with pytest.raises(EmptyFileError):
        read_bytes(data, "plan.txt")


@pytest.mark.parametrize("data", [
    os.urandom(4096),
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    bytes(range(256)) * 16,
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + os.urandom(512),
])
def test_binary_garbage_txt(data: bytes) -> None:
    with pytest.raises((EncodingError, CorruptFileError, UnsupportedTypeError)) as info:
        read_bytes(data, "plan.txt")
    assert info.value.message


def test_unsupported_type() -> None:
    with pytest.raises(UnsupportedTypeError):
        read_bytes(SAMPLE.encode(), "plan.doc")
    with pytest.raises(UnsupportedTypeError):
        read_bytes(SAMPLE.encode(), "plan")


def test_too_large_is_checked_before_parsing() -> None:
    # Binary garbage over the limit is refused for its size, not parsed.
    with pytest.raises(FileTooLargeError) as info:
        read_bytes(os.urandom(2048), "plan.pdf", max_bytes=1024)
    assert "上限" in info.value.message
    assert read_bytes(SAMPLE.encode(), "plan.txt", max_bytes=1024)


def test_read_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(SAMPLE.encode() * 100)
    with pytest.raises(FileTooLargeError):
        read_file(path, max_bytes=1000)


@pytest.mark.parametrize("name", ["../x.txt", "a/b.txt", "/etc/plan.txt", "..\\x.txt", "C:plan.txt",
                                  "C:\\plans\\a.txt", "", "  ", "..", "a\x00.txt", "a\nb.txt",
                                  ".hidden.txt", "计划" * 50 + ".txt", "plan\u202etxt.docx"])
def test_bad_file_names(name: str) -> None:
    with pytest.raises(BadFileNameError):
        safe_filename(name)
    with pytest.raises(BadFileNameError):
        read_bytes(SAMPLE.encode(), name)


def test_good_file_names() -> None:
    assert safe_filename(" 2024年工作计划.txt ") == "2024年工作计划.txt"
    assert safe_filename("plan..v2.docx") == "plan..v2.docx"


def test_errors_have_chinese_messages() -> None:
    for cls in (BadFileNameError, CorruptFileError, EmptyFileError, EncodingError, EncryptedFileError,
                FileTooLargeError, LegacyWordError, ScannedPdfError, UnsupportedTypeError):
        assert issubclass(cls, PlanError)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in cls().message)


# ---------------------------------------------------------------- .docx


def _docx_bytes(document: Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_tables_in_order() -> None:
    document = Document()
    document.add_heading("某某街道2024年工作计划", level=1)
    document.add_paragraph("一、主要指标")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["类别", "指标", "2025年"], ["经济", "地区生产总值（亿元）", "107.2"],
                             ["", "固定资产投资（亿元）", "5"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 0).text = "经济发展"
    paragraph = document.add_paragraph("二、重点任务")
    paragraph.add_run().add_break()
    paragraph.add_run("1.抢抓招商引资先机。")
    lines = read_bytes(_docx_bytes(document), "plan.docx")
    assert [line for line in lines if line] == [
        "某某街道2024年工作计划", "一、主要指标",
        "类别", "指标", "2025年",
        "经济发展", "地区生产总值（亿元）", "107.2",
        "固定资产投资（亿元）", "5",
        "二、重点任务", "1.抢抓招商引资先机。",
    ]
    # One cell per line, a blank line after each row, the merged cell blank in its second row.
    start = lines.index("类别")
    assert lines[start:start + 12] == ["类别", "指标", "2025年", "", "经济发展", "地区生产总值（亿元）", "107.2", "",
                                       "", "固定资产投资（亿元）", "5", ""]


def test_docx_empty() -> None:
    with pytest.raises(EmptyFileError):
        read_bytes(_docx_bytes(Document()), "plan.docx")


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def test_docx_encrypted() -> None:
    # Password-protected Word files are OLE compound files holding an EncryptedPackage stream.
    data = OLE + os.urandom(1000) + "EncryptedPackage".encode("utf-16-le") + os.urandom(1000)
    with pytest.raises(EncryptedFileError) as info:
        read_bytes(data, "plan.docx")
    assert isinstance(info.value, CorruptFileError)
    assert "密码" in info.value.message


@pytest.mark.parametrize("name", ["plan.docx", "plan.txt", "plan.pdf"])
def test_old_word_doc_under_any_name(name: str) -> None:
    data = OLE + os.urandom(1000) + "WordDocument".encode("utf-16-le") + os.urandom(1000)
    with pytest.raises(LegacyWordError) as info:
        read_bytes(data, name)
    assert ".docx" in info.value.message
    with pytest.raises(CorruptFileError):
        read_bytes(OLE + os.urandom(2000), name)


def test_content_decides_the_reader() -> None:
    document = Document()
    document.add_paragraph("一、主要目标")
    data = _docx_bytes(document)
    assert read_bytes(data, "plan.pdf") == read_bytes(data, "plan.docx") == ["一、主要目标", ""]


# (seeded: bytes drawn afresh each run may begin with another format's magic, read as that format)
@pytest.mark.parametrize("data", [random.Random(3000).randbytes(3000), b"PK\x03\x04" + os.urandom(3000), SAMPLE.encode()])
def test_docx_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptFileError):
        read_bytes(data, "plan.docx")


def test_docx_truncated() -> None:
    document = Document()
    document.add_paragraph("一、主要目标")
    data = _docx_bytes(document)
    with pytest.raises(CorruptFileError):
        read_bytes(data[: len(data) // 2], "plan.docx")


def test_docx_zip_without_document_part() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(CorruptFileError):
        read_bytes(buf.getvalue(), "plan.docx")


def test_docx_zip_bomb_is_refused_before_opening() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(CorruptFileError) as info:
        read_bytes(data, "plan.docx")
    assert "zip bomb" in info.value.detail


# ---------------------------------------------------------------- .pdf


def _pdf_with(draw) -> bytes:  # noqa: ANN001
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, **getattr(draw, "options", {}))
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def test_pdf_text_and_table() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = ParagraphStyle("cn", fontName=_cjk_font(), fontSize=10.5, leading=16, wordWrap="CJK")
    long_text = "抢抓招商引资先机。扎实完成好各项工作任务，利用数据资源，明确产业图谱，重点引进和培育产业链上下游企业，" * 3
    table = Table([[Paragraph(c, style) for c in row] for row in
                   [["序号", "指标", "2025年"], ["1", "地区生产总值（亿元）", "107.21"]]])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([
        Paragraph("某某街道2024年工作计划", style), Paragraph("一、主要目标", style),
        Paragraph(long_text, style), Paragraph("1.优化配置会展资源。", style), table,
        Paragraph("二、重点任务", style),
    ])
    lines = read_bytes(buf.getvalue(), "plan.pdf")
    assert lines == ["某某街道2024年工作计划", "一、主要目标", long_text, "1.优化配置会展资源。",
                     "序号", "指标", "2025年", "", "1", "地区生产总值（亿元）", "107.21", "", "二、重点任务"]


def test_pdf_scanned() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    image = Image.new("RGB", (200, 100), "white")

    def draw(pdf) -> None:  # noqa: ANN001
        pdf.drawImage(ImageReader(image), 50, 500, 200, 100)

    with pytest.raises(ScannedPdfError) as info:
        read_bytes(_pdf_with(draw), "scan.pdf")
    assert "扫描" in info.value.message


def test_pdf_without_anything_is_empty() -> None:
    with pytest.raises(EmptyFileError):
        read_bytes(_pdf_with(lambda pdf: None), "blank.pdf")


def test_pdf_encrypted() -> None:
    def draw(pdf) -> None:  # noqa: ANN001
        pdf.setFont(_cjk_font(), 12)
        pdf.drawString(50, 700, "一、主要目标")

    draw.options = {"encrypt": "secret"}  # type: ignore[attr-defined]
    with pytest.raises(EncryptedFileError):
        read_bytes(_pdf_with(draw), "locked.pdf")


@pytest.mark.parametrize("data", [os.urandom(3000), b"%PDF-1.7\n" + os.urandom(3000), SAMPLE.encode()])
def test_pdf_corrupt(data: bytes) -> None:
    with pytest.raises(CorruptFileError):
        read_bytes(data, "plan.pdf")


def test_pdf_truncated() -> None:
    def draw(pdf) -> None:  # noqa: ANN001
        pdf.setFont(_cjk_font(), 12)
        pdf.drawString(50, 700, "一、主要目标")

    data = _pdf_with(draw)
    with pytest.raises(PlanError):
        read_bytes(data[: len(data) // 3], "plan.pdf")


def test_traditional_text_is_simplified_line_for_line() -> None:
    text = "大港街2024年工作計劃\n\n一、堅持創新引領，在發展新質生產力上走深走實\n規模以上工業總產值81.11億元。\n"
    lines = read_bytes(text.encode("big5"), "plan.txt")
    assert lines == ["大港街2024年工作计划", "", "一、坚持创新引领，在发展新质生产力上走深走实", "规模以上工业总产值81.11亿元。"]
    simplified = (PLANS / "004_94047d62e3d4206a.txt").read_text(encoding="utf-8")
    assert read_bytes(simplified.encode(), "plan.txt") == simplified.split("\n")


def test_docx_content_controls_tracked_insertions_and_nested_tables() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = Document()
    document.add_paragraph("某某街道2024年工作计划")
    body = document.element.body
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent>'
        '<w:p><w:r><w:t>一、主要目标</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>地区生产总值增长</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>5%</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>6%</w:delText></w:r></w:del><w:r><w:t>左右。</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'
    )
    body.insert(len(body) - 1, sdt)  # before the section properties
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "牵头单位"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "区发改委"
    lines = [line for line in read_bytes(_docx_bytes(document), "plan.docx") if line]
    assert lines == ["某某街道2024年工作计划", "一、主要目标", "地区生产总值增长5%左右。", "牵头单位", "区发改委"]


def test_pdf_text_drawn_as_outlines_counts_as_scanned() -> None:
    def draw(pdf) -> None:  # noqa: ANN001
        path = pdf.beginPath()
        path.moveTo(50, 700)
        path.curveTo(60, 720, 80, 720, 90, 700)
        pdf.drawPath(path)

    with pytest.raises(ScannedPdfError):
        read_bytes(_pdf_with(draw), "outlines.pdf")


def test_pdf_unmapped_glyphs() -> None:
    from knowledge.readers import _drop_unmapped

    assert _drop_unmapped(["一、主要目标", "增长(cid:123)5%"]) == ["一、主要目标", "增长5%"]
    with pytest.raises(UnreadablePdfError) as info:
        _drop_unmapped(["(cid:12)(cid:34)(cid:56)", "(cid:78)一"])
    assert isinstance(info.value, ScannedPdfError)
    assert "无法提取" in info.value.message


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_numbering(document: Document) -> None:
    """Two Word lists: 一、/（一）/1. headings (numId 1) and a plain 1. 2. list (numId 2)."""
    from docx.oxml import parse_xml

    def lvl(ilvl: int, fmt: str, text: str) -> str:
        return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/></w:lvl>')

    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="10">'
                               + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
                               + lvl(2, "decimal", "%3.") + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:abstractNum {W_NS} w:abstractNumId="11">'
                               + lvl(0, "decimal", "%1.") + "</w:abstractNum>"))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="1"><w:abstractNumId w:val="10"/></w:num>'))
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="2"><w:abstractNumId w:val="11"/></w:num>'))


def _numbered(paragraph, num_id: int, ilvl: int) -> None:  # noqa: ANN001
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_docx_word_numbering_labels() -> None:
    document = Document()
    _add_numbering(document)
    document.add_paragraph("某某街道2024年工作计划")
    for text, ilvl in [("总体要求", 0), ("指导思想", 1), ("主要目标", 1), ("重点任务", 0),
                       ("推进城市更新", 1), ("完成老旧小区改造。", 2), ("加强物业管理。", 2), ("优化营商环境", 1)]:
        _numbered(document.add_paragraph(text), 1, ilvl)
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "任务"
    for r, task in ((1, "推进城市更新"), (2, "优化营商环境")):
        _numbered(table.cell(r, 0).paragraphs[0], 2, 0)
        table.cell(r, 1).text = task
    lines = [line for line in read_bytes(_docx_bytes(document), "plan.docx") if line]
    assert lines == ["某某街道2024年工作计划", "一、总体要求", "（一）指导思想", "（二）主要目标", "二、重点任务",
                     "（一）推进城市更新", "1.完成老旧小区改造。", "2.加强物业管理。", "（二）优化营商环境",
                     "序号", "任务", "1", "推进城市更新", "2", "优化营商环境"]


def test_docx_numbering_through_a_heading_style() -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    document = Document()
    _add_numbering(document)
    style = document.styles.add_style("PlanPart", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    document.add_paragraph("总体要求", style="PlanPart")
    document.add_paragraph("正文。")
    document.add_paragraph("重点任务", style="PlanPart")
    lines = [line for line in read_bytes(_docx_bytes(document), "plan.docx") if line]
    assert lines == ["一、总体要求", "正文。", "二、重点任务"]


@pytest.mark.parametrize(("n", "fmt", "text"), [
    (11, "chineseCounting", "十一"), (3, "decimalEnclosedCircle", "③"), (4, "upperRoman", "IV"),
    (2, "lowerLetter", "b"), (12, "decimalFullWidth", "１２"), (2, "chineseLegalSimplified", "贰"),
    (2, "ideographTraditional", "乙"), (7, "decimal", "7"),
])
def test_number_formats(n: int, fmt: str, text: str) -> None:
    from knowledge.docx_numbering import format_number

    assert format_number(n, fmt) == text


def test_pdfs_read_in_threads_match_sequential_reads() -> None:
    # PDFium is not thread-safe: the reader serialises it, so threads get the same lines.
    from concurrent.futures import ThreadPoolExecutor

    from tests.plan_variants import to_pdf

    data = to_pdf("003_d469b632b0e4d0a4.txt")
    expected = read_bytes(data, "plan.pdf")
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: read_bytes(data, "plan.pdf"), range(8)))
    assert all(result == expected for result in results)
