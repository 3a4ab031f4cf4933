"""The builder: plan files → readers → cleaning → structure → extractors → KnowledgeBase."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from knowledge import indicators, metadata, passages, structure, tasks, terms, work_report
from knowledge.doctext import document_text, to_source
from knowledge.errors import PlanError
from knowledge.limits import DEFAULT_LIMITS, ReadLimits
from knowledge.models import KnowledgeBase, Warning_
from knowledge.readers import SUPPORTED_SUFFIXES, read_bytes

BUNDLED_PLANS = Path(__file__).parent / "plans"


def doc_id_for(file: str) -> str:
    """A short id derived from the file name, so ids survive rebuilds of the same text."""
    return "D" + hashlib.sha1(file.encode("utf-8")).hexdigest()[:6]


def plan_files(paths: Iterable[Path]) -> list[Path]:
    """The plan files named by `paths`, folders expanded to their supported files, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            found.append(path)
    return found


def build_document(file: str, lines: list[str], sha256: str = "") -> KnowledgeBase:
    """The knowledge base of one document, from its text lines."""
    text = document_text(file, lines)  # logical lines when the text came without line breaks
    doc = metadata.describe(text, doc_id_for(file))
    doc.sha256 = sha256
    sections = structure.parse_sections(doc, text)
    doc.review_lines = work_report.review_range(doc, text, sections)
    found = indicators.extract_indicators(doc, text, sections)
    # Rows of an indicator table are answered by their indicators, not as running text.
    table_lines = {n for i in found if i.source == "table" for n in (i.lines or [i.line])}
    kb = KnowledgeBase(
        documents=[doc],
        sections=sections,
        indicators=found,
        actuals=indicators.extract_actuals(doc, text, sections),
        tasks=tasks.extract_tasks(doc, text, sections),
        terms=terms.extract_terms(doc, text, sections),
        passages=passages.extract_passages(doc.id, file, [(n, t) for n, t in text.content() if n not in table_lines],
                                          sections, title=doc.title if doc.title_source == "text" else ""),
        texts={file: lines},
    )
    kb.passages.extend(passages.date_passage(doc, text.lines, kb.passages))
    kb.warnings.extend(validate(kb))
    to_source(kb, text, lines)
    return kb


def validate(kb: KnowledgeBase) -> list[Warning_]:
    """Warnings an admin should see: empty structure, no indicators, tasks without deadline."""
    warnings: list[Warning_] = []
    for doc in kb.documents:
        if not any(s.doc == doc.file for s in kb.sections):
            warnings.append(Warning_(doc=doc.file, message="未识别到任何章节标题"))
        if not any(i.doc == doc.file for i in kb.indicators):
            warnings.append(Warning_(doc=doc.file, message="未识别到指标"))
        undated = sum(1 for t in kb.tasks if t.doc == doc.file and t.deadline is None
                      and t.deadline_kind != "ongoing")
        if undated:
            warnings.append(Warning_(doc=doc.file, message=f"{undated} 项任务没有完成时限"))
        if doc.period:
            lo, hi = doc.period
            for ind in kb.indicators:
                if ind.doc == doc.file and ind.target and ind.target.year and not lo - 1 <= ind.target.year <= hi + 10:
                    warnings.append(Warning_(doc=doc.file, line=ind.line,
                                             message=f"指标“{ind.name}”的目标年份 {ind.target.year} 不在规划期内"))
    return warnings


def merge(parts: Iterable[KnowledgeBase]) -> KnowledgeBase:
    """One knowledge base holding every part's items, in order."""
    kb = KnowledgeBase()
    for part in parts:
        kb.documents.extend(part.documents)
        kb.sections.extend(part.sections)
        kb.indicators.extend(part.indicators)
        kb.tasks.extend(part.tasks)
        kb.terms.extend(part.terms)
        kb.actuals.extend(part.actuals)
        kb.passages.extend(part.passages)
        kb.warnings.extend(part.warnings)
        kb.texts.update(part.texts)
    return kb


def build_sources(sources: Iterable[tuple[str, bytes]], max_bytes: int | None = None, *,
                  limits: ReadLimits = DEFAULT_LIMITS) -> KnowledgeBase:
    """Build from (file name, content) pairs; a bad file raises its PlanError."""
    parts = []
    for name, data in sources:
        lines = read_bytes(data, name, max_bytes, limits=limits)
        parts.append(build_document(name, lines, hashlib.sha256(data).hexdigest()))
    return merge(parts)


def build_files(paths: Iterable[Path], max_bytes: int | None = None, *,
                limits: ReadLimits = DEFAULT_LIMITS) -> KnowledgeBase:
    """Build from plan files and folders on disk."""
    return build_sources(((p.name, p.read_bytes()) for p in plan_files(paths)), max_bytes, limits=limits)


def build_files_skipping(paths: Iterable[Path], *, limits: ReadLimits = DEFAULT_LIMITS
                         ) -> tuple[KnowledgeBase, list[str]]:
    """Build from plan files and folders, leaving out each file that cannot be read or parsed:
    (knowledge base, one Chinese line per file left out)."""
    parts, skipped = [], []
    try:
        files = plan_files(paths)
    except OSError as exc:
        return KnowledgeBase(), [f"规划文件夹无法读取（{exc.strerror or exc}）。"]
    for path in files:
        try:
            data = path.read_bytes()
            parts.append(build_document(path.name, read_bytes(data, path.name, limits=limits),
                                        hashlib.sha256(data).hexdigest()))
        except OSError as exc:
            skipped.append(f"“{path.name}”无法读取（{exc.strerror or exc}），已跳过。")
        except PlanError as exc:
            skipped.append(f"“{path.name}”无法使用，已跳过：{exc.message}")
    return merge(parts), skipped


def build_bundled() -> KnowledgeBase:
    """The knowledge base of the plans shipped with the package."""
    return build_files([BUNDLED_PLANS])
