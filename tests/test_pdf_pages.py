"""PDF page layout: web pages printed by a browser (frames, running headers and footers, a
banner wider than the text, a large wrapped title) and fonts scaled by the text matrix.

The PDFs are drawn here with reportlab's canvas so every position is known."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge.pdf_layout import TextLine, paragraphs
from knowledge.pdf_pages import line_key, running_keys
from knowledge.readers import read_bytes

pytest.importorskip("reportlab")

_WIDTH, _HEIGHT = 595.0, 842.0
_LEFT, _RIGHT = 60.0, 535.0


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _wrap(text: str, size: float, first_indent: float = 0.0) -> list[tuple[float, str]]:
    """Lines of `text` set at `size` between the margins, CJK-wrapped one char at a time."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = _font()
    out: list[tuple[float, str]] = []
    line, x0 = "", _LEFT + first_indent
    for ch in text:
        if stringWidth(line + ch, font, size) > _RIGHT - x0:
            out.append((x0, line))
            line, x0 = "", _LEFT
        line += ch
    if line:
        out.append((x0, line))
    return out


def _pdf(pages: list[list[tuple[float, float, float, str]]], decorate: Callable | None = None) -> bytes:
    """A PDF of pages, each a list of (x, y from the top, size, text)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(_WIDTH, _HEIGHT))
    font = _font()
    for number, page in enumerate(pages, start=1):
        if decorate:
            decorate(pdf, number, len(pages))
        for x, y, size, text in page:
            pdf.setFont(font, size)
            pdf.drawString(x, _HEIGHT - y, text)
        pdf.showPage()
    pdf.save()
    return buf.getvalue()


_BODY_A = "为加快培育创新型企业，提升产业竞争力，结合本市实际，制定本行动计划。" * 3
_BODY_B = "到2027年，累计培育创新型企业1000家，建成一批高水平创新平台，形成梯度培育体系，营造良好发展环境。" * 4
_TITLE = "某某市支持创新型企业加快发展行动计划（2025—2027年）"


def _browser_pages() -> list[list[tuple[float, float, float, str]]]:
    """Two pages as a browser prints a government page: banner, title, body over the break."""
    size, pitch = 12.0, 20.0
    first: list[tuple[float, float, float, str]] = [
        (20.0, 70.0, 26.0, "某某市工业和信息化局政府信息公开"),  # banner, wider than the text
    ]
    y = 120.0
    for k, (x, text) in enumerate(_wrap(_TITLE, 22.0)):
        first.append((x + (20.0 if k else 0.0), y, 22.0, text))
        y += 26.0
    y += 14.0
    first.append((_LEFT, y, size, "一、总体要求"))
    y += pitch
    for x, text in _wrap(_BODY_A, size, first_indent=2 * size):
        first.append((x, y, size, text))
        y += pitch
    first.append((_LEFT, y, size, "二、工作目标"))
    y += pitch
    wrapped = _wrap(_BODY_B, size, first_indent=2 * size)
    room = int((_HEIGHT - 110.0 - y) / pitch)
    for x, text in wrapped[:room]:
        first.append((x, y, size, text))
        y += pitch
    second = []
    y = 80.0
    for x, text in wrapped[room:]:
        second.append((x, y, size, text))
        y += pitch
    second.append((_LEFT, y, size, "三、主要任务"))
    return [first, second]


def _browser_chrome(pdf, number: int, total: int) -> None:  # noqa: ANN001 - reportlab canvas
    """What a browser prints around a page: a frame, the time and title, the address and x/y."""
    pdf.setLineWidth(0.5)
    pdf.rect(_LEFT - 20, 60, _RIGHT - _LEFT + 40, _HEIGHT - 120)  # the page's content frame
    pdf.setFont(_font(), 8)
    pdf.drawString(20, _HEIGHT - 20, "2025/3/4 09:49")
    pdf.drawString(250, _HEIGHT - 20, "某某市支持创新型企业加快发展行动计划_政策法规")
    pdf.drawString(20, 20, "https://www.example.gov.cn/zwgk/zcfg/content/post_12345.html")
    pdf.drawString(540, 20, f"{number}/{total}")


def test_browser_printed_page_reads_as_the_document() -> None:
    lines = [line for line in read_bytes(_pdf(_browser_pages(), _browser_chrome), "plan.pdf") if line]
    assert lines == ["某某市工业和信息化局政府信息公开", _TITLE, "一、总体要求", _BODY_A, "二、工作目标", _BODY_B,
                     "三、主要任务"]


def test_a_frame_around_text_is_no_table_but_a_grid_is() -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    style = ParagraphStyle("cn", fontName=_font(), fontSize=10.5, leading=16, wordWrap="CJK")
    framed = Table([[Paragraph("一、总体要求", style)], [Paragraph(_BODY_A, style)]])
    framed.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, colors.black)]))
    grid = Table([["序号", "指标", "2027年"], ["1", "创新型企业（家）", "1000"]])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                              ("FONTNAME", (0, 0), (-1, -1), _font())]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build([framed, grid])
    lines = read_bytes(buf.getvalue(), "plan.pdf")
    assert lines[:2] == ["一、总体要求", _BODY_A]  # the frame's text as paragraphs
    assert lines[2:] == ["序号", "指标", "2027年", "", "1", "创新型企业（家）", "1000", ""]  # the grid's cells


def test_font_size_scaled_by_the_text_matrix() -> None:
    """A writer may set the font at 320 pt and scale the text by 0.05: lines still rejoin."""
    pages = [[(x, 100.0 + 20.0 * k, 16.0, text) for k, (x, text) in enumerate(_wrap(_BODY_B, 16.0, 32.0))]]
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(_WIDTH, _HEIGHT))
    for x, y, _size, text in pages[0]:
        t = pdf.beginText()
        t.setTextTransform(0.05, 0, 0, 0.05, x, _HEIGHT - y)
        t.setFont(_font(), 320)
        t.textOut(text)
        pdf.drawText(t)
    pdf.showPage()
    pdf.save()
    assert read_bytes(buf.getvalue(), "plan.pdf") == [_BODY_B]


def _line(text: str, top: float, x0: float = 60.0, x1: float = 300.0, size: float = 10.0) -> TextLine:
    return TextLine(text, x0, x1, top, top + size, size)


@pytest.mark.parametrize(("edges", "running"), [
    # a browser's header and footer on every page, digits differing
    ([["2025/3/4 09:49 某某行动计划", "https://x.gov.cn/a.html 1/3"]] * 3,
     {"#/#/#:#某某行动计划", "https://x.gov.cn/a.html#/#"}),
    # 第 x 页 共 y 页 and a running title on two pages out of two
    ([["某某区人民政府文件", "第 1 页 共 2 页"], ["某某区人民政府文件", "第 2 页 共 2 页"]], {"某某区人民政府文件", "第#页共#页"}),
    # bare numbers at the page edges (a table's cells) are no header
    ([["212.29", "3.01"], ["158.53", "0.64"], ["101.08", "21.9"]], set()),
    # a line on one page of four is no header
    ([["某某区人民政府文件", "x"], ["正文", "y"], ["正文二", "z"], ["正文三", "w"]], set()),
])
def test_running_lines(edges: list[list[str]], running: set[str]) -> None:
    pages = [([_line(top_text, 20.0), _line("正文内容" * 5, 400.0), _line(bottom_text, 820.0)], 842.0)
             for top_text, bottom_text in edges]
    assert running_keys(pages) == running
    assert line_key("第 12 页 共 30 页") == "第#页共#页"


def test_a_line_in_the_middle_of_the_page_is_never_running() -> None:
    pages = [([_line("某某区人民政府文件", 400.0)], 842.0)] * 3
    assert running_keys(pages) == set()


def test_banner_wider_than_the_text_does_not_move_the_margins() -> None:
    lines = [_line("某某市工业和信息化局政府信息公开", 20.0, x0=20.0, x1=570.0, size=26.0),
             _line("为加快培育创新型企业，提升产业竞争力，结合本市实际", 100.0, x0=84.0, x1=535.0, size=12.0),
             _line("制定本行动计划。到2027年，累计培育创新型企业1000家，", 120.0, x0=60.0, x1=535.0, size=12.0),
             _line("形成梯度培育体系。", 140.0, x0=60.0, x1=180.0, size=12.0)]
    blocks = paragraphs(lines)
    assert [b.lines for b in blocks] == [["某某市工业和信息化局政府信息公开"],
                                         ["为加快培育创新型企业，提升产业竞争力，结合本市实际制定本行动计划。"
                                          "到2027年，累计培育创新型企业1000家，形成梯度培育体系。"]]


# ---------------------------------------------------------------- glyphs PDFium cannot draw

_WRAPPED = "天津市某某区某某街道国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
_AFTER = "发布日期：2021年8月27日"
_ONE_BY_ONE = "第二章保障措施"


def _outlineless_font(tmp_path: Path, text: str) -> str:
    """An embedded TrueType font whose glyphs have no outline (as an OCR layer's glyph-less font,
    or a font the PDF names but does not embed, on a server without a Chinese font)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    chars = sorted(set(text))
    names = [".notdef", *(f"uni{ord(c):04X}" for c in chars)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    builder.setupGlyf({name: TTGlyphPen(None).glyph() for name in names})
    builder.setupHorizontalMetrics({name: (1000, 0) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": "Outlineless", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    path = tmp_path / "outlineless.ttf"
    builder.save(str(path))
    pdfmetrics.registerFont(TTFont("Outlineless", str(path)))
    return "Outlineless"


@pytest.mark.parametrize("font", ["outlineless", "STSong-Light"])
def test_a_lone_glyph_pdfium_cannot_draw_is_read(font: str, tmp_path: Path) -> None:
    """PDFium's text page leaves out a text object without width, and it measures glyphs by their
    outlines: the last character of a wrapped title alone on its line, or a heading drawn glyph
    by glyph, would be lost where PDFium has no outline for the font's glyphs. (STSong-Light is
    not embedded: it is lost only on a machine without a Chinese font; the glyph-less embedded
    font loses it everywhere.)"""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    name = _outlineless_font(tmp_path, _WRAPPED + _AFTER + _ONE_BY_ONE) if font == "outlineless" else _font()
    size = 16.0
    # The title fills the first line to the right margin; its last character wraps alone.
    per_line = int((_RIGHT - _LEFT) // size)
    title = _WRAPPED[-(per_line + 1):]
    assert len(title) == per_line + 1
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(_WIDTH, _HEIGHT))
    pdf.setFont(name, size)
    pdf.drawString(_LEFT, _HEIGHT - 100, title[:-1])
    pdf.drawString(_LEFT, _HEIGHT - 120, title[-1])
    pdf.setFont(name, 12.0)
    pdf.drawString(_LEFT, _HEIGHT - 150, _AFTER)
    x = _LEFT
    for ch in _ONE_BY_ONE:  # a producer placing every glyph on its own
        pdf.drawString(x, _HEIGHT - 180, ch)
        x += stringWidth(ch, name, 12.0)
    pdf.showPage()
    pdf.save()
    assert read_bytes(buf.getvalue(), "plan.pdf") == [title, _AFTER, _ONE_BY_ONE]


def test_a_blank_text_object_in_a_drawn_font_keeps_pdfium(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text object holding only a space has no width either; where the page's glyphs have
    outlines it holds no text, and the page is not read a second time by pdfminer."""
    from reportlab.pdfgen import canvas

    from knowledge import pdf_plumber

    def refuse(*_args: object) -> None:
        raise AssertionError("pdfminer read a page PDFium read whole")

    monkeypatch.setattr(pdf_plumber.Plumber, "page_lines", refuse)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(_WIDTH, _HEIGHT))
    pdf.setFont("Helvetica", 12)
    pdf.drawString(_LEFT, _HEIGHT - 100, "Annual plan 2025")
    pdf.drawString(_LEFT, _HEIGHT - 120, " ")
    pdf.drawString(_LEFT, _HEIGHT - 140, "Targets")
    pdf.showPage()
    pdf.save()
    assert read_bytes(buf.getvalue(), "plan.pdf") == ["Annual plan 2025", "Targets"]
