"""Make .docx and .pdf versions of the bundled plans (real tables for their flattened ones).

Only for tests: the table regions of the bundled plans are named here by line, which product
code must never do.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

PLANS = Path(__file__).resolve().parents[1] / "knowledge/plans"


@dataclass(frozen=True)
class TableSpec:
    """A flattened table in a bundled plan: its lines (1-based, inclusive) and layout.

    `tabbed`: cells start with a tab, rows end at a blank line once full, untabbed lines continue
    the previous cell. Otherwise every non-blank line is a cell, `columns` cells per row.
    """

    first: int
    last: int
    columns: int
    tabbed: bool


TABLES: dict[str, list[TableSpec]] = {
    "001_504bf8cd692ac69d.txt": [TableSpec(68, 175, 5, tabbed=True)],
    "004_94047d62e3d4206a.txt": [TableSpec(70, 218, 5, tabbed=False)],
}

_H1 = re.compile(r"^(第[一二三四五六七八九十\d]+章|[一二三四五六七八九十]+、)")
_H2 = re.compile(r"^(第[一二三四五六七八九十\d]+节|[（(][一二三四五六七八九十]+[)）])")


def plan_lines(file: str) -> list[str]:
    """The bundled plan's lines (split on \\n only, like the reader)."""
    text = (PLANS / file).read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def table_rows(lines: list[str], spec: TableSpec) -> list[list[str]]:
    """The rows of a flattened table, a merged category written once and blank below."""
    region = lines[spec.first - 1:spec.last]
    rows: list[list[str]] = []
    if not spec.tabbed:
        cells = [line.strip() for line in region if line.strip()]
        return [cells[i:i + spec.columns] for i in range(0, len(cells), spec.columns)]
    row: list[str] = []
    for line in region:
        if line.startswith("\t"):
            row.append(line.strip())
        elif not line.strip():
            if len(row) >= spec.columns:
                rows.append(row[:spec.columns])
                row = []
        elif row:
            row[-1] += line.strip()
    if len(row) >= spec.columns:
        rows.append(row[:spec.columns])
    return rows


def blocks(file: str) -> list[tuple[str, object]]:
    """The plan as ("p", text) paragraphs and ("table", rows) blocks, in order."""
    lines = plan_lines(file)
    specs = {s.first: s for s in TABLES.get(file, [])}
    out: list[tuple[str, object]] = []
    number = 1
    while number <= len(lines):
        if number in specs:
            spec = specs[number]
            out.append(("table", table_rows(lines, spec)))
            number = spec.last + 1
            continue
        text = lines[number - 1].strip()
        if text:
            out.append(("p", text))
        number += 1
    return out


_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SUBPART = re.compile(r"^([（(])([一二三四五六七八九十]+)[)）]")
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _word_numbering(document: object, open_bracket: str) -> None:
    """A Word list 一、 / （一） (numId 1), as a drafter would set up in Word."""
    from docx.oxml import parse_xml

    close = "）" if open_bracket == "（" else ")"
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, text in enumerate(["%1、", f"{open_bracket}%2{close}"])
    )
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    numbering.append(parse_xml(f'<w:abstractNum {_W} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def _auto_numbered(text: str, counts: list[int]) -> tuple[str, int] | None:
    """The heading text without its 一、/（一） label and the list level, when the label is the
    one Word's counters would show next (so Word's numbering reproduces it)."""
    import cn2an

    for level, pattern in ((0, _PART), (1, _SUBPART)):
        match = pattern.match(text)
        if match and len(text) <= 40:
            number = int(cn2an.cn2an(match.group(match.lastindex), "smart"))
            if number == counts[level] + 1:
                counts[level] = number
                if level == 0:
                    counts[1] = 0
                return text[match.end():], level
    return None


def to_docx(file: str, word_numbering: bool = False) -> bytes:
    """The plan as a Word document: headings styled, tables as real Word tables; with
    `word_numbering`, the 一、/（一） labels come from Word's automatic numbering instead of the text."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    counts = [0, 0]
    if word_numbering:
        first = next((v for k, v in blocks(file) if k == "p" and _SUBPART.match(str(v))), "（")
        _word_numbering(document, str(first)[0])
    for kind, value in blocks(file):
        if kind == "p" and word_numbering:
            numbered = _auto_numbered(str(value), counts)
            if numbered is not None:
                paragraph = document.add_heading(numbered[0], level=numbered[1] + 1)
                paragraph._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {_W}><w:ilvl w:val="{numbered[1]}"/><w:numId w:val="90"/></w:numPr>'))
                continue
        if kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            # A category written once in the text spans the rows below it: merge those cells.
            top = None
            for r, row in enumerate(rows):
                if row[0]:
                    top = r
                elif top is not None and top > 0:
                    table.cell(top, 0).merge(table.cell(r, 0))
                    table.cell(top, 0).text = rows[top][0]
            continue
        text: str = value  # type: ignore[assignment]
        if _H1.match(text) and len(text) <= 40:
            document.add_heading(text, level=1)
        elif _H2.match(text) and len(text) <= 40:
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def to_pdf(file: str) -> bytes:
    """The plan as a PDF with a text layer (reportlab's built-in STSong-Light CID font)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK",
                          spaceAfter=4)
    # Chinese typography: body paragraphs indented by two characters, headings not.
    indented = ParagraphStyle("indented", parent=body, firstLineIndent=21)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0)
    story: list[object] = []
    for kind, value in blocks(file):
        if kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            # Column widths in proportion to their longest cell, so the table fits one page.
            longest = [max(len(row[c]) for row in rows) + 2 for c in range(len(rows[0]))]
            widths = [450 * n / sum(longest) for n in longest]
            table = Table([[Paragraph(escape(c), cell) for c in row] for row in rows], colWidths=widths)
            style: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
            # A category written once spans the rows below it, as in the Word version.
            top = None
            for r, row in enumerate([*rows, ["end"]]):
                if row[0]:
                    if top is not None and top > 0 and r - 1 > top:
                        style.append(("SPAN", (0, top), (0, r - 1)))
                    top = r
            table.setStyle(TableStyle(style))
            story.append(KeepTogether([table]))
        else:
            text: str = value  # type: ignore[assignment]
            heading = (_H1.match(text) or _H2.match(text)) and len(text) <= 40
            story.append(Paragraph(escape(text), body if heading else indented))
    def page_number(canvas, doc) -> None:  # noqa: ANN001
        # Printed page numbers, as government PDFs have them: "— 3 —" centred at the bottom.
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buf.getvalue()
