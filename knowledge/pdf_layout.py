"""PDF layout: characters grouped into lines, text lines re-joined into paragraphs (wrapped lines,
page breaks, page numbers) and pdfminer's unmapped-glyph codes; shared by the PyPDFium2 and
pdfplumber page readers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.errors import UnreadablePdfError

# A PDF line starting like a heading or a numbered item opens a new paragraph.
NUMBERED = re.compile(
    r"^(第[一二三四五六七八九十百零〇\d]+[章节条部分]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|"
    r"\d+[.．、](?!\d)|专栏\s*\d)"
)


@dataclass
class TextLine:
    """One line of text on a page, in top-down coordinates (points from the top edge)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0


@dataclass
class Block:
    """Lines a PDF page yields in reading order: one paragraph, or a table's cells."""

    top: float
    lines: list[str]
    at_margin: bool = False  # a paragraph whose first line starts at the left margin
    open_end: bool = False  # a paragraph whose last line runs to the right margin


# pdfplumber's defaults, which the old reader used: chars within 3 pt of each other vertically
# share a line; a horizontal gap over 3 pt between two chars is a space.
_Y_TOLERANCE = 3.0
_X_TOLERANCE = 3.0


def group_lines(chars: list[tuple[float, float, float, float, str, float]]) -> list[TextLine]:
    """Chars clustered into lines by their top (chained within 3 pt), each line left to right,
    words split at blanks and gaps over 3 pt and joined by one space."""
    if not chars:
        return []
    tops = sorted({c[0] for c in chars})
    cluster_of: dict[float, int] = {}
    cluster = 0
    last = tops[0]
    for top in tops:
        if top > last + _Y_TOLERANCE:
            cluster += 1
        cluster_of[top] = cluster
        last = top
    rows: list[list[tuple[float, float, float, float, str, float]]] = [[] for _ in range(cluster + 1)]
    for c in chars:
        rows[cluster_of[c[0]]].append(c)
    lines: list[TextLine] = []
    for row in rows:
        row.sort(key=lambda c: c[2])
        words: list[list[str]] = []
        kept = []
        prev = None
        for c in row:
            if c[4].isspace():
                prev = None
                continue
            if prev is None or c[2] < prev[2] or c[2] > prev[3] + _X_TOLERANCE:
                words.append([])
            words[-1].append(c[4])
            kept.append(c)
            prev = c
        if not kept:
            continue
        lines.append(TextLine(
            text=" ".join("".join(w) for w in words),
            x0=min(c[2] for c in kept), x1=max(c[3] for c in kept),
            top=min(c[0] for c in kept), bottom=max(c[1] for c in kept),
            size=max(c[5] for c in kept),
        ))
    return lines


# A printed page number: "— 3 —", "- 3 -", "3", "第3页", "第 3 页 共 12 页", "3/12".
_PAGE_NUMBER = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d{1,4}\s*/\s*\d{1,4}$")


def is_page_number(line: TextLine, page_height: float) -> bool:
    """A page number in the top or bottom margin: dropped, so paragraphs join across pages."""
    in_margin = line.top > 0.9 * page_height or line.bottom < 0.08 * page_height
    return in_margin and bool(_PAGE_NUMBER.match(line.text.strip()))


def _body_lines(text_lines: list[TextLine]) -> list[TextLine]:
    """The lines in the page's most common font size: its body text. A line in a larger size
    (a letterhead, the banner over a printed web page) may stick out of the text's margins."""
    counts: dict[float, int] = {}
    for t in text_lines:
        counts[round(t.size * 2) / 2] = counts.get(round(t.size * 2) / 2, 0) + 1
    body = max(counts, key=lambda k: counts[k])
    return [t for t in text_lines if round(t.size * 2) / 2 == body]


def _title_goes_on(line: TextLine, nxt: TextLine, body_size: float) -> bool:
    """A title set larger than the body and wrapped: the next line is in the same size right
    below it (a title is centred, so the margins say nothing), and no sentence ends before."""
    return (line.size >= 1.2 * body_size and abs(nxt.size - line.size) <= 0.5
            and -0.3 * line.size <= nxt.top - line.bottom <= 0.6 * line.size
            and not line.text.strip().endswith(("。", "！", "？", "：", ":", "；"))
            and not NUMBERED.match(nxt.text.strip()))


def paragraphs(text_lines: list[TextLine]) -> list[Block]:
    """Re-join lines the PDF wrapped: a line that runs (nearly) to the right margin continues
    on the next line when that one starts at the left margin at the usual line spacing."""
    if not text_lines:
        return []
    body = _body_lines(text_lines)
    right = max(t.x1 for t in body)
    left = min(t.x0 for t in body)
    gaps = sorted(b.top - a.bottom for a, b in zip(text_lines, text_lines[1:], strict=False) if b.top > a.bottom)
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0
    out: list[Block] = []
    current: Block | None = None
    for i, line in enumerate(text_lines):
        text = line.text.strip()
        size = line.size
        if current is None:
            current = Block(line.top, [text], at_margin=line.x0 <= left + 0.5 * size)
        else:
            current.lines[-1] += text
        wide = right - left > 10 * size
        full = line.x1 >= right - 1.5 * size
        # CJK wrapping moves an unbreakable run (1680个；) to the next line, leaving a gap.
        nearly = line.x1 >= right - 0.2 * (right - left) and not text.endswith(("。", "！", "？", "：", ":"))
        current.open_end = wide and (full or nearly)
        nxt = text_lines[i + 1] if i + 1 < len(text_lines) else None
        continues = (
            current.open_end
            and nxt is not None
            and nxt.x0 <= left + 0.5 * size
            and nxt.top - line.bottom <= usual_gap + 0.3 * size
            and (not NUMBERED.match(nxt.text.strip()) or text.endswith("第"))  # 第⏎（二）款: a reference
        )
        if not continues and nxt is not None and _title_goes_on(line, nxt, body[0].size):
            continues = True
        if not continues:
            out.append(current)
            current = None
    return out


def append_page(blocks: list[Block], page_blocks: list[Block]) -> None:
    """Add a page's blocks; a paragraph running off the bottom of a page continues at the top of
    the next one when that starts at the left margin (a new paragraph would be indented)."""
    if (page_blocks and blocks and blocks[-1].open_end and page_blocks[0].at_margin
            and not NUMBERED.match(page_blocks[0].lines[0])):
        blocks[-1].lines[-1] += page_blocks[0].lines[0]
        blocks[-1].open_end = page_blocks[0].open_end
        page_blocks = page_blocks[1:]
    blocks.extend(page_blocks)


_CID = re.compile(r"\(cid:\d+\)")


def drop_unmapped(lines: list[str]) -> list[str]:
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
