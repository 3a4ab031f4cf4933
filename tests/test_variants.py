"""The same plans as .docx, .pdf and GB18030 .txt build into the same items as the bundled .txt.

Items are compared as sets (line numbers differ between formats), so these tests hold for
whatever the extractors find today and keep holding as they find more.
"""

from __future__ import annotations

import io
from functools import cache

import pytest

from knowledge.builder import build_sources
from knowledge.cleaning import chrome_lines
from knowledge.models import KnowledgeBase
from tests.plan_variants import PLANS, TABLES, to_docx, to_pdf

ALL = sorted(p.name for p in PLANS.glob("*.txt"))
DOCX = ALL
# STSong-Light has no glyph for "·" (海·河·山 in the work report), so that plan is left out of
# the PDF set: the difference would come from the font, not from the reader.
PDF = ["001_504bf8cd692ac69d.txt", "003_d469b632b0e4d0a4.txt", "004_94047d62e3d4206a.txt"]


def items(kb: KnowledgeBase) -> dict[str, set]:
    """What a user can find in a knowledge base, without line numbers or ids."""
    doc = kb.documents[0]
    lines = next(iter(kb.texts.values()))
    return {
        "document": {(doc.title, doc.issuer, doc.kind, doc.year, doc.period)},
        "sections": {(s.number, s.title, s.level) for s in kb.sections},
        "indicators": {(i.name, i.target.value if i.target else None) for i in kb.indicators},
        "tasks": {(t.title, t.deadline) for t in kb.tasks},
        "terms": {(g.term, g.definition) for g in kb.terms},
        # Chrome compared by its letters and digits (PDF fonts drop bullets and odd spaces).
        "chrome": {_letters(lines[n - 1]) for n in chrome_lines(lines)} - {""},
    }


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


@cache
def reference(file: str) -> dict[str, set]:
    return items(build_sources([(file, (PLANS / file).read_bytes())]))


@cache
def docx_bytes(file: str) -> bytes:
    return to_docx(file)


@cache
def pdf_bytes(file: str) -> bytes:
    return to_pdf(file)


@cache
def pdf_build(file: str) -> KnowledgeBase:
    return build_sources([(file.replace(".txt", ".pdf"), pdf_bytes(file))])


def _assert_same(file: str, got: dict[str, set]) -> None:
    want = reference(file)
    for key in want:
        assert got[key] == want[key], f"{file} {key}: missing {want[key] - got[key]}, extra {got[key] - want[key]}"


@pytest.mark.parametrize("file", ALL)
def test_gb18030_txt(file: str) -> None:
    data = (PLANS / file).read_text(encoding="utf-8").encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _assert_same(file, items(build_sources([(file, data)])))


@pytest.mark.parametrize("file", DOCX)
def test_docx_variant(file: str) -> None:
    _assert_same(file, items(build_sources([(file.replace(".txt", ".docx"), docx_bytes(file))])))


@pytest.mark.parametrize("file", ["000_4baad76979157b99.txt", "004_94047d62e3d4206a.txt"])
def test_docx_with_word_numbering(file: str) -> None:
    # The 一、/（一） labels live in Word's numbering, not in the text: the reader renders them.
    data = to_docx(file, word_numbering=True)
    from docx import Document

    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert not any(t.startswith("一、") for t in texts)
    _assert_same(file, items(build_sources([(file.replace(".txt", ".docx"), data)])))


@pytest.mark.parametrize("file", PDF)
def test_pdf_variant(file: str) -> None:
    _assert_same(file, items(pdf_build(file)))


@pytest.mark.parametrize("file", sorted(TABLES))
def test_variants_hold_real_tables(file: str) -> None:
    from docx import Document

    tables = Document(io.BytesIO(docx_bytes(file))).tables
    assert len(tables) == len(TABLES[file])
    assert len(tables[0].rows) >= 10
    if file in PDF:
        # pdfplumber found the table: its header cells come back one per line, in order.
        header = [cell.text for cell in tables[0].rows[0].cells]
        lines = next(iter(pdf_build(file).texts.values()))
        start = lines.index(header[0])
        assert lines[start:start + len(header)] == header


@pytest.mark.parametrize("file", PDF)
def test_pdf_text_layer_reads_back(file: str) -> None:
    lines = next(iter(pdf_build(file).texts.values()))
    # Every letter and digit of the plan comes back, in order (spaces and bullets aside),
    # without the printed page numbers.
    assert _letters("".join(lines)) == _letters((PLANS / file).read_text(encoding="utf-8"))
    assert not any(line.startswith("—") for line in lines)


def test_variants_find_something() -> None:
    # Guard against comparing empty sets: the variants must carry real items.
    assert reference("004_94047d62e3d4206a.txt")["sections"]
    assert reference("004_94047d62e3d4206a.txt")["indicators"]
    assert reference("004_94047d62e3d4206a.txt")["chrome"]


@pytest.mark.parametrize(("file", "encoding"), [
    ("000_4baad76979157b99.txt", "big5"),
    ("003_d469b632b0e4d0a4.txt", "big5"),
    ("004_94047d62e3d4206a.txt", "utf-8"),
])
def test_traditional_chinese_txt(file: str, encoding: str) -> None:
    import opencc

    text = opencc.OpenCC("s2tw").convert((PLANS / file).read_text(encoding="utf-8"))
    assert text != (PLANS / file).read_text(encoding="utf-8")
    _assert_same(file, items(build_sources([(file, text.encode(encoding))])))
