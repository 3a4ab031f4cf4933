"""PDF engines compared on the same files: the old pdfplumber-only path, PyPDFium2 text alone,
and the reader as it is (PyPDFium2 for text, pdfplumber on pages with ruled tables).

Usage: python bench/bench_pdf.py [--runs N] [--no-office] [--pdf FILE ...]

PDFs measured:
- "reportlab": the bundled plans drawn by tests/plan_variants.py (CID font STSong-Light, real
  tables), each alone and concatenated into one of at least 150 pages;
- "office": the same plans as .docx (tests/plan_variants.py) converted by LibreOffice, as
  Word/WPS exports look (embedded TrueType subsets, Word tables), each alone and one of at least
  150 pages; plus the policy documents of ../shared/corpus/policy-rag/docs (real texts, when
  present) as one office PDF. Needs `soffice` on PATH (skipped otherwise); conversions are
  cached in $TMPDIR/planbot-bench-pdf;
- any --pdf FILE given (a real PDF).

Per engine and file: seconds (median of --runs), pages/s, characters extracted, table cells
found, time ratio against the old pdfplumber path, whether the lines equal the old path's,
and whether the knowledge base built from them (sections, indicators, tasks) is the same.
A benchmark: it measures and prints, it never fails on a time.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge import pdf_plumber, pdf_reader  # noqa: E402
from knowledge.builder import build_document  # noqa: E402
from knowledge.limits import Budget  # noqa: E402
from tests import plan_variants  # noqa: E402

PDF_PLANS = ["001_504bf8cd692ac69d.txt", "003_d469b632b0e4d0a4.txt", "004_94047d62e3d4206a.txt"]
ALL_PLANS = sorted(p.name for p in plan_variants.PLANS.glob("*.txt"))
POLICY_DOCS = ROOT.parent.parent / "shared/corpus/policy-rag/docs"
CACHE = Path(tempfile.gettempdir()) / "planbot-bench-pdf"
TARGET_PAGES, TARGET_SECONDS = 150, 10.0

Engine = Callable[[bytes, Budget], list[str]]


def _not_page_number(line: pdf_reader.TextLine, height: float) -> bool:
    return not pdf_reader.is_page_number(line, height)


def old_pdfplumber(data: bytes, budget: Budget) -> list[str]:
    """The reader before PyPDFium2: pdfplumber (pdfminer) on every page, tables on every page."""
    import pdfplumber

    blocks: list[pdf_reader.Block] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page_blocks = pdf_plumber.plumber_blocks(page, budget, _not_page_number)
            if page_blocks is None:  # no grid on the page: its text lines as paragraphs
                page_blocks = pdf_reader.paragraphs([
                    pdf_reader.TextLine(t["text"].strip(), t["x0"], t["x1"], t["top"], t["bottom"],
                                        max((c.get("size", 10) for c in t.get("chars", [])), default=10))
                    for t in page.extract_text_lines(return_chars=True) if not pdf_reader.is_page_number(
                        pdf_reader.TextLine(t["text"].strip(), t["x0"], t["x1"], t["top"], t["bottom"]), page.height)])
            pdf_reader.append_page(blocks, page_blocks)
            page.flush_cache()
    return pdf_reader.drop_unmapped([line for block in blocks for line in block.lines])


def pdfium_text_only(data: bytes, budget: Budget) -> list[str]:
    """PyPDFium2 on every page, no table finding (what the text alone costs)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    blocks: list[pdf_reader.Block] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            lines, _, _, _ = pdf_reader._pdfium_lines(page, budget)
            height = page.get_height()
            page.close()
            pdf_reader.append_page(blocks, pdf_reader.paragraphs(
                [t for t in lines if not pdf_reader.is_page_number(t, height)]))
    finally:
        pdf.close()
    return [line for block in blocks for line in block.lines]


ENGINES: list[tuple[str, Engine]] = [
    ("pdfplumber (old)", old_pdfplumber),
    ("pypdfium2 text only", pdfium_text_only),
    ("reader (pdfium + plumber on ruled pages)", pdf_reader.read_pdf),
]


# ---------------------------------------------------------------- the PDFs


def _concatenated(files: list[str], build: Callable[[str], bytes], count_pages: Callable[[bytes], int]) -> bytes:
    """One document made of `files` repeated until it has at least TARGET_PAGES pages."""
    original = plan_variants.blocks
    repeats = 1
    while True:
        plan_variants.blocks = lambda _file, n=repeats: [b for _ in range(n) for f in files for b in original(f)]
        try:
            data = build("long")
        finally:
            plan_variants.blocks = original
        if count_pages(data) >= TARGET_PAGES or repeats > 20:
            return data
        repeats += 1


def page_count(data: bytes) -> int:
    """Pages of a PDF (PyPDFium2)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def office_pdf(name: str, source: bytes, suffix: str) -> bytes | None:
    """`source` (.docx or .txt bytes) converted to PDF by LibreOffice, cached; None without soffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1(source).hexdigest()[:16]
    cached = CACHE / f"{key}.pdf"
    if not cached.exists():
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / f"{key}{suffix}"
            src.write_bytes(source)
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=600,
                           env={**os.environ, "HOME": tmp})
            shutil.copy(Path(tmp) / f"{key}.pdf", cached)
    return cached.read_bytes()


def pdfs(office: bool, extra: list[Path]) -> list[tuple[str, bytes]]:
    """(label, PDF bytes) for every PDF measured."""
    out = [(f"reportlab {f[:3]}", plan_variants.to_pdf(f)) for f in PDF_PLANS]
    out.append(("reportlab long", _concatenated(PDF_PLANS, plan_variants.to_pdf, page_count)))
    if office:
        converted = [(f"office {f[:3]}", office_pdf(f, plan_variants.to_docx(f), ".docx")) for f in ALL_PLANS]
        if converted[0][1] is None:
            print("(no soffice on PATH: office PDFs skipped)")
        else:
            out.extend((label, data) for label, data in converted if data)
            long = _concatenated(ALL_PLANS, lambda f: office_pdf(f, plan_variants.to_docx(f), ".docx") or b"",
                                 page_count)
            out.append(("office long", long))
            if POLICY_DOCS.is_dir():
                text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(POLICY_DOCS.glob("*.txt")))
                policy = office_pdf("policy", text.encode("utf-8"), ".txt")
                if policy:
                    out.append(("office policy-rag docs", policy))
    out.extend((f"file {p.name}", p.read_bytes()) for p in extra)
    return out


# ---------------------------------------------------------------- measuring


def items(name: str, lines: list[str]) -> dict[str, set]:
    """What the knowledge base built from `lines` holds (without line numbers)."""
    kb = build_document(name, lines)
    return {
        "sections": {(s.number, s.title, s.level) for s in kb.sections},
        "indicators": {(i.name, i.target.value if i.target else None) for i in kb.indicators},
        "tasks": {(t.title, t.deadline) for t in kb.tasks},
    }


def measure(engine: Engine, data: bytes, runs: int) -> tuple[float, list[str], int]:
    """Median seconds, the lines, and the table cells found."""
    times, lines, cells = [], [], 0
    for _ in range(runs):
        budget = Budget()
        start = time.perf_counter()
        lines = engine(data, budget)
        times.append(time.perf_counter() - start)
        cells = budget.cells
    return statistics.median(times), lines, cells


def main() -> None:
    """Print the comparison table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-office", action="store_true", help="skip the LibreOffice PDFs")
    parser.add_argument("--pdf", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    header = f"{'pdf':<24} {'pages':>5} {'engine':<42} {'seconds':>8} {'pages/s':>8} {'chars':>8} " \
             f"{'cells':>6} {'ratio':>6} {'lines=old':>9} {'kb=old':>7}"
    print(header)
    print("-" * len(header))
    for label, data in pdfs(not args.no_office, args.pdf):
        pages = page_count(data)
        base_seconds, base_lines, base_items = 0.0, None, None
        for engine_name, engine in ENGINES:
            seconds, lines, cells = measure(engine, data, args.runs)
            got = items(label, lines)
            if base_lines is None:  # the first engine is the old path everything is compared with
                base_seconds, base_lines, base_items = seconds, lines, got
            diff = sum(len(got[k] ^ base_items[k]) for k in got)
            print(f"{label:<24} {pages:>5} {engine_name:<42} {seconds:>8.2f} {pages / seconds:>8.1f} "
                  f"{sum(map(len, lines)):>8} {cells:>6} {seconds / base_seconds:>6.2f} "
                  f"{'same' if lines == base_lines else 'differs':>9} {'same' if not diff else f'{diff} diff':>7}")
        print()
    print(f"target: a {TARGET_PAGES}-page text-layer PDF read in <= {TARGET_SECONDS:.0f} s (the reader row of the long PDFs)")


if __name__ == "__main__":
    main()
